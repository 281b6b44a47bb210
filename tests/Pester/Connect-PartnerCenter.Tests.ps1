# Connect-PartnerCenter: the local store it connects to (a path, relative to the current location; the default
# store, created on first use and readable by the owner only; $env:PARTNERCENTER_STORE), the store errors
# (StoreNotFound, StoreCorrupt) that leave the session where it was, and the Partner Center sign-in for what needs no
# server: tokens are read (and refused) at connect time, the environment picks the service, app-only connections are
# refused what Partner Center lets only a user do, before any request is made, and no token ever shows. The flows
# that talk to a token endpoint or to Partner Center run against the emulator in tests/PartnerCenter.Relationships.Tests
# (RemoteConnectTests, RemoteBackendTests).
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null

    # An unsigned JWT with the claims the module reads; Partner Center would check the signature, the module does not.
    # -Claims gives the claims exactly, for tokens that are wrong on purpose.
    function New-TestToken {
        param([switch] $AppOnly, [datetime] $Expires = (Get-Date).AddHours(1), [System.Collections.IDictionary] $Claims)
        $encode = { param($text) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        if (-not $Claims) {
            $Claims = [ordered]@{
                aud = 'https://api.partnercenter.microsoft.com'
                tid = '3b33e682-00c3-41ee-9dd2-a548adf56438'
                exp = [DateTimeOffset]::new($Expires.ToUniversalTime()).ToUnixTimeSeconds()
            }
            if ($AppOnly) { $Claims.roles = @('Partner.Read'); $Claims.idtyp = 'app'; $Claims.appid = '5d1a4fd9-6a1f-4a52-a2a0-6d6c2f2f6c01' }
            else { $Claims.scp = 'user_impersonation'; $Claims.upn = 'admin@partner.onmicrosoft.com' }
        }
        $text = (& $encode '{"alg":"none","typ":"JWT"}') + '.' + (& $encode ($Claims | ConvertTo-Json -Compress)) + '.'
        [pscustomobject]@{ Text = $text; Secure = ConvertTo-SecureString $text -AsPlainText -Force }
    }
}

AfterAll {
    Disconnect-PartnerCenter
}

Describe 'Connect-PartnerCenter to a local store' {
    It 'resolves a relative -StorePath against the current PowerShell location' {
        Push-Location -LiteralPath $TestDrive
        try {
            Initialize-PartnerStore -StorePath 'relative.db' | Out-Null
            $connection = Connect-PartnerCenter -StorePath 'relative.db'
        }
        finally {
            Pop-Location
        }

        $connection.StorePath | Should -Be (Join-Path $TestDrive 'relative.db')
        $connection.IsDefaultStore | Should -BeFalse
    }

    Context 'a store that cannot be used' {
        BeforeAll {
            $storePath = New-TestStore
            $corrupt = Join-Path $TestDrive 'corrupt.db'
            [System.IO.File]::WriteAllText($corrupt, [string]::new([char] 'x', 4096))
        }

        It 'StoreNotFound (ObjectNotFound) for a path that does not exist, which it does not create' {
            $typo = Join-Path $TestDrive 'partnr.db'

            $run = Invoke-Captured { Connect-PartnerCenter -StorePath $typo }

            $run.Output | Should -BeNullOrEmpty
            $run.Errors | Should -HaveCount 1
            Assert-PartnerError $run.Errors[0] -ErrorId 'StoreNotFound' -Category 'ObjectNotFound'
            $run.Errors[0].Exception.ErrorId | Should -Be 'StoreNotFound'
            $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Initialize-PartnerStore*'
            Test-Path -LiteralPath $typo | Should -BeFalse
        }

        It 'StoreCorrupt (InvalidData), naming the path, for a file that is not a store' {
            $run = Invoke-Captured { Connect-PartnerCenter -StorePath $corrupt }

            $run.Errors | Should -HaveCount 1
            Assert-PartnerError $run.Errors[0] -ErrorId 'StoreCorrupt' -Category 'InvalidData'
            $run.Errors[0].Exception.Message | Should -BeLike "*$corrupt*"
        }

        It 'stops a script on either error, without -ErrorAction, and leaves the session on the store it used before' {
            { Connect-PartnerCenter -StorePath (Join-Path $TestDrive 'mistyped.db') } | Should -Throw -ErrorId 'StoreNotFound,*'
            { Connect-PartnerCenter -StorePath $corrupt } | Should -Throw -ErrorId 'StoreCorrupt,*'

            @(Get-PartnerCustomer -Name 'Contoso') | Should -HaveCount 1
            (Disconnect-PartnerCenter -Verbose 4>&1).Message | Should -BeLike "*$storePath*"
        }
    }

    Context 'without -StorePath: the default store' {
        BeforeEach {
            $saved = @{ XdgDataHome = $env:XDG_DATA_HOME; PartnerCenterStore = $env:PARTNERCENTER_STORE }
            $dataHome = Join-Path $TestDrive "home-$([guid]::NewGuid().ToString('N'))"
            $env:XDG_DATA_HOME = $dataHome
            $env:PARTNERCENTER_STORE = $null
        }

        AfterEach {
            Disconnect-PartnerCenter
            $env:XDG_DATA_HOME = $saved.XdgDataHome
            $env:PARTNERCENTER_STORE = $saved.PartnerCenterStore
        }

        It 'connects to partner.db in the per-user data folder, created on first use, readable by the owner only' {
            New-TestStore -Empty | Out-Null
            New-PartnerCustomer -Name 'In Chosen Store' -Domain 'chosen.onmicrosoft.com' | Out-Null
            Disconnect-PartnerCenter

            $connection = Connect-PartnerCenter
            $expected = Join-Path $dataHome 'PartnerCenter.Relationships/partner.db'

            $connection.StorePath | Should -Be $expected
            $connection.IsDefaultStore | Should -BeTrue
            Test-Path -LiteralPath $expected | Should -BeTrue
            if (-not $IsWindows) {
                (Get-Item -LiteralPath $expected).UnixFileMode | Should -Be ([System.IO.UnixFileMode] 'UserRead, UserWrite')
            }
            Get-PartnerCustomer | Should -BeNullOrEmpty
        }
    }
}

Describe 'Connect-PartnerCenter to Partner Center' {
    AfterEach {
        Disconnect-PartnerCenter
    }

    It 'reads an App+User token and reports who signed in, never the token' {
        $token = New-TestToken

        $connection = Connect-PartnerCenter -AccessToken $token.Secure -Verbose 4>&1 | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        $connection.Backend | Should -Be 'PartnerCenter'
        $connection.SignIn | Should -Be 'AccessToken'
        $connection.Account | Should -Be 'admin@partner.onmicrosoft.com'
        $connection.Location | Should -Be 'https://api.partnercenter.microsoft.com'
        $connection.ExpiresOn | Should -BeGreaterThan (Get-Date)
        ($connection | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($token.Text.Split('.')[1]))
    }

    It 'shows the throttling budget on the connection: 10 minutes, or -MaxThrottleWait; a budget of zero is InvalidArgument' {
        (Connect-PartnerCenter -AccessToken (New-TestToken).Secure).MaxThrottleWait | Should -Be ([timespan]::FromMinutes(10))
        (Connect-PartnerCenter -AccessToken (New-TestToken).Secure -MaxThrottleWait 00:00:30).MaxThrottleWait | Should -Be ([timespan]::FromSeconds(30))

        $refused = { Connect-PartnerCenter -AccessToken (New-TestToken).Secure -MaxThrottleWait 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidArgument,PartnerCenter.Relationships.Commands.ConnectPartnerCenterCommand' -PassThru
        $refused.Exception.Message | Should -BeLike "*'00:00:00' of -MaxThrottleWait*longer than zero*"
        $refused.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'uses the 21Vianet service with -Environment China' {
        $connection = Connect-PartnerCenter -Environment China -AccessToken (New-TestToken).Secure

        $connection.Environment | Should -Be 'China'
        $connection.Location | Should -Be 'https://partner.partnercenterapi.microsoftonline.cn'
    }

    It 'refuses an expired token with AccessTokenExpired' {
        { Connect-PartnerCenter -AccessToken (New-TestToken -Expires (Get-Date).AddMinutes(-5)).Secure -ErrorAction Stop } |
            Should -Throw -ErrorId 'AccessTokenExpired,PartnerCenter.Relationships.Commands.ConnectPartnerCenterCommand'
    }

    It 'refuses text that is not a token with AccessTokenUnreadable, and keeps the previous connection' {
        $store = "$TestDrive/partner.db"
        Initialize-PartnerStore -StorePath $store | Out-Null
        Connect-PartnerCenter -StorePath $store | Out-Null
        $secret = ConvertTo-SecureString 'not-a-token' -AsPlainText -Force

        { Connect-PartnerCenter -AccessToken $secret -ErrorAction Stop } |
            Should -Throw -ErrorId 'AccessTokenUnreadable,PartnerCenter.Relationships.Commands.ConnectPartnerCenterCommand'
        (Disconnect-PartnerCenter -Verbose 4>&1).Message | Should -BeLike "*$store*"
    }

    It 'warns that an app-only token cannot remove or request, and refuses both before any request' {
        # The endpoint is a closed local port: if the module sent anything, the error would be a connection failure.
        $connection = Connect-PartnerCenter -AccessToken (New-TestToken -AppOnly).Secure -Endpoint 'http://127.0.0.1:9' -WarningVariable warned -WarningAction SilentlyContinue

        $connection.Account | Should -Be '5d1a4fd9-6a1f-4a52-a2a0-6d6c2f2f6c01'
        @($warned | Where-Object { $_ -like '*application alone*' }) | Should -HaveCount 1
        Remove-PartnerResellerRelationship -CustomerId (New-Guid) -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UserSignInRequired,*'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        Request-PartnerRelationship -CustomerId (New-Guid) -Confirm:$false -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'UserSignInRequired,*'
    }
}

Describe 'Connect-PartnerCenter: Microsoft Graph for GDAP' {
    AfterEach {
        Disconnect-PartnerCenter
    }

    It 'without -GraphAccessToken connects, says GDAP will not work and why, and a GDAP cmdlet fails with GraphNotConnected' {
        $connection = Connect-PartnerCenter -AccessToken (New-TestToken).Secure -Endpoint 'http://127.0.0.1:9' -WarningVariable warned -WarningAction SilentlyContinue
        $connection.GraphConnected | Should -BeFalse
        @($warned | Where-Object { $_ -like 'No Microsoft Graph token: it was connected with -AccessToken and no -GraphAccessToken*' }) | Should -HaveCount 1
        $run = Invoke-Captured { Get-PartnerAdminRelationship }
        $run.Errors | Should -HaveCount 1
        Assert-PartnerError $run.Errors[0] -ErrorId 'GraphNotConnected' -Category 'AuthenticationError'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-GraphAccessToken*'
    }

    It 'refuses a Partner Center token given as -GraphAccessToken, before any request' {
        $token = (New-TestToken).Secure
        $run = Invoke-Captured { Connect-PartnerCenter -AccessToken $token -GraphAccessToken $token -Endpoint 'http://127.0.0.1:9' }
        Assert-PartnerError $run.Errors[0] -ErrorId 'InvalidArgument' -Category 'InvalidArgument'
        $run.Errors[0].Exception.Message | Should -BeLike '*GraphAccessToken*Partner Center token*'
    }
}

Describe 'Connect-PartnerCenter: stores and tokens that cannot be used' {
    BeforeAll {
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
        { Connect-PartnerCenter -AccessToken (New-TestToken -Claims $Claims).Secure -ErrorAction Stop } | Should -Throw -ErrorId 'AccessTokenUnreadable,PartnerCenter.Relationships.Commands.ConnectPartnerCenterCommand'

        $Error[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $Error[0].Exception.Message | Should -BeLike "*'exp' claim*"
        (Get-PartnerCustomer | Select-Object -First 1).GetType().Name | Should -Be 'Customer' -Because 'the store connection stays'
    }
}
