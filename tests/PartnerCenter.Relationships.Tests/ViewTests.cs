using System.IO;
using System.Linq;
using System.Xml.Linq;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// The format file names types that exist, and every type a cmdlet declares as output has a view. How the views
    /// look at 80 and 120 columns is tested in tests/Pester/TableViews.Tests.ps1.
    /// </summary>
    public sealed class ViewTests
    {
        [Fact]
        public void EveryFormatView_NamesATypeThatExists()
        {
            using var session = new ModuleSession();
            session.Ok("Get-PartnerCustomer | Out-Null"); // the core assembly loads with the first command
            var format = XDocument.Load(Path.Combine(RepoPaths.ModuleFolder, "PartnerCenter.Relationships.format.ps1xml"));
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
    }
}
