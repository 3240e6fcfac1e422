using PolicyLang.Diagnostics;
using PolicyLang.Text;

namespace PolicyLang.Tests.Files;

/// <summary>
/// File-level diagnostics that no golden file can show: PL0016 (a file over the size limit would have to be
/// committed) and PL0017 (a file that cannot be read is not a file in the repository).
/// </summary>
public sealed class SourceFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "policylang-tests-" + Guid.NewGuid().ToString("N"));

    public SourceFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    /// <summary>A file of the given length without writing its bytes (sparse where the file system allows).</summary>
    private string FileOfLength(string name, long length)
    {
        var path = Path.Combine(_folder, name);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.SetLength(length);
        return path;
    }

    [Fact]
    public void A_file_over_the_size_limit_is_PL0016()
    {
        var path = FileOfLength("huge.policy", 100L * 1024 * 1024);

        var status = SourceFile.Read(path, out var text, out var diagnostic);

        Assert.Equal(SourceReadStatus.InvalidContent, status);
        Assert.Null(text);
        Assert.NotNull(diagnostic);
        Assert.Equal("PL0016", diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("the file is 104,857,600 bytes; policies are limited to 67,108,864 bytes (64 MB)", diagnostic.GetMessage(Language.English));
        Assert.Equal("文件大小为 104,857,600 字节；政策文件上限为 67,108,864 字节（64 MB）", diagnostic.GetMessage(Language.Chinese));
        Assert.Equal(path, diagnostic.Location.Path);
        Assert.Equal(0, diagnostic.Location.Start.Line);
        Assert.Equal(0, diagnostic.Location.Start.Character);
    }

    [Fact]
    public void A_file_one_byte_over_the_limit_is_PL0016_and_one_at_the_limit_is_read()
    {
        var over = FileOfLength("over.policy", SourceFile.MaxBytes + 1);
        Assert.Equal(SourceReadStatus.InvalidContent, SourceFile.Read(over, out _, out var diagnostic));
        Assert.Equal("PL0016", diagnostic!.Code);

        // At the limit the file is read (and, being all NUL bytes, is then PL0015 rather than PL0016).
        var at = FileOfLength("at.policy", SourceFile.MaxBytes);
        Assert.Equal(SourceReadStatus.InvalidContent, SourceFile.Read(at, out _, out var atLimit));
        Assert.Equal("PL0015", atLimit!.Code);
    }

    [Fact]
    public void Policyc_check_reports_PL0016_and_exits_1()
    {
        var path = FileOfLength("huge.policy", 100L * 1024 * 1024);

        var (exit, stdout, _) = TestHelpers.Policyc("check", path);

        Assert.Equal(1, exit);
        Assert.Contains("error PL0016: the file is 104,857,600 bytes; policies are limited to 67,108,864 bytes (64 MB)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_PL0017()
    {
        var path = Path.Combine(_folder, "missing.policy");

        var status = SourceFile.Read(path, out var text, out var diagnostic);

        Assert.Equal(SourceReadStatus.Unreadable, status);
        Assert.Null(text);
        Assert.NotNull(diagnostic);
        Assert.Equal("PL0017", diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal($"cannot read '{path}': no such file", diagnostic.GetMessage(Language.English));
        Assert.Equal($"无法读取“{path}”：文件不存在", diagnostic.GetMessage(Language.Chinese));
        Assert.Equal(path, diagnostic.Location.Path);
    }

    [Fact]
    public void A_folder_is_PL0017()
    {
        var status = SourceFile.Read(_folder, out var text, out var diagnostic);

        Assert.Equal(SourceReadStatus.Unreadable, status);
        Assert.Null(text);
        Assert.NotNull(diagnostic);
        Assert.Equal("PL0017", diagnostic.Code);
        Assert.Equal($"cannot read '{_folder}': it is a folder, not a file", diagnostic.GetMessage(Language.English));
        Assert.Equal($"无法读取“{_folder}”：这是文件夹而非文件", diagnostic.GetMessage(Language.Chinese));
    }

    [Fact]
    public void Policyc_check_reports_PL0017_and_exits_2()
    {
        var path = Path.Combine(_folder, "missing.policy");

        var (exit, stdout, stderr) = TestHelpers.Policyc("check", path);

        Assert.Equal(2, exit);
        Assert.Contains("error PL0017: cannot read '" + path + "': no such file", stdout + stderr, StringComparison.Ordinal);
    }
}
