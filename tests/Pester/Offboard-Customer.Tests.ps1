# examples/Offboard-Customer.ps1, run as a partner admin runs it against a local store: offboarding by name by the
# plan (each step listed first in verbose messages; what can go today goes, the rest is named with its date), -WhatIf,
# -RequestRelationship (the invitation that takes the customer back), by id with an unknown id among them, from the
# pipeline (each customer once), a wildcard that matches nobody, -StorePath (an existing store, and one that does not
# exist), and its help. That it calls only commands a bare hosted engine has is checked in the engine tests
# (ExampleScriptTests).
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester
# Sample data: seed 1 with 25 customers has 'Contoso' (removable today: a legacy subscription to suspend, two
# new-commerce ones to cancel) and 'Contoso Pharmaceuticals' (not before the commitment end of its new-commerce ones).

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
    $offboardScript = Get-OffboardScriptPath

    # Subscription ids of the active subscriptions of the customers matching $Name, by customer id (as a string).
    function Get-ActiveSubscriptionIds([string] $Name) {
        $byCustomer = @{}
        foreach ($customer in Get-PartnerCustomer -Name $Name) {
            $byCustomer[[string]$customer.CustomerId] = @(Get-PartnerSubscription -CustomerId $customer.CustomerId -Active | ForEach-Object SubscriptionId | Sort-Object)
        }

        $byCustomer
    }
}

AfterAll {
    # Back to the default store, so nothing after these tests works on a TestDrive store.
    Disconnect-PartnerCenter
}

Describe 'Offboard-Customer.ps1' {
    BeforeEach {
        $storePath = New-TestStore
    }

    It 'offboards Contoso by its plan, and says what is left of Contoso Pharmaceuticals and until when, changing nothing of it' {
        $contoso = @(Get-PartnerCustomer -Name 'Contoso*')
        $plans = @($contoso | Get-PartnerOffboardingPlan)
        $pharmaBefore = Get-ActiveSubscriptionIds 'Contoso Pharmaceuticals'

        $run = Invoke-Captured { & $offboardScript -Name 'Contoso*' -Confirm:$false -Verbose }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -HaveCount 1
        $result = $run.Output[0]
        $result.GetType().FullName | Should -Be 'PartnerCenter.Relationships.Core.Models.RelationshipRemovalResult'
        $result.Name | Should -Be 'Contoso'
        $result.RelationshipToPartner | Should -Be 'None'
        $result.RemovedFromCustomerList | Should -BeTrue
        $result.RequestId | Should -BeNullOrEmpty
        $result.SuspendedSubscriptions.OfferName | Should -Be 'Office 365 E3'
        $result.CancelledSubscriptions.OfferName | Sort-Object | Should -Be @('Microsoft 365 E3', 'Power BI Pro')
        $result.DelegatedAdminRevoked | Should -BeTrue -Because 'the script ends legacy DAP and every GDAP relationship'
        $result.EndedAdminRelationships.Status | Should -Be @('Terminated', 'Terminated')

        # Each step of each plan was listed (verbose) before anything was changed.
        foreach ($step in $plans.Steps) {
            @($run.Verbose | Where-Object { $_.Contains("$($step.Action) $($step.OfferName) ($($step.SubscriptionId))") }) | Should -Not -BeNullOrEmpty
        }

        $run.Warnings | Should -HaveCount 1
        $run.Warnings[0] | Should -BeLike "Contoso Pharmaceuticals (*) cannot be removed today, not before $($plans[1].EarliestRemovalDate.ToString('yyyy-MM-dd')). Left: *WaitForExpiry Microsoft 365 E5 by *Nothing of it was changed."
        (Get-PartnerCustomer -Name 'Contoso*').Name | Should -Be 'Contoso Pharmaceuticals'
        @((Get-ActiveSubscriptionIds 'Contoso Pharmaceuticals').Values | ForEach-Object { $_ }) | Should -Be @($pharmaBefore.Values | ForEach-Object { $_ })
        @(Get-PartnerCustomer).Count | Should -Be 24
    }

    It 'changes nothing with -WhatIf' {
        $customersBefore = @(Get-PartnerCustomer).Count
        $activeBefore = Get-ActiveSubscriptionIds 'Contoso*'

        $run = Invoke-Captured { & $offboardScript -Name 'Contoso*' -WhatIf }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        @(Get-PartnerCustomer -Name 'Contoso*').Count | Should -Be 2
        @(Get-PartnerCustomer).Count | Should -Be $customersBefore
        $activeAfter = Get-ActiveSubscriptionIds 'Contoso*'
        @($activeAfter.Keys | Sort-Object) | Should -Be @($activeBefore.Keys | Sort-Object)
        foreach ($customerId in $activeBefore.Keys) {
            $activeAfter[$customerId] | Should -Be $activeBefore[$customerId]
        }
    }

    It 'with -RequestRelationship adds the invitation link that takes the customer back' {
        $contosoId = Get-CustomerId 'Contoso'

        $run = Invoke-Captured { & $offboardScript -Name 'Contoso' -RequestRelationship -Confirm:$false }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -HaveCount 1
        $result = $run.Output[0]
        $result.CustomerId | Should -Be $contosoId
        $result.InvitationUrl | Should -Match '^https://admin\.microsoft\.com/Adminportal/Home\?invType=ResellerRelationship&partnerId='
        $result.RequestId | Should -Not -BeNullOrEmpty
        @(Get-PartnerCustomer -Name 'Contoso*' | Where-Object Name -EQ 'Contoso') | Should -BeNullOrEmpty

        $back = Approve-PartnerRelationshipRequest -RequestId $result.RequestId -Confirm:$false -PassThru

        $back.RelationshipToPartner | Should -Be 'Reseller'
        $back.AllowDelegatedAccess | Should -BeFalse
        @(Get-PartnerCustomer -Name 'Contoso') | Should -HaveCount 1
        @(Get-PartnerSubscription -CustomerId $contosoId -Active).Count | Should -Be 0
    }

    It 'takes customers from the pipeline and offboards each once' {
        # Collected first, so Contoso comes twice: once for each name.
        $customers = @(Get-PartnerCustomer -Name 'Contoso', 'Contoso*')
        $customers | Should -HaveCount 3

        $results = @($customers | & $offboardScript -Confirm:$false -WarningAction SilentlyContinue)

        $results.Name | Should -Be @('Contoso')
        (Get-PartnerCustomer -Name 'Contoso*').Name | Should -Be 'Contoso Pharmaceuticals' -Because 'it cannot be removed today'
    }

    It 'reports an unknown id and still offboards the others' {
        $fabrikamId = Get-CustomerId 'Fabrikam'

        $run = Invoke-Captured { & $offboardScript -CustomerId ([guid]::NewGuid()), $fabrikamId -Confirm:$false }

        $run.Errors | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CustomerRelationshipNotFound,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Output | Should -HaveCount 1
        $run.Output[0].CustomerId | Should -Be $fabrikamId
        @(Get-PartnerCustomer -Name 'Fabrikam*') | Should -BeNullOrEmpty
    }

    It 'warns when a wildcard matches nobody, and changes nothing' {
        $run = Invoke-Captured { & $offboardScript -Name 'Nobody*' -Confirm:$false }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        $run.Warnings | Should -HaveCount 1
        $run.Warnings[0] | Should -BeLike "*'Nobody*'*"
        @(Get-PartnerCustomer).Count | Should -Be 25
    }

    It 'with -StorePath connects to that store first, and leaves the other store as it was' {
        $otherStore = Join-Path $TestDrive 'other.db'
        Initialize-PartnerStore -StorePath $otherStore -SampleData -CustomerCount 3 -Seed 7 | Out-Null

        $results = @(& $offboardScript -StorePath $otherStore -Name 'Contoso*' -Confirm:$false -WarningAction SilentlyContinue)

        $results.Name | Should -Be 'Contoso'
        @(Get-PartnerCustomer) | Should -HaveCount 2 -Because 'the session now uses the other store'
        Connect-PartnerCenter -StorePath $storePath | Out-Null
        @(Get-PartnerCustomer -Name 'Contoso*') | Should -HaveCount 2 -Because 'the first store is untouched'
    }

    It 'stops on a -StorePath that does not exist, without creating it' {
        $missing = Join-Path $TestDrive 'missing.db'

        { & $offboardScript -StorePath $missing -Name 'Contoso*' -Confirm:$false } | Should -Throw -ErrorId 'StoreNotFound*'

        Test-Path -LiteralPath $missing | Should -BeFalse
        @(Get-PartnerCustomer -Name 'Contoso*').Count | Should -Be 2
    }

    It 'has help with a synopsis, examples and its parameters' {
        $help = Get-Help -Name $offboardScript -Full

        $help.Synopsis.Trim() | Should -BeLike 'Offboards customers*'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $parameters = @($help.Parameters.Parameter | ForEach-Object Name)
        foreach ($name in 'Name', 'CustomerId', 'StorePath', 'RequestRelationship') {
            $parameters | Should -Contain $name
        }
    }
}

Describe 'Offboard-Customer.ps1 in a session that cannot ask' {
    BeforeAll {
        $repoRoot = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")
        $storePath = "$TestDrive/runbook.db"
        # The child pwsh finds the module by name, as a runbook does where the module is installed.
        $env:PSModulePath = "$repoRoot/out" + [System.IO.Path]::PathSeparator + $env:PSModulePath
        Import-Module PartnerCenter.Relationships -Force -ErrorAction Stop
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Confirm:$false | Out-Null
        Connect-PartnerCenter -StorePath $storePath | Out-Null
        $pwshCommand = Get-PwshCommand
        $pwsh = $pwshCommand.Program
        $pwshArguments = $pwshCommand.Arguments
    }

    AfterAll {
        Disconnect-PartnerCenter
    }

    It 'refuses without -Confirm:$false, changes nothing and exits non-zero' {
        $before = (Get-FileHash -LiteralPath $storePath).Hash

        $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -File "$repoRoot/examples/Offboard-Customer.ps1" -Name 'Contoso*' -StorePath $storePath 2>&1
        $exitCode = $LASTEXITCODE

        $exitCode | Should -Not -Be 0
        ($output | Out-String) | Should -BeLike '*needs your confirmation, but this session cannot ask for it*Nothing was changed*-Confirm:$false*'
        (Get-FileHash -LiteralPath $storePath).Hash | Should -Be $before
        @(Get-PartnerCustomer -Name 'Contoso*') | Should -HaveCount 2
        @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active) | Should -HaveCount 5
    }

    It 'stops a calling script too, with the ErrorId ConfirmationNotPossible' {
        $script = "Import-Module PartnerCenter.Relationships; try { & '$repoRoot/examples/Offboard-Customer.ps1' -Name 'Contoso*' -StorePath '$storePath' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; exit 3 }"

        $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -Command $script 2>&1

        $LASTEXITCODE | Should -Be 3
        "$output" | Should -BeLike 'ConfirmationNotPossible,*'
        @(Get-PartnerCustomer -Name 'Contoso*') | Should -HaveCount 2
    }

    It 'offboards with -Confirm:$false in the same non-interactive session, and exits 0' {
        $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -File "$repoRoot/examples/Offboard-Customer.ps1" -Name 'Contoso*' -StorePath $storePath -Confirm:$false 2>&1

        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        (Get-PartnerCustomer -Name 'Contoso*').Name | Should -Be 'Contoso Pharmaceuticals' -Because 'it cannot be removed today'
        ($output | Out-String) | Should -BeLike '*Contoso Pharmaceuticals*cannot be removed today*'
    }
}
