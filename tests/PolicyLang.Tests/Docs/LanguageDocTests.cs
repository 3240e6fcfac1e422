using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax;

namespace PolicyLang.Tests.Docs;

/// <summary>
/// Keeps docs/language.md honest: every ```policy block is a complete file that checks without errors
/// (and with exactly the warnings its first comment announces), and the keyword table lists exactly the
/// keyword spellings of grammar/PolicyLexer.g4.
/// </summary>
public class LanguageDocTests
{
    private static string DocPath => Repo.Path("docs", "language.md");

    private static string ReadDoc() => File.ReadAllText(DocPath).Replace("\r\n", "\n");

    // ------------------------------------------------------------------ policy blocks

    /// <summary>A ```policy block: its number (from 1), the doc line of its first text line, and its text.</summary>
    private sealed record Block(int Number, int Line, string Text);

    private static List<Block> PolicyBlocks()
    {
        var lines = ReadDoc().Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "```policy") continue;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].TrimEnd() != "```") end++;
            Assert.True(end < lines.Length, $"docs/language.md:{i + 1}: the ```policy block is never closed");
            blocks.Add(new Block(blocks.Count + 1, start + 1, string.Join("\n", lines[start..end]) + "\n"));
            i = end;
        }
        return blocks;
    }

    /// <summary>
    /// Each block is compiled as a file in the examples folder, so that relative plan paths such as
    /// "plans/zaozhuang-compliant.json" resolve; all blocks are known to the resolver, so a block may
    /// extend a policy declared in another block.
    /// </summary>
    private static string BlockPath(Block block) => Repo.Path("examples", $"language-doc-block-{block.Number:00}.policy");

    public static IEnumerable<object[]> BlockCases() => PolicyBlocks().Select(b => new object[] { b.Number, b.Line });

    private static readonly Regex s_expectedWarning = new(@"^//\s*expected warnings?:\s*(?<codes>PL\d{4}(\s*,\s*PL\d{4})*)", RegexOptions.Multiline);

    [Theory]
    [MemberData(nameof(BlockCases))]
    public void Policy_block_checks_without_errors(int number, int line)
    {
        var blocks = PolicyBlocks();
        var trees = blocks.Select(b => SyntaxTree.Parse(b.Text, BlockPath(b))).ToList();
        var block = blocks[number - 1];
        Assert.Equal(line, block.Line);

        var compilation = Compilation.Create(trees[number - 1], new FileSystemPolicyResolver(trees));

        string Where(Diagnostic d) =>
            $"docs/language.md:{block.Line + d.Location.Start.Line} (block {number}, line {d.Location.Start.Line + 1}): {d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}";

        var errors = compilation.Diagnostics.Where(d => d.IsError).Select(Where).ToList();
        Assert.True(errors.Count == 0, "a ```policy block of the language reference has errors:\n" + string.Join("\n", errors));

        var expected = s_expectedWarning.Matches(block.Text)
            .SelectMany(m => m.Groups["codes"].Value.Split(',', StringSplitOptions.TrimEntries))
            .OrderBy(c => c, StringComparer.Ordinal)
            .ToList();
        var warnings = compilation.Diagnostics.Where(d => !d.IsError).ToList();
        Assert.True(expected.SequenceEqual(warnings.Select(w => w.Code).OrderBy(c => c, StringComparer.Ordinal)),
            $"block {number} (docs/language.md:{block.Line}) announces warnings [{string.Join(", ", expected)}] but has:\n"
            + string.Join("\n", warnings.Select(Where))
            + "\nAnnounce a warning in a first-line comment '// expected warning: CODE — why' or fix the block.");
    }

    [Fact]
    public void The_reference_has_policy_blocks_and_each_declares_a_policy()
    {
        var blocks = PolicyBlocks();
        Assert.True(blocks.Count >= 10, $"expected the language reference to show at least 10 ```policy blocks, found {blocks.Count}");
        var names = new List<string>();
        foreach (var block in blocks)
        {
            var tree = SyntaxTree.Parse(block.Text, BlockPath(block));
            var name = FileSystemPolicyResolver.PolicyName(tree);
            Assert.True(name is not null, $"block {block.Number} (docs/language.md:{block.Line}) has no policy header");
            names.Add(name!);
        }
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "policy names must be unique across the blocks (extends resolves by name): " + string.Join(", ", duplicates));
    }

    // ------------------------------------------------------------------ keyword table

    [Fact]
    public void The_keyword_table_lists_exactly_the_keyword_spellings_of_the_lexer_grammar()
    {
        var grammar = GrammarKeywords(File.ReadAllText(Repo.Path("grammar", "PolicyLexer.g4")));
        var table = DocKeywordTable(ReadDoc());

        Assert.True(grammar.Count > 50, $"found only {grammar.Count} keyword rules in PolicyLexer.g4; is the grammar reader broken?");
        var problems = new List<string>();
        foreach (var (rule, spellings) in grammar)
        {
            if (!table.TryGetValue(rule, out var listed))
            {
                problems.Add($"{rule}: no row in the keyword table (spellings: {string.Join(", ", spellings)})");
                continue;
            }
            var missing = spellings.Except(listed).ToList();
            var extra = listed.Except(spellings).ToList();
            if (missing.Count > 0) problems.Add($"{rule}: the table lacks {string.Join(", ", missing.Select(s => $"'{s}'"))}");
            if (extra.Count > 0) problems.Add($"{rule}: the table lists {string.Join(", ", extra.Select(s => $"'{s}'"))}, which the grammar does not define");
        }
        foreach (var rule in table.Keys.Where(r => !grammar.ContainsKey(r)))
            problems.Add($"{rule}: the table has a row but PolicyLexer.g4 has no such keyword rule");
        Assert.True(problems.Count == 0, "docs/language.md § Keywords is out of step with grammar/PolicyLexer.g4:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_grammar_reader_expands_alternatives_groups_and_spaces()
    {
        var keywords = GrammarKeywords("""
            lexer grammar T;
            // a comment: 'ignored' | 'words'
            A : 'a' | '甲' ;
            B : 'x' ('1' | '2') | '/y' ;
            C : 'set' [ \t]+ 'of' ;
            PUNCT : '==' | '、' ;
            D : DIGIT+ '%' ;
            LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
            E : '¥' ;
            fragment DIGIT : [0-9] ;
            """);
        Assert.Equal(new[] { "A", "B", "C", "E" }, keywords.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "a", "甲" }, keywords["A"].OrderBy(s => s, StringComparer.Ordinal));
        Assert.Equal(new[] { "/y", "x1", "x2" }, keywords["B"].OrderBy(s => s, StringComparer.Ordinal));
        Assert.Equal(new[] { "set of" }, keywords["C"]);
        Assert.Equal(new[] { "¥" }, keywords["E"]);
    }

    /// <summary>
    /// The keyword rules of a lexer grammar and every spelling each one matches. A keyword rule is a
    /// non-fragment rule made only of literals, alternatives, groups and '[ \t]+' (read as one space),
    /// at least one of whose spellings contains a letter or a currency sign (punctuation rules have neither).
    /// </summary>
    private static Dictionary<string, HashSet<string>> GrammarKeywords(string grammar)
    {
        var tokens = G4Tokens(grammar);
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind != G4Kind.Word || tokens[i + 1].Text != ":" || !char.IsUpper(tokens[i].Text[0])) continue;
            var isFragment = i > 0 && tokens[i - 1].Text == "fragment";
            var end = i + 2;
            while (end < tokens.Count && tokens[end].Text != ";") end++;
            var body = tokens.GetRange(i + 2, end - i - 2);
            var arrow = body.FindIndex(t => t.Text == "->");
            if (arrow >= 0) body = body.GetRange(0, arrow);
            var name = tokens[i].Text;
            i = end;
            if (isFragment) continue;
            var spellings = Expand(body);
            if (spellings is null || !spellings.Any(IsWordLike)) continue;
            result[name] = spellings.ToHashSet(StringComparer.Ordinal);
        }
        return result;
    }

    private static bool IsWordLike(string spelling) => spelling.Any(c =>
        char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol);

    /// <summary>All strings a rule body matches, or null when it has anything but literals, '|', '(…)' and '[ \t]+'.</summary>
    private static List<string>? Expand(List<G4Token> body)
    {
        var position = 0;
        var result = Alternatives();
        return result is not null && position == body.Count ? result : null;

        List<string>? Alternatives()
        {
            var all = Sequence();
            while (all is not null && position < body.Count && body[position].Text == "|")
            {
                position++;
                var next = Sequence();
                if (next is null) return null;
                all.AddRange(next);
            }
            return all;
        }

        List<string>? Sequence()
        {
            var strings = new List<string> { string.Empty };
            while (position < body.Count && body[position].Text is not ("|" or ")"))
            {
                var token = body[position++];
                switch (token.Kind)
                {
                    case G4Kind.Literal:
                        strings = strings.Select(s => s + token.Text).ToList();
                        break;
                    case G4Kind.CharClass when token.Text == "[ \\t]" && position < body.Count && body[position].Text == "+":
                        position++;
                        strings = strings.Select(s => s + " ").ToList();
                        break;
                    case G4Kind.Punctuation when token.Text == "(":
                        var inner = Alternatives();
                        if (inner is null || position >= body.Count || body[position].Text != ")") return null;
                        position++;
                        strings = strings.SelectMany(s => inner.Select(x => s + x)).ToList();
                        break;
                    default:
                        return null;
                }
            }
            return strings;
        }
    }

    private enum G4Kind { Word, Literal, CharClass, Punctuation }

    private sealed record G4Token(G4Kind Kind, string Text);

    /// <summary>Tokens of an ANTLR grammar: words, literals (unescaped), character classes and punctuation; comments dropped.</summary>
    private static List<G4Token> G4Tokens(string text)
    {
        var tokens = new List<G4Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 2;
            }
            else if (c == '\'')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '\'')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        var next = text[i + 1];
                        if (next == 'u' && i + 5 < text.Length)
                        {
                            sb.Append((char)int.Parse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            i += 6;
                            continue;
                        }
                        sb.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'f' => '\f', _ => next });
                        i += 2;
                        continue;
                    }
                    sb.Append(text[i++]);
                }
                i++;
                tokens.Add(new G4Token(G4Kind.Literal, sb.ToString()));
            }
            else if (c == '[')
            {
                var start = i;
                i++;
                while (i < text.Length && text[i] != ']')
                    i += text[i] == '\\' ? 2 : 1;
                i++;
                tokens.Add(new G4Token(G4Kind.CharClass, text[start..Math.Min(i, text.Length)]));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new G4Token(G4Kind.Word, text[start..i]));
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add(new G4Token(G4Kind.Punctuation, "->"));
                i += 2;
            }
            else
            {
                tokens.Add(new G4Token(G4Kind.Punctuation, c.ToString()));
                i++;
            }
        }
        return tokens;
    }

    private static readonly Regex s_code = new("`([^`]+)`");

    /// <summary>The rows of the table under '## Keywords': token name → the spellings in the English and Chinese columns.</summary>
    private static Dictionary<string, HashSet<string>> DocKeywordTable(string doc)
    {
        var lines = doc.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "## Keywords");
        Assert.True(start >= 0, "docs/language.md has no '## Keywords' section");
        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (!lines[i].StartsWith("| `", StringComparison.Ordinal)) continue;
            var cells = lines[i].Split('|');
            Assert.True(cells.Length >= 5, $"docs/language.md:{i + 1}: a keyword row needs the columns Token | English | Chinese and symbols | Meaning");
            var token = s_code.Match(cells[1]).Groups[1].Value;
            Assert.False(table.ContainsKey(token), $"docs/language.md:{i + 1}: {token} has two rows");
            table[token] = cells[2..4].SelectMany(cell => s_code.Matches(cell).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        }
        return table;
    }
}
