using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.PartnerCenter;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    public sealed class EndpointTests
    {
        [Fact]
        public void Environments_HaveTheirRootsAudiencesAndAuthorities()
        {
            var global = PartnerCenterEndpoint.Global;
            Assert.Equal("https://api.partnercenter.microsoft.com", global.ServiceRoot);
            Assert.Equal("https://api.partnercenter.microsoft.com/v1", global.ApiRoot);
            Assert.Equal("https://api.partnercenter.microsoft.com", global.Audience);
            Assert.Equal("https://login.microsoftonline.com", global.AuthorityHost);
            Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token", global.GetTokenEndpoint("contoso.onmicrosoft.com"));
            Assert.False(global.IsCustom);

            var china = PartnerCenterEndpoint.China;
            Assert.Equal("https://partner.partnercenterapi.microsoftonline.cn", china.ServiceRoot);
            Assert.Equal("https://partner.partnercenterapi.microsoftonline.cn", china.Audience);
            Assert.Equal("https://login.chinacloudapi.cn", china.AuthorityHost);
        }

        [Theory]
        [InlineData("http://127.0.0.1:5123")]
        [InlineData("http://127.0.0.1:5123/")]
        [InlineData("http://127.0.0.1:5123/v1")]
        [InlineData("http://127.0.0.1:5123/V1/")]
        public void CustomEndpoint_TrailingSlashAndV1AreDropped_AudienceKept(string given)
        {
            var endpoint = PartnerCenterEndpoint.Resolve(PartnerCenterEnvironment.China, given);

            Assert.Equal("http://127.0.0.1:5123", endpoint.ServiceRoot);
            Assert.True(endpoint.IsCustom);
            Assert.Equal(PartnerCenterEndpoint.ChinaServiceRoot, endpoint.Audience);
            Assert.Equal(PartnerCenterEndpoint.ChinaAuthorityHost, endpoint.AuthorityHost);
        }

        [Theory]
        [InlineData("http://partner.example.com")]
        [InlineData("ftp://127.0.0.1")]
        [InlineData("/relative")]
        [InlineData("https://host/path?query=1")]
        public void BadEndpoint_IsInvalidArgument(string given)
        {
            var error = Assert.Throws<PartnerException>(() => PartnerCenterEndpoint.Resolve(PartnerCenterEnvironment.Global, given));

            Assert.Equal(PartnerErrorId.InvalidArgument, error.ErrorId);
        }

        [Theory]
        [InlineData("/customers?size=10", "http://127.0.0.1:5123/v1/customers?size=10")]
        [InlineData("customers", "http://127.0.0.1:5123/v1/customers")]
        [InlineData("/v1/customers", "http://127.0.0.1:5123/v1/customers")]
        [InlineData("v1/customers", "http://127.0.0.1:5123/v1/customers")]
        [InlineData("/v1", "http://127.0.0.1:5123/v1")]
        [InlineData("/v10/x", "http://127.0.0.1:5123/v1/v10/x")]
        [InlineData("http://127.0.0.1:5123/v1/customers", "http://127.0.0.1:5123/v1/customers")]
        public void RequestUris_GetV1UnlessTheyHaveIt(string given, string expected)
        {
            Assert.Equal(expected, RestTest.Endpoint.ResolveRequestUri(given).AbsoluteUri);
        }

        [Fact]
        public void AbsoluteUriOnAnotherHost_IsRefused()
        {
            var error = Assert.Throws<PartnerException>(() => RestTest.Endpoint.ResolveRequestUri("https://evil.example.com/v1/customers"));

            Assert.Equal(PartnerErrorId.PartnerCenterUnexpectedHost, error.ErrorId);
        }
    }
}
