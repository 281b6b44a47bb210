using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Xml.Linq;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>The module as it ships: export list, format views, layout of the staged folder.</summary>
    public sealed class ModuleShapeTests
    {
        private static readonly string[] NativeLibraries =
        {
            "win-x64/native/e_sqlite3.dll", "win-arm64/native/e_sqlite3.dll",
            "linux-x64/native/libe_sqlite3.so", "linux-arm64/native/libe_sqlite3.so", "linux-musl-x64/native/libe_sqlite3.so",
            "osx-x64/native/libe_sqlite3.dylib", "osx-arm64/native/libe_sqlite3.dylib",
        };

        [Fact]
        public void ManifestExportList_EqualsTheCmdletsFoundByReflection_AndWhatIsExported()
        {
            using var session = new ModuleSession(connectToOwnStore: false);
            var manifest = ReadManifest();
            var declared = ((object[])manifest["CmdletsToExport"]!).Cast<string>().OrderBy(n => n).ToList();

            var reflected = session.Ok(
                "(Get-Module PartnerCenter.Relationships).ImplementingAssembly.GetTypes() | ForEach-Object {" +
                " $attribute = [System.Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute]);" +
                " if ($attribute -and $_.IsPublic -and -not $_.IsAbstract) { $attribute.VerbName + '-' + $attribute.NounName } }")
                .Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();
            var exported = session.Ok("(Get-Module PartnerCenter.Relationships).ExportedCmdlets.Keys").Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();

            Assert.Equal(12, declared.Count);
            Assert.Equal(declared, reflected);
            Assert.Equal(declared, exported);
            Assert.DoesNotContain(declared, n => n.Contains('*'));
            foreach (var key in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
            {
                Assert.Empty((object[])manifest[key]!);
            }

            Assert.Equal(new[] { "Desktop", "Core" }, ((object[])manifest["CompatiblePSEditions"]!).Cast<string>());
            Assert.Equal("5.1", manifest["PowerShellVersion"]);
        }

        [Fact]
        public void EveryCmdlet_UsesAnApprovedVerb_AndDeclaresItsOutputType()
        {
            using var session = new ModuleSession(connectToOwnStore: false);
            // Get-Verb is not in the hosted engine; the approved verbs are the constants of the Verbs* classes.
            var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic),
                    typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
                .SelectMany(t => t.GetFields()).Select(f => (string)f.GetValue(null)!).ToHashSet();
            var verbs = session.Ok("Get-Command -Module PartnerCenter.Relationships | ForEach-Object Verb").Select(o => (string)o.BaseObject).ToList();
            Assert.Equal(12, verbs.Count);
            Assert.All(verbs, verb => Assert.Contains(verb, approved));

            var withoutOutputType = session.Ok(
                "Get-Command -Module PartnerCenter.Relationships | Where-Object { $_.Name -ne 'Disconnect-PartnerCenter' -and $_.OutputType.Count -eq 0 } | ForEach-Object Name");
            Assert.Empty(withoutOutputType);

            var changing = session.Ok(
                "Get-Command -Module PartnerCenter.Relationships | Where-Object { $_.Verb -in 'Suspend','Resume','Remove','New','Request','Approve','Initialize' -and -not $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name");
            Assert.Empty(changing);
            Assert.Equal("High", session.Ok("(Get-Command Remove-PartnerResellerRelationship).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact.ToString()").Single().BaseObject);
        }

        [Fact]
        public void EveryFormatView_NamesATypeThatExists()
        {
            using var session = new ModuleSession();
            session.Ok("Get-PartnerCustomer | Out-Null"); // the core assembly loads with the first command
            var format = XDocument.Load(Path.Combine(ModuleSession.ModuleFolder, "PartnerCenter.Relationships.format.ps1xml"));
            var typeNames = format.Descendants("TypeName").Select(e => e.Value.Trim()).ToList();

            Assert.NotEmpty(typeNames);
            foreach (var typeName in typeNames)
            {
                Assert.True((bool)session.Ok("$null -ne ($args[0] -as [type])", typeName).Single().BaseObject, $"format view type {typeName} does not exist");
            }

            // Every type a cmdlet declares as output has a view.
            var outputTypes = session.Ok("Get-Command -Module PartnerCenter.Relationships | ForEach-Object { $_.OutputType | ForEach-Object Name }")
                .Select(o => (string)o.BaseObject).Distinct().ToList();
            Assert.All(outputTypes, t => Assert.Contains(t, typeNames));
        }

        [Fact]
        public void StagedFolder_HasTheManifestAtTheRoot_AndEverythingElseUnderDependencies()
        {
            var root = ModuleSession.ModuleFolder;
            Assert.True(File.Exists(Path.Combine(root, "PartnerCenter.Relationships.psd1")));
            Assert.True(File.Exists(Path.Combine(root, "PartnerCenter.Relationships.dll")));
            Assert.True(File.Exists(Path.Combine(root, "PartnerCenter.Relationships.format.ps1xml")));
            Assert.Equal(new[] { "PartnerCenter.Relationships.dll" }, Directory.GetFiles(root, "*.dll").Select(Path.GetFileName));
            Assert.Empty(Directory.GetFiles(root, "System.Management.Automation.dll", SearchOption.AllDirectories));
            foreach (var assembly in new[] { "PartnerCenter.Relationships.Core.dll", "Microsoft.Data.Sqlite.dll", "SQLitePCLRaw.core.dll", "SQLitePCLRaw.provider.e_sqlite3.dll" })
            {
                Assert.True(File.Exists(Path.Combine(root, "dependencies", assembly)), assembly);
            }

            foreach (var native in NativeLibraries)
            {
                Assert.True(File.Exists(Path.Combine(root, "dependencies", "runtimes", native)), native);
            }
        }

        [Fact]
        public void CoreAndSqlite_AreLoadedFromTheStagedModule()
        {
            using var session = new ModuleSession();
            session.Ok("Get-PartnerCustomer | Out-Null");

            var locations = session.Ok(
                "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'PartnerCenter.Relationships.Core','Microsoft.Data.Sqlite' } | ForEach-Object Location")
                .Select(o => (string)o.BaseObject).ToList();

            Assert.Equal(2, locations.Count);
            Assert.All(locations, l => Assert.StartsWith(Path.Combine(ModuleSession.ModuleFolder, "dependencies"), l, StringComparison.Ordinal));
        }

        private static System.Collections.Hashtable ReadManifest()
        {
            var ast = Parser.ParseFile(ModuleSession.ModuleManifest, out _, out var errors);
            Assert.Empty(errors);
            var hashtable = (HashtableAst)ast.Find(a => a is HashtableAst, false);
            return (System.Collections.Hashtable)hashtable.SafeGetValue();
        }
    }
}
