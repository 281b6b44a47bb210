# Pester 5 tests of tab completion, through TabExpansion2 as a Tab press reaches it: customer names (-Name, also
# positional), domains, customer ids and a customer's subscription ids on the local store; at most 50 results; kept a
# short while per connection and forgotten when it changes; nothing (and no error) without a usable store.
# The same completion against Partner Center (the emulator) is in tests/PartnerCenter.Relationships.Tests
# (RemoteCompletionTests); the bounding, the matching, the quoting and the keeping, with a fake clock, in
# tests/PartnerCenter.Relationships.Core.Tests (CompletionTests).
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester
# Sample data: seed 1 with 25 customers has 'Contoso', 'Contoso Pharmaceuticals', 'Consolidated Messenger',
# 'Margie''s Travel' and 'City Power & Light'.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop

    # What Tab offers at the end of the line.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    # The line as it reads after choosing the first completion.
    function Complete-Line([string] $Line) {
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        $Line.Substring(0, $result.ReplacementIndex) + $result.CompletionMatches[0].CompletionText + $Line.Substring($result.ReplacementIndex + $result.ReplacementLength)
    }

    function New-TestStore([string] $Name, [int] $CustomerCount = 25) {
        $path = Join-Path $TestDrive $Name
        Initialize-PartnerStore -StorePath $path -SampleData -CustomerCount $CustomerCount -Seed 1 | Out-Null
        $path
    }

    $storePath = New-TestStore 'partner.db'
    Connect-PartnerCenter -StorePath $storePath | Out-Null
    $contoso = Get-PartnerCustomer -Name 'Contoso'
    $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'
}

AfterAll {
    # Back to the default store, so nothing after these tests works on the TestDrive store.
    Disconnect-PartnerCenter
}

Describe 'Customer names' {
    It 'completes -Name by prefix, quoting the names that need it, with the domain as tooltip' {
        $offered = Get-Completion 'Get-PartnerCustomer -Name Con'

        $offered.CompletionText | Should -Be @("'Consolidated Messenger'", 'Contoso', "'Contoso Pharmaceuticals'")
        $offered.ListItemText | Should -Be @('Consolidated Messenger', 'Contoso', 'Contoso Pharmaceuticals')
        $offered.ResultType | Select-Object -Unique | Should -Be 'ParameterValue'
        $offered[1].ToolTip | Should -Be 'Contoso, contoso.onmicrosoft.com'
    }

    It 'completes the name at position 0 (Get-PartnerCustomer Con)' {
        (Get-Command Get-PartnerCustomer).Parameters['Name'].ParameterSets['ByName'].Position | Should -Be 0

        (Get-Completion 'Get-PartnerCustomer Con').CompletionText | Should -Be @("'Consolidated Messenger'", 'Contoso', "'Contoso Pharmaceuticals'")
    }

    It 'ignores case and honours wildcards the user typed' {
        (Get-Completion 'Get-PartnerCustomer -Name cONTOSO').CompletionText | Should -Be @('Contoso', "'Contoso Pharmaceuticals'")
        (Get-Completion 'Get-PartnerCustomer -Name *pharm').CompletionText | Should -Be "'Contoso Pharmaceuticals'"
        (Get-Completion 'Get-PartnerCustomer -Name Co?s').CompletionText | Should -Be "'Consolidated Messenger'"
    }

    It 'continues a quote the user opened' {
        (Get-Completion "Get-PartnerCustomer -Name 'Contoso P").CompletionText | Should -Be "'Contoso Pharmaceuticals'"
        (Get-Completion 'Get-PartnerCustomer -Name "Contoso').CompletionText | Should -Be @('"Contoso"', '"Contoso Pharmaceuticals"')
    }

    It 'writes <Typed> so that the completed line finds <Name>' -ForEach @(
        @{ Typed = 'Marg'; Name = "Margie's Travel"; Text = "'Margie''s Travel'" }
        @{ Typed = 'City'; Name = 'City Power & Light'; Text = "'City Power & Light'" }
        @{ Typed = 'Contoso P'; Name = 'Contoso Pharmaceuticals'; Text = "'Contoso Pharmaceuticals'" }
    ) {
        $line = "Get-PartnerCustomer -Name '$Typed"

        (Get-Completion $line).CompletionText | Should -Be $Text
        (Invoke-Expression (Complete-Line $line)).Name | Should -Be $Name
    }

    It 'offers nothing for a name no customer has' {
        Get-Completion 'Get-PartnerCustomer -Name Zzz' | Should -BeNullOrEmpty
    }
}

Describe 'Domains' {
    It 'completes -Domain by prefix, with the customer as tooltip' {
        $offered = Get-Completion 'Get-PartnerCustomer -Domain contoso'

        $offered.CompletionText | Should -Be @('contoso.onmicrosoft.com', 'contosopharmaceuticals.onmicrosoft.com')
        $offered[0].ToolTip | Should -Be 'Contoso, contoso.onmicrosoft.com'
        (Invoke-Expression (Complete-Line 'Get-PartnerCustomer -Domain fabrik')).CustomerId | Should -Be $fabrikam.CustomerId
    }
}

Describe 'Customer ids' {
    It 'completes every listed customer id, the name as list item and tooltip' {
        $offered = Get-Completion 'Get-PartnerSubscription -CustomerId '

        $offered | Should -HaveCount 25
        $offered | ForEach-Object { [guid]::Parse($_.CompletionText) } | Should -HaveCount 25
        $item = $offered | Where-Object CompletionText -EQ $contoso.CustomerId.ToString()
        $item.ListItemText | Should -Be "Contoso ($($contoso.CustomerId))"
        $item.ToolTip | Should -Be 'Contoso, contoso.onmicrosoft.com'
        $item.ResultType | Should -Be 'ParameterValue'
    }

    It 'finds an id by the customer''s name, and the completed line runs' {
        $line = 'Get-PartnerSubscription -CustomerId Fab'

        (Get-Completion $line).CompletionText | Should -Be $fabrikam.CustomerId.ToString()
        (Invoke-Expression (Complete-Line $line)).CustomerName | Select-Object -Unique | Should -Be 'Fabrikam'
    }

    It 'finds an id by its start' {
        $start = $contoso.CustomerId.ToString().Substring(0, 8)

        (Get-Completion "Get-PartnerCustomer -CustomerId $start").CompletionText | Should -Contain $contoso.CustomerId.ToString()
    }

    It 'completes -CustomerId of <_>' -ForEach @(
        'Get-PartnerCustomer', 'Get-PartnerSubscription', 'Suspend-PartnerSubscription', 'Resume-PartnerSubscription',
        'New-PartnerSubscription', 'Remove-PartnerResellerRelationship'
    ) {
        (Get-Completion "$_ -CustomerId Contoso").CompletionText | Should -Be @($contoso.CustomerId.ToString(), (Get-PartnerCustomer -Name 'Contoso Pharmaceuticals').CustomerId.ToString())
    }

    It 'completes the id at position 0 of Get-PartnerSubscription' {
        (Get-Completion 'Get-PartnerSubscription Fab').CompletionText | Should -Be $fabrikam.CustomerId.ToString()
    }
}

Describe 'Subscription ids' {
    It 'completes the subscriptions of the customer given with -CustomerId, tooltip offer and status' {
        $subscriptions = Get-PartnerSubscription -CustomerId $contoso.CustomerId

        $offered = Get-Completion "Get-PartnerSubscription -CustomerId $($contoso.CustomerId) -SubscriptionId "

        @($offered.CompletionText | Sort-Object) | Should -Be @($subscriptions.SubscriptionId.ForEach({ "$_" }) | Sort-Object)
        foreach ($subscription in $subscriptions) {
            $item = $offered | Where-Object CompletionText -EQ $subscription.SubscriptionId.ToString()
            $item.ToolTip | Should -Be "$($subscription.OfferName), $($subscription.Status)"
            $item.ListItemText | Should -Be "$($subscription.OfferName) ($($subscription.SubscriptionId))"
        }
    }

    It 'completes them by offer name, and positionally for Suspend-PartnerSubscription' {
        $e3 = Get-PartnerSubscription -CustomerId $contoso.CustomerId | Where-Object OfferName -EQ 'Office 365 E3'

        (Get-Completion "Suspend-PartnerSubscription $($contoso.CustomerId) off").CompletionText | Should -Be $e3.SubscriptionId.ToString()
        (Get-Completion "Resume-PartnerSubscription -CustomerId '$($contoso.CustomerId)' -SubscriptionId off").CompletionText | Should -Be $e3.SubscriptionId.ToString()
    }

    It 'offers nothing without a customer, or for one the store does not have' {
        Get-Completion 'Get-PartnerSubscription -SubscriptionId ' | Should -BeNullOrEmpty
        Get-Completion "Get-PartnerSubscription -CustomerId $([guid]::NewGuid()) -SubscriptionId " | Should -BeNullOrEmpty
    }
}

Describe 'A relationship request' {
    BeforeAll {
        $requestStore = New-TestStore 'request.db'
        Connect-PartnerCenter -StorePath $requestStore | Out-Null
        $removed = Get-PartnerCustomer -Name 'Fabrikam'
        Get-PartnerSubscription -CustomerId $removed.CustomerId -Active | Suspend-PartnerSubscription -Confirm:$false
        Remove-PartnerResellerRelationship -CustomerId $removed.CustomerId -Force
    }

    AfterAll {
        Connect-PartnerCenter -StorePath $storePath | Out-Null
    }

    It 'completes the customers whose relationship was removed, and only those' {
        (Get-Completion 'Request-PartnerRelationship -CustomerId ').CompletionText | Should -Be $removed.CustomerId.ToString()
        (Get-Completion 'Request-PartnerRelationship -Domain ').CompletionText | Should -Be 'fabrikam.onmicrosoft.com'
        Get-Completion 'Get-PartnerCustomer -Name Fab' | Should -BeNullOrEmpty
    }
}

Describe 'At most 50 results' {
    BeforeAll {
        Connect-PartnerCenter -StorePath (New-TestStore 'large.db' -CustomerCount 120) | Out-Null
    }

    AfterAll {
        Connect-PartnerCenter -StorePath $storePath | Out-Null
    }

    It 'offers exactly 50 of 120 customers for <_>' -ForEach @('Get-PartnerCustomer -CustomerId ', 'Get-PartnerCustomer -Name ', 'Get-PartnerCustomer -Domain ') {
        Get-Completion $_ | Should -HaveCount 50
    }

    It 'offers all of fewer than 50 matches' {
        (Get-Completion 'Get-PartnerCustomer -Name Contoso').Count | Should -Be @(Get-PartnerCustomer -Name 'Contoso*').Count
    }
}

Describe 'Kept per connection' {
    BeforeEach {
        $keptPath = New-TestStore "kept-$([guid]::NewGuid()).db"
        Connect-PartnerCenter -StorePath $keptPath | Out-Null
    }

    AfterAll {
        Connect-PartnerCenter -StorePath $storePath | Out-Null
    }

    It 'answers Tab again from what it kept: a customer added meanwhile shows only after connecting again' {
        (Get-Completion 'Get-PartnerCustomer -Name Con').Count | Should -Be 3
        New-PartnerCustomer -Name 'Contoso Brewing' -Domain 'contosobrewing.onmicrosoft.com' | Out-Null

        (Get-Completion 'Get-PartnerCustomer -Name Con').ListItemText | Should -Not -Contain 'Contoso Brewing'

        Connect-PartnerCenter -StorePath $keptPath | Out-Null
        (Get-Completion 'Get-PartnerCustomer -Name Con').ListItemText | Should -Contain 'Contoso Brewing'
    }

    It 'forgets what it kept on Disconnect-PartnerCenter: the default store is read instead' {
        $savedDefault = $env:PARTNERCENTER_STORE
        try {
            # Contoso, Contoso Pharmaceuticals and Fabrikam.
            $env:PARTNERCENTER_STORE = New-TestStore 'default.db' -CustomerCount 3
            (Get-Completion 'Get-PartnerCustomer -Name Con').Count | Should -Be 3

            Disconnect-PartnerCenter

            (Get-Completion 'Get-PartnerCustomer -Name Con').CompletionText | Should -Be @('Contoso', "'Contoso Pharmaceuticals'")
        }
        finally {
            $env:PARTNERCENTER_STORE = $savedDefault
        }
    }
}

Describe 'Without a usable store' {
    BeforeAll {
        $savedDefault = $env:PARTNERCENTER_STORE
    }

    AfterAll {
        $env:PARTNERCENTER_STORE = $savedDefault
        Connect-PartnerCenter -StorePath $storePath | Out-Null
    }

    It 'offers nothing, creates no store and writes no error when there is no store' {
        $env:PARTNERCENTER_STORE = Join-Path $TestDrive 'none/partner.db'
        Disconnect-PartnerCenter
        $errorsBefore = $Error.Count

        Get-Completion 'Get-PartnerCustomer -Name Con' | Should -BeNullOrEmpty
        Get-Completion 'Get-PartnerSubscription -CustomerId ' | Should -BeNullOrEmpty

        Test-Path $env:PARTNERCENTER_STORE | Should -BeFalse
        $Error.Count | Should -Be $errorsBefore
    }

    It 'offers nothing, quickly and without an error, when the store is broken' {
        $broken = New-TestStore 'broken.db'
        Connect-PartnerCenter -StorePath $broken | Out-Null
        [System.IO.File]::WriteAllText($broken, 'this is not a SQLite database, whatever its name says' * 100)
        $errorsBefore = $Error.Count

        $elapsed = Measure-Command { $script:found = Get-Completion 'Get-PartnerCustomer -Name Con' }

        $found | Should -BeNullOrEmpty
        Get-Completion "Get-PartnerSubscription -CustomerId $($contoso.CustomerId) -SubscriptionId " | Should -BeNullOrEmpty
        $elapsed.TotalSeconds | Should -BeLessThan 5
        $Error.Count | Should -Be $errorsBefore
    }
}
