using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Tests.Models
{
    public sealed class DomainNameTests
    {
        [Theory]
        [InlineData("contoso.onmicrosoft.com")]
        [InlineData("CONTOSO.OnMicrosoft.com")]
        [InlineData("a.io")]
        [InlineData("my-shop.example.co.uk")]
        [InlineData("xn--bcher-kva.example")]
        [InlineData("123.example.com")]
        public void AHostNameOfTwoOrMoreParts_IsADomain(string domain) => Assert.Null(DomainName.Problem(domain));

        [Theory]
        [InlineData(".", "empty part")]
        [InlineData("contoso", "at least two parts")]
        [InlineData("contoso.", "empty part")]
        [InlineData(".contoso.com", "empty part")]
        [InlineData("contoso..com", "empty part")]
        [InlineData("con toso.com", "letters a-z")]
        [InlineData("contoso_eu.com", "letters a-z")]
        [InlineData("-contoso.com", "hyphen")]
        [InlineData("contoso-.com", "hyphen")]
        [InlineData("10.0.0.1", "not a number")]
        [InlineData("", "needs a domain")]
        [InlineData("   ", "needs a domain")]
        public void AnythingElse_SaysWhatIsWrong(string domain, string problem) =>
            Assert.Contains(problem, DomainName.Problem(domain));

        [Fact]
        public void LengthLimits_AreThoseOfDns()
        {
            Assert.Null(DomainName.Problem(new string('a', 63) + ".com"));
            Assert.Contains("63", DomainName.Problem(new string('a', 64) + ".com"));
            Assert.Contains("253", DomainName.Problem(string.Join(".", System.Linq.Enumerable.Repeat(new string('a', 60), 5))));
        }
    }
}
