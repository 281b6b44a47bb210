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
            _connection.Client.Throttling += OnThrottling;
            if (_connection.Graph != null)
            {
                _connection.Graph.Retrying += OnRetrying;
                _connection.Graph.Throttling += OnThrottling;
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

        // Per flow, not per backend: customers removed side by side each have their own operation to undo.
        private readonly AsyncLocal<RemoteOperation?> _currentOperation = new AsyncLocal<RemoteOperation?>();

        private RemoteOperation? CurrentOperation => _currentOperation.Value;

        /// <summary>
        /// Partner Center has no transactions. Inside an operation, each status and auto-renew change (but a cancellation)
        /// is remembered and, unless the operation completes, changed back: a removal that fails after suspending leaves
        /// the subscriptions active again.
        /// </summary>
        public IPartnerOperation BeginOperation()
        {
            var operation = new RemoteOperation(() => _currentOperation.Value = null);
            _currentOperation.Value = operation;
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
            _connection.Client.Throttling -= OnThrottling;
            if (_connection.Graph != null)
            {
                _connection.Graph.Retrying -= OnRetrying;
                _connection.Graph.Throttling -= OnThrottling;
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
