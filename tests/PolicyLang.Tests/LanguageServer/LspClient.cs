using System.Collections.Concurrent;
using System.Text.Json;
using Nerdbank.Streams;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Text;
using StreamJsonRpc;
using Range = PolicyLang.LanguageServer.Protocol.Range;
using Position = PolicyLang.LanguageServer.Protocol.Position;

namespace PolicyLang.Tests.LanguageServer;

/// <summary>
/// A text with a cursor ‸ and spans ⟦like this⟧ marked, as the language-server tests write their policies.
/// </summary>
public sealed class MarkedText
{
    private MarkedText(string text, int? cursor, IReadOnlyList<TextSpan> spans)
    {
        Text = text;
        Cursor = cursor;
        Spans = spans;
    }

    public string Text { get; }
    public int? Cursor { get; }
    public IReadOnlyList<TextSpan> Spans { get; }

    public Position CursorPosition => PositionOf(Cursor ?? throw new InvalidOperationException("the text marks no cursor ‸"));

    public Position PositionOf(int offset)
    {
        var p = SourceText.From(Text).GetLinePosition(offset);
        return new Position(p.Line, p.Character);
    }

    public Range RangeOf(TextSpan span) => new(PositionOf(span.Start), PositionOf(span.End));

    /// <summary>The spans as <see cref="AnnotatedText"/> reads them; the cursor is where ‸ stands in the text without markers.</summary>
    public static MarkedText Parse(string marked)
    {
        marked = marked.Replace("\r\n", "\n");
        var at = marked.IndexOf('‸');
        int? cursor = at < 0 ? null : marked[..at].Count(c => c is not ('⟦' or '⟧'));
        var annotated = AnnotatedText.Parse(marked.Replace("‸", string.Empty));
        return new MarkedText(annotated.Text, cursor, annotated.Spans);
    }
}

/// <summary>
/// An LSP client for in-process tests: the server on one end of a full-duplex pipe, StreamJsonRpc with LSP's
/// header framing on the other. Notifications from the server (diagnostics) are collected for the tests to wait on.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly Task<int> _server;
    private readonly StringWriter _log;
    private readonly ConcurrentQueue<PublishDiagnosticsParams> _diagnostics = new();
    private readonly SemaphoreSlim _diagnosticsArrived = new(0);
    private int _version;

    private LspClient(JsonRpc rpc, Task<int> server, StringWriter log)
    {
        _log = log;
        _rpc = rpc;
        _server = server;
    }

    public string ServerLog
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>
    /// Here the client and the server share one process and its thread pool (in use they are two processes): while the
    /// server's handlers wait on an analysis, the client's own work (StreamJsonRpc sends a cancellation from the pool)
    /// would otherwise wait for the pool to grow, half a second at a time, and a test's timing would be the pool's.
    /// </summary>
    static LspClient()
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        if (workers < 32) ThreadPool.SetMinThreads(32, completions);
    }

    public static async Task<LspClient> StartAsync(string? locale = null, string? workspaceFolder = null)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var log = new StringWriter();
        var server = Task.Run(() => PolicyLanguageServer.RunAsync(serverStream, serverStream, TextWriter.Synchronized(log)));
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, formatter));
        var client = new LspClient(rpc, server, log);
        rpc.AddLocalRpcTarget(new Notifications(client), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        var folders = workspaceFolder is null ? null : new[] { new WorkspaceFolder(Uris.FromPath(workspaceFolder), "ws") };
        var init = await client.RequestAsync<JsonElement>("initialize", new InitializeParams
        {
            ProcessId = Environment.ProcessId,
            ClientInfo = new ClientInfo("PolicyLang.Tests"),
            Locale = locale,
            WorkspaceFolders = folders,
        });
        client.Capabilities = init.GetProperty("capabilities");
        await rpc.NotifyWithParameterObjectAsync("initialized", new { });
        return client;
    }

    public JsonElement Capabilities { get; private set; }

    /// <summary>What the server sends the client unasked.</summary>
    private sealed class Notifications
    {
        private readonly LspClient _client;

        public Notifications(LspClient client) => _client = client;

        [JsonRpcMethod("textDocument/publishDiagnostics")]
        public void PublishDiagnostics(PublishDiagnosticsParams p)
        {
            _client._diagnostics.Enqueue(p);
            _client._diagnosticsArrived.Release();
        }
    }

    public Task<T> RequestAsync<T>(string method, object argument, CancellationToken cancellation = default) =>
        _rpc.InvokeWithParameterObjectAsync<T>(method, argument, cancellation);

    public Task NotifyAsync(string method, object argument) => _rpc.NotifyWithParameterObjectAsync(method, argument);

    public static string UriOf(string name) => Uris.FromPath(Path.Combine(Path.GetTempPath(), "policylang-lsp-tests", name));

    /// <summary>Opens a document (a name under a temporary folder, or a URI) with the text, version 1.</summary>
    public async Task<string> OpenAsync(string nameOrUri, string text)
    {
        var uri = nameOrUri.Contains("://", StringComparison.Ordinal) ? nameOrUri : UriOf(nameOrUri);
        await NotifyAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "policy", ++_version, text)));
        return uri;
    }

    public async Task<int> ChangeAsync(string uri, params TextDocumentContentChangeEvent[] changes)
    {
        var version = ++_version;
        await NotifyAsync("textDocument/didChange", new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), changes));
        return version;
    }

    /// <summary>Waits for the diagnostics of a document (of a given version, when asked).</summary>
    public async Task<PublishDiagnosticsParams> DiagnosticsAsync(string uri, int? version = null, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        var held = new List<PublishDiagnosticsParams>();
        try
        {
            while (true)
            {
                while (_diagnostics.TryDequeue(out var p))
                {
                    if (p.Uri == uri && (version is null || p.Version == version)) return p;
                    held.Add(p);
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _diagnosticsArrived.WaitAsync(left))
                    throw new TimeoutException($"no diagnostics for {uri} (version {version?.ToString() ?? "any"}) within {timeoutSeconds}s; server log:\n{ServerLog}");
            }
        }
        finally
        {
            foreach (var p in held) _diagnostics.Enqueue(p);
        }
    }

    public static TextDocumentIdentifier Doc(string uri) => new(uri);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _rpc.InvokeAsync<JsonElement?>("shutdown").WaitAsync(TimeSpan.FromSeconds(10));
            await _rpc.NotifyAsync("exit");
            await _server.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or ConnectionLostException or ObjectDisposedException)
        {
        }
        _rpc.Dispose();
    }
}
