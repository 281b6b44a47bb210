# New-PartnerAdminRelationship against the local store: an active relationship with the roles asked (names or ids),
# least privilege by default, each invalid value as InvalidArgument naming its parameter, -WhatIf changes nothing.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'New-PartnerAdminRelationship' {
    BeforeEach {
        $storePath = New-TestStore
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'
    }

    It 'adds an active relationship for a piped customer, with the roles asked, and lists it' {
        $added = $fabrikam | New-PartnerAdminRelationship -DisplayName 'Fabrikam service desk' -Roles 'Helpdesk Administrator', 'f2ef992c-3afb-46b9-b7cf-a126ee74c451' -Duration P1Y
        $added.Status | Should -Be 'Active'
        $added.Roles | Should -Be @('Helpdesk Administrator', 'Global Reader')
        $added.CustomerName | Should -Be 'Fabrikam'
        ($added.EndDateTime - $added.ActivatedDateTime).TotalDays | Should -BeIn @(365, 366)
        (Get-PartnerAdminRelationship -CustomerId $fabrikam.CustomerId -Status Active).DisplayName | Should -Be 'Fabrikam service desk'
    }

    It 'grants least privilege when no roles are asked for' {
        ($fabrikam | New-PartnerAdminRelationship -DisplayName 'Fabrikam support').Roles | Should -Be @('Directory Readers', 'Service Support Administrator')
    }

    It 'InvalidArgument names the parameter: <Parameter>' -ForEach @(
        @{ Parameter = 'Roles'; Arguments = @{ Roles = 'Chief Wizard' } }
        @{ Parameter = 'Duration'; Arguments = @{ Duration = 'P3Y' } }
        @{ Parameter = 'AutoExtendDuration'; Arguments = @{ AutoExtendDuration = 'P90D' } }
        @{ Parameter = 'DisplayName'; Arguments = @{ DisplayName = ('x' * 51) } }
    ) {
        $splat = @{ CustomerId = $fabrikam.CustomerId; DisplayName = 'Fabrikam x' } + @{}
        foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }
        $run = Invoke-Captured { New-PartnerAdminRelationship @splat }
        Assert-PartnerError $run.Errors[0] -ErrorId 'InvalidArgument' -Category 'InvalidArgument'
        $run.Errors[0].Exception.Message | Should -BeLike "*$Parameter*"
        @(Get-PartnerAdminRelationship -CustomerId $fabrikam.CustomerId -Status Active) | Should -HaveCount 0
    }

    It '-WhatIf leaves the store byte-identical' {
        $before = Get-StoreHash $storePath
        $fabrikam | New-PartnerAdminRelationship -DisplayName 'Fabrikam service desk' -WhatIf
        Get-StoreHash $storePath | Should -Be $before
    }

    It 'completes role names on Tab' {
        $line = 'New-PartnerAdminRelationship -Roles Helpd'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be @("'Helpdesk Administrator'")
    }
}
