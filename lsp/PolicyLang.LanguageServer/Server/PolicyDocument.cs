using PolicyLang.LanguageServer.Protocol;
using PolicyLang.Text;

namespace PolicyLang.LanguageServer.Server;

/// <summary>An open document: its URI, the file path it stands for, its version and text.</summary>
public sealed class PolicyDocument
{
    public PolicyDocument(string uri, int version, string text)
    {
        Uri = uri;
        Path = Uris.ToPath(uri);
        Version = version;
        Text = SourceText.From(text, Path);
    }

    public string Uri { get; }
    public string Path { get; }
    public int Version { get; private set; }
    public SourceText Text { get; private set; }

    /// <summary>
    /// Applies the client's changes in order: a change without a range replaces the text; one with a range
    /// replaces that range (positions in UTF-16 code units, clamped into the text).
    /// </summary>
    public void Apply(int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        var content = Text.Content;
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                content = change.Text;
                continue;
            }
            var text = SourceText.From(content, Path);
            var start = Offset(text, change.Range.Start);
            var end = Math.Max(start, Offset(text, change.Range.End));
            content = string.Concat(content.AsSpan(0, start), change.Text, content.AsSpan(end));
        }
        Version = version;
        Text = SourceText.From(content, Path);
    }

    public static int Offset(SourceText text, Position position) =>
        text.GetPosition(new LinePosition(Math.Max(0, position.Line), Math.Max(0, position.Character)));
}

/// <summary>file: URIs and paths.</summary>
public static class Uris
{
    public static string ToPath(string uri)
    {
        if (System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile) return parsed.LocalPath;
        return uri;
    }

    public static string FromPath(string path) => new System.Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri;

    public static bool SamePath(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    private static string Normalize(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
