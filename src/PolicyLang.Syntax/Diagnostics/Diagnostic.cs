using System.Globalization;
using PolicyLang.Text;

namespace PolicyLang.Diagnostics;

public enum DiagnosticSeverity
{
    Hidden = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}

/// <summary>An argument that renders differently in English and Chinese.</summary>
public interface ILocalizable
{
    string ToString(Language language);
}

/// <summary>A text with an English and a Chinese form.</summary>
public sealed class LocalizedText : ILocalizable
{
    public LocalizedText(string english, string chinese)
    {
        English = english;
        Chinese = chinese;
    }

    public string English { get; }
    public string Chinese { get; }

    public string ToString(Language language) => language == Language.Chinese ? Chinese : English;
    public override string ToString() => English;

    public static LocalizedText Same(string text) => new(text, text);
}

/// <summary>One diagnostic code: its severity and its message in both languages, defined once.</summary>
public sealed class DiagnosticDescriptor
{
    public DiagnosticDescriptor(string code, DiagnosticSeverity severity, string title, string english, string chinese)
    {
        Code = code;
        DefaultSeverity = severity;
        Title = title;
        EnglishFormat = english;
        ChineseFormat = chinese;
    }

    public string Code { get; }
    public DiagnosticSeverity DefaultSeverity { get; }
    /// <summary>A short kebab-case name, also the anchor of the code in docs/diagnostics.md.</summary>
    public string Title { get; }
    public string EnglishFormat { get; }
    public string ChineseFormat { get; }
    public string HelpLink => "https://github.com/policylang/policylang/blob/main/docs/diagnostics.md#" + Code.ToLowerInvariant();

    public override string ToString() => Code;
}

public sealed class Diagnostic
{
    private readonly object?[] _arguments;

    public Diagnostic(DiagnosticDescriptor descriptor, Location location, object?[] arguments, DiagnosticSeverity? severity = null)
    {
        Descriptor = descriptor;
        Location = location;
        _arguments = arguments;
        Severity = severity ?? descriptor.DefaultSeverity;
    }

    public DiagnosticDescriptor Descriptor { get; }
    public Location Location { get; }
    public DiagnosticSeverity Severity { get; }
    public string Code => Descriptor.Code;
    public bool IsError => Severity == DiagnosticSeverity.Error;
    public IReadOnlyList<object?> Arguments => _arguments;

    public string GetMessage(Language language = Language.English)
    {
        var format = language == Language.Chinese ? Descriptor.ChineseFormat : Descriptor.EnglishFormat;
        var args = new object?[_arguments.Length];
        for (var i = 0; i < args.Length; i++)
            args[i] = _arguments[i] is ILocalizable l ? l.ToString(language) : _arguments[i];
        return string.Format(CultureInfo.InvariantCulture, format, args);
    }

    public string Message => GetMessage(Language.English);

    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    /// <summary><c>path(line,col): error PL0123: message</c>, lines and columns 1-based.</summary>
    public string ToString(Language language)
    {
        var start = Location.Start;
        return $"{Location.Path}({start.Line + 1},{start.Character + 1}): {SeverityName(Severity)} {Code}: {GetMessage(language)}";
    }

    public override string ToString() => ToString(Language.English);
}

/// <summary>Collects diagnostics for one phase.</summary>
public sealed class DiagnosticBag : IEnumerable<Diagnostic>
{
    private readonly List<Diagnostic> _diagnostics = new();

    public int Count => _diagnostics.Count;
    public bool HasErrors => _diagnostics.Any(d => d.IsError);

    public Diagnostic Report(DiagnosticDescriptor descriptor, Location location, params object?[] arguments)
    {
        var diagnostic = new Diagnostic(descriptor, location, arguments);
        _diagnostics.Add(diagnostic);
        return diagnostic;
    }

    public void Add(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _diagnostics.AddRange(diagnostics);

    public System.Collections.Immutable.ImmutableArray<Diagnostic> ToImmutableSorted() =>
        System.Collections.Immutable.ImmutableArray.CreateRange(
            _diagnostics.OrderBy(d => d.Location.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal));

    public IEnumerator<Diagnostic> GetEnumerator() => _diagnostics.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
