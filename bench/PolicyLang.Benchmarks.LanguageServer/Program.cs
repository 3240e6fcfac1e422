// didChange → publishDiagnostics on a generated 2,000-line policy: the server in process, on one end of a
// full-duplex pipe, a StreamJsonRpc client with LSP framing on the other (the wire format is the real one). Each
// edit changes one digit of a parameter's value; the time is from sending didChange to receiving the diagnostics
// of that version. The peer, measured in the same run, is parse + bind of the same text (Compilation.Create of
// SyntaxTree.Parse) with no server around it: the ratio is what the server adds.
//
//   dotnet run -c Release --project bench/PolicyLang.Benchmarks.LanguageServer -- [--lines 2000] [--edits 200]
using System.Diagnostics;
using System.Globalization;
using Nerdbank.Streams;
using PolicyLang;
using PolicyLang.Benchmarks;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Syntax;
using StreamJsonRpc;

var lines = Arg("--lines", 2000);
var edits = Arg("--edits", 200);

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

var text = PolicyGenerator.Generate(lines);
var path = Path.Combine(Path.GetTempPath(), "policylang-lsp-bench.policy");
var check = Compilation.Create(SyntaxTree.Parse(text, path));
if (check.Diagnostics.Any(d => d.IsError))
{
    Console.Error.WriteLine("the generated policy has errors; nothing measured");
    return 1;
}

// The edit: a digit of the first whole-number parameter value, toggled.
var target = text.IndexOf("= 1", StringComparison.Ordinal) + 2;
var lineIndex = text[..target].Count(c => c == '\n');
var character = target - (text.LastIndexOf('\n', target - 1) + 1);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; " +
    $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC" + (File.Exists("/proc/loadavg") ? "; load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : string.Empty));
Console.WriteLine($"policy: {text.Count(c => c == '\n')} lines, {text.Length:N0} characters; {edits} edits, each one digit at line {lineIndex + 1}");

var (clientStream, serverStream) = FullDuplexStream.CreatePair();
var server = Task.Run(() => PolicyLanguageServer.RunAsync(serverStream, serverStream, TextWriter.Null));
using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options }));
var published = new Dictionary<int, TaskCompletionSource<long>>();
rpc.AddLocalRpcTarget(new Client(published), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
rpc.StartListening();
await rpc.InvokeWithParameterObjectAsync<System.Text.Json.JsonElement>("initialize", new InitializeParams { ProcessId = Environment.ProcessId });
await rpc.NotifyWithParameterObjectAsync("initialized", new { });
var uri = Uris.FromPath(path);

TaskCompletionSource<long> Expect(int version)
{
    var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
    lock (published) published[version] = tcs;
    return tcs;
}

var opened = Expect(1);
await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "policy", 1, text)));
await opened.Task.WaitAsync(TimeSpan.FromMinutes(2));

// Warm-up edits (not counted), then the measured ones, interleaved with the peer.
var latencies = new List<double>();
var peer = new List<double>();
var version = 1;
for (var k = 0; k < edits + 20; k++)
{
    var digit = k % 2 == 0 ? "2" : "1";
    var range = new PolicyLang.LanguageServer.Protocol.Range(new Position(lineIndex, character), new Position(lineIndex, character + 1));
    var expected = Expect(++version);
    var start = Stopwatch.GetTimestamp();
    await rpc.NotifyWithParameterObjectAsync("textDocument/didChange",
        new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), new[] { new TextDocumentContentChangeEvent(digit, range) }));
    var end = await expected.Task.WaitAsync(TimeSpan.FromMinutes(2));
    var ms = Stopwatch.GetElapsedTime(start, end).TotalMilliseconds;

    var edited = string.Concat(text.AsSpan(0, target), digit, text.AsSpan(target + 1));
    var peerStart = Stopwatch.GetTimestamp();
    var compilation = Compilation.Create(SyntaxTree.Parse(edited, path));
    _ = compilation.Diagnostics.Length;
    var peerMs = Stopwatch.GetElapsedTime(peerStart).TotalMilliseconds;
    if (k < 20) continue;
    latencies.Add(ms);
    peer.Add(peerMs);
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = p * (sorted.Count - 1);
    var lo = (int)Math.Floor(rank);
    var hi = (int)Math.Ceiling(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

Console.WriteLine();
Console.WriteLine($"{"",-44} {"p50",8} {"p95",8} {"max",8}");
Console.WriteLine($"{"didChange → publishDiagnostics (server)",-44} {Percentile(latencies, 0.5),6:F1}ms {Percentile(latencies, 0.95),6:F1}ms {latencies.Max(),6:F1}ms");
Console.WriteLine($"{"parse + bind of the same text (peer)",-44} {Percentile(peer, 0.5),6:F1}ms {Percentile(peer, 0.95),6:F1}ms {peer.Max(),6:F1}ms");
Console.WriteLine($"ratio server / peer: p50 {Percentile(latencies, 0.5) / Percentile(peer, 0.5):F2}×, p95 {Percentile(latencies, 0.95) / Percentile(peer, 0.95):F2}×");
Console.WriteLine($"target (design/performance.md): p95 < 50 ms — {(Percentile(latencies, 0.95) < 50 ? "met" : "NOT met")} in this run");

await rpc.InvokeAsync<object?>("shutdown");
await rpc.NotifyAsync("exit");
await server.WaitAsync(TimeSpan.FromSeconds(10));
return 0;

internal sealed class Client
{
    private readonly Dictionary<int, TaskCompletionSource<long>> _published;

    public Client(Dictionary<int, TaskCompletionSource<long>> published) => _published = published;

    [JsonRpcMethod("textDocument/publishDiagnostics")]
    public void Publish(PublishDiagnosticsParams p)
    {
        var now = Stopwatch.GetTimestamp();
        TaskCompletionSource<long>? tcs = null;
        lock (_published)
            if (p.Version is { } v && _published.Remove(v, out var found)) tcs = found;
        tcs?.TrySetResult(now);
    }
}
