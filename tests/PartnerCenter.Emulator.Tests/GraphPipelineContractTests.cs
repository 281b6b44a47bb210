using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using static PartnerCenter.Emulator.Tests.GraphHttp;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>
    /// The shared pipeline on Graph's routes: Graph tokens from the token endpoint, the audience checked both ways,
    /// throttling and faults answered in Graph's words, and the client-request-id echoed and logged.
    /// </summary>
    public sealed class GraphPipelineContractTests
    {
        private static async Task<(HttpStatusCode Status, JsonNode Body)> PostFormAsync(Uri endpoint, params (string Key, string Value)[] form)
        {
            using var http = new HttpClient();
            using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
            using var response = await http.PostAsync(endpoint, content);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        private static EmulatorToken Claims(JsonNode tokenResponse) =>
            EmulatorTokens.TryParse(tokenResponse["access_token"]!.GetValue<string>(), out var token) ? token! : throw new InvalidOperationException("unreadable token");

        // ---- tokens and audience --------------------------------------------------------------------

        [Fact]
        public async Task TokenEndpoint_GivesGraphTokens_ForTheGraphResourceOrScope_AndOneRefreshTokenServesBothApis()
        {
            var options = new EmulatorOptions { ClientId = "app-1", ClientSecret = "s3cret", RefreshToken = "rt-1" };
            await using var emulator = await PartnerCenterEmulator.StartAsync(options);
            var v1 = emulator.TokenEndpointFor();
            var v2 = new Uri(emulator.AuthorityHost, $"{emulator.PartnerTenantId}/oauth2/v2.0/token");
            (string, string)[] app = { ("client_id", "app-1"), ("client_secret", "s3cret") };

            var graph = await PostFormAsync(v1, app.Concat(new[] { ("grant_type", "refresh_token"), ("refresh_token", "rt-1"), ("resource", "https://graph.microsoft.com") }).ToArray());
            Assert.Equal(HttpStatusCode.OK, graph.Status);
            Assert.Equal(EmulatorTokens.GraphAudience, Claims(graph.Body).Audience);
            Assert.Equal("https://graph.microsoft.com", graph.Body["resource"]!.GetValue<string>());
            Assert.Equal("DelegatedAdminRelationship.ReadWrite.All", graph.Body["scope"]!.GetValue<string>());

            var partner = await PostFormAsync(v1, app.Concat(new[] { ("grant_type", "refresh_token"), ("refresh_token", "rt-1"), ("resource", "https://api.partnercenter.microsoft.com") }).ToArray());
            Assert.Equal(EmulatorTokens.PartnerCenterAudience, Claims(partner.Body).Audience); // the same refresh token, the other API

            var byScope = await PostFormAsync(v2, app.Concat(new[] { ("grant_type", "refresh_token"), ("refresh_token", "rt-1"), ("scope", "https://graph.microsoft.com/.default offline_access") }).ToArray());
            Assert.Equal((EmulatorTokens.GraphAudience, false), (Claims(byScope.Body).Audience, Claims(byScope.Body).IsAppOnly));
            var appOnly = await PostFormAsync(v2, app.Concat(new[] { ("grant_type", "client_credentials"), ("scope", "https://graph.microsoft.com/.default") }).ToArray());
            Assert.Equal((EmulatorTokens.GraphAudience, true), (Claims(appOnly.Body).Audience, Claims(appOnly.Body).IsAppOnly));

            using var http = new EmulatorHttp(emulator, graph.Body["access_token"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Relationships)).Status);
            http.AccessToken = appOnly.Body["access_token"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Relationships)).Status);
            http.AccessToken = partner.Body["access_token"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/customers")).Status);
        }

        [Fact]
        public async Task Audience_APartnerCenterTokenOnGraph_Is401InvalidAuthenticationToken_AGraphTokenOnPartnerCenter_Is401_800001()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            using var http = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            var partnerOnGraph = await http.GetAsync(Relationships);
            Assert.Equal((HttpStatusCode.Unauthorized, "InvalidAuthenticationToken"), (partnerOnGraph.Status, ErrorCode(partnerOnGraph)));
            Assert.Contains("Invalid audience", Text(partnerOnGraph.Json["error"], "message"));
            Assert.StartsWith("Bearer ", partnerOnGraph.Header("WWW-Authenticate"));

            http.AccessToken = emulator.CreateGraphAccessToken();
            var graphOnPartner = await http.GetAsync("/v1/customers");
            Assert.Equal(HttpStatusCode.Unauthorized, graphOnPartner.Status);
            Assert.Equal(800001, graphOnPartner.Json["code"]!.GetValue<int>());
            Assert.Contains("audience", graphOnPartner.Json["description"]!.GetValue<string>());

            http.AccessToken = EmulatorTokens.Create(false, DateTimeOffset.UtcNow.AddHours(1), emulator.PartnerTenantId, null, null, audience: EmulatorTokens.GraphAppId);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Relationships)).Status); // Graph's app id is a Graph audience too

            foreach (var refused in new[] { null, "garbage", emulator.CreateGraphAccessToken(lifetime: TimeSpan.FromMinutes(-1)) })
            {
                http.AccessToken = refused;
                var response = await http.GetAsync(Relationships);
                Assert.Equal((HttpStatusCode.Unauthorized, "InvalidAuthenticationToken"), (response.Status, ErrorCode(response)));
            }
        }

        [Fact]
        public async Task RefuseGraphTokens_TheTokenEndpointAnswers65001ForGraph_OnlyForGraph_AndTheSwitchWorksAtRuntime()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { RefuseGraphTokens = true, ClientId = "app-1", ClientSecret = "s", RefreshToken = "rt-1" });
            (string, string)[] refresh = { ("client_id", "app-1"), ("client_secret", "s"), ("grant_type", "refresh_token"), ("refresh_token", "rt-1") };

            var refused = await PostFormAsync(emulator.TokenEndpointFor(), refresh.Append(("resource", "https://graph.microsoft.com/")).ToArray());
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("invalid_grant", refused.Body["error"]!.GetValue<string>());
            Assert.Equal(65001, refused.Body["error_codes"]![0]!.GetValue<int>());
            Assert.StartsWith("AADSTS65001:", refused.Body["error_description"]!.GetValue<string>());
            var appOnly = await PostFormAsync(emulator.TokenEndpointFor(), ("client_id", "app-1"), ("client_secret", "s"), ("grant_type", "client_credentials"), ("resource", "https://graph.microsoft.com"));
            Assert.Equal(HttpStatusCode.BadRequest, appOnly.Status);

            Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(emulator.TokenEndpointFor(), refresh.Append(("resource", "https://api.partnercenter.microsoft.com")).ToArray())).Status);

            emulator.Options.RefuseGraphTokens = false;
            Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(emulator.TokenEndpointFor(), refresh.Append(("resource", "https://graph.microsoft.com")).ToArray())).Status);
        }

        // ---- throttling and faults ------------------------------------------------------------------

        [Fact]
        public async Task RateLimit_AThrottledGraphRequest_Is429WithRetryAfter_AndGraphsBody_InAWindowOfItsOwn()
        {
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, RequestsPerMinutePerTenant = 2 });
            using var graph = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());
            using var partner = new EmulatorHttp(emulator, emulator.CreateAccessToken());

            Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync(Relationships)).Status);
            clock.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync(Relationships)).Status);
            var throttled = await graph.GetAsync(Relationships, H(("client-request-id", "throttled-1")));

            Assert.Equal((HttpStatusCode)429, throttled.Status);
            Assert.Equal("40", throttled.Header("Retry-After")); // the first attempt leaves the window at t=60
            Assert.Equal("TooManyRequests", ErrorCode(throttled));
            Assert.Equal("throttled-1", Text(throttled.Json["error"]!["innerError"], "client-request-id"));
            Assert.True(emulator.RequestLog[^1].Throttled);

            // Partner Center is another service: its window is untouched.
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/v1/customers")).Status);
        }

        [Fact]
        public async Task Faults_ScriptedAndRandom_ReachGraphRoutes_InGraphsWords_AndALostTerminationIsStillApplied()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var relationship = emulator.AddAdminRelationship(emulator.AddCustomer("Alpha"));
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());
            emulator.Faults.Enqueue("/delegatedAdminRelationships", FaultKind.ServiceUnavailable);
            emulator.Faults.Enqueue("/delegatedAdminRelationships", FaultKind.TooManyRequests(5));
            emulator.Faults.Enqueue("/delegatedAdminRelationships", FaultKind.ConnectionReset);
            emulator.Faults.Enqueue("/requests", FaultKind.LostResponse, method: "POST");

            var unavailable = await http.GetAsync(Relationships);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"), (unavailable.Status, ErrorCode(unavailable)));
            var tooMany = await http.GetAsync(Relationships);
            Assert.Equal(((HttpStatusCode)429, "5", "TooManyRequests"), (tooMany.Status, tooMany.Header("Retry-After"), ErrorCode(tooMany)));
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(Relationships));
            await Assert.ThrowsAsync<HttpRequestException>(() => TerminateAsync(http, relationship.Id));
            Assert.Equal("terminationRequested", emulator.GetAdminRelationshipState(relationship.Id)!.Status); // applied, answer lost

            emulator.Options.TransientFaultRate = 1;
            emulator.Options.MaxRandomFaultsPerRequest = 1; // counted by client-request-id on Graph
            try
            {
                var faulted = await http.GetAsync(Relationships, H(("client-request-id", "retried")));
                Assert.True(faulted.Status is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable, faulted.Status.ToString());
                Assert.Contains(ErrorCode(faulted), new[] { "InternalServerError", "ServiceUnavailable" });
            }
            catch (HttpRequestException)
            {
                // a connection reset is one of the three transient outcomes
            }

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Relationships, H(("client-request-id", "retried")))).Status);
            Assert.Equal(new[] { true, true, true, true, true, false }, emulator.RequestLog.Select(e => e.FaultInjected));
        }

        // ---- correlation ----------------------------------------------------------------------------

        [Fact]
        public async Task ClientRequestId_IsEchoed_InTheHeaderAndTheErrorBody_AndKeptInTheRequestLog()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var relationship = emulator.AddAdminRelationship(emulator.AddCustomer("Alpha"));
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            var missing = await http.GetAsync(Relationship("unknown"), H(("client-request-id", "corr-404")));
            Assert.Equal("corr-404", missing.Header("client-request-id"));
            var requestId = missing.Header("request-id");
            Assert.True(Guid.TryParse(requestId, out _));
            var inner = missing.Json["error"]!["innerError"]!;
            Assert.Equal(("corr-404", requestId), (Text(inner, "client-request-id"), Text(inner, "request-id")));
            Assert.True(DateTime.TryParse(Text(inner, "date"), out _));

            var made = await PostAsync(http, Relationship(relationship.Id) + "/requests", "{\"action\":\"terminate\"}", H(("client-request-id", "corr-terminate")));
            Assert.Equal((HttpStatusCode.Created, "corr-terminate"), (made.Status, made.Header("client-request-id")));

            var none = await http.GetAsync(Relationships);
            Assert.Equal(none.Header("request-id"), none.Header("client-request-id")); // none sent: Graph's own id

            var log = emulator.RequestLog;
            Assert.Equal(new[] { "corr-404", "corr-terminate", null }, log.Select(e => e.ClientRequestId));
            Assert.Equal(new[] { 404, 201, 200 }, log.Select(e => e.StatusCode));
            Assert.Equal("{\"action\":\"terminate\"}", log[1].Body); // Graph's writes are logged like Partner Center's
        }
    }
}
