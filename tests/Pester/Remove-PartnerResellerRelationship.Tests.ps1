Describe 'Remove-PartnerResellerRelationship: customer ids piped as strings' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
        $storePath = "$TestDrive/piped-ids.db"
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
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
