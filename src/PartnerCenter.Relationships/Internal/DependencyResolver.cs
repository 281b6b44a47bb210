using System;
using System.IO;
using System.Reflection;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// Makes the module's dependencies loadable without colliding with anything else in the session.
    /// On PowerShell 7 the module's own requests are answered from a private AssemblyLoadContext (the core and every
    /// third-party assembly live there, and that context loads the rest of the closure itself); on Windows PowerShell
    /// 5.1, which has one shared context, they are answered by Assembly.LoadFrom. Either way the hook answers only for
    /// catalogued names asked for by the module's own assemblies.
    /// </summary>
    internal static class DependencyResolver
    {
        private static readonly Assembly ModuleAssembly = typeof(DependencyResolver).Assembly;
        private static readonly object Gate = new object();
        private static int _imports;
        private static DependencyCatalog? _catalog;
        private static Func<AssemblyName, Assembly>? _loadIntoPrivateContext;

        public static string DependencyFolder { get; } =
            Path.Combine(Path.GetDirectoryName(ModuleAssembly.Location) ?? string.Empty, "dependencies");

        /// <summary>The runtime has AssemblyLoadContext: PowerShell 7 on .NET, not Windows PowerShell on .NET Framework.</summary>
        public static bool HasLoadContexts { get; } = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") != null;

        /// <summary>Counted, because the module can be imported into several runspaces of one process and removed from one.</summary>
        public static void Register()
        {
            lock (Gate)
            {
                if (_imports++ == 0)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                }
            }
        }

        public static void Unregister()
        {
            lock (Gate)
            {
                if (_imports > 0 && --_imports == 0)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                }
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            var path = Catalog().Select(requested, args.RequestingAssembly?.Location, ModuleAssembly.Location);
            if (path == null)
            {
                return null;
            }

            return HasLoadContexts ? PrivateContextLoader()(requested) : Assembly.LoadFrom(path);
        }

        private static DependencyCatalog Catalog()
        {
            lock (Gate)
            {
                return _catalog ??= DependencyCatalog.FromFolder(DependencyFolder);
            }
        }

        /// <summary>
        /// The load context type derives from AssemblyLoadContext, which this netstandard2.0 assembly cannot name: it
        /// ships as its own small .NET assembly, reached by reflection once.
        /// </summary>
        private static Func<AssemblyName, Assembly> PrivateContextLoader()
        {
            lock (Gate)
            {
                if (_loadIntoPrivateContext == null)
                {
                    var assembly = Assembly.LoadFrom(Path.Combine(DependencyFolder, DependencyCatalog.LoadContextAssemblyName + ".dll"));
                    var type = assembly.GetType(DependencyCatalog.LoadContextAssemblyName + ".PartnerLoadContext", throwOnError: true)!;
                    var context = type.GetMethod("ForFolder", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { DependencyFolder, Catalog().PathsByName })!;
                    var load = type.GetMethod("LoadFromAssemblyName", new[] { typeof(AssemblyName) })!;
                    _loadIntoPrivateContext = name => (Assembly)load.Invoke(context, new object[] { name })!;
                }

                return _loadIntoPrivateContext;
            }
        }
    }
}
