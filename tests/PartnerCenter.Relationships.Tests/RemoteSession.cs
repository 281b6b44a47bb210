using System;
using System.Linq;
using System.Net;
using System.Security;
using System.Threading.Tasks;
using PartnerCenter.Emulator;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// The module imported into a real engine and connected to a Partner Center emulator on 127.0.0.1 with
    /// Connect-PartnerCenter -Endpoint ... -AccessToken ..., as a user would point it at Partner Center.
    /// </summary>
    public sealed class RemoteSession : IAsyncDisposable
    {
        private RemoteSession(PartnerCenterEmulator emulator, ModuleSession session, string accessToken)
        {
            Emulator = emulator;
            Session = session;
            AccessToken = accessToken;
        }

        public PartnerCenterEmulator Emulator { get; }

        public ModuleSession Session { get; }

        /// <summary>The token the session connected with; it must never show in any stream.</summary>
        public string AccessToken { get; }

        /// <param name="graph">Also give a Microsoft Graph token (-GraphAccessToken), for the GDAP cmdlets.</param>
        public static async Task<RemoteSession> StartAsync(EmulatorOptions? options = null, bool appOnly = false, Action<PartnerCenterEmulator>? seed = null, bool graph = false)
        {
            var emulator = await PartnerCenterEmulator.StartAsync(options);
            seed?.Invoke(emulator);
            var session = new ModuleSession(connectToOwnStore: false);
            var token = emulator.CreateAccessToken(appOnly);
            var connect = "Connect-PartnerCenter -Endpoint $args[0] -AccessToken $args[1] " + (graph ? "-GraphAccessToken $args[2] " : string.Empty) +
                "-WarningAction SilentlyContinue | Out-Null";
            session.Ok(connect, emulator.BaseAddress, Secure(token), graph ? Secure(emulator.CreateGraphAccessToken(appOnly)) : null);
            return new RemoteSession(emulator, session, token);
        }

        public static SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;

        /// <summary>Contoso and Contoso Pharmaceuticals (two active subscriptions each, one suspended), Fabrikam (one active).</summary>
        public static void SeedContoso(PartnerCenterEmulator emulator)
        {
            var contoso = emulator.AddCustomer("Contoso", "contoso.onmicrosoft.com");
            emulator.AddSubscription(contoso, "active", "Microsoft 365 E3");
            emulator.AddSubscription(contoso, "active", "Microsoft 365 E5");
            emulator.AddSubscription(contoso, "suspended", "Visio Plan 2");
            var pharma = emulator.AddCustomer("Contoso Pharmaceuticals", "contosopharma.onmicrosoft.com");
            emulator.AddSubscription(pharma, "active", "Office 365 E1");
            emulator.AddSubscription(pharma, "active", "Power BI Pro");
            var fabrikam = emulator.AddCustomer("Fabrikam", "fabrikam.onmicrosoft.com");
            emulator.AddSubscription(fabrikam, "active", "Teams Essentials");
        }

        public async ValueTask DisposeAsync()
        {
            Session.Dispose();
            await Emulator.DisposeAsync();
        }
    }

    internal static class EmulatorLookups
    {
        public static Guid CustomerIdOf(this PartnerCenterEmulator emulator, string companyName) =>
            emulator.GetCustomerStates().Single(c => c.CompanyName == companyName).Id;
    }
}
