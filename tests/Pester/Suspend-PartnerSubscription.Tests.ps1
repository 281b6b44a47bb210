# Suspend-PartnerSubscription against the local store: how subscriptions bind (the module's objects as -InputObject,
# taken as they are; plain objects and strings by their ids, looked up in the store), stale objects judged on what the
# store holds, an already suspended subscription, a deleted or unknown one, a bulk suspend stopped part way
# (the saved batches stay), and -WhatIf leaving the store file byte-identical.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Suspend-PartnerSubscription' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It 'has a ById and a ByInputObject parameter set' {
        @((Get-Command Suspend-PartnerSubscription).ParameterSets.Name | Sort-Object) | Should -Be @('ById', 'ByInputObject')
    }

    It 'suspends the module''s subscription objects and writes them out with the new status' {
        $suspended = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -PassThru)

        $suspended | Should -HaveCount 2
        $suspended.Status | Should -Be @('Suspended', 'Suspended')
    }

    It 'binds plain objects with TenantId and Id given as strings' {
        $id = [string](Get-CustomerId 'Contoso')
        $subscription = @(Get-PartnerSubscription -CustomerId $id -Active)[0]

        $suspended = @([pscustomobject]@{ TenantId = $id; Id = [string]$subscription.SubscriptionId } | Suspend-PartnerSubscription -Confirm:$false -PassThru)

        $suspended | Should -HaveCount 1
        $suspended[0].Status | Should -Be 'Suspended'
    }

    It 'takes piped subscriptions as they are, and plain objects by their ids (as the -WhatIf text shows)' {
        # The -WhatIf text names the subscription as the preview saw it: the piped object's own offer name shows that
        # it bound to -InputObject; the store's name shows a lookup by id.
        $asObjects = Get-HostText {
            Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active |
                ForEach-Object { $_.OfferName = 'Renamed here'; $_ } | Suspend-PartnerSubscription -WhatIf
        }
        @($asObjects | Where-Object { $_.Contains('Renamed here') }) | Should -HaveCount 2

        $byIds = Get-HostText {
            Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active |
                ForEach-Object { [pscustomobject]@{ CustomerId = "$($_.CustomerId)"; SubscriptionId = "$($_.SubscriptionId)"; OfferName = 'Renamed here' } } |
                Suspend-PartnerSubscription -WhatIf
        }
        @($byIds | Where-Object { $_.Contains('Renamed here') }) | Should -HaveCount 0
        @($byIds | Where-Object { $_.Contains('What if') -and $_.Contains('Office 365 E3') }) | Should -Not -BeNullOrEmpty
    }

    It 'judges a stale object on the store: written out as the store has it, the caller''s object left as it was read' {
        # Read while active; suspended by someone else; then suspended again from the stale objects.
        $held = Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active
        Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false

        $run = Invoke-Captured { $held | Suspend-PartnerSubscription -Confirm:$false -PassThru | ForEach-Object Status; $held | ForEach-Object Status }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Be @('Suspended', 'Suspended', 'Active', 'Active')
    }

    It 'leaves an already suspended subscription as it is, saying so in a verbose message' {
        $suspended = @(Get-PartnerCustomer | Get-PartnerSubscription -Status Suspended)[0]

        $run = Invoke-Captured { $suspended | Suspend-PartnerSubscription -Confirm:$false -PassThru -Verbose }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -HaveCount 1
        $run.Output[0].Status | Should -Be 'Suspended'
        @($run.Verbose | Where-Object { $_.Contains('already Suspended') }) | Should -Not -BeNullOrEmpty
    }

    It 'warns once per new-commerce subscription that billing continues and removal stays blocked; none for legacy' {
        $subscriptions = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active)
        $nce = $subscriptions | Where-Object CommerceType -EQ 'NewCommerce'
        $warnings = $null
        $subscriptions + $nce | Suspend-PartnerSubscription -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings) | Should -HaveCount 1
        $warnings[0].Message | Should -BeLike "*$($nce.SubscriptionId)*keeps billing it while suspended, until its commitment ends on $($nce.CommitmentEndDate.ToString('yyyy-MM-dd'))*cannot be removed until it is cancelled*"
    }

    It 'AzurePlanHasActiveSubscriptions (InvalidOperation) for an Azure plan with Azure subscriptions under it' {
        $plan = Get-PartnerCustomer -Name 'Northwind Traders' | Get-PartnerSubscription -Active | Where-Object OfferName -EQ 'Azure plan'
        $run = Invoke-Captured { $plan | Suspend-PartnerSubscription -Confirm:$false }
        Assert-PartnerError $run.Errors[0] -ErrorId 'AzurePlanHasActiveSubscriptions' -Category 'InvalidOperation'
        (Get-PartnerSubscription -CustomerId $plan.CustomerId -SubscriptionId $plan.SubscriptionId).Status | Should -Be 'Active'
    }

    It 'SubscriptionStatusCannotChange (InvalidOperation) for a Deleted subscription' {
        $deleted = @(Get-PartnerCustomer | Get-PartnerSubscription -Status Deleted | Select-Object -First 1)
        $deleted | Should -HaveCount 1

        $run = Invoke-Captured { $deleted | Suspend-PartnerSubscription -Confirm:$false }

        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'SubscriptionStatusCannotChange' -Category 'InvalidOperation'
        $run.Errors[0].TargetObject.SubscriptionId | Should -Be $deleted[0].SubscriptionId
        $run.Errors[0].TargetObject.Status | Should -Be 'Deleted'
        (Get-PartnerSubscription -CustomerId $deleted[0].CustomerId -SubscriptionId $deleted[0].SubscriptionId).Status | Should -Be 'Deleted'
    }

    It 'SubscriptionNotFound (ObjectNotFound) for an unknown subscription id' {
        $missing = [guid]::NewGuid()
        $contosoId = Get-CustomerId 'Contoso'

        $run = Invoke-Captured { Suspend-PartnerSubscription -CustomerId $contosoId -SubscriptionId $missing -Confirm:$false }

        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'SubscriptionNotFound' -Category 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $missing
    }

    It 'keeps the batches saved before the pipeline stopped, and leaves the rest as they were' {
        $bulk = New-PartnerCustomer -Name 'Bulk' -Domain 'bulk.onmicrosoft.com'
        1..300 | ForEach-Object { [pscustomobject]@{ CustomerId = $bulk.CustomerId; OfferName = "Offer $_" } } | New-PartnerSubscription | Out-Null

        # The pipeline stops at the 250th subscription: the first batch of 200 was saved, the next 49 were not.
        $run = Invoke-Captured {
            $i = 0
            Get-PartnerCustomer -Name 'Bulk' | Get-PartnerSubscription -Active |
                ForEach-Object { if (++$i -eq 250) { throw 'stopped' }; $_ } | Suspend-PartnerSubscription -Confirm:$false
        }

        $run.Terminating | Should -Not -BeNullOrEmpty
        @(Get-PartnerCustomer -Name 'Bulk' | Get-PartnerSubscription -Status Suspended) | Should -HaveCount 200
        @(Get-PartnerCustomer -Name 'Bulk' | Get-PartnerSubscription -Active) | Should -HaveCount 100
    }

    It '-WhatIf leaves the store byte-identical: <Command>' -ForEach @(
        @{ Command = { Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -WhatIf } }
        @{ Command = { Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -PassThru -WhatIf } }
    ) {
        $before = Get-StoreHash $storePath

        $run = Invoke-Captured $Command

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
        Get-StoreWalLength $storePath | Should -Be 0 -Because 'nothing was left in the write-ahead log'
        @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active) | Should -HaveCount 5
    }

    It 'without -WhatIf the same command changes the file (the control for the test above)' {
        $before = Get-StoreHash $storePath

        Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false

        Get-StoreHash $storePath | Should -Not -Be $before
    }
}
