using System.Text.Json;
using PolicyLang.LanguageServer.Features.Diagnostics;
using PolicyLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Server;

/// <summary>Everything a feature needs: the workspace, the client's language, logging (stderr), notifications.</summary>
public sealed class ServerContext
{
    internal ServerContext(Workspace workspace, TextWriter log)
    {
        Workspace = workspace;
        Log = log;
    }

    public Workspace Workspace { get; }
    public Language Language => Workspace.Language;
    /// <summary>The server's log: standard error, never standard output (that is the protocol's).</summary>
    public TextWriter Log { get; }
    internal JsonRpc? Rpc { get; set; }

    public Task NotifyAsync(string method, object argument) =>
        Rpc is { } rpc ? rpc.NotifyWithParameterObjectAsync(method, argument) : Task.CompletedTask;

    public void Trace(string message)
    {
        lock (Log) Log.WriteLine($"[policyc lsp] {message}");
    }
}

/// <summary>A language feature: the capability it advertises and, as a JSON-RPC target, the methods it answers.</summary>
public interface ILanguageFeature
{
    ServerCapabilities Advertise(ServerCapabilities capabilities);
}

/// <summary>
/// The PolicyLang language server: JSON-RPC with LSP's header framing over two streams (stdin and stdout for
/// <c>policyc lsp</c>; a full-duplex pipe in tests). It owns the lifecycle and document synchronization (full and
/// incremental); the features, one folder each under Features/, answer the rest.
/// </summary>
public sealed class PolicyLanguageServer : IDisposable
{
    private readonly ServerContext _context;
    private readonly DiagnosticsPublisher _diagnostics;
    private readonly List<object> _features;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _shutdown;
    private JsonRpc? _rpc;

    public PolicyLanguageServer(TextWriter log)
    {
        _context = new ServerContext(new Workspace(), log);
        _diagnostics = new DiagnosticsPublisher(_context);
        _features = FeatureRegistry.Create(_context).ToList();
    }

    public Workspace Workspace => _context.Workspace;

    /// <summary>Serves until the client sends 'exit' or disconnects; the exit code (0 after 'shutdown', else 1).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, CancellationToken cancellation = default)
    {
        using var server = new PolicyLanguageServer(log);
        return await server.ServeAsync(input, output, cancellation).ConfigureAwait(false);
    }

    public async Task<int> ServeAsync(Stream input, Stream output, CancellationToken cancellation = default)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
        var handler = new TolerantMessageHandler(output, input, formatter, _context);
        _rpc = new JsonRpc(handler);
        _context.Rpc = _rpc;
        var options = new JsonRpcTargetOptions { AllowNonPublicInvocation = false, UseSingleObjectParameterDeserialization = true };
        _rpc.AddLocalRpcTarget(new Lifecycle(this), options);
        _rpc.AddLocalRpcTarget(new DocumentSync(this), options);
        foreach (var feature in _features) _rpc.AddLocalRpcTarget(feature, options);
        _rpc.Disconnected += (_, e) =>
        {
            if (e.Reason != DisconnectedReason.LocallyDisposed) _context.Trace($"disconnected: {e.Reason} {e.Description}");
            _exit.TrySetResult(_shutdown ? 0 : 1);
        };
        _rpc.StartListening();
        using var registration = cancellation.Register(() => _exit.TrySetResult(1));
        var code = await _exit.Task.ConfigureAwait(false);
        _diagnostics.Dispose();
        _rpc.Dispose();
        return code;
    }

    public void Dispose()
    {
        _diagnostics.Dispose();
        _rpc?.Dispose();
    }

    private ServerCapabilities Capabilities()
    {
        var capabilities = new ServerCapabilities
        {
            TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, Change: TextDocumentSyncKind.Incremental, Save: new SaveOptions(false)),
            Workspace = new WorkspaceCapabilities(new WorkspaceFoldersServerCapabilities(true, true)),
        };
        foreach (var feature in _features.OfType<ILanguageFeature>()) capabilities = feature.Advertise(capabilities);
        return capabilities;
    }

    private static Language LanguageOf(InitializeParams p)
    {
        string? locale = p.Locale;
        if (p.InitializationOptions is { ValueKind: JsonValueKind.Object } options && options.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String)
            locale = l.GetString();
        return locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Language.Chinese : Language.English;
    }

    /// <summary>initialize, initialized, shutdown, exit.</summary>
    private sealed class Lifecycle
    {
        private readonly PolicyLanguageServer _server;

        public Lifecycle(PolicyLanguageServer server) => _server = server;

        [JsonRpcMethod("initialize")]
        public InitializeResult Initialize(InitializeParams p)
        {
            var workspace = _server.Workspace;
            workspace.Language = LanguageOf(p);
            foreach (var folder in p.WorkspaceFolders ?? Array.Empty<WorkspaceFolder>()) workspace.AddFolder(Uris.ToPath(folder.Uri));
            if ((p.WorkspaceFolders is null || p.WorkspaceFolders.Length == 0) && p.RootUri is { } root) workspace.AddFolder(Uris.ToPath(root));
            _server._context.Trace($"initialize: client {p.ClientInfo?.Name ?? "?"}, language {workspace.Language}, folders {string.Join(", ", workspace.Folders)}");
            return new InitializeResult(_server.Capabilities(), new ServerInfo("policyc lsp", typeof(PolicyLanguageServer).Assembly.GetName().Version?.ToString()));
        }

        [JsonRpcMethod("initialized")]
        public void Initialized(JsonElement? p)
        {
        }

        [JsonRpcMethod("shutdown")]
        public object? Shutdown()
        {
            _server._shutdown = true;
            return null;
        }

        [JsonRpcMethod("exit")]
        public void Exit() => _server._exit.TrySetResult(_server._shutdown ? 0 : 1);

        [JsonRpcMethod("$/setTrace")]
        public void SetTrace(JsonElement? p)
        {
        }
    }

    /// <summary>didOpen, didChange, didClose, didSave, the workspace's files and folders.</summary>
    private sealed class DocumentSync
    {
        private readonly PolicyLanguageServer _server;

        public DocumentSync(PolicyLanguageServer server) => _server = server;

        private Workspace Workspace => _server.Workspace;

        [JsonRpcMethod("textDocument/didOpen")]
        public void DidOpen(DidOpenTextDocumentParams p)
        {
            Workspace.Open(p.TextDocument.Uri, p.TextDocument.Version, p.TextDocument.Text);
            _server._diagnostics.Schedule(p.TextDocument.Uri, withDependents: true);
        }

        [JsonRpcMethod("textDocument/didChange")]
        public void DidChange(DidChangeTextDocumentParams p)
        {
            if (!Workspace.Change(p.TextDocument.Uri, p.TextDocument.Version, p.ContentChanges))
            {
                _server._context.Trace($"didChange for a document that is not open: {p.TextDocument.Uri}");
                return;
            }
            _server._diagnostics.Schedule(p.TextDocument.Uri, withDependents: true);
        }

        [JsonRpcMethod("textDocument/didClose")]
        public void DidClose(DidCloseTextDocumentParams p)
        {
            Workspace.Close(p.TextDocument.Uri);
            _server._diagnostics.Clear(p.TextDocument.Uri);
            foreach (var uri in Workspace.OpenUris) _server._diagnostics.Schedule(uri, withDependents: false);
        }

        [JsonRpcMethod("textDocument/didSave")]
        public void DidSave(DidSaveTextDocumentParams p)
        {
        }

        [JsonRpcMethod("workspace/didChangeWatchedFiles")]
        public void DidChangeWatchedFiles(DidChangeWatchedFilesParams p)
        {
            foreach (var change in p.Changes) Workspace.FileChanged(change.Uri);
            foreach (var uri in Workspace.OpenUris) _server._diagnostics.Schedule(uri, withDependents: false);
        }

        [JsonRpcMethod("workspace/didChangeWorkspaceFolders")]
        public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams p)
        {
            foreach (var folder in p.Event.Removed) Workspace.RemoveFolder(Uris.ToPath(folder.Uri));
            foreach (var folder in p.Event.Added) Workspace.AddFolder(Uris.ToPath(folder.Uri));
            foreach (var uri in Workspace.OpenUris) _server._diagnostics.Schedule(uri, withDependents: false);
        }

        [JsonRpcMethod("workspace/didChangeConfiguration")]
        public void DidChangeConfiguration(JsonElement? p)
        {
        }
    }
}
