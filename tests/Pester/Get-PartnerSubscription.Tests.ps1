Describe 'Get-PartnerSubscription: customer ids piped as strings' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
        $storePath = "$TestDrive/piped-ids.db"
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
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
