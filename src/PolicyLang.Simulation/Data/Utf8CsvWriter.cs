using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Writes RFC 4180 CSV as UTF-8 (no byte order mark, LF line ends), quoting a field only when it holds a comma,
/// a quote or a line break. Numbers are written in the invariant culture; decimals without trailing zeros.
/// </summary>
internal sealed class Utf8CsvWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;
    private bool _rowStarted;

    public Utf8CsvWriter(Stream stream) => _stream = stream;

    public void Header(IEnumerable<string> names)
    {
        foreach (var name in names) Text(name);
        EndRow();
    }

    private void Separator()
    {
        if (_rowStarted) Ensure(1)[0] = (byte)',';
        _rowStarted = true;
    }

    private Span<byte> Ensure(int bytes)
    {
        if (_used + bytes > _buffer.Length) Flush();
        if (bytes > _buffer.Length) throw new InvalidOperationException("field too long for the CSV buffer");
        var span = _buffer.AsSpan(_used, bytes);
        _used += bytes;
        return span;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (_used == _buffer.Length) Flush();
            var n = Math.Min(bytes.Length, _buffer.Length - _used);
            bytes[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            bytes = bytes[n..];
        }
    }

    public void Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value)) return;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            WriteUtf8(value);
            return;
        }
        Write("\""u8);
        WriteUtf8(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        Write("\""u8);
    }

    private void WriteUtf8(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= _buffer.Length)
        {
            if (_used + max > _buffer.Length) Flush();
            _used += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used));
        }
        else Write(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A value known to need no quoting (an enumeration name, a time).</summary>
    public void Plain(ReadOnlySpan<byte> value)
    {
        Separator();
        Write(value);
    }

    public void Integer(long value)
    {
        Separator();
        if (_used + 20 > _buffer.Length) Flush();
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out var written);
        _used += written;
    }

    public void Decimal(decimal value)
    {
        Separator();
        if (_used + 40 > _buffer.Length) Flush();
        var normalized = value / 1.000000000000000000000000000000000m;
        normalized.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    public void Empty() => Separator();

    public void Boolean(bool value) => Plain(value ? "true"u8 : "false"u8);

    public void Time(TimeOfDay time)
    {
        Separator();
        var span = Ensure(5);
        span[0] = (byte)('0' + time.Hour / 10);
        span[1] = (byte)('0' + time.Hour % 10);
        span[2] = (byte)':';
        span[3] = (byte)('0' + time.Minute / 10);
        span[4] = (byte)('0' + time.Minute % 10);
    }

    public void EndRow()
    {
        Ensure(1)[0] = (byte)'\n';
        _rowStarted = false;
    }

    public void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose() => Flush();
}
