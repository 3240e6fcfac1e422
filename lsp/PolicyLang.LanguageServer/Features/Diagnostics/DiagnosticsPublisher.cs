using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using Diagnostic = PolicyLang.LanguageServer.Protocol.Diagnostic;

namespace PolicyLang.LanguageServer.Features.Diagnostics;

/// <summary>
/// Publishes each open document's diagnostics as the author types. Changes mark documents dirty; one loop
/// analyses the newest text of each dirty document and publishes, so a burst of edits coalesces into the
/// analyses the loop has time for (no fixed delay: the first edit is answered at once, later ones as soon as the
/// loop is free), and a result is never published for a version the client has already replaced.
/// </summary>
public sealed class DiagnosticsPublisher : IDisposable
{
    private readonly ServerContext _context;
    private readonly object _lock = new();
    private readonly List<string> _dirty = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public DiagnosticsPublisher(ServerContext context)
    {
        _context = context;
        _loop = Task.Run(LoopAsync);
    }

    public void Schedule(string uri, bool withDependents)
    {
        lock (_lock)
        {
            if (!_dirty.Contains(uri)) _dirty.Add(uri);
            if (withDependents)
                foreach (var dependent in SafeDependents(uri))
                    if (!_dirty.Contains(dependent))
                        _dirty.Add(dependent);
        }
        _signal.Release();
    }

    private IReadOnlyList<string> SafeDependents(string uri)
    {
        try
        {
            return _context.Workspace.Dependents(uri);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _context.Trace($"dependents of {uri}: {e.Message}");
            return Array.Empty<string>();
        }
    }

    /// <summary>A closed document's diagnostics are cleared.</summary>
    public void Clear(string uri)
    {
        lock (_lock) _dirty.Remove(uri);
        _ = _context.NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, Array.Empty<Diagnostic>()));
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            while (true)
            {
                string? uri;
                lock (_lock)
                {
                    uri = _dirty.Count > 0 ? _dirty[0] : null;
                    if (uri is not null) _dirty.RemoveAt(0);
                }
                if (uri is null) break;
                await PublishAsync(uri).ConfigureAwait(false);
            }
        }
    }

    private async Task PublishAsync(string uri)
    {
        try
        {
            var workspace = _context.Workspace;
            if (!workspace.IsOpen(uri)) return;
            var analysis = workspace.Analyze(uri);
            if (analysis is null) return;
            // Newer text arrived while analysing: that version is queued; skip this stale result.
            if (analysis.Version != workspace.VersionOf(uri)) return;
            var diagnostics = Convert(analysis);
            await _context.NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, analysis.Version, diagnostics)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _context.Trace($"diagnostics for {uri} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The document's own diagnostics (not those of the policies it extends), in the compiler's order.</summary>
    public static IEnumerable<PolicyLang.Diagnostics.Diagnostic> Own(DocumentAnalysis analysis) =>
        analysis.Compilation.Diagnostics.Where(d => ReferenceEquals(d.Location.Text, analysis.Text) || d.Location.Path == analysis.Tree.Path);

    /// <summary>The document's diagnostics as the protocol has them: located, coded, linked to their documentation.</summary>
    public static Diagnostic[] Convert(DocumentAnalysis analysis) => Own(analysis).Select(d => Convert(analysis, d)).ToArray();

    public static Diagnostic Convert(DocumentAnalysis analysis, PolicyLang.Diagnostics.Diagnostic d) => new()
    {
        Range = analysis.Range(d.Location.Span),
        Severity = d.Severity switch
        {
            PolicyLang.Diagnostics.DiagnosticSeverity.Error => DiagnosticSeverityKind.Error,
            PolicyLang.Diagnostics.DiagnosticSeverity.Warning => DiagnosticSeverityKind.Warning,
            PolicyLang.Diagnostics.DiagnosticSeverity.Info => DiagnosticSeverityKind.Information,
            _ => DiagnosticSeverityKind.Hint,
        },
        Code = d.Code,
        CodeDescription = new CodeDescription(d.Descriptor.HelpLink),
        Source = "policyc",
        Message = d.GetMessage(analysis.Language),
    };

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }
}
