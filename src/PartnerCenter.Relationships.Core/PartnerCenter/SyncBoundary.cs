using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// The one place where asynchronous Partner Center work is waited for: the backend interface, which cmdlets call
    /// from the pipeline thread, is synchronous; everything below it is async. Every await below uses
    /// ConfigureAwait(false), so waiting here cannot deadlock on a synchronization context.
    /// </summary>
    internal static class SyncBoundary
    {
        public static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        public static void Wait(Task task) => task.GetAwaiter().GetResult();

        /// <summary>An async listing read lazily: a page is asked for when the items before it have been taken.</summary>
        public static IEnumerable<T> Enumerate<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
        {
            var enumerator = items.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    yield return enumerator.Current;
                }
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
