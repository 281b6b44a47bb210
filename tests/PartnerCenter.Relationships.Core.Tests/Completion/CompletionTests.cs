using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Completion;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.SampleData;

namespace PartnerCenter.Relationships.Core.Tests.Completion
{
    /// <summary>What is typed before Tab: quotes, prefix matching with wildcards, and how a completion is written back.</summary>
    public sealed class CompletionWordTests
    {
        [Theory]
        [InlineData("Con", "Con", '\0')]
        [InlineData("'Con'", "Con", '\'')]
        [InlineData("'Contoso P'", "Contoso P", '\'')]
        [InlineData("\"Con\"", "Con", '"')]
        [InlineData("'Con", "Con", '\'')]
        [InlineData("\u2018Con\u2019", "Con", '\'')]
        [InlineData("", "", '\0')]
        [InlineData(null, "", '\0')]
        public void TheWord_LosesTheQuotesPowerShellPassesItWith(string? typed, string text, char quote)
        {
            var word = CompletionWord.Parse(typed);

            Assert.Equal(text, word.Text);
            Assert.Equal(quote, word.Quote);
        }

        [Theory]
        [InlineData("Con", "Contoso", true)]
        [InlineData("con", "Contoso Pharmaceuticals", true)]
        [InlineData("CONTOSO P", "Contoso Pharmaceuticals", true)]
        [InlineData("Con", "Fabrikam", false)]
        [InlineData("Contoso", "Contoso", true)]
        [InlineData("Contosox", "Contoso", false)]
        [InlineData("", "anything", true)]
        [InlineData("Con*Ph", "Contoso Pharmaceuticals", true)]
        [InlineData("Con*Ph", "Contoso", false)]
        [InlineData("*ph", "Contoso Pharmaceuticals", true)]
        [InlineData("?ontoso", "Contoso", true)]
        [InlineData("[CF]*a", "Fabrikam", true)]
        [InlineData("[a-c]o", "Contoso", true)]
        [InlineData("[d-z]o", "Contoso", false)]
        [InlineData("Contoso `[E", "Contoso [EU]", true)]
        [InlineData("Contoso `*", "Contoso Pharmaceuticals", false)]
        [InlineData("Contoso [E", "Contoso [EU]", true)]
        [InlineData("3410CDA1-5b", "3410cda1-5b13-434e-af84-a54adf7a0ea0", true)]
        [InlineData("a*b*c", "aXbYcZ", true)]
        [InlineData("a*b*c", "acb", false)]
        [InlineData("*o*o*o", "Contoso Pharmaceuticals", true)]
        [InlineData("*o*o*o*o", "Contoso", false)]
        public void TheWord_MatchesWhatStartsWithIt_IgnoringCase_WildcardsHonoured(string typed, string value, bool matches)
        {
            Assert.Equal(matches, CompletionWord.Parse(typed).Matches(value));
        }

        [Fact]
        public void ManyStars_CostNoMoreThanOnePassPerStar()
        {
            var word = CompletionWord.Parse(string.Concat(Enumerable.Repeat("*a", 40)) + "*b");
            var value = new string('a', 5000);

            var started = DateTime.UtcNow;
            Assert.False(word.Matches(value));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
        }

        [Theory]
        [InlineData("Con", "Con", false)]
        [InlineData("Con*Ph", "Con", true)]
        [InlineData("*ph", "", true)]
        [InlineData("Contoso `[E", "Contoso [E", false)]
        [InlineData("A?c", "A", true)]
        public void TheLiteralPrefix_IsWhatASourceCanFilterOn(string typed, string prefix, bool hasWildcards)
        {
            var word = CompletionWord.Parse(typed);

            Assert.Equal(prefix, word.LiteralPrefix);
            Assert.Equal(hasWildcards, word.HasWildcards);
        }

        [Theory]
        [InlineData("Contoso", "", "Contoso")]
        [InlineData("contoso.onmicrosoft.com", "", "contoso.onmicrosoft.com")]
        [InlineData("3410cda1-5b13-434e-af84-a54adf7a0ea0", "", "3410cda1-5b13-434e-af84-a54adf7a0ea0")]
        [InlineData("Contoso Pharmaceuticals", "", "'Contoso Pharmaceuticals'")]
        [InlineData("Margie's Travel", "", "'Margie''s Travel'")]
        [InlineData("City Power & Light", "", "'City Power & Light'")]
        [InlineData("1MB", "", "'1MB'")]
        [InlineData("42.onmicrosoft.com", "", "'42.onmicrosoft.com'")]
        [InlineData("-Name", "", "'-Name'")]
        [InlineData("$home", "", "'$home'")]
        [InlineData("a,b", "", "'a,b'")]
        [InlineData("Contoso", "'", "'Contoso'")]
        [InlineData("Margie\u2019s", "'", "'Margie\u2019\u2019s'")]
        [InlineData("Contoso", "\"", "\"Contoso\"")]
        [InlineData("Say \"$hi\" `x", "\"", "\"Say `\"`$hi`\" ``x\"")]
        public void ACompletion_IsWrittenSoPowerShellReadsBackTheSameString(string value, string typedQuote, string expected)
        {
            var word = CompletionWord.Parse(typedQuote.Length == 0 ? "x" : typedQuote + "x" + typedQuote);

            Assert.Equal(expected, word.ToCompletionText(value));
        }

        [Fact]
        public void ForAParameterThatTakesWildcards_AValueIsEscapedToMatchOnlyItself()
        {
            Assert.Equal("Contoso `[EU`] `*`?``", CompletionWord.EscapeWildcards("Contoso [EU] *?`"));
            Assert.True(CompletionWord.Parse(CompletionWord.EscapeWildcards("Contoso [EU]")).Matches("Contoso [EU]"));
        }
    }

    /// <summary>Completion over a real store: bounded, read with as little as it takes, kept per session with a clock the test turns.</summary>
    public sealed class ArgumentCompletionTests
    {
        private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

        [Fact]
        public void CustomerNames_StartingWithTheWord_QuotedWhereNeeded_TooltipTheDomain()
        {
            using var t = SampleStore(25);
            var fixture = new Fixture(t);

            var names = fixture.Completions.CustomerNames("Con", CustomerScope.Listed, fixture.Open);

            Assert.Equal(new[] { "'Consolidated Messenger'", "Contoso", "'Contoso Pharmaceuticals'" }, names.Select(n => n.CompletionText));
            Assert.Equal(new[] { "Consolidated Messenger", "Contoso", "Contoso Pharmaceuticals" }, names.Select(n => n.ListItemText));
            Assert.Equal("Contoso, contoso.onmicrosoft.com", names[1].ToolTip);
            Assert.Equal(new[] { "Con" }, fixture.Backend.Queries.Select(q => q.NamePrefix));
            Assert.Equal("'Margie''s Travel'", fixture.Completions.CustomerNames("marg", CustomerScope.Listed, fixture.Open).Single().CompletionText);
        }

        [Fact]
        public void AtMostFifty_AndTheStoreReadsNoMoreThanThatAndOne()
        {
            using var t = SampleStore(120);
            var fixture = new Fixture(t);

            var ids = fixture.Completions.CustomerIds(string.Empty, CustomerScope.Listed, fixture.Open);

            Assert.Equal(ArgumentCompletions.MaxResults, ids.Count);
            Assert.Equal(ids.Count, ids.Select(i => i.CompletionText).Distinct().Count());
            Assert.Equal(ArgumentCompletions.MaxResults + 1, fixture.Backend.Queries.Single().PageSize);
            Assert.Equal(ArgumentCompletions.MaxResults + 1, fixture.Backend.CustomersRead);

            // The first fifty by name, as the store lists them.
            var expected = t.Store.GetCustomers(CustomerQuery.All).Take(50).Select(c => c.CustomerId.ToString()).ToList();
            Assert.Equal(expected.OrderBy(id => id), ids.Select(i => i.CompletionText).OrderBy(id => id));
        }

        [Fact]
        public void CustomerIds_AreFoundByIdOrByName_ListedAsNameAndId_TooltipNameAndDomain()
        {
            using var t = new TestStore();
            var contoso = t.AddCustomer("Contoso");
            var fabrikam = t.AddCustomer("Fabrikam");
            var fixture = new Fixture(t);

            var byName = fixture.Completions.CustomerIds("fab", CustomerScope.Listed, fixture.Open).Single();
            var byId = fixture.Completions.CustomerIds(contoso.CustomerId.ToString().Substring(0, 6).ToUpperInvariant(), CustomerScope.Listed, fixture.Open);

            Assert.Equal(fabrikam.CustomerId.ToString(), byName.CompletionText);
            Assert.Equal($"Fabrikam ({fabrikam.CustomerId})", byName.ListItemText);
            Assert.Equal("Fabrikam, fabrikam.onmicrosoft.com", byName.ToolTip);
            Assert.Contains(byId, i => i.CompletionText == contoso.CustomerId.ToString());
            Assert.Equal("'" + contoso.CustomerId + "'", fixture.Completions.CustomerIds("'Cont'", CustomerScope.Listed, fixture.Open).Single().CompletionText);
        }

        [Fact]
        public void ARemovedCustomer_IsNotListed_ButIsWhatARequestCompletes()
        {
            using var t = new TestStore();
            var contoso = t.AddCustomer("Contoso");
            t.AddCustomer("Contoso Pharmaceuticals");
            t.Removal.Remove(contoso.CustomerId, Array.Empty<Guid>());
            var fixture = new Fixture(t);

            Assert.Equal(new[] { "'Contoso Pharmaceuticals'" }, fixture.Completions.CustomerNames("Con", CustomerScope.Listed, fixture.Open).Select(n => n.CompletionText));
            Assert.Equal(new[] { contoso.CustomerId.ToString() }, fixture.Completions.CustomerIds("Con", CustomerScope.Removed, fixture.Open).Select(i => i.CompletionText));
            Assert.Equal(new[] { "contoso.onmicrosoft.com" }, fixture.Completions.CustomerDomains(string.Empty, CustomerScope.Removed, fixture.Open).Select(d => d.CompletionText));
            Assert.Empty(fixture.Completions.SubscriptionIds(contoso.CustomerId, string.Empty, fixture.Open));
        }

        [Fact]
        public void Domains_StartWithTheWord_WildcardsEscaped()
        {
            using var t = SampleStore(25);
            var fixture = new Fixture(t);

            var domains = fixture.Completions.CustomerDomains("CONTOSO", CustomerScope.Listed, fixture.Open);

            Assert.Equal(new[] { "contoso.onmicrosoft.com", "contosopharmaceuticals.onmicrosoft.com" }, domains.Select(d => d.CompletionText));
            Assert.Equal("Contoso Pharmaceuticals, contosopharmaceuticals.onmicrosoft.com", domains[1].ToolTip);
            Assert.Equal(new[] { "CONTOSO" }, fixture.Backend.Queries.Select(q => q.DomainPrefix));
        }

        [Fact]
        public void ANameWithWildcardCharacters_IsCompletedEscaped()
        {
            using var t = new TestStore();
            new CustomerCreation(t.Store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Contoso [EU]", Domain = "contosoeu.onmicrosoft.com" });
            var fixture = new Fixture(t);

            Assert.Equal("'Contoso `[EU`]'", fixture.Completions.CustomerNames("Contoso", CustomerScope.Listed, fixture.Open).Single().CompletionText);
        }

        [Fact]
        public void SubscriptionIds_AreTheCustomers_TooltipOfferAndStatus()
        {
            using var t = new TestStore();
            var contoso = t.AddCustomer("Contoso");
            var e3 = t.AddSubscription(contoso, "Microsoft 365 E3");
            var visio = t.AddSubscription(contoso, "Visio Plan 2", SubscriptionStatus.Suspended);
            t.AddSubscription(t.AddCustomer("Fabrikam"), "Power BI Pro");
            var fixture = new Fixture(t);

            var all = fixture.Completions.SubscriptionIds(contoso.CustomerId, string.Empty, fixture.Open);
            var byOffer = fixture.Completions.SubscriptionIds(contoso.CustomerId, "vis", fixture.Open);

            Assert.Equal(new[] { e3.SubscriptionId.ToString(), visio.SubscriptionId.ToString() }, all.Select(s => s.CompletionText));
            Assert.Equal("Visio Plan 2, Suspended", all[1].ToolTip);
            Assert.Equal($"Visio Plan 2 ({visio.SubscriptionId})", all[1].ListItemText);
            Assert.Equal(visio.SubscriptionId.ToString(), byOffer.Single().CompletionText);
            Assert.Empty(fixture.Completions.SubscriptionIds(Guid.NewGuid(), string.Empty, fixture.Open));
        }

        [Fact]
        public void PressingTabAgain_IsAnsweredFromWhatWasKept_UntilItExpires()
        {
            using var t = SampleStore(25);
            var fixture = new Fixture(t);

            fixture.Completions.CustomerNames("Con", CustomerScope.Listed, fixture.Open);
            fixture.Completions.CustomerNames("'con'", CustomerScope.Listed, fixture.Open);
            new CustomerCreation(t.Store).Add(new Customer { CustomerId = Guid.NewGuid(), Name = "Contoso Brewing", Domain = "contosobrewing.onmicrosoft.com" });
            fixture.Now += ArgumentCompletions.DefaultLifetime - TimeSpan.FromSeconds(1);
            var kept = fixture.Completions.CustomerNames("Con", CustomerScope.Listed, fixture.Open);

            Assert.Equal(1, fixture.Opened);
            Assert.DoesNotContain(kept, n => n.ListItemText == "Contoso Brewing");

            fixture.Now += TimeSpan.FromSeconds(1);
            var fresh = fixture.Completions.CustomerNames("Con", CustomerScope.Listed, fixture.Open);

            Assert.Equal(2, fixture.Opened);
            Assert.Contains(fresh, n => n.ListItemText == "Contoso Brewing");
        }

        [Fact]
        public void Clear_ForgetsEverything_AsAChangedConnectionDoes()
        {
            using var t = SampleStore(25);
            var fixture = new Fixture(t);

            fixture.Completions.CustomerIds(string.Empty, CustomerScope.Listed, fixture.Open);
            fixture.Completions.Clear();
            fixture.Completions.CustomerIds(string.Empty, CustomerScope.Listed, fixture.Open);

            Assert.Equal(2, fixture.Opened);
        }

        [Fact]
        public void ALongerWord_IsAnsweredFromAShorterOne_OnlyWhenThatFoundEverything()
        {
            using var t = SampleStore(120);
            var fixture = new Fixture(t);

            fixture.Completions.CustomerNames("Co", CustomerScope.Listed, fixture.Open);
            var longer = fixture.Completions.CustomerNames("Cont", CustomerScope.Listed, fixture.Open);
            Assert.Equal(1, fixture.Opened);
            Assert.All(longer, n => Assert.StartsWith("Cont", n.ListItemText, StringComparison.Ordinal));
            Assert.Equal(t.Store.GetCustomers(new CustomerQuery { NamePrefix = "Cont" }).Count(), longer.Count);

            // Fifty of 120 is not everything: "Con" must be asked for.
            fixture.Completions.CustomerIds(string.Empty, CustomerScope.Listed, fixture.Open);
            fixture.Completions.CustomerIds("Con", CustomerScope.Listed, fixture.Open);
            Assert.Equal(3, fixture.Opened);
        }

        [Fact]
        public void AKindAndACustomer_HaveTheirOwnKeptAnswers()
        {
            using var t = new TestStore();
            var contoso = t.AddCustomer("Contoso");
            var fabrikam = t.AddCustomer("Fabrikam");
            t.AddSubscription(contoso);
            var fixture = new Fixture(t);

            fixture.Completions.CustomerNames(string.Empty, CustomerScope.Listed, fixture.Open);
            fixture.Completions.CustomerIds(string.Empty, CustomerScope.Listed, fixture.Open);
            fixture.Completions.CustomerIds(string.Empty, CustomerScope.Removed, fixture.Open);
            Assert.Single(fixture.Completions.SubscriptionIds(contoso.CustomerId, string.Empty, fixture.Open));
            Assert.Empty(fixture.Completions.SubscriptionIds(fabrikam.CustomerId, string.Empty, fixture.Open));

            Assert.Equal(5, fixture.Opened);
        }

        [Fact]
        public void ABackendThatCannotBeOpenedOrRead_GivesNothing_AndNothingIsKept()
        {
            using var t = SampleStore(25);
            var fixture = new Fixture(t);
            var opened = 0;

            Assert.Empty(fixture.Completions.CustomerNames("Con", CustomerScope.Listed, _ =>
            {
                opened++;
                throw PartnerErrors.StoreNotFound("/nowhere/partner.db");
            }));
            fixture.Backend.FailAfter = 1;
            Assert.Empty(fixture.Completions.CustomerNames("Con", CustomerScope.Listed, fixture.Open));
            fixture.Backend.FailAfter = null;
            Assert.Equal(3, fixture.Completions.CustomerNames("Con", CustomerScope.Listed, fixture.Open).Count);
            Assert.Equal(1, opened);
            Assert.Equal(2, fixture.Opened);
        }

        [Fact]
        public void AReadThatTakesTooLong_IsGivenUp_AndWhatItFoundIsNotKept()
        {
            using var t = SampleStore(25);
            var fixture = new Fixture(t, timeBudget: TimeSpan.FromMilliseconds(50));
            fixture.Backend.Delay = TimeSpan.FromMilliseconds(100);

            var started = DateTime.UtcNow;
            var names = fixture.Completions.CustomerIds(string.Empty, CustomerScope.Listed, fixture.Open);

            Assert.True(names.Count < 25);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));

            // The same word again, once the backend answers quickly: asked again, and everything is offered.
            fixture.Backend.Delay = TimeSpan.Zero;
            Assert.Equal(25, fixture.Completions.CustomerIds(string.Empty, CustomerScope.Listed, fixture.Open).Count);
            Assert.Equal(2, fixture.Opened);
        }

        [Fact]
        public void ABudgetSpentBeforeTheFirstCustomer_GivesNothing_AndNothingIsKept()
        {
            // As a loaded machine can: the whole budget goes on opening the backend, so the read finds nothing.
            using var t = SampleStore(25);
            var fixture = new Fixture(t, timeBudget: TimeSpan.FromMilliseconds(20));

            Assert.Empty(fixture.Completions.CustomerNames("Con", CustomerScope.Listed, cancellation =>
            {
                cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(5));
                return fixture.Open(cancellation);
            }));
            Assert.Equal(3, fixture.Completions.CustomerNames("Con", CustomerScope.Listed, fixture.Open).Count);
            Assert.Equal(2, fixture.Opened);
        }

        private static TestStore SampleStore(int customers)
        {
            var t = new TestStore();
            LocalStoreSetup.FillWithSampleData(t.Store, customers, seed: 1, replaceExisting: true);
            return t;
        }

        /// <summary>Completions with a clock the test turns, over the test store seen through a backend that records what it was asked.</summary>
        private sealed class Fixture
        {
            public Fixture(TestStore store, TimeSpan? timeBudget = null)
            {
                Backend = new RecordingBackend(store.Store);
                Completions = new ArgumentCompletions(() => Now, timeBudget: timeBudget);
            }

            public DateTimeOffset Now { get; set; } = Start;

            public ArgumentCompletions Completions { get; }

            public RecordingBackend Backend { get; }

            public int Opened { get; private set; }

            public IPartnerBackend Open(CancellationToken cancellation)
            {
                Opened++;
                Backend.Cancellation = cancellation;
                return Backend;
            }
        }

        /// <summary>The store, with every customer query and every customer read counted; disposing it leaves the store open.</summary>
        private sealed class RecordingBackend : IPartnerBackend
        {
            private readonly IPartnerBackend _inner;

            public RecordingBackend(IPartnerBackend inner) => _inner = inner;

            public List<CustomerQuery> Queries { get; } = new List<CustomerQuery>();

            public int CustomersRead { get; private set; }

            /// <summary>Fail (as a broken store does) after this many customers.</summary>
            public int? FailAfter { get; set; }

            /// <summary>Wait this long, honouring the cancellation, before each customer.</summary>
            public TimeSpan Delay { get; set; }

            public CancellationToken Cancellation { get; set; }

            public string Description => _inner.Description;

            public BackendCapabilities Capabilities => _inner.Capabilities;

            public bool CanActAsUser => true;

            public PartnerInfo GetPartner() => _inner.GetPartner();

            public IEnumerable<Customer> GetCustomers(CustomerQuery query)
            {
                Queries.Add(query);
                foreach (var customer in _inner.GetCustomers(query))
                {
                    if (Delay > TimeSpan.Zero)
                    {
                        Cancellation.WaitHandle.WaitOne(Delay);
                        Cancellation.ThrowIfCancellationRequested();
                    }

                    if (CustomersRead >= FailAfter)
                    {
                        throw PartnerErrors.StoreCorrupt("/test/partner.db", new InvalidOperationException("broken"));
                    }

                    CustomersRead++;
                    yield return customer;
                }
            }

            public Customer? GetCustomer(Guid customerId) => _inner.GetCustomer(customerId);

            public IEnumerable<Subscription> GetSubscriptions(Guid customerId) => _inner.GetSubscriptions(customerId);

            public Subscription? GetSubscription(Guid customerId, Guid subscriptionId) => _inner.GetSubscription(customerId, subscriptionId);

            public int CountActiveAzureSubscriptions(Subscription azurePlan) => throw new NotSupportedException();

            public ISet<Guid> UpdateSubscriptionAutoRenew(IReadOnlyCollection<Subscription> subscriptions, bool autoRenewEnabled) =>
                throw new NotSupportedException();

            public ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus) =>
                throw new NotSupportedException();

            public void RemoveResellerRelationship(Customer customer) => throw new NotSupportedException();

            public RelationshipRequest? FindPendingRelationshipRequest(Guid customerId) => throw new NotSupportedException();

            public RelationshipRequest CreateRelationshipRequest(Customer customer) => throw new NotSupportedException();

            public IEnumerable<AdminRelationship> GetAdminRelationships(AdminRelationshipQuery query) => throw new NotSupportedException();

            public AdminRelationship? GetAdminRelationship(string relationshipId) => throw new NotSupportedException();

            public AdminRelationshipRequest RequestAdminRelationshipTermination(AdminRelationship relationship) => throw new NotSupportedException();

            public void DeleteAdminRelationship(AdminRelationship relationship) => throw new NotSupportedException();

            public void RemoveDelegatedAdminAccess(Customer customer) => throw new NotSupportedException();

            public string GetResellerInvitationUrl() => throw new NotSupportedException();

            public IReadOnlyList<string> TakeVerboseMessages() => Array.Empty<string>();

            public string? ThrottleWait => null;

            public IPartnerOperation BeginOperation() => throw new NotSupportedException();

            public void Dispose()
            {
            }
        }
    }
}
