# New-PartnerCustomer against the local store: customers created in bulk from piped objects in one invocation,
# CustomerAlreadyExists for a domain already taken, and -WhatIf leaving the store file byte-identical.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'New-PartnerCustomer' {
    It 'creates one customer per piped object, in one invocation' {
        New-TestStore -Empty | Out-Null

        $customers = @(1..3 | ForEach-Object { [pscustomobject]@{ Name = "Customer $_"; Domain = "customer$_.onmicrosoft.com" } } | New-PartnerCustomer)

        $customers | Should -HaveCount 3
        $customers.Name | Should -Be @('Customer 1', 'Customer 2', 'Customer 3')
        @(Get-PartnerCustomer) | Should -HaveCount 3
    }

    It 'CustomerAlreadyExists (ResourceExists) for a domain that is taken' {
        New-TestStore | Out-Null
        $cause = { New-PartnerCustomer -Name 'Contoso Again' -Domain 'contoso.onmicrosoft.com' -Confirm:$false }

        $run = Invoke-Captured $cause

        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'CustomerAlreadyExists' -Category 'ResourceExists'
        $run.Errors[0].Exception.ErrorId | Should -Be 'CustomerAlreadyExists'
        { $ErrorActionPreference = 'Stop'; & $cause } | Should -Throw -ErrorId 'CustomerAlreadyExists,*'
    }

    It '-WhatIf leaves the store byte-identical' {
        $storePath = New-TestStore
        $before = Get-StoreHash $storePath

        $run = Invoke-Captured { New-PartnerCustomer -Name 'Litware Europe' -Domain 'litwareeu.onmicrosoft.com' -WhatIf }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
        Get-StoreWalLength $storePath | Should -Be 0 -Because 'nothing was left in the write-ahead log'
    }
}

Describe 'New-PartnerCustomer: ids and domains that cannot be a customer''s' {
    BeforeAll {
        $storePath = New-TestStore -Name new-customer -Empty
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'refuses the empty GUID as -CustomerId with InvalidCustomerId, adding nothing' {
        $output = New-PartnerCustomer -Name 'Contoso' -Domain 'contoso.onmicrosoft.com' -CustomerId ([guid]::Empty) -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidCustomerId,PartnerCenter.Relationships.Commands.NewPartnerCustomerCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be ([guid]::Empty)
        Get-PartnerCustomer | Should -BeNullOrEmpty
    }

    It 'refuses <Domain> as -Domain with InvalidDomain, adding nothing' -ForEach @(
        @{ Domain = '.' }
        @{ Domain = 'contoso' }
        @{ Domain = 'contoso..onmicrosoft.com' }
        @{ Domain = 'contoso_eu.onmicrosoft.com' }
    ) {
        $output = New-PartnerCustomer -Name 'Contoso' -Domain $Domain -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDomain,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be $Domain
        Get-PartnerCustomer | Should -BeNullOrEmpty
    }

    It 'still makes up a new id when -CustomerId is omitted' {
        $customer = New-PartnerCustomer -Name 'Contoso' -Domain 'contoso.onmicrosoft.com' -Confirm:$false

        $customer.CustomerId | Should -Not -Be ([guid]::Empty)
        (Get-PartnerCustomer -Name 'Contoso').CustomerId | Should -Be $customer.CustomerId
    }
}
