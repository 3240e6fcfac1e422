using PolicyLang.Text;

namespace PolicyLang.Tests;

/// <summary>
/// A policy text with the expected diagnostic spans marked ⟦like this⟧, so a test reads like the mistake it
/// checks. <see cref="Parse"/> strips the markers and returns the spans.
/// </summary>
public sealed class AnnotatedText
{
    private AnnotatedText(string text, IReadOnlyList<TextSpan> spans)
    {
        Text = text;
        Spans = spans;
    }

    public string Text { get; }
    public IReadOnlyList<TextSpan> Spans { get; }

    public static AnnotatedText Parse(string annotated)
    {
        var text = new System.Text.StringBuilder();
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        foreach (var c in annotated.Replace("\r\n", "\n"))
        {
            if (c == '⟦') open.Push(text.Length);
            else if (c == '⟧') spans.Add(TextSpan.FromBounds(open.Pop(), text.Length));
            else text.Append(c);
        }
        return new AnnotatedText(text.ToString(), spans.OrderBy(s => s.Start).ToList());
    }

    /// <summary>Asserts that the text produces exactly these codes, at the marked spans, in order (warnings included).</summary>
    public static Compilation AssertDiagnostics(string annotated, params string[] codes)
    {
        var a = Parse(annotated);
        var compilation = TestHelpers.Compile(a.Text);
        var actual = compilation.Diagnostics.ToList();
        var render = TestHelpers.Render(actual);
        Assert.True(codes.Length == actual.Count, $"expected {codes.Length} diagnostics ({string.Join(", ", codes)}), got {actual.Count}:\n{render}");
        Assert.True(a.Spans.Count == codes.Length, $"the text marks {a.Spans.Count} spans for {codes.Length} codes");
        for (var i = 0; i < codes.Length; i++)
        {
            Assert.True(codes[i] == actual[i].Code, $"diagnostic {i}: expected {codes[i]}, got {actual[i].Code}\n{render}");
            Assert.True(a.Spans[i] == actual[i].Location.Span,
                $"diagnostic {i} ({codes[i]}): expected span '{a.Text.Substring(a.Spans[i].Start, a.Spans[i].Length)}' {a.Spans[i]}, got '{SafeSubstring(a.Text, actual[i].Location.Span)}' {actual[i].Location.Span}\n{render}");
        }
        return compilation;
    }

    private static string SafeSubstring(string text, TextSpan span) =>
        span.Start <= text.Length ? text.Substring(span.Start, Math.Min(span.Length, text.Length - span.Start)) : string.Empty;

    /// <summary>A header that avoids unrelated warnings.</summary>
    public const string Header = "policy p {\n  title \"t\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n";
}
