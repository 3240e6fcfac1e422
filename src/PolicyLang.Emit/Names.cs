using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace PolicyLang.Emit;

/// <summary>C# names for policy names: PascalCase, only identifier characters, keywords escaped, unique.</summary>
internal sealed class Names
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public static string Pascal(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c is '_' or '.' or '#' or '-' or ' ')
            {
                upper = true;
                continue;
            }
            if (!SyntaxFacts.IsIdentifierPartCharacter(c)) continue;
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        var result = sb.ToString();
        if (result.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(result[0])) result = "P" + result;
        return Escape(result);
    }

    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    /// <summary>A unique name built from a policy name, with a numeric suffix when taken.</summary>
    public string Unique(string baseName)
    {
        var name = baseName;
        for (var n = 2; !_used.Add(name); n++) name = baseName + n;
        return name;
    }

    /// <summary>A string as a C# literal, through Roslyn's literal factory: nothing from a policy reaches code unquoted.</summary>
    public static string Literal(string? value) => value is null ? "null" : SyntaxFactory.Literal(value).ToString();
}
