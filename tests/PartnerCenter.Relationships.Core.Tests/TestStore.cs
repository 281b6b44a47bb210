using System;
using System.IO;
using PartnerCenter.Relationships.Core;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Storage;

namespace PartnerCenter.Relationships.Core.Tests
{
    /// <summary>A store file in a temporary folder of its own, with a service over it and helpers to add data.</summary>
    internal sealed class TestStore : IDisposable
    {
        public TestStore()
        {
            Folder = Directory.CreateTempSubdirectory("pcr-core-").FullName;
            Path = System.IO.Path.Combine(Folder, "partner.db");
            Store = SqlitePartnerStore.Open(Path);
            Service = new PartnerRelationshipService(Store);
        }

        public string Folder { get; }

        public string Path { get; }

        public SqlitePartnerStore Store { get; private set; }

        public PartnerRelationshipService Service { get; private set; }

        public Customer AddCustomer(string name = "Contoso", bool delegatedAdmin = true) =>
            Service.AddCustomer(new Customer { CustomerId = Guid.NewGuid(), Name = name, Domain = DomainFor(name), AllowDelegatedAccess = delegatedAdmin });

        /// <summary>The onmicrosoft.com domain of a company name: its letters and digits ("100% Organic_Foods" is 100organicfoods).</summary>
        public static string DomainFor(string name) =>
            new string(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(name.ToLowerInvariant(), char.IsLetterOrDigit))) + ".onmicrosoft.com";

        public Subscription AddSubscription(Customer customer, string offerName = "Microsoft 365 E3", string? status = null)
        {
            var subscription = Service.PurchaseSubscription(new SubscriptionOrder { CustomerId = customer.CustomerId, OfferName = offerName, Quantity = 10 });
            if (status != null)
            {
                var active = subscription.Status;
                subscription.Status = status;
                Store.UpdateSubscriptionStatuses(new[] { subscription }, active, status);
            }

            return subscription;
        }

        /// <summary>Closes and opens the store again, as the next cmdlet would.</summary>
        public void Reopen()
        {
            Store.Dispose();
            Store = SqlitePartnerStore.Open(Path);
            Service = new PartnerRelationshipService(Store);
        }

        public void Dispose()
        {
            Store.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
