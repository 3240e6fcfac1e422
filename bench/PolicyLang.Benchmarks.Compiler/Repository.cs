namespace PolicyLang.Benchmarks.Compiler;

public static class Repository
{
    /// <summary>The examples folder: from the working directory (the repository root) or above it.</summary>
    public static string Examples
    {
        get
        {
            for (var dir = Directory.GetCurrentDirectory(); dir is not null; dir = Path.GetDirectoryName(dir))
                if (File.Exists(Path.Combine(dir, "PolicyLang.sln")))
                    return Path.Combine(dir, "examples");
            throw new InvalidOperationException("run from inside the repository (PolicyLang.sln not found)");
        }
    }
}
