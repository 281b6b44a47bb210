using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.SampleData
{
    /// <summary>Filling a local store with sample data: never over a store that already has customers, unless told to replace them.</summary>
    public static class LocalStoreSetup
    {
        /// <summary>Fails when the store already holds customers and <paramref name="replaceExisting"/> is not set.</summary>
        public static void EnsureMayFill(ILocalPartnerStore store, bool replaceExisting)
        {
            var info = store.GetStoreInfo();
            if (info.CustomerCount > 0 && !replaceExisting)
            {
                throw PartnerErrors.StoreAlreadyInitialized(store.Path, info.CustomerCount);
            }
        }

        public static PartnerStoreInfo FillWithSampleData(ILocalPartnerStore store, int customerCount, int seed, bool replaceExisting)
        {
            EnsureMayFill(store, replaceExisting);
            var content = SampleDataGenerator.Generate(customerCount, seed);
            store.ReplaceContent(content.Partner, content.Customers, content.Subscriptions, content.AdminRelationships);
            return store.GetStoreInfo();
        }
    }
}
