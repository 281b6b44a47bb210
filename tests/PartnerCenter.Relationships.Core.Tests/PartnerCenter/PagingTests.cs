using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    public sealed class PagingTests
    {
        private static string Page(IEnumerable<string> ids, string? nextUri, string? continuationHeader = null, string? continuationToken = null)
        {
            var body = new JsonObject
            {
                ["totalCount"] = ids.Count(),
                ["items"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["attributes"] = new JsonObject { ["objectType"] = "Customer" } }).ToArray()),
                ["links"] = new JsonObject { ["self"] = new JsonObject { ["uri"] = "/customers", ["method"] = "GET", ["headers"] = new JsonArray() } },
                ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
            };
            if (nextUri != null)
            {
                var headers = new JsonArray();
                if (continuationHeader != null)
                {
                    headers.Add(new JsonObject { ["key"] = "MS-ContinuationToken", ["value"] = continuationHeader });
                }

                body["links"]!["next"] = new JsonObject { ["uri"] = nextUri, ["method"] = "GET", ["headers"] = headers };
            }

            if (continuationToken != null)
            {
                body["continuationToken"] = continuationToken;
            }

            return body.ToJsonString();
        }

        [Fact]
        public void FollowsTheNextLink_WithItsHeaders_Lazily()
        {
            var handler = new FakeHandler((r, i) => i switch
            {
                0 => RestTest.Ok(Page(new[] { "a", "b" }, "/customers?size=2&seekOperation=Next", "token-1")),
                1 => RestTest.Ok(Page(new[] { "c" }, "/v1/customers?size=2&seekOperation=Next", "token-2")),
                _ => RestTest.Ok(Page(new[] { "d" }, null)),
            });
            using var client = RestTest.Client(handler);
            var pages = new List<int>();

            using var items = SyncBoundary.Enumerate(client.GetPagedItemsAsync("/customers?size=2", new SyncProgress(pages.Add)), default).GetEnumerator();

            Assert.Equal(0, handler.Count); // nothing is asked for before the first item is wanted
            Assert.True(items.MoveNext());
            Assert.Equal("a", JsonHelpers.GetString(items.Current, "id"));
            Assert.Equal(1, handler.Count); // page 2 is not asked for yet
            Assert.Null(items.Current.Parent);

            var rest = new List<string>();
            while (items.MoveNext())
            {
                rest.Add(JsonHelpers.GetString(items.Current, "id")!);
            }

            Assert.Equal(new[] { "b", "c", "d" }, rest);
            Assert.Equal(new[] { 1, 2, 3 }, pages);
            var seen = handler.Seen;
            Assert.Equal("/v1/customers?size=2", seen[0].Uri.PathAndQuery);
            Assert.Null(seen[0].Header("MS-ContinuationToken"));
            Assert.Equal("/v1/customers?size=2&seekOperation=Next", seen[1].Uri.PathAndQuery);
            Assert.Equal("token-1", seen[1].Header("MS-ContinuationToken"));
            Assert.Equal("/v1/customers?size=2&seekOperation=Next", seen[2].Uri.PathAndQuery);
            Assert.Equal("token-2", seen[2].Header("MS-ContinuationToken"));
            Assert.Single(seen.Select(s => s.Header("MS-CorrelationId")).Distinct());
            Assert.Equal(3, seen.Select(s => s.Header("MS-RequestId")).Distinct().Count());
        }

        [Fact]
        public async Task ContinuationTokenWithoutNextLink_SeeksNextOnTheSamePath()
        {
            var handler = new FakeHandler((r, i) => i switch
            {
                0 => RestTest.Ok(Page(new[] { "a" }, null, continuationToken: "ct-1")),
                1 => RestTest.Ok(Page(new[] { "b" }, null, continuationToken: "ct-2")),
                _ => RestTest.Ok(Page(new[] { "c" }, null)),
            });
            using var client = RestTest.Client(handler);

            var ids = new List<string>();
            await foreach (var item in client.GetPagedItemsAsync("/customers?size=1&seekOperation=First"))
            {
                ids.Add(JsonHelpers.GetString(item, "id")!);
            }

            Assert.Equal(new[] { "a", "b", "c" }, ids);
            var seen = handler.Seen;
            Assert.Equal("/v1/customers?size=1&seekOperation=Next", seen[1].Uri.PathAndQuery);
            Assert.Equal("ct-1", seen[1].Header("MS-ContinuationToken"));
            Assert.Equal("/v1/customers?size=1&seekOperation=Next", seen[2].Uri.PathAndQuery);
            Assert.Equal("ct-2", seen[2].Header("MS-ContinuationToken"));
        }

        [Fact]
        public void NextLinkThatRepeatsThePage_IsAnError_NotAnEndlessLoop()
        {
            var handler = new FakeHandler((r, i) => RestTest.Ok(Page(new[] { "a" }, "/customers?seekOperation=Next", "same")));
            using var client = RestTest.Client(handler);

            var error = Assert.Throws<PartnerException>(() => SyncBoundary.Enumerate(client.GetPagedItemsAsync("/customers"), default).ToList());

            Assert.Equal(PartnerErrorId.PartnerCenterResponseInvalid, error.ErrorId);
            Assert.Equal(2, handler.Count);
        }

        [Fact]
        public void EmptyCollection_YieldsNothing()
        {
            var handler = new FakeHandler((r, i) => RestTest.Ok("{\"totalCount\":0,\"items\":[],\"links\":{}}"));
            using var client = RestTest.Client(handler);

            Assert.Empty(SyncBoundary.Enumerate(client.GetPagedItemsAsync("/customers"), default));
            Assert.Equal(1, handler.Count);
        }

        private sealed class SyncProgress : IProgress<int>
        {
            private readonly Action<int> _report;

            public SyncProgress(Action<int> report) => _report = report;

            public void Report(int value) => _report(value);
        }
    }
}
