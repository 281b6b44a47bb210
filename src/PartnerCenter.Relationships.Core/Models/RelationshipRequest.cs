using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>An invitation to (re-)establish a reseller relationship, which the customer accepts in their admin center.</summary>
    public sealed class RelationshipRequest
    {
        public Guid RequestId { get; set; }

        public Guid CustomerId { get; set; }

        public string CustomerName { get; set; } = string.Empty;

        public string Domain { get; set; } = string.Empty;

        public string Url { get; set; } = string.Empty;

        public string Status { get; set; } = RelationshipRequestStatus.Pending;

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset? AcceptedAt { get; set; }

        /// <summary>A short message the partner can send to the customer's global administrator.</summary>
        public string InvitationText =>
            (CustomerName.Length > 0 ? $"Hello {CustomerName} administrator," : "Hello,") + $"{Environment.NewLine}{Environment.NewLine}" +
            "To let us work with you again as your Microsoft Cloud Solution Provider, please sign in as a Global Administrator " +
            // Partner Center no longer shows a removed customer, so a request made there may not know the domain.
            (Domain.Length > 0 ? $"of {Domain} " : "of your organization ") +
            $"and accept our reseller relationship request here:{Environment.NewLine}{Url}{Environment.NewLine}{Environment.NewLine}" +
            "Accepting restores our ability to purchase on your behalf and lists us as a support contact. It does not grant us administrative access to your tenant.";

        public override string ToString() => Url;
    }
}
