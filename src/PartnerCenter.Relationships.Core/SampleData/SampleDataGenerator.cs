using System;
using System.Collections.Generic;
using System.Globalization;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.SampleData
{
    /// <summary>
    /// Realistic, deterministic sample customers, subscriptions and GDAP relationships: the same count and seed give
    /// the same ids, names, offers and statuses on every machine, so a newcomer, a test and the README all see the
    /// same store.
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

        private static readonly Offer[] Offers =
        {
            new Offer("796B6B5F-613C-4E24-A17C-EBA730D49C02", "Office 365 E3", CommerceType.Legacy, BillingCycle.Monthly),
            new Offer("A044B16A-1861-4308-8086-A3A3B506FAC2", "Microsoft 365 Business Premium", CommerceType.Legacy, BillingCycle.Annual),
            new Offer("91FD106F-4B2C-4938-95AC-F54F74E9A239", "Office 365 E1", CommerceType.Legacy, BillingCycle.Monthly),
            new Offer("195416C1-3447-423A-B37B-EE59A99A19C4", "Exchange Online (Plan 1)", CommerceType.Legacy, BillingCycle.Monthly),
            new Offer("CFQ7TTC0LFLX:0001", "Microsoft 365 E3", CommerceType.NewCommerce, BillingCycle.Annual),
            new Offer("CFQ7TTC0LFLZ:0001", "Microsoft 365 E5", CommerceType.NewCommerce, BillingCycle.Annual),
            new Offer("CFQ7TTC0LCHC:0002", "Microsoft 365 Business Basic", CommerceType.NewCommerce, BillingCycle.Monthly),
            new Offer("CFQ7TTC0LH18:0001", "Power BI Pro", CommerceType.NewCommerce, BillingCycle.Monthly),
            new Offer("CFQ7TTC0KHS0:0001", "Visio Plan 2", CommerceType.NewCommerce, BillingCycle.Annual),
            new Offer("CFQ7TTC0MPF8:0001", "Teams Essentials", CommerceType.NewCommerce, BillingCycle.Monthly),
            new Offer("CFQ7TTC0HDZC:0001", "Project Plan 3", CommerceType.NewCommerce, BillingCycle.Triennial),
            new Offer("DZH318Z0BPS6:0001", "Azure plan", CommerceType.NewCommerce, BillingCycle.Monthly, BillingType.Usage),
        };

        /// <summary>An add-on, bought only on top of a base subscription (the fixed cases below).</summary>
        private static readonly Offer TeamsPhone = new Offer("CFQ7TTC0J1FV:0001", "Microsoft Teams Phone Standard", CommerceType.NewCommerce, BillingCycle.Annual);

        /// <summary>
        /// The first customers show each offboarding case, so the README session and a newcomer's rehearsal meet all of
        /// them: Contoso can be offboarded today (a legacy subscription to suspend, new-commerce ones inside their
        /// window to cancel); Contoso Pharmaceuticals cannot (a new-commerce subscription and its add-on past their
        /// window, auto-renew on); Fabrikam can (an empty Azure plan to suspend, the rest final); Northwind Traders has an
        /// Azure plan with Azure subscriptions still active and a new-commerce subscription with auto-renew off, left to expire.
        /// </summary>
        private static readonly Func<Random, Customer, DateTime, IEnumerable<Subscription>>[] FixedCases =
        {
            (random, customer, day) => new[]
            {
                Make(random, customer, Offers[0], SubscriptionStatus.Active, day.AddDays(-400), day),
                Make(random, customer, Offers[4], SubscriptionStatus.Active, day.AddDays(-2), day),
                Make(random, customer, Offers[7], SubscriptionStatus.Suspended, day.AddDays(-3), day),
            },
            (random, customer, day) =>
            {
                var e5 = Make(random, customer, Offers[5], SubscriptionStatus.Active, day.AddDays(-100), day);
                var phone = Make(random, customer, TeamsPhone, SubscriptionStatus.Active, day.AddDays(-100), day);
                phone.ParentSubscriptionId = e5.SubscriptionId;
                return new[] { Make(random, customer, Offers[1], SubscriptionStatus.Active, day.AddDays(-200), day), e5, phone };
            },
            (random, customer, day) => new[]
            {
                Make(random, customer, Offers[11], SubscriptionStatus.Active, day.AddDays(-300), day),
                Make(random, customer, Offers[3], SubscriptionStatus.Suspended, day.AddDays(-500), day),
                Make(random, customer, Offers[8], SubscriptionStatus.Expired, day.AddDays(-800), day, autoRenew: false),
            },
            (random, customer, day) =>
            {
                var azure = Make(random, customer, Offers[11], SubscriptionStatus.Active, day.AddDays(-60), day);
                azure.ActiveAzureSubscriptions = 2;
                return new[] { Make(random, customer, Offers[6], SubscriptionStatus.Active, day.AddDays(-20), day, autoRenew: false), azure };
            },
        };

        /// <summary>
        /// Generates <paramref name="customerCount"/> customers. Ids, names, offers and statuses depend on the seed
        /// alone; dates are counted back from <paramref name="today"/> (now when null), so a new-commerce subscription
        /// bought "two days ago" is inside its cancellation window whenever the store is made.
        /// </summary>
        public static SampleStoreContent Generate(int customerCount, int seed, DateTime? today = null)
        {
            if (customerCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(customerCount));
            }

            var day = (today ?? DateTime.UtcNow).Date;
            var random = new Random(seed);
            var partner = new PartnerInfo { TenantId = NextGuid(random), Name = "Tailwind Cloud Partners", MpnId = "0" };
            var customers = new List<Customer>(customerCount);
            var subscriptions = new List<Subscription>(customerCount * 4);
            for (var index = 0; index < customerCount; index++)
            {
                var customer = NextCustomer(random, index);
                customers.Add(customer);

                // Contoso keeps legacy DAP beside its GDAP relationships, so that offboarding it meets both. Set after
                // the draw, so the draw itself (and every later customer) is as it was.
                customer.AllowDelegatedAccess |= index == 0;
                if (index < FixedCases.Length)
                {
                    subscriptions.AddRange(FixedCases[index](random, customer, day));
                    continue;
                }

                var count = 1 + random.Next(5);
                for (var n = 0; n < count; n++)
                {
                    subscriptions.Add(NextSubscription(random, customer, day));
                }
            }

            return new SampleStoreContent(partner, customers, subscriptions, SampleAdminRelationships.For(customers, seed, day));
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

        private static Subscription NextSubscription(Random random, Customer customer, DateTime day)
        {
            var offer = Offers[random.Next(Offers.Length)];
            var status = PickStatus(random);
            var created = day.AddDays(-random.Next(0, 1100));
            var autoRenew = random.Next(5) > 0;
            var subscription = Make(random, customer, offer, status, created, day, autoRenew);
            if (CommitmentTerms.IsAzurePlan(subscription))
            {
                subscription.ActiveAzureSubscriptions = random.Next(3);
            }

            return subscription;
        }

        /// <summary>
        /// A subscription bought on <paramref name="created"/>, as it stands on <paramref name="day"/>: a new-commerce
        /// one with the term it is in now (renewed at each term end since, or expired when auto-renew is off), a
        /// legacy one with its commitment end somewhere ahead.
        /// </summary>
        private static Subscription Make(Random random, Customer customer, Offer offer, string status, DateTime created, DateTime day, bool autoRenew = true)
        {
            var subscription = new Subscription
            {
                CustomerId = customer.CustomerId,
                SubscriptionId = NextGuid(random),
                OfferId = offer.OfferId,
                OfferName = offer.OfferName,
                FriendlyName = offer.OfferName,
                Quantity = BillingType.IsUsage(offer.BillingType) ? 1 : 1 + random.Next(250),
                Status = SubscriptionStatus.Active,
                BillingCycle = offer.BillingCycle,
                CommerceType = offer.CommerceType,
                TermDuration = SubscriptionPurchase.TermFor(offer.BillingCycle),
                AutoRenewEnabled = autoRenew,
                CreationDate = created,
                BillingType = offer.BillingType,
            };
            subscription.CancellationAllowedUntil = CommitmentTerms.CancellationWindowEnd(subscription, created);
            if (!CommitmentTerms.IsNewCommerce(subscription))
            {
                subscription.CommitmentEndDate = day.AddDays(random.Next(30, 700));
                subscription.Status = status;
                return subscription;
            }

            // Caught up as if active throughout, then given the status picked for it; a term that ran out with
            // auto-renew off leaves it expired whatever was picked.
            subscription.CommitmentEndDate = CommitmentTerms.CommitmentEndFor(subscription.TermDuration, created);
            var now = CommitmentTerms.AfterTermEnd(subscription, day) ?? subscription;
            now.Status = KnownValues.AreEqual(now.Status, SubscriptionStatus.Expired) ? SubscriptionStatus.Expired : status;
            return now;
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

        internal static Guid NextGuid(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(bytes);
        }
    }

    internal sealed class Offer
    {
        public Offer(string offerId, string offerName, string commerceType, string billingCycle, string billingType = Models.BillingType.License)
        {
            OfferId = offerId;
            OfferName = offerName;
            CommerceType = commerceType;
            BillingCycle = billingCycle;
            BillingType = billingType;
        }

        public string OfferId { get; }

        public string OfferName { get; }

        public string CommerceType { get; }

        public string BillingCycle { get; }

        public string BillingType { get; }
    }

    public sealed class SampleStoreContent
    {
        public SampleStoreContent(PartnerInfo partner, IReadOnlyList<Customer> customers, IReadOnlyList<Subscription> subscriptions,
            IReadOnlyList<AdminRelationship> adminRelationships)
        {
            Partner = partner;
            Customers = customers;
            Subscriptions = subscriptions;
            AdminRelationships = adminRelationships;
        }

        public PartnerInfo Partner { get; }

        public IReadOnlyList<Customer> Customers { get; }

        public IReadOnlyList<Subscription> Subscriptions { get; }

        public IReadOnlyList<AdminRelationship> AdminRelationships { get; }
    }
}
