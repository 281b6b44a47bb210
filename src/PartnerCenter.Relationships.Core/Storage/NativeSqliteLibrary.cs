using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.Storage
{
    /// <summary>A platform the module ships a native SQLite build for, and the file that build is in.</summary>
    public sealed class NativeSqliteTarget
    {
        public NativeSqliteTarget(string runtimeIdentifier, string fileName)
        {
            RuntimeIdentifier = runtimeIdentifier;
            FileName = fileName;
        }

        public string RuntimeIdentifier { get; }

        public string FileName { get; }

        /// <summary>Path of the library below a folder laid out like a NuGet package: runtimes/&lt;rid&gt;/native/&lt;file&gt;.</summary>
        public string PathUnder(string baseDirectory) =>
            Path.Combine(baseDirectory, "runtimes", RuntimeIdentifier, "native", FileName);
    }

    /// <summary>
    /// Loads the native e_sqlite3 library that ships with the module before SQLitePCLRaw first needs it.
    /// Imported from a module folder, SQLitePCLRaw probes only beside the host program and the module root, so it
    /// would not find runtimes/&lt;rid&gt;/native on its own. Loading the file by full path first makes its later
    /// DllImport("e_sqlite3") bind to this copy: the library's name (SONAME) is the same.
    /// </summary>
    public static class NativeSqliteLibrary
    {
        private static readonly object Gate = new object();
        private static string? _loadedFrom;

        public static string? LoadedFrom => _loadedFrom;

        /// <summary>The native build for an operating system, process architecture and C library; null when none ships.</summary>
        public static NativeSqliteTarget? SelectTarget(OSPlatform os, Architecture architecture, bool isMusl)
        {
            string? arch = architecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            if (arch == null)
            {
                return null;
            }

            if (os == OSPlatform.Windows)
            {
                return new NativeSqliteTarget("win-" + arch, "e_sqlite3.dll");
            }

            if (os == OSPlatform.OSX)
            {
                return new NativeSqliteTarget("osx-" + arch, "libe_sqlite3.dylib");
            }

            if (os == OSPlatform.Linux)
            {
                // Of musl builds only x64 ships: Alpine on x64 is what container images use.
                if (isMusl)
                {
                    return arch == "x64" ? new NativeSqliteTarget("linux-musl-x64", "libe_sqlite3.so") : null;
                }

                return new NativeSqliteTarget("linux-" + arch, "libe_sqlite3.so");
            }

            return null;
        }

        /// <summary>The target for the running process, or an UnsupportedPlatform error naming the platform.</summary>
        public static NativeSqliteTarget CurrentTarget()
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? OSPlatform.Linux
                : OSPlatform.Create(RuntimeInformation.OSDescription);
            var isMusl = os == OSPlatform.Linux && IsMuslLibc();
            return SelectTarget(os, RuntimeInformation.ProcessArchitecture, isMusl)
                ?? throw PartnerErrors.UnsupportedPlatform($"{RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}{(isMusl ? ", musl" : string.Empty)}");
        }

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

        private static bool IsMuslLibc()
        {
            // .NET 5+ reports the runtime's own identifier, which says musl on Alpine builds.
            var runtimeIdentifier = typeof(RuntimeInformation).GetProperty("RuntimeIdentifier")?.GetValue(null) as string;
            if (!string.IsNullOrEmpty(runtimeIdentifier))
            {
                return runtimeIdentifier!.IndexOf("musl", StringComparison.OrdinalIgnoreCase) >= 0;
            }

            return Directory.Exists("/lib") && Directory.GetFiles("/lib", "ld-musl-*").Length > 0;
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string path);
    }
}
