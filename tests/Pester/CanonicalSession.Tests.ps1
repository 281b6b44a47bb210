# The canonical session of the README, end to end against a local store: find both Contoso customers, suspend their
# active subscriptions, remove the reseller relationship (what the removal result says, what it ends), request the
# relationship again (the invitation link) and have the customer accept it (listed again, no delegated admin, the
# subscriptions still suspended until resumed). The same session runs in a fresh process beside another SQLite in
# LoadContextIsolationTests (tests/PartnerCenter.Relationships.Tests).
#
# Build first (dotnet build PartnerCmdlets.sln stages the module in out/), then: Invoke-Pester ./tests/Pester
# Sample data: seed 1 with 25 customers has 'Contoso' (2 active subscriptions and 1 deleted) and 'Contoso Pharmaceuticals'.

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
        $activeBefore = @($contoso | Get-PartnerSubscription -Active)
        $suspendedBefore = @(Get-PartnerSubscription -CustomerId $contoso[0].CustomerId -Status Suspended)
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

    It 'finds two active subscriptions for Contoso' {
        @(Get-PartnerSubscription -CustomerId $contoso[0].CustomerId -Active) | Should -HaveCount 2
        @($activeBefore | Where-Object CustomerId -EQ $contoso[0].CustomerId) | Should -HaveCount 2
    }

    Context 'Suspending the active subscriptions, then removing the relationship' {
        BeforeAll {
            $suspended = @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -Confirm:$false -PassThru)
            $activeAfterSuspending = @(Get-PartnerCustomer -Name 'Contoso*' | Get-PartnerSubscription -Active)
            $results = @(Get-PartnerCustomer -Name 'Contoso*' | Remove-PartnerResellerRelationship -Confirm:$false -PassThru)
        }

        It 'suspends every active subscription' {
            $suspended | Should -HaveCount $activeBefore.Count
            @($suspended.SubscriptionId | Sort-Object) | Should -Be @($activeBefore.SubscriptionId | Sort-Object)
            $suspended.Status | Should -Be (@('Suspended') * $activeBefore.Count)
            $activeAfterSuspending.Count | Should -Be 0
        }

        It 'returns one removal result per customer' {
            $results | Should -HaveCount 2
            $results[0].GetType().FullName | Should -Be 'PartnerCenter.Relationships.Core.Models.RelationshipRemovalResult'
            $results.Name | Should -Be @('Contoso', 'Contoso Pharmaceuticals')
            $results.CustomerId | Should -Be $contoso.CustomerId
        }

        It 'ends the relationship and everything that comes with it' {
            foreach ($result in $results) {
                $result.RelationshipToPartner | Should -Be 'None'
                $result.RemovedFromCustomerList | Should -BeTrue
                $result.RemovedAsSupportContact | Should -BeTrue
                $result.PurchasingEnded | Should -BeTrue
                $result.Actions | Should -Contain "Removed the customer from the partner's customer list"
            }
        }

        It 'revokes delegated admin where the customer had granted it' {
            $results.DelegatedAdminRevoked | Should -Be $contoso.AllowDelegatedAccess
        }

        It 'suspends nothing itself when the subscriptions were suspended beforehand' {
            $results | ForEach-Object { $_.SuspendedSubscriptions.Count | Should -Be 0 }
        }

        It 'no longer lists the customers' {
            @(Get-PartnerCustomer -Name 'Contoso*').Count | Should -Be 0
            (Get-PartnerCustomer).Count | Should -Be 23
        }

        It 'refuses a purchase on the customer''s behalf with PurchaseNotAllowed' {
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
            }

            It 'is pending' {
                $request.Status | Should -Be 'Pending'
            }

            It 'returns the same pending request when asked again' {
                (Request-PartnerRelationship -CustomerId $contoso[0].CustomerId -Confirm:$false).RequestId | Should -Be $request.RequestId
            }

            It 'does not list the customer until the request is accepted' {
                @(Get-PartnerCustomer -Name 'Contoso*').Count | Should -Be 0
            }

            Context 'Once the customer accepts' {
                BeforeAll {
                    $back = Approve-PartnerRelationshipRequest -RequestId $request.RequestId -Confirm:$false -PassThru
                }

                It 'lists the customer again as a reseller customer' {
                    $back.RelationshipToPartner | Should -Be 'Reseller'
                    $listed = @(Get-PartnerCustomer -Name 'Contoso')
                    $listed | Should -HaveCount 1
                    $listed.CustomerId | Should -Be $contoso[0].CustomerId
                    $listed.CanPurchase | Should -BeTrue
                    $listed.IsSupportContact | Should -BeTrue
                }

                It 'does not restore delegated admin' {
                    $contoso[0].AllowDelegatedAccess | Should -BeTrue -Because 'Contoso had delegated admin before the removal in the seed-1 sample data'
                    $back.AllowDelegatedAccess | Should -BeFalse
                    (Get-PartnerCustomer -Name 'Contoso').AllowDelegatedAccess | Should -BeFalse
                }

                It 'leaves the subscriptions suspended' {
                    @(Get-PartnerSubscription -CustomerId $contoso[0].CustomerId -Active).Count | Should -Be 0
                    $suspendedNow = @(Get-PartnerSubscription -CustomerId $contoso[0].CustomerId -Status Suspended)
                    $wasActive = @($activeBefore | Where-Object CustomerId -EQ $contoso[0].CustomerId)
                    @($suspendedNow.SubscriptionId | Sort-Object) | Should -Be @(($wasActive.SubscriptionId + $suspendedBefore.SubscriptionId) | Sort-Object)
                }

                It 'allows resuming a suspended subscription and purchasing again' {
                    $resumed = Get-PartnerSubscription -CustomerId $contoso[0].CustomerId -Status Suspended |
                        Resume-PartnerSubscription -Confirm:$false -PassThru
                    $resumed.Status | Should -Be @('Active', 'Active', 'Active')

                    $bought = New-PartnerSubscription -CustomerId $contoso[0].CustomerId -OfferName 'Teams Essentials' -Confirm:$false
                    $bought.Status | Should -Be 'Active'
                }

                It 'does not accept the same request twice' {
                    { Approve-PartnerRelationshipRequest -RequestId $request.RequestId -Confirm:$false -ErrorAction Stop } |
                        Should -Throw -ErrorId 'RelationshipRequestNotPending,*'
                }

                It 'leaves the other removed customer off the list' {
                    (Get-PartnerCustomer -Name 'Contoso*').Name | Should -Be 'Contoso'
                }
            }
        }
    }
}
