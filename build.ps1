<#
.SYNOPSIS
    Builds, tests, demonstrates or packages PartnerCenter.Relationships. A thin wrapper over dotnet.

.DESCRIPTION
    Build   dotnet build PartnerCmdlets.sln, which compiles the module and stages it, as it ships, in
            out/PartnerCenter.Relationships/.
    Test    dotnet test PartnerCmdlets.sln: the xunit suites and, in the pinned pwsh (the .NET tool PowerShell of
            .config/dotnet-tools.json) with Pester from the build, every file of tests/Pester.
    Demo    builds, makes a sample store in a temporary folder and runs examples/Offboard-Customer.ps1 against it,
            showing its results as tables. The folder is deleted afterwards.
    Package builds, then runs the Package target of src/PartnerCenter.Relationships.Package/ (dotnet msbuild): in the
            pinned pwsh, PSResourceGet's Publish-PSResource packs the staged module into a PowerShell Gallery-ready
            out/package/PartnerCenter.Relationships.<version>.nupkg. It publishes to a temporary local folder
            repository that it unregisters afterwards; nothing is sent to the PowerShell Gallery.

    On a machine with only the .NET SDK, run it in the pinned pwsh: dotnet tool restore; dotnet pwsh ./build.ps1 -Task Demo

    The demo runs in a child PowerShell, so this session never loads the module's assembly and a later build can still
    overwrite it (on Windows a loaded assembly is locked until its process ends).

    The script exits with a non-zero code when dotnet, the demo or the packing fails.

.PARAMETER Task
    Build (the default), Test, Demo or Package.

.PARAMETER Configuration
    The dotnet build configuration: Debug or Release. The default is Debug, and Release for Package (the package is
    what ships).

.EXAMPLE
    ./build.ps1

.EXAMPLE
    ./build.ps1 -Task Test -Configuration Release

.EXAMPLE
    ./build.ps1 -Task Demo

.EXAMPLE
    ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Debug'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

if ($Task -eq 'Package' -and -not $PSBoundParameters.ContainsKey('Configuration')) {
    $Configuration = 'Release'
}

$solution = Join-Path $PSScriptRoot 'PartnerCmdlets.sln'
$moduleManifest = [System.IO.Path]::Combine($PSScriptRoot, 'out', 'PartnerCenter.Relationships', 'PartnerCenter.Relationships.psd1')
$offboardExample = [System.IO.Path]::Combine($PSScriptRoot, 'examples', 'Offboard-Customer.ps1')
$packageProject = [System.IO.Path]::Combine($PSScriptRoot, 'src', 'PartnerCenter.Relationships.Package', 'PartnerCenter.Relationships.Package.proj')

if (-not (Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue)) {
    throw 'The dotnet CLI was not found. Install the .NET SDK (version 10) and make sure dotnet is on the PATH.'
}

# Runs dotnet with the arguments as given ($args, so that '-c' reaches dotnet and is not taken for a parameter of this
# function); a failure ends this script with dotnet's exit code.
function Invoke-Dotnet {
    Write-Host "> dotnet $($args -join ' ')" -ForegroundColor Cyan
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        Write-Host "dotnet $($args[0]) failed (exit code $LASTEXITCODE)." -ForegroundColor Red
        exit $LASTEXITCODE
    }
}

# A PowerShell string literal of any text, to put paths into the child's script.
function ConvertTo-Literal([string] $Text) {
    "'" + $Text.Replace("'", "''") + "'"
}

# Runs a script in a new PowerShell process of the same program as this one and returns its exit code. Run as the
# .NET tool, this process is dotnet running pwsh.dll; the child then runs the same pwsh.dll.
function Invoke-ChildPowerShell([string] $Script) {
    $program = (Get-Process -Id $PID).Path
    $programArguments = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($program) -eq 'dotnet') {
        $programArguments = @(Join-Path $PSHOME 'pwsh.dll')
    }

    # -EncodedCommand: no quoting of paths or script text on any platform's command line.
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))
    & $program @programArguments -NoProfile -NonInteractive -ExecutionPolicy Bypass -OutputFormat Text -EncodedCommand $encoded | Out-Host
    $LASTEXITCODE
}

function Invoke-Demo {
    $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'PartnerCenter.Relationships.Demo.' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $folder
    $storePath = Join-Path $folder 'partner.db'
    try {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name $(ConvertTo-Literal $moduleManifest)

Write-Host 'A sample store with 25 customers:' -ForegroundColor Cyan
Initialize-PartnerStore -StorePath $(ConvertTo-Literal $storePath) -SampleData -CustomerCount 25 -Seed 1 -Confirm:`$false | Format-List
Connect-PartnerCenter -StorePath $(ConvertTo-Literal $storePath) | Out-Null

Write-Host "The Contoso customers' offboarding plans, by today's rules (nothing is changed):" -ForegroundColor Cyan
Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerOffboardingPlan | Format-Table
Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerOffboardingPlan | ForEach-Object Steps | Format-Table

Write-Host "> Offboard-Customer.ps1 -Name 'Contoso*' -RequestRelationship -Confirm:```$false -Verbose" -ForegroundColor Cyan
`$results = & $(ConvertTo-Literal $offboardExample) -Name 'Contoso*' -RequestRelationship -Confirm:`$false -Verbose
`$results | Format-Table

Write-Host 'The link to send to their global administrators to work with them again (one link serves every customer):' -ForegroundColor Cyan
Request-PartnerRelationship | Format-List

Write-Host 'Customers still listed:' (Get-PartnerCustomer).Count
Disconnect-PartnerCenter
"@
        $exitCode = Invoke-ChildPowerShell $script
        if ($exitCode -ne 0) {
            Write-Host "The demo failed (exit code $exitCode)." -ForegroundColor Red
            exit $exitCode
        }
    }
    finally {
        Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}

switch ($Task) {
    'Build' {
        Invoke-Dotnet build $solution -c $Configuration
    }
    'Test' {
        Invoke-Dotnet test $solution -c $Configuration
    }
    'Demo' {
        Invoke-Dotnet build $solution -c $Configuration
        Invoke-Demo
    }
    'Package' {
        Invoke-Dotnet build $solution -c $Configuration
        # Quoted: through a function's $args, a bare -t:Package reaches dotnet as two arguments, '-t:' and 'Package'.
        Invoke-Dotnet msbuild $packageProject '-t:Package' -nologo
    }
}

exit 0
