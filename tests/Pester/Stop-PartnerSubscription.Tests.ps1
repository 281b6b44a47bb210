# Stop-PartnerSubscription against the sample store: cancels new-commerce subscriptions inside their window, refuses
# those past it with the date (CancellationWindowClosed) and legacy ones (CancellationNotSupported), -WhatIf changes
# nothing, and ConfirmImpact is High.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Stop-PartnerSubscription' {
    BeforeEach {
        $storePath = New-TestStore
        $contoso = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription)
        $inWindow = @($contoso | Where-Object CommerceType -EQ 'NewCommerce')
        $legacy = $contoso | Where-Object CommerceType -EQ 'Legacy'
    }

    It 'cancels new-commerce subscriptions inside their window, active or suspended, and -PassThru shows them Deleted' {
        $inWindow.Status | Sort-Object | Should -Be @('Active', 'Suspended')
        $cancelled = @($inWindow | Stop-PartnerSubscription -Confirm:$false -PassThru)
        $cancelled.Status | Should -Be @('Deleted', 'Deleted')
        @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Status Deleted) | Should -HaveCount 2
    }

    It 'CancellationWindowClosed (InvalidOperation) past the window, naming the date it closed' {
        $late = Get-PartnerCustomer -Name 'Contoso Pharmaceuticals' | Get-PartnerSubscription | Where-Object OfferName -EQ 'Microsoft 365 E5'
        $run = Invoke-Captured { $late | Stop-PartnerSubscription -Confirm:$false }
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'CancellationWindowClosed' -Category 'InvalidOperation'
        $run.Errors[0].Exception.Message | Should -BeLike "*closed on $($late.CancellationAllowedUntil.ToString('yyyy-MM-dd')) *"
        $run.Errors[0].TargetObject.SubscriptionId | Should -Be $late.SubscriptionId
        (Get-PartnerSubscription -CustomerId $late.CustomerId -SubscriptionId $late.SubscriptionId).Status | Should -Be 'Active'
    }

    It 'CancellationNotSupported for a legacy subscription, which is suspended instead' {
        $run = Invoke-Captured { $legacy | Stop-PartnerSubscription -Confirm:$false }
        Assert-PartnerError $run.Errors[0] -ErrorId 'CancellationNotSupported' -Category 'InvalidOperation'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Suspend-PartnerSubscription*'
    }

    It 'has ConfirmImpact High and -ThrottleLimit' {
        $command = Get-Command Stop-PartnerSubscription
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $command.Parameters.Keys | Should -Contain 'ThrottleLimit'
    }

    It '-WhatIf names each subscription and leaves the store byte-identical' {
        $before = Get-StoreHash $storePath
        $run = Invoke-Captured { $inWindow | Stop-PartnerSubscription -WhatIf }
        $run.Errors | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
        @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Status Deleted) | Should -HaveCount 0
    }
}
