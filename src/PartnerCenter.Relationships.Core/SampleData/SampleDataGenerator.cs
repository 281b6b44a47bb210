using System;
using System.Collections.Generic;
using System.Globalization;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.SampleData
{
    /// <summary>
    /// Realistic, deterministic sample customers and subscriptions: the same count and seed give the same ids, names,
    /// offers and statuses on every machine, so a newcomer, a test and the README all see the same store.
    /// </summary>
    public static class SampleDataGenerator
    {
        /// <summary>Microsoft's fictitious company names. The first two always start with "Contoso" so the README session has something to find.</summary>
        private static readonly string[] CompanyNames =
        {
            "Contoso", "Contoso Pharmaceuticals", "Fabrikam", "Northwind Traders", "Adventure Works", "Tailspin Toys",
            "Wide World Importers", "Woodgrove Bank", "Litware", "Proseware", "Alpine Ski House", "Coho Winery",
            "Fourth Coffee", "Blue Yonder Airlines", "Margie's Travel", "Trey Research", "Lucerne Publishing",
            "Humongous Insurance", "Wingtip Toys", "Southridge Video", "Graphic Design Institute", "School of Fine Art",
            "Consolidated Messenger", "City Power & Light", "Relecloud", "VanArsdel", "Lamna Healthcare", "Munson's Pickles and Preserves",
            "Best For You Organics", "Bellows College", "Datum Corporation", "Liberty's Delightful Sinful Bakery", "Nod Publishers",
            "Northwind Health", "Woodgrove Energy", "Fabrikam Residences", "Tailwind Traders", "First Up Consultants",
        };

        private static readonly string[] Regions = { "Europe", "Americas", "Asia", "Nordics", "Iberia", "Benelux", "Pacific", "Africa" };

        private static readonly (string OfferId, string OfferName, string CommerceType, string BillingCycle)[] Offers =
        {
            ("796B6B5F-613C-4E24-A17C-EBA730D49C02", "Office 365 E3", CommerceType.Legacy, BillingCycle.Monthly),
            ("A044B16A-1861-4308-8086-A3A3B506FAC2", "Microsoft 365 Business Premium", CommerceType.Legacy, BillingCycle.Annual),
            ("91FD106F-4B2C-4938-95AC-F54F74E9A239", "Office 365 E1", CommerceType.Legacy, BillingCycle.Monthly),
            ("195416C1-3447-423A-B37B-EE59A99A19C4", "Exchange Online (Plan 1)", CommerceType.Legacy, BillingCycle.Monthly),
            ("CFQ7TTC0LFLX:0001", "Microsoft 365 E3", CommerceType.NewCommerce, BillingCycle.Annual),
            ("CFQ7TTC0LFLZ:0001", "Microsoft 365 E5", CommerceType.NewCommerce, BillingCycle.Annual),
            ("CFQ7TTC0LCHC:0002", "Microsoft 365 Business Basic", CommerceType.NewCommerce, BillingCycle.Monthly),
            ("CFQ7TTC0LH18:0001", "Power BI Pro", CommerceType.NewCommerce, BillingCycle.Monthly),
            ("CFQ7TTC0KHS0:0001", "Visio Plan 2", CommerceType.NewCommerce, BillingCycle.Annual),
            ("CFQ7TTC0MPF8:0001", "Teams Essentials", CommerceType.NewCommerce, BillingCycle.Monthly),
            ("CFQ7TTC0HDZC:0001", "Project Plan 3", CommerceType.NewCommerce, BillingCycle.Triennial),
            ("DZH318Z0BPS6:0001", "Azure plan", CommerceType.NewCommerce, BillingCycle.Monthly),
        };

        /// <summary>The fixed day commitment dates are counted from, so the same seed gives the same dates next year too.</summary>
        private static readonly DateTime BaseDate = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public static SampleStoreContent Generate(int customerCount, int seed)
        {
            if (customerCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(customerCount));
            }

            var random = new Random(seed);
            var partner = new PartnerInfo { TenantId = NextGuid(random), Name = "Tailwind Cloud Partners", MpnId = "0" };
            var customers = new List<Customer>(customerCount);
            var subscriptions = new List<Subscription>(customerCount * 4);
            for (var index = 0; index < customerCount; index++)
            {
                var customer = NextCustomer(random, index);
                customers.Add(customer);

                // The first customer always has an active legacy and an active new-commerce subscription, so the
                // canonical session (suspend, then remove) has real work to do.
                var count = index == 0 ? 3 : 1 + random.Next(5);
                for (var n = 0; n < count; n++)
                {
                    subscriptions.Add(NextSubscription(random, customer, index, n));
                }
            }

            return new SampleStoreContent(partner, customers, subscriptions);
        }

        // The order of the calls on random is part of the sample data: the same seed gives the same store.
        private static Customer NextCustomer(Random random, int index)
        {
            var name = CompanyName(index);
            return new Customer
            {
                CustomerId = NextGuid(random),
                Name = name,
                Domain = DomainFor(name, index),
                RelationshipToPartner = RelationshipToPartner.Reseller,
                AllowDelegatedAccess = random.Next(3) > 0,
                IsSupportContact = true,
                CanPurchase = true,
            };
        }

        private static Subscription NextSubscription(Random random, Customer customer, int index, int n)
        {
            var offer = index == 0 ? Offers[n == 0 ? 0 : n == 1 ? 4 : 7] : Offers[random.Next(Offers.Length)];
            var status = index == 0 && n < 2 ? SubscriptionStatus.Active : PickStatus(random);
            return new Subscription
            {
                CustomerId = customer.CustomerId,
                SubscriptionId = NextGuid(random),
                OfferId = offer.OfferId,
                OfferName = offer.OfferName,
                FriendlyName = offer.OfferName,
                Quantity = 1 + random.Next(250),
                Status = status,
                BillingCycle = offer.BillingCycle,
                CommerceType = offer.CommerceType,
                CommitmentEndDate = BaseDate.AddDays(random.Next(30, 1100)),
            };
        }

        private static string CompanyName(int index)
        {
            var baseName = CompanyNames[index % CompanyNames.Length];
            var round = index / CompanyNames.Length;
            if (round == 0)
            {
                return baseName;
            }

            var region = Regions[(round - 1) % Regions.Length];
            var series = (round - 1) / Regions.Length;
            return series == 0 ? $"{baseName} {region}" : string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}", baseName, region, series + 1);
        }

        private static string DomainFor(string name, int index)
        {
            var chars = new List<char>();
            foreach (var c in name.ToLowerInvariant())
            {
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
                {
                    chars.Add(c);
                }
            }

            var label = new string(chars.ToArray());
            if (label.Length > 40)
            {
                label = label.Substring(0, 40);
            }

            // Names repeat only with a region suffix, so the label is unique; the index guards the rest.
            return index < CompanyNames.Length ? label + ".onmicrosoft.com" : string.Format(CultureInfo.InvariantCulture, "{0}{1}.onmicrosoft.com", label, index);
        }

        /// <summary>Mostly active, some suspended, a few in final states, as a real partner's book looks.</summary>
        private static string PickStatus(Random random)
        {
            var roll = random.Next(100);
            return roll < 70 ? SubscriptionStatus.Active
                : roll < 85 ? SubscriptionStatus.Suspended
                : roll < 92 ? SubscriptionStatus.Deleted
                : roll < 97 ? SubscriptionStatus.Expired
                : SubscriptionStatus.Disabled;
        }

        private static Guid NextGuid(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(bytes);
        }
    }

    public sealed class SampleStoreContent
    {
        public SampleStoreContent(PartnerInfo partner, IReadOnlyList<Customer> customers, IReadOnlyList<Subscription> subscriptions)
        {
            Partner = partner;
            Customers = customers;
            Subscriptions = subscriptions;
        }

        public PartnerInfo Partner { get; }

        public IReadOnlyList<Customer> Customers { get; }

        public IReadOnlyList<Subscription> Subscriptions { get; }
    }
}
