using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// Makes the assemblies in the module's dependencies/ folder loadable. Only the cmdlet assembly sits at the
    /// module root; the resolver answers only for files that folder holds, so it cannot capture other modules' loads.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly object Gate = new object();
        private static bool _registered;

        internal static string DependencyFolder { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty, "dependencies");

        public void OnImport()
        {
            lock (Gate)
            {
                if (_registered)
                {
                    return;
                }

                AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
                _registered = true;
            }
        }

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var candidate = Path.Combine(DependencyFolder, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
