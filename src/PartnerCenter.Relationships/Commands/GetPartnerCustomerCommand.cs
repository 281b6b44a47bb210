using System;
using System.Management.Automation;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Customers;
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

        private BulkProgress? _progress;
        private CustomerLookup? _customers;

        #region Parameters

        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TenantId")]
        [ArgumentCompleter(typeof(CustomerIdCompleter))]
        public Guid[] CustomerId { get; set; } = Array.Empty<Guid>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(CustomerNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = ByDomainSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(CustomerDomainCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        #endregion

        /// <summary>The lookup of this command, over its backend.</summary>
        private CustomerLookup Customers => _customers ??= new CustomerLookup(Backend);

        #region Command code

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ByIdSet:
                    foreach (var id in CustomerId)
                    {
                        ForRecord(() => WriteObject(Customers.Get(id)));
                    }

                    break;
                case ByNameSet:
                    WriteEachPattern("-Name", Name, query => new CustomerQuery { NamePrefix = query.LiteralPrefix, NameMatches = query.Matches }, PartnerErrors.CustomerNameNotFound);
                    break;
                case ByDomainSet:
                    WriteEachPattern("-Domain", Domain, query => new CustomerQuery { DomainPrefix = query.LiteralPrefix, DomainMatches = query.Matches }, PartnerErrors.CustomerDomainNotFound);
                    break;
                default:
                    ForRecord(() => WriteMatches(new CustomerQuery()));
                    break;
            }
        }

        protected override void EndProcessing()
        {
            _progress?.Complete();
            base.EndProcessing();
        }

        /// <summary>Streams the matches of each -Name or -Domain pattern; a pattern without wildcards that matches nothing is an error, as with Get-Item.</summary>
        private void WriteEachPattern(string parameterName, string[] patterns, Func<WildcardQuery, CustomerQuery> toQuery, Func<string, PartnerException> notFound)
        {
            foreach (var pattern in patterns)
            {
                ForRecord(() =>
                {
                    var wildcard = WildcardQuery.Parse(parameterName, pattern);
                    var found = WriteMatches(toQuery(wildcard));
                    if (!found && !wildcard.HasWildcards)
                    {
                        throw notFound(pattern);
                    }
                });
            }
        }

        private bool WriteMatches(CustomerQuery query)
        {
            // Partner Center lists customers page by page; the pages are read (and reported) on this thread.
            _progress ??= new BulkProgress(this, "Reading customers", activityId: 1);
            query.PageRead = _progress.ReportPages;
            var found = false;
            foreach (var customer in Customers.List(query))
            {
                found = true;
                WriteObject(customer);
            }

            return found;
        }

        #endregion
    }
}
