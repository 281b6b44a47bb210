using System;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.Backends
{
    /// <summary>
    /// The one undo mechanism: everything a backend writes inside an operation is kept only if the operation
    /// completes. The local store holds a transaction; Partner Center, which has none, remembers each change and
    /// makes the compensating call. Code that changes several things never restores them by hand.
    /// </summary>
    public interface IPartnerOperation : IDisposable
    {
        /// <summary>Keeps what was written.</summary>
        void Complete();

        /// <summary>
        /// Undoes what was written, now, because of <paramref name="cause"/>, and returns the error to report: the
        /// cause itself, or (where the undo could not be done in full) one that also names what is left changed.
        /// </summary>
        PartnerException Undo(PartnerException cause);
    }
}
