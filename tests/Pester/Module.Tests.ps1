# Pester 5 tests of the staged module as it ships: manifest, exported commands, help and format views.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module, with its help, in out/), then:
# Invoke-Pester ./tests/Pester

BeforeDiscovery {
    # Discovery needs the cmdlet names to generate one test per cmdlet; the manifest is the list.
    $cmdletNames = (Import-PowerShellDataFile -Path "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1").CmdletsToExport
}

BeforeAll {
    $manifestPath = "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1"
    $module = Import-Module $manifestPath -Force -PassThru -ErrorAction Stop

    $expectedCmdlets = @(
        'Approve-PartnerRelationshipRequest'
        'Connect-PartnerCenter'
        'Disconnect-PartnerCenter'
        'Get-PartnerCustomer'
        'Get-PartnerSubscription'
        'Initialize-PartnerStore'
        'New-PartnerCustomer'
        'New-PartnerSubscription'
        'Remove-PartnerResellerRelationship'
        'Request-PartnerRelationship'
        'Resume-PartnerSubscription'
        'Suspend-PartnerSubscription'
    )
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop

        $info.Name | Should -Be 'PartnerCenter.Relationships'
        $info.RootModule | Should -Be 'PartnerCenter.Relationships.dll'
        $info.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
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

        @($cmdletsInAssembly | Sort-Object) | Should -BeExactly $expectedCmdlets
        @(Get-Command -Module PartnerCenter.Relationships | Sort-Object Name).Name | Should -BeExactly $expectedCmdlets
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($name in $expectedCmdlets) {
            $approved | Should -Contain ($name -split '-')[0]
        }
    }
}

Describe 'Help for <_>' -ForEach $cmdletNames {
    BeforeAll {
        $name = $_
        $help = Get-Help -Name $name -Full -ErrorAction Stop
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without a help file Get-Help makes up a synopsis from the syntax, which starts with the cmdlet name.
        $help.Synopsis.Trim() | Should -Not -BeLike "$name *"
    }

    It 'has a description' {
        ($help.Description.Text -join '') | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code' {
        $examples = @($help.Examples.Example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.Code | Should -Not -BeNullOrEmpty
        }
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
