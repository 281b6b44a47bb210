using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Core.Tests
{
    /// <summary>
    /// The shape the code is kept in, so that each rule stays readable where it lives: no file under src/ over 400
    /// lines and no method (constructor, accessor, local function or lambda-bodied member) over 40.
    /// </summary>
    public sealed class SourceShapeTests
    {
        private const int MaxFileLines = 400;
        private const int MaxMethodLines = 40;

        [Fact]
        public void NoSourceFile_IsLongerThan400Lines()
        {
            var tooLong = SourceFiles()
                .Select(f => (File: f, Lines: File.ReadAllLines(f).Length))
                .Where(f => f.Lines > MaxFileLines)
                .Select(f => $"{Relative(f.File)}: {f.Lines} lines")
                .ToList();

            Assert.True(tooLong.Count == 0, "Longer than " + MaxFileLines + " lines:" + Environment.NewLine + string.Join(Environment.NewLine, tooLong));
        }

        [Fact]
        public void NoMethod_IsLongerThan40Lines()
        {
            var tooLong = new List<string>();
            foreach (var file in SourceFiles())
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (var member in root.DescendantNodes().Where(IsMethodLike))
                {
                    var span = member.GetLocation().GetLineSpan();
                    var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                    if (lines > MaxMethodLines)
                    {
                        tooLong.Add($"{Relative(file)}:{span.StartLinePosition.Line + 1} {Name(member)}: {lines} lines");
                    }
                }
            }

            Assert.True(tooLong.Count == 0, "Longer than " + MaxMethodLines + " lines:" + Environment.NewLine + string.Join(Environment.NewLine, tooLong));
        }

        [Fact]
        public void TheCheck_FindsALongMethod()
        {
            // The rule must be able to fail: a 41-line method is found.
            var body = string.Join(Environment.NewLine, Enumerable.Range(0, 39).Select(i => $"        var x{i} = {i};"));
            var source = "class C\n{\n    void M()\n    {\n" + body + "\n    }\n}\n";
            var method = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().Single(IsMethodLike);
            var span = method.GetLocation().GetLineSpan();

            Assert.Equal(MaxMethodLines + 2, span.EndLinePosition.Line - span.StartLinePosition.Line + 1);
        }

        private static bool IsMethodLike(SyntaxNode node) =>
            node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax;

        private static string Name(SyntaxNode node) => node switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
            LocalFunctionStatementSyntax l => l.Identifier.Text + " (local function)",
            AccessorDeclarationSyntax a => a.Keyword.Text + " accessor",
            _ => node.Kind().ToString(),
        };

        private static IEnumerable<string> SourceFiles()
        {
            var src = Path.Combine(RepoPaths.Root, "src");
            return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        }

        private static string Relative(string file) => Path.GetRelativePath(RepoPaths.Root, file);
    }
}
