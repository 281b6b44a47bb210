# Disconnect-PartnerCenter: it forgets the store chosen with Connect-PartnerCenter -StorePath, so that the commands
# that follow use the default store again, looked up by every command: $env:PARTNERCENTER_STORE when set, else
# partner.db in the per-user data folder (here $env:XDG_DATA_HOME, pointed at $TestDrive).
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Disconnect-PartnerCenter' {
    BeforeEach {
        $saved = @{ XdgDataHome = $env:XDG_DATA_HOME; PartnerCenterStore = $env:PARTNERCENTER_STORE }
        $dataHome = Join-Path $TestDrive "home-$([guid]::NewGuid().ToString('N'))"
        $env:XDG_DATA_HOME = $dataHome
        $env:PARTNERCENTER_STORE = $null

        $chosen = New-TestStore -Empty
        New-PartnerCustomer -Name 'In Chosen Store' -Domain 'chosen.onmicrosoft.com' | Out-Null
    }

    AfterEach {
        Disconnect-PartnerCenter
        $env:XDG_DATA_HOME = $saved.XdgDataHome
        $env:PARTNERCENTER_STORE = $saved.PartnerCenterStore
    }

    It 'says in a verbose message which store it leaves' {
        (Disconnect-PartnerCenter -Verbose 4>&1).Message | Should -BeLike "*$chosen*"
    }

    It 'returns the session to the per-user default store, created on first use' {
        Disconnect-PartnerCenter

        Get-PartnerCustomer | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $dataHome 'PartnerCenter.Relationships/partner.db') | Should -BeTrue
    }

    It 'returns the session to $env:PARTNERCENTER_STORE when it is set, read again by every command' {
        Disconnect-PartnerCenter
        $fromEnvironment = Join-Path $TestDrive 'from-env.db'

        $env:PARTNERCENTER_STORE = $fromEnvironment
        Initialize-PartnerStore -SampleData -CustomerCount 3 | Out-Null

        @(Get-PartnerCustomer) | Should -HaveCount 3
        Test-Path -LiteralPath $fromEnvironment | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $dataHome 'PartnerCenter.Relationships/partner.db') | Should -BeFalse
    }
}
