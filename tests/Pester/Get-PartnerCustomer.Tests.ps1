# Get-PartnerCustomer against the local store: the ways to name customers (name, wildcard, domain, id, piped ids
# and objects with Id or TenantId), and its errors: a literal name or domain that matches nothing, a customer whose
# relationship was removed, per-record errors that do not stop the pipeline, a store that goes bad, and error text
# without stack traces.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    # Back to the default store, so nothing after these tests works on a TestDrive store.
    Disconnect-PartnerCenter
}

Describe 'Get-PartnerCustomer' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It 'binds an id from a piped Id or TenantId property, or a piped string' {
        $id = [string](Get-CustomerId 'Contoso')

        @([pscustomobject]@{ Id = $id } | Get-PartnerCustomer).Name | Should -Be 'Contoso'
        @([pscustomobject]@{ TenantId = $id } | Get-PartnerCustomer).Name | Should -Be 'Contoso'
        @($id | Get-PartnerCustomer).Name | Should -Be 'Contoso'
    }

    It '<ErrorId> (ObjectNotFound) for a literal that matches nothing, and -ErrorAction Stop stops on it' -ForEach @(
        @{ ErrorId = 'CustomerNameNotFound'; Cause = { Get-PartnerCustomer -Name 'No Such Company' } }
        @{ ErrorId = 'CustomerDomainNotFound'; Cause = { Get-PartnerCustomer -Domain 'nosuch.onmicrosoft.com' } }
    ) {
        $run = Invoke-Captured $Cause

        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId $ErrorId -Category 'ObjectNotFound'
        $run.Errors[0].Exception.ErrorId | Should -Be $ErrorId

        # With $ErrorActionPreference = 'Stop' a non-terminating error stops the script block like a terminating one.
        $record = { $ErrorActionPreference = 'Stop'; & $Cause } | Should -Throw -ErrorId "$ErrorId,*" -PassThru
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'a wildcard that matches nothing is not an error' {
        $run = Invoke-Captured { Get-PartnerCustomer -Name 'No Such*' }

        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -BeNullOrEmpty
    }

    It 'CustomerRelationshipNotFound (ObjectNotFound) by id for a customer whose relationship was removed' {
        $fabrikam = Get-PartnerCustomer -Name 'Fabrikam'
        $fabrikam | Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -Force -Confirm:$false

        $run = Invoke-Captured { Get-PartnerCustomer -CustomerId $fabrikam.CustomerId }

        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'CustomerRelationshipNotFound' -Category 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $fabrikam.CustomerId
        $run.Errors[0].Exception.Message | Should -BeLike '*relationship between the partner and customer*'
        $run.Errors[0].Exception.Message | Should -BeLike '*does not exist*'
    }

    It 'an unknown id is an error of its own and does not stop the pipeline' {
        $fabrikamId = Get-CustomerId 'Fabrikam'

        $run = Invoke-Captured { Get-PartnerCustomer -CustomerId ([guid]::NewGuid()), $fabrikamId }

        $run.Output | Should -HaveCount 1
        $run.Output[0].Name | Should -Be 'Fabrikam'
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'CustomerRelationshipNotFound' -Category 'ObjectNotFound'
    }

    It 'errors are friendly: no stack trace, no exception type' {
        $run = Invoke-Captured { Get-PartnerCustomer -CustomerId ([guid]::NewGuid()) }

        $run.Errors | Should -HaveCount 1
        $text = $run.Errors[0].ToString()
        $text | Should -Not -Match ([regex]::Escape('   at '))
        $text | Should -Not -Match 'Exception'
    }

    It 'StoreCorrupt (InvalidData), one error, when the connected store goes bad between commands' {
        $other = New-TestStore -Empty
        [System.IO.File]::WriteAllText($other, [string]::new([char] 'x', 4096))

        $run = Invoke-Captured { Get-PartnerCustomer; 'after' }

        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'StoreCorrupt' -Category 'InvalidData'
    }
}

Describe 'Get-PartnerCustomer: malformed wildcard patterns and -Verbose' {
    BeforeAll {
        $storePath = New-TestStore -Name patterns
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It '<Parameter> <Pattern> is InvalidWildcardPattern (InvalidArgument) with the pattern as target' -ForEach @(
        @{ Parameter = 'Name'; Pattern = '[abc' }
        @{ Parameter = 'Domain'; Pattern = '[x' }
        # The literal prefix 'x' matches no customer, so PowerShell's pattern would never have been tried: still an error.
        @{ Parameter = 'Domain'; Pattern = 'x[' }
    ) {
        $splat = @{ $Parameter = $Pattern }

        $output = Get-PartnerCustomer @splat -ErrorVariable err -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidWildcardPattern,PartnerCenter.Relationships.Commands.GetPartnerCustomerCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be $Pattern
        # -BeLike would read the brackets in the pattern as wildcards of its own.
        $err[0].Exception.Message.Contains("-$Parameter value '$Pattern' is not a valid wildcard pattern") | Should -BeTrue
        $err[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $err[0].Exception.GetType().FullName | Should -Not -BeLike 'System.Management.Automation.*'
    }

    It 'reports a malformed pattern and still lists the matches of the others' {
        $output = @(Get-PartnerCustomer -Name '[abc', 'Contoso*' -ErrorVariable err -ErrorAction SilentlyContinue)

        $output.Name | Should -Be @('Contoso', 'Contoso Pharmaceuticals')
        $err | Should -HaveCount 1
        $err[0].TargetObject | Should -Be '[abc'
    }

    It 'stops the command on a malformed pattern with -ErrorAction Stop' {
        { Get-PartnerCustomer -Name '[abc' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidWildcardPattern,*'
    }

    It 'says with -Verbose which store it reads' {
        $verbose = Get-PartnerCustomer -Name 'Contoso' -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        $verbose.Message | Should -Contain ("Using local store '{0}'." -f [System.IO.Path]::GetFullPath($storePath))
    }
}
