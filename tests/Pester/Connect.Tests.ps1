# Pester 5 tests of Connect-PartnerCenter's Partner Center sign-in, for what needs no server: tokens are read (and
# refused) at connect time, the environment picks the service, app-only connections are refused what Partner Center
# lets only a user do, before any request is made, and no token ever shows. The flows that talk to a token endpoint
# or to Partner Center run against the emulator in tests/PartnerCenter.Relationships.Tests (RemoteConnectTests,
# RemoteBackendTests).
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/PartnerCenter.Relationships/PartnerCenter.Relationships.psd1" -Force -ErrorAction Stop

    # An unsigned JWT with the claims the module reads; Partner Center would check the signature, the module does not.
    function New-TestToken {
        param([switch] $AppOnly, [datetime] $Expires = (Get-Date).AddHours(1))
        $encode = { param($text) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        $claims = [ordered]@{
            aud = 'https://api.partnercenter.microsoft.com'
            tid = '3b33e682-00c3-41ee-9dd2-a548adf56438'
            exp = [DateTimeOffset]::new($Expires.ToUniversalTime()).ToUnixTimeSeconds()
        }
        if ($AppOnly) { $claims.roles = @('Partner.Read'); $claims.idtyp = 'app'; $claims.appid = '5d1a4fd9-6a1f-4a52-a2a0-6d6c2f2f6c01' }
        else { $claims.scp = 'user_impersonation'; $claims.upn = 'admin@partner.onmicrosoft.com' }
        $text = (& $encode '{"alg":"none","typ":"JWT"}') + '.' + (& $encode ($claims | ConvertTo-Json -Compress)) + '.'
        [pscustomobject]@{ Text = $text; Secure = ConvertTo-SecureString $text -AsPlainText -Force }
    }
}

AfterAll {
    Disconnect-PartnerCenter
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
        $warned | Should -HaveCount 1
        Remove-PartnerResellerRelationship -CustomerId (New-Guid) -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UserSignInRequired,*'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        Request-PartnerRelationship -CustomerId (New-Guid) -Confirm:$false -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'UserSignInRequired,*'
    }
}
