using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.Store
{
    /// <summary>
    /// Loads the native e_sqlite3 library that ships with the module, for the process's platform, before SQLitePCLRaw
    /// first needs it, so an unsupported platform or a missing file is a clear error instead of a type initializer
    /// failure. Imported from a module folder, SQLitePCLRaw's own probing would not find runtimes/&lt;rid&gt;/native.
    /// On PowerShell 7 the module's load context then answers DllImport("e_sqlite3") with this file; on Windows
    /// PowerShell, DllImport finds the module LoadLibrary already loaded, by its name.
    /// </summary>
    public static class NativeSqliteLibrary
    {
        private static readonly object Gate = new object();
        private static string? _loadedFrom;

        public static string? LoadedFrom => _loadedFrom;

        /// <summary>The target for the running process, or an UnsupportedPlatform error naming the platform.</summary>
        public static NativeSqliteTarget CurrentTarget() =>
            NativeSqliteTarget.ForCurrentProcess(out var platform) ?? throw PartnerErrors.UnsupportedPlatform(platform);

        /// <summary>The target for a platform, or the UnsupportedPlatform error naming it as <paramref name="platform"/> says.</summary>
        public static NativeSqliteTarget RequireTarget(OSPlatform os, Architecture architecture, bool isMusl, string platform) =>
            NativeSqliteTarget.Select(os, architecture, isMusl) ?? throw PartnerErrors.UnsupportedPlatform(platform);

        /// <summary>Loads the library that sits below the core assembly's folder, once per process.</summary>
        public static void EnsureLoaded()
        {
            if (_loadedFrom != null)
            {
                return;
            }

            lock (Gate)
            {
                if (_loadedFrom != null)
                {
                    return;
                }

                var target = CurrentTarget();
                var baseDirectory = Path.GetDirectoryName(typeof(NativeSqliteLibrary).Assembly.Location) ?? string.Empty;
                var path = target.PathUnder(baseDirectory);
                if (!File.Exists(path))
                {
                    // Not laid out as the module ships (an application that resolves it through its own deps.json):
                    // leave it to SQLitePCLRaw's own probing, whose failure is reported when the store is opened.
                    _loadedFrom = string.Empty;
                    return;
                }

                try
                {
                    Load(path);
                }
                catch (Exception ex) when (ex is DllNotFoundException || ex is BadImageFormatException || ex is TargetInvocationException || ex is IOException)
                {
                    throw PartnerErrors.SqliteNativeLibraryMissing(path, target.RuntimeIdentifier, ex.InnerException ?? ex);
                }

                _loadedFrom = path;
            }
        }

        private static void Load(string path)
        {
            // NativeLibrary exists from .NET Core 3.0 on; the assembly targets netstandard2.0, so reach it by reflection.
            var nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false);
            var load = nativeLibrary?.GetMethod("Load", new[] { typeof(string) });
            if (load != null)
            {
                load.Invoke(null, new object[] { path });
                return;
            }

            // Windows PowerShell 5.1 (.NET Framework): LoadLibrary by full path; DllImport("e_sqlite3") then finds the loaded module.
            if (LoadLibraryW(path) == IntPtr.Zero)
            {
                throw new DllNotFoundException($"LoadLibrary failed with error {Marshal.GetLastWin32Error()} for '{path}'.");
            }
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string path);
    }
}
