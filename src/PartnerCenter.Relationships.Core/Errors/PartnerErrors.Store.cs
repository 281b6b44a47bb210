using System;
using System.Globalization;
using System.Linq;
using PartnerCenter.Relationships.Core.Models;

namespace PartnerCenter.Relationships.Core.Errors
{
    // The local store's errors: each names the path and what to do.
    public static partial class PartnerErrors
    {
        public static PartnerException StoreNotFound(string path) => Create(
            PartnerErrorId.StoreNotFound, PartnerErrorCategory.ObjectNotFound, path,
            $"There is no store at '{path}'.",
            $"Check the path, or create a store there first: Initialize-PartnerStore -StorePath '{path}' (add -SampleData for sample customers).");

        public static PartnerException StoreFolderNotFound(string path) => Create(
            PartnerErrorId.StoreFolderNotFound, PartnerErrorCategory.ObjectNotFound, path,
            $"The folder for the store '{path}' does not exist.",
            "Create the folder first, or choose a store path in an existing folder.");

        public static PartnerException StoreSchemaTooNew(string path, int found, int supported) => Create(
            PartnerErrorId.StoreSchemaTooNew, PartnerErrorCategory.InvalidData, path,
            $"The store '{path}' was written by a newer version of PartnerCenter.Relationships (schema {found}; this version reads up to {supported}).",
            "Update the PartnerCenter.Relationships module, or use another store with Connect-PartnerCenter -StorePath.");

        public static PartnerException StoreCorrupt(string path, Exception inner) => Create(
            PartnerErrorId.StoreCorrupt, PartnerErrorCategory.InvalidData, path,
            $"The store '{path}' is damaged or is not a PartnerCenter.Relationships store ({inner.Message.TrimEnd('.')}).",
            "Restore the file from a backup, or move it aside; a new store is created on next use (Initialize-PartnerStore -SampleData makes one with sample data).", inner);

        public static PartnerException StoreReadOnly(string path, Exception? inner = null) => Create(
            PartnerErrorId.StoreReadOnly, PartnerErrorCategory.PermissionDenied, path,
            $"The store '{path}' is read-only, so no change can be saved.",
            "Make the file (and its folder) writable, or use another store with Connect-PartnerCenter -StorePath.", inner);

        public static PartnerException StoreAlreadyInitialized(string path, long customerCount) => Create(
            PartnerErrorId.StoreAlreadyInitialized, PartnerErrorCategory.ResourceExists, path,
            $"The store '{path}' already holds {customerCount} customer(s).",
            "Add -Force to replace its content with new sample data, or choose another -StorePath.");

        public static PartnerException StoreUnavailable(string path, Exception inner) => Create(
            PartnerErrorId.StoreUnavailable, PartnerErrorCategory.ResourceUnavailable, path,
            $"The store '{path}' could not be used: {inner.Message}",
            "Check that the path is a file you can read and write and that no other program holds it locked.", inner);

        public static PartnerException SqliteNativeLibraryMissing(string path, string runtimeIdentifier, Exception? inner) => Create(
            PartnerErrorId.SqliteNativeLibraryMissing, PartnerErrorCategory.ResourceUnavailable, path,
            $"The SQLite native library for {runtimeIdentifier} could not be loaded from '{path}'.",
            "Reinstall the module; its dependencies folder must hold runtimes/" + runtimeIdentifier + "/native.", inner);

        public static PartnerException UnsupportedPlatform(string description) => Create(
            PartnerErrorId.UnsupportedPlatform, PartnerErrorCategory.NotImplemented, description,
            $"The local store is not supported on this platform ({description}).",
            "Use Windows, Linux or macOS on x64 or Arm64.", null);
    }
}
