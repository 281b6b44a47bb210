# Shared setup for the Pester files in this folder (one file per cmdlet, plus Module, CanonicalSession and
# Offboard-Customer). Each file imports this module in its BeforeAll, then the module under test:
#
#     BeforeAll {
#         Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
#         Import-TestedModule
#     }
#
# Stores live in $TestDrive. Sample data: seed 1 with 25 customers has 'Contoso' (2 active subscriptions and
# 1 deleted), 'Contoso Pharmaceuticals' (2 active) and 'Fabrikam' (1 suspended).

$script:RepoRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))

# The repository root (the folder of PartnerCmdlets.sln).
function Get-RepoRoot {
    $script:RepoRoot
}

# The staged module's folder (out/PartnerCenter.Relationships), as dotnet build leaves it.
function Get-TestedModuleFolder {
    Join-Path $script:RepoRoot 'out/PartnerCenter.Relationships'
}

function Get-TestedModuleManifest {
    Join-Path (Get-TestedModuleFolder) 'PartnerCenter.Relationships.psd1'
}

# examples/Offboard-Customer.ps1.
function Get-OffboardScriptPath {
    Join-Path $script:RepoRoot 'examples/Offboard-Customer.ps1'
}

# Imports the staged module into the global scope, as a user's Import-Module does, and returns it.
function Import-TestedModule {
    $manifest = Get-TestedModuleManifest
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "$manifest is missing: build first (dotnet build PartnerCmdlets.sln stages the module in out/)."
    }

    Import-Module $manifest -Force -Global -PassThru -ErrorAction Stop
}

# The program that runs this pwsh, and the arguments that come before a child's own: run as the .NET tool, this
# process is dotnet running pwsh.dll, and a child pwsh is the same pwsh.dll. For tests that start a child pwsh.
function Get-PwshCommand {
    $program = (Get-Process -Id $PID).Path
    [pscustomobject]@{
        Program   = $program
        Arguments = @(if ([System.IO.Path]::GetFileNameWithoutExtension($program) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    }
}

# Makes a store in $TestDrive (a new file for every call unless -Name is given), with the sample data unless -Empty,
# connects the session to it unless -NoConnect, and returns its full path.
function New-TestStore {
    param(
        [string] $Name = "store-$([guid]::NewGuid().ToString('N'))",
        [switch] $Empty,
        [int] $CustomerCount = 25,
        [int] $Seed = 1,
        [switch] $NoConnect
    )

    $path = Join-Path ([string] $global:TestDrive) "$Name.db"
    if ($Empty) {
        Initialize-PartnerStore -StorePath $path -Confirm:$false -ErrorAction Stop | Out-Null
    }
    else {
        Initialize-PartnerStore -StorePath $path -SampleData -CustomerCount $CustomerCount -Seed $Seed -Confirm:$false -ErrorAction Stop | Out-Null
    }

    if (-not $NoConnect) {
        Connect-PartnerCenter -StorePath $path -ErrorAction Stop | Out-Null
    }

    $path
}

# The id of the one customer with exactly this name.
function Get-CustomerId {
    param([Parameter(Mandatory)] [string] $Name)

    $customers = @(Get-PartnerCustomer -Name $Name -ErrorAction Stop)
    if ($customers.Count -ne 1) {
        throw "Expected one customer named '$Name', found $($customers.Count)."
    }

    $customers[0].CustomerId
}

# SHA-256 of a store file's bytes, to prove a command left it byte-for-byte the same.
function Get-StoreHash {
    param([Parameter(Mandatory)] [string] $Path)

    [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.IO.File]::ReadAllBytes($Path)))
}

# The length of the store's write-ahead log, 0 when there is none: a -WhatIf must leave nothing there either.
function Get-StoreWalLength {
    param([Parameter(Mandatory)] [string] $Path)

    $wal = "$Path-wal"
    if (Test-Path -LiteralPath $wal) { (Get-Item -LiteralPath $wal).Length } else { 0 }
}

# Runs a script block as at a prompt with the default $ErrorActionPreference (Continue: a non-terminating error does
# not stop it, whatever the caller's preference) and sorts what it wrote by stream: Output, Errors (every error
# record, the terminating one included), Verbose and Warnings (message text), Information, and Terminating (the error
# that stopped it, if any).
function Invoke-Captured {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)

    $output = [System.Collections.Generic.List[object]]::new()
    $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
    $verbose = [System.Collections.Generic.List[string]]::new()
    $warnings = [System.Collections.Generic.List[string]]::new()
    $information = [System.Collections.Generic.List[object]]::new()
    $terminating = $null
    # The script block's commands read the preference from its own scopes, which end in the global one: a module
    # function cannot set it closer to them. (PesterSuiteTests runs Invoke-Pester with $ErrorActionPreference = 'Stop'.)
    $savedPreference = $global:ErrorActionPreference
    $global:ErrorActionPreference = 'Continue'
    try {
        & $ScriptBlock *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) }
            elseif ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($_.Message) }
            elseif ($_ -is [System.Management.Automation.WarningRecord]) { $warnings.Add($_.Message) }
            elseif ($_ -is [System.Management.Automation.InformationRecord]) { $information.Add($_) }
            elseif ($_ -is [System.Management.Automation.DebugRecord]) { }
            else { $output.Add($_) }
        }
    }
    catch {
        $terminating = $_
        $errors.Add($_)
    }
    finally {
        $global:ErrorActionPreference = $savedPreference
    }

    [pscustomobject]@{
        Output      = $output.ToArray()
        Errors      = $errors.ToArray()
        Verbose     = $verbose.ToArray()
        Warnings    = $warnings.ToArray()
        Information = $information.ToArray()
        Terminating = $terminating
    }
}

# What the script block showed at the prompt (the host's text: -WhatIf lines, for instance), recorded with a
# transcript, one string per line. Its output is discarded; its errors go on as usual.
function Get-HostText {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)

    $transcript = Join-Path ([System.IO.Path]::GetTempPath()) "pcr-host-$([guid]::NewGuid().ToString('N')).txt"
    Start-Transcript -LiteralPath $transcript -UseMinimalHeader | Out-Null
    try {
        $null = & $ScriptBlock
    }
    finally {
        Stop-Transcript | Out-Null
    }

    try {
        # A minimal transcript is a 4-line header and a 4-line footer, each framed by lines of '*'.
        $lines = @(Get-Content -LiteralPath $transcript)
        $frames = @(for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^\*{10,}$') { $i } })
        if ($frames.Count -lt 4) {
            throw "Unexpected transcript layout in ${transcript}:`n$($lines -join "`n")"
        }

        $first = $frames[1] + 1
        $last = $frames[$frames.Count - 2] - 1
        if ($last -ge $first) { $lines[$first..$last] } else { @() }
    }
    finally {
        Remove-Item -LiteralPath $transcript -ErrorAction SilentlyContinue
    }
}

# The checks every module error passes: its FullyQualifiedErrorId starts with the stable ErrorId, it has the right
# category, and it names the object it is about.
function Assert-PartnerError {
    param(
        [Parameter(Mandatory)] [AllowNull()] $ErrorRecord,
        [Parameter(Mandatory)] [string] $ErrorId,
        [Parameter(Mandatory)] [string] $Category
    )

    $ErrorRecord | Should -Not -BeNullOrEmpty -Because "an error $ErrorId was expected"
    $ErrorRecord.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
    $ErrorRecord.CategoryInfo.Category | Should -Be $Category
    $null -eq $ErrorRecord.TargetObject | Should -BeFalse -Because "$ErrorId names its target"
}

Export-ModuleMember -Function Get-RepoRoot, Get-TestedModuleFolder, Get-TestedModuleManifest, Get-OffboardScriptPath,
    Import-TestedModule, New-TestStore, Get-CustomerId, Get-StoreHash, Get-StoreWalLength, Invoke-Captured, Get-HostText,
    Assert-PartnerError, Get-PwshCommand
