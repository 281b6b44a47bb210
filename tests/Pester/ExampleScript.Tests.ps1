# Pester 5 tests of examples/Offboard-Customer.ps1, run as a partner admin runs it.
# The same scenarios as ExampleScriptTests in tests/PartnerCenter.Relationships.Tests (the engine tests).
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester
# Sample data: seed 1 with 25 customers has 'Contoso' (2 active subscriptions and 1 deleted) and
# 'Contoso Pharmaceuticals' (2 active).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
    $offboardScript = "$PSScriptRoot/../../examples/Offboard-Customer.ps1"

    # Subscription ids of the active subscriptions of the customers matching $Name, by customer id (as a string).
    function Get-ActiveSubscriptionIds([string] $Name) {
        $byCustomer = @{}
        foreach ($customer in Get-PartnerCustomer -Name $Name) {
            $byCustomer[[string]$customer.CustomerId] = @(Get-PartnerSubscription -CustomerId $customer.CustomerId -Active | ForEach-Object SubscriptionId | Sort-Object)
        }

        $byCustomer
    }
}

AfterAll {
    # Back to the default store, so nothing after these tests works on the TestDrive store.
    Disconnect-PartnerCenter
}

Describe 'Offboard-Customer.ps1' {
    BeforeAll {
        $storePath = "$TestDrive/partner.db"
        Initialize-PartnerStore -StorePath $storePath -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
    }

    BeforeEach {
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Force -Confirm:$false | Out-Null
    }

    It 'offboards both Contoso customers, suspending every active subscription' {
        $contoso = @(Get-PartnerCustomer -Name 'Contoso*')
        $activeBefore = Get-ActiveSubscriptionIds 'Contoso*'
        $activeBefore[[string]$contoso[0].CustomerId] | Should -HaveCount 2

        $results = @(& $offboardScript -Name 'Contoso*' -Confirm:$false -ErrorVariable err -WarningVariable warnings)

        $err | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        $results | Should -HaveCount 2
        $results.Name | Should -Be @('Contoso', 'Contoso Pharmaceuticals')
        foreach ($result in $results) {
            $result.GetType().FullName | Should -Be 'PartnerCenter.Relationships.Core.Models.RelationshipRemovalResult'
            $result.RelationshipToPartner | Should -Be 'None'
            $result.RemovedFromCustomerList | Should -BeTrue
            $result.PurchasingEnded | Should -BeTrue
            @($result.SuspendedSubscriptions.SubscriptionId | Sort-Object) | Should -Be $activeBefore[[string]$result.CustomerId]
            $result.SuspendedSubscriptions.Status | Should -Not -Contain 'Active'
            $result.InvitationUrl | Should -BeNullOrEmpty
        }

        @(Get-PartnerCustomer -Name 'Contoso*').Count | Should -Be 0
        (Get-PartnerCustomer).Count | Should -Be 23
    }

    It 'leaves no active subscription in the store' {
        $contoso = @(Get-PartnerCustomer -Name 'Contoso*')

        & $offboardScript -Name 'Contoso*' -Confirm:$false | Out-Null

        # A removed customer's subscriptions are not listed; take the customer back to look at them.
        foreach ($customer in $contoso) {
            $request = Request-PartnerRelationship -CustomerId $customer.CustomerId -Confirm:$false
            Approve-PartnerRelationshipRequest -RequestId $request.RequestId -Confirm:$false
            @(Get-PartnerSubscription -CustomerId $customer.CustomerId -Active).Count | Should -Be 0
        }
    }

    It 'changes nothing with -WhatIf' {
        $customersBefore = @(Get-PartnerCustomer).Count
        $activeBefore = Get-ActiveSubscriptionIds 'Contoso*'

        $results = & $offboardScript -Name 'Contoso*' -WhatIf

        $results | Should -BeNullOrEmpty
        @(Get-PartnerCustomer -Name 'Contoso*').Count | Should -Be 2
        @(Get-PartnerCustomer).Count | Should -Be $customersBefore
        $activeAfter = Get-ActiveSubscriptionIds 'Contoso*'
        foreach ($customerId in $activeBefore.Keys) {
            $activeAfter[$customerId] | Should -Be $activeBefore[$customerId]
        }
    }

    It 'with -RequestRelationship adds the invitation link that takes the customer back' {
        $result = & $offboardScript -Name 'Contoso' -RequestRelationship -Confirm:$false

        $result.InvitationUrl | Should -Match '^https://admin\.microsoft\.com/Adminportal/Home\?invType=ResellerRelationship&partnerId='
        $result.RequestId | Should -Not -BeNullOrEmpty

        $back = Approve-PartnerRelationshipRequest -RequestId $result.RequestId -Confirm:$false -PassThru

        $back.RelationshipToPartner | Should -Be 'Reseller'
        $back.AllowDelegatedAccess | Should -BeFalse
        @(Get-PartnerSubscription -CustomerId $result.CustomerId -Active).Count | Should -Be 0
    }

    It 'takes customers from the pipeline and offboards each once' {
        $customers = @(Get-PartnerCustomer -Name 'Contoso', 'Contoso*')
        $customers | Should -HaveCount 3

        $results = @($customers | & $offboardScript -Confirm:$false)

        $results.Name | Should -Be @('Contoso', 'Contoso Pharmaceuticals')
    }

    It 'reports an unknown id and still offboards the others' {
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'

        $results = @(& $offboardScript -CustomerId ([guid]::NewGuid()), $fabrikam.CustomerId -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue)

        $results.CustomerId | Should -Be $fabrikam.CustomerId
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CustomerRelationshipNotFound,*'
    }

    It 'warns when a wildcard matches nobody' {
        $results = & $offboardScript -Name 'Nobody*' -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

        $results | Should -BeNullOrEmpty
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike "*'Nobody*'*"
    }

    It 'has help with a synopsis and examples' {
        $help = Get-Help -Name $offboardScript -Full

        $help.Synopsis | Should -BeLike 'Offboards customers*'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'stops on a -StorePath that does not exist, without creating it' {
        $missing = "$TestDrive/missing.db"

        { & $offboardScript -StorePath $missing -Name 'Contoso*' -Confirm:$false } | Should -Throw -ErrorId 'StoreNotFound*'

        Test-Path -LiteralPath $missing | Should -BeFalse
        @(Get-PartnerCustomer -Name 'Contoso*').Count | Should -Be 2
    }
}
