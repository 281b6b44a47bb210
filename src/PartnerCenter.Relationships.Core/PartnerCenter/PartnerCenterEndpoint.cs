using System;
using System.Net;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>The Partner Center cloud a connection belongs to.</summary>
    public enum PartnerCenterEnvironment
    {
        /// <summary>The global cloud (also used for Microsoft Cloud for US Government).</summary>
        Global,

        /// <summary>The China cloud operated by 21Vianet.</summary>
        China,
    }

    /// <summary>
    /// Where requests and token requests go: the service root (without /v1; the client adds it), the token
    /// audience ("resource") and the Entra ID authority host. <see cref="Graph"/> is the same for Microsoft Graph
    /// (GDAP relationships), whose paths start with /v1.0 and whose tokens have their own audience.
    /// </summary>
    /// <remarks>
    /// A custom endpoint (an emulator, a proxy) keeps the environment's audience. It must be an absolute http(s) URI
    /// without query or fragment; a trailing slash is ignored, and so is a trailing <c>/v1</c> (it is dropped, since
    /// the client adds /v1 itself). Plain http is accepted only for a loopback host, so a bearer token is never sent
    /// in clear text over a network.
    /// </remarks>
    public sealed class PartnerCenterEndpoint
    {
        public const string GlobalServiceRoot = "https://api.partnercenter.microsoft.com";
        public const string ChinaServiceRoot = "https://partner.partnercenterapi.microsoftonline.cn";
        public const string GlobalAuthorityHost = "https://login.microsoftonline.com";
        public const string ChinaAuthorityHost = "https://login.chinacloudapi.cn";
        public const string GlobalGraphRoot = "https://graph.microsoft.com";
        public const string ChinaGraphRoot = "https://microsoftgraph.chinacloudapi.cn";

        private PartnerCenterEndpoint(PartnerCenterEnvironment environment, string serviceRoot, string audience, string authorityHost, bool isCustom,
            PartnerCenterEndpoint? graph = null)
        {
            Environment = environment;
            ServiceRoot = serviceRoot;
            Audience = audience;
            AuthorityHost = authorityHost;
            IsCustom = isCustom;
            ServiceName = graph == null ? "Microsoft Graph" : "Partner Center";
            VersionPath = graph == null ? "/v1.0" : "/v1";
            Graph = graph ?? this;
        }

        /// <summary>"Partner Center" or "Microsoft Graph", as messages name the service.</summary>
        public string ServiceName { get; }

        /// <summary>The version every relative path starts with: /v1 for Partner Center, /v1.0 for Graph.</summary>
        public string VersionPath { get; }

        public bool IsGraph => ReferenceEquals(Graph, this);

        /// <summary>Microsoft Graph for the same environment (itself, for a Graph endpoint).</summary>
        public PartnerCenterEndpoint Graph { get; }

        public static PartnerCenterEndpoint Global { get; } = Resolve(PartnerCenterEnvironment.Global);

        public static PartnerCenterEndpoint China { get; } = Resolve(PartnerCenterEnvironment.China);

        public PartnerCenterEnvironment Environment { get; }

        /// <summary>The service root without /v1 and without a trailing slash, e.g. https://api.partnercenter.microsoft.com.</summary>
        public string ServiceRoot { get; }

        /// <summary>The root every relative path is resolved under: <see cref="ServiceRoot"/> + "/v1" (Graph: "/v1.0").</summary>
        public string ApiRoot => ServiceRoot + VersionPath;

        /// <summary>The token audience (the "resource" of a v1 token request): the environment's service root.</summary>
        public string Audience { get; }

        /// <summary>The Entra ID authority host without a trailing slash, e.g. https://login.microsoftonline.com.</summary>
        public string AuthorityHost { get; }

        /// <summary>True when <see cref="ServiceRoot"/> was given explicitly rather than taken from the environment.</summary>
        public bool IsCustom { get; }

        /// <summary>
        /// Resolves the endpoint: the environment's service root, audience and authority host, replaced by
        /// <paramref name="endpoint"/> and <paramref name="authorityHost"/> when given. Invalid values raise
        /// <see cref="PartnerException"/> with ErrorId InvalidArgument. Graph's root is <paramref name="graphEndpoint"/>
        /// when given; else, for a custom Partner Center endpoint (an emulator serves both), that same root; else the
        /// environment's Graph.
        /// </summary>
        public static PartnerCenterEndpoint Resolve(
            PartnerCenterEnvironment environment = PartnerCenterEnvironment.Global, string? endpoint = null, string? authorityHost = null, string? graphEndpoint = null)
        {
            var (defaultRoot, defaultAuthority, defaultGraph) = environment switch
            {
                PartnerCenterEnvironment.Global => (GlobalServiceRoot, GlobalAuthorityHost, GlobalGraphRoot),
                PartnerCenterEnvironment.China => (ChinaServiceRoot, ChinaAuthorityHost, ChinaGraphRoot),
                _ => throw PartnerErrors.InvalidArgument("Environment", environment, "use Global or China."),
            };

            var root = string.IsNullOrWhiteSpace(endpoint) ? defaultRoot : Normalize("Endpoint", endpoint!, stripV1: true);
            var authority = string.IsNullOrWhiteSpace(authorityHost) ? defaultAuthority : Normalize("AuthorityHost", authorityHost!, stripV1: false);
            var isCustom = !string.Equals(root, defaultRoot, StringComparison.OrdinalIgnoreCase);
            var graphRoot = !string.IsNullOrWhiteSpace(graphEndpoint) ? Normalize("GraphEndpoint", graphEndpoint!, stripV1: false)
                : isCustom ? root
                : defaultGraph;
            var graph = new PartnerCenterEndpoint(environment, StripVersion(graphRoot, "/v1.0"), defaultGraph, authority,
                !string.Equals(graphRoot, defaultGraph, StringComparison.OrdinalIgnoreCase));
            return new PartnerCenterEndpoint(environment, root, defaultRoot, authority, isCustom, graph);
        }

        private static string StripVersion(string root, string version) =>
            root.EndsWith(version, StringComparison.OrdinalIgnoreCase) ? root.Substring(0, root.Length - version.Length).TrimEnd('/') : root;

        /// <summary>The v1 token endpoint: {AuthorityHost}/{tenantId}/oauth2/token.</summary>
        public string GetTokenEndpoint(string tenantId)
        {
            if (string.IsNullOrWhiteSpace(tenantId) || tenantId.IndexOfAny(new[] { '/', '?', '#', '\\', ' ' }) >= 0)
            {
                throw PartnerErrors.InvalidArgument("TenantId", tenantId, "give the tenant id (a GUID) or a verified domain such as contoso.onmicrosoft.com.");
            }

            return AuthorityHost + "/" + Uri.EscapeDataString(tenantId.Trim()) + "/oauth2/token";
        }

        /// <summary>
        /// The absolute URI for a request. A relative path gets the /v1 prefix unless it already starts with /v1
        /// (next links may lack it); an absolute URI is used as given, but only when it has the endpoint's scheme,
        /// host and port (the access token is never sent elsewhere: <see cref="PartnerErrorId.PartnerCenterUnexpectedHost"/>).
        /// </summary>
        public Uri ResolveRequestUri(string relativeOrAbsoluteUri)
        {
            if (string.IsNullOrWhiteSpace(relativeOrAbsoluteUri))
            {
                throw new ArgumentException("A request URI is required.", nameof(relativeOrAbsoluteUri));
            }

            var text = relativeOrAbsoluteUri.Trim();
            if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out var absolute))
                {
                    throw new ArgumentException("The request URI is not a valid absolute URI.", nameof(relativeOrAbsoluteUri));
                }

                var root = new Uri(ServiceRoot);
                if (Uri.Compare(absolute, root, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    var error = PartnerErrors.PartnerCenterUnexpectedHost(absolute.GetLeftPart(UriPartial.Authority), ServiceRoot);
                    throw IsGraph ? PartnerErrors.AsGraph(error) : error;
                }

                return absolute;
            }

            if (!text.StartsWith("/", StringComparison.Ordinal))
            {
                text = "/" + text;
            }

            if (!HasVersionPrefix(text))
            {
                text = VersionPath + text;
            }

            return new Uri(ServiceRoot + text, UriKind.Absolute);
        }

        public override string ToString() =>
            $"{Environment} ({ServiceRoot}; audience {Audience}; authority {AuthorityHost})";

        private bool HasVersionPrefix(string path)
        {
            var length = VersionPath.Length;
            return path.StartsWith(VersionPath, StringComparison.OrdinalIgnoreCase) &&
                (path.Length == length || path[length] == '/' || path[length] == '?' || path[length] == '#');
        }

        private static string Normalize(string parameterName, string value, bool stripV1)
        {
            var text = value.Trim();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw PartnerErrors.InvalidArgument(parameterName, value, "give an absolute http or https address, for example https://api.partnercenter.microsoft.com.");
            }

            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw PartnerErrors.InvalidArgument(parameterName, value, "give only the scheme, host, port and path: no query, fragment or user information.");
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw PartnerErrors.InvalidArgument(parameterName, value, "plain http is accepted only for a loopback host (localhost, 127.0.0.1, ::1); use https.");
            }

            var result = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            if (stripV1 && result.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
            {
                result = result.Substring(0, result.Length - 3).TrimEnd('/');
            }

            return result;
        }

        private static bool IsLoopback(Uri uri) =>
            uri.IsLoopback ||
            string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
            (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
