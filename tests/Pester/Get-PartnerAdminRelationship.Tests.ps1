# Get-PartnerAdminRelationship against the sample store: every relationship, one customer's by pipeline, by status
# (any casing), by id, an unknown id as AdminRelationshipNotFound, roles by name, and a table that fits 80 columns.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Get-PartnerAdminRelationship' {
    BeforeEach {
        $null = New-TestStore
    }

    It 'lists one customer''s relationships when customers are piped, with roles by name' {
        $contoso = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerAdminRelationship)
        $contoso | Should -HaveCount 2
        $contoso.CustomerName | Select-Object -Unique | Should -Be 'Contoso'
        $contoso.Status | Select-Object -Unique | Should -Be 'Active'
        $contoso | ForEach-Object { $_.GrantsAccess | Should -BeTrue }
        $contoso.Roles | Should -Contain 'Helpdesk Administrator'
        $contoso[0].RelationshipId | Should -BeOfType [string]
        $contoso[0].EndDateTime | Should -Not -BeNullOrEmpty
    }

    It 'lists every relationship without parameters, in every status the sample has' {
        $all = @(Get-PartnerAdminRelationship)
        $statuses = $all.Status | Select-Object -Unique
        foreach ($status in 'Active', 'Expiring', 'Expired', 'Terminated', 'Created') {
            $statuses | Should -Contain $status
        }
    }

    It '-Status filters, in any casing' {
        $terminated = @(Get-PartnerAdminRelationship -Status 'terminated')
        $terminated | Should -Not -BeNullOrEmpty
        $terminated.Status | Select-Object -Unique | Should -Be 'Terminated'
        @(Get-PartnerCustomer -Name 'Fabrikam' | Get-PartnerAdminRelationship -Status Active, Expired).Status | Should -Be @('Expired')
    }

    It '-RelationshipId gets one by id, also from the pipeline; an unknown id is AdminRelationshipNotFound and the others go on' {
        $one = Get-PartnerCustomer -Name 'Contoso' | Get-PartnerAdminRelationship | Select-Object -First 1
        (Get-PartnerAdminRelationship -RelationshipId $one.RelationshipId).DisplayName | Should -Be $one.DisplayName
        ($one | Get-PartnerAdminRelationship).DisplayName | Should -Be $one.DisplayName
        $run = Invoke-Captured { Get-PartnerAdminRelationship -RelationshipId 'no-such-relationship', $one.RelationshipId }
        $run.Output | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'AdminRelationshipNotFound' -Category 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be 'no-such-relationship'
    }

    It 'completes statuses on Tab' {
        $line = 'Get-PartnerAdminRelationship -Status Termi'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('Terminated', 'Terminating', 'TerminationRequested')
    }

    It 'shows a table of at most 80 columns' {
        $lines = @(Get-PartnerAdminRelationship | Format-Table | Out-String -Width 200 -Stream | Where-Object { $_ })
        $lines[0] | Should -Match '^CustomerName\s+DisplayName\s+Status\s+Ends$'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessThan 80 }
    }
}
