using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace PolicyLang.Syntax.Parsing;

/// <summary>
/// The policy text as ANTLR sees it: one symbol per code point, like <c>CharStreams.fromString</c>, except that a
/// lone UTF-16 surrogate (an editor buffer or an API caller can hold one; a UTF-8 file cannot) is a symbol of its
/// own, its code unit, where <c>CharStreams.fromString</c> throws. The lexer reads such a symbol as an unexpected
/// character. Also maps symbol indexes back to UTF-16 offsets and gives the lexer's fast paths direct access.
/// </summary>
internal sealed class PolicyCharStream : ICharStream
{
    private readonly string _text;
    // Null when every code point is one UTF-16 code unit (no surrogates): indexes are offsets.
    private readonly int[]? _codePoints;
    private readonly int[]? _offsets;
    private readonly int _size;
    private int _position;

    public PolicyCharStream(string text)
    {
        _text = text;
        var surrogates = false;
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                surrogates = true;
                break;
            }
        }
        if (!surrogates)
        {
            _size = text.Length;
            return;
        }
        var codePoints = new List<int>(text.Length);
        var offsets = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            offsets.Add(i);
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoints.Add(char.ConvertToUtf32(c, text[i + 1]));
                i++;
            }
            else
            {
                codePoints.Add(c); // a lone surrogate stands for itself
            }
        }
        offsets.Add(text.Length);
        _codePoints = codePoints.ToArray();
        _offsets = offsets.ToArray();
        _size = _codePoints.Length;
    }

    public string Text => _text;

    /// <summary>True when symbol indexes are UTF-16 offsets (the text has no surrogates).</summary>
    public bool IsIdentity => _codePoints is null;

    public int CodePointAt(int index) => _codePoints is null ? _text[index] : _codePoints[index];

    /// <summary>The UTF-16 offset of symbol <paramref name="index"/> (the text's length at or past the end).</summary>
    public int Offset(int index) =>
        _offsets is null ? (index < 0 ? 0 : index > _text.Length ? _text.Length : index)
        : index < 0 ? 0 : index < _offsets.Length ? _offsets[index] : _text.Length;

    public int Index => _position;

    public int Size => _size;

    public string SourceName => IntStreamConstants.UnknownSourceName;

    public void Consume()
    {
        if (_position >= _size) throw new InvalidOperationException("cannot consume EOF");
        _position++;
    }

    public int LA(int i)
    {
        if (i > 0)
        {
            var at = _position + i - 1;
            return at >= _size ? IntStreamConstants.EOF : CodePointAt(at);
        }
        if (i < 0)
        {
            var at = _position + i;
            return at < 0 ? IntStreamConstants.EOF : CodePointAt(at);
        }
        return 0;
    }

    public int Mark() => -1;

    public void Release(int marker)
    {
    }

    public void Seek(int index) => _position = index;

    public string GetText(Interval interval)
    {
        var start = Math.Min(interval.a, _size);
        var length = Math.Min(interval.b - interval.a + 1, _size - start);
        if (length <= 0 || start < 0) return string.Empty;
        var from = Offset(start);
        return _text.Substring(from, Offset(start + length) - from);
    }

    public override string ToString() => _text;
}
