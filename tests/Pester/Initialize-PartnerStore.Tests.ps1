Describe 'Initialize-PartnerStore: a -StorePath that is no path' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
    }

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
