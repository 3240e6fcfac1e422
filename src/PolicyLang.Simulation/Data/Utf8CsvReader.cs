using System.Buffers;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// A strict RFC 4180 CSV reader over UTF-8 bytes: comma separated, fields optionally in double quotes with
/// <c>""</c> for a quote, line ends LF, CRLF or CR, a UTF-8 byte order mark skipped, blank lines skipped. Fields are
/// handed out as byte spans into its buffer (valid until the next call), so reading allocates nothing per row.
/// A malformed record is reported once and skipped to the end of its line.
/// </summary>
internal sealed class Utf8CsvReader
{
    private static readonly SearchValues<byte> s_special = SearchValues.Create(",\r\n\""u8);

    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _pos;
    private int _end;
    private bool _eof;
    private bool _started;

    private int[] _starts = new int[16];
    private int[] _ends = new int[16];
    private bool[] _escaped = new bool[16];
    private byte[] _scratch = new byte[256];

    public Utf8CsvReader(Stream stream) => _stream = stream;

    /// <summary>Records read so far, the header included (so the header is record 1 and data row n is record n + 1).</summary>
    public long Records { get; private set; }

    public int FieldCount { get; private set; }

    public enum Result { Record, End, Error }

    /// <summary>Reads the next record; on <see cref="Result.Error"/>, <paramref name="error"/> says what was wrong.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public Result Read(out (string English, string Chinese) error)
    {
        error = default;
        if (!_started)
        {
            _started = true;
            Fill();
            if (_end - _pos >= 3 && _buffer[_pos] == 0xEF && _buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF) _pos += 3;
        }
        while (true)
        {
            var status = Parse(out error);
            if (status == Status.NeedData)
            {
                Fill();
                continue;
            }
            if (status == Status.Blank) continue;
            if (status == Status.End) return Result.End;
            Records++;
            if (status == Status.Error)
            {
                SkipLine();
                return Result.Error;
            }
            return Result.Record;
        }
    }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted (valid until the next call).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Field(int index)
    {
        var span = _buffer.AsSpan(_starts[index], _ends[index] - _starts[index]);
        if (!_escaped[index]) return span;
        if (_scratch.Length < span.Length) _scratch = new byte[span.Length * 2];
        var n = 0;
        for (var i = 0; i < span.Length; i++)
        {
            _scratch[n++] = span[i];
            if (span[i] == (byte)'"') i++;
        }
        return _scratch.AsSpan(0, n);
    }

    private enum Status { Record, End, Error, NeedData, Blank }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Status Parse(out (string, string) error)
    {
        error = default;
        var buffer = _buffer;
        var p = _pos;
        var end = _end;
        FieldCount = 0;
        if (p == end) return _eof ? Status.End : Status.NeedData;

        // A blank line is skipped.
        if (buffer[p] is (byte)'\n' or (byte)'\r')
        {
            if (buffer[p] == (byte)'\r')
            {
                if (p + 1 == end && !_eof) return Status.NeedData;
                if (p + 1 < end && buffer[p + 1] == (byte)'\n') p++;
            }
            _pos = p + 1;
            return Status.Blank;
        }

        while (true)
        {
            int start, stop;
            var escaped = false;
            if (p < end && buffer[p] == (byte)'"')
            {
                var q = p + 1;
                while (true)
                {
                    var k = q < end ? buffer.AsSpan(q, end - q).IndexOf((byte)'"') : -1;
                    if (k < 0)
                    {
                        if (!_eof) return Status.NeedData;
                        _pos = end;
                        error = DataMessages.UnclosedQuote();
                        return Status.Error;
                    }
                    q += k;
                    if (q + 1 == end && !_eof) return Status.NeedData;
                    if (q + 1 < end && buffer[q + 1] == (byte)'"')
                    {
                        escaped = true;
                        q += 2;
                        continue;
                    }
                    break;
                }
                start = p + 1;
                stop = q;
                p = q + 1;
                if (p < end && buffer[p] is not ((byte)',' or (byte)'\r' or (byte)'\n'))
                {
                    _pos = p;
                    error = DataMessages.TextAfterQuote();
                    return Status.Error;
                }
            }
            else
            {
                var k = buffer.AsSpan(p, end - p).IndexOfAny(s_special);
                if (k < 0)
                {
                    if (!_eof) return Status.NeedData;
                    k = end - p;
                }
                else if (buffer[p + k] == (byte)'"')
                {
                    _pos = p + k;
                    error = DataMessages.StrayQuote();
                    return Status.Error;
                }
                start = p;
                stop = p + k;
                p += k;
            }

            AddField(start, stop, escaped);

            if (p == end)
            {
                // Only at the end of the file (otherwise more data was asked for above).
                _pos = p;
                return Status.Record;
            }
            var c = buffer[p];
            if (c == (byte)',')
            {
                p++;
                if (p == end && !_eof) return Status.NeedData;
                continue;
            }
            if (c == (byte)'\r')
            {
                if (p + 1 == end && !_eof) return Status.NeedData;
                p++;
                if (p < end && buffer[p] == (byte)'\n') p++;
            }
            else
            {
                p++; // '\n'
            }
            _pos = p;
            return Status.Record;
        }
    }

    private void AddField(int start, int stop, bool escaped)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, FieldCount * 2);
            Array.Resize(ref _ends, FieldCount * 2);
            Array.Resize(ref _escaped, FieldCount * 2);
        }
        _starts[FieldCount] = start;
        _ends[FieldCount] = stop;
        _escaped[FieldCount] = escaped;
        FieldCount++;
    }

    /// <summary>Moves the unread bytes to the front and reads more; grows the buffer for a record longer than it.</summary>
    private void Fill()
    {
        if (_eof) return;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        while (_end < _buffer.Length)
        {
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _eof = true;
                break;
            }
            _end += n;
        }
    }

    /// <summary>After a malformed record: continues after the end of the line it went wrong on.</summary>
    private void SkipLine()
    {
        while (true)
        {
            var k = _buffer.AsSpan(_pos, _end - _pos).IndexOfAny((byte)'\n', (byte)'\r');
            if (k >= 0)
            {
                _pos += k + 1;
                if (_buffer[_pos - 1] == (byte)'\r')
                {
                    if (_pos == _end && !_eof) Fill();
                    if (_pos < _end && _buffer[_pos] == (byte)'\n') _pos++;
                }
                return;
            }
            _pos = _end;
            if (_eof) return;
            Fill();
        }
    }
}
