# The module's table and list views as a person reads them: at 80 columns (an 80-column terminal, and every runbook
# log or redirected output, which pwsh renders at 80) and at 120. Each table fits on one header line, keeps the
# columns a user decides on, and cuts no value of the sample data; the full ids are in the list view (Format-List).

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

BeforeDiscovery {
    $views = @(
        @{ View = 'Customer'; Command = { Get-PartnerCustomer }; Columns = 'Name', 'Relation', 'DAP', 'Domain' }
        @{ View = 'Subscription'; Command = { Get-PartnerCustomer | Get-PartnerSubscription }; Columns = 'OfferName', 'Qty', 'Status', 'Commerce', 'Billing', 'Ends' }
        @{ View = 'Suspended subscription'; Command = { Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -PassThru -Confirm:$false }; Columns = 'OfferName', 'Qty', 'Status', 'Commerce', 'Billing', 'Ends' }
        @{ View = 'RelationshipRemovalResult'; Command = { Get-PartnerCustomer | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Force -PassThru -ErrorAction SilentlyContinue }; Columns = 'Name', 'Relation', 'Suspended', 'Cancelled', 'Verified', 'RemovedAt' }
        @{ View = 'OffboardingPlan'; Command = { Get-PartnerCustomer | Get-PartnerOffboardingPlan }; Columns = 'Name', 'RemoveNow', 'Earliest', 'Today', 'Later', 'Blocker', 'GDAP' }
        @{ View = 'AdminRelationship'; Command = { Get-PartnerAdminRelationship }; Columns = 'CustomerName', 'DisplayName', 'Status', 'Ends' }
        @{ View = 'OffboardingStep'; Command = { Get-PartnerCustomer | Get-PartnerOffboardingPlan | ForEach-Object Steps }; Columns = 'OfferName', 'Status', 'Action', 'Deadline' }
    )
    $widths = 80, 120
}

Describe 'The <View> table at <Width> columns' -ForEach @(foreach ($w in $widths) { foreach ($v in $views) { $v + @{ Width = $w } } }) {
    BeforeAll {
        $storePath = New-TestStore

        $objects = @(& $Command)
        $lines = @(($objects | Format-Table | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() })
        $header = $lines[0]
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'shows rows' {
        $objects.Count | Should -BeGreaterThan 1
        $lines.Count | Should -Be ($objects.Count + 2)
    }

    It 'has every line within the width' {
        foreach ($line in $lines) {
            $line.TrimEnd().Length | Should -BeLessThan $Width -Because "'$line' must fit"
        }
    }

    It 'has its header on one line, with the columns a user decides on' {
        @($lines | Where-Object { $_ -match '^-+( +-+)*\s*$' }) | Should -HaveCount 1
        @($header -split '\s+' | Where-Object { $_ }) | Should -Be $Columns
    }

    It 'cuts no value' {
        $lines | Should -Not -Match ([char]0x2026)
    }
}

Describe 'Full ids in the list view' {
    BeforeAll {
        $storePath = New-TestStore -Name list
        $contoso = Get-PartnerCustomer -Name 'Contoso'
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'lists a customer with its full id at 80 columns' {
        $text = $contoso | Format-List | Out-String -Width 80
        $text | Should -Match "CustomerId\s+: $($contoso.CustomerId)"
    }

    It 'lists a subscription with its full id and its customer''s' {
        $subscription = $contoso | Get-PartnerSubscription | Select-Object -First 1
        $text = $subscription | Format-List | Out-String -Width 80
        $text | Should -Match "SubscriptionId\s+: $($subscription.SubscriptionId)"
        $text | Should -Match "CustomerId\s+: $($contoso.CustomerId)"
    }

    It 'shows the connection and the invitation as lists that wrap, not cut, a long location or link at 80' {
        $connection = Connect-PartnerCenter -StorePath $storePath
        $connectionText = $connection | Out-String -Width 80
        $connectionText | Should -Match "Location\s+: "
        $connectionText | Should -Match 'IsDefaultStore\s+: False'
        $connectionText | Should -Not -Match 'SignIn'

        $invitationText = Request-PartnerRelationship | Out-String -Width 80
        $invitationText | Should -Match 'PartnerName\s+: Tailwind Cloud Partners'
        ($invitationText -replace '\s', '') | Should -BeLike '*Url:https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship*partner-invitation*'
        foreach ($line in $invitationText -split "`r?`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }
}
