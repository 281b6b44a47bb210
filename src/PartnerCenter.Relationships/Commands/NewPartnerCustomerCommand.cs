using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Customers;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Commands
{
    /// <summary>Adds a customer with a reseller relationship to the local store.</summary>
    [Cmdlet(VerbsCommon.New, "PartnerCustomer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Customer))]
    public sealed class NewPartnerCustomerCommand : PartnerCmdlet
    {
        #region Parameters

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Domain { get; set; } = string.Empty;

        /// <summary>The customer's tenant id; a new one is generated when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId")]
        public Guid? CustomerId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter AllowDelegatedAccess { get; set; }

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            var customer = new Customer
            {
                // Omitted is a new tenant id; given, even as the empty GUID, it is the core's to judge.
                CustomerId = CustomerId ?? Guid.NewGuid(),
                Name = Name.Trim(),
                Domain = Domain.Trim(),
                AllowDelegatedAccess = AllowDelegatedAccess,
            };
            if (ShouldProcess($"{customer.Name} ({customer.Domain})", "Add customer"))
            {
                ForRecord(() => WriteObject(new CustomerCreation(Backend).Add(customer)));
            }
        }

        #endregion
    }
}
