Describe 'Request-PartnerRelationship without parameters: the partner-wide invitation' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
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
        $contoso | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Confirm:$false
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
