using System.Diagnostics;

namespace PartnerCenter.Relationships.Bench;

/// <summary>
/// Peak memory growth over a run: a baseline after a forced full GC, then a background thread sampling the managed
/// heap (allocated, including garbage not yet collected) and the process (private bytes, working set) every 2 ms.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly long _managed0;
    private readonly long _private0;
    private readonly long _workingSet0;
    private readonly Thread _thread;
    private volatile bool _stop;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _managed0 = GC.GetTotalMemory(forceFullCollection: true);
        _process.Refresh();
        _private0 = _process.PrivateMemorySize64;
        _workingSet0 = _process.WorkingSet64;
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long PeakManagedGrowth { get; private set; }

    public long PeakPrivateGrowth { get; private set; }

    public long PeakWorkingSetGrowth { get; private set; }

    public int Samples { get; private set; }

    /// <summary>Stops sampling, after one last sample.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Sample()
    {
        while (true)
        {
            var stopping = _stop; // read first, so the sample after Dispose asks to stop is always taken
            _process.Refresh();
            PeakManagedGrowth = Math.Max(PeakManagedGrowth, GC.GetTotalMemory(forceFullCollection: false) - _managed0);
            PeakPrivateGrowth = Math.Max(PeakPrivateGrowth, _process.PrivateMemorySize64 - _private0);
            PeakWorkingSetGrowth = Math.Max(PeakWorkingSetGrowth, _process.WorkingSet64 - _workingSet0);
            Samples++;
            if (stopping)
            {
                return;
            }

            Thread.Sleep(2);
        }
    }
}
