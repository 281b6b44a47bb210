# Remove-PartnerResellerRelationship against the local store: active subscriptions block the removal
# (ActiveSubscriptionsBlockRemoval names each one, in the message and as data), customers bound from rows of
# strings (as read from a CSV file), -WhatIf listing every step of a removal with -SuspendActiveSubscriptions, and
# -WhatIf (or $WhatIfPreference) leaving the store file byte-identical. What a removal returns and does is followed
# end to end in CanonicalSession.Tests.ps1; the confirmation prompts are tested in the engine tests (PromptTests),
# whose host answers them.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Remove-PartnerResellerRelationship' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It 'ActiveSubscriptionsBlockRemoval (InvalidOperation) names every blocking subscription, in the message and as data, and changes nothing' {
        $contoso = Get-PartnerCustomer -Name 'Contoso'
        $active = @(Get-PartnerSubscription -CustomerId $contoso.CustomerId -Active)
        $active | Should -HaveCount 2

        $run = Invoke-Captured { $contoso | Remove-PartnerResellerRelationship -Confirm:$false -PassThru }

        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -HaveCount 1
        $record = $run.Errors[0]
        Assert-PartnerError $record -ErrorId 'ActiveSubscriptionsBlockRemoval' -Category 'InvalidOperation'
        $record.TargetObject.CustomerId | Should -Be $contoso.CustomerId
        foreach ($subscription in $active) {
            $record.Exception.Message | Should -BeLike "*$($subscription.SubscriptionId)*"
            $record.Exception.Message | Should -BeLike "*$($subscription.OfferName)*"
        }
        @($record.Exception.BlockingSubscriptions.SubscriptionId | Sort-Object) | Should -Be @($active.SubscriptionId | Sort-Object)
        @($record.Exception.Data['BlockingSubscriptions'].SubscriptionId | Sort-Object) | Should -Be @($active.SubscriptionId | Sort-Object)
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*-SuspendActiveSubscriptions*'

        # Nothing changed: still listed, still active.
        @(Get-PartnerCustomer -Name 'Contoso') | Should -HaveCount 1
        (Get-PartnerCustomer -Name 'Contoso').RelationshipToPartner | Should -Be 'Reseller'
        @(Get-PartnerSubscription -CustomerId $contoso.CustomerId -Active) | Should -HaveCount 2
    }

    It 'ActiveSubscriptionsBlockRemoval stops the command with -ErrorAction Stop' {
        { Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ActiveSubscriptionsBlockRemoval,*'
    }

    It 'binds rows whose every value is a string, as read from a CSV file' {
        $contosoId = [string](Get-CustomerId 'Contoso')
        $fabrikamId = [string](Get-CustomerId 'Fabrikam')

        $preview = [pscustomobject]@{ CustomerId = $contosoId } | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru -WhatIf
        $removed = @([pscustomobject]@{ CustomerId = $fabrikamId; Name = 'Fabrikam' } | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru)

        $preview | Should -BeNullOrEmpty
        $removed | Should -HaveCount 1
        $removed[0].RelationshipToPartner | Should -Be 'None'
    }

    It '-WhatIf lists every step of the removal: each suspension, then the removal' {
        $active = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active)

        $text = Get-HostText {
            Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -WhatIf -ErrorVariable script:whatIfErrors
        }

        # pwsh runs the suite with -NonInteractive, where a confirmation prompt would be an error.
        $script:whatIfErrors | Should -BeNullOrEmpty
        $whatIf = @($text | Where-Object { $_.StartsWith('What if:') })
        $whatIf | Should -HaveCount 3
        foreach ($subscription in $active) {
            @($whatIf | Where-Object { $_.Contains('"Suspend subscription"') -and $_.Contains([string]$subscription.SubscriptionId) }) | Should -Not -BeNullOrEmpty
        }
        $whatIf[2] | Should -BeLike '*"Remove reseller relationship" on target "Contoso (*'
    }

    It '-WhatIf leaves the store byte-identical: <Command>' -ForEach @(
        @{ Command = { Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -WhatIf } }
        @{ Command = { Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -PassThru -WhatIf } }
        @{ Command = { Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -WhatIf } }
        @{ Command = { $WhatIfPreference = $true; Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force } }
    ) {
        $before = Get-StoreHash $storePath

        $run = Invoke-Captured $Command

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
        Get-StoreWalLength $storePath | Should -Be 0 -Because 'nothing was left in the write-ahead log'
        @(Get-PartnerCustomer -Name 'Contoso*') | Should -HaveCount 2
        @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active) | Should -HaveCount 5
    }
}

Describe 'Remove-PartnerResellerRelationship: customer ids piped as strings' {
    BeforeAll {
        $storePath = New-TestStore -Name piped-ids
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'removes the customers whose ids are piped as strings, as for piped customers' {
        $ids = @(Get-PartnerCustomer -Name 'Contoso*').CustomerId | ForEach-Object { "$_" }

        $results = @($ids | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Confirm:$false -PassThru)

        $results.Name | Should -Be @('Contoso', 'Contoso Pharmaceuticals')
        $results.RelationshipToPartner | Should -Be @('None', 'None')
        Get-PartnerCustomer -Name 'Contoso*' | Should -BeNullOrEmpty
    }
}
