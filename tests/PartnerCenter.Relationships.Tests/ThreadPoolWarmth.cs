using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// This test host runs many PowerShell sessions at once, each blocking a pool thread while the module waits on an
    /// HTTP call, beside the Pester processes. With the pool's default minimum (one thread per core: two here) the
    /// pool adds threads about one a second, so a waiting HTTP continuation can sit unscheduled for seconds and a
    /// time-budgeted operation (tab completion's five seconds) runs out on a starved pool, not on a slow service.
    /// A real pwsh runs one pipeline at a time and does not need this.
    /// </summary>
    internal static class ThreadPoolWarmth
    {
        [ModuleInitializer]
        internal static void Initialize()
        {
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completionPorts, 32));
        }
    }
}
