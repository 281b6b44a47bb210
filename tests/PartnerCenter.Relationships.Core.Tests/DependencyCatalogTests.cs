using System.IO;
using System.Reflection;
using PartnerCenter.Relationships.Internal;

namespace PartnerCenter.Relationships.Core.Tests
{
    /// <summary>
    /// The rule the module's resolve hook applies on every runtime (and the only thing it does on Windows PowerShell,
    /// which cannot run here): answer only for catalogued assemblies, and only when the module itself asks.
    /// </summary>
    public sealed class DependencyCatalogTests
    {
        private static readonly string ModuleFolder = Path.Combine(Path.GetTempPath(), "modules", "PartnerCenter.Relationships");
        private static readonly string DependencyFolder = Path.Combine(ModuleFolder, "dependencies");
        private static readonly string ModuleAssembly = Path.Combine(ModuleFolder, "PartnerCenter.Relationships.dll");

        private static readonly DependencyCatalog Catalog = new DependencyCatalog(DependencyFolder, new[]
        {
            "PartnerCenter.Relationships.Core.dll",
            "Microsoft.Data.Sqlite.dll",
            "SQLitePCLRaw.core.dll",
            "System.Memory.dll",
            "PartnerCenter.Relationships.LoadContext.dll",
            "readme.txt",
        });

        [Theory]
        [InlineData("PartnerCenter.Relationships.Core, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", "PartnerCenter.Relationships.Core.dll")]
        [InlineData("Microsoft.Data.Sqlite, Version=10.0.15.0, Culture=neutral, PublicKeyToken=adb9793829ddae60", "Microsoft.Data.Sqlite.dll")]
        [InlineData("system.memory, Version=4.0.1.2", "System.Memory.dll")]
        public void TheModulesOwnRequest_ForACataloguedAssembly_GetsTheFileInDependencies(string requested, string file)
        {
            Assert.Equal(Path.Combine(DependencyFolder, file), Catalog.Select(new AssemblyName(requested), ModuleAssembly, ModuleAssembly));
        }

        [Fact]
        public void ARequestFromOneOfTheDependencies_IsAnswered()
        {
            var fromSqlite = Path.Combine(DependencyFolder, "Microsoft.Data.Sqlite.dll");
            Assert.Equal(Path.Combine(DependencyFolder, "SQLitePCLRaw.core.dll"), Catalog.Select(new AssemblyName("SQLitePCLRaw.core"), fromSqlite, ModuleAssembly));
        }

        [Fact]
        public void AnotherModulesRequest_IsNeverAnswered_EvenForANameWeShip()
        {
            var otherModule = Path.Combine(Path.GetTempPath(), "modules", "Az.Accounts", "Az.Accounts.dll");
            Assert.Null(Catalog.Select(new AssemblyName("Microsoft.Data.Sqlite, Version=8.0.0.0"), otherModule, ModuleAssembly));

            // A folder that merely starts like ours is not ours.
            var lookalike = Path.Combine(ModuleFolder, "dependencies-other", "Evil.dll");
            Assert.Null(Catalog.Select(new AssemblyName("Microsoft.Data.Sqlite"), lookalike, ModuleAssembly));
        }

        [Fact]
        public void AssembliesOutsideTheCatalogue_AreLeftToTheRuntime()
        {
            Assert.Null(Catalog.Select(new AssemblyName("Newtonsoft.Json, Version=13.0.0.0"), ModuleAssembly, ModuleAssembly));
            Assert.Null(Catalog.Select(new AssemblyName("readme"), ModuleAssembly, ModuleAssembly));
            Assert.False(Catalog.Contains("readme"));
        }

        [Fact]
        public void TheLoadContextAssembly_IsNeverAnAnswer()
        {
            Assert.False(Catalog.Contains("PartnerCenter.Relationships.LoadContext"));
            Assert.Null(Catalog.Select(new AssemblyName("PartnerCenter.Relationships.LoadContext"), ModuleAssembly, ModuleAssembly));
        }

        [Fact]
        public void WithoutARequestingAssembly_TheNameAloneDecides()
        {
            // .NET Framework does not always say who asks; the module's own load must still succeed.
            Assert.Equal(Path.Combine(DependencyFolder, "Microsoft.Data.Sqlite.dll"), Catalog.Select(new AssemblyName("Microsoft.Data.Sqlite"), null, ModuleAssembly));
            Assert.Null(Catalog.Select(new AssemblyName("Newtonsoft.Json"), null, ModuleAssembly));
        }
    }
}
