# Initialize-PartnerStore: its errors (StoreFolderNotFound naming the path, StoreAlreadyInitialized), and -WhatIf,
# which neither creates a new store file nor changes an existing one by a byte.
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Initialize-PartnerStore' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It 'StoreFolderNotFound (ObjectNotFound), naming the path, for a folder that does not exist' {
        $missingFolder = Join-Path $TestDrive 'no/such/partner.db'

        $run = Invoke-Captured { Initialize-PartnerStore -StorePath $missingFolder -Confirm:$false }

        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'StoreFolderNotFound' -Category 'ObjectNotFound'
        $run.Errors[0].Exception.ErrorId | Should -Be 'StoreFolderNotFound'
        $run.Errors[0].Exception.Message | Should -BeLike "*$missingFolder*"
        { Initialize-PartnerStore -StorePath $missingFolder -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'StoreFolderNotFound,*'
    }

    It 'StoreAlreadyInitialized (ResourceExists) for sample data over a store that has data, without -Force' {
        $run = Invoke-Captured { Initialize-PartnerStore -StorePath $storePath -SampleData -Confirm:$false }

        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'StoreAlreadyInitialized' -Category 'ResourceExists'
        $run.Errors[0].Exception.ErrorId | Should -Be 'StoreAlreadyInitialized'
        { Initialize-PartnerStore -StorePath $storePath -SampleData -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'StoreAlreadyInitialized,*'
    }

    It '-WhatIf does not even create the store file' {
        $newStore = Join-Path $TestDrive 'never.db'

        Initialize-PartnerStore -StorePath $newStore -SampleData -WhatIf

        Test-Path -LiteralPath $newStore | Should -BeFalse
    }

    It '-WhatIf leaves the store byte-identical, even with -Force' {
        $before = Get-StoreHash $storePath

        $run = Invoke-Captured { Initialize-PartnerStore -SampleData -CustomerCount 3 -Force -WhatIf }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-StoreHash $storePath | Should -Be $before
        Get-StoreWalLength $storePath | Should -Be 0 -Because 'nothing was left in the write-ahead log'
        @(Get-PartnerCustomer) | Should -HaveCount 25
    }
}

Describe 'Initialize-PartnerStore: a -StorePath that is no path' {
    It 'is InvalidStorePath (InvalidArgument) for a path with a NUL character, and creates nothing' {
        $path = "$TestDrive/a`0b.db"

        { Initialize-PartnerStore -StorePath $path -SampleData -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidStorePath,PartnerCenter.Relationships.Commands.InitializePartnerStoreCommand'

        $err = $Error[0]
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $path
        $err.Exception.Message | Should -BeLike '*NUL character*'
        @(Get-ChildItem -LiteralPath $TestDrive) | Should -BeNullOrEmpty
    }
}
