using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>What the Graph contract tests share: the GDAP paths and readers of Graph's bodies.</summary>
    internal static class GraphHttp
    {
        public const string Relationships = "/v1.0/tenantRelationships/delegatedAdminRelationships";

        public static string Relationship(string id) => $"{Relationships}/{id}";

        public static Dictionary<string, string> H(params (string Key, string Value)[] headers) => headers.ToDictionary(h => h.Key, h => h.Value);

        /// <summary>error.code of a Graph error body.</summary>
        public static string ErrorCode(RawResponse response) => response.Json["error"]!["code"]!.GetValue<string>();

        public static string Text(JsonNode? node, string name) => node![name]!.GetValue<string>();

        public static List<JsonObject> Values(RawResponse response) => response.Json["value"]!.AsArray().Select(v => v!.AsObject()).ToList();

        /// <summary>Every item of a list, following the absolute @odata.nextLinks; the page sizes on the side.</summary>
        public static async Task<(List<JsonObject> Items, List<int> PageSizes, List<string> NextLinks)> ListAllAsync(EmulatorHttp http, string first)
        {
            var items = new List<JsonObject>();
            var sizes = new List<int>();
            var links = new List<string>();
            var url = first;
            while (true)
            {
                var page = await http.GetAsync(url);
                if (page.Status != System.Net.HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{url}: {(int)page.Status} {page.Text}");
                }

                var values = Values(page);
                items.AddRange(values);
                sizes.Add(values.Count);
                if (page.Json["@odata.nextLink"] is not { } next)
                {
                    return (items, sizes, links);
                }

                url = next.GetValue<string>();
                links.Add(url);
            }
        }

        public static Task<RawResponse> PostAsync(EmulatorHttp http, string path, string json, IDictionary<string, string>? headers = null) =>
            http.SendAsync(HttpMethod.Post, path, json, headers);

        public static Task<RawResponse> DeleteAsync(EmulatorHttp http, string path, string? ifMatch) =>
            http.SendAsync(HttpMethod.Delete, path, null, ifMatch is null ? null : H(("If-Match", ifMatch)));

        public static Task<RawResponse> TerminateAsync(EmulatorHttp http, string id) =>
            PostAsync(http, Relationship(id) + "/requests", "{\"action\":\"terminate\"}");
    }
}
