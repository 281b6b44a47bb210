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
        public const string RelationshipAlreadyExists = nameof(RelationshipAlreadyExists);
        public const string RelationshipRequestNotFound = nameof(RelationshipRequestNotFound);
        public const string RelationshipRequestNotPending = nameof(RelationshipRequestNotPending);
        public const string LocalStoreOnly = nameof(LocalStoreOnly);
        public const string InvalidArgument = nameof(InvalidArgument);
        public const string StoreNotFound = nameof(StoreNotFound);
        public const string StoreFolderNotFound = nameof(StoreFolderNotFound);
        public const string StoreSchemaTooNew = nameof(StoreSchemaTooNew);
        public const string StoreCorrupt = nameof(StoreCorrupt);
        public const string StoreReadOnly = nameof(StoreReadOnly);
        public const string StoreAlreadyInitialized = nameof(StoreAlreadyInitialized);
        public const string StoreUnavailable = nameof(StoreUnavailable);
        public const string SqliteNativeLibraryMissing = nameof(SqliteNativeLibraryMissing);
        public const string UnsupportedPlatform = nameof(UnsupportedPlatform);
    }
}
