using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using static PartnerCenter.Emulator.Tests.GraphHttp;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>
    /// How a partner ends a GDAP relationship: POST .../requests {"action":"terminate"}, then terminationRequested,
    /// terminating and terminated by the emulator's clock; and which requests Graph refuses.
    /// </summary>
    public sealed class GraphTerminationContractTests
    {
        private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        private static string Status(RawResponse response) => Text(response.Json, "status");

        [Fact]
        public async Task Terminate_Is201WithTheRequest_ThenTheRelationshipEndsByTheClock_AndTheRequestSucceeds()
        {
            var clock = new ManualClock(Start);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, GraphTerminationDelay = TimeSpan.FromMinutes(10) });
            var relationship = emulator.AddAdminRelationship(emulator.AddCustomer("Alpha"));
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken(lifetime: TimeSpan.FromDays(1)));
            var path = Relationship(relationship.Id);

            var made = await TerminateAsync(http, relationship.Id);

            Assert.Equal(HttpStatusCode.Created, made.Status);
            var requestId = Text(made.Json, "id");
            Assert.True(Guid.TryParse(requestId, out _));
            Assert.Equal($"{emulator.GraphRoot}tenantRelationships/delegatedAdminRelationships/{relationship.Id}/requests/{requestId}", made.Header("Location"));
            Assert.Equal(("#microsoft.graph.delegatedAdminRelationshipRequest", "terminate", "created"), (Text(made.Json, "@odata.type"), Text(made.Json, "action"), Status(made)));
            Assert.Equal("2026-03-02T09:00:00.0000000Z", Text(made.Json, "createdDateTime"));

            var requested = await http.GetAsync(path);
            Assert.Equal("terminationRequested", Status(requested));
            Assert.NotEqual(relationship.Etag, Text(requested.Json, "@odata.etag"));
            Assert.Equal("pending", Status(await http.GetAsync($"{path}/requests/{requestId}")));

            clock.Advance(TimeSpan.FromMinutes(5)); // halfway
            var terminating = await http.GetAsync(path);
            Assert.Equal(("terminating", "2026-03-02T09:05:00.0000000Z"), (Status(terminating), Text(terminating.Json, "lastModifiedDateTime")));
            Assert.NotEqual(Text(requested.Json, "@odata.etag"), Text(terminating.Json, "@odata.etag"));
            Assert.Equal("terminating", emulator.GetAdminRelationshipState(relationship.Id)!.Status);

            var again = await TerminateAsync(http, relationship.Id);
            Assert.Equal((HttpStatusCode.BadRequest, "BadRequest"), (again.Status, ErrorCode(again)));

            clock.Advance(TimeSpan.FromMinutes(5));
            var terminated = await http.GetAsync(path);
            Assert.Equal(("terminated", "2026-03-02T09:10:00.0000000Z"), (Status(terminated), Text(terminated.Json, "endDateTime")));
            var done = await http.GetAsync($"{path}/requests/{requestId}");
            Assert.Equal(("succeeded", "2026-03-02T09:10:00.0000000Z"), (Status(done), Text(done.Json, "lastModifiedDateTime")));

            var requests = Values(await http.GetAsync($"{path}/requests"));
            Assert.Equal(new[] { (requestId, "terminate", "succeeded") }, requests.Select(r => (Text(r, "id"), Text(r, "action"), Text(r, "status"))));
            Assert.Equal(HttpStatusCode.BadRequest, (await TerminateAsync(http, relationship.Id)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{path}/requests/{Guid.NewGuid()}")).Status);
        }

        [Fact]
        public async Task Terminate_WithNoDelay_EndsAtOnce_AndTheDefaultDelayIsTwoSeconds()
        {
            Assert.Equal(TimeSpan.FromSeconds(2), new EmulatorOptions().GraphTerminationDelay);
            await using var emulator = await PartnerCenterEmulator.StartAsync(new EmulatorOptions { GraphTerminationDelay = TimeSpan.Zero });
            var relationship = emulator.AddAdminRelationship(emulator.AddCustomer("Alpha"), "expiring"); // about to expire: still in force
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            Assert.Equal(HttpStatusCode.Created, (await TerminateAsync(http, relationship.Id)).Status);

            var state = emulator.GetAdminRelationshipState(relationship.Id)!;
            Assert.Equal("terminated", state.Status);
            Assert.Equal("succeeded", Assert.Single(state.Requests).Status);
        }

        [Theory]
        [InlineData("created")]
        [InlineData("approvalPending")]
        [InlineData("expired")]
        [InlineData("terminated")]
        [InlineData("terminationRequested")]
        public async Task Terminate_OfARelationshipNotInForce_Is400_AndChangesNothing(string status)
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var relationship = emulator.AddAdminRelationship(emulator.AddCustomer("Alpha"), status);
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            var refused = await TerminateAsync(http, relationship.Id);

            Assert.Equal((HttpStatusCode.BadRequest, "BadRequest"), (refused.Status, ErrorCode(refused)));
            Assert.Contains(status, Text(refused.Json["error"], "message"));
            var state = emulator.GetAdminRelationshipState(relationship.Id)!;
            Assert.Equal((status, relationship.Etag), (state.Status, state.Etag));
            Assert.Empty(state.Requests);
        }

        [Fact]
        public async Task OtherActions_LockForApprovalOnlyOnACreatedOne_UnknownOnesAndBadBodiesAre400_UnknownRelationshipIs404()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var active = emulator.AddAdminRelationship(customer);
            var created = emulator.AddAdminRelationship(customer, "created");
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, Relationship(active.Id) + "/requests", "{\"action\":\"lockForApproval\"}")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, Relationship(active.Id) + "/requests", "{\"action\":\"approve\"}")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, Relationship(active.Id) + "/requests", "{}")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, Relationship(active.Id) + "/requests", "not json")).Status);
            Assert.Equal("active", emulator.GetAdminRelationshipState(active.Id)!.Status);

            var locked = await PostAsync(http, Relationship(created.Id) + "/requests", "{\"action\":\"lockForApproval\"}");
            Assert.Equal((HttpStatusCode.Created, "lockForApproval"), (locked.Status, Text(locked.Json, "action")));
            var state = emulator.GetAdminRelationshipState(created.Id)!;
            Assert.Equal(("approvalPending", "succeeded"), (state.Status, Assert.Single(state.Requests).Status));
            Assert.NotEqual(created.Etag, state.Etag);

            var unknown = await TerminateAsync(http, "no-such-relationship");
            Assert.Equal((HttpStatusCode.NotFound, "NotFound"), (unknown.Status, ErrorCode(unknown)));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.SendAsync(System.Net.Http.HttpMethod.Put, Relationship(active.Id), "{}")).Status);
        }
    }
}
