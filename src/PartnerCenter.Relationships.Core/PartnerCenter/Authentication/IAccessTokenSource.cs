using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Authentication
{
    /// <summary>Where <see cref="PartnerCenterClient"/> gets the bearer token for each attempt. Implementations are thread-safe.</summary>
    public interface IAccessTokenSource
    {
        /// <summary>True for application (client credentials) tokens, false for App+User. Some operations need App+User.</summary>
        bool IsAppOnly { get; }

        /// <summary>The claims of the current token; null before the first one is obtained.</summary>
        AccessTokenClaims? Claims { get; }

        /// <summary>A valid access token, renewed when needed. Failures raise <see cref="PartnerException"/>.</summary>
        Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

        /// <summary>
        /// Called when Partner Center refused <paramref name="refusedToken"/> (401): a fresh token to try once more,
        /// or null when this source cannot renew (a token given as is).
        /// </summary>
        Task<string?> RenewAfterRefusalAsync(string refusedToken, CancellationToken cancellationToken);

        /// <summary>A one-line description for verbose output and Get-PartnerConnection-like views; never the token or a secret.</summary>
        string Describe();
    }
}
