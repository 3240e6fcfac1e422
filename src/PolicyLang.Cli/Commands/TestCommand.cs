using System.Text.Json;
using PolicyLang.Cli.Output;
using PolicyLang.Tooling;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policyc test FILE...</c>: runs the test blocks; exit 1 if any fails.</summary>
public static class TestCommand
{
    public static int Run(IReadOnlyList<string> paths, string format, string engine, Language language, TextWriter stdout, TextWriter stderr, Func<Stream> rawStdout)
    {
        var (compilations, exit) = PolicyInput.Load(paths, language, stderr, errorsAreBadInput: false);
        if (exit is { } code) return code;
        var zh = language == Language.Chinese;
        var results = new List<PolicyTestResult>();
        foreach (var compilation in compilations)
            results.AddRange(PolicyTestRunner.Run(compilation.Policy, engine == "interpreter" ? TestEngine.Interpreted : TestEngine.Compiled, language));

        if (format == "json")
        {
            using var stream = rawStdout();
            using var json = new Utf8JsonWriter(stream, DiagnosticWriter.JsonOptions);
            json.WriteStartObject();
            json.WriteStartArray("tests");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("policy", r.Policy);
                json.WriteString("name", r.Name);
                json.WriteBoolean("passed", r.Passed);
                json.WriteString("expected", r.Expected);
                json.WriteString("actual", r.Actual);
                json.WriteStartArray("errors");
                foreach (var e in r.Errors) json.WriteStringValue(e);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
        }
        else
        {
            foreach (var r in results)
            {
                stdout.WriteLine($"{(r.Passed ? (zh ? "通过" : "PASS") : (zh ? "失败" : "FAIL"))}  {r.Policy}: {r.Name}");
                if (!r.Passed)
                {
                    stdout.WriteLine($"      {(zh ? "预期" : "expected")} {r.Expected}");
                    stdout.WriteLine($"      {(zh ? "实际" : "actual")}   {r.Actual}");
                    foreach (var e in r.Errors) stdout.WriteLine("      " + e);
                }
            }
            var failed = results.Count(r => !r.Passed);
            stdout.WriteLine(zh
                ? $"{results.Count} 个测试：{results.Count - failed} 个通过，{failed} 个失败。"
                : $"{results.Count} test{(results.Count == 1 ? "" : "s")}: {results.Count - failed} passed, {failed} failed.");
        }
        return results.All(r => r.Passed) ? 0 : 1;
    }
}
