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
                // Looked up in the module's own assemblies: on PowerShell 7 they live in the module's private load
                // context, where type literals such as [PartnerCenter.Relationships.Core.Models.Customer] do not reach.
                var found = session.Ok(
                    "$typeName = $args[0]; [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'PartnerCenter.Relationships*' } | ForEach-Object { $_.GetType($typeName) } | Where-Object { $null -ne $_ }",
                    typeName);
                Assert.True(found.Count == 1, $"format view type {typeName} does not exist");
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
            // Exactly these at the root: the package is this folder as it stands, so anything else here would ship too.
            Assert.Equal(
                new[] { "LICENSE", "PartnerCenter.Relationships.dll", "PartnerCenter.Relationships.format.ps1xml", "PartnerCenter.Relationships.psd1" },
                Directory.GetFiles(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "dependencies", "en-US" }, Directory.GetDirectories(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(File.ReadAllText(Path.Combine(ModuleSession.RepoRoot, "LICENSE")), File.ReadAllText(Path.Combine(root, "LICENSE")));
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

        [Fact]
        public void CoreAndEveryThirdPartyAssembly_LiveInThePrivateLoadContext_NotTheDefaultOne()
        {
            using var session = new ModuleSession();
            session.Ok("Get-PartnerCustomer | Out-Null");

            var contexts = session.Ok(
                "$folder = $args[0]; [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.Location -and $_.Location.StartsWith($folder) } | " +
                "ForEach-Object { '{0}|{1}' -f $_.GetName().Name, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }",
                ModuleSession.ModuleFolder)
                .Select(o => ((string)o.BaseObject).Split('|'))
                .ToDictionary(parts => parts[0], parts => parts[1]);

            Assert.Equal("Default", contexts["PartnerCenter.Relationships"]);
            Assert.Equal("Default", contexts["PartnerCenter.Relationships.LoadContext"]);
            foreach (var name in new[] { "PartnerCenter.Relationships.Core", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "SQLitePCLRaw.provider.e_sqlite3", "SQLitePCLRaw.batteries_v2" })
            {
                Assert.True(contexts.TryGetValue(name, out var context), name + " was not loaded");
                Assert.Equal("PartnerCenter.Relationships", context);
            }

            if (OperatingSystem.IsLinux())
            {
                // The native library the store uses is the module's own file.
                var maps = File.ReadAllText("/proc/self/maps");
                Assert.Contains(Path.Combine(ModuleSession.ModuleFolder, "dependencies", "runtimes", "linux-x64", "native", "libe_sqlite3.so"), maps);
            }
        }

        [Fact]
        public void RemoveModule_ThenImportAgain_InOneSession_Works()
        {
            using var session = new ModuleSession();
            session.Ok("Initialize-PartnerStore -SampleData -CustomerCount 5 -Seed 1 | Out-Null");
            var before = session.Ok("Get-PartnerCustomer -Name 'Contoso' | ForEach-Object CustomerId").Single().BaseObject.ToString();

            session.Ok("Remove-Module PartnerCenter.Relationships");
            Assert.Empty(session.Ok("Get-Module PartnerCenter.Relationships"));
            Assert.Empty(session.Ok("Get-Command Get-PartnerCustomer -ErrorAction SilentlyContinue"));

            session.Ok("Import-Module $args[0]", ModuleSession.ModuleManifest);
            session.Ok("Connect-PartnerCenter -StorePath $args[0] | Out-Null", session.StorePath);
            var after = session.Ok("Get-PartnerCustomer -Name 'Contoso' | ForEach-Object CustomerId").Single().BaseObject.ToString();
            Assert.Equal(before, after);
            var suspended = session.Ok("Get-PartnerCustomer -Name 'Contoso' | Get-PartnerSubscription -Active | Suspend-PartnerSubscription -PassThru -Confirm:$false | ForEach-Object Status");
            Assert.NotEmpty(suspended);
            Assert.All(suspended, s => Assert.Equal("Suspended", s.BaseObject.ToString()));

            // A third import after another removal still finds the same private load context.
            session.Ok("Remove-Module PartnerCenter.Relationships; Import-Module $args[0]", ModuleSession.ModuleManifest);
            var contexts = session.Ok("[System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'PartnerCenter.Relationships' | ForEach-Object Name");
            Assert.Single(contexts);
        }

        [Fact]
        public void RemoveModule_ForgetsThisRunspacesConnection()
        {
            using var session = new ModuleSession();
            const string disconnectMessages = "Disconnect-PartnerCenter -Verbose 4>&1 | ForEach-Object Message";

            // Control: while connected, disconnecting says what it disconnected from.
            Assert.Contains(session.StorePath, (string)session.Ok(disconnectMessages).Single().BaseObject);

            session.Ok("Connect-PartnerCenter -StorePath $args[0] | Out-Null", session.StorePath);
            session.Ok("Remove-Module PartnerCenter.Relationships; Import-Module $args[0]", ModuleSession.ModuleManifest);
            Assert.Empty(session.Ok(disconnectMessages));
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
