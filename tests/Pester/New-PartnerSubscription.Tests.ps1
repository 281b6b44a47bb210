Describe 'New-PartnerSubscription: the empty GUID as -SubscriptionId' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
        $storePath = "$TestDrive/new-subscription.db"
        Initialize-PartnerStore -StorePath $storePath -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
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
