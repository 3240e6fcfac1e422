using System.Text;
using System.Text.Json;
using Nerdbank.Streams;
using PolicyLang.LanguageServer.Features.Hover;
using PolicyLang.LanguageServer.Features.Outline;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using StreamJsonRpc;
using static PolicyLang.Tests.LanguageServer.LspClient;

namespace PolicyLang.Tests.LanguageServer;

/// <summary>
/// A client that writes bytes, not messages: for what a well-behaved client never sends. It reads the server's
/// frames back and checks each is well-formed LSP.
/// </summary>
internal sealed class RawLspConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Task<int> _server;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly MemoryStream _pending = new();

    public RawLspConnection()
    {
        var (client, server) = FullDuplexStream.CreatePair();
        _stream = client;
        _server = Task.Run(() => PolicyLanguageServer.RunAsync(server, server, TextWriter.Null));
    }

    public Task<int> Server => _server;

    public async Task WriteRawAsync(string raw) => await WriteRawAsync(Encoding.UTF8.GetBytes(raw));

    public async Task WriteRawAsync(byte[] raw)
    {
        await _stream.WriteAsync(raw);
        await _stream.FlushAsync();
    }

    public Task SendAsync(object message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, LspJson.Options);
        return WriteRawAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n").Concat(body).ToArray());
    }

    /// <summary>The next message from the server (skipping notifications unless asked for), parsed.</summary>
    public async Task<JsonElement> ReadAsync(bool skipNotifications = true, int timeoutSeconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            var message = await ReadFrameAsync(timeout.Token);
            if (skipNotifications && !message.TryGetProperty("id", out _)) continue;
            return message;
        }
    }

    private async Task<JsonElement> ReadFrameAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var data = _pending.ToArray();
            var text = Encoding.ASCII.GetString(data);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var headers = text[..end].Split("\r\n");
                var lengthHeader = Assert.Single(headers, h => h.StartsWith("Content-Length:", StringComparison.Ordinal));
                var length = int.Parse(lengthHeader["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (data.Length >= end + 4 + length)
                {
                    var body = data.AsSpan(end + 4, length).ToArray();
                    _pending.SetLength(0);
                    _pending.Write(data, end + 4 + length, data.Length - end - 4 - length);
                    return JsonDocument.Parse(body).RootElement.Clone();
                }
            }
            var n = await _stream.ReadAsync(_buffer, cancellation);
            if (n == 0) throw new EndOfStreamException("the server closed the connection");
            _pending.Write(_buffer, 0, n);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync(new { jsonrpc = "2.0", id = 999999, method = "shutdown" });
            await SendAsync(new { jsonrpc = "2.0", method = "exit" });
            await _server.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException)
        {
        }
        await _stream.DisposeAsync();
    }
}

/// <summary>Malformed messages, unknown methods, unopened documents, huge documents and bursts of edits: the server answers and stays up.</summary>
public sealed class RobustnessTests
{
    private const string Header = "policy p {\n  title \"t\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n";

    private static object Initialize(int id) => new { jsonrpc = "2.0", id, method = "initialize", @params = new { processId = 1, capabilities = new { } } };

    [Fact]
    public async Task Malformed_messages_get_a_parse_error_and_the_server_keeps_answering()
    {
        await using var raw = new RawLspConnection();
        await raw.SendAsync(Initialize(1));
        Assert.Equal(1, (await raw.ReadAsync()).GetProperty("id").GetInt32());

        // A body that is not JSON.
        var junk = "{ this is not json";
        await raw.WriteRawAsync($"Content-Length: {Encoding.UTF8.GetByteCount(junk)}\r\n\r\n{junk}");
        var error = await raw.ReadAsync();
        Assert.Equal(JsonValueKind.Null, error.GetProperty("id").ValueKind);
        Assert.Equal(-32700, error.GetProperty("error").GetProperty("code").GetInt32());

        // A header block without Content-Length, and one with a length that is not a number.
        await raw.WriteRawAsync("Content-Type: application/vscode-jsonrpc\r\n\r\n");
        Assert.Equal(-32700, (await raw.ReadAsync()).GetProperty("error").GetProperty("code").GetInt32());
        await raw.WriteRawAsync("Content-Length: lots\r\n\r\n");
        Assert.Equal(-32700, (await raw.ReadAsync()).GetProperty("error").GetProperty("code").GetInt32());

        // Valid JSON that is not a JSON-RPC message.
        await raw.WriteRawAsync("Content-Length: 2\r\n\r\n[]");
        Assert.Equal(-32700, (await raw.ReadAsync()).GetProperty("error").GetProperty("code").GetInt32());

        // Still serving.
        await raw.SendAsync(new { jsonrpc = "2.0", id = 2, method = "textDocument/documentSymbol", @params = new { textDocument = new { uri = "file:///nowhere/missing.policy" } } });
        var answer = await raw.ReadAsync();
        Assert.Equal(2, answer.GetProperty("id").GetInt32());
        Assert.Equal(0, answer.GetProperty("result").GetArrayLength());
        Assert.False(raw.Server.IsCompleted);
    }

    [Fact]
    public async Task An_unknown_method_is_MethodNotFound()
    {
        await using var raw = new RawLspConnection();
        await raw.SendAsync(Initialize(1));
        await raw.ReadAsync();
        await raw.SendAsync(new { jsonrpc = "2.0", id = 7, method = "textDocument/noSuchThing", @params = new { } });
        var error = await raw.ReadAsync();
        Assert.Equal(7, error.GetProperty("id").GetInt32());
        Assert.Equal(-32601, error.GetProperty("error").GetProperty("code").GetInt32());
        // Unknown notifications are ignored without an answer; the next request is answered.
        await raw.SendAsync(new { jsonrpc = "2.0", method = "$/someClientNotification", @params = new { } });
        await raw.SendAsync(new { jsonrpc = "2.0", id = 8, method = "shutdown" });
        Assert.Equal(8, (await raw.ReadAsync()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Requests_for_an_unopened_document_are_answered_from_disk_or_empty()
    {
        await using var client = await StartAsync();
        var onDisk = Uris.FromPath(Repo.Path("examples", "liuzhou-2022.policy"));
        var symbols = await client.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentSymbolParams(Doc(onDisk)));
        Assert.Contains(symbols, s => s.Name == "liuzhou_2022");
        var missing = "file:///nowhere/at/all.policy";
        Assert.Empty(await client.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentSymbolParams(Doc(missing))));
        Assert.Null(await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(Doc(missing), new Position(0, 0))));
        // A change to a document that was never opened is ignored, not a crash.
        await client.ChangeAsync(missing, new TextDocumentContentChangeEvent("x"));
        Assert.Empty(await client.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentSymbolParams(Doc(missing))));
    }

    [Fact]
    public async Task A_10_MB_document_is_analysed_and_the_server_stays_responsive()
    {
        var rule = new StringBuilder();
        var i = 0;
        var text = new StringBuilder(Header);
        while (text.Length < 10 * 1024 * 1024)
            text.Append("rule r").Append(i++).Append(" \"不得讲授新课\" § \"三（三）\"\n  forbid any a in plan.activities where a.kind == new_lesson\n");
        await using var client = await StartAsync();
        var big = await client.OpenAsync("big.policy", text.ToString());
        var small = await client.OpenAsync("small.policy", Header + "param x: time = 17:30 § \"一\"\n");
        var diagnostics = await client.DiagnosticsAsync(big, 1, timeoutSeconds: 180);
        Assert.Empty(diagnostics.Diagnostics);
        Assert.Empty((await client.DiagnosticsAsync(small, 2, timeoutSeconds: 180)).Diagnostics);
        var symbols = await client.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentSymbolParams(Doc(big)));
        Assert.Equal(i + 1, symbols.Length);
    }

    [Fact]
    public async Task A_request_the_client_cancels_is_answered_as_cancelled()
    {
        var text = new StringBuilder(Header);
        for (var i = 0; text.Length < 2 * 1024 * 1024; i++)
            text.Append("rule r").Append(i).Append(" § \"三（三）\"\n  forbid any a in plan.activities where a.kind == new_lesson\n");
        await using var client = await StartAsync();
        var uri = await client.OpenAsync("cancel.policy", text.ToString());
        await client.DiagnosticsAsync(uri, 1, timeoutSeconds: 120);
        // An edit (a few bytes), a hover and its cancellation, back to back with no wait between them: the server reads
        // the three messages in far less time than the analysis of the edited 2 MB takes, and the hover, which waits for
        // that analysis, sees the cancellation and says so. (Neither a timer nor a wait between the messages: on a loaded
        // machine, with the whole suite running, a 50 ms timer fired, and the client's step after an awaited edit came,
        // only after the analysis had finished, and the hover was answered.)
        var editing = client.ChangeAsync(uri, new TextDocumentContentChangeEvent(" ", new PolicyLang.LanguageServer.Protocol.Range(new Position(0, 0), new Position(0, 0))));
        using var cancel = new CancellationTokenSource();
        var hover = client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(Doc(uri), new Position(6, 2)), cancel.Token);
        cancel.Cancel();
        await editing;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hover);
        // The server is still there, and the document still analysed.
        Assert.NotNull(await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(Doc(uri), new Position(5, 1))));
    }

    [Fact]
    public async Task Two_hundred_rapid_edits_end_with_the_diagnostics_of_the_last_version()
    {
        await using var client = await StartAsync();
        var text = Header + "param office_close: time = 17:30 § \"一\"\n";
        var uri = await client.OpenAsync("burst.policy", text);
        await client.DiagnosticsAsync(uri, 1);
        var marked = MarkedText.Parse(text);
        var end = marked.PositionOf(text.Length);
        var version = 0;
        var typed = "window {\n  end not before office_clos § \"一\"\n}\n";
        // Type the text one character per edit, then some more edits past it, 200 in all.
        var position = end;
        for (var k = 0; k < 200; k++)
        {
            var c = k < typed.Length ? typed[k].ToString() : k % 2 == 0 ? " " : "\b";
            if (c == "\b")
            {
                var back = new PolicyLang.LanguageServer.Protocol.Range(new Position(position.Line, position.Character - 1), position);
                version = await client.ChangeAsync(uri, new TextDocumentContentChangeEvent(string.Empty, back));
                position = back.Start;
                continue;
            }
            version = await client.ChangeAsync(uri, new TextDocumentContentChangeEvent(c, new PolicyLang.LanguageServer.Protocol.Range(position, position)));
            position = c == "\n" ? new Position(position.Line + 1, 0) : new Position(position.Line, position.Character + 1);
        }
        var last = await client.DiagnosticsAsync(uri, version, timeoutSeconds: 60);
        var d = Assert.Single(last.Diagnostics);
        Assert.Equal("PL0100", d.Code); // office_clos, did you mean office_close
    }
}
