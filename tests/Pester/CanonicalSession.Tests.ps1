# The canonical session of the README, end to end against a local store, by today's Partner Center rules: find both
# Contoso customers, look at their offboarding plans, suspend the legacy subscriptions (with a warning for the
# new-commerce ones, which keep billing), remove with -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions
# -TerminateAdminRelationships (Contoso goes, its new-commerce subscriptions cancelled inside their window, its DAP off
# and its GDAP relationships terminated; Contoso Pharmaceuticals is refused with
# its earliest removal date and nothing changes), then request the relationship again and have the customer accept
# it (listed again, no delegated admin). The same session runs in a fresh process beside another SQLite in
# LoadContextIsolationTests (tests/PartnerCenter.Relationships.Tests).
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester
# Sample data: seed 1 with 25 customers has 'Contoso' (a legacy subscription to suspend, two new-commerce ones inside
# their window) and 'Contoso Pharmaceuticals' (a new-commerce subscription and its add-on past their window).

BeforeAll {
    Import-Module "$PSScriptRoot/PartnerCenter.Relationships.TestHelpers.psm1" -Force
    Import-TestedModule | Out-Null
}

AfterAll {
    # Back to the default store, so nothing after these tests works on the TestDrive store.
    Disconnect-PartnerCenter
}

Describe 'Offboarding Contoso and taking it back' {
    BeforeAll {
        $storePath = "$TestDrive/partner.db"
        Initialize-PartnerStore -StorePath $storePath -SampleData -CustomerCount 25 -Seed 1 -Confirm:$false | Out-Null
        $connection = Connect-PartnerCenter -StorePath $storePath

        $contoso = @(Get-PartnerCustomer -Name 'Contoso*')
        $plans = @($contoso | Get-PartnerOffboardingPlan)
        $pharma = $contoso[1]
        $pharmaBefore = @(Get-PartnerSubscription -CustomerId $pharma.CustomerId)
    }

    It 'works on the store in TestDrive, not the default store' {
        $connection.IsDefaultStore | Should -BeFalse
        $connection.StorePath | Should -Be ([System.IO.Path]::GetFullPath($storePath))
        (Get-PartnerCustomer).Count | Should -Be 25
    }

    It 'finds both Contoso customers with a wildcard' {
        $contoso.Name | Should -Be @('Contoso', 'Contoso Pharmaceuticals')
        $contoso.RelationshipToPartner | Should -Be @('Reseller', 'Reseller')
    }

    It 'plans before anything changes: Contoso can go today, Contoso Pharmaceuticals not before its commitment end' {
        $plans.CanRemoveNow | Should -Be @($true, $false)
        $plans[1].EarliestRemovalDate | Should -BeGreaterThan ([datetime]::UtcNow)
    }

    Context 'Suspending the active subscriptions, then removing by the plan' {
        BeforeAll {
            $warnings = $null
            $suspended = @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Where-Object CommerceType -EQ 'Legacy' |
                    Suspend-PartnerSubscription -Confirm:$false -PassThru)
            Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Where-Object CommerceType -EQ 'NewCommerce' |
                Suspend-PartnerSubscription -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
            $results = @(Get-PartnerCustomer -Name 'Contoso*' |
                    Remove-PartnerResellerRelationship -SuspendActiveSubscriptions -CancelNewCommerceSubscriptions -TerminateAdminRelationships -Confirm:$false -PassThru -ErrorVariable refused -ErrorAction SilentlyContinue)
        }

        It 'suspends the legacy subscriptions, and warns that a suspended new-commerce one keeps billing' {
            $suspended.OfferName | Should -Be @('Office 365 E3', 'Microsoft 365 Business Premium')
            $suspended.Status | Should -Be @('Suspended', 'Suspended')
            $warnings | Should -HaveCount 1
            $warnings[0].Message | Should -BeLike '*keeps billing it while suspended*'
        }

        It 'removes Contoso, cancelling its new-commerce subscriptions inside their window' {
            $results | Should -HaveCount 1
            $results[0].GetType().FullName | Should -Be 'PartnerCenter.Relationships.Core.Models.RelationshipRemovalResult'
            $results[0].Name | Should -Be 'Contoso'
            $results[0].CancelledSubscriptions.OfferName | Sort-Object | Should -Be @('Microsoft 365 E3', 'Power BI Pro')
            $results[0].SuspendedSubscriptions.Count | Should -Be 0 -Because 'the legacy one was suspended beforehand'
            @(Get-PartnerSubscription -CustomerId $contoso[0].CustomerId -ErrorAction SilentlyContinue) | Should -HaveCount 0 -Because 'the customer is no longer listed'
        }

        It 'reports each effect of the removal as verified by reading the customer back' {
            $result = $results[0]
            $result.RelationshipToPartner | Should -Be 'None'
            $result.RemovedFromCustomerList | Should -BeTrue
            $result.RemovedAsSupportContact | Should -BeTrue
            $result.PurchasingEnded | Should -BeTrue
            $result.DelegatedAdminRevoked | Should -BeTrue -Because 'legacy DAP was turned off and every GDAP relationship terminated, and both were read back'
            $result.EndedAdminRelationships | Should -HaveCount 2
            @(Get-PartnerAdminRelationship -CustomerId $contoso[0].CustomerId | Where-Object GrantsAccess) | Should -HaveCount 0
            $result.Effects.Outcome | Should -Be @('Verified', 'Verified', 'Verified', 'Verified')
            $result.Actions | Should -Contain "Removed the customer from the partner's customer list (verified)"
        }

        It 'refuses Contoso Pharmaceuticals with its earliest removal date, and changes nothing of it' {
            $refused | Should -HaveCount 1
            Assert-PartnerError $refused[0] -ErrorId 'ActiveSubscriptionsBlockRemoval' -Category 'InvalidOperation'
            $refused[0].Exception.Message | Should -BeLike "*earliest removal date is $($plans[1].EarliestRemovalDate.ToString('yyyy-MM-dd'))*"
            $refused[0].Exception.Plan.CustomerId | Should -Be $pharma.CustomerId
            $after = @(Get-PartnerSubscription -CustomerId $pharma.CustomerId)
            ($after | ForEach-Object { "$($_.SubscriptionId):$($_.Status)" }) | Should -Be ($pharmaBefore | ForEach-Object {
                    if ($_.OfferName -eq 'Microsoft 365 Business Premium') { "$($_.SubscriptionId):Suspended" } else { "$($_.SubscriptionId):$($_.Status)" } })
            (Get-PartnerCustomer -Name 'Contoso Pharmaceuticals').RelationshipToPartner | Should -Be 'Reseller'
        }

        It 'refuses a purchase on the removed customer''s behalf with PurchaseNotAllowed' {
            { New-PartnerSubscription -CustomerId $contoso[0].CustomerId -OfferName 'Microsoft 365 E3' -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'PurchaseNotAllowed,*'
        }

        Context 'Requesting the relationship again' {
            BeforeAll {
                $request = Request-PartnerRelationship -CustomerId $contoso[0].CustomerId -Confirm:$false
            }

            It 'returns an invitation link of the partner for the customer''s global admin' {
                $request.GetType().FullName | Should -Be 'PartnerCenter.Relationships.Core.Models.RelationshipRequest'
                $request.Url | Should -Match '^https://admin\.microsoft\.com/Adminportal/Home\?invType=ResellerRelationship&partnerId='
                $request.Url | Should -BeLike "*partnerId=$($connection.PartnerTenantId)&*"
                $request.CustomerId | Should -Be $contoso[0].CustomerId
                $request.InvitationText | Should -BeLike "*$($request.Url)*"
                $request.Status | Should -Be 'Pending'
            }

            It 'returns the same pending request when asked again' {
                (Request-PartnerRelationship -CustomerId $contoso[0].CustomerId -Confirm:$false).RequestId | Should -Be $request.RequestId
            }

            Context 'Once the customer accepts' {
                BeforeAll {
                    $back = Approve-PartnerRelationshipRequest -RequestId $request.RequestId -Confirm:$false -PassThru
                }

                It 'lists the customer again as a reseller customer, without delegated admin' {
                    $back.RelationshipToPartner | Should -Be 'Reseller'
                    $listed = @(Get-PartnerCustomer -Name 'Contoso')
                    $listed | Should -HaveCount 1
                    $listed.CanPurchase | Should -BeTrue
                    $listed.AllowDelegatedAccess | Should -BeFalse
                }

                It 'keeps the cancelled subscriptions cancelled, leaves the legacy one suspended, and allows purchasing again' {
                    (Get-PartnerSubscription -CustomerId $contoso[0].CustomerId | Sort-Object OfferName | ForEach-Object Status) |
                        Should -Be @('Deleted', 'Suspended', 'Deleted')
                    (Get-PartnerSubscription -CustomerId $contoso[0].CustomerId -Status Suspended | Resume-PartnerSubscription -Confirm:$false -PassThru).Status |
                        Should -Be 'Active'
                    (New-PartnerSubscription -CustomerId $contoso[0].CustomerId -OfferName 'Teams Essentials' -Confirm:$false).Status | Should -Be 'Active'
                }

                It 'does not accept the same request twice' {
                    { Approve-PartnerRelationshipRequest -RequestId $request.RequestId -Confirm:$false -ErrorAction Stop } |
                        Should -Throw -ErrorId 'RelationshipRequestNotPending,*'
                }
            }
        }
    }
}
