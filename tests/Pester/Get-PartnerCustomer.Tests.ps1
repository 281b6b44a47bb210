Describe 'Get-PartnerCustomer: malformed wildcard patterns and -Verbose' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
        $storePath = "$TestDrive/patterns.db"
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
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
