# Get-PartnerSubscription against the local store: customers piped in (objects, or anything with a TenantId), the
# -Active switch against Status compared as text, and SubscriptionNotFound for an unknown subscription id.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Get-PartnerSubscription' {
    BeforeAll {
        # These tests only read: one store serves them all.
        $storePath = New-TestStore
    }

    It 'lists the subscriptions of piped customer objects, and only theirs' {
        $contosoIds = @((Get-PartnerCustomer -Name 'Contoso*').CustomerId)

        $subscriptions = @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription)

        $subscriptions | Should -Not -BeNullOrEmpty
        foreach ($subscription in $subscriptions) {
            $contosoIds | Should -Contain $subscription.CustomerId
        }
    }

    It 'binds the customer id from a piped TenantId property given as a string' {
        $id = [string](Get-CustomerId 'Contoso')

        @([pscustomobject]@{ TenantId = $id } | Get-PartnerSubscription -Active) | Should -Not -BeNullOrEmpty
    }

    It 'Status compares as text: Where-Object Status -eq ''active'' finds what -Active finds' {
        $viaWhere = @(Get-PartnerCustomer | Get-PartnerSubscription | Where-Object Status -eq 'active').Count
        $viaSwitch = @(Get-PartnerCustomer | Get-PartnerSubscription -Active).Count

        $viaSwitch | Should -BeGreaterThan 0
        $viaWhere | Should -Be $viaSwitch
    }

    It 'SubscriptionNotFound (ObjectNotFound) for an unknown subscription id' {
        $contosoId = Get-CustomerId 'Contoso'
        $cause = { Get-PartnerSubscription -CustomerId $contosoId -SubscriptionId ([guid]::NewGuid()) }

        $record = { $ErrorActionPreference = 'Stop'; & $cause } | Should -Throw -ErrorId 'SubscriptionNotFound,*' -PassThru

        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record.Exception.ErrorId | Should -Be 'SubscriptionNotFound'
    }
}

Describe 'Get-PartnerSubscription: customer ids piped as strings' {
    BeforeAll {
        $storePath = New-TestStore -Name piped-ids
        $contoso = Get-PartnerCustomer -Name 'Contoso'
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'binds a piped id string as Get-PartnerCustomer does' {
        $fromString = @("$($contoso.CustomerId)" | Get-PartnerSubscription)
        $fromCustomer = @($contoso | Get-PartnerSubscription)
        $fromGuid = @($contoso.CustomerId | Get-PartnerSubscription)

        $fromString | Should -HaveCount 3
        $fromString.SubscriptionId | Should -Be $fromCustomer.SubscriptionId
        $fromGuid.SubscriptionId | Should -Be $fromCustomer.SubscriptionId
        ("$($contoso.CustomerId)" | Get-PartnerCustomer).Name | Should -Be 'Contoso'
    }

    It 'says with -Verbose which store it reads' {
        $verbose = $contoso | Get-PartnerSubscription -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        $verbose.Message | Should -Contain ("Using local store '{0}'." -f [System.IO.Path]::GetFullPath($storePath))
    }
}
