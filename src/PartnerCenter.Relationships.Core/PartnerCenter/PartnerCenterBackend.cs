using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Core.Subscriptions;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// The real Partner Center, behind the same interface as the local store. One instance serves one command: it
    /// carries that command's correlation id and cancellation, over the connection's long-lived client. What
    /// Partner Center answers is mapped to the module's own errors where the module has one (no relationship,
    /// subscription not found), so a script written against the local store sees the same ErrorIds.
    /// </summary>
    public sealed partial class PartnerCenterBackend : IPartnerBackend
    {
        /// <summary>The most a customers page may hold (Partner Center has been seen to cut pages at 500).</summary>
        internal const int CustomerPageSize = 500;

        private static readonly HttpMethod Patch = new HttpMethod("PATCH");

        private readonly PartnerCenterConnection _connection;
        private readonly string _correlationId;
        private readonly CancellationToken _cancellation;
        private readonly Func<DateTimeOffset> _clock;
        private readonly ConcurrentQueue<string> _verbose = new ConcurrentQueue<string>();

        public PartnerCenterBackend(PartnerCenterConnection connection, string correlationId, CancellationToken cancellation, Func<DateTimeOffset>? clock = null)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _correlationId = correlationId;
            _cancellation = cancellation;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _connection.Client.Retrying += OnRetrying;
            if (_connection.Graph != null)
            {
                _connection.Graph.Retrying += OnRetrying;
            }
        }

        public string Description => $"Partner Center at {_connection.Client.Endpoint.ServiceRoot}";

        /// <summary>
        /// Each write is its own request (there are no transactions), and Partner Center checks the relationship on
        /// every write itself; it stops showing a customer once the relationship is removed.
        /// </summary>
        public BackendCapabilities Capabilities => BackendCapabilities.ConcurrentWrites | BackendCapabilities.ChecksRelationshipOnWrite;

        public bool CanActAsUser => !_connection.IsAppOnly;

        public PartnerInfo GetPartner() => _connection.Partner;

        // ---- Customers ----

        public IEnumerable<Customer> GetCustomers(CustomerQuery query)
        {
            if (query.CustomerIds != null)
            {
                return query.CustomerIds.Select(GetCustomer).Where(c => c != null).Select(c => c!);
            }

            return ListCustomers(query);
        }

        private IEnumerable<Customer> ListCustomers(CustomerQuery query)
        {
            var size = query.PageSize is int asked && asked > 0 ? Math.Min(asked, CustomerPageSize) : CustomerPageSize;
            var uri = "/customers?size=" + size.ToString(CultureInfo.InvariantCulture);
            var filter = ServerFilter(query);
            if (filter != null)
            {
                uri += "&filter=" + Uri.EscapeDataString(filter);
            }

            var read = 0;
            var progress = query.PageRead == null ? null : new PageCounter(pages => query.PageRead(pages, read));
            foreach (var item in Paged(new PartnerCenterRequest(HttpMethod.Get, uri), progress))
            {
                read++;
                var customer = PartnerCenterResources.ToCustomer(item);

                // The prefixes are checked here too: the filter is the service's to honour, not ours to trust.
                if (PartnerCenterResources.StartsWith(customer.Name, query.NamePrefix) && PartnerCenterResources.StartsWith(customer.Domain, query.DomainPrefix))
                {
                    yield return customer;
                }
            }
        }

        /// <summary>Partner Center filters on one field with starts_with: the name's literal prefix, else the domain's.</summary>
        private static string? ServerFilter(CustomerQuery query)
        {
            var (field, value) = !string.IsNullOrEmpty(query.NamePrefix) ? ("CompanyName", query.NamePrefix)
                : !string.IsNullOrEmpty(query.DomainPrefix) ? ("Domain", query.DomainPrefix)
                : (null, null);
            if (field == null)
            {
                return null;
            }

            return new JsonObject { ["Field"] = field, ["Value"] = value, ["Operator"] = "starts_with" }.ToJsonString();
        }

        public Customer? GetCustomer(Guid customerId)
        {
            try
            {
                var response = Request(HttpMethod.Get, "/customers/" + customerId, _cancellation, customerId);
                return response.BodyObject == null ? null : PartnerCenterResources.ToCustomer(response.BodyObject, customerId);
            }
            catch (PartnerException ex) when (ex.ErrorId == PartnerErrorId.CustomerRelationshipNotFound || ex.HttpStatusCode == 404)
            {
                // Unknown, or no longer the partner's customer: Partner Center shows neither.
                return null;
            }
        }

        // ---- Subscriptions ----

        public IEnumerable<Subscription> GetSubscriptions(Guid customerId) =>
            Paged(new PartnerCenterRequest(HttpMethod.Get, $"/customers/{customerId}/subscriptions") { CustomerId = customerId }, null)
                .Select(item => PartnerCenterResources.ToSubscription(item, customerId)).ToList();

        public Subscription? GetSubscription(Guid customerId, Guid subscriptionId)
        {
            var resource = ReadSubscription(customerId, subscriptionId, _cancellation);
            return resource == null ? null : PartnerCenterResources.ToSubscription(resource.Value.Body, customerId);
        }

        /// <summary>The plan's Azure subscriptions (entitlements) as Partner Center lists them, counted where active.</summary>
        public int CountActiveAzureSubscriptions(Subscription azurePlan) =>
            Paged(new PartnerCenterRequest(HttpMethod.Get, SubscriptionUri(azurePlan.CustomerId, azurePlan.SubscriptionId) + "/azureEntitlements")
                {
                    CustomerId = azurePlan.CustomerId,
                    SubscriptionId = azurePlan.SubscriptionId,
                }, null)
                .Count(item => KnownValues.AreEqual(JsonHelpers.GetString(item, "status"), "active"));

        /// <summary>
        /// Each subscription is read again and written back whole with the new status (Partner Center wants the full
        /// resource), with If-Match on its etag so a change made in between is not overwritten: such a subscription
        /// is left out, and the service judges it again on what is there now.
        /// </summary>
        public ISet<Guid> UpdateSubscriptionStatuses(IReadOnlyCollection<Subscription> subscriptions, string expectedStatus, string newStatus)
        {
            var changed = new HashSet<Guid>();
            foreach (var subscription in subscriptions)
            {
                if (SetStatus(subscription.CustomerId, subscription.SubscriptionId, expectedStatus, newStatus, _cancellation))
                {
                    changed.Add(subscription.SubscriptionId);

                    // Undone even when the command was stopped: that is when it matters most. A cancellation
                    // cannot be undone, so it is not remembered.
                    if (StatusChangeRules.CanBeUndone(newStatus))
                    {
                        _operation?.Remember(subscription, () => SetStatus(subscription.CustomerId, subscription.SubscriptionId, newStatus, expectedStatus, CancellationToken.None));
                    }
                }
            }

            return changed;
        }

        private bool SetStatus(Guid customerId, Guid subscriptionId, string expectedStatus, string newStatus, CancellationToken cancellation)
        {
            var resource = ReadSubscription(customerId, subscriptionId, cancellation) ?? throw PartnerErrors.SubscriptionNotFound(customerId, subscriptionId);
            var body = resource.Body;
            if (!KnownValues.AreEqual(SubscriptionStatus.Normalize(JsonHelpers.GetString(body, "status")), expectedStatus))
            {
                return false;
            }

            JsonHelpers.Set(body, "status", KnownValues.ToWireName(newStatus));
            try
            {
                var response = Request(Patch, SubscriptionUri(customerId, subscriptionId), cancellation, customerId, subscriptionId, body, resource.ETag);
                var answered = JsonHelpers.GetString(response.BodyObject, "status");
                return answered == null || KnownValues.AreEqual(SubscriptionStatus.Normalize(answered), newStatus);
            }
            catch (PartnerException ex) when (ServiceErrorMap.IsETagMismatch(ex))
            {
                // The etag no longer matches: someone changed it meanwhile.
                return false;
            }
        }

        /// <summary>
        /// Like a status change: read again, written back whole with the new setting and If-Match, only while active
        /// (Partner Center refuses any other change of a suspended subscription, 800091). Inside an operation it is
        /// changed back unless the operation completes, as the local store's transaction would undo it.
        /// </summary>
        public ISet<Guid> UpdateSubscriptionAutoRenew(IReadOnlyCollection<Subscription> subscriptions, bool autoRenewEnabled)
        {
            var changed = new HashSet<Guid>();
            foreach (var subscription in subscriptions)
            {
                if (SetAutoRenew(subscription.CustomerId, subscription.SubscriptionId, autoRenewEnabled, _cancellation))
                {
                    changed.Add(subscription.SubscriptionId);
                    _operation?.Remember(subscription,
                        () => SetAutoRenew(subscription.CustomerId, subscription.SubscriptionId, !autoRenewEnabled, CancellationToken.None));
                }
            }

            return changed;
        }

        private bool SetAutoRenew(Guid customerId, Guid subscriptionId, bool autoRenewEnabled, CancellationToken cancellation)
        {
            var resource = ReadSubscription(customerId, subscriptionId, cancellation) ?? throw PartnerErrors.SubscriptionNotFound(customerId, subscriptionId);
            var body = resource.Body;
            if (!SubscriptionStatus.IsActive(SubscriptionStatus.Normalize(JsonHelpers.GetString(body, "status")))
                || JsonHelpers.GetBoolean(body, "autoRenewEnabled") == autoRenewEnabled)
            {
                return false;
            }

            body["autoRenewEnabled"] = autoRenewEnabled;
            try
            {
                var response = Request(Patch, SubscriptionUri(customerId, subscriptionId), cancellation, customerId, subscriptionId, body, resource.ETag);
                return (JsonHelpers.GetBoolean(response.BodyObject, "autoRenewEnabled") ?? autoRenewEnabled) == autoRenewEnabled;
            }
            catch (PartnerException ex) when (ServiceErrorMap.IsETagMismatch(ex))
            {
                return false;
            }
        }

        private (JsonObject Body, string? ETag)? ReadSubscription(Guid customerId, Guid subscriptionId, CancellationToken cancellation)
        {
            try
            {
                var response = Request(HttpMethod.Get, SubscriptionUri(customerId, subscriptionId), cancellation, customerId, subscriptionId);
                return response.BodyObject == null ? null : (response.BodyObject, response.ETag);
            }
            catch (PartnerException ex) when (ex.ErrorId == PartnerErrorId.SubscriptionNotFound)
            {
                return null;
            }
        }

        private static string SubscriptionUri(Guid customerId, Guid subscriptionId) => $"/customers/{customerId}/subscriptions/{subscriptionId}";

        // ---- Relationship ----

        /// <summary>Partner Center knows one change of the relationship: removing it (relationshipToPartner none).</summary>
        public void RemoveResellerRelationship(Customer customer)
        {
            var body = new JsonObject
            {
                ["relationshipToPartner"] = KnownValues.ToWireName(RelationshipToPartner.None),
                ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
            };
            Request(Patch, "/customers/" + customer.CustomerId, _cancellation, customer.CustomerId, body: body);
        }

        /// <summary>Partner Center records no request per customer: its invitation is one link for all.</summary>
        public RelationshipRequest? FindPendingRelationshipRequest(Guid customerId) => null;

        /// <summary>Partner Center's invitation link is the same for every customer; it is used exactly as returned.</summary>
        public string GetResellerInvitationUrl()
        {
            var response = Request(HttpMethod.Get, "/customers/relationshiprequests", _cancellation, null);
            var url = JsonHelpers.GetString(response.BodyObject, "url");
            if (string.IsNullOrWhiteSpace(url))
            {
                throw PartnerErrors.PartnerCenterResponseInvalid(response.Operation, "it has no invitation url", response.RequestId, response.CorrelationId);
            }

            return url!;
        }

        public RelationshipRequest CreateRelationshipRequest(Customer customer)
        {
            return new RelationshipRequest
            {
                RequestId = Guid.NewGuid(),
                CustomerId = customer.CustomerId,
                CustomerName = customer.Name,
                Domain = customer.Domain,
                Url = GetResellerInvitationUrl(),
                Status = RelationshipRequestStatus.Pending,
                CreatedAt = _clock(),
            };
        }

        // ---- Operations ----

        private RemoteOperation? _operation;

        /// <summary>
        /// Partner Center has no transactions. Inside an operation, each status and auto-renew change (but a cancellation)
        /// is remembered and, unless the operation completes, changed back: a removal that fails after suspending leaves
        /// the subscriptions active again.
        /// </summary>
        public IPartnerOperation BeginOperation()
        {
            var operation = new RemoteOperation(() => _operation = null);
            _operation = operation;
            return operation;
        }

        public IReadOnlyList<string> TakeVerboseMessages()
        {
            // Asked after every record and every bulk outcome: nothing to say is the usual answer, and costs nothing.
            if (_verbose.IsEmpty)
            {
                return Array.Empty<string>();
            }

            var messages = new List<string>();
            while (_verbose.TryDequeue(out var message))
            {
                messages.Add(message);
            }

            return messages;
        }

        /// <summary>The client is the connection's, shared by commands: only this command's retries are its to report.</summary>
        private void OnRetrying(object? sender, PartnerCenterRetryEventArgs retry)
        {
            if (retry.CorrelationId == _correlationId)
            {
                _verbose.Enqueue(retry.ToString());
            }
        }

        public void Dispose()
        {
            // The client belongs to the connection and outlives the command.
            _connection.Client.Retrying -= OnRetrying;
            if (_connection.Graph != null)
            {
                _connection.Graph.Retrying -= OnRetrying;
            }
        }

        // ---- Mapping ----

        /// <summary>One request of this command, with its correlation id, waited for at the one synchronous boundary.</summary>
        private PartnerCenterResponse Request(
            HttpMethod method, string uri, CancellationToken cancellation, Guid? customerId, Guid? subscriptionId = null, JsonNode? body = null, string? ifMatch = null) =>
            SyncBoundary.Wait(_connection.Client.SendAsync(
                new PartnerCenterRequest(method, uri)
                {
                    Body = body,
                    IfMatch = ifMatch,
                    CorrelationId = _correlationId,
                    CustomerId = customerId,
                    SubscriptionId = subscriptionId,
                },
                cancellation));

        /// <summary>
        /// A listing of this command, read lazily; <paramref name="pagesRead"/> is told on the consumer's thread (it
        /// writes progress, which PowerShell takes from the pipeline thread only).
        /// </summary>
        private IEnumerable<JsonObject> Paged(PartnerCenterRequest first, IProgress<int>? pagesRead, PartnerCenterClient? client = null)
        {
            first.CorrelationId = _correlationId;
            var pages = 0;
            foreach (var page in SyncBoundary.Enumerate((client ?? _connection.Client).GetPagesAsync(first, _cancellation), _cancellation))
            {
                pagesRead?.Report(++pages);
                foreach (var item in page.Items)
                {
                    yield return item;
                }
            }
        }

        private sealed class PageCounter : IProgress<int>
        {
            private readonly Action<int> _report;

            public PageCounter(Action<int> report) => _report = report;

            public void Report(int value) => _report(value);
        }
    }
}
