using System;
using System.IO;
using PartnerCenter.Relationships.Core;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Offboarding;
using PartnerCenter.Relationships.Core.Relationships;
using PartnerCenter.Relationships.Core.Store;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.Tests
{
    /// <summary>A store file in a temporary folder of its own, with a command's operations over it and helpers to add data.</summary>
    internal sealed class TestStore : IDisposable
    {
        public TestStore()
        {
            Folder = Directory.CreateTempSubdirectory("pcr-core-").FullName;
            Path = System.IO.Path.Combine(Folder, "partner.db");
            Store = SqlitePartnerStore.Open(Path);
            Over(Store);
        }

        public string Folder { get; }

        public string Path { get; }

        public SqlitePartnerStore Store { get; private set; }

        public CustomerLookup Customers { get; private set; } = null!;

        public SubscriptionLookup Subscriptions { get; private set; } = null!;

        public StatusChangePreview Preview { get; private set; } = null!;

        public StatusChanger StatusChanges { get; private set; } = null!;

        public StatusChangeBatch Batch { get; private set; } = null!;

        public RelationshipRemoval Removal { get; private set; } = null!;

        public RelationshipRequests Requests { get; private set; } = null!;

        public RelationshipRequestApproval Approval { get; private set; } = null!;

        /// <summary>The operations of one command over <paramref name="backend"/>, as a cmdlet builds them.</summary>
        private void Over(IPartnerBackend backend)
        {
            Customers = new CustomerLookup(backend);
            Subscriptions = new SubscriptionLookup(backend);
            Preview = new StatusChangePreview(backend);
            StatusChanges = new StatusChanger(backend, Preview);
            Batch = new StatusChangeBatch(StatusChanges);
            Removal = new RelationshipRemoval(backend);
            Requests = new RelationshipRequests(backend);
            Approval = new RelationshipRequestApproval(backend);
        }

        public Customer AddCustomer(string name = "Contoso", bool delegatedAdmin = true) =>
            new CustomerCreation(Store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = name, Domain = DomainFor(name), AllowDelegatedAccess = delegatedAdmin });

        /// <summary>The onmicrosoft.com domain of a company name: its letters and digits ("100% Organic_Foods" is 100organicfoods).</summary>
        public static string DomainFor(string name) =>
            new string(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(name.ToLowerInvariant(), char.IsLetterOrDigit))) + ".onmicrosoft.com";

        /// <summary>A legacy subscription: suspending it is all removal needs (new-commerce ones have tests of their own).</summary>
        public Subscription AddSubscription(Customer customer, string offerName = "Microsoft 365 E3", string? status = null)
        {
            var subscription = new SubscriptionPurchase(Store).Purchase(new SubscriptionOrder
            {
                CustomerId = customer.CustomerId, OfferName = offerName, Quantity = 10, CommerceType = CommerceType.Legacy,
            });
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
            Over(Store);
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
