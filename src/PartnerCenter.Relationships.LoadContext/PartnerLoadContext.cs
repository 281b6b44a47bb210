using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using PartnerCenter.Relationships.Core.Store;

namespace PartnerCenter.Relationships.LoadContext
{
    /// <summary>
    /// The module's private load context on PowerShell 7. The core library and every third-party assembly the module
    /// ships (Microsoft.Data.Sqlite, SQLitePCLRaw, ...) load here from the module's dependencies/ folder, so a different
    /// version of the same assembly that another module or the host already loaded cannot collide with ours, whichever
    /// was loaded first. Assemblies the .NET runtime itself provides are left to the default context, so types such as
    /// Span&lt;T&gt; stay one type across the process.
    /// </summary>
    public sealed class PartnerLoadContext : AssemblyLoadContext
    {
        private static readonly ConcurrentDictionary<string, PartnerLoadContext> ByFolder =
            new ConcurrentDictionary<string, PartnerLoadContext>(StringComparer.Ordinal);

        private readonly Dictionary<string, string> _catalog;
        private readonly string _frameworkFolder;
        private readonly string? _nativeSqlitePath;

        private PartnerLoadContext(string dependencyFolder, IReadOnlyDictionary<string, string> catalog)
            : base("PartnerCenter.Relationships", isCollectible: false)
        {
            _catalog = new Dictionary<string, string>(catalog, StringComparer.OrdinalIgnoreCase);
            _frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
            _nativeSqlitePath = NativeSqliteTarget.ForCurrentProcess(out _)?.PathUnder(dependencyFolder);
        }

        /// <summary>
        /// One context per dependencies folder for the life of the process: assemblies cannot be unloaded from a
        /// non-collectible context, so Remove-Module followed by Import-Module must find the same context again.
        /// <paramref name="catalog"/> (assembly name to file) is the cmdlet assembly's DependencyCatalog: what the
        /// module ships is decided there, once.
        /// </summary>
        public static PartnerLoadContext ForFolder(string dependencyFolder, IReadOnlyDictionary<string, string> catalog) =>
            ByFolder.GetOrAdd(Path.GetFullPath(dependencyFolder), folder => new PartnerLoadContext(folder, catalog));

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == null || !_catalog.TryGetValue(assemblyName.Name, out var path) || IsProvidedByFramework(assemblyName))
            {
                return null;
            }

            return LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            // SQLitePCLRaw's DllImport("e_sqlite3") from this context binds to the module's own copy by full path,
            // never to a same-named library another module or the host loaded.
            if (_nativeSqlitePath != null && IsSqliteLibraryName(unmanagedDllName) && File.Exists(_nativeSqlitePath))
            {
                return LoadUnmanagedDllFromPath(_nativeSqlitePath);
            }

            return IntPtr.Zero;
        }

        private static bool IsSqliteLibraryName(string name) =>
            name == "e_sqlite3" || name == "libe_sqlite3" || name == "e_sqlite3.dll" || name == "libe_sqlite3.so" || name == "libe_sqlite3.dylib";

        /// <summary>
        /// Polyfill packages of netstandard2.0 libraries (System.Memory, System.Buffers, ...) also ship in the module
        /// for Windows PowerShell. On .NET the framework's own copy must win when it is at least as new.
        /// </summary>
        private bool IsProvidedByFramework(AssemblyName requested)
        {
            var frameworkCopy = Path.Combine(_frameworkFolder, requested.Name + ".dll");
            if (!File.Exists(frameworkCopy))
            {
                return false;
            }

            var frameworkVersion = AssemblyName.GetAssemblyName(frameworkCopy).Version;
            return requested.Version == null || (frameworkVersion != null && frameworkVersion >= requested.Version);
        }
    }
}
