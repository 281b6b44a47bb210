Describe 'New-PartnerCustomer: ids and domains that cannot be a customer''s' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
        $storePath = "$TestDrive/new-customer.db"
        Initialize-PartnerStore -StorePath $storePath -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
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
