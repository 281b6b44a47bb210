using System;
using System.IO;
using System.Runtime.InteropServices;
using PartnerCenter.Relationships.Core.Errors;
using PartnerCenter.Relationships.Core.Store;
using PartnerCenter.Relationships.Testing;

namespace PartnerCenter.Relationships.Core.Tests.Store
{
    public sealed class PlatformTests
    {
        [Theory]
        [InlineData("WINDOWS", Architecture.X64, false, "win-x64", "e_sqlite3.dll")]
        [InlineData("WINDOWS", Architecture.Arm64, false, "win-arm64", "e_sqlite3.dll")]
        [InlineData("LINUX", Architecture.X64, false, "linux-x64", "libe_sqlite3.so")]
        [InlineData("LINUX", Architecture.Arm64, false, "linux-arm64", "libe_sqlite3.so")]
        [InlineData("LINUX", Architecture.X64, true, "linux-musl-x64", "libe_sqlite3.so")]
        [InlineData("OSX", Architecture.X64, false, "osx-x64", "libe_sqlite3.dylib")]
        [InlineData("OSX", Architecture.Arm64, false, "osx-arm64", "libe_sqlite3.dylib")]
        public void EachSupportedPlatform_MapsToItsNativeLibrary(string os, Architecture architecture, bool musl, string rid, string file)
        {
            var target = NativeSqliteTarget.Select(OSPlatform.Create(os), architecture, musl);

            Assert.NotNull(target);
            Assert.Equal(rid, target!.RuntimeIdentifier);
            Assert.Equal(file, target.FileName);
            Assert.Equal(Path.Combine("base", "runtimes", rid, "native", file), target.PathUnder("base"));
        }

        [Theory]
        [InlineData("WINDOWS", Architecture.X64, false)]
        [InlineData("WINDOWS", Architecture.Arm64, false)]
        [InlineData("LINUX", Architecture.X64, false)]
        [InlineData("LINUX", Architecture.Arm64, false)]
        [InlineData("LINUX", Architecture.X64, true)]
        [InlineData("OSX", Architecture.X64, false)]
        [InlineData("OSX", Architecture.Arm64, false)]
        public void EachSupportedPlatform_FindsItsLibraryInTheStagedModule(string os, Architecture architecture, bool musl)
        {
            var dependencies = Path.Combine(RepoPaths.ModuleFolder, "dependencies");

            var path = NativeSqliteTarget.Select(OSPlatform.Create(os), architecture, musl)!.PathUnder(dependencies);

            Assert.True(File.Exists(path), path + " is not in the staged module");
        }

        [Theory]
        [InlineData("WINDOWS", Architecture.X86, false)]
        [InlineData("LINUX", Architecture.Arm, false)]
        [InlineData("LINUX", Architecture.Arm64, true)]
        [InlineData("FREEBSD", Architecture.X64, false)]
        public void UnsupportedPlatforms_HaveNoTarget(string os, Architecture architecture, bool musl)
        {
            Assert.Null(NativeSqliteTarget.Select(OSPlatform.Create(os), architecture, musl));
        }

        [Theory]
        [InlineData("WINDOWS", Architecture.X86, false, "Microsoft Windows 10.0.19045, X86")]
        [InlineData("FREEBSD", Architecture.X64, false, "FreeBSD 14.1-RELEASE, X64")]
        [InlineData("LINUX", Architecture.Arm64, true, "Alpine Linux v3.20, Arm64, musl")]
        public void AnUnsupportedPlatform_IsAClearErrorNamingIt(string os, Architecture architecture, bool musl, string platform)
        {
            var error = Assert.Throws<PartnerException>(() => NativeSqliteLibrary.RequireTarget(OSPlatform.Create(os), architecture, musl, platform));

            Assert.Equal(PartnerErrorId.UnsupportedPlatform, error.ErrorId);
            Assert.Equal(PartnerErrorCategory.NotImplemented, error.Category);
            Assert.Contains(platform, error.Message);
            Assert.NotNull(error.RecommendedAction);
        }

        [Fact]
        public void ThisPlatform_IsSupported()
        {
            Assert.Equal(RuntimeInformation.RuntimeIdentifier, NativeSqliteLibrary.CurrentTarget().RuntimeIdentifier);
        }

        [Fact]
        public void DefaultStorePath_FollowsTheEnvironmentVariable_ThenTheUserDataFolder()
        {
            var saved = Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, Path.Combine(Path.GetTempPath(), "elsewhere.db"));
                Assert.Equal(Path.Combine(Path.GetTempPath(), "elsewhere.db"), StoreLocation.DefaultPath());

                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, null);
                var expectedFolder = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                    ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                    : Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg
                    : Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".local", "share");
                Assert.Equal(Path.Combine(expectedFolder, "PartnerCenter.Relationships", "partner.db"), StoreLocation.DefaultPath());
                Assert.True(StoreLocation.IsPerUserDefault(StoreLocation.DefaultPath()));
            }
            finally
            {
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, saved);
            }
        }
    }
}
