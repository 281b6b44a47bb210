using System;
using System.Globalization;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// Raised when a request waits at a gate Partner Center closed (a 429's Retry-After), or when the connection's
    /// parallelism changes, on the thread of the request (a cmdlet queues it and writes it from its own thread).
    /// </summary>
    public sealed class PartnerCenterThrottleEventArgs : EventArgs
    {
        internal PartnerCenterThrottleEventArgs(string service, string operation, string? correlationId, TimeSpan wait, int? parallelism, double? rate)
        {
            Service = service;
            Operation = operation;
            CorrelationId = correlationId;
            Wait = wait;
            Parallelism = parallelism;
            Rate = rate;
        }

        /// <summary>The service that asked to slow down: "Partner Center" or "Microsoft Graph".</summary>
        public string Service { get; }

        /// <summary>"METHOD /path" of the request that waits or changed the parallelism.</summary>
        public string Operation { get; }

        public string? CorrelationId { get; }

        /// <summary>How long the request waits before its next attempt; zero when only the parallelism changed.</summary>
        public TimeSpan Wait { get; }

        /// <summary>The new number of requests allowed at once; null when it did not change.</summary>
        public int? Parallelism { get; }

        /// <summary>The requests a second the partner's requests are paced at; null while unlimited.</summary>
        public double? Rate { get; }

        /// <summary>The words of the progress record of a wait.</summary>
        public string WaitText => string.Format(CultureInfo.InvariantCulture,
            "waiting {0:0} s: {1} asked to slow down", Math.Max(1, Math.Ceiling(Wait.TotalSeconds)), Service);

        public override string ToString() => Parallelism is int most
            ? string.Format(CultureInfo.InvariantCulture, "{2} throttling: at most {0} {3} at once{1}.", most,
                Rate is double rate ? string.Format(CultureInfo.InvariantCulture, ", {0:0.#} a second", rate) : string.Empty, Service,
                most == 1 ? "request" : "requests")
            : string.Format(CultureInfo.InvariantCulture, "{0}: {1}.", Operation, WaitText);
    }
}
