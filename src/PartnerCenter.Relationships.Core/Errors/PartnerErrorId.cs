namespace PartnerCenter.Relationships.Core.Errors
{
    /// <summary>Every ErrorId the module reports. They are stable: scripts match on them.</summary>
    public static class PartnerErrorId
    {
        public const string CustomerRelationshipNotFound = nameof(CustomerRelationshipNotFound);
        public const string CustomerNotFound = nameof(CustomerNotFound);
        public const string CustomerNameNotFound = nameof(CustomerNameNotFound);
        public const string CustomerDomainNotFound = nameof(CustomerDomainNotFound);
        public const string CustomerAlreadyExists = nameof(CustomerAlreadyExists);
        public const string SubscriptionNotFound = nameof(SubscriptionNotFound);
        public const string SubscriptionAlreadyExists = nameof(SubscriptionAlreadyExists);
        public const string SubscriptionStatusCannotChange = nameof(SubscriptionStatusCannotChange);
        public const string ResumeRequiresRelationship = nameof(ResumeRequiresRelationship);
        public const string PurchaseNotAllowed = nameof(PurchaseNotAllowed);
        public const string ActiveSubscriptionsBlockRemoval = nameof(ActiveSubscriptionsBlockRemoval);
        public const string NewCommerceSubscriptionsBlockRemoval = nameof(NewCommerceSubscriptionsBlockRemoval);
        public const string RemovalRefused = nameof(RemovalRefused);
        public const string CancellationWindowClosed = nameof(CancellationWindowClosed);
        public const string CancellationNotSupported = nameof(CancellationNotSupported);
        public const string AzurePlanHasActiveSubscriptions = nameof(AzurePlanHasActiveSubscriptions);
        public const string AutoRenewCannotChange = nameof(AutoRenewCannotChange);
        public const string RelationshipAlreadyExists = nameof(RelationshipAlreadyExists);
        public const string RelationshipRequestNotFound = nameof(RelationshipRequestNotFound);
        public const string RelationshipRequestNotPending = nameof(RelationshipRequestNotPending);
        public const string LocalStoreOnly = nameof(LocalStoreOnly);
        public const string InvalidArgument = nameof(InvalidArgument);
        public const string InvalidWildcardPattern = nameof(InvalidWildcardPattern);
        public const string InvalidStorePath = nameof(InvalidStorePath);
        public const string InvalidCustomerId = nameof(InvalidCustomerId);
        public const string InvalidSubscriptionId = nameof(InvalidSubscriptionId);
        public const string InvalidDomain = nameof(InvalidDomain);
        public const string StoreNotFound = nameof(StoreNotFound);
        public const string StoreFolderNotFound = nameof(StoreFolderNotFound);
        public const string StoreSchemaTooNew = nameof(StoreSchemaTooNew);
        public const string StoreCorrupt = nameof(StoreCorrupt);
        public const string StoreReadOnly = nameof(StoreReadOnly);
        public const string StoreAlreadyInitialized = nameof(StoreAlreadyInitialized);
        public const string StoreUnavailable = nameof(StoreUnavailable);
        public const string SqliteNativeLibraryMissing = nameof(SqliteNativeLibraryMissing);
        public const string UnsupportedPlatform = nameof(UnsupportedPlatform);
        public const string UserSignInRequired = nameof(UserSignInRequired);
        public const string OperationStopped = nameof(OperationStopped);
        public const string SubscriptionKeepsChanging = nameof(SubscriptionKeepsChanging);

        // Partner Center REST backend (Rest/): sign-in, tokens and HTTP failures.
        public const string AccessTokenUnreadable = nameof(AccessTokenUnreadable);
        public const string AccessTokenExpired = nameof(AccessTokenExpired);
        public const string AccessTokenRequestFailed = nameof(AccessTokenRequestFailed);
        public const string TokenEndpointUnavailable = nameof(TokenEndpointUnavailable);
        public const string PartnerCenterBadRequest = nameof(PartnerCenterBadRequest);
        public const string PartnerCenterUnauthorized = nameof(PartnerCenterUnauthorized);
        public const string PartnerCenterPermissionDenied = nameof(PartnerCenterPermissionDenied);
        public const string PartnerCenterNotFound = nameof(PartnerCenterNotFound);
        public const string PartnerCenterConflict = nameof(PartnerCenterConflict);
        public const string PartnerCenterPreconditionFailed = nameof(PartnerCenterPreconditionFailed);
        public const string PartnerCenterThrottled = nameof(PartnerCenterThrottled);
        public const string PartnerCenterUnavailable = nameof(PartnerCenterUnavailable);
        public const string PartnerCenterTimeout = nameof(PartnerCenterTimeout);
        public const string PartnerCenterRequestFailed = nameof(PartnerCenterRequestFailed);
        public const string PartnerCenterResponseInvalid = nameof(PartnerCenterResponseInvalid);
        public const string PartnerCenterUnexpectedHost = nameof(PartnerCenterUnexpectedHost);

        // Delegated admin access: GDAP relationships (Microsoft Graph) and legacy DAP.
        public const string AdminRelationshipNotFound = nameof(AdminRelationshipNotFound);
        public const string AdminRelationshipCannotTerminate = nameof(AdminRelationshipCannotTerminate);
        public const string AdminRelationshipTerminationPending = nameof(AdminRelationshipTerminationPending);
        public const string AdminRelationshipChanged = nameof(AdminRelationshipChanged);
        public const string AdminRelationshipAlreadyExists = nameof(AdminRelationshipAlreadyExists);
        public const string DelegatedAdminAccessRemains = nameof(DelegatedAdminAccessRemains);
        public const string GraphNotConnected = nameof(GraphNotConnected);

        /// <summary>What every Microsoft Graph error id starts with (and Partner Center's request errors with "PartnerCenter").</summary>
        public const string GraphPrefix = "Graph";

        /// <summary>An error Microsoft Graph answered, or GraphNotConnected: one about Graph, not about the module's rules.</summary>
        public static bool IsGraph(string errorId) => errorId.StartsWith(GraphPrefix, System.StringComparison.Ordinal);

        // Microsoft Graph requests fail like Partner Center's, under these ids (ServiceErrorMap names them by service).
        public const string GraphBadRequest = nameof(GraphBadRequest);
        public const string GraphUnauthorized = nameof(GraphUnauthorized);
        public const string GraphPermissionDenied = nameof(GraphPermissionDenied);
        public const string GraphNotFound = nameof(GraphNotFound);
        public const string GraphConflict = nameof(GraphConflict);
        public const string GraphPreconditionFailed = nameof(GraphPreconditionFailed);
        public const string GraphThrottled = nameof(GraphThrottled);
        public const string GraphUnavailable = nameof(GraphUnavailable);
        public const string GraphTimeout = nameof(GraphTimeout);
        public const string GraphRequestFailed = nameof(GraphRequestFailed);
        public const string GraphResponseInvalid = nameof(GraphResponseInvalid);
        public const string GraphUnexpectedHost = nameof(GraphUnexpectedHost);
    }
}
