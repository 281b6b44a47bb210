<#
.SYNOPSIS
    Packs a staged module folder into a PowerShell Gallery-ready .nupkg with PSResourceGet.

.DESCRIPTION
    Registers an empty temporary folder as a local PSResourceGet repository (under a unique name), publishes the module
    folder to it with Publish-PSResource, unregisters the repository again (also when publishing fails) and moves the
    package it made, <name>.<version>.nupkg, into OutputPath, replacing a file of that name there.

    Publish-PSResource checks the manifest with Test-ModuleManifest, requires Author, Description and a version, packs
    every file of the folder as it is, and writes the nuspec from the manifest: id, version, authors, owners
    (CompanyName), description, copyright, tags, releaseNotes, and projectUrl or licenseUrl only when the manifest
    has a ProjectUri or LicenseUri.

    The Package target of PartnerCenter.Relationships.Package.proj runs this script in the pinned pwsh.

.PARAMETER ModulePath
    The module folder, named after the module, with <name>.psd1 in it.

.PARAMETER OutputPath
    The folder the .nupkg goes to; made when missing.

.EXAMPLE
    ./Publish-ModulePackage.ps1 -ModulePath ../../out/PartnerCenter.Relationships -OutputPath ../../out/package
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [Parameter(Mandatory)]
    [string] $OutputPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$name = Split-Path -Path $ModulePath -Leaf
if (-not (Test-Path -LiteralPath (Join-Path $ModulePath "$name.psd1") -PathType Leaf)) {
    throw "$ModulePath has no $name.psd1."
}

$null = New-Item -ItemType Directory -Path $OutputPath -Force
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath

$repositoryName = "$name.Package.$([guid]::NewGuid().ToString('N').Substring(0, 8))"
$workFolder = Join-Path ([System.IO.Path]::GetTempPath()) $repositoryName
$repositoryFolder = Join-Path $workFolder 'repository'
$null = New-Item -ItemType Directory -Path $repositoryFolder
# The NuGet code inside Publish-PSResource writes a default NuGet.Config when it finds none, to a relative path
# (NuGet/NuGet.Config in the process's current directory) when the user's config folder does not exist: let that be
# the work folder, which goes away, and not wherever this was started from.
$startDirectory = [Environment]::CurrentDirectory
[Environment]::CurrentDirectory = $workFolder
try {
    Register-PSResourceRepository -Name $repositoryName -Uri $repositoryFolder -Trusted
    try {
        Publish-PSResource -Path $ModulePath -Repository $repositoryName
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName
    }

    # The repository was empty, so the one package in it is the one just published.
    $package = @(Get-ChildItem -LiteralPath $repositoryFolder -Filter '*.nupkg')
    if ($package.Count -ne 1) {
        throw "Publish-PSResource left $($package.Count) packages in $repositoryFolder; expected one."
    }

    $destination = Join-Path $OutputPath $package[0].Name
    Move-Item -LiteralPath $package[0].FullName -Destination $destination -Force
    Write-Host "Packed $name in $destination"
}
finally {
    [Environment]::CurrentDirectory = $startDirectory
    Remove-Item -LiteralPath $workFolder -Recurse -Force -ErrorAction SilentlyContinue
}
