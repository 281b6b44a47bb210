using System;
using System.IO;

namespace PartnerCenter.Relationships.Testing
{
    /// <summary>
    /// Where things are in this repository, for the test projects and the benchmark alike: the root is the folder of
    /// PartnerCmdlets.sln above the running assembly (bin/&lt;Configuration&gt;/net10.0 of whichever project runs), and
    /// the module is the one the build staged in out/, exactly as it ships.
    /// </summary>
    internal static class RepoPaths
    {
        public static string Root { get; } = FindRoot();

        /// <summary>The staged module's folder: out/PartnerCenter.Relationships.</summary>
        public static string ModuleFolder => Path.Combine(Root, "out", "PartnerCenter.Relationships");

        public static string ModuleManifest => Path.Combine(ModuleFolder, "PartnerCenter.Relationships.psd1");

        private static string FindRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "PartnerCmdlets.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("PartnerCmdlets.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
