using System.Text;

namespace PolicyLang.Emit;

/// <summary>Indented C# text.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    /// <summary>
    /// While set, every statement line is preceded by this #line directive, so each statement (not only the
    /// first) maps to the same policy span in the PDB.
    /// </summary>
    public string? LineDirective { get; set; }

    public CodeWriter Line(string text = "")
    {
        if (text.Length == 0)
        {
            _sb.Append('\n');
            return this;
        }
        if (LineDirective is not null && !text.StartsWith("#", StringComparison.Ordinal) && text != "{" && text != "}")
            _sb.Append(LineDirective).Append('\n');
        // Preprocessor directives start at column 0.
        if (text.StartsWith("#", StringComparison.Ordinal)) _sb.Append(text).Append('\n');
        else _sb.Append(' ', _indent * 4).Append(text).Append('\n');
        return this;
    }

    public CodeWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>The position of the next line, for <see cref="InsertAt"/>.</summary>
    public int Mark() => _sb.Length;

    /// <summary>Inserts lines at a position taken with <see cref="Mark"/>, at the current indentation.</summary>
    public void InsertAt(int mark, IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(' ', _indent * 4).Append(line).Append('\n');
        _sb.Insert(mark, text.ToString());
    }

    public void Indent() => _indent++;
    public void Outdent() => _indent--;

    public override string ToString() => _sb.ToString();
}
