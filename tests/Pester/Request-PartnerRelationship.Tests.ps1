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
        $resumed = @(Get-PartnerCustomer -Name 'Fabrikam' | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Confirm:$false -PassThru |
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

Describe 'Request-PartnerRelationship without parameters: the partner-wide invitation' {
    BeforeAll {
        $storePath = "$TestDrive/invitation.db"
        $store = Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Confirm:$false
        Connect-PartnerCenter -StorePath $storePath | Out-Null
        $expectedUrl = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={0}&msppId=0&DAP=false#/BillingAccounts/partner-invitation' -f $store.PartnerTenantId
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'returns the one link of the partner, which names no customer, without asking (this session is non-interactive)' {
        $invitation = Request-PartnerRelationship -ErrorAction Stop

        $invitation.GetType().FullName | Should -Be 'PartnerCenter.Relationships.Core.Models.ResellerInvitation'
        $invitation.Url | Should -Be $expectedUrl
        $invitation.PartnerName | Should -Be 'Tailwind Cloud Partners'
        $invitation.PartnerTenantId | Should -Be $store.PartnerTenantId
        "$invitation" | Should -Be $expectedUrl
        $invitation.InvitationText | Should -BeLike "*$expectedUrl*"
        $invitation.InvitationText | Should -Not -BeLike '*Contoso*'
    }

    It 'records nothing in the store, even for a customer whose relationship was removed' {
        $contoso = Get-PartnerCustomer -Name 'Contoso'
        $contoso | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -Confirm:$false
        $before = (Get-FileHash -LiteralPath $storePath).Hash

        1..3 | ForEach-Object { Request-PartnerRelationship } | Select-Object -ExpandProperty Url -Unique | Should -Be $expectedUrl

        (Get-FileHash -LiteralPath $storePath).Hash | Should -Be $before
    }

    It 'keeps the per-customer form, whose request and mail text name the customer' {
        $request = Request-PartnerRelationship -CustomerId (Get-PartnerCustomer -Name 'Contoso Pharmaceuticals').CustomerId -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RelationshipAlreadyExists,*' -Because 'Contoso Pharmaceuticals still has its relationship'

        $contosoId = '3410cda1-5b13-434e-af84-a54adf7a0ea0'
        $request = Request-PartnerRelationship -CustomerId $contosoId -Confirm:$false

        $request.GetType().Name | Should -Be 'RelationshipRequest'
        $request.CustomerName | Should -Be 'Contoso'
        $request.Url | Should -Be $expectedUrl
        $request.InvitationText | Should -BeLike 'Hello Contoso administrator,*contoso.onmicrosoft.com*'
    }

    It 'takes a customer id piped as a string, and piped customers by their id' {
        $request = '3410cda1-5b13-434e-af84-a54adf7a0ea0' | Request-PartnerRelationship -Confirm:$false

        $request.GetType().Name | Should -Be 'RelationshipRequest'
        $request.CustomerId | Should -Be '3410cda1-5b13-434e-af84-a54adf7a0ea0'
        # A customer object has a Domain too; it still binds by id, not as an ambiguous parameter set.
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'
        $fabrikam | Request-PartnerRelationship -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RelationshipAlreadyExists,*'
    }

    It 'declares both output types in its parameter sets' {
        $command = Get-Command Request-PartnerRelationship
        $command.DefaultParameterSet | Should -Be 'PartnerWide'
        $command.OutputType.Name | Should -Contain 'PartnerCenter.Relationships.Core.Models.ResellerInvitation'
        $command.OutputType.Name | Should -Contain 'PartnerCenter.Relationships.Core.Models.RelationshipRequest'
    }
}
