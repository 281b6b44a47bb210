# Remove-PartnerAdminRelationship against the sample store: active ones are terminated and waited for (Terminating,
# then Terminated), -NoWait returns at TerminationRequested, a created one is deleted, one already terminated is a
# verbose note, an expired one is AdminRelationshipCannotTerminate, -WhatIf changes nothing, ConfirmImpact is High.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Remove-PartnerAdminRelationship' {
    BeforeEach {
        $storePath = New-TestStore
        $contoso = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerAdminRelationship)
    }

    It 'terminates piped active relationships and waits until they are Terminated' {
        $ended = @($contoso | Remove-PartnerAdminRelationship -Force -PassThru)
        $ended | Should -HaveCount 2
        $ended.Status | Select-Object -Unique | Should -Be 'Terminated'
        @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerAdminRelationship -Status Active) | Should -HaveCount 0
    }

    It '-NoWait returns once the termination is accepted; Graph (here the store) finishes it' {
        $requested = $contoso[0] | Remove-PartnerAdminRelationship -NoWait -Force -PassThru
        $requested.Status | Should -Be 'TerminationRequested'
        (Get-PartnerAdminRelationship -RelationshipId $contoso[0].RelationshipId).Status | Should -BeIn @('Terminating', 'Terminated')
        Start-Sleep -Milliseconds 1200
        (Get-PartnerAdminRelationship -RelationshipId $contoso[0].RelationshipId).Status | Should -Be 'Terminated'
    }

    It 'deletes a relationship never sent to the customer, and notes one already terminated without an error' {
        $created = Get-PartnerAdminRelationship -Status Created | Select-Object -First 1
        $terminated = Get-PartnerAdminRelationship -Status Terminated | Select-Object -First 1
        $run = Invoke-Captured { $created, $terminated | Remove-PartnerAdminRelationship -Force -Verbose }
        $run.Errors | Should -BeNullOrEmpty
        $run.Verbose | Should -Contain "GDAP relationship '$($terminated.DisplayName)' ($($terminated.RelationshipId)) of $($terminated.CustomerName) ($($terminated.CustomerId))$(if ($terminated.Roles) { ', roles: ' + ($terminated.Roles -join ', ') }) is already Terminated: nothing to do."
        $lookup = Invoke-Captured { Get-PartnerAdminRelationship -RelationshipId $created.RelationshipId }
        Assert-PartnerError $lookup.Errors[0] -ErrorId 'AdminRelationshipNotFound' -Category 'ObjectNotFound'
    }

    It 'refuses an expired one with AdminRelationshipCannotTerminate, and goes on with the others' {
        $expired = Get-PartnerAdminRelationship -Status Expired | Select-Object -First 1
        $run = Invoke-Captured { $expired, $contoso[0] | Remove-PartnerAdminRelationship -Force -PassThru }
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'AdminRelationshipCannotTerminate' -Category 'InvalidOperation'
        $run.Errors[0].Exception.Message | Should -BeLike '*expired*'
        $run.Output.RelationshipId | Should -Be $contoso[0].RelationshipId
    }

    It '-WhatIf names each relationship with its roles and leaves the store byte-identical' {
        $before = Get-StoreHash $storePath
        $text = Get-HostText { $contoso | Remove-PartnerAdminRelationship -WhatIf }
        ($text -join ' ') | Should -BeLike "*Terminate GDAP relationship*$($contoso[0].DisplayName)*roles:*"
        Get-StoreHash $storePath | Should -Be $before
    }

    It 'has ConfirmImpact High' {
        $command = Get-Command Remove-PartnerAdminRelationship
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}
