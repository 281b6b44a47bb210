# Pester 5 tests of the staged module as it ships: the manifest and what it exports (the cmdlets found by reflection,
# approved verbs, output types, -WhatIf on every changing cmdlet), the layout of out/PartnerCenter.Relationships,
# the private load context its dependencies are loaded into, Remove-Module and Import-Module again in one session,
# complete help for every cmdlet (from the module's help file, every parameter, examples that bind), and format views.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module, with its help, in out/), then:
# Invoke-Pester ./tests/Pester

BeforeDiscovery {
    # Discovery needs the cmdlet names to generate one test per cmdlet; the manifest is the list.
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    $cmdletNames = (Import-PowerShellDataFile -Path (Get-TestedModuleManifest)).CmdletsToExport
}

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    $manifestPath = Get-TestedModuleManifest
    $moduleFolder = Get-TestedModuleFolder
    $module = Import-TestedModule

    $expectedCmdlets = @(
        'Approve-PartnerRelationshipRequest'
        'Connect-PartnerCenter'
        'Disconnect-PartnerCenter'
        'Get-PartnerAdminRelationship'
        'Get-PartnerCustomer'
        'Get-PartnerOffboardingPlan'
        'Get-PartnerSubscription'
        'Initialize-PartnerStore'
        'New-PartnerAdminRelationship'
        'New-PartnerCustomer'
        'New-PartnerSubscription'
        'Remove-PartnerAdminRelationship'
        'Remove-PartnerResellerRelationship'
        'Request-PartnerRelationship'
        'Resume-PartnerSubscription'
        'Set-PartnerSubscription'
        'Stop-PartnerSubscription'
        'Suspend-PartnerSubscription'
    )
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop

        $info.Name | Should -Be 'PartnerCenter.Relationships'
        $info.RootModule | Should -Be 'PartnerCenter.Relationships.dll'
        $info.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'declares the 12 cmdlets by name, and empty lists of everything else' {
        $manifest = Import-PowerShellDataFile -Path $manifestPath

        @($manifest.CmdletsToExport | Sort-Object) | Should -BeExactly $expectedCmdlets
        $manifest.CmdletsToExport | Should -Not -BeLike '*[*]*'
        foreach ($key in 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $manifest.ContainsKey($key) | Should -BeTrue -Because "the manifest lists $key, even empty"
            , $manifest[$key] | Should -BeOfType [object[]]
            $manifest[$key].Count | Should -Be 0 -Because "$key is empty"
        }
        @($manifest.CompatiblePSEditions) | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'lists exactly the cmdlets the module has' {
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -BeExactly $expectedCmdlets
    }

    It 'exports every cmdlet class in the assembly and nothing else' {
        $assembly = (Get-Command -Name 'Get-PartnerCustomer' -Module PartnerCenter.Relationships).ImplementingType.Assembly
        $cmdletsInAssembly = $assembly.GetExportedTypes() |
            Where-Object { $_.IsSubclassOf([System.Management.Automation.Cmdlet]) -and -not $_.IsAbstract } |
            ForEach-Object {
                $attribute = [System.Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute])
                '{0}-{1}' -f $attribute.VerbName, $attribute.NounName
            }
        # Every public, non-abstract type with [Cmdlet], whatever it derives from.
        $attributed = $module.ImplementingAssembly.GetTypes() | ForEach-Object {
            $attribute = [System.Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute])
            if ($attribute -and $_.IsPublic -and -not $_.IsAbstract) { $attribute.VerbName + '-' + $attribute.NounName }
        }

        @($cmdletsInAssembly | Sort-Object) | Should -BeExactly $expectedCmdlets
        @($attributed | Sort-Object) | Should -BeExactly $expectedCmdlets
        @(Get-Command -Module PartnerCenter.Relationships | Sort-Object Name).Name | Should -BeExactly $expectedCmdlets
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        $verbs = @(Get-Command -Module PartnerCenter.Relationships | ForEach-Object Verb)

        $verbs | Should -HaveCount $expectedCmdlets.Count
        foreach ($verb in $verbs) {
            $approved | Should -Contain $verb
        }
    }

    It 'declares the output type of every cmdlet that writes output' {
        @(Get-Command -Module PartnerCenter.Relationships |
                Where-Object { $_.Name -ne 'Disconnect-PartnerCenter' -and $_.OutputType.Count -eq 0 } | ForEach-Object Name) | Should -BeNullOrEmpty
    }

    It 'supports -WhatIf on every cmdlet that changes something, and asks High about a removal' {
        @(Get-Command -Module PartnerCenter.Relationships |
                Where-Object { $_.Verb -in 'Suspend', 'Resume', 'Remove', 'New', 'Request', 'Approve', 'Initialize' -and -not $_.Parameters.ContainsKey('WhatIf') } |
                ForEach-Object Name) | Should -BeNullOrEmpty
        $attribute = (Get-Command Remove-PartnerResellerRelationship).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact.ToString() | Should -Be 'High'
    }
}

Describe 'The staged module folder' {
    It 'has the manifest, the cmdlet assembly and the format file at the root, and no other assembly there' {
        Test-Path -LiteralPath (Join-Path $moduleFolder 'PartnerCenter.Relationships.psd1') -PathType Leaf | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $moduleFolder 'PartnerCenter.Relationships.dll') -PathType Leaf | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $moduleFolder 'PartnerCenter.Relationships.format.ps1xml') -PathType Leaf | Should -BeTrue
        @(Get-ChildItem -LiteralPath $moduleFolder -Filter '*.dll' -File).Name | Should -Be @('PartnerCenter.Relationships.dll')
        @(Get-ChildItem -LiteralPath $moduleFolder -Filter 'System.Management.Automation.dll' -File -Recurse) | Should -BeNullOrEmpty
    }

    It 'has exactly these at the root, LICENSE included: the package is this folder as it stands' {
        @(Get-ChildItem -LiteralPath $moduleFolder -File | ForEach-Object Name | Sort-Object { $_ } -CaseSensitive) |
            Should -BeExactly @('LICENSE', 'PartnerCenter.Relationships.dll', 'PartnerCenter.Relationships.format.ps1xml', 'PartnerCenter.Relationships.psd1')
        @(Get-ChildItem -LiteralPath $moduleFolder -Directory | ForEach-Object Name | Sort-Object) | Should -BeExactly @('dependencies', 'en-US')
        Get-Content -LiteralPath (Join-Path $moduleFolder 'LICENSE') -Raw |
            Should -BeExactly (Get-Content -LiteralPath (Join-Path (Get-RepoRoot) 'LICENSE') -Raw)
    }

    It 'has the help file, which the HelpBuilder project writes when the solution is built' {
        Test-Path -LiteralPath (Join-Path $moduleFolder 'en-US/PartnerCenter.Relationships.dll-Help.xml') -PathType Leaf | Should -BeTrue
    }

    It 'has the core library, Microsoft.Data.Sqlite and SQLitePCLRaw under dependencies, with native SQLite for every runtime' {
        $expected = @(
            'PartnerCenter.Relationships.Core.dll', 'Microsoft.Data.Sqlite.dll', 'SQLitePCLRaw.core.dll', 'SQLitePCLRaw.provider.e_sqlite3.dll'
            'runtimes/win-x64/native/e_sqlite3.dll', 'runtimes/win-arm64/native/e_sqlite3.dll'
            'runtimes/linux-x64/native/libe_sqlite3.so', 'runtimes/linux-arm64/native/libe_sqlite3.so', 'runtimes/linux-musl-x64/native/libe_sqlite3.so'
            'runtimes/osx-x64/native/libe_sqlite3.dylib', 'runtimes/osx-arm64/native/libe_sqlite3.dylib'
        )
        foreach ($file in $expected) {
            Test-Path -LiteralPath (Join-Path $moduleFolder "dependencies/$file") -PathType Leaf | Should -BeTrue -Because "dependencies/$file is staged"
        }
    }
}

Describe 'The module''s dependencies, once loaded' {
    BeforeAll {
        # The core assembly loads with the first command.
        New-TestStore | Out-Null
        Get-PartnerCustomer | Out-Null
    }

    It 'are the staged module''s own files: the core library and Microsoft.Data.Sqlite come from dependencies/' {
        $locations = @([AppDomain]::CurrentDomain.GetAssemblies() |
                Where-Object { $_.GetName().Name -in 'PartnerCenter.Relationships.Core', 'Microsoft.Data.Sqlite' } | ForEach-Object Location)

        $locations | Should -HaveCount 2
        foreach ($location in $locations) {
            $location | Should -BeLike "$(Join-Path $moduleFolder 'dependencies')*"
        }
    }

    It 'live in the module''s private load context; only the cmdlet assembly and the load context are in the default one' {
        $contexts = @{}
        [AppDomain]::CurrentDomain.GetAssemblies() |
            Where-Object { $_.Location -and $_.Location.StartsWith($moduleFolder) } |
            ForEach-Object { $contexts[$_.GetName().Name] = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }

        $contexts['PartnerCenter.Relationships'] | Should -Be 'Default'
        $contexts['PartnerCenter.Relationships.LoadContext'] | Should -Be 'Default'
        foreach ($name in 'PartnerCenter.Relationships.Core', 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core', 'SQLitePCLRaw.provider.e_sqlite3', 'SQLitePCLRaw.batteries_v2') {
            $contexts.ContainsKey($name) | Should -BeTrue -Because "$name was loaded"
            $contexts[$name] | Should -Be 'PartnerCenter.Relationships'
        }

        if ($IsLinux) {
            # The native library the store uses is the module's own file.
            Get-Content -LiteralPath /proc/self/maps -Raw | Should -Match ([regex]::Escape((Join-Path $moduleFolder 'dependencies/runtimes/linux-x64/native/libe_sqlite3.so')))
        }
    }
}

Describe 'Help for <_>' -ForEach $cmdletNames {
    BeforeAll {
        $name = $_
        $help = Get-Help -Name $name -Full -ErrorAction Stop
        $command = Get-Command -Name $name -Module PartnerCenter.Relationships
    }

    It 'comes from the module''s help file' {
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without a help file Get-Help makes up a synopsis from the syntax: "Name [-Parameter] <Type> [<CommonParameters>]".
        $help.Synopsis.Trim() | Should -Not -BeLike "$name*"
        $help.Synopsis | Should -Not -BeLike '*`[<CommonParameters>`]*'
    }

    It 'has a description' {
        ($help.Description.Text -join '') | Should -Match '\S'
    }

    It 'has at least two examples, each with code' {
        $examples = @($help.Examples.Example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.Code | Should -Match '\S'
        }
    }

    It 'describes every parameter, with the right required flag, and no parameter the cmdlet does not have' {
        $documented = @{}
        # Help without parameters holds an empty text, not an empty list.
        foreach ($parameter in @($help.Parameters.Parameter | Where-Object { $null -ne $_ -and $_ -isnot [string] })) {
            $documented[$parameter.Name] = $parameter
        }

        # The common parameters are explained once for all cmdlets; -WhatIf and -Confirm are documented with each cmdlet that has them.
        foreach ($parameter in $command.Parameters.Values | Where-Object { -not [System.Management.Automation.Cmdlet]::CommonParameters.Contains($_.Name) }) {
            $documented.ContainsKey($parameter.Name) | Should -BeTrue -Because "Get-Help $name lists -$($parameter.Name)"
            @($documented[$parameter.Name].Description | Where-Object { $_.Text -match '\S' }) | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) is described"
            $required = [bool]@($parameter.ParameterSets.Values | Where-Object IsMandatory).Count
            $documented[$parameter.Name].Required | Should -Be ([string]$required).ToLowerInvariant() -Because "the cmdlet says -$($parameter.Name) is required: $required"
        }
        foreach ($documentedName in $documented.Keys) {
            $command.Parameters.ContainsKey($documentedName) | Should -BeTrue -Because "Get-Help $name lists -$documentedName"
        }
    }

    It 'has examples that parse, and bind (names, aliases, parameter sets) to the real parameters' {
        $ours = (Get-Command -Module PartnerCenter.Relationships).Name
        $problems = foreach ($example in @($help.Examples.Example)) {
            $title = "$($example.Title)".Trim('-', ' ')
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$example.Code, [ref]$tokens, [ref]$errors)
            $errors | ForEach-Object { "$title does not parse: $($_.Message)" }
            $calls = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
            $calls | Where-Object { $ours -contains $_.GetCommandName() } | ForEach-Object {
                $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($_, $true)
                foreach ($key in $binding.BindingExceptions.Keys) {
                    "$title, $($_.GetCommandName()) ${key}: $($binding.BindingExceptions[$key].BindingException.Message)"
                }
            }
        }

        $problems | Should -BeNullOrEmpty
    }
}

Describe 'Remove-Module, then Import-Module again, in one session' {
    AfterAll {
        # Whatever happened above, the rest of this file (and of the session) has the module.
        Import-TestedModule | Out-Null
    }

    It 'works again on the same store, and finds the same private load context each time' {
        $storePath = New-TestStore -CustomerCount 5
        $before = [string](Get-CustomerId 'Contoso')

        Remove-Module PartnerCenter.Relationships
        Get-Module PartnerCenter.Relationships | Should -BeNullOrEmpty
        Get-Command Get-PartnerCustomer -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Import-TestedModule | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
        [string](Get-CustomerId 'Contoso') | Should -Be $before
        $suspended = @(Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -PassThru -Confirm:$false | ForEach-Object Status)
        $suspended | Should -Not -BeNullOrEmpty
        $suspended | ForEach-Object { [string]$_ | Should -Be 'Suspended' }

        # A third import after another removal still finds the same private load context.
        Remove-Module PartnerCenter.Relationships
        Import-TestedModule | Out-Null
        @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'PartnerCenter.Relationships') | Should -HaveCount 1
    }

    It 'forgets this session''s connection' {
        $storePath = New-TestStore -Empty

        # Control: while connected, disconnecting says what it disconnected from.
        $messages = @(Disconnect-PartnerCenter -Verbose 4>&1 | ForEach-Object Message)
        $messages | Should -HaveCount 1
        $messages[0] | Should -BeLike "*$storePath*"

        Connect-PartnerCenter -StorePath $storePath | Out-Null
        Remove-Module PartnerCenter.Relationships
        Import-TestedModule | Out-Null
        @(Disconnect-PartnerCenter -Verbose 4>&1 | ForEach-Object Message) | Should -BeNullOrEmpty
    }
}

Describe 'Format views' {
    It 'has a <Control> view for <TypeName>' -ForEach @(
        @{ TypeName = 'PartnerCenter.Relationships.Core.Models.Customer'; Control = 'TableControl' }
        @{ TypeName = 'PartnerCenter.Relationships.Core.Models.Subscription'; Control = 'TableControl' }
        @{ TypeName = 'PartnerCenter.Relationships.Core.Models.RelationshipRemovalResult'; Control = 'TableControl' }
        @{ TypeName = 'PartnerCenter.Relationships.Core.Models.RelationshipRequest'; Control = 'ListControl' }
        @{ TypeName = 'PartnerCenter.Relationships.Core.Models.PartnerStoreInfo'; Control = 'ListControl' }
        @{ TypeName = 'PartnerCenter.Relationships.PartnerConnectionInfo'; Control = 'ListControl' }
        @{ TypeName = 'PartnerCenter.Relationships.Core.Models.ResellerInvitation'; Control = 'ListControl' }
    ) {
        $formatData = Get-FormatData -TypeName $TypeName

        $formatData | Should -Not -BeNullOrEmpty
        @($formatData.FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }) | Should -Contain $Control
    }

    It 'shows a subscription as a table with its status' {
        $formatData = Get-FormatData -TypeName 'PartnerCenter.Relationships.Core.Models.Subscription'
        $table = $formatData.FormatViewDefinition[0].Control

        $table.Headers.Label | Should -Contain 'Status'
        $table.Headers.Label | Should -Contain 'OfferName'
    }
}
