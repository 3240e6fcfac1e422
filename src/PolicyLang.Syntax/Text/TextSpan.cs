namespace PolicyLang.Text;

/// <summary>A range of characters in a <see cref="SourceText"/>: [Start, End).</summary>
public readonly struct TextSpan : IEquatable<TextSpan>
{
    public TextSpan(int start, int length)
    {
        Start = start;
        Length = length < 0 ? 0 : length;
    }

    public int Start { get; }
    public int Length { get; }
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public bool Contains(int position) => position >= Start && position < End;
    public bool ContainsInclusive(int position) => position >= Start && position <= End;
    public bool OverlapsWith(TextSpan other) => Start < other.End && other.Start < End;

    public bool Equals(TextSpan other) => Start == other.Start && Length == other.Length;
    public override bool Equals(object? obj) => obj is TextSpan other && Equals(other);
    public override int GetHashCode() => (Start * 397) ^ Length;
    public static bool operator ==(TextSpan a, TextSpan b) => a.Equals(b);
    public static bool operator !=(TextSpan a, TextSpan b) => !a.Equals(b);
    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>A zero-based line and character (UTF-16 code unit) position.</summary>
public readonly struct LinePosition : IEquatable<LinePosition>
{
    public LinePosition(int line, int character)
    {
        Line = line;
        Character = character;
    }

    public int Line { get; }
    public int Character { get; }

    public bool Equals(LinePosition other) => Line == other.Line && Character == other.Character;
    public override bool Equals(object? obj) => obj is LinePosition other && Equals(other);
    public override int GetHashCode() => (Line * 397) ^ Character;
    public override string ToString() => $"({Line + 1},{Character + 1})";
}

/// <summary>A span in a file, with its line/column form.</summary>
public sealed class Location
{
    public Location(SourceText text, TextSpan span)
    {
        Text = text;
        Span = span;
    }

    public SourceText Text { get; }
    public TextSpan Span { get; }
    public string Path => Text.Path;
    public LinePosition Start => Text.GetLinePosition(Span.Start);
    public LinePosition End => Text.GetLinePosition(Span.End);

    public override string ToString() => $"{Path}{Start}";
}
