using System.Buffers;
using System.Text;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace PolicyLang.LanguageServer.Server;

/// <summary>
/// LSP's framing (<c>Content-Length: N</c> headers, a blank line, N bytes of UTF-8 JSON), read and written by hand
/// so that a malformed message costs only itself: a bad header block or a body that is not JSON-RPC is logged,
/// answered with a parse error (id null, as JSON-RPC 2.0 asks), and the next message is read as usual.
/// StreamJsonRpc's own HeaderDelimitedMessageHandler ends the connection on the first such message.
/// </summary>
public sealed class TolerantMessageHandler : IJsonRpcMessageHandler, IDisposable
{
    /// <summary>Bodies above this are refused (and skipped) rather than buffered.</summary>
    public const int MaxContentLength = 64 * 1024 * 1024;
    private const int MaxHeaderBytes = 8 * 1024;

    private readonly Stream _output;
    private readonly Stream _input;
    private readonly ServerContext _context;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public TolerantMessageHandler(Stream output, Stream input, IJsonRpcMessageFormatter formatter, ServerContext context)
    {
        _output = output;
        _input = input;
        Formatter = formatter;
        _context = context;
    }

    public bool CanRead => true;
    public bool CanWrite => true;
    public IJsonRpcMessageFormatter Formatter { get; }

    public async ValueTask<JsonRpcMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var length = await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);
            if (length is null) return null; // end of stream
            if (length < 0) continue; // a bad header block, reported; read the next message
            var body = new byte[length.Value];
            if (!await ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false)) return null;
            try
            {
                return Formatter.Deserialize(new ReadOnlySequence<byte>(body));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                _context.Trace($"malformed message ({length} bytes) skipped: {e.GetType().Name}: {First(e.Message)}");
                await WriteParseErrorAsync($"Parse error: {First(e.Message)}", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask WriteAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>();
        Formatter.Serialize(body, content);
        await WriteFramedAsync(body.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteFramedAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private ValueTask WriteParseErrorAsync(string message, CancellationToken cancellationToken)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0",
            ["id"] = null,
            ["error"] = new Dictionary<string, object> { ["code"] = (int)JsonRpcErrorCode.ParseError, ["message"] = message },
        });
        return WriteFramedAsync(json, cancellationToken);
    }

    /// <summary>
    /// Reads one header block: the content length; -1 when the block is malformed (reported and skipped); null at
    /// the end of the stream.
    /// </summary>
    private async ValueTask<int?> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        int? length = null;
        string? problem = null;
        var headerBytes = 0;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (headerBytes == 0) continue; // stray blank lines between messages
                break;
            }
            headerBytes += line.Length + 2;
            if (headerBytes > MaxHeaderBytes) problem ??= "header block too long";
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                problem ??= $"not a header: '{First(line)}'";
                continue;
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) length = n;
                else problem ??= $"Content-Length is not a number: '{First(value)}'";
            }
        }
        if (problem is null && length is null) problem = "no Content-Length header";
        if (problem is null && length > MaxContentLength)
        {
            _context.Trace($"message of {length} bytes is over the limit of {MaxContentLength}; skipped");
            await SkipAsync(length!.Value, cancellationToken).ConfigureAwait(false);
            await WriteParseErrorAsync($"Message too large: {length} bytes (limit {MaxContentLength})", cancellationToken).ConfigureAwait(false);
            return -1;
        }
        if (problem is not null)
        {
            _context.Trace($"malformed header skipped: {problem}");
            await WriteParseErrorAsync($"Parse error: {problem}", cancellationToken).ConfigureAwait(false);
            return -1;
        }
        return length;
    }

    /// <summary>One header line (ASCII, ended by CRLF or LF), or null at the end of the stream.</summary>
    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)) return line.Length > 0 ? line.ToString() : null;
            var b = _buffer[_start++];
            if (b == (byte)'\n')
            {
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                return line.ToString();
            }
            if (line.Length <= MaxHeaderBytes) line.Append((char)b);
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _input.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }

    private async ValueTask<bool> ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < target.Length)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)) return false;
            var n = Math.Min(_end - _start, target.Length - filled);
            Array.Copy(_buffer, _start, target, filled, n);
            _start += n;
            filled += n;
        }
        return true;
    }

    private async ValueTask SkipAsync(int count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)) return;
            var n = Math.Min(_end - _start, count);
            _start += n;
            count -= n;
        }
    }

    private static string First(string text)
    {
        var line = text.Split('\n')[0];
        return line.Length > 200 ? line[..200] + "…" : line;
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        (Formatter as IDisposable)?.Dispose();
    }
}
