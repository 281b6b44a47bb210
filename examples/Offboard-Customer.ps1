<#
.SYNOPSIS
    Offboards customers by today's Partner Center rules: suspends legacy subscriptions, cancels new-commerce ones
    inside their cancellation window, removes the partner's reseller relationship and ends its delegated admin access
    (legacy DAP and GDAP relationships); says for every other customer what is left and until when.

.DESCRIPTION
    For every customer that matches -Name (wildcards allowed) or -CustomerId, the script

      1. makes its offboarding plan (Get-PartnerOffboardingPlan) and lists each step (with -Verbose). A customer
         that cannot be removed today (a new-commerce subscription past its cancellation window, an Azure plan with
         Azure subscriptions) is not touched: a warning says what is left and from when it can be removed;
      2. asks once per customer. ConfirmImpact is High, so you are asked unless you pass -Confirm:$false. Where
         nobody can be asked (pwsh -NonInteractive, a runbook) and -Confirm:$false is not given, the script stops
         with the error ConfirmationNotPossible before it changes anything;
      3. suspends the legacy subscriptions, cancels the new-commerce ones inside their window, turns legacy DAP off,
         removes the reseller relationship and terminates the customer's GDAP relationships
         (Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions
         -TerminateAdminRelationships -PassThru): suspensions are undone if anything fails; cancellations, DAP removal
         and terminations cannot be;
      4. writes the removal result to the pipeline: one RelationshipRemovalResult per customer removed.

    Removal takes the customer off the partner's customer list, takes the partner off the customer's support
    contacts, revokes legacy delegated admin (DAP) and ends purchasing on the customer's behalf; GDAP relationships
    outlive it, which is why the script terminates them too (it needs a Microsoft Graph token against Partner Center;
    without one it warns that GDAP was not checked). The result says how each effect is known (Effects: Verified, or
    ByPartnerCenter); DelegatedAdminRevoked is True only when no DAP and no GDAP relationship were found left.

    To work with a customer again, request a new reseller relationship and send the invitation link to the
    customer's global administrator:

        Request-PartnerRelationship -CustomerId <id> | ForEach-Object Url

    With -RequestRelationship the script does that for you right after the removal and adds RequestId and
    InvitationUrl to each result. That is how a partner replaces an old reseller relationship that carried DAP with
    a new one that does not.

    The script uses only the PartnerCenter.Relationships cmdlets, Microsoft.PowerShell.Core cmdlets and .NET, so it
    also runs in hosts that load nothing else (hosted runspaces, runbooks, the module's engine tests).

.PARAMETER Name
    Customer name. Wildcards are allowed ('Contoso*'); a name without wildcards must match exactly.

.PARAMETER CustomerId
    Customer (tenant) ids. Also bound from the CustomerId property of piped objects, such as Get-PartnerCustomer's.

.PARAMETER StorePath
    A local store to connect to first (Connect-PartnerCenter -StorePath). The file must exist. The session stays
    connected to it afterwards, as after any Connect-PartnerCenter.

.PARAMETER RequestRelationship
    After the removal, request a new reseller relationship (Request-PartnerRelationship) and add its RequestId and
    InvitationUrl to the result.

.EXAMPLE
    ./Offboard-Customer.ps1 -Name 'Contoso*' -WhatIf

    Shows, for each customer whose name starts with Contoso, which subscriptions would be suspended or cancelled, and
    warns about those that cannot be removed today. Changes nothing.

.EXAMPLE
    ./Offboard-Customer.ps1 -Name 'Contoso*' -Confirm:$false -Verbose | Format-Table

    Offboards every Contoso customer that can go today without asking, listing each step of its plan as it goes.

.EXAMPLE
    Get-PartnerCustomer -Domain 'fabrikam.onmicrosoft.com' | ./Offboard-Customer.ps1 -RequestRelationship |
        ForEach-Object { '{0}: {1}' -f $_.Name, $_.InvitationUrl }

    Asks before offboarding Fabrikam, then prints the link that Fabrikam's global administrator opens to accept a
    new reseller relationship.

.EXAMPLE
    ./Offboard-Customer.ps1 -StorePath ./partner.db -CustomerId 3410cda1-5b13-434e-af84-a54adf7a0ea0

    Connects to a local store first, then offboards one customer by id.

.OUTPUTS
    PartnerCenter.Relationships.Core.Models.RelationshipRemovalResult, with two added properties: RequestId and
    InvitationUrl (both $null unless -RequestRelationship is used).
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High', DefaultParameterSetName = 'ByName')]
[OutputType('PartnerCenter.Relationships.Core.Models.RelationshipRemovalResult')]
param(
    [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName')]
    [SupportsWildcards()]
    [ValidateNotNullOrEmpty()]
    [string[]] $Name,

    [Parameter(Mandatory, ParameterSetName = 'ById', ValueFromPipelineByPropertyName)]
    [Alias('TenantId')]
    [guid[]] $CustomerId,

    [ValidateNotNullOrEmpty()]
    [string] $StorePath,

    [switch] $RequestRelationship
)

begin {
    Set-StrictMode -Version 3.0

    # Autoloads the module when it is installed; otherwise say what to do instead of failing on the first cmdlet.
    if (-not (Get-Command -Name 'Remove-PartnerResellerRelationship' -ErrorAction Ignore)) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.InvalidOperationException]::new('The PartnerCenter.Relationships module is not available. Install it, or import it first: Import-Module <path>/PartnerCenter.Relationships.psd1'),
                'PartnerCenterModuleNotAvailable',
                [System.Management.Automation.ErrorCategory]::ObjectNotFound,
                'PartnerCenter.Relationships'))
    }

    if ($PSBoundParameters.ContainsKey('StorePath')) {
        # No store at that path (StoreNotFound), or a store that cannot be used, stops the script here. A cmdlet's
        # terminating error ends only its own statement, so it is caught and thrown again as the script's own.
        try {
            $connection = Connect-PartnerCenter -StorePath $StorePath
        }
        catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $PSCmdlet.WriteVerbose(("Connected to the store of {0}: {1}" -f $connection.PartnerName, $connection.StorePath))
    }

    $offboardedCount = 0
    # A customer named twice (-Name 'Contoso*', 'Contoso', or piped twice) is offboarded once.
    $seen = [System.Collections.Generic.HashSet[guid]]::new()
}

process {
    # 1. The customers. A name without wildcards or an id that is not found is Get-PartnerCustomer's error, and
    #    passes through as this script's error; the other customers are still offboarded.
    if ($PSCmdlet.ParameterSetName -eq 'ById') {
        # Skip ids already offboarded by this run: looking them up again would fail, as they are no longer listed.
        $ids = @($CustomerId | Where-Object { -not $seen.Contains($_) })
        if ($ids.Count -eq 0) {
            return
        }

        $customers = @(Get-PartnerCustomer -CustomerId $ids)
    }
    else {
        $customers = @(Get-PartnerCustomer -Name $Name)
    }

    if ($PSCmdlet.ParameterSetName -eq 'ByName') {
        foreach ($pattern in $Name) {
            if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($pattern) -and
                -not ($customers | Where-Object { $_.Name -like $pattern })) {
                $PSCmdlet.WriteWarning("No customer with a reseller relationship matches '$pattern'.")
            }
        }
    }

    foreach ($customer in $customers) {
        if (-not $seen.Add($customer.CustomerId)) {
            continue
        }

        $label = '{0} ({1})' -f $customer.Name, $customer.CustomerId

        # 2. The plan: what each subscription needs before removal, by today's rules. Only a customer whose every step
        #    can be taken today goes on; for the others the script says what is left and until when.
        try {
            $plan = Get-PartnerOffboardingPlan -CustomerId $customer.CustomerId -ErrorAction Stop
        }
        catch {
            $PSCmdlet.WriteError($_)
            continue
        }

        foreach ($step in $plan.Steps) {
            $PSCmdlet.WriteVerbose(('{0}: {1} {2} ({3}): {4}' -f $label, $step.Action, $step.OfferName, $step.SubscriptionId, $step.Reason))
        }

        if (-not $plan.CanRemoveNow) {
            $left = ($plan.Steps | Where-Object { $_.Action -notin 'Suspend', 'Cancel' } | ForEach-Object {
                    if ($_.Deadline) { '{0} {1} by {2:yyyy-MM-dd}' -f $_.Action, $_.OfferName, $_.Deadline } else { '{0} {1}' -f $_.Action, $_.OfferName } }) -join '; '
            $when = if ($plan.EarliestRemovalDate) { 'not before {0:yyyy-MM-dd}' -f $plan.EarliestRemovalDate } else { 'once the manual steps are done' }
            $PSCmdlet.WriteWarning("$label cannot be removed today, $when. Left: $left. Nothing of it was changed.")
            continue
        }

        $today = @($plan.Steps)
        $whatIfText = if ($today.Count -eq 0) {
            "Remove the reseller relationship with $label (nothing blocks it)."
        }
        else {
            '{0} and remove the reseller relationship with {1}.' -f (($today | ForEach-Object { '{0} {1}' -f $_.Action.ToLowerInvariant(), $_.OfferName }) -join ', '), $label
        }

        $gdap = @($plan.AdminRelationships | Where-Object GrantsAccess).Count
        if ($gdap -gt 0 -or $plan.DelegatedAdminAccess) {
            $whatIfText += ' End its delegated admin access: ' + (@(if ($plan.DelegatedAdminAccess) { 'legacy DAP' }; if ($gdap -gt 0) { "$gdap GDAP relationship(s)" }) -join ' and ') + '.'
        }

        $question = "$whatIfText The partner loses purchasing, support-contact and delegated admin rights; only a new request that the customer accepts gives back the first two."
        # A session that cannot ask (pwsh -NonInteractive, a runbook) makes ShouldProcess throw. A script's .NET call
        # that throws ends only its own statement, and the script would go on to the removal below unconfirmed: so
        # the failure to ask stops the whole script, before anything of this customer is changed.
        try {
            $confirmed = $PSCmdlet.ShouldProcess($whatIfText, $question, 'Offboard customer')
        }
        catch {
            $done = if ($offboardedCount -eq 0) { 'Nothing was changed.' } else { "Only the $offboardedCount customer(s) confirmed before were offboarded." }
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                    [System.InvalidOperationException]::new("Offboarding $label needs your confirmation, but this session cannot ask for it ($($_.Exception.InnerException.Message.TrimEnd('.'))). $done Run the script with -Confirm:`$false to offboard without asking, or with -WhatIf to see what it would do.", $_.Exception),
                    'ConfirmationNotPossible',
                    [System.Management.Automation.ErrorCategory]::PermissionDenied,
                    $customer))
        }

        if (-not $confirmed) {
            continue
        }

        # 4. The plan's steps and the removal in one step: suspensions first (undone if anything fails), then the
        #    cancellations and legacy DAP (which cannot be undone; a failure names them), then the removal, then the
        #    GDAP terminations, waited for and listed again. This customer was confirmed
        #    above, hence -Confirm:$false (no second prompt per step). -WhatIf needs no passing on: under -WhatIf
        #    ShouldProcess said no and this line is not reached, and $WhatIfPreference reaches the module's cmdlets anyway.
        try {
            $result = Remove-PartnerResellerRelationship -CustomerId $customer.CustomerId -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -TerminateAdminRelationships -PassThru -Confirm:$false -ErrorAction Stop
        }
        catch {
            $PSCmdlet.WriteError($_)
            continue
        }

        if ($null -eq $result) {
            continue
        }

        $offboardedCount++
        # 5. Optionally ask for a new relationship right away. The customer's global administrator accepts it by
        #    opening the link; until then the customer stays off the list. Subscriptions stay suspended until resumed.
        $request = $null
        if ($RequestRelationship) {
            try {
                $request = Request-PartnerRelationship -CustomerId $customer.CustomerId -Confirm:$false -ErrorAction Stop
            }
            catch {
                # The removal happened; report the failed request and still write the removal result.
                $PSCmdlet.WriteError($_)
            }
        }
        else {
            $PSCmdlet.WriteVerbose("To work with $label again: Request-PartnerRelationship -CustomerId $($customer.CustomerId) | ForEach-Object Url, and send the link to the customer's global administrator.")
        }

        $requestId = $null
        $invitationUrl = $null
        if ($null -ne $request) {
            $requestId = $request.RequestId
            $invitationUrl = $request.Url
            $PSCmdlet.WriteVerbose("$label`: relationship request $requestId is pending; invitation link: $invitationUrl")
        }

        $result.PSObject.Properties.Add([psnoteproperty]::new('RequestId', $requestId))
        $result.PSObject.Properties.Add([psnoteproperty]::new('InvitationUrl', $invitationUrl))
        $result
    }
}

end {
    $PSCmdlet.WriteVerbose("Offboarded $offboardedCount customer(s).")
}
