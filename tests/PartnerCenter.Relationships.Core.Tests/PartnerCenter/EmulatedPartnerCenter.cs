using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenter.Emulator;
using PartnerCenter.Relationships.Core.PartnerCenter;

namespace PartnerCenter.Relationships.Core.Tests.PartnerCenter
{
    /// <summary>
    /// The in-process Partner Center emulator (its own port) and a connection to it on a given App+User access
    /// token, as Connect-PartnerCenter -Endpoint ... -AccessToken makes it; backends are opened over the connection one
    /// per command, as the module opens them.
    /// </summary>
    internal sealed class EmulatedPartnerCenter : IAsyncDisposable
    {
        private EmulatedPartnerCenter(PartnerCenterEmulator emulator, PartnerCenterConnection connection)
        {
            Emulator = emulator;
            Connection = connection;
        }

        public PartnerCenterEmulator Emulator { get; }

        public PartnerCenterConnection Connection { get; }

        /// <summary>
        /// Retries wait 10 ms instead of half a second: a test that provokes one should not sleep. Everything else is
        /// the client's default.
        /// </summary>
        public static async Task<EmulatedPartnerCenter> StartAsync(EmulatorOptions? options = null, bool appOnly = false)
        {
            var emulator = await PartnerCenterEmulator.StartAsync(options);
            var endpoint = PartnerCenterEndpoint.Resolve(PartnerCenterEnvironment.Global, emulator.BaseAddress.OriginalString, emulator.AuthorityHost.OriginalString);
            var token = new NetworkCredential(string.Empty, emulator.CreateAccessToken(appOnly)).SecurePassword;
            var clientOptions = new PartnerCenterClientOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };
            return new EmulatedPartnerCenter(emulator, PartnerCenterConnection.WithAccessToken(endpoint, token, clientOptions));
        }

        /// <summary>One command's backend, with its own correlation id.</summary>
        public PartnerCenterBackend OpenBackend(string? correlationId = null, CancellationToken cancellation = default) =>
            new PartnerCenterBackend(Connection, correlationId ?? Guid.NewGuid().ToString(), cancellation);

        public async ValueTask DisposeAsync()
        {
            Connection.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}
