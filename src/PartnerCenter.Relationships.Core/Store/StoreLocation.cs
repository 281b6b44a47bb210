using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PartnerCenter.Relationships.Core.Store
{
    /// <summary>Where the default local store lives when no path is given.</summary>
    public static class StoreLocation
    {
        public const string EnvironmentVariable = "PARTNERCENTER_STORE";
        public const string FolderName = "PartnerCenter.Relationships";
        public const string FileName = "partner.db";

        /// <summary>$env:PARTNERCENTER_STORE when set, else partner.db in the per-user data folder.</summary>
        public static string DefaultPath()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return Path.GetFullPath(fromEnvironment!.Trim());
            }

            return Path.Combine(UserDataFolder(), FolderName, FileName);
        }

        /// <summary>Why <paramref name="path"/> cannot name a store file, or null when it can.</summary>
        public static string? PathProblem(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                return "it is empty";
            }

            if (path.IndexOf('\0') >= 0)
            {
                return "it contains a NUL character";
            }

            return path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 ? "it contains a character that no path may hold" : null;
        }

        /// <summary>True when the path is the per-user default, whose folder is created on first use.</summary>
        public static bool IsPerUserDefault(string path) =>
            string.Equals(Path.GetFullPath(path), Path.Combine(UserDataFolder(), FolderName, FileName), StringComparison.Ordinal);

        private static string UserDataFolder()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            }

            var xdgDataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (!string.IsNullOrWhiteSpace(xdgDataHome) && Path.IsPathRooted(xdgDataHome))
            {
                return xdgDataHome!;
            }

            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            return Path.Combine(home, ".local", "share");
        }
    }
}
