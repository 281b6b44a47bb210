# Set-PartnerSubscription -AutoRenewEnabled against the sample store: turns auto-renew off (the way out past the
# cancellation window), refuses a suspended subscription (AutoRenewCannotChange), -WhatIf changes nothing.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Set-PartnerSubscription' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It 'turns auto-renew off where the plan says so, and the plan then only waits' {
        $steps = @(Get-PartnerCustomer -Name 'Contoso Pharmaceuticals' | Get-PartnerOffboardingPlan | Select-Object -ExpandProperty Steps | Where-Object Action -EQ 'DisableAutoRenew')
        $steps | Should -HaveCount 2
        $changed = @($steps | Set-PartnerSubscription -AutoRenewEnabled $false -Confirm:$false -PassThru)
        $changed.AutoRenewEnabled | Should -Be @($false, $false)

        $after = Get-PartnerCustomer -Name 'Contoso Pharmaceuticals' | Get-PartnerOffboardingPlan
        @($after.Steps | Where-Object Action -EQ 'DisableAutoRenew') | Should -HaveCount 0
        @($after.Steps | Where-Object Action -EQ 'WaitForExpiry') | Should -HaveCount 2
    }

    It 'AutoRenewCannotChange (InvalidOperation) for a suspended subscription' {
        $suspended = Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Status Suspended
        $run = Invoke-Captured { $suspended | Set-PartnerSubscription -AutoRenewEnabled $false -Confirm:$false }
        Assert-PartnerError $run.Errors[0] -ErrorId 'AutoRenewCannotChange' -Category 'InvalidOperation'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*resume it first*'
    }

    It '-WhatIf leaves the store byte-identical' {
        $before = Get-StoreHash $storePath
        Get-PartnerCustomer -Name 'Contoso Pharmaceuticals' | Get-PartnerSubscription -Active | Set-PartnerSubscription -AutoRenewEnabled $false -WhatIf
        Get-StoreHash $storePath | Should -Be $before
    }
}
