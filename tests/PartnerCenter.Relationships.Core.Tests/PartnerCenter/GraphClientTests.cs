using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;
using Xunit;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>The one client over a Graph endpoint: Graph's paths, correlation header, paging and error names.</summary>
    public sealed class GraphClientTests
    {
        private static PartnerCenterClient GraphClient(FakeHandler handler)
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var token = new GivenAccessTokenSource(RestTest.UserToken(RestTest.Start.AddDays(1)), time);
            return new PartnerCenterClient(RestTest.Endpoint.Graph, token, new PartnerCenterClientOptions { TimeProvider = time, MaxRetries = 1 }, handler);
        }

        [Fact]
        public void TheGraphEndpoint_IsGraphsOwn_ForEachEnvironment_AndTheCustomOneForAnEmulator()
        {
            Assert.Equal("https://graph.microsoft.com", PartnerCenterEndpoint.Global.Graph.ServiceRoot);
            Assert.Equal("https://graph.microsoft.com", PartnerCenterEndpoint.Global.Graph.Audience);
            Assert.Equal("https://microsoftgraph.chinacloudapi.cn", PartnerCenterEndpoint.China.Graph.ServiceRoot);
            Assert.True(PartnerCenterEndpoint.Global.Graph.IsGraph);
            Assert.False(PartnerCenterEndpoint.Global.IsGraph);
            Assert.Equal(RestTest.ApiRoot, RestTest.Endpoint.Graph.ServiceRoot);
            Assert.Equal("https://graph.microsoft.com", RestTest.Endpoint.Graph.Audience);
            var proxied = PartnerCenterEndpoint.Resolve(PartnerCenterEnvironment.Global, RestTest.ApiRoot, null, "https://graph.example.com/v1.0/");
            Assert.Equal("https://graph.example.com", proxied.Graph.ServiceRoot);
            Assert.Equal("https://graph.example.com/v1.0/tenantRelationships", proxied.Graph.ResolveRequestUri("/tenantRelationships").ToString());
            Assert.Equal(RestTest.ApiRoot + "/v1/customers", proxied.ResolveRequestUri("/customers").ToString());
        }

        [Fact]
        public async Task SendsClientRequestId_KeptOnRetry_AndNoPartnerCenterHeaders()
        {
            var handler = new FakeHandler((r, i) => i == 0 ? RestTest.Status(503) : RestTest.Ok("{\"id\":\"x\"}"));
            using var client = GraphClient(handler);

            var response = await client.GetAsync("/tenantRelationships/delegatedAdminRelationships/x");

            Assert.Equal("x", JsonHelpers.GetString(response.BodyObject, "id"));
            var seen = handler.Seen;
            Assert.Equal(RestTest.ApiRoot + "/v1.0/tenantRelationships/delegatedAdminRelationships/x", seen[0].Uri.ToString());
            Assert.NotNull(seen[0].Header("client-request-id"));
            Assert.Equal(seen[0].Header("client-request-id"), seen[1].Header("client-request-id"));
            Assert.Null(seen[0].Header("MS-RequestId"));
            Assert.Null(seen[0].Header("X-Locale"));
        }

        [Fact]
        public void FollowsODataNextLinks_AcrossValuePages()
        {
            var handler = new FakeHandler((r, i) => i == 0
                ? RestTest.Ok("{\"value\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"@odata.nextLink\":\"" + RestTest.ApiRoot + "/v1.0/tenantRelationships/delegatedAdminRelationships?$skiptoken=2\"}")
                : RestTest.Ok("{\"value\":[{\"id\":\"c\"}]}"));
            using var client = GraphClient(handler);

            var ids = SyncBoundary.Enumerate(client.GetPagedItemsAsync("/tenantRelationships/delegatedAdminRelationships"), default)
                .Select(item => JsonHelpers.GetString(item, "id")).ToList();

            Assert.Equal(new[] { "a", "b", "c" }, ids);
            Assert.Contains("$skiptoken=2", handler.Seen[1].Uri.ToString());
        }

        [Fact]
        public async Task ANextLinkToAnotherHost_IsRefused_AsGraphUnexpectedHost()
        {
            var handler = new FakeHandler((r, i) => RestTest.Ok("{\"value\":[],\"@odata.nextLink\":\"https://elsewhere.example.com/v1.0/x\"}"));
            using var client = GraphClient(handler);

            var error = await Assert.ThrowsAsync<PartnerException>(async () =>
            {
                await foreach (var _ in client.GetPagedItemsAsync("/tenantRelationships/delegatedAdminRelationships"))
                {
                }
            });

            Assert.Equal(PartnerErrorId.GraphUnexpectedHost, error.ErrorId);
            Assert.Single(handler.Seen);
        }

        [Theory]
        [InlineData(400, PartnerErrorId.GraphBadRequest)]
        [InlineData(401, PartnerErrorId.GraphUnauthorized)]
        [InlineData(403, PartnerErrorId.GraphPermissionDenied)]
        [InlineData(409, PartnerErrorId.GraphConflict)]
        [InlineData(412, PartnerErrorId.GraphPreconditionFailed)]
        [InlineData(404, PartnerErrorId.GraphNotFound)]
        public async Task GraphAnswers_AreNamedForGraph_WithItsCodeAndMessage(int status, string errorId)
        {
            var handler = new FakeHandler((r, i) => RestTest.Status(status, "{\"error\":{\"code\":\"SomeCode\",\"message\":\"Graph says no.\"}}"));
            using var client = GraphClient(handler);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/tenantRelationships/delegatedAdminRelationships"));

            Assert.Equal(errorId, error.ErrorId);
            Assert.StartsWith("Microsoft Graph returned " + status, error.Message);
            Assert.Contains("code SomeCode, Graph says no", error.Message);
            Assert.DoesNotContain("Partner Center", error.Message);
            Assert.Equal("SomeCode", error.ServiceErrorCode);
        }

        [Fact]
        public async Task A404OnARelationship_IsAdminRelationshipNotFound()
        {
            var handler = new FakeHandler((r, i) => RestTest.Status(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"No such relationship.\"}}"));
            using var client = GraphClient(handler);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.SendAsync(
                new PartnerCenterRequest(HttpMethod.Get, "/tenantRelationships/delegatedAdminRelationships/abc") { RelationshipId = "abc" }));

            Assert.Equal(PartnerErrorId.AdminRelationshipNotFound, error.ErrorId);
            Assert.Equal("abc", error.Target);
        }

        [Fact]
        public async Task Throttling_IsGraphThrottled_WithItsRetryAfter()
        {
            var handler = new FakeHandler((r, i) => RestTest.Json((System.Net.HttpStatusCode)429,
                "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Slow down.\"}}", ("Retry-After", "600")));
            using var client = GraphClient(handler);

            var error = await Assert.ThrowsAsync<PartnerException>(() => client.GetAsync("/tenantRelationships/delegatedAdminRelationships"));

            Assert.Equal(PartnerErrorId.GraphThrottled, error.ErrorId);
            Assert.Equal(TimeSpan.FromSeconds(600), error.RetryAfter);
        }
    }
}
