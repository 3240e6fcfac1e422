using System.Text;
using System.Text.Json;
using static PolicyLang.Tests.TestHelpers;

namespace PolicyLang.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policyc-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private const string Good = "policy p {\n  title     \"t\"\n  issuer    \"i\"\n  effective 2021-09-01\n}\n";

    [Fact]
    public void Check_exits_0_for_clean_files_1_for_errors_2_for_unreadable_ones()
    {
        Assert.Equal(0, Policyc("check", Write("good.policy", Good)).Exit);
        var (exit, stdout, _) = Policyc("check", Write("bad.policy", Good + "fee { cap 100 § \"1\" }\n"));
        Assert.Equal(1, exit);
        Assert.Matches(@"bad\.policy\(6,11\): error PL0200: ", stdout);
        Assert.Equal(2, Policyc("check", Path.Combine(_dir, "missing.policy")).Exit);
    }

    [Fact]
    public void Check_prints_Chinese_messages_with_lang_zh()
    {
        var (_, stdout, _) = Policyc("check", "--lang", "zh", Write("bad.policy", Good + "fee { wave registered_poverty § \"1\" }\n"));
        Assert.Contains("此处不应出现名称“wave”", stdout);
    }

    [Fact]
    public void Check_json_has_exactly_the_documented_fields()
    {
        var (exit, stdout, _) = Policyc("check", "--format", "json", Write("bad.policy", Good + "fee { cap 100 § \"1\" }\n"));
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        var d = Assert.Single(doc.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(new[] { "file", "line", "column", "endLine", "endColumn", "severity", "code", "message" }, d.EnumerateObject().Select(p => p.Name));
        Assert.Equal(6, d.GetProperty("line").GetInt32());
        Assert.Equal(11, d.GetProperty("column").GetInt32());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal("PL0200", d.GetProperty("code").GetString());
    }

    [Fact]
    public void Check_sarif_is_a_sarif_2_1_0_log_with_rules_and_regions()
    {
        var (_, stdout, _) = Policyc("check", "--format", "sarif", Write("bad.policy", Good + "fee { cap 100 § \"1\" }\n"));
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("policyc", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        Assert.Equal("PL0200", run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0].GetProperty("id").GetString());
        var result = run.GetProperty("results")[0];
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal(6, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Bad_files_get_located_diagnostics_and_exit_1_never_a_stack_trace()
    {
        var empty = Write("empty.policy", "");
        var binary = WriteBytes("binary.policy", new byte[] { 0x70, 0x6F, 0x6C, 0x00, 0x01, 0x02 });
        var latin1 = WriteBytes("latin1.policy", Encoding.UTF8.GetBytes("policy p {\n  title \"caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\"\n}\n")).ToArray());
        var longLine = Write("long.policy", Good + "// " + new string('x', 5 * 1024 * 1024) + "\nparam x: int = " + new string('9', 100) + "\n");
        var unknown = Write("unknown.policy", Good + "windw { days mon..fri § \"1\" }\n");
        foreach (var (file, code, line) in new[] { (empty, "PL0009", 1), (binary, "PL0015", 1), (latin1, "PL0014", 2), (longLine, "PL0211", 7), (unknown, "PL0004", 6) })
        {
            var (exit, stdout, stderr) = Policyc("check", file);
            Assert.True(exit == 1, $"{file}: exit {exit}\n{stdout}{stderr}");
            Assert.Contains($"({line},", stdout);
            Assert.Contains(code, stdout);
            Assert.DoesNotContain("   at ", stdout + stderr);
        }
    }

    [Fact]
    public void Check_of_a_folder_checks_the_policies_in_it()
    {
        Write("a.policy", Good);
        Write("b.policy", Good.Replace("policy p", "policy q"));
        var (exit, stdout, _) = Policyc("check", _dir);
        Assert.Equal(0, exit);
        Assert.Contains("Checked 2 files", stdout);
    }

    [Fact]
    public void Fmt_rewrites_in_place_and_check_mode_reports_without_writing()
    {
        var path = Write("messy.policy", "policy p{title \"t\" issuer \"i\" effective 2021-09-01}\n");
        var before = File.ReadAllText(path);
        var (checkExit, checkOut, _) = Policyc("fmt", "--check", path);
        Assert.Equal(1, checkExit);
        Assert.Contains("needs formatting", checkOut);
        Assert.Equal(before, File.ReadAllText(path));

        Assert.Equal(0, Policyc("fmt", path).Exit);
        Assert.Equal(Good, File.ReadAllText(path));
        Assert.Equal(0, Policyc("fmt", "--check", path).Exit);
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Fmt_stdout_prints_without_touching_the_file()
    {
        var path = Write("messy.policy", "policy p{title \"t\" issuer \"i\" effective 2021-09-01}\n");
        var (exit, stdout, _) = Policyc("fmt", "--stdout", path);
        Assert.Equal(0, exit);
        Assert.Equal(Good, stdout);
        Assert.NotEqual(Good, File.ReadAllText(path));
    }

    [Fact]
    public void Fmt_leaves_a_file_with_syntax_errors_alone()
    {
        var path = Write("broken.policy", "policy p { title \"t\"\nfee { cap }\n");
        var before = File.ReadAllBytes(path);
        var (exit, _, stderr) = Policyc("fmt", path);
        Assert.Equal(1, exit);
        Assert.Contains("syntax errors", stderr);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, Policyc("check").Exit);
        Assert.Equal(2, Policyc("check", "--format", "xml", "a.policy").Exit);
        Assert.Equal(2, Policyc("frobnicate").Exit);
    }
}
