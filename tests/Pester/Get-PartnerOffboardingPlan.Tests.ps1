# Get-PartnerOffboardingPlan against the sample store: one plan per customer with what each subscription needs by
# today's rules (the sample data's first customers hold one case each), read-only, piped into removal.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Get-PartnerOffboardingPlan' {
    BeforeAll {
        $storePath = New-TestStore
        $plans = @(Get-PartnerCustomer -Name 'Contoso*', 'Fabrikam', 'Northwind Traders' | Get-PartnerOffboardingPlan)
        $byName = @{}
        $plans | ForEach-Object { $byName[$_.Name] = $_ }
    }

    It 'writes one plan per piped customer, in order' {
        $plans.Name | Should -Be @('Contoso', 'Contoso Pharmaceuticals', 'Fabrikam', 'Northwind Traders')
        $plans[0].GetType().FullName | Should -Be 'PartnerCenter.Relationships.Core.Models.OffboardingPlan'
    }

    It 'Contoso can go today: suspend the legacy subscription, then cancel the new-commerce ones inside their window' {
        $plan = $byName['Contoso']
        $plan.CanRemoveNow | Should -BeTrue
        $plan.EarliestRemovalDate | Should -Be ([datetime]::UtcNow.Date)
        $plan.Steps.Action | Should -Be @('Suspend', 'Cancel', 'Cancel')
        $cancel = $plan.Steps | Where-Object Action -EQ 'Cancel' | Select-Object -First 1
        $cancel.Deadline | Should -Be $cancel.Subscription.CancellationAllowedUntil
        $cancel.Reason | Should -BeLike '*prorated refund*would not stop billing*'
    }

    It 'Contoso Pharmaceuticals cannot: past the window it waits for the commitment end, its add-on with it' {
        $plan = $byName['Contoso Pharmaceuticals']
        $plan.CanRemoveNow | Should -BeFalse
        $e5 = Get-PartnerCustomer -Name 'Contoso Pharmaceuticals' | Get-PartnerSubscription | Where-Object OfferName -EQ 'Microsoft 365 E5'
        $plan.EarliestRemovalDate | Should -Be $e5.CommitmentEndDate.AddDays(1)
        @($plan.Steps | Where-Object Action -EQ 'WaitForExpiry') | Should -HaveCount 2
        ($plan.Steps | Where-Object { $_.OfferName -eq 'Microsoft Teams Phone Standard' -and $_.Action -eq 'DisableAutoRenew' }).Reason |
            Should -BeLike 'Add-on of Microsoft 365 E5*'
    }

    It 'Fabrikam can go today: its empty Azure plan is suspended, its other subscriptions are final or suspended' {
        $plan = $byName['Fabrikam']
        $plan.CanRemoveNow | Should -BeTrue
        ($plan.Steps | ForEach-Object { "$($_.OfferName):$($_.Action)" }) | Should -Be @('Azure plan:Suspend')
    }

    It 'Northwind Traders: an Azure plan with active Azure subscriptions is a manual step that leaves the date open; auto-renew off waits' {
        $plan = $byName['Northwind Traders']
        ($plan.Steps | ForEach-Object { "$($_.OfferName):$($_.Action)" }) | Should -Be @('Microsoft 365 Business Basic:WaitForExpiry', 'Azure plan:Manual')
        ($plan.Steps | Where-Object Action -EQ 'Manual').Reason | Should -BeLike '*2 active Azure subscription(s)*'
        $plan.EarliestRemovalDate | Should -BeNullOrEmpty
    }

    It 'changes nothing' {
        $before = Get-StoreHash $storePath
        Get-PartnerCustomer | Get-PartnerOffboardingPlan | Out-Null
        Get-StoreHash $storePath | Should -Be $before
    }

    It 'reports CustomerRelationshipNotFound for an unknown id and still plans the others' {
        $run = Invoke-Captured { [guid]::NewGuid(), (Get-CustomerId 'Contoso') | Get-PartnerOffboardingPlan }
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'CustomerRelationshipNotFound' -Category 'ObjectNotFound'
        $run.Output.Name | Should -Be 'Contoso'
    }

    It 'pipes into Remove-PartnerResellerRelationship by CustomerId' {
        $removed = @($byName['Contoso'] | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force -PassThru)
        $removed.Name | Should -Be 'Contoso'
        $removed[0].CancelledSubscriptions | Should -HaveCount 2
    }
}

Describe 'Get-PartnerOffboardingPlan: delegated admin access' {
    BeforeAll {
        $null = New-TestStore
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'lists the customer''s open GDAP relationships and whether legacy DAP is on' {
        $plan = Get-PartnerCustomer -Name 'Contoso' | Get-PartnerOffboardingPlan
        $plan.AdminRelationshipsChecked | Should -BeTrue
        $plan.DelegatedAdminAccess | Should -BeTrue
        @($plan.AdminRelationships | Where-Object GrantsAccess) | Should -HaveCount 2
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam' | Get-PartnerOffboardingPlan
        $fabrikam.AdminRelationships | Should -HaveCount 0 -Because 'its relationships are expired or terminated'
    }

    It 'shows how many GDAP relationships still grant access, in a table of at most 80 columns' {
        $lines = @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerOffboardingPlan | Format-Table | Out-String -Width 200 -Stream | Where-Object { $_ })
        $lines[0] | Should -Match 'Blocker\s+GDAP$'
        $lines | Where-Object { $_ -match '^Contoso\s{2,}' } | Should -Match '\s2$'
        $lines | Where-Object { $_ -match '^Contoso Pharmaceuticals\s' } | Should -Match 'WaitForExpiry\s+2$'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessThan 80 }
    }
}
