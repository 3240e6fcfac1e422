using PolicyLang.Tooling;
using Xunit;

namespace PolicyLang.Tests.Files;

/// <summary>The one atomic writer: old content or new, never half; no temporary file left behind; folders made only when asked.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policylang-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_write_replaces_the_file_and_leaves_nothing_else()
    {
        var target = Path.Combine(_dir, "out.txt");
        File.WriteAllText(target, "old");
        AtomicFile.WriteAllText(target, "new 新");
        Assert.Equal("new 新", File.ReadAllText(target));
        Assert.Equal(new[] { target }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_files_and_removes_its_temporaries()
    {
        var a = Path.Combine(_dir, "a.csv");
        var b = Path.Combine(_dir, "b.csv");
        File.WriteAllText(a, "old a");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Files(new[] { a, b }, temps =>
        {
            File.WriteAllText(temps[0], "new a");
            File.WriteAllText(temps[1], "half of b");
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("disk full", e.Message);
        Assert.Equal("old a", File.ReadAllText(a));
        Assert.False(File.Exists(b));
        Assert.Equal(new[] { a }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_missing_folder_is_an_error_unless_the_caller_asks_for_it()
    {
        var nested = Path.Combine(_dir, "no", "such", "out.txt");
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(nested, "x"));
        Assert.False(Directory.Exists(Path.Combine(_dir, "no")));
        AtomicFile.File(nested, temp => File.WriteAllText(temp, "x"), createFolder: true);
        Assert.Equal("x", File.ReadAllText(nested));
    }
}
