# New-PartnerSubscription against the local store: subscriptions created in bulk from piped objects in one
# invocation, PurchaseNotAllowed once the reseller relationship is removed (under -WhatIf too), and -WhatIf leaving
# the store file byte-identical.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'New-PartnerSubscription' {
    It 'creates one subscription per piped object, in one invocation, with the piped quantity' {
        New-TestStore -Empty | Out-Null
        $customers = @(1..3 | ForEach-Object { [pscustomobject]@{ Name = "Customer $_"; Domain = "customer$_.onmicrosoft.com" } } | New-PartnerCustomer)

        $subscriptions = @($customers | ForEach-Object { [pscustomobject]@{ CustomerId = $_.CustomerId; OfferName = 'Microsoft 365 E3'; Quantity = 7 } } | New-PartnerSubscription)

        $subscriptions | Should -HaveCount 3
        $subscriptions | ForEach-Object { $_.Quantity | Should -Be 7 }
        @(Get-PartnerCustomer | Get-PartnerSubscription -Active) | Should -HaveCount 3
    }

    Context 'once the reseller relationship is removed' {
        BeforeEach {
            $storePath = New-TestStore
            $fabrikamId = Get-CustomerId 'Fabrikam'
            Get-PartnerCustomer -Name 'Fabrikam' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -Confirm:$false
        }

        It 'PurchaseNotAllowed (PermissionDenied), recommending Request-PartnerRelationship' {
            $run = Invoke-Captured { New-PartnerSubscription -CustomerId $fabrikamId -OfferName 'Power BI Pro' -Confirm:$false }

            $run.Output | Should -BeNullOrEmpty
            $run.Errors | Should -HaveCount 1
            Assert-PartnerError $run.Errors[0] -ErrorId 'PurchaseNotAllowed' -Category 'PermissionDenied'
            $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Request-PartnerRelationship*'
        }

        It 'PurchaseNotAllowed under -WhatIf too' {
            $run = Invoke-Captured { New-PartnerSubscription -CustomerId $fabrikamId -OfferName 'Power BI Pro' -WhatIf }

            $run.Errors | Should -HaveCount 1
            Assert-PartnerError $run.Errors[0] -ErrorId 'PurchaseNotAllowed' -Category 'PermissionDenied'
            $run.Information | Should -BeNullOrEmpty
        }
    }

    It '-WhatIf leaves the store byte-identical' {
        $storePath = New-TestStore
        $before = Get-StoreHash $storePath

        $run = Invoke-Captured { Get-PartnerCustomer -Name 'Fabrikam' | New-PartnerSubscription -OfferName 'Power BI Pro' -Quantity 5 -WhatIf }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
        Get-StoreWalLength $storePath | Should -Be 0 -Because 'nothing was left in the write-ahead log'
    }
}

Describe 'New-PartnerSubscription: the empty GUID as -SubscriptionId' {
    BeforeAll {
        $storePath = New-TestStore -Name new-subscription -Empty
        $customer = New-PartnerCustomer -Name 'Contoso' -Domain 'contoso.onmicrosoft.com' -Confirm:$false
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'is InvalidSubscriptionId, and nothing is purchased' {
        $output = New-PartnerSubscription -CustomerId $customer.CustomerId -OfferName 'Office 365 E3' -SubscriptionId ([guid]::Empty) -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidSubscriptionId,PartnerCenter.Relationships.Commands.NewPartnerSubscriptionCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be ([guid]::Empty)
        $customer | Get-PartnerSubscription | Should -BeNullOrEmpty
    }

    It 'omitted, gives the subscription a new id' {
        $subscription = New-PartnerSubscription -CustomerId $customer.CustomerId -OfferName 'Office 365 E3' -Confirm:$false

        $subscription.SubscriptionId | Should -Not -Be ([guid]::Empty)
        @($customer | Get-PartnerSubscription).SubscriptionId | Should -Be @($subscription.SubscriptionId)
    }
}
