# Pester 5 tests of the module's errors and of -WhatIf: every failure is an ErrorRecord whose FullyQualifiedErrorId
# starts with a stable ErrorId, with the right category and the data a script needs; -WhatIf changes nothing.
# The same scenarios as the engine tests in tests/PartnerCenter.Relationships.Tests.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester
# Each test starts from the same sample data: seed 1 with 25 customers has 'Contoso' (2 active subscriptions and
# 1 deleted), 'Contoso Pharmaceuticals' (2 active) and 'Fabrikam' (1 suspended).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
}

AfterAll {
    # Back to the default store, so nothing after these tests works on the TestDrive store.
    Disconnect-PartnerCenter
}

Describe 'Errors' {
    BeforeAll {
        $storePath = "$TestDrive/partner.db"
        Initialize-PartnerStore -StorePath $storePath -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
    }

    BeforeEach {
        # -Force replaces the previous test's content, so every test starts from the same store.
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Force -Confirm:$false | Out-Null
    }

    It 'ActiveSubscriptionsBlockRemoval names every blocking subscription, as data too' {
        $contoso = Get-PartnerCustomer -Name 'Contoso'
        $active = @(Get-PartnerSubscription -CustomerId $contoso.CustomerId -Active)

        $output = $contoso | Remove-PartnerResellerRelationship -Confirm:$false -PassThru -ErrorVariable err -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ActiveSubscriptionsBlockRemoval,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].TargetObject.CustomerId | Should -Be $contoso.CustomerId
        $err[0].Exception.BlockingSubscriptions | Should -HaveCount 2
        @($err[0].Exception.BlockingSubscriptions.SubscriptionId | Sort-Object) | Should -Be @($active.SubscriptionId | Sort-Object)
        foreach ($subscription in $active) {
            $err[0].Exception.Message | Should -BeLike "*$($subscription.SubscriptionId)*"
        }
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike '*-SuspendActiveSubscriptions*'

        # Nothing changed: still listed, still active.
        (Get-PartnerCustomer -Name 'Contoso').RelationshipToPartner | Should -Be 'Reseller'
        @(Get-PartnerSubscription -CustomerId $contoso.CustomerId -Active) | Should -HaveCount 2
    }

    It 'ActiveSubscriptionsBlockRemoval stops the command with -ErrorAction Stop' {
        { Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ActiveSubscriptionsBlockRemoval,*'
    }

    It 'CustomerRelationshipNotFound (ObjectNotFound) for a customer whose relationship was removed' {
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'
        $fabrikam | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -Confirm:$false

        $output = Get-PartnerCustomer -CustomerId $fabrikam.CustomerId -ErrorVariable err -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CustomerRelationshipNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $fabrikam.CustomerId
        $err[0].Exception.Message | Should -BeLike '*relationship between the partner and customer*does not exist*'
    }

    It 'CustomerRelationshipNotFound for an unknown id does not stop the pipeline' {
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'

        $output = Get-PartnerCustomer -CustomerId ([guid]::NewGuid()), $fabrikam.CustomerId -ErrorVariable err -ErrorAction SilentlyContinue

        $output.Name | Should -Be 'Fabrikam'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CustomerRelationshipNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'SubscriptionStatusCannotChange (InvalidOperation) for a Deleted subscription: <_>' -ForEach @('Suspend-PartnerSubscription', 'Resume-PartnerSubscription') {
        $command = $_
        $deleted = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Status Deleted)
        $deleted | Should -HaveCount 1

        $deleted | & $command -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SubscriptionStatusCannotChange,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].TargetObject.SubscriptionId | Should -Be $deleted[0].SubscriptionId
        $err[0].TargetObject.Status | Should -Be 'Deleted'
        (Get-PartnerSubscription -CustomerId $deleted[0].CustomerId -SubscriptionId $deleted[0].SubscriptionId).Status | Should -Be 'Deleted'
    }

    It 'PurchaseNotAllowed (PermissionDenied) once the relationship is removed' {
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'
        $fabrikam | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -Confirm:$false

        $output = New-PartnerSubscription -CustomerId $fabrikam.CustomerId -OfferName 'Microsoft 365 E3' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PurchaseNotAllowed,*'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike '*Request-PartnerRelationship*'
    }

    It 'ResumeRequiresRelationship (PermissionDenied) for a subscription suspended by the removal' {
        $result = Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Confirm:$false -PassThru
        $result.SuspendedSubscriptions | Should -HaveCount 2

        $result.SuspendedSubscriptions | Resume-PartnerSubscription -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 2
        $err | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'ResumeRequiresRelationship,*'
            $_.CategoryInfo.Category | Should -Be 'PermissionDenied'
        }
    }

    It '<ErrorId> is reported as <Category>' -ForEach @(
        @{ ErrorId = 'CustomerNameNotFound'; Category = 'ObjectNotFound'; Cause = { Get-PartnerCustomer -Name 'No Such Customer' } }
        @{ ErrorId = 'CustomerDomainNotFound'; Category = 'ObjectNotFound'; Cause = { Get-PartnerCustomer -Domain 'nosuchcustomer.onmicrosoft.com' } }
        @{ ErrorId = 'CustomerNotFound'; Category = 'ObjectNotFound'; Cause = { Request-PartnerRelationship -CustomerId ([guid]::NewGuid()) -Confirm:$false } }
        @{ ErrorId = 'SubscriptionNotFound'; Category = 'ObjectNotFound'; Cause = { Get-PartnerSubscription -CustomerId (Get-PartnerCustomer -Name 'Contoso').CustomerId -SubscriptionId ([guid]::NewGuid()) } }
        @{ ErrorId = 'RelationshipAlreadyExists'; Category = 'ResourceExists'; Cause = { Get-PartnerCustomer -Name 'Contoso' | Request-PartnerRelationship -Confirm:$false } }
        @{ ErrorId = 'RelationshipRequestNotFound'; Category = 'ObjectNotFound'; Cause = { Approve-PartnerRelationshipRequest -RequestId ([guid]::NewGuid()) -Confirm:$false } }
        @{ ErrorId = 'CustomerAlreadyExists'; Category = 'ResourceExists'; Cause = { New-PartnerCustomer -Name 'Contoso Again' -Domain 'contoso.onmicrosoft.com' -Confirm:$false } }
        @{ ErrorId = 'StoreAlreadyInitialized'; Category = 'ResourceExists'; Cause = { Initialize-PartnerStore -StorePath $storePath -SampleData -Confirm:$false } }
        @{ ErrorId = 'StoreFolderNotFound'; Category = 'ObjectNotFound'; Cause = { Initialize-PartnerStore -StorePath "$TestDrive/no-such-folder/partner.db" -Confirm:$false } }
        @{ ErrorId = 'StoreNotFound'; Category = 'ObjectNotFound'; Cause = { Connect-PartnerCenter -StorePath "$TestDrive/mistyped.db" } }
    ) {
        # With $ErrorActionPreference = 'Stop' a non-terminating error stops the script block like a terminating one.
        $record = { $ErrorActionPreference = 'Stop'; & $Cause } | Should -Throw -ErrorId "$ErrorId,*" -PassThru

        $record.CategoryInfo.Category | Should -Be $Category
        $record.Exception.ErrorId | Should -Be $ErrorId
    }

    It 'a wildcard that matches nothing is not an error' {
        $output = Get-PartnerCustomer -Name 'No Such Customer*' -ErrorVariable err -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }
}

Describe '-WhatIf' {
    BeforeAll {
        $storePath = "$TestDrive/partner.db"
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Force -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null

        # What the store holds; each test checks it is unchanged.
        function Get-StoreState {
            [pscustomobject]@{
                Customers        = @(Get-PartnerCustomer).Count
                ContosoCustomers = @(Get-PartnerCustomer -Name 'Contoso*').Count
                ContosoActive    = @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active).Count
                ContosoSuspended = @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Status Suspended).Count
            }
        }

        $before = Get-StoreState
    }

    It 'the sample data is as these tests expect' {
        $before.Customers | Should -Be 25
        $before.ContosoCustomers | Should -Be 2
        $before.ContosoActive | Should -Be 4
    }

    It 'Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -WhatIf changes nothing' {
        $output = Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -PassThru -WhatIf

        $output | Should -BeNullOrEmpty
        $after = Get-StoreState
        $after.ContosoCustomers | Should -Be $before.ContosoCustomers
        $after.ContosoActive | Should -Be $before.ContosoActive
        $after.Customers | Should -Be $before.Customers
    }

    It 'Suspend-PartnerSubscription -WhatIf changes nothing' {
        $output = Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -PassThru -WhatIf

        $output | Should -BeNullOrEmpty
        (Get-StoreState).ContosoActive | Should -Be $before.ContosoActive
        (Get-StoreState).ContosoSuspended | Should -Be $before.ContosoSuspended
    }

    It '$WhatIfPreference reaches the cmdlets too' {
        $WhatIfPreference = $true
        Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force
        $WhatIfPreference = $false

        $after = Get-StoreState
        $after.ContosoCustomers | Should -Be $before.ContosoCustomers
        $after.ContosoActive | Should -Be $before.ContosoActive
    }

    It 'Initialize-PartnerStore -WhatIf does not create the store file' {
        $newStore = "$TestDrive/whatif.db"

        Initialize-PartnerStore -StorePath $newStore -SampleData -WhatIf

        Test-Path -LiteralPath $newStore | Should -BeFalse
    }
}
