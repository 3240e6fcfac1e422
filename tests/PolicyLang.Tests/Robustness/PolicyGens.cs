using System.Text;
using CsCheck;
using PolicyLang.Syntax;

namespace PolicyLang.Tests.Robustness;

/// <summary>CsCheck generators of random policy-like text and of mutations of the example policies.</summary>
public static class PolicyGens
{
    /// <summary>Every keyword spelling, English and Chinese, from the language's own keyword table.</summary>
    public static readonly string[] Keywords = SyntaxFacts.Keywords
        .SelectMany(k => k.English.Concat(k.Chinese))
        .Where(s => s.Length > 0)
        .Distinct(StringComparer.Ordinal)
        .OrderBy(s => s, StringComparer.Ordinal)
        .ToArray();

    public static readonly string[] Punctuation =
    {
        "{", "}", "(", ")", "[", "]", ",", ":", ";", ".", "..", "=", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%",
        "§", "（", "）", "：", "，", "、", "；", "。", "“", "”", "‘", "’", "《", "》", "【", "】", "〔", "〕", "—", "～", "≤", "≥", "≠", "×", "÷", "−",
        "¥", "￥", "％", "\"", "\\", "#", "@", "'", "`", "$", "&", "|", "^", "?", "!", "~", "/*", "*/", "//",
    };

    public static readonly string[] Atoms =
    {
        "0", "12", "1.5", "007", "99999999999999999999999999999", "80%", "12.5％", "2021-09-01", "2021-02-30", "2021-13-45", "0000-00-00",
        "18:30", "24:00", "25:99", "9:05", "\"文本\"", "\"text\"", "\"\"", "\"unterminated", "\"bad \\q escape\"", "\"a\\\"b\"",
        "plan.fees", "school.stage", "school.district", "plan.service.end", "fee.cap.urban", "CNY", "元", "每生每月", "元/生/月", "/生/月", "每课时",
        "min", "h", "周一..周五", "mon..fri", "15:30..16:30", "primary", "public", "urban", "in_service_teacher", "abc", "_x", "x1", "政策1",
        "sum(p.count for p in plan.providers)", "any a in plan.activities where a.kind == new_lesson", "100 CNY per student per month",
        "set of text", "list of", "exception to", "at least", "at most", "not before", "not after", "not in",
    };

    public static readonly string[] Whitespace = { " ", " ", " ", "\n", "\t", "\r\n", "\r", "\u3000", "\u00A0", "\uFEFF", "\u2028", "\f", "\v" };

    /// <summary>Characters a file can hold that a lexer might trip on: NUL, controls, lone surrogates, astral characters.</summary>
    public static readonly string[] Oddities = { "\0", "\u0001", "\u007F", "😀", "\U0002A6A5", "\uFFFF", "\uFFFD", "é", "\u0301", "Ⅻ", "٣", "\uD800", "\uDC00", "a\uDBFF" };

    private static Gen<string> Chars(Gen<char> c, int max) => c.Array[1, max].Select(a => new string(a));

    /// <summary>One piece of random text: a keyword, punctuation, a literal, Chinese or ASCII characters, whitespace or an odd character.</summary>
    public static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.OneOf(Keywords)),
        (5, Gen.OneOf(Punctuation)),
        (4, Gen.OneOf(Atoms)),
        (3, Chars(Gen.Char['\u4e00', '\u9fa5'], 6)),
        (3, Chars(Gen.Char[' ', '~'], 8)),
        (3, Gen.OneOf(Whitespace)),
        (1, Gen.OneOf(Oddities)));

    /// <summary>Random text: up to 80 pieces, joined with nothing, a space or a newline.</summary>
    public static readonly Gen<string> RandomText =
        Gen.Select(Piece, Gen.OneOf("", " ", " ", "\n")).Array[0, 80]
            .Select(parts =>
            {
                var sb = new StringBuilder();
                foreach (var (piece, separator) in parts) sb.Append(piece).Append(separator);
                return sb.ToString();
            });

    private static readonly string[] Skeletons =
    {
        "policy p {{\n  title \"t\"\n  effective 2021-09-01\n  applies {0}\n}}\n\nrule r \"r\" § \"1\"\n  require {1}\n\nparam x: {2} = 1\n",
        "policy p {{ title \"t\" effective 2021-09-01 }}\nwindow {{\n  {0}\n  end not after {1} § \"3\"\n}}\nfee {{\n  cap {2}\n}}\n",
        "policy p {{ title \"t\" effective 2021-09-01 }}\nscenario s \"s\" {{\n  set {0} = {1}\n  assume {2}\n}}\n",
        "policy p {{ title \"t\" effective 2021-09-01 }}\ntest \"t\" {{\n  given plan {{ {0} }}\n  expect {1}\n}}\n// {2}\n",
        "政策 p {{\n  标题 \"t\"\n  施行 2021-09-01\n}}\n规则 r \"r\" 依据 \"1\"\n  要求 {0}\n收费 {{\n  上限 {1} 当 {2}\n}}\n",
        "policy p {{ title \"t\" effective 2021-09-01 }}\nparam a: {0} = {1}\n  from 2022-01-01: {2}\n",
    };

    /// <summary>Random text in the slots of a policy skeleton, so it reaches the parser's inner rules and the binder.</summary>
    public static readonly Gen<string> RandomInSkeleton =
        Gen.Select(Gen.Int[0, Skeletons.Length - 1], RandomText.Array[3, 3])
            .Select((k, fill) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Skeletons[k], fill[0], fill[1], fill[2]));

    // ---------------------------------------------------------------------------------------------- mutations

    /// <summary>An example split into pieces at token starts: piece k is token k and the trivia after it.</summary>
    public sealed class Source
    {
        public Source(string name, string text)
        {
            Name = name;
            Text = text;
            var tree = SyntaxTree.Parse(text, name);
            var starts = tree.Tokens.Where(t => !t.IsMissing && t.Span.Length > 0).Select(t => t.Span.Start).Distinct().OrderBy(s => s).ToList();
            Prefix = starts.Count == 0 ? text : text[..starts[0]];
            var pieces = new List<string>();
            for (var i = 0; i < starts.Count; i++)
                pieces.Add(text[starts[i]..(i + 1 < starts.Count ? starts[i + 1] : text.Length)]);
            Pieces = pieces;
            Members = tree.Root.Members.Select(m => (m.Span.Start, m.Span.End)).ToList();
        }

        public string Name { get; }
        public string Text { get; }
        public string Prefix { get; }
        public IReadOnlyList<string> Pieces { get; }
        public IReadOnlyList<(int Start, int End)> Members { get; }
    }

    public static readonly IReadOnlyList<Source> Sources = Robust.Examples.Select(e => new Source(e.Name, e.Text)).ToList();

    public enum Op
    {
        Delete,
        Duplicate,
        Swap,
        SwapAdjacent,
        InsertKeyword,
        InsertPiece,
        Replace,
        Truncate,
        DeleteRange,
    }

    public readonly record struct Mutation(Op Op, int A, int B, string Word)
    {
        public override string ToString() => $"{Op}({A}, {B}, {Word.Replace("\n", "\\n")})";
    }

    public sealed record Mutated(string Example, IReadOnlyList<Mutation> Mutations, string Text)
    {
        public override string ToString() => $"{Example} with {string.Join(", ", Mutations)}:\n{Text}";
    }

    private static readonly Gen<Mutation> MutationGen =
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 100_000], Gen.Int[0, 100_000], Gen.OneOf(Gen.OneOf(Keywords), Piece))
            .Select((op, a, b, word) => new Mutation(op, a, b, word));

    /// <summary>An example policy with 1–4 token-level mutations: most results have syntax errors.</summary>
    public static readonly Gen<Mutated> MutatedExample =
        Gen.Select(Gen.Int[0, Sources.Count - 1], MutationGen.Array[1, 4])
            .Select((k, mutations) => new Mutated(Sources[k].Name, mutations, Apply(Sources[k], mutations)));

    public static string Apply(Source source, IReadOnlyList<Mutation> mutations)
    {
        var pieces = source.Pieces.ToList();
        int? truncateAt = null;
        foreach (var m in mutations)
        {
            if (pieces.Count == 0) break;
            var i = m.A % pieces.Count;
            var j = m.B % pieces.Count;
            switch (m.Op)
            {
                case Op.Delete:
                    pieces.RemoveAt(i);
                    break;
                case Op.Duplicate:
                    pieces.Insert(i, pieces[i]);
                    break;
                case Op.Swap:
                    (pieces[i], pieces[j]) = (pieces[j], pieces[i]);
                    break;
                case Op.SwapAdjacent when i + 1 < pieces.Count:
                    (pieces[i], pieces[i + 1]) = (pieces[i + 1], pieces[i]);
                    break;
                case Op.InsertKeyword:
                    pieces.Insert(i, m.Word + " ");
                    break;
                case Op.InsertPiece:
                    pieces.Insert(i, m.Word);
                    break;
                case Op.Replace:
                    pieces[i] = m.Word + Trivia(pieces[i]);
                    break;
                case Op.Truncate:
                    truncateAt = m.A;
                    break;
                case Op.DeleteRange:
                    pieces.RemoveRange(i, Math.Min(1 + m.B % 12, pieces.Count - i));
                    break;
            }
        }
        var text = source.Prefix + string.Concat(pieces);
        if (truncateAt is { } at && text.Length > 0) text = text[..(at % text.Length)];
        return text;
    }

    /// <summary>The whitespace and comments that follow a piece's token.</summary>
    private static string Trivia(string piece)
    {
        // The token is the piece's first run without whitespace; comments and whitespace after it are kept.
        var k = 0;
        while (k < piece.Length && !char.IsWhiteSpace(piece[k])) k++;
        return piece[k..];
    }

    // ---------------------------------------------------------------------------------------------- layout-only changes

    private static readonly string[] Layout =
    {
        "\n", "\n\n\n", "  ", "\t", " // 注释 comment\n", " /* 块注释 */ ", "\n// own line\n", " /**/ ",
        " /* multi\n   line */ ", "\n/* 多行\n注释 */\n",
    };

    /// <summary>
    /// An example with comments, line breaks and spaces inserted between tokens, and whole declarations
    /// duplicated, dropped or swapped: the syntax stays valid, so the formatter's guarantees must hold.
    /// </summary>
    public static readonly Gen<Mutated> LayoutChangedExample =
        Gen.Select(Gen.Int[0, Sources.Count - 1], Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, Layout.Length - 1], Gen.Int[0, 9]).Array[1, 8], Gen.Int[0, 100_000], Gen.Int[0, 3])
            .Select((k, inserts, memberPick, memberOp) =>
            {
                var source = Sources[k];
                var text = MemberEdit(source, memberPick, memberOp);
                var re = new Source(source.Name, text);
                var pieces = re.Pieces.ToList();
                var mutations = new List<Mutation> { new(Op.Swap, memberPick, memberOp, "members") };
                foreach (var (at, layout, _) in inserts.OrderByDescending(x => x.Item1))
                {
                    if (pieces.Count == 0) break;
                    var i = at % pieces.Count;
                    pieces.Insert(i, Layout[layout]);
                    mutations.Add(new Mutation(Op.InsertPiece, i, layout, Layout[layout]));
                }
                return new Mutated(source.Name, mutations, re.Prefix + string.Concat(pieces));
            });

    /// <summary>0: unchanged; 1: duplicate a declaration; 2: drop one; 3: swap two.</summary>
    private static string MemberEdit(Source source, int pick, int op)
    {
        var members = source.Members;
        if (members.Count < 2 || op == 0) return source.Text;
        var a = members[pick % members.Count];
        var b = members[(pick / members.Count + 1 + pick) % members.Count];
        string Slice((int Start, int End) m) => source.Text[m.Start..m.End];
        switch (op)
        {
            case 1:
                return source.Text[..a.End] + "\n\n" + Slice(a) + source.Text[a.End..];
            case 2:
                return source.Text[..a.Start] + source.Text[a.End..];
            default:
                if (a.Start == b.Start) return source.Text;
                var (first, second) = a.Start < b.Start ? (a, b) : (b, a);
                return source.Text[..first.Start] + Slice(second) + source.Text[first.End..second.Start] + Slice(first) + source.Text[second.End..];
        }
    }
}
