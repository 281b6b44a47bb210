using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using PartnerCenter.Relationships.Core;
using PartnerCenter.Relationships.Core.Storage;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// Which backend this runspace works against. One per runspace, never process-wide: two runspaces (jobs,
    /// runbooks sharing a worker, tests) can point at different stores without seeing each other's choice.
    /// </summary>
    internal sealed class PartnerSession
    {
        private static readonly ConditionalWeakTable<Runspace, PartnerSession> Sessions = new ConditionalWeakTable<Runspace, PartnerSession>();

        /// <summary>The store chosen with Connect-PartnerCenter -StorePath; null means the default store.</summary>
        public string? StorePath { get; set; }

        public static PartnerSession Current => Sessions.GetValue(Runspace.DefaultRunspace, _ => new PartnerSession());

        /// <summary>Drops this runspace's connection, as if it had never connected.</summary>
        public static void Forget()
        {
            if (Runspace.DefaultRunspace is { } runspace)
            {
                Sessions.Remove(runspace);
            }
        }

        /// <summary>The chosen store, else $env:PARTNERCENTER_STORE, else the per-user default; read at every command.</summary>
        public string ResolveStorePath() => StorePath ?? StoreLocation.DefaultPath();

        public IPartnerBackend OpenBackend() => OpenStore(ResolveStorePath());

        /// <summary>
        /// The default store is created on first use (and, for the per-user one, its folder too); a store someone named
        /// with <paramref name="mustExist"/> is never created, so a mistyped path is an error, not a new empty store.
        /// </summary>
        public static SqlitePartnerStore OpenStore(string path, bool mustExist = false) =>
            SqlitePartnerStore.Open(path, createFolder: StoreLocation.IsPerUserDefault(path), mustExist: mustExist);
    }
}
