using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using static PartnerCenter.Emulator.Tests.GraphHttp;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>
    /// The emulator's Graph GDAP contract (delegatedAdminRelationship, v1.0), checked over real HTTP: listing with
    /// paging and filters, reading one, deleting a created one by its etag, access assignments, and seeding.
    /// </summary>
    public sealed class GraphContractTests
    {
        private static readonly DateTimeOffset January = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

        private static string Filter(string filter) => Relationships + "?$filter=" + Uri.EscapeDataString(filter);

        // ---- listing ------------------------------------------------------------------------------

        [Fact]
        public async Task List_PagesOf50ByDefault_OrOfTop_ByAbsoluteNextLinks_InCreationOrder_EachOnce()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Contoso");
            for (var i = 0; i < 60; i++)
            {
                // Pairs created at the same moment: the id decides between them.
                emulator.AddAdminRelationship(customer, new AdminRelationshipSeed { CreatedDateTime = January.AddHours(59 - (i / 2)) });
            }

            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            var byDefault = await ListAllAsync(http, Relationships);
            Assert.Equal(new[] { 50, 10 }, byDefault.PageSizes);
            var expected = emulator.GetAdminRelationshipStates().Select(r => r.Id).ToList();
            Assert.Equal(expected, byDefault.Items.Select(i => Text(i, "id")));
            Assert.Equal(expected.Count, expected.Distinct().Count());
            var created = byDefault.Items.Select(i => DateTimeOffset.Parse(Text(i, "createdDateTime"))).ToList();
            Assert.Equal(created.OrderBy(c => c), created);

            var byTop = await ListAllAsync(http, Relationships + "?$top=25");
            Assert.Equal(new[] { 25, 25, 10 }, byTop.PageSizes);
            Assert.Equal(expected, byTop.Items.Select(i => Text(i, "id")));
            Assert.All(byTop.NextLinks, link =>
            {
                Assert.StartsWith(emulator.GraphRoot + "tenantRelationships/delegatedAdminRelationships?", link); // absolute, on the emulator
                Assert.Contains("$skiptoken=", link);
            });

            var first = await http.GetAsync(Relationships + "?$top=300");
            Assert.Equal(60, Values(first).Count);
            Assert.Null(first.Json["@odata.nextLink"]);
            Assert.Equal(emulator.GraphRoot + "$metadata#tenantRelationships/delegatedAdminRelationships", Text(first.Json, "@odata.context"));
        }

        [Theory]
        [InlineData("301")]
        [InlineData("0")]
        [InlineData("ten")]
        public async Task List_TopOutside1To300_Is400_InGraphsErrorShape(string top)
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            var response = await http.GetAsync(Relationships + "?$top=" + top);

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("BadRequest", ErrorCode(response));
            Assert.Contains("$top", Text(response.Json["error"], "message"));
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(Relationships + "?$skiptoken=not-a-token")).Status);
        }

        [Fact]
        public async Task List_FiltersByCustomer_ByStatus_OrBoth_InAnyCasing_AndTheFilterRidesTheSkipToken()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var alpha = emulator.AddCustomer("Alpha");
            var beta = emulator.AddCustomer("Beta");
            var alphaActive = Enumerable.Range(0, 3).Select(i => emulator.AddAdminRelationship(alpha, new AdminRelationshipSeed { CreatedDateTime = January.AddDays(i) }).Id).ToList();
            emulator.AddAdminRelationship(alpha, "terminated");
            emulator.AddAdminRelationship(alpha, "created");
            emulator.AddAdminRelationship(beta);
            emulator.AddAdminRelationship(beta);
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            Assert.Equal(5, Values(await http.GetAsync(Filter($"customer/tenantId eq '{alpha}'"))).Count);
            Assert.Equal(5, Values(await http.GetAsync(Filter("status eq 'active'"))).Count);
            Assert.Equal(new[] { "created" }, Values(await http.GetAsync(Filter("status eq 'created'"))).Select(v => Text(v, "status")));

            var both = await ListAllAsync(http, Filter($"customer/tenantId EQ '{alpha}' AND status Eq 'active'") + "&$top=2");
            Assert.Equal(new[] { 2, 1 }, both.PageSizes); // the second page is filtered too, with only the nextLink to go on
            Assert.Equal(alphaActive, both.Items.Select(i => Text(i, "id")));
            Assert.All(both.Items, i => Assert.Equal(alpha.ToString(), Text(i["customer"], "tenantId")));
        }

        [Theory]
        [InlineData("displayName eq 'GDAP Alpha'")]
        [InlineData("status eq 'dormant'")]
        [InlineData("status ne 'active'")]
        [InlineData("customer/tenantId eq 'not-a-guid'")]
        [InlineData("status eq 'active' or status eq 'created'")]
        [InlineData("startswith(displayName,'GDAP')")]
        public async Task List_AnyOtherFilter_Is400(string filter)
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            emulator.AddAdminRelationship(emulator.AddCustomer("Alpha"));
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            var response = await http.GetAsync(Filter(filter));

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("BadRequest", ErrorCode(response));
        }

        // ---- one relationship ---------------------------------------------------------------------

        [Fact]
        public async Task Get_AnswersTheResourceInGraphsShape_NullDatesBeforeActivation_UnknownIs404()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Contoso Ltd");
            var roles = new[] { Guid.NewGuid(), Guid.NewGuid() };
            var seeded = emulator.AddAdminRelationship(customer, new AdminRelationshipSeed
            {
                DisplayName = "Contoso helpdesk",
                Duration = "P365D",
                AutoExtendDuration = "PT0S",
                RoleDefinitionIds = roles,
                CreatedDateTime = January,
                ActivatedDateTime = January.AddHours(2),
            });
            var fresh = emulator.AddAdminRelationship(customer, "created");
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken(appOnly: true)); // app-only may use GDAP

            var response = await http.GetAsync(Relationship(seeded.Id));

            Assert.Equal(HttpStatusCode.OK, response.Status);
            var body = response.Json;
            Assert.EndsWith("$metadata#tenantRelationships/delegatedAdminRelationships/$entity", Text(body, "@odata.context"));
            Assert.Equal("#microsoft.graph.delegatedAdminRelationship", Text(body, "@odata.type"));
            Assert.Equal(seeded.Etag, Text(body, "@odata.etag"));
            Assert.StartsWith("W/\"", seeded.Etag);
            Assert.Equal((seeded.Id, "Contoso helpdesk", "P365D", "active", "PT0S"),
                (Text(body, "id"), Text(body, "displayName"), Text(body, "duration"), Text(body, "status"), Text(body, "autoExtendDuration")));
            Assert.Equal("2026-01-05T10:00:00.0000000Z", Text(body, "createdDateTime"));
            Assert.Equal("2026-01-05T12:00:00.0000000Z", Text(body, "activatedDateTime"));
            Assert.Equal("2026-01-05T12:00:00.0000000Z", Text(body, "lastModifiedDateTime"));
            Assert.Equal("2027-01-05T12:00:00.0000000Z", Text(body, "endDateTime")); // activation + duration
            Assert.Equal((customer.ToString(), "Contoso Ltd"), (Text(body["customer"], "tenantId"), Text(body["customer"], "displayName")));
            Assert.Equal(roles.Select(r => r.ToString()), body["accessDetails"]!["unifiedRoles"]!.AsArray().Select(r => Text(r, "roleDefinitionId")));

            var created = (await http.GetAsync(Relationship(fresh.Id))).Json.AsObject();
            Assert.True(created.ContainsKey("activatedDateTime") && created["activatedDateTime"] is null, "null, not left out");
            Assert.True(created.ContainsKey("endDateTime") && created["endDateTime"] is null);

            var unknown = await http.GetAsync(Relationship("no-such-relationship"));
            Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
            Assert.Equal("NotFound", ErrorCode(unknown));
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1.0/tenantRelationships/somethingElse")).Status);
        }

        [Fact]
        public async Task Delete_OnlyACreatedOne_AtItsCurrentEtag_MissingIs400_StaleIs412_OtherStatusesAre400()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var created = emulator.AddAdminRelationship(customer, "created");
            var active = emulator.AddAdminRelationship(customer);
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());

            var missing = await DeleteAsync(http, Relationship(created.Id), ifMatch: null);
            Assert.Equal((HttpStatusCode.BadRequest, "BadRequest"), (missing.Status, ErrorCode(missing)));
            Assert.Contains("If-Match", Text(missing.Json["error"], "message"));

            var stale = await DeleteAsync(http, Relationship(created.Id), active.Etag);
            Assert.Equal((HttpStatusCode.PreconditionFailed, "PreconditionFailed"), (stale.Status, ErrorCode(stale)));
            Assert.NotNull(emulator.GetAdminRelationshipState(created.Id));

            var wrongStatus = await DeleteAsync(http, Relationship(active.Id), active.Etag);
            Assert.Equal((HttpStatusCode.BadRequest, "BadRequest"), (wrongStatus.Status, ErrorCode(wrongStatus)));
            Assert.Equal("active", emulator.GetAdminRelationshipState(active.Id)!.Status);

            var deleted = await DeleteAsync(http, Relationship(created.Id), created.Etag);
            Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
            Assert.Empty(deleted.Raw);
            Assert.Null(emulator.GetAdminRelationshipState(created.Id));
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Relationship(created.Id))).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await DeleteAsync(http, Relationship(created.Id), created.Etag)).Status);
        }

        // ---- access assignments -------------------------------------------------------------------

        [Fact]
        public async Task AccessAssignments_AreListed_Created_Read_AndDeletedByEtag_OnlyWithTheRelationshipsRoles()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Alpha");
            var relationship = emulator.AddAdminRelationship(customer);
            var ended = emulator.AddAdminRelationship(customer, "terminated");
            var role = relationship.RoleDefinitionIds[0];
            var seededGroup = Guid.NewGuid();
            var seeded = emulator.AddAccessAssignment(relationship.Id, seededGroup);
            using var http = new EmulatorHttp(emulator, emulator.CreateGraphAccessToken());
            var path = Relationship(relationship.Id) + "/accessAssignments";
            static string Body(Guid group, Guid role) =>
                $"{{\"accessContainer\":{{\"accessContainerId\":\"{group}\",\"accessContainerType\":\"securityGroup\"}},\"accessDetails\":{{\"unifiedRoles\":[{{\"roleDefinitionId\":\"{role}\"}}]}}}}";

            var group = Guid.NewGuid();
            var made = await PostAsync(http, path, Body(group, role));
            Assert.Equal(HttpStatusCode.Created, made.Status);
            var id = Text(made.Json, "id");
            Assert.Equal(emulator.GraphRoot + $"tenantRelationships/delegatedAdminRelationships/{relationship.Id}/accessAssignments/{id}", made.Header("Location"));
            Assert.Equal(("active", group.ToString(), "securityGroup"), (Text(made.Json, "status"), Text(made.Json["accessContainer"], "accessContainerId"), Text(made.Json["accessContainer"], "accessContainerType")));
            Assert.Equal(new[] { role.ToString() }, made.Json["accessDetails"]!["unifiedRoles"]!.AsArray().Select(r => Text(r, "roleDefinitionId")));

            var listed = Values(await http.GetAsync(path));
            Assert.Equal(new[] { seeded.Id, id }, listed.Select(a => Text(a, "id")));
            Assert.Equal(seededGroup.ToString(), Text(listed[0]["accessContainer"], "accessContainerId"));
            Assert.Equal(2, listed[0]["accessDetails"]!["unifiedRoles"]!.AsArray().Count); // seeded with all the relationship's roles
            var etag = Text(listed[1], "@odata.etag");
            Assert.Equal(etag, Text((await http.GetAsync($"{path}/{id}")).Json, "@odata.etag"));

            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, path, Body(group, Guid.NewGuid()))).Status); // a role it does not grant
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, Relationship(ended.Id) + "/accessAssignments", Body(group, ended.RoleDefinitionIds[0]))).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, path, "{\"accessContainer\":{\"accessContainerId\":\"x\"}}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Relationship("unknown") + "/accessAssignments")).Status);

            Assert.Equal(HttpStatusCode.BadRequest, (await DeleteAsync(http, $"{path}/{id}", ifMatch: null)).Status);
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await DeleteAsync(http, $"{path}/{id}", seeded.Etag)).Status);
            Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(http, $"{path}/{id}", etag)).Status);
            Assert.Equal(new[] { seeded.Id }, emulator.GetAdminRelationshipState(relationship.Id)!.AccessAssignments.Select(a => a.Id));
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{path}/{id}")).Status);
        }

        // ---- seeding ------------------------------------------------------------------------------

        [Fact]
        public async Task Seeds_HaveGraphsDefaults_AndSeedsGraphCouldNotHaveAreRefused()
        {
            await using var emulator = await PartnerCenterEmulator.StartAsync();
            var customer = emulator.AddCustomer("Contoso");
            var stranger = Guid.NewGuid();

            var seeded = emulator.AddAdminRelationship(customer);
            var ids = seeded.Id.Split('-');
            Assert.Equal(10, ids.Length); // two GUIDs joined by '-'
            Assert.True(Guid.TryParse(string.Join('-', ids.Take(5)), out _) && Guid.TryParse(string.Join('-', ids.Skip(5)), out _));
            Assert.Equal(("GDAP Contoso", "Contoso", "active", "P730D", "P180D"), (seeded.DisplayName, seeded.CustomerDisplayName, seeded.Status, seeded.Duration, seeded.AutoExtendDuration));
            Assert.Equal(new DateTimeOffset(2024, 2, 1, 8, 0, 0, TimeSpan.Zero), seeded.CreatedDateTime);
            Assert.Equal(seeded.CreatedDateTime.AddDays(1), seeded.ActivatedDateTime);
            Assert.Equal(seeded.ActivatedDateTime!.Value.AddDays(730), seeded.EndDateTime);
            Assert.Equal(2, seeded.RoleDefinitionIds.Count);
            Assert.Equal(stranger.ToString(), emulator.AddAdminRelationship(stranger, "approvalPending").CustomerDisplayName);
            Assert.Equal(new[] { seeded.Id }, emulator.GetAdminRelationshipStates(customer).Select(r => r.Id));

            emulator.SetAdminRelationshipStatus(seeded.Id, "Expired");
            var expired = emulator.GetAdminRelationshipState(seeded.Id)!;
            Assert.Equal("expired", expired.Status); // as Graph spells it
            Assert.NotEqual(seeded.Etag, expired.Etag);

            Assert.Throws<ArgumentException>(() => emulator.AddAdminRelationship(customer, "dormant"));
            Assert.Throws<ArgumentException>(() => emulator.AddAdminRelationship(customer, new AdminRelationshipSeed { AutoExtendDuration = "P90D" }));
            Assert.Throws<ArgumentException>(() => emulator.AddAdminRelationship(customer, new AdminRelationshipSeed { Duration = "two years" }));
            Assert.Throws<ArgumentException>(() => emulator.AddAdminRelationship(customer, new AdminRelationshipSeed { RoleDefinitionIds = Array.Empty<Guid>() }));
            Assert.Throws<InvalidOperationException>(() => emulator.AddAdminRelationship(customer, new AdminRelationshipSeed { Id = seeded.Id }));
            Assert.Throws<ArgumentException>(() => emulator.AddAccessAssignment(seeded.Id, Guid.NewGuid(), new[] { Guid.NewGuid() }));
            Assert.Equal(2, emulator.GetAdminRelationshipStates().Count);
        }
    }
}
