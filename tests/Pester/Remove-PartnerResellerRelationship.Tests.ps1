# Remove-PartnerResellerRelationship against the local store: the offboarding plan's open steps block the removal
# (ActiveSubscriptionsBlockRemoval and NewCommerceSubscriptionsBlockRemoval name each one with its action and deadline,
# in the message and as data), -CancelNewCommerceSubscriptions, customers bound from rows of
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

    It 'ActiveSubscriptionsBlockRemoval (InvalidOperation) names every blocking subscription with its action, in the message and as data, and changes nothing' {
        $contoso = Get-PartnerCustomer -Name 'Contoso'
        $active = @(Get-PartnerSubscription -CustomerId $contoso.CustomerId | Where-Object Status -NE 'Deleted')
        $active | Should -HaveCount 3

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
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*-SuspendActiveSubscriptions*-CancelNewCommerceSubscriptions*'
        $record.Exception.Message | Should -BeLike '*Suspend*Cancel by *UTC*'
        $record.Exception.Plan.CanRemoveNow | Should -BeTrue

        # Nothing changed: still listed, still active.
        @(Get-PartnerCustomer -Name 'Contoso') | Should -HaveCount 1
        (Get-PartnerCustomer -Name 'Contoso').RelationshipToPartner | Should -Be 'Reseller'
        @(Get-PartnerSubscription -CustomerId $contoso.CustomerId -Active) | Should -HaveCount 2
    }

    It 'NewCommerceSubscriptionsBlockRemoval when only uncancelled new-commerce subscriptions remain, with the earliest removal date' {
        $pharma = Get-PartnerCustomer -Name 'Contoso Pharmaceuticals'
        $pharma | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -WarningAction SilentlyContinue
        $plan = $pharma | Get-PartnerOffboardingPlan

        $run = Invoke-Captured { $pharma | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force }

        Assert-PartnerError $run.Errors[0] -ErrorId 'NewCommerceSubscriptionsBlockRemoval' -Category 'InvalidOperation'
        $run.Errors[0].Exception.Message | Should -BeLike "*earliest removal date is $($plan.EarliestRemovalDate.ToString('yyyy-MM-dd'))*WaitForExpiry until*"
        $run.Errors[0].Exception.BlockingSteps.Action | Should -Not -Contain 'Suspend'
        (Get-PartnerCustomer -Name 'Contoso Pharmaceuticals').RelationshipToPartner | Should -Be 'Reseller'
    }

    It 'ActiveSubscriptionsBlockRemoval stops the command with -ErrorAction Stop' {
        { Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ActiveSubscriptionsBlockRemoval,*'
    }

    It 'binds rows whose every value is a string, as read from a CSV file' {
        $contosoId = [string](Get-CustomerId 'Contoso')
        $fabrikamId = [string](Get-CustomerId 'Fabrikam')

        $preview = [pscustomobject]@{ CustomerId = $contosoId } | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force -PassThru -WhatIf
        $removed = @([pscustomobject]@{ CustomerId = $fabrikamId; Name = 'Fabrikam' } | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -PassThru)

        $preview | Should -BeNullOrEmpty
        $removed | Should -HaveCount 1
        $removed[0].RelationshipToPartner | Should -Be 'None'
    }

    It '-WhatIf lists every step of the removal: the suspension, each cancellation, then the removal' {
        $active = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription | Where-Object Status -NE 'Deleted')

        $text = Get-HostText {
            Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -WhatIf -ErrorVariable script:whatIfErrors
        }

        # pwsh runs the suite with -NonInteractive, where a confirmation prompt would be an error.
        $script:whatIfErrors | Should -BeNullOrEmpty
        $whatIf = @($text | Where-Object { $_.StartsWith('What if:') })
        $whatIf | Should -HaveCount 4
        $whatIf[0] | Should -BeLike "*`"Suspend subscription`"*$(($active | Where-Object CommerceType -EQ 'Legacy').SubscriptionId)*"
        foreach ($subscription in $active | Where-Object CommerceType -EQ 'NewCommerce') {
            @($whatIf[1..2] | Where-Object { $_.Contains('"Cancel subscription (cannot be undone)"') -and $_.Contains([string]$subscription.SubscriptionId) }) | Should -Not -BeNullOrEmpty
        }
        $whatIf[3] | Should -BeLike '*"Remove reseller relationship" on target "Contoso (*'
    }

    It '-WhatIf leaves the store byte-identical: <Command>' -ForEach @(
        @{ Command = { Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -WhatIf } }
        @{ Command = { Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -PassThru -WhatIf } }
        @{ Command = { Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force -WhatIf } }
        @{ Command = { $WhatIfPreference = $true; Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force } }
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
        $ids = @(Get-PartnerCustomer -Name 'Contoso', 'Fabrikam').CustomerId | ForEach-Object { "$_" }

        $results = @($ids | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Confirm:$false -PassThru)

        $results.Name | Should -Be @('Contoso', 'Fabrikam')
        $results.RelationshipToPartner | Should -Be @('None', 'None')
        Get-PartnerCustomer -Name 'Contoso' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Remove-PartnerResellerRelationship: many customers in one pipeline' {
    BeforeAll {
        $storePath = New-TestStore -Name bulk
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'writes every result and every error in input order, whatever -ThrottleLimit' {
        $contoso, $fabrikam = @(Get-PartnerCustomer -Name 'Contoso', 'Fabrikam').CustomerId
        $unknown = [guid]'0c1b5d0e-0000-4000-8000-000000000001'

        $lines = $contoso, $unknown, $fabrikam | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force -PassThru -ThrottleLimit 8 2>&1 |
            ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "E $($_.TargetObject) $($_.FullyQualifiedErrorId)" } else { "R $($_.Name)" } }

        $lines | Should -Be @('R Contoso', "E $unknown CustomerRelationshipNotFound,PartnerCenter.Relationships.Commands.RemovePartnerResellerRelationshipCommand", 'R Fabrikam')
    }

    It 'refuses a -ThrottleLimit outside 1 to 64 before anything changes' {
        { Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -Force -ThrottleLimit 0 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PartnerCenter.Relationships.Commands.RemovePartnerResellerRelationshipCommand'
    }
}

Describe 'Remove-PartnerResellerRelationship -TerminateAdminRelationships' {
    BeforeEach {
        $null = New-TestStore
        $contoso = Get-PartnerCustomer -Name 'Contoso'
        $relationships = @($contoso | Get-PartnerAdminRelationship)
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'without it, the removal leaves GDAP relationships: a warning names each with the command that ends it, and DelegatedAdminRevoked is False' {
        $run = Invoke-Captured { $contoso | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force -PassThru }
        $run.Errors | Should -BeNullOrEmpty
        $result = $run.Output[0]
        $result.DelegatedAdminRevoked | Should -BeFalse
        $result.RemainingAdminRelationships | Should -HaveCount 2
        ($result.Effects | Where-Object Effect -EQ 'DelegatedAdmin').Outcome | Should -Be 'NotObserved'
        foreach ($relationship in $relationships) {
            $run.Warnings | Where-Object { $_ -like "*'$($relationship.DisplayName)'*Remove-PartnerAdminRelationship -RelationshipId '$($relationship.RelationshipId)'*" } |
                Should -HaveCount 1
        }
        @(Get-PartnerAdminRelationship -CustomerId $contoso.CustomerId -Status Active) | Should -HaveCount 2
    }

    It 'with it, terminates every GDAP relationship, turns legacy DAP off, verifies both, and warns about nothing' {
        (Get-PartnerOffboardingPlan -CustomerId $contoso.CustomerId).DelegatedAdminAccess | Should -BeTrue
        $run = Invoke-Captured {
            $contoso | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -TerminateAdminRelationships -Force -PassThru -Verbose
        }
        $run.Errors | Should -BeNullOrEmpty
        $run.Warnings | Should -BeNullOrEmpty
        $result = $run.Output[0]
        $result.DelegatedAdminRevoked | Should -BeTrue
        $result.EndedAdminRelationships.Status | Should -Be @('Terminated', 'Terminated')
        $result.RemainingAdminRelationships | Should -HaveCount 0
        ($result.Effects | Where-Object Effect -EQ 'DelegatedAdmin').Outcome | Should -Be 'Verified'
        $run.Verbose | Should -Contain "Contoso ($($contoso.CustomerId)): Removed legacy delegated admin access (DAP), read back off."
        @(Get-PartnerAdminRelationship -CustomerId $contoso.CustomerId | Where-Object GrantsAccess) | Should -HaveCount 0
        (Get-PartnerAdminRelationship -CustomerId $contoso.CustomerId).Status | Select-Object -Unique | Should -Be 'Terminated'
    }

    It '-WhatIf lists the DAP removal and each GDAP termination, and changes nothing' {
        $text = (Get-HostText { $contoso | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -TerminateAdminRelationships -WhatIf }) -join ' '
        $text | Should -BeLike '*Remove legacy delegated admin access*'
        foreach ($relationship in $relationships) {
            $text | Should -BeLike "*Terminate GDAP relationship*'$($relationship.DisplayName)'*"
        }
        @(Get-PartnerAdminRelationship -CustomerId $contoso.CustomerId -Status Active) | Should -HaveCount 2
        (Get-PartnerCustomer -Name 'Contoso').AllowDelegatedAccess | Should -BeTrue
    }
}
