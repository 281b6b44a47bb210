using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Commands
{
    [Cmdlet(VerbsCommon.Get, "PartnerCustomer", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(Customer))]
    public sealed class GetPartnerCustomerCommand : PartnerCmdlet
    {
        private const string AllSet = "All";
        private const string ByIdSet = "ById";
        private const string ByNameSet = "ByName";
        private const string ByDomainSet = "ByDomain";

        #region Parameters

        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TenantId")]
        public Guid[] CustomerId { get; set; } = Array.Empty<Guid>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = ByDomainSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        #endregion

        #region Command code

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ByIdSet:
                    foreach (var id in CustomerId)
                    {
                        ForRecord(() => WriteObject(Service.GetCustomer(id)));
                    }

                    break;
                case ByNameSet:
                    foreach (var name in Name)
                    {
                        var query = WildcardQuery.Parse(name);
                        ForRecord(() => WriteMatches(new CustomerQuery { NamePrefix = query.LiteralPrefix, NameMatches = query.Matches }, query,
                            () => PartnerErrors.CustomerNameNotFound(name)));
                    }

                    break;
                case ByDomainSet:
                    foreach (var domain in Domain)
                    {
                        var query = WildcardQuery.Parse(domain);
                        ForRecord(() => WriteMatches(new CustomerQuery { DomainPrefix = query.LiteralPrefix, DomainMatches = query.Matches }, query,
                            () => PartnerErrors.CustomerDomainNotFound(domain)));
                    }

                    break;
                default:
                    ForRecord(() => WriteMatches(CustomerQuery.All, null, null));
                    break;
            }
        }

        /// <summary>Streams matches as they are read; a name without wildcards that matches nothing is an error, as with Get-Item.</summary>
        private void WriteMatches(CustomerQuery query, WildcardQuery? pattern, Func<PartnerException>? notFound)
        {
            var found = false;
            foreach (var customer in Service.GetCustomers(query))
            {
                found = true;
                WriteObject(customer);
            }

            if (!found && pattern != null && !pattern.HasWildcards && notFound != null)
            {
                throw notFound();
            }
        }

        #endregion
    }
}
