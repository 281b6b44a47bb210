using System.Management.Automation;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// PowerShell calls these when the module is imported and removed. Import only registers the resolve hook (the
    /// dependencies load on first use, which keeps Import-Module cheap); removal unregisters it and forgets this
    /// runspace's connection, so no token outlives the module.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyResolver.Register();

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            PartnerSession.Forget();
            DependencyResolver.Unregister();
        }
    }
}
