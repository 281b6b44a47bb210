using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    public sealed class TokenSourceTests
    {
        private const string Secret = "client-secret-value-42";
        private const string FirstRefreshToken = "first-refresh-token-0.AAAA";

        private static string TokenResponse(string accessToken, string? refreshToken) => JsonSerializer.Serialize(new
        {
            token_type = "Bearer",
            expires_in = "3599",
            resource = "https://api.partnercenter.microsoft.com",
            access_token = accessToken,
            refresh_token = refreshToken,
        });

        private static RefreshTokenSource RefreshSource(FakeHandler handler, ManualTimeProvider time) =>
            new RefreshTokenSource(RestTest.Endpoint, "contoso.onmicrosoft.com", "app-id", RestTest.Secure(Secret), RestTest.Secure(FirstRefreshToken),
                new PartnerCenterClientOptions { TimeProvider = time }, handler);

        [Fact]
        public async Task RefreshFlow_PostsTheForm_CachesTheToken_RefreshesWithin5Minutes_AndKeepsTheRotatedRefreshToken()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) => RestTest.Ok(TokenResponse(RestTest.UserToken(time.GetUtcNow().AddHours(1), "t" + i), "rotated-" + i)));
            using var source = RefreshSource(handler, time);

            var first = await source.GetAccessTokenAsync(default);
            var request = handler.Seen.Single();
            Assert.Equal("POST", request.Method);
            Assert.Equal("http://127.0.0.1:5123/contoso.onmicrosoft.com/oauth2/token", request.Uri.AbsoluteUri);
            Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
            var form = request.Form();
            Assert.Equal("refresh_token", form["grant_type"]);
            Assert.Equal("app-id", form["client_id"]);
            Assert.Equal(Secret, form["client_secret"]);
            Assert.Equal(FirstRefreshToken, form["refresh_token"]);
            Assert.Equal("https://api.partnercenter.microsoft.com", form["resource"]);
            Assert.Equal("openid", form["scope"]);
            Assert.False(source.IsAppOnly);
            Assert.Equal("admin@contoso.onmicrosoft.com", source.Claims!.UserPrincipalName);

            // 54 minutes later 6 minutes remain: the cached token is still used.
            time.Advance(TimeSpan.FromMinutes(54));
            Assert.Equal(first, await source.GetAccessTokenAsync(default));
            Assert.Equal(1, handler.Count);

            // 2 minutes later only 4 remain: renewed, with the refresh token the first response returned.
            time.Advance(TimeSpan.FromMinutes(2));
            var second = await source.GetAccessTokenAsync(default);
            Assert.NotEqual(first, second);
            Assert.Equal(2, handler.Count);
            Assert.Equal("rotated-0", handler.Seen[1].Form()["refresh_token"]);
            Assert.Equal(2, source.TokenRequestCount);

            // And the next renewal uses the second rotation.
            time.Advance(TimeSpan.FromMinutes(58));
            await source.GetAccessTokenAsync(default);
            Assert.Equal("rotated-1", handler.Seen[2].Form()["refresh_token"]);
            Assert.DoesNotContain(Secret, source.Describe());
        }

        [Fact]
        public async Task ConcurrentCallers_ShareOneRefresh()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var handler = new FakeHandler(async (r, i, ct) =>
            {
                await release.Task;
                return RestTest.Ok(TokenResponse(RestTest.UserToken(RestTest.Start.AddHours(1), "t" + i), "rotated"));
            });
            using var source = RefreshSource(handler, time);

            var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => source.GetAccessTokenAsync(default))).ToArray();
            await Task.Delay(200);
            release.SetResult();
            var tokens = await Task.WhenAll(callers);

            Assert.Equal(1, handler.Count);
            Assert.Single(tokens.Distinct());
        }

        [Fact]
        public async Task ClientCredentials_PostsTheAppOnlyForm()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var appToken = RestTest.Jwt(new { idtyp = "app", roles = new[] { "x" }, exp = RestTest.Epoch(RestTest.Start.AddHours(1)) });
            var handler = new FakeHandler((r, i) => RestTest.Ok(TokenResponse(appToken, null)));
            using var source = new ClientCredentialsTokenSource(RestTest.Endpoint, "tenant-1", "app-id", RestTest.Secure(Secret),
                new PartnerCenterClientOptions { TimeProvider = time }, handler);

            Assert.Equal(appToken, await source.GetAccessTokenAsync(default));
            Assert.Equal(appToken, await source.GetAccessTokenAsync(default));

            var form = handler.Seen.Single().Form();
            Assert.Equal("client_credentials", form["grant_type"]);
            Assert.Equal("app-id", form["client_id"]);
            Assert.Equal(Secret, form["client_secret"]);
            Assert.Equal("https://api.partnercenter.microsoft.com", form["resource"]);
            Assert.False(form.ContainsKey("refresh_token"));
            Assert.True(source.IsAppOnly);
        }

        [Fact]
        public async Task TokenEndpointError_CarriesTheAadstsText_ButNoSecretOrRefreshToken()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var body = JsonSerializer.Serialize(new
            {
                error = "invalid_grant",
                error_description = "AADSTS70008: The provided refresh token has expired.\r\nTrace ID: 1234\r\nEchoed: " + FirstRefreshToken + " and " + Secret,
                error_codes = new[] { 70008 },
            });
            var handler = new FakeHandler((r, i) => RestTest.Json(HttpStatusCode.BadRequest, body));
            using var source = RefreshSource(handler, time);

            var error = await Assert.ThrowsAsync<PartnerException>(() => source.GetAccessTokenAsync(default));

            Assert.Equal(PartnerErrorId.AccessTokenRequestFailed, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.AuthenticationError, error.Category);
            Assert.Equal(400, error.HttpStatusCode);
            Assert.Equal("invalid_grant", error.ServiceErrorCode);
            Assert.Contains("AADSTS70008: The provided refresh token has expired. Trace ID: 1234", error.Message);
            Assert.Equal(1, handler.Count); // a 400 is not retried
            var text = error.ToString() + error.RecommendedAction;
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain(FirstRefreshToken, text);
        }

        [Fact]
        public async Task TokenEndpointDown_IsRetried_ThenTokenEndpointUnavailable()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var handler = new FakeHandler((r, i) => throw new System.Net.Http.HttpRequestException("Connection refused"));
            using var source = new ClientCredentialsTokenSource(RestTest.Endpoint, "tenant-1", "app-id", RestTest.Secure(Secret),
                new PartnerCenterClientOptions { TimeProvider = time, MaxRetries = 2 }, handler);

            var error = await Assert.ThrowsAsync<PartnerException>(() => source.GetAccessTokenAsync(default));

            Assert.Equal(PartnerErrorId.TokenEndpointUnavailable, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.ConnectionError, error.Category);
            Assert.Equal(3, handler.Count);
            Assert.Equal(3, error.Attempts);
        }
    }
}
