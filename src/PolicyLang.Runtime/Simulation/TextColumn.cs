using System.Collections;
using System.Text;
using System.Threading;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// A column of text, one per school: strings, or the UTF-8 text as a reader met it (one buffer, a start and a length per
/// school), made into a string the first time a school's text is asked for and kept. A national data set's 200,000
/// school names cost more to make into strings than the rest of their rows to read, and most runs show only a few.
/// A school may have both: its string, when it has one, is its text.
/// </summary>
public sealed class TextColumn : IReadOnlyList<string>
{
    private string?[]? _strings;
    private readonly byte[]? _utf8;
    private readonly int[]? _start;
    private readonly int[]? _length;

    /// <summary>A column of these strings, which it keeps (not copied).</summary>
    public TextColumn(string[] strings)
    {
        _strings = strings;
        Count = strings.Length;
    }

    /// <summary>
    /// A column of <paramref name="count"/> texts: school i's is <paramref name="strings"/>[i] when that is not null (or
    /// <paramref name="strings"/> is), else the UTF-8 bytes <paramref name="utf8"/>[start[i] .. start[i] + length[i]],
    /// which must be valid UTF-8. The arrays are kept, not copied.
    /// </summary>
    public TextColumn(int count, byte[] utf8, int[] start, int[] length, string?[]? strings)
    {
        if (start.Length < count || length.Length < count || strings is not null && strings.Length != count)
            throw new ArgumentException("a text column needs a start and a length for every school");
        Count = count;
        _utf8 = utf8;
        _start = start;
        _length = length;
        _strings = strings;
    }

    public int Count { get; }

    /// <summary>The number of schools (as an array's Length).</summary>
    public int Length => Count;

    public string this[int i]
    {
        get
        {
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i));
            var strings = _strings;
            if (strings is not null && strings[i] is { } s) return s;
            if (_utf8 is null) return strings![i]!;
            var made = _length![i] == 0 ? string.Empty : Encoding.UTF8.GetString(_utf8, _start![i], _length[i]);
            Strings()[i] = made;
            return made;
        }
        set
        {
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i));
            Strings()[i] = value;
        }
    }

    /// <summary>The strings of schools [start, start + count).</summary>
    public string[] Slice(int start, int count)
    {
        var slice = new string[count];
        for (var k = 0; k < count; k++) slice[k] = this[start + k];
        return slice;
    }

    private string?[] Strings()
    {
        if (_strings is { } strings) return strings;
        // Two threads may ask at once: one array wins, and a string made meanwhile is the same text either way.
        Interlocked.CompareExchange(ref _strings, new string?[Count], null);
        return _strings!;
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
