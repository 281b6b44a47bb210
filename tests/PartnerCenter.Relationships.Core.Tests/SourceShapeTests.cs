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
            var tooLong = SourceFiles()
                .SelectMany(file => LongMethods(File.ReadAllText(file)).Select(m => $"{Relative(file)}:{m.Line} {m.Name}: {m.Lines} lines"))
                .ToList();

            Assert.True(tooLong.Count == 0, "Longer than " + MaxMethodLines + " lines:" + Environment.NewLine + string.Join(Environment.NewLine, tooLong));
        }

        [Fact]
        public void TheCheck_FindsAMethodOf41Lines_NotOneOf40()
        {
            // The rule must be able to fail, and only just past its bound.
            Assert.Equal(new[] { ("M", 41) }, LongMethods(ClassWithMethodOf(41)).Select(m => (m.Name, m.Lines)));
            Assert.Empty(LongMethods(ClassWithMethodOf(40)));
        }

        /// <summary>The methods of <paramref name="source"/> longer than the bound, from their declaration line to their closing brace.</summary>
        private static IEnumerable<(int Line, string Name, int Lines)> LongMethods(string source) =>
            CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().Where(IsMethodLike)
                .Select(member => (Span: member.GetLocation().GetLineSpan(), Member: member))
                .Select(m => (Line: m.Span.StartLinePosition.Line + 1, Name: Name(m.Member), Lines: m.Span.EndLinePosition.Line - m.Span.StartLinePosition.Line + 1))
                .Where(m => m.Lines > MaxMethodLines);

        /// <summary>A class with one method M of <paramref name="lines"/> lines: its declaration, braces and statements.</summary>
        private static string ClassWithMethodOf(int lines)
        {
            var statements = Enumerable.Range(0, lines - 3).Select(i => $"        var x{i} = {i};");
            return "class C\n{\n    void M()\n    {\n" + string.Join("\n", statements) + "\n    }\n}\n";
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
