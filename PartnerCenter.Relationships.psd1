@{
    RootModule             = 'PartnerCenter.Relationships.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '6f0f4d64-3a3e-4c43-9d55-2b7f6c1e8a51'
    Author                 = 'PartnerCenter.Relationships contributors'
    CompanyName            = 'PartnerCenter.Relationships'
    Copyright              = '(c) 2026 PartnerCenter.Relationships contributors. MIT License (the LICENSE file).'
    Description            = 'End, and later re-establish, a Microsoft Partner Center reseller relationship with a customer by today''s rules: plan, suspend legacy and cancel new-commerce subscriptions, remove the relationship, request a new one. Works against an embedded local store by default.'
    PowerShellVersion      = '5.1'
    FormatsToProcess       = @('PartnerCenter.Relationships.format.ps1xml')
    CmdletsToExport        = @(
        'Approve-PartnerRelationshipRequest'
        'Connect-PartnerCenter'
        'Disconnect-PartnerCenter'
        'Get-PartnerAdminRelationship'
        'Get-PartnerCustomer'
        'Get-PartnerOffboardingPlan'
        'Get-PartnerSubscription'
        'Initialize-PartnerStore'
        'New-PartnerAdminRelationship'
        'New-PartnerCustomer'
        'New-PartnerSubscription'
        'Remove-PartnerAdminRelationship'
        'Remove-PartnerResellerRelationship'
        'Request-PartnerRelationship'
        'Resume-PartnerSubscription'
        'Set-PartnerSubscription'
        'Stop-PartnerSubscription'
        'Suspend-PartnerSubscription'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('PartnerCenter', 'CSP', 'Reseller', 'Offboarding', 'Microsoft365', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = @'
0.1.0: first release.
- Suspend a customer's active subscriptions, remove the reseller relationship and request a new one
  (Suspend-PartnerSubscription, Remove-PartnerResellerRelationship, Request-PartnerRelationship), one customer
  or many through the pipeline, with -WhatIf and -Confirm on every change.
- An embedded local store by default (Initialize-PartnerStore -SampleData to try it without an account), or the
  Partner Center REST API after Connect-PartnerCenter with a token or an application.
- PowerShell 7.2 or later and Windows PowerShell 5.1; its dependencies load in a private load context on PowerShell 7.
- Offboarding by today's Partner Center rules: Get-PartnerOffboardingPlan says per customer what each subscription
  needs (suspend legacy, cancel new commerce inside its 7-day window, else auto-renew off and wait for the term's
  end) and from when removal can succeed; Stop-PartnerSubscription cancels, Set-PartnerSubscription -AutoRenewEnabled
  turns auto-renew off; Remove-PartnerResellerRelationship follows the plan (-CancelNewCommerceSubscriptions), refuses
  with NewCommerceSubscriptionsBlockRemoval and the earliest removal date, and reports each effect as verified or as
  done by Partner Center. Suspending a new-commerce subscription warns that billing continues.
- Local stores move to schema 2 when opened (term, auto-renew, cancellation window, billing type, add-on base).
- Delegated admin access ends with the relationship: Get-PartnerAdminRelationship lists GDAP relationships
  (Microsoft Graph), Remove-PartnerAdminRelationship terminates them and waits until Graph shows them terminated,
  Remove-PartnerResellerRelationship -TerminateAdminRelationships turns legacy DAP off and terminates GDAP as part of
  offboarding and verifies both; DelegatedAdminRevoked is true only when that was checked. Connect-PartnerCenter gets
  the Graph token with the same sign-in (or -GraphAccessToken); the local store models GDAP (schema 3,
  New-PartnerAdminRelationship).
- Bulk at Partner Center's limits: one throttle per connection, shared by every command and worker. A 429 closes the
  partner's (or one customer's) gate for its Retry-After; requests then go on paced at the rate Partner Center
  admitted, reads ahead of writes, with fewer at once. Throttling uses none of the fault retries and gives up only
  after Connect-PartnerCenter -MaxThrottleWait (10 minutes by default), as PartnerCenterThrottled. A listed
  subscription's status change is one PATCH. Remove-PartnerResellerRelationship -ThrottleLimit removes customers side
  by side, results in input order. A bulk command's queued changes end with it (Ctrl+C, Select-Object -First).
'@
        }
    }
}
