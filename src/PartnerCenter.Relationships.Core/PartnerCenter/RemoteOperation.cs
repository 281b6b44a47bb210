using System;
using System.Collections.Generic;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.PartnerCenter
{
    /// <summary>
    /// Partner Center has no transactions: inside an operation each change (of status or auto-renew) is remembered with
    /// the call that changes it back, and, unless the operation completes, those calls are made, newest first.
    /// </summary>
    internal sealed class RemoteOperation : IPartnerOperation
    {
        private readonly Action _onFinished;
        private readonly List<(Subscription Subscription, Func<bool> ChangeBack)> _changes = new List<(Subscription, Func<bool>)>();
        private bool _finished;

        public RemoteOperation(Action onFinished) => _onFinished = onFinished;

        public void Remember(Subscription subscription, Func<bool> changeBack)
        {
            lock (_changes)
            {
                _changes.Add((subscription, changeBack));
            }
        }

        public void Complete() => Finish();

        public PartnerException Undo(PartnerException cause)
        {
            var left = ChangeBack();
            return left.Count == 0 ? cause : PartnerErrors.UndoIncomplete(cause, left);
        }

        /// <summary>Left without Complete or Undo (the command was stopped): changed back as far as possible.</summary>
        public void Dispose() => ChangeBack();

        /// <summary>Newest first; each is tried even if another fails. Returns the subscriptions left changed.</summary>
        private List<Subscription> ChangeBack()
        {
            var left = new List<Subscription>();
            if (_finished)
            {
                return left;
            }

            Finish();
            for (var i = _changes.Count - 1; i >= 0; i--)
            {
                bool changedBack;
                try
                {
                    changedBack = _changes[i].ChangeBack();
                }
                catch (Exception ex) when (ex is PartnerException || ex is OperationCanceledException)
                {
                    changedBack = false;
                }

                if (!changedBack)
                {
                    left.Add(_changes[i].Subscription);
                }
            }

            return left;
        }

        private void Finish()
        {
            _finished = true;
            _onFinished();
        }
    }
}
