using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLang.Diagnostics;

namespace PolicyLang.Cli.Output;

/// <summary>Prints diagnostics as text (path(line,col): error PL0123: message), JSON or SARIF 2.1.0.</summary>
public static class DiagnosticWriter
{
    public static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteText(TextWriter writer, IEnumerable<Diagnostic> diagnostics, Language language)
    {
        foreach (var d in diagnostics)
            writer.WriteLine(d.ToString(language));
    }

    public static void WriteJson(Stream stream, IEnumerable<Diagnostic> diagnostics, Language language)
    {
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            var start = d.Location.Start;
            var end = d.Location.End;
            json.WriteStartObject();
            json.WriteString("file", d.Location.Path);
            json.WriteNumber("line", start.Line + 1);
            json.WriteNumber("column", start.Character + 1);
            json.WriteNumber("endLine", end.Line + 1);
            json.WriteNumber("endColumn", end.Character + 1);
            json.WriteString("severity", Diagnostic.SeverityName(d.Severity));
            json.WriteString("code", d.Code);
            json.WriteString("message", d.GetMessage(language));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static void WriteSarif(Stream stream, IReadOnlyList<Diagnostic> diagnostics, Language language)
    {
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "policyc");
        json.WriteString("informationUri", "https://github.com/policylang/policylang");
        json.WriteString("semanticVersion", typeof(DiagnosticWriter).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
        json.WriteStartArray("rules");
        foreach (var descriptor in diagnostics.Select(d => d.Descriptor).Distinct().OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("id", descriptor.Code);
            json.WriteString("name", descriptor.Title);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", descriptor.Title.Replace('-', ' '));
            json.WriteEndObject();
            json.WriteString("helpUri", descriptor.HelpLink);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(descriptor.DefaultSeverity));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var d in diagnostics)
        {
            var start = d.Location.Start;
            var end = d.Location.End;
            json.WriteStartObject();
            json.WriteString("ruleId", d.Code);
            json.WriteString("level", Level(d.Severity));
            json.WriteStartObject("message");
            json.WriteString("text", d.GetMessage(language));
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", ToUri(d.Location.Path));
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", start.Line + 1);
            json.WriteNumber("startColumn", start.Character + 1);
            json.WriteNumber("endLine", end.Line + 1);
            json.WriteNumber("endColumn", end.Character + 1);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static string ToUri(string path) => Path.IsPathRooted(path) ? new Uri(path).AbsoluteUri : path.Replace('\\', '/');
}
