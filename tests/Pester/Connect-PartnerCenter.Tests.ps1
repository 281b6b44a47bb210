Describe 'Connect-PartnerCenter: stores and tokens that cannot be used' {
    BeforeAll {
        Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop
        $goodStore = "$TestDrive/good.db"
        Initialize-PartnerStore -StorePath $goodStore -SampleData -CustomerCount 5 -Seed 1 -Confirm:$false | Out-Null

        # A copy of a good store with one table or column taken away, as a hand edit or a half-copied file leaves it.
        function New-DamagedStore([string] $Name, [string] $Sql) {
            $path = "$TestDrive/$Name.db"
            Copy-Item -LiteralPath $goodStore -Destination $path
            $assemblies = [AppDomain]::CurrentDomain.GetAssemblies()
            # Connect once so the module's SQLite (its private load context) is loaded, then edit through it.
            $connectionType = $assemblies | ForEach-Object { $_.GetType('Microsoft.Data.Sqlite.SqliteConnection') } | Where-Object { $_ } | Select-Object -First 1
            $connection = [Activator]::CreateInstance($connectionType, @("Data Source=$path;Pooling=False"))
            try {
                $connection.Open()
                $command = $connection.CreateCommand()
                $command.CommandText = "PRAGMA foreign_keys = OFF; $Sql"
                $null = $command.ExecuteNonQuery()
            }
            finally {
                $connection.Dispose()
            }
            $path
        }

        function Get-StoreHash([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash }

        # An unsigned JWT with the given claims; the module reads the claims, Partner Center would check the signature.
        function New-Jwt([hashtable] $Claims) {
            $encode = { param($text) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
            $text = (& $encode '{"alg":"none","typ":"JWT"}') + '.' + (& $encode ($Claims | ConvertTo-Json -Compress)) + '.'
            ConvertTo-SecureString $text -AsPlainText -Force
        }
    }

    BeforeEach {
        Connect-PartnerCenter -StorePath $goodStore | Out-Null
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'refuses a path with a NUL character with InvalidStorePath and keeps the connection it had' {
        $path = "$TestDrive/a`0b.db"

        { Connect-PartnerCenter -StorePath $path -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidStorePath,PartnerCenter.Relationships.Commands.ConnectPartnerCenterCommand'

        $Error[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $Error[0].TargetObject | Should -Be $path
        @(Get-PartnerCustomer).Count | Should -Be 5
    }

    It 'finds a store missing <What> damaged when connecting: StoreCorrupt, not a failure on first use' -ForEach @(
        @{ What = 'a table'; Name = 'no-requests'; Sql = 'DROP TABLE relationship_request'; Named = 'relationship_request' }
        @{ What = 'a column'; Name = 'no-purchase'; Sql = 'ALTER TABLE customer DROP COLUMN can_purchase'; Named = 'can_purchase' }
    ) {
        $path = New-DamagedStore -Name $Name -Sql $Sql
        $before = Get-StoreHash $path

        { Connect-PartnerCenter -StorePath $path -ErrorAction Stop } | Should -Throw -ErrorId 'StoreCorrupt,PartnerCenter.Relationships.Commands.ConnectPartnerCenterCommand'

        $Error[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $Error[0].TargetObject | Should -Be $path
        $Error[0].Exception.Message | Should -BeLike "*$Named*"
        $Error[0].Exception.Message | Should -Not -BeLike '*lock*'
        Get-StoreHash $path | Should -Be $before
        @(Get-PartnerCustomer).Count | Should -Be 5
    }

    It 'refuses a store on a read-only file system with StoreReadOnly' -Skip:(-not $IsLinux -or (id -u) -ne '0') {
        $mountPoint = "$TestDrive/readonly"
        $null = New-Item -ItemType Directory -Path $mountPoint
        mount -t tmpfs -o size=4m tmpfs $mountPoint
        $LASTEXITCODE | Should -Be 0 -Because 'the test mounts a read-only file system of its own'
        try {
            Copy-Item -LiteralPath $goodStore -Destination "$mountPoint/partner.db"
            mount -o remount,ro $mountPoint
            $LASTEXITCODE | Should -Be 0

            { Connect-PartnerCenter -StorePath "$mountPoint/partner.db" -ErrorAction Stop } | Should -Throw -ErrorId 'StoreReadOnly,PartnerCenter.Relationships.Commands.ConnectPartnerCenterCommand'

            $Error[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $Error[0].Exception.Message | Should -BeLike '*read-only*'
            @(Get-PartnerCustomer).Count | Should -Be 5
        }
        finally {
            umount $mountPoint
        }
    }

    It 'refuses an access token whose exp claim is <Case> with AccessTokenUnreadable' -ForEach @(
        @{ Case = 'missing'; Claims = @{ aud = 'https://api.partnercenter.microsoft.com'; scp = 'user_impersonation'; upn = 'admin@partner.onmicrosoft.com' } }
        @{ Case = 'text'; Claims = @{ aud = 'https://api.partnercenter.microsoft.com'; scp = 'user_impersonation'; exp = 'tomorrow' } }
        @{ Case = 'an object'; Claims = @{ aud = 'https://api.partnercenter.microsoft.com'; scp = 'user_impersonation'; exp = @{ at = 1 } } }
    ) {
        { Connect-PartnerCenter -AccessToken (New-Jwt $Claims) -ErrorAction Stop } | Should -Throw -ErrorId 'AccessTokenUnreadable,PartnerCenter.Relationships.Commands.ConnectPartnerCenterCommand'

        $Error[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $Error[0].Exception.Message | Should -BeLike "*'exp' claim*"
        (Get-PartnerCustomer | Select-Object -First 1).GetType().Name | Should -Be 'Customer' -Because 'the store connection stays'
    }
}
