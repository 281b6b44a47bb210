using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace PartnerCenter.Emulator.Tests
{
    /// <summary>What came back: status, headers and the raw body bytes (BOM included).</summary>
    internal sealed class RawResponse
    {
        public RawResponse(HttpStatusCode status, HttpResponseHeaders headers, byte[] raw)
        {
            Status = status;
            Headers = headers;
            Raw = raw;
        }

        public HttpStatusCode Status { get; }

        public HttpResponseHeaders Headers { get; }

        public byte[] Raw { get; }

        public bool HasBom => Raw.Length >= 3 && Raw[0] == 0xEF && Raw[1] == 0xBB && Raw[2] == 0xBF;

        /// <summary>The body as text, without a BOM.</summary>
        public string Text => Encoding.UTF8.GetString(Raw, HasBom ? 3 : 0, Raw.Length - (HasBom ? 3 : 0));

        public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("Empty JSON body.");

        public string? Header(string name) =>
            Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(",", values) : null;
    }

    /// <summary>Plain HttpClient calls against an emulator, with the raw body kept for byte-level assertions.</summary>
    internal sealed class EmulatorHttp : IDisposable
    {
        private readonly HttpClient _http;

        public EmulatorHttp(PartnerCenterEmulator emulator, string? accessToken)
        {
            _http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            AccessToken = accessToken;
        }

        public string? AccessToken { get; set; }

        public HttpClient Client => _http;

        public Task<RawResponse> GetAsync(string pathAndQuery, IDictionary<string, string>? headers = null) =>
            SendAsync(HttpMethod.Get, pathAndQuery, null, headers);

        public Task<RawResponse> PatchAsync(string pathAndQuery, string jsonBody, IDictionary<string, string>? headers = null) =>
            SendAsync(HttpMethod.Patch, pathAndQuery, jsonBody, headers);

        public async Task<RawResponse> SendAsync(HttpMethod method, string pathAndQuery, string? jsonBody, IDictionary<string, string>? headers = null)
        {
            using var request = new HttpRequestMessage(method, pathAndQuery);
            // One connection per request: an injected reset (or a half-read body) cannot leak into the next request.
            request.Headers.ConnectionClose = true;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (AccessToken is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
            }

            if (headers is not null)
            {
                foreach (var (key, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(key, value);
                }
            }

            if (jsonBody is not null)
            {
                request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            }

            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            var raw = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return new RawResponse(response.StatusCode, response.Headers, raw);
        }

        public void Dispose() => _http.Dispose();
    }
}
