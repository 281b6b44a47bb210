using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PartnerCenter.Relationships.Core.Store
{
    /// <summary>
    /// A platform the module ships a native SQLite build for, and the file that build is in. This file is compiled
    /// into the core library and into the PowerShell 7 load context (which must pick the same file without loading
    /// the core), so it depends on nothing but the framework.
    /// </summary>
#if PARTNER_LOAD_CONTEXT
    internal
#else
    public
#endif
    sealed class NativeSqliteTarget
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

        /// <summary>The native build for an operating system, process architecture and C library; null when none ships.</summary>
        public static NativeSqliteTarget? Select(OSPlatform os, Architecture architecture, bool isMusl)
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

        /// <summary>The target for the running process, or null; <paramref name="platform"/> names the platform for an error message.</summary>
        public static NativeSqliteTarget? ForCurrentProcess(out string platform)
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? OSPlatform.Linux
                : OSPlatform.Create(RuntimeInformation.OSDescription);
            var isMusl = os == OSPlatform.Linux && IsMuslLibc();
            platform = $"{RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}{(isMusl ? ", musl" : string.Empty)}";
            return Select(os, RuntimeInformation.ProcessArchitecture, isMusl);
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
    }
}
