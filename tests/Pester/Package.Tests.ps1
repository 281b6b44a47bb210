# Pester 5 tests of the package users install by name. The Package target (src/PartnerCenter.Relationships.Package/)
# packs the staged module into this file's TestDrive; then a fresh pwsh with a home of its own, and so its own module
# path and its own PSResourceGet repository list, registers that folder as a repository, installs the module with
# Install-PSResource, imports it by name and runs the canonical session.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester
# Nothing here reaches the PowerShell Gallery: the fresh pwsh empties its repository list before registering the
# local folder, and the Package target publishes to a temporary folder repository.

BeforeAll {
    # The helpers only: this process never imports the module, the child pwsh imports the installed one.
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    $repoRoot = Get-RepoRoot
    $stagedModule = [System.IO.Path]::Combine($repoRoot, 'out', 'PartnerCenter.Relationships')
    $packageProject = [System.IO.Path]::Combine($repoRoot, 'src', 'PartnerCenter.Relationships.Package', 'PartnerCenter.Relationships.Package.proj')
    $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $stagedModule 'PartnerCenter.Relationships.psd1')
    $version = $manifest.ModuleVersion
    $packageName = "PartnerCenter.Relationships.$version.nupkg"

    # Every file of a folder, relative to it, with forward slashes, sorted.
    function Get-RelativeFile([string] $Folder) {
        @(Get-ChildItem -LiteralPath $Folder -Recurse -File |
            ForEach-Object { [System.IO.Path]::GetRelativePath($Folder, $_.FullName).Replace('\', '/') } |
            Sort-Object -CaseSensitive)
    }

    # The user's own PSResourceGet repository list, and the NuGet settings file that the NuGet code in
    # Publish-PSResource writes when there is none; read as files (Get-PSResourceRepository would create the list).
    $userFiles = @(
        [System.IO.Path]::Combine([Environment]::GetFolderPath('LocalApplicationData'), 'PSResourceGet', 'PSResourceRepository.xml')
        [System.IO.Path]::Combine([Environment]::GetFolderPath('ApplicationData'), 'NuGet', 'NuGet.Config')
    )
    function Get-UserFileState {
        foreach ($file in $userFiles) {
            if (Test-Path -LiteralPath $file) { "$file`n" + (Get-Content -LiteralPath $file -Raw) } else { "$file (none)" }
        }
    }
    $userFilesBefore = Get-UserFileState
    $stagedFiles = Get-RelativeFile $stagedModule

    # The Package target, as ./build.ps1 -Task Package runs it, into the TestDrive.
    $packageFolder = Join-Path $TestDrive 'package'
    $packOutput = & dotnet msbuild $packageProject -t:Package "-p:ModulePackageDir=$packageFolder" -nologo -nodeReuse:false -verbosity:minimal 2>&1 | Out-String
    $packExitCode = $LASTEXITCODE
    $package = Join-Path $packageFolder $packageName
}

Describe 'The Package target' {
    It 'writes PartnerCenter.Relationships.<version>.nupkg, and nothing else, into the folder it is given' {
        $packExitCode | Should -Be 0 -Because $packOutput
        @(Get-ChildItem -LiteralPath $packageFolder -Force).Name | Should -Be @($packageName)
    }

    Context 'the package' {
        BeforeAll {
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
            try {
                $entries = @($zip.Entries | ForEach-Object FullName)
                $reader = [System.IO.StreamReader]::new($zip.GetEntry('PartnerCenter.Relationships.nuspec').Open())
                try { [xml] $nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
            }
            finally {
                $zip.Dispose()
            }

            $metadata = $nuspec.package.metadata
        }

        It 'holds exactly the staged module: manifest, assembly, format file, LICENSE, help and dependencies/' {
            # Besides the module, a .nupkg has its nuspec and the packaging parts of the zip.
            $moduleEntries = @($entries |
                Where-Object { $_ -notin 'PartnerCenter.Relationships.nuspec', '[Content_Types].xml' -and -not $_.StartsWith('_rels/') -and -not $_.StartsWith('package/') } |
                Sort-Object -CaseSensitive)

            $moduleEntries | Should -Be $stagedFiles
            $moduleEntries | Should -Contain 'LICENSE'
            $moduleEntries | Should -Contain 'dependencies/PartnerCenter.Relationships.Core.dll'
            $moduleEntries | Should -Contain 'dependencies/runtimes/linux-x64/native/libe_sqlite3.so'
            $moduleEntries | Should -Contain 'en-US/PartnerCenter.Relationships.dll-Help.xml'
            $moduleEntries | Where-Object { $_ -like '*System.Management.Automation.dll' } | Should -BeNullOrEmpty
        }

        It 'describes it from the manifest, release notes included, and names no project or licence URL' {
            $metadata.id | Should -BeExactly 'PartnerCenter.Relationships'
            $metadata.version | Should -Be $version
            $metadata.authors | Should -Be $manifest.Author
            $metadata.description | Should -Be $manifest.Description
            $metadata.copyright | Should -Be $manifest.Copyright
            $metadata.releaseNotes | Should -Be ($manifest.PrivateData.PSData.ReleaseNotes -replace "`r`n", "`n").Trim()
            $metadata.releaseNotes | Should -BeLike "$version*"
            $metadata.tags -split ' ' | Should -Contain 'PSModule'
            $metadata.tags -split ' ' | Should -Contain 'PartnerCenter'
            $metadata.projectUrl | Should -BeNullOrEmpty
            $metadata.licenseUrl | Should -BeNullOrEmpty
        }
    }
}

# PSResourceGet installs for the current user under $HOME on Linux and macOS, which a child process can be given;
# on Windows it installs under the Documents folder, which it cannot.
Describe 'Install-PSResource PartnerCenter.Relationships, in a fresh pwsh' -Skip:$IsWindows {
    BeforeAll {
        $childHome = Join-Path $TestDrive 'home'
        $installRoot = [System.IO.Path]::Combine($childHome, '.local', 'share', 'powershell', 'Modules')
        $null = New-Item -ItemType Directory -Path $installRoot
        $resultFile = Join-Path $TestDrive 'install.json'

        $literal = { param([string] $Text) "'" + $Text.Replace("'", "''") + "'" }
        $script = @"
`$ErrorActionPreference = 'Stop'
`$packageFolder = $(& $literal $packageFolder)
`$storePath = $(& $literal (Join-Path $TestDrive 'partner.db'))
`$result = [ordered]@{}

# A repository list of its own (under the new home), holding only the local folder.
Get-PSResourceRepository | Unregister-PSResourceRepository
Register-PSResourceRepository -Name 'PartnerCenterLocal' -Uri `$packageFolder -Trusted
`$result.RepositoryListFolder = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet'
`$result.Repositories = @(Get-PSResourceRepository | ForEach-Object { '{0} {1}' -f `$_.Name, `$_.Uri.LocalPath })

`$found = Find-PSResource -Name 'PartnerCenter.Relationships' -Repository 'PartnerCenterLocal'
`$result.FoundVersion = [string] `$found.Version
`$result.FoundReleaseNotes = `$found.ReleaseNotes

Install-PSResource -Name 'PartnerCenter.Relationships' -Repository 'PartnerCenterLocal' -TrustRepository -Scope CurrentUser
`$result.InstalledLocation = (Get-InstalledPSResource -Name 'PartnerCenter.Relationships').InstalledLocation
`$result.PSModulePath = `$env:PSModulePath

Import-Module -Name 'PartnerCenter.Relationships'
`$module = Get-Module -Name 'PartnerCenter.Relationships'
`$result.ModuleBase = `$module.ModuleBase
`$result.ModuleVersion = [string] `$module.Version
`$result.InstalledFiles = @(Get-ChildItem -LiteralPath `$module.ModuleBase -Recurse -File | ForEach-Object { [System.IO.Path]::GetRelativePath(`$module.ModuleBase, `$_.FullName) })

# The canonical session.
Initialize-PartnerStore -StorePath `$storePath -SampleData -CustomerCount 25 -Seed 1 -Confirm:`$false | Out-Null
Connect-PartnerCenter -StorePath `$storePath | Out-Null
`$contoso = @(Get-PartnerCustomer -Name 'Contoso*')
`$result.Contoso = @(`$contoso.Name)
`$result.ActiveBefore = @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active).Count
Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:`$false
`$result.ActiveAfter = @(`$contoso | Get-PartnerSubscription -Active).Count
`$result.Removals = @(Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -CancelNewCommerceSubscriptions -Confirm:`$false -PassThru -ErrorAction SilentlyContinue |
    ForEach-Object { [ordered]@{ Name = `$_.Name; RelationshipToPartner = [string] `$_.RelationshipToPartner } })
`$result.ContosoLeft = @(Get-PartnerCustomer -Name 'Contoso*').Count
`$request = Request-PartnerRelationship -CustomerId `$contoso[0].CustomerId -Confirm:`$false
`$result.Request = [ordered]@{ CustomerId = [string] `$request.CustomerId; Status = [string] `$request.Status; Url = [string] `$request.Url }
`$result.ExpectedCustomerId = [string] `$contoso[0].CustomerId
`$result.LoadedFrom = @([AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { `$_.GetName().Name -in 'PartnerCenter.Relationships', 'PartnerCenter.Relationships.Core', 'Microsoft.Data.Sqlite' } |
    ForEach-Object { [ordered]@{ Name = `$_.GetName().Name; Location = `$_.Location } })
Disconnect-PartnerCenter

`$result | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $(& $literal $resultFile) -Encoding utf8
"@

        # The same program as this pwsh (dotnet running pwsh.dll, for the .NET tool), with a home of its own: the
        # module path, PSResourceGet's repository list and its CurrentUser install folder all follow HOME.
        $pwshCommand = Get-PwshCommand
        $start = [System.Diagnostics.ProcessStartInfo]::new($pwshCommand.Program)
        foreach ($argument in @($pwshCommand.Arguments) + @('-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script)))) {
            $start.ArgumentList.Add($argument)
        }
        $start.UseShellExecute = $false
        $start.WorkingDirectory = $TestDrive
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.Environment['HOME'] = $childHome
        foreach ($variable in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') {
            $null = $start.Environment.Remove($variable)
        }
        $start.Environment['PSModulePath'] = $installRoot + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        $start.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
        $start.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
        $start.Environment['NO_COLOR'] = '1'

        $process = [System.Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(300000)) {
            $process.Kill($true)
            $process.WaitForExit()
        }

        $childExitCode = $process.ExitCode
        $childOutput = $stdout.Result + $stderr.Result
        $result = if (Test-Path -LiteralPath $resultFile) { Get-Content -LiteralPath $resultFile -Raw | ConvertFrom-Json }
        $moduleFolder = [System.IO.Path]::Combine($installRoot, 'PartnerCenter.Relationships', $version)
    }

    It 'runs to the end' {
        $childExitCode | Should -Be 0 -Because $childOutput
        $result | Should -Not -BeNullOrEmpty -Because $childOutput
    }

    It 'has a repository list of its own, with only the local folder in it' {
        # Under the new home: ~/.local/share/PSResourceGet on Linux.
        $result.RepositoryListFolder | Should -BeLike "$childHome$([System.IO.Path]::DirectorySeparatorChar)*"
        @($result.Repositories) | Should -Be @("PartnerCenterLocal $packageFolder")
    }

    It 'finds the package in the local folder, with its release notes' {
        $result.FoundVersion | Should -Be $version
        ($result.FoundReleaseNotes -replace "`r`n", "`n").Trim() | Should -Be ($manifest.PrivateData.PSData.ReleaseNotes -replace "`r`n", "`n").Trim()
    }

    It 'installs into its own module path, not the machine''s' {
        $result.InstalledLocation | Should -Be $installRoot
        $result.PSModulePath -split [System.IO.Path]::PathSeparator | Should -Contain $installRoot
        Test-Path -LiteralPath (Join-Path $moduleFolder 'PartnerCenter.Relationships.psd1') | Should -BeTrue
    }

    It 'installs every file of the staged module, LICENSE included' {
        # Install-PSResource adds its own record of the installation.
        $installed = @($result.InstalledFiles | ForEach-Object { $_.Replace('\', '/') } | Where-Object { $_ -ne 'PSGetModuleInfo.xml' } | Sort-Object -CaseSensitive)
        $installed | Should -Be $stagedFiles
        Get-Content -LiteralPath (Join-Path $moduleFolder 'LICENSE') -Raw | Should -BeExactly (Get-Content -LiteralPath (Join-Path $repoRoot 'LICENSE') -Raw)
    }

    It 'imports the module by name from where it installed it, with its core and SQLite from there too' {
        $result.ModuleBase | Should -Be $moduleFolder
        $result.ModuleVersion | Should -Be $version
        $result.ModuleBase | Should -Not -BeLike "$repoRoot*"
        @($result.LoadedFrom.Name | Sort-Object) | Should -Be @('Microsoft.Data.Sqlite', 'PartnerCenter.Relationships', 'PartnerCenter.Relationships.Core')
        foreach ($assembly in $result.LoadedFrom) {
            $assembly.Location | Should -BeLike "$moduleFolder$([System.IO.Path]::DirectorySeparatorChar)*" -Because $assembly.Name
        }
    }

    It 'runs the canonical session: suspend, remove both Contoso customers, request a new relationship' {
        @($result.Contoso) | Should -Be @('Contoso', 'Contoso Pharmaceuticals')
        $result.ActiveBefore | Should -BeGreaterThan 0
        $result.ActiveAfter | Should -Be 0
        # By today's rules: Contoso's new-commerce subscriptions are cancelled inside their window; Contoso
        # Pharmaceuticals' are past it, so it stays until their commitment end.
        $result.Removals | Should -HaveCount 1
        $result.Removals.Name | Should -Be @('Contoso')
        $result.Removals.RelationshipToPartner | Should -Be @('None')
        $result.ContosoLeft | Should -Be 1
        $result.Request.CustomerId | Should -Be $result.ExpectedCustomerId
        $result.Request.Status | Should -Be 'Pending'
        $result.Request.Url | Should -BeLike 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=*'
    }
}

Describe 'This machine' {
    It 'keeps the user''s PSResourceGet repository list and NuGet settings as they were' {
        Get-UserFileState | Should -BeExactly $userFilesBefore
    }
}
