Describe 'Offboard-Customer.ps1 in a session that cannot ask' {
    BeforeAll {
        $repoRoot = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")
        $storePath = "$TestDrive/runbook.db"
        # The child pwsh finds the module by name, as a runbook does where the module is installed.
        $env:PSModulePath = "$repoRoot/out" + [System.IO.Path]::PathSeparator + $env:PSModulePath
        Import-Module PartnerCenter.Relationships -Force -ErrorAction Stop
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
        $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        # Run as the .NET tool, this process is dotnet running pwsh.dll; the child runs the same pwsh.dll.
        $pwshArguments = @(if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'refuses without -Confirm:$false, changes nothing and exits non-zero' {
        $before = (Get-FileHash -LiteralPath $storePath).Hash

        $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -File "$repoRoot/examples/Offboard-Customer.ps1" -Name 'Contoso*' -StorePath $storePath 2>&1
        $exitCode = $LASTEXITCODE

        $exitCode | Should -Not -Be 0
        ($output | Out-String) | Should -BeLike '*needs your confirmation, but this session cannot ask for it*Nothing was changed*-Confirm:$false*'
        (Get-FileHash -LiteralPath $storePath).Hash | Should -Be $before
        @(Get-PartnerCustomer -Name 'Contoso*') | Should -HaveCount 2
        @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active) | Should -HaveCount 4
    }

    It 'stops a calling script too, with the ErrorId ConfirmationNotPossible' {
        $script = "Import-Module PartnerCenter.Relationships; try { & '$repoRoot/examples/Offboard-Customer.ps1' -Name 'Contoso*' -StorePath '$storePath' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; exit 3 }"

        $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -Command $script 2>&1

        $LASTEXITCODE | Should -Be 3
        "$output" | Should -BeLike 'ConfirmationNotPossible,*'
        @(Get-PartnerCustomer -Name 'Contoso*') | Should -HaveCount 2
    }

    It 'offboards with -Confirm:$false in the same non-interactive session, and exits 0' {
        $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -File "$repoRoot/examples/Offboard-Customer.ps1" -Name 'Contoso*' -StorePath $storePath -Confirm:$false 2>&1

        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        @(Get-PartnerCustomer -Name 'Contoso*') | Should -BeNullOrEmpty
    }
}
