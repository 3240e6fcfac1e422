using System.Text;
using System.Text.Json;

namespace PolicyLang.Tests.Editor;

/// <summary>The snippets of lsp/vscode/snippets/policy.json, expanded as VS Code inserts them when every
/// placeholder keeps its default.</summary>
public static class Snippets
{
    public static string FilePath => Repo.Path("lsp", "vscode", "snippets", "policy.json");

    public sealed record Snippet(string Name, string[] Prefixes, string Body);

    public static List<Snippet> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FilePath));
        var list = new List<Snippet>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            var prefix = p.Value.GetProperty("prefix");
            var prefixes = prefix.ValueKind == JsonValueKind.Array ? prefix.EnumerateArray().Select(x => x.GetString()!).ToArray() : new[] { prefix.GetString()! };
            var body = p.Value.GetProperty("body");
            var text = body.ValueKind == JsonValueKind.Array ? string.Join("\n", body.EnumerateArray().Select(x => x.GetString())) : body.GetString()!;
            list.Add(new Snippet(p.Name, prefixes, text));
        }
        return list;
    }

    /// <summary>
    /// Expands a snippet body (TextMate snippet syntax): ${1:default} and nested placeholders give their
    /// default, ${1|a,b|} its first choice, $1 and ${1} the value given to that tab stop elsewhere, $0 nothing,
    /// \$ \} \\ their character; tabs become two spaces. Variables ($TM_FILENAME, …) are not allowed: the
    /// expansion would depend on the editor.
    /// </summary>
    public static string Expand(string body)
    {
        var defaults = new Dictionary<int, string>();
        // Two passes: a mirror ($2) may come before the placeholder that gives the default (${2:x}).
        for (var pass = 0; pass < 2; pass++)
        {
            var pos = 0;
            var result = Parse(body, ref pos, defaults, stopAtBrace: false);
            if (pass == 1) return result.Replace("\t", "  ");
        }
        throw new InvalidOperationException();
    }

    private static string Parse(string s, ref int pos, Dictionary<int, string> defaults, bool stopAtBrace)
    {
        var sb = new StringBuilder();
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == '\\' && pos + 1 < s.Length && s[pos + 1] is '$' or '}' or '\\')
            {
                sb.Append(s[pos + 1]);
                pos += 2;
            }
            else if (c == '}' && stopAtBrace)
            {
                return sb.ToString();
            }
            else if (c == '$' && pos + 1 < s.Length && char.IsDigit(s[pos + 1]))
            {
                pos++;
                var n = ReadInt(s, ref pos);
                sb.Append(defaults.GetValueOrDefault(n, ""));
            }
            else if (c == '$' && pos + 1 < s.Length && s[pos + 1] == '{')
            {
                pos += 2;
                if (pos >= s.Length || !char.IsDigit(s[pos]))
                    throw new FormatException($"snippet variable at {pos} in \"{s}\": use numbered placeholders only");
                var n = ReadInt(s, ref pos);
                string value;
                if (s[pos] == '}')
                {
                    value = defaults.GetValueOrDefault(n, "");
                }
                else if (s[pos] == ':')
                {
                    pos++;
                    value = Parse(s, ref pos, defaults, stopAtBrace: true);
                    defaults.TryAdd(n, value);
                }
                else if (s[pos] == '|')
                {
                    var end = s.IndexOf("|}", pos + 1, StringComparison.Ordinal);
                    if (end < 0) throw new FormatException($"unterminated choice in \"{s}\"");
                    value = s[(pos + 1)..end].Split(',')[0];
                    defaults.TryAdd(n, value);
                    pos = end + 1;
                }
                else
                {
                    throw new FormatException($"unexpected '{s[pos]}' in placeholder ${{{n} in \"{s}\"");
                }
                if (pos >= s.Length || s[pos] != '}') throw new FormatException($"unterminated placeholder ${{{n} in \"{s}\"");
                pos++;
                sb.Append(value);
            }
            else if (c == '$' && pos + 1 < s.Length && (char.IsLetter(s[pos + 1]) || s[pos + 1] == '_'))
            {
                throw new FormatException($"snippet variable at {pos} in \"{s}\": use numbered placeholders only (escape a literal dollar as \\$)");
            }
            else
            {
                sb.Append(c);
                pos++;
            }
        }
        if (stopAtBrace) throw new FormatException($"unterminated placeholder in \"{s}\"");
        return sb.ToString();
    }

    private static int ReadInt(string s, ref int pos)
    {
        var start = pos;
        while (pos < s.Length && char.IsDigit(s[pos])) pos++;
        return int.Parse(s[start..pos], System.Globalization.CultureInfo.InvariantCulture);
    }
}
