using System;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.PartnerCenter.Authentication;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>A given access token (Connect-PartnerCenter -AccessToken) whose expiry is not a number is refused when read.</summary>
    public sealed class GivenAccessTokenTests
    {
        [Theory]
        [InlineData(null)]
        [InlineData("soon")]
        [InlineData("")]
        public void GivenToken_WithoutANumericExpiry_IsAccessTokenUnreadable(string? exp)
        {
            var token = exp == null
                ? RestTest.Jwt(new { aud = "https://api.partnercenter.microsoft.com", upn = "admin@contoso.onmicrosoft.com", scp = "user_impersonation" })
                : RestTest.Jwt(new { aud = "https://api.partnercenter.microsoft.com", upn = "admin@contoso.onmicrosoft.com", scp = "user_impersonation", exp });

            var error = Assert.Throws<PartnerException>(() => new GivenAccessTokenSource(token));

            Assert.Equal(PartnerErrorId.AccessTokenUnreadable, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.InvalidArgument, error.Category);
            Assert.Contains("'exp'", error.Message);
            Assert.DoesNotContain(token, error.ToString());
        }

        [Fact]
        public void GivenToken_WithANumericStringExpiry_IsAccepted()
        {
            var token = RestTest.Jwt(new { aud = "https://api.partnercenter.microsoft.com", scp = "user_impersonation", exp = RestTest.Epoch(DateTimeOffset.UtcNow.AddHours(1)).ToString(System.Globalization.CultureInfo.InvariantCulture) });

            Assert.NotNull(new GivenAccessTokenSource(token).Claims.ExpiresOn);
        }
    }
}
