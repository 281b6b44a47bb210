using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PartnerCenter.Relationships.Core.Store
{
    /// <summary>Creates a file only its owner can read and write (0600 on Unix), before anything is written into it.</summary>
    internal static class PrivateFile
    {
        private const int OwnerReadWrite = 0x180; // 0600

        public static void Create(string path)
        {
            using (new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
            }

            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                RestrictToOwner(path);
            }
        }

        private static void RestrictToOwner(string path)
        {
            // File.SetUnixFileMode exists from .NET 7 on; the assembly targets netstandard2.0.
            var unixFileMode = Type.GetType("System.IO.UnixFileMode", throwOnError: false);
            var setMode = unixFileMode == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), unixFileMode });
            if (setMode != null)
            {
                setMode.Invoke(null, new[] { path, Enum.ToObject(unixFileMode!, OwnerReadWrite) });
                return;
            }

            if (chmod(path, OwnerReadWrite) != 0)
            {
                throw new IOException($"Could not restrict '{path}' to its owner (chmod error {Marshal.GetLastWin32Error()}).");
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
