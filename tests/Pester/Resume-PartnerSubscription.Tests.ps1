# Resume-PartnerSubscription against the local store: plain objects bound by their ids, a deleted subscription that
# cannot change, resuming refused once the reseller relationship is removed (ResumeRequiresRelationship), and -WhatIf
# leaving the store file byte-identical.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Resume-PartnerSubscription' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It 'binds plain objects with CustomerId and SubscriptionId by property name' {
        Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false

        $resumed = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Status Suspended |
                ForEach-Object { [pscustomobject]@{ CustomerId = $_.CustomerId; SubscriptionId = $_.SubscriptionId } } |
                Resume-PartnerSubscription -Confirm:$false -PassThru)

        $resumed.Count | Should -BeGreaterOrEqual 2
        $resumed | ForEach-Object { $_.Status | Should -Be 'Active' }
    }

    It 'SubscriptionStatusCannotChange (InvalidOperation) for a Deleted subscription' {
        $deleted = @(Get-PartnerCustomer | Get-PartnerSubscription -Status Deleted | Select-Object -First 1)
        $deleted | Should -HaveCount 1

        $run = Invoke-Captured { $deleted | Resume-PartnerSubscription -Confirm:$false }

        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'SubscriptionStatusCannotChange' -Category 'InvalidOperation'
        $run.Errors[0].TargetObject.SubscriptionId | Should -Be $deleted[0].SubscriptionId
        $run.Errors[0].TargetObject.Status | Should -Be 'Deleted'
        (Get-PartnerSubscription -CustomerId $deleted[0].CustomerId -SubscriptionId $deleted[0].SubscriptionId).Status | Should -Be 'Deleted'
    }

    It 'ResumeRequiresRelationship (PermissionDenied) for each subscription the removal suspended' {
        $result = Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Confirm:$false -PassThru
        $result.SuspendedSubscriptions | Should -HaveCount 1

        $run = Invoke-Captured { $result.SuspendedSubscriptions | Resume-PartnerSubscription -Confirm:$false }

        $run.Errors | Should -HaveCount 1
        foreach ($record in $run.Errors) {
            Assert-PartnerError $record -ErrorId 'ResumeRequiresRelationship' -Category 'PermissionDenied'
            $record.ErrorDetails.RecommendedAction | Should -BeLike '*Request-PartnerRelationship*'
        }
    }

    It 'ResumeRequiresRelationship (PermissionDenied) for a subscription suspended before the removal' {
        $id = Get-CustomerId 'Fabrikam'
        $suspended = @(Get-PartnerCustomer -Name 'Fabrikam' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -PassThru)
        Remove-PartnerResellerRelationship -CustomerId $id -Confirm:$false

        $run = Invoke-Captured { $suspended[0] | Resume-PartnerSubscription -Confirm:$false }

        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'ResumeRequiresRelationship' -Category 'PermissionDenied'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Request-PartnerRelationship*'
    }

    It '-WhatIf leaves the store byte-identical: <Command>' -ForEach @(
        @{ Command = { Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Status Suspended | Resume-PartnerSubscription -WhatIf } }
        @{ Command = { Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Status Suspended | Resume-PartnerSubscription -PassThru -WhatIf } }
    ) {
        # The sample data has one suspended Contoso subscription: suspend the active ones too, so that there is more to resume.
        Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false
        @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Status Suspended) | Should -HaveCount 6
        $before = Get-StoreHash $storePath

        $run = Invoke-Captured $Command

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
        Get-StoreWalLength $storePath | Should -Be 0 -Because 'nothing was left in the write-ahead log'
    }
}
