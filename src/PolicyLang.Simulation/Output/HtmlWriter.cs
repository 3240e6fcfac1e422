using System.Text;

namespace PolicyLang.Simulation.Output;

/// <summary>
/// Builds HTML whose tags balance by construction: every <see cref="Open"/> is matched by a <see cref="Close"/>
/// of the same tag (checked), and every text and attribute value is escaped. What it writes is also
/// well-formed XML (apart from the doctype): attributes are quoted, empty elements are only the void HTML
/// elements and SVG shapes, written as <c>&lt;x/&gt;</c>.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<string> _open = new();

    public HtmlWriter Raw(string text)
    {
        _text.Append(text);
        return this;
    }

    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        StartTag(tag, attributes);
        _text.Append('>');
        _open.Push(tag);
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        if (_open.Count == 0 || _open.Peek() != tag)
            throw new InvalidOperationException($"closing <{tag}> while <{(_open.Count == 0 ? "nothing" : _open.Peek())}> is open");
        _open.Pop();
        _text.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element with no content: a void HTML element (meta, br) or an SVG shape.</summary>
    public HtmlWriter Empty(string tag, params (string Name, string? Value)[] attributes)
    {
        StartTag(tag, attributes);
        _text.Append("/>");
        return this;
    }

    /// <summary>An element holding one text.</summary>
    public HtmlWriter Element(string tag, string text, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        Text(text);
        return Close(tag);
    }

    public HtmlWriter Text(string text)
    {
        AppendEscaped(_text, text);
        return this;
    }

    public int Length => _text.Length;

    public override string ToString()
    {
        if (_open.Count > 0)
            throw new InvalidOperationException($"<{_open.Peek()}> is never closed");
        return _text.ToString();
    }

    private void StartTag(string tag, (string Name, string? Value)[] attributes)
    {
        _text.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _text.Append(' ').Append(name).Append("=\"");
            AppendEscaped(_text, value);
            _text.Append('"');
        }
    }

    /// <summary>Text with the HTML (and XML) special characters escaped.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    /// <summary>
    /// Escapes &amp; &lt; &gt; " ' and replaces what may not appear in an HTML or XML document (control
    /// characters other than tab and line breaks, noncharacters, lone surrogates) with U+FFFD.
    /// </summary>
    private static void AppendEscaped(StringBuilder builder, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\t' or '\n': builder.Append(c); break;
                case '\r': builder.Append('\n'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (c < ' ' || (c >= '\u007f' && c <= '\u009f') || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
    }
}
