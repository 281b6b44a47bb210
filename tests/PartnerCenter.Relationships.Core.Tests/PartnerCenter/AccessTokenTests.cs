using System;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    public sealed class AccessTokenTests
    {
        [Fact]
        public void AppUserToken_ReadsScopeUserTenantAudienceAndExpiry()
        {
            var token = RestTest.UserToken(RestTest.Start.AddHours(1));

            var claims = AccessTokenClaims.Read(token);

            Assert.False(claims.IsAppOnly);
            Assert.Equal(new[] { "user_impersonation" }, claims.Scopes);
            Assert.Equal("admin@contoso.onmicrosoft.com", claims.UserPrincipalName);
            Assert.Equal("11111111-1111-1111-1111-111111111111", claims.TenantId);
            Assert.Equal("https://api.partnercenter.microsoft.com", claims.Audience);
            Assert.Equal(RestTest.Start.AddHours(1), claims.ExpiresOn);
            Assert.False(claims.IsExpired(RestTest.Start));
            Assert.True(claims.IsExpired(RestTest.Start.AddHours(1)));
        }

        [Fact]
        public void AppOnly_ByIdtyp()
        {
            var claims = AccessTokenClaims.Read(RestTest.Jwt(new { idtyp = "app", tid = "t", exp = RestTest.Epoch(RestTest.Start.AddHours(1)), appid = "app-1" }));

            Assert.True(claims.IsAppOnly);
            Assert.Equal("app-1", claims.ApplicationId);
            Assert.Null(claims.UserPrincipalName);
        }

        [Fact]
        public void AppOnly_ByRolesWithoutScp_AndAudienceList()
        {
            var claims = AccessTokenClaims.Read(RestTest.Jwt(new { roles = new[] { "Partner.Read" }, aud = new[] { "aud-1", "aud-2" }, exp = RestTest.Epoch(RestTest.Start) }));

            Assert.True(claims.IsAppOnly);
            Assert.Equal("aud-1", claims.Audience);
            Assert.Equal(new[] { "Partner.Read" }, claims.Roles);
        }

        [Fact]
        public void UserName_FallsBackToUniqueNameThenPreferredUsername_AndBearerPrefixIsIgnored()
        {
            Assert.Equal("u@x", AccessTokenClaims.Read("Bearer " + RestTest.Jwt(new { scp = "s", unique_name = "u@x", preferred_username = "p@x" })).UserPrincipalName);
            Assert.Equal("p@x", AccessTokenClaims.Read(RestTest.Jwt(new { scp = "s", preferred_username = "p@x" })).UserPrincipalName);
        }

        [Theory]
        [InlineData("")]
        [InlineData("not-a-token-secretvalue")]
        [InlineData("aaa.!!!notbase64!!!.ccc")]
        [InlineData("aaa.bm90IGpzb24.ccc")]
        [InlineData("a.b.c.d.e")]
        public void Garbage_IsAccessTokenUnreadable_WithoutTheText(string garbage)
        {
            var error = Assert.Throws<PartnerException>(() => AccessTokenClaims.Read(garbage));

            Assert.Equal(PartnerErrorId.AccessTokenUnreadable, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidArgument, error.Category);
            Assert.Null(error.Target);
            if (garbage.Length > 0)
            {
                Assert.DoesNotContain(garbage, error.ToString());
            }
        }

        [Fact]
        public void GivenToken_AlreadyExpired_IsRefused()
        {
            var token = RestTest.UserToken(RestTest.Start.AddMinutes(-1));

            var error = Assert.Throws<PartnerException>(() => new GivenAccessTokenSource(token, new ManualTimeProvider(RestTest.Start)));

            Assert.Equal(PartnerErrorId.AccessTokenExpired, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.AuthenticationError, error.Category);
            Assert.DoesNotContain(token, error.ToString());
        }

        [Fact]
        public async Task GivenToken_ServedUntilItExpires_ThenRefused()
        {
            var time = new ManualTimeProvider(RestTest.Start);
            var token = RestTest.UserToken(RestTest.Start.AddMinutes(10));
            var source = new GivenAccessTokenSource(token, time);

            Assert.Equal(token, await source.GetAccessTokenAsync(default));
            Assert.False(source.IsAppOnly);
            Assert.DoesNotContain(token, source.Describe());

            time.Advance(TimeSpan.FromMinutes(10));
            var error = await Assert.ThrowsAsync<PartnerException>(() => source.GetAccessTokenAsync(default));
            Assert.Equal(PartnerErrorId.AccessTokenExpired, error.ErrorId);
            Assert.Contains("admin@contoso.onmicrosoft.com", error.Message);
            Assert.DoesNotContain(token, error.ToString());
        }
    }
}
