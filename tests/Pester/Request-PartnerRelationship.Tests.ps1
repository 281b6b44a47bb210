# Request-PartnerRelationship against the local store: its errors (RelationshipAlreadyExists while the relationship
# exists, CustomerNotFound for an unknown id), a removal result piped in (and the approved customer piped on into
# Resume-PartnerSubscription), and -WhatIf leaving the store file byte-identical. The request itself (its link, its
# status, the same pending request when asked again) is followed in CanonicalSession.Tests.ps1.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Request-PartnerRelationship' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It '<ErrorId> (<Category>)' -ForEach @(
        @{ ErrorId = 'RelationshipAlreadyExists'; Category = 'ResourceExists'; Cause = { Get-PartnerCustomer -Name 'Contoso' | Request-PartnerRelationship -Confirm:$false } }
        @{ ErrorId = 'CustomerNotFound'; Category = 'ObjectNotFound'; Cause = { Request-PartnerRelationship -CustomerId ([guid]::NewGuid()) -Confirm:$false } }
    ) {
        $run = Invoke-Captured $Cause

        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId $ErrorId -Category $Category
        $run.Errors[0].Exception.ErrorId | Should -Be $ErrorId

        # With $ErrorActionPreference = 'Stop' a non-terminating error stops the script block like a terminating one.
        { $ErrorActionPreference = 'Stop'; & $Cause } | Should -Throw -ErrorId "$ErrorId,*"
    }

    It 'takes a removal result from the pipeline; the approved customer flows on into Resume-PartnerSubscription' {
        $resumed = @(Get-PartnerCustomer -Name 'Contoso' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Confirm:$false -PassThru |
                Request-PartnerRelationship | Approve-PartnerRelationshipRequest -Confirm:$false -PassThru |
                Get-PartnerSubscription -Status Suspended | Resume-PartnerSubscription -Confirm:$false -PassThru)

        $resumed.Count | Should -BeGreaterOrEqual 2
        $resumed | ForEach-Object { $_.Status | Should -Be 'Active' }
    }

    It '-WhatIf leaves the store byte-identical' {
        $id = Get-CustomerId 'Fabrikam'
        Get-PartnerCustomer -Name 'Fabrikam' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false
        Remove-PartnerResellerRelationship -CustomerId $id -Confirm:$false
        $before = Get-StoreHash $storePath

        $run = Invoke-Captured { Request-PartnerRelationship -CustomerId $id -WhatIf }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
    }
}
