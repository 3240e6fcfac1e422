namespace PolicyLang.Text;

/// <summary>The text of one policy file with its line table.</summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    private SourceText(string text, string path)
    {
        Content = text;
        Path = path;
        _lineStarts = ComputeLineStarts(text);
    }

    public string Content { get; }
    public string Path { get; }
    public int Length => Content.Length;
    public int LineCount => _lineStarts.Length;
    public char this[int index] => Content[index];

    public static SourceText From(string text, string path = "") => new(text, path);

    public string ToString(TextSpan span)
    {
        var start = Math.Max(0, Math.Min(span.Start, Content.Length));
        var end = Math.Max(start, Math.Min(span.End, Content.Length));
        return Content.Substring(start, end - start);
    }

    public override string ToString() => Content;

    public int GetLineStart(int line) => _lineStarts[Math.Max(0, Math.Min(line, _lineStarts.Length - 1))];

    public int GetLineEnd(int line)
    {
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Content.Length;
        while (end > _lineStarts[line] && (Content[end - 1] == '\n' || Content[end - 1] == '\r'))
            end--;
        return end;
    }

    public int GetLineIndex(int position)
    {
        if (position <= 0) return 0;
        var index = Array.BinarySearch(_lineStarts, position);
        return index >= 0 ? index : ~index - 1;
    }

    public LinePosition GetLinePosition(int position)
    {
        position = Math.Max(0, Math.Min(position, Content.Length));
        var line = GetLineIndex(position);
        return new LinePosition(line, position - _lineStarts[line]);
    }

    /// <summary>The offset of a zero-based line/character, clamped into the text.</summary>
    public int GetPosition(LinePosition position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Length) return Content.Length;
        var start = _lineStarts[position.Line];
        var lineEnd = position.Line + 1 < _lineStarts.Length ? _lineStarts[position.Line + 1] : Content.Length;
        return Math.Max(start, Math.Min(start + position.Character, lineEnd));
    }

    public string GetLineText(int line) => Content.Substring(_lineStarts[line], GetLineEnd(line) - _lineStarts[line]);

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }
}
