using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Completion;
using PartnerCenter.Relationships.Core.PartnerCenter;
using PartnerCenter.Relationships.Core.Store;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// Which backend this runspace works against. One per runspace, never process-wide: two runspaces (jobs,
    /// runbooks sharing a worker, tests) can point at different stores or tenants without seeing each other's choice.
    /// A Partner Center connection (and so its tokens) lives here, in memory, and nowhere else.
    /// </summary>
    internal sealed class PartnerSession
    {
        private static readonly ConditionalWeakTable<Runspace, PartnerSession> Sessions = new ConditionalWeakTable<Runspace, PartnerSession>();

        /// <summary>The store chosen with Connect-PartnerCenter -StorePath; null means the default store.</summary>
        public string? StorePath { get; private set; }

        /// <summary>The Partner Center connection, when connected to Partner Center rather than a store.</summary>
        public PartnerCenterConnection? Remote { get; private set; }

        /// <summary>Tab completion's answers for this connection, kept a short while; forgotten whenever the connection changes.</summary>
        public ArgumentCompletions Completions { get; } = new ArgumentCompletions();

        public static PartnerSession Current => Sessions.GetValue(Runspace.DefaultRunspace, _ => new PartnerSession());

        /// <summary>Drops this runspace's connection, as if it had never connected.</summary>
        public static void Forget()
        {
            if (Runspace.DefaultRunspace is { } runspace && Sessions.TryGetValue(runspace, out var session))
            {
                session.Disconnect();
                Sessions.Remove(runspace);
            }
        }

        public void UseStore(string? storePath)
        {
            Disconnect();
            StorePath = storePath;
        }

        public void UseRemote(PartnerCenterConnection connection)
        {
            Disconnect();
            Remote = connection;
        }

        /// <summary>Back to the default store; a Partner Center connection is closed and its tokens dropped.</summary>
        public void Disconnect()
        {
            Remote?.Dispose();
            Remote = null;
            StorePath = null;
            Completions.Clear();
        }

        /// <summary>The chosen store, else $env:PARTNERCENTER_STORE, else the per-user default; read at every command.</summary>
        public string ResolveStorePath() => StorePath ?? StoreLocation.DefaultPath();

        /// <summary>
        /// One command's backend: Partner Center (with a new correlation id for the command) or the store, which is
        /// created on first use unless <paramref name="storeMustExist"/>.
        /// </summary>
        public IPartnerBackend OpenBackend(CancellationToken cancellation, bool storeMustExist = false) =>
            Remote != null
                ? new PartnerCenterBackend(Remote, Guid.NewGuid().ToString(), cancellation)
                : OpenStore(ResolveStorePath(), storeMustExist);

        /// <summary>
        /// What tab completion reads: the same backend, except that completing never creates a store, not even the
        /// default one (there is nothing to complete from a store that does not exist).
        /// </summary>
        public IPartnerBackend OpenBackendForCompletion(CancellationToken cancellation) => OpenBackend(cancellation, storeMustExist: true);

        /// <summary>
        /// The default store is created on first use (and, for the per-user one, its folder too); a store someone named
        /// with <paramref name="mustExist"/> is never created, so a mistyped path is an error, not a new empty store.
        /// </summary>
        public static SqlitePartnerStore OpenStore(string path, bool mustExist = false) =>
            SqlitePartnerStore.Open(path, createFolder: StoreLocation.IsPerUserDefault(path), mustExist: mustExist);
    }
}
