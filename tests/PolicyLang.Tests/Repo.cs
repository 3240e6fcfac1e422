using System.Runtime.CompilerServices;

namespace PolicyLang.Tests;

/// <summary>Paths inside the repository, found from this source file's location.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());

    public static string Examples => Path("examples");
    public static string Golden => Path("tests", "PolicyLang.Tests", "Golden");

    /// <summary>Set POLICYLANG_UPDATE_GOLDEN=1 to rewrite expected files instead of comparing.</summary>
    public static bool UpdateGolden => Environment.GetEnvironmentVariable("POLICYLANG_UPDATE_GOLDEN") == "1";

    private static string FindRoot([CallerFilePath] string here = "")
    {
        var dir = System.IO.Path.GetDirectoryName(here);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "PolicyLang.sln")))
            dir = System.IO.Path.GetDirectoryName(dir);
        if (dir is not null) return dir;
        // Fall back to the working directory (tests run from the repository in CI).
        dir = Directory.GetCurrentDirectory();
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "PolicyLang.sln")))
            dir = System.IO.Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("cannot find the repository root (PolicyLang.sln)");
    }
}
