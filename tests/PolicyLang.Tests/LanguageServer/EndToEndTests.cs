using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PolicyLang.Tests.Editor;

namespace PolicyLang.Tests.LanguageServer;

/// <summary>
/// The real <c>policyc lsp</c> process, driven over stdio by a client that is not ours (the npm
/// vscode-languageserver-protocol client, lsp/vscode/test/e2e/lsp-e2e.js), and by raw bytes to check that standard
/// output carries nothing but protocol.
/// </summary>
public sealed class EndToEndTests
{
    private static string PolicycDll => Path.Combine(AppContext.BaseDirectory, "policyc.dll");

    [Theory]
    [InlineData("en", "Cited clause: **§ 三（二）**")]
    [InlineData("zh-cn", "依据条款：**§ 三（二）**")]
    public void The_npm_protocol_client_drives_policyc_lsp_over_stdio(string locale, string cited)
    {
        Npm.EnsureInstalled();
        var result = Npm.Check("node", new[] { "test/e2e/lsp-e2e.js", Repo.Path("examples"), locale, "dotnet", PolicycDll, "lsp", "--stdio" }, TimeSpan.FromMinutes(5));
        var line = result.Stdout.Trim().Split('\n').Last();
        var o = JsonDocument.Parse(line).RootElement;
        Assert.False(o.TryGetProperty("fatal", out var fatal), fatal.ToString());
        Assert.Equal(0, o.GetProperty("errors").GetArrayLength());
        Assert.Equal("policyc lsp", o.GetProperty("serverName").GetString());
        var capabilities = o.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ToList();
        foreach (var c in new[] { "hoverProvider", "completionProvider", "definitionProvider", "referencesProvider", "renameProvider", "documentSymbolProvider",
                     "documentFormattingProvider", "semanticTokensProvider", "foldingRangeProvider", "codeActionProvider", "inlayHintProvider", "codeLensProvider" })
            Assert.Contains(c, capabilities);
        Assert.Equal(0, o.GetProperty("openErrors").GetInt32());
        Assert.Contains(cited, o.GetProperty("hover").GetString(), StringComparison.Ordinal);
        Assert.Equal(o.GetProperty("paramLine").GetInt32(), o.GetProperty("definitionLine").GetInt32());
        Assert.Contains("cap", o.GetProperty("completion").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("liuzhou_2022", o.GetProperty("symbols").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, o.GetProperty("formattingEdits").GetInt32()); // the example is formatted
        // The typo, located; the test that expects window.end now names a rule that does not bind (PL0117).
        var changed = o.GetProperty("changed").EnumerateArray().ToList();
        Assert.Equal("PL0100", changed[0].GetProperty("code").GetString());
        Assert.Equal(o.GetProperty("paramLine").GetInt32() + 4, changed[0].GetProperty("line").GetInt32());
        Assert.Equal(-32601, o.GetProperty("unknownMethod").GetInt32());
        Assert.Equal(0, o.GetProperty("exitCode").GetInt32());
        Assert.True(o.GetProperty("stderrHasLog").GetBoolean());
    }

    /// <summary>Headless Neovim's built-in LSP client (lsp/neovim/e2e.lua), when nvim is installed.</summary>
    [NeovimFact]
    public void Headless_Neovim_gets_diagnostics_hover_and_definition()
    {
        var nvim = NeovimFactAttribute.Nvim!;
        var start = new ProcessStartInfo(nvim)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "-u", "NONE", "-c", "luafile " + Repo.Path("lsp", "neovim", "e2e.lua") }) start.ArgumentList.Add(a);
        start.Environment["POLICYC_DLL"] = PolicycDll;
        start.Environment["POLICY_FILE"] = Repo.Path("examples", "liuzhou-2022.policy");
        start.Environment["XDG_STATE_HOME"] = Path.Combine(Path.GetTempPath(), "policylang-nvim-state");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(Path.GetTempPath(), "policylang-nvim-cache");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("headless nvim did not finish within 3 minutes");
        }
        var line = stdout.Result.Trim().Split('\n').LastOrDefault(l => l.StartsWith('{')) ?? string.Empty;
        Assert.True(line.Length > 0, $"no JSON from nvim (exit {process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        var o = JsonDocument.Parse(line).RootElement;
        Assert.True(o.GetProperty("ok").GetBoolean(), line);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(0, o.GetProperty("errors").GetInt32());
        Assert.True(o.GetProperty("hover_has_section").GetBoolean());
        Assert.Equal(o.GetProperty("expected_line").GetInt32(), o.GetProperty("definition_line").GetInt32());
    }

    [Fact]
    public async Task Standard_output_carries_only_protocol_frames()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { PolicycDll, "lsp" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var input = process.StandardInput.BaseStream;
        async Task Send(string json)
        {
            var body = Encoding.UTF8.GetBytes(json);
            await input.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
            await input.WriteAsync(body);
            await input.FlushAsync();
        }
        var uri = new Uri(Repo.Path("examples", "liuzhou-2022.policy")).AbsoluteUri;
        var text = File.ReadAllText(Repo.Path("examples", "liuzhou-2022.policy"));
        await Send("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}""");
        await Send("""{"jsonrpc":"2.0","method":"initialized","params":{}}""");
        await Send(JsonSerializer.Serialize(new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri, languageId = "policy", version = 1, text } } }));
        await Send(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 2, method = "textDocument/codeLens", @params = new { textDocument = new { uri } } }));
        await Send("not even a frame\r\n\r\n");
        await Send("""{"jsonrpc":"2.0","id":3,"method":"shutdown"}""");
        await Send("""{"jsonrpc":"2.0","method":"exit"}""");
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "policyc lsp did not exit after 'exit'");
        await copy;
        Assert.Equal(0, process.ExitCode);

        // Every byte of standard output belongs to a Content-Length frame holding a JSON-RPC message.
        var bytes = stdout.ToArray();
        var ids = new List<int>();
        var at = 0;
        while (at < bytes.Length)
        {
            var headerEnd = IndexOf(bytes, "\r\n\r\n"u8.ToArray(), at);
            Assert.True(headerEnd > at, $"no header at byte {at}: {Encoding.UTF8.GetString(bytes, at, Math.Min(80, bytes.Length - at))}");
            var header = Encoding.ASCII.GetString(bytes, at, headerEnd - at);
            Assert.StartsWith("Content-Length: ", header, StringComparison.Ordinal);
            var length = int.Parse(header["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var message = JsonDocument.Parse(bytes.AsMemory(headerEnd + 4, length)).RootElement;
            Assert.Equal("2.0", message.GetProperty("jsonrpc").GetString());
            if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number) ids.Add(id.GetInt32());
            at = headerEnd + 4 + length;
        }
        Assert.Equal(new[] { 1, 2, 3 }, ids.Order());
        Assert.Contains("[policyc lsp]", await stderr, StringComparison.Ordinal);
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        for (var i = from; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }
}

/// <summary>A test that needs nvim on PATH; skipped, with the reason, where it is not installed.</summary>
public sealed class NeovimFactAttribute : FactAttribute
{
    public static string? Nvim { get; } = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, "nvim")).FirstOrDefault(File.Exists);

    public NeovimFactAttribute()
    {
        if (Nvim is null) Skip = "nvim is not installed (apt-get install neovim); the npm client test covers the protocol";
    }
}
