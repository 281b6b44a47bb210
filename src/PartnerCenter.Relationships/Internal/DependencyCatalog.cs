using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace PartnerCenter.Relationships.Internal
{
    /// <summary>
    /// The assemblies the module ships in its dependencies/ folder, and the one rule for answering a load request
    /// with one of them: only for a name in the catalogue, and only when the request comes from the module's own
    /// assemblies. Another module asking for Microsoft.Data.Sqlite must never be handed ours. Free of PowerShell
    /// and of any runtime-specific API, so its decisions are unit-tested directly.
    /// </summary>
    internal sealed class DependencyCatalog
    {
        /// <summary>The PowerShell 7 load context; it is loaded by path and is never the answer to a request.</summary>
        public const string LoadContextAssemblyName = "PartnerCenter.Relationships.LoadContext";

        private readonly Dictionary<string, string> _pathsByName;

        public DependencyCatalog(string folder, IEnumerable<string> assemblyFileNames)
        {
            Folder = Path.GetFullPath(folder);
            _pathsByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var fileName in assemblyFileNames)
            {
                var name = Path.GetFileNameWithoutExtension(fileName);
                if (fileName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !string.Equals(name, LoadContextAssemblyName, StringComparison.OrdinalIgnoreCase))
                {
                    _pathsByName[name] = Path.Combine(Folder, Path.GetFileName(fileName));
                }
            }
        }

        public string Folder { get; }

        public static DependencyCatalog FromFolder(string folder) =>
            new DependencyCatalog(folder, Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dll") : Array.Empty<string>());

        /// <summary>Assembly name to file, for the PowerShell 7 load context to answer from.</summary>
        public IReadOnlyDictionary<string, string> PathsByName => _pathsByName;

        public bool Contains(string assemblyName) => _pathsByName.ContainsKey(assemblyName);

        /// <summary>
        /// The file that answers <paramref name="requested"/>, or null when the module must leave the request alone.
        /// <paramref name="requestingAssemblyPath"/> is null when the runtime does not say who asks (.NET Framework
        /// sometimes does not); the name alone then decides, as it must for the module's own load to succeed.
        /// </summary>
        public string? Select(AssemblyName requested, string? requestingAssemblyPath, string moduleAssemblyPath)
        {
            if (requested.Name == null || !_pathsByName.TryGetValue(requested.Name, out var path))
            {
                return null;
            }

            if (requestingAssemblyPath == null || IsModuleAssembly(requestingAssemblyPath, moduleAssemblyPath))
            {
                return path;
            }

            return null;
        }

        private bool IsModuleAssembly(string requestingAssemblyPath, string moduleAssemblyPath)
        {
            if (requestingAssemblyPath.Length == 0)
            {
                return false;
            }

            var full = Path.GetFullPath(requestingAssemblyPath);
            return string.Equals(full, Path.GetFullPath(moduleAssemblyPath), StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetDirectoryName(full), Folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), StringComparison.OrdinalIgnoreCase);
        }
    }
}
