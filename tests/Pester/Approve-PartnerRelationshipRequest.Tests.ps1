# Approve-PartnerRelationshipRequest (the local store's stand-in for the customer accepting the invitation):
# RelationshipRequestNotFound for an unknown request, and -WhatIf leaving the store file byte-identical. Accepting a
# request, and refusing to accept it twice, is followed in CanonicalSession.Tests.ps1.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Approve-PartnerRelationshipRequest' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It 'RelationshipRequestNotFound (ObjectNotFound) for an unknown request id' {
        $missing = [guid]::NewGuid()

        $run = Invoke-Captured { Approve-PartnerRelationshipRequest -RequestId $missing -Confirm:$false }

        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'RelationshipRequestNotFound' -Category 'ObjectNotFound'
        $run.Errors[0].Exception.ErrorId | Should -Be 'RelationshipRequestNotFound'
        { Approve-PartnerRelationshipRequest -RequestId $missing -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'RelationshipRequestNotFound,*'
    }

    It '-WhatIf leaves the store byte-identical' {
        $id = Get-CustomerId 'Fabrikam'
        Get-PartnerCustomer -Name 'Fabrikam' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false
        Remove-PartnerResellerRelationship -CustomerId $id -Confirm:$false
        $request = Request-PartnerRelationship -CustomerId $id
        $before = Get-StoreHash $storePath

        $run = Invoke-Captured { Approve-PartnerRelationshipRequest -RequestId $request.RequestId -WhatIf }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
        @(Get-PartnerCustomer -Name 'Fabrikam*') | Should -BeNullOrEmpty
    }
}
