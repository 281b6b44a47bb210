using System;
using System.Globalization;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Authentication
{
    /// <summary>
    /// An access token given as is (e.g. -AccessToken). It is never renewed: once expired every request fails with
    /// AccessTokenExpired. The constructor already refuses an unreadable (AccessTokenUnreadable) or expired token.
    /// </summary>
    public sealed class GivenAccessTokenSource : IAccessTokenSource
    {
        private readonly string _accessToken;
        private readonly TimeProvider _time;

        public GivenAccessTokenSource(string accessToken, TimeProvider? timeProvider = null)
        {
            var text = (accessToken ?? "").Trim();
            if (text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring(7).Trim();
            }

            Claims = AccessTokenClaims.Read(text);
            if (Claims.ExpiresOn == null)
            {
                // A token given as is cannot be renewed, so its expiry is the whole life of the connection: without a
                // readable one the module could neither refuse it once expired nor say when it will stop working.
                throw PartnerErrors.AccessTokenUnreadable("its 'exp' claim (the expiry, in seconds since 1970) is missing or not a number");
            }

            _accessToken = text;
            _time = timeProvider ?? TimeProvider.System;
            ThrowIfExpired();
        }

        /// <summary>From a SecureString (e.g. the Az module's Get-AzAccessToken -AsSecureString); the token is read out once.</summary>
        public GivenAccessTokenSource(SecureString accessToken, TimeProvider? timeProvider = null)
            : this(ToText(accessToken), timeProvider)
        {
        }

        public bool IsAppOnly => Claims.IsAppOnly;

        public AccessTokenClaims Claims { get; }

        AccessTokenClaims? IAccessTokenSource.Claims => Claims;

        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfExpired();
            return Task.FromResult(_accessToken);
        }

        /// <summary>A token given as is cannot be renewed: Partner Center's refusal stands.</summary>
        public Task<string?> RenewAfterRefusalAsync(string refusedToken, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public string Describe() => string.Format(CultureInfo.InvariantCulture,
            "{0} access token given as is{1}{2}{3}",
            IsAppOnly ? "An app-only" : "An App+User",
            Claims.UserPrincipalName != null ? " for '" + Claims.UserPrincipalName + "'" : "",
            Claims.TenantId != null ? " in tenant " + Claims.TenantId : "",
            Claims.ExpiresOn is DateTimeOffset exp ? string.Format(CultureInfo.InvariantCulture, ", expiring {0:yyyy-MM-dd HH:mm:ss} UTC", exp.UtcDateTime) : "");

        private void ThrowIfExpired()
        {
            if (Claims.IsExpired(_time.GetUtcNow()))
            {
                throw PartnerErrors.AccessTokenExpired(Claims.ExpiresOn!.Value, Claims.UserPrincipalName);
            }
        }

        private static string ToText(SecureString accessToken)
        {
            if (accessToken == null)
            {
                throw new ArgumentNullException(nameof(accessToken));
            }

            var chars = SecureStrings.ToChars(accessToken);
            try
            {
                return new string(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }
}
