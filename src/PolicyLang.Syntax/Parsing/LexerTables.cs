using System.Collections.Immutable;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using PolicyLang.Syntax.Parsing.Generated;

namespace PolicyLang.Syntax.Parsing;

/// <summary>
/// What <see cref="PolicyLexer"/>'s fast paths need to know about the grammar, read from the generated lexer's
/// own ATN so that it cannot drift from grammar/PolicyLexer.g4: the character sets of whitespace and names, and
/// every spelling of every rule that matches a fixed, small set of strings (keywords, units, punctuation).
/// <para>
/// The fast paths rest on assumptions about the grammar that are checked here; if one fails (the grammar changed),
/// <see cref="Instance"/> is null, <see cref="Problem"/> says why, and the lexer runs on ANTLR alone (a test fails
/// until the fast paths are brought in step).
/// </para>
/// </summary>
internal sealed class LexerTables
{
    private const int MaxCodePoint = 0x10FFFF;

    // The rules the fast paths scan by hand (PolicyLexerFastPaths.cs); every other rule is either a set of fixed
    // spellings (looked up in Spellings) or starts with an ASCII character that is left to ANTLR.
    private static readonly string[] s_handScanned =
    {
        "WS", "ID", "STRING", "UNTERMINATED_STRING", "LINE_COMMENT", "BLOCK_COMMENT", "UNTERMINATED_COMMENT", "BAD_CHAR",
    };

    private LexerTables(CodePointSet whitespace, CodePointSet idStart, CodePointSet idPart, SpellingTable spellings, int idRule, int badCharRule)
    {
        Whitespace = whitespace;
        IdStart = idStart;
        IdPart = idPart;
        Spellings = spellings;
        IdRule = idRule;
        BadCharRule = badCharRule;
    }

    public static LexerTables? Instance { get; }

    /// <summary>Why there are no fast paths (null when there are).</summary>
    public static string? Problem { get; }

    public CodePointSet Whitespace { get; }
    public CodePointSet IdStart { get; }
    public CodePointSet IdPart { get; }
    /// <summary>Every spelling of every fixed-spelling rule: its token type and rule index (the lower rule wins a tie).</summary>
    public SpellingTable Spellings { get; }
    public int IdRule { get; }
    public int BadCharRule { get; }

    static LexerTables()
    {
        try
        {
            Instance = Build(out var problem);
            Problem = problem;
        }
        catch (Exception e)
        {
            Instance = null;
            Problem = "reading the lexer's ATN failed: " + e.Message;
        }
    }

    private static LexerTables? Build(out string? problem)
    {
        var atn = PolicyLexer._ATN;
        var names = PolicyLexer.ruleNames;
        int Rule(string name) => Array.IndexOf(names, name);

        foreach (var name in s_handScanned.Concat(new[] { "ID_START", "ID_PART" }))
        {
            if (Rule(name) < 0)
            {
                problem = $"the lexer has no rule {name}";
                return null;
            }
        }
        var expectedTypes = new Dictionary<string, int>
        {
            ["WS"] = PolicyLexer.WS, ["ID"] = PolicyLexer.ID, ["STRING"] = PolicyLexer.STRING,
            ["UNTERMINATED_STRING"] = PolicyLexer.UNTERMINATED_STRING, ["LINE_COMMENT"] = PolicyLexer.LINE_COMMENT,
            ["BLOCK_COMMENT"] = PolicyLexer.BLOCK_COMMENT, ["UNTERMINATED_COMMENT"] = PolicyLexer.UNTERMINATED_COMMENT,
            ["BAD_CHAR"] = PolicyLexer.BAD_CHAR,
        };
        foreach (var pair in expectedTypes)
        {
            if (atn.ruleToTokenType[Rule(pair.Key)] != pair.Value)
            {
                problem = $"rule {pair.Key} does not make token type {pair.Value}";
                return null;
            }
        }

        var whitespace = First(atn, Rule("WS"));
        var idStart = First(atn, Rule("ID_START"));
        var idPart = First(atn, Rule("ID_PART"));
        var badCharRule = Rule("BAD_CHAR");
        var quoteOrSlash = CodePointSet.FromIntervals(new[] { ((int)'"', (int)'"'), ('/', '/') });
        var nonAscii = CodePointSet.FromIntervals(new[] { (128, MaxCodePoint) });

        var spellings = new List<(string Text, int Type, int Rule)>();
        for (var r = 0; r < names.Length; r++)
        {
            var type = atn.ruleToTokenType[r];
            if (type <= 0) continue; // a fragment
            if (s_handScanned.Contains(names[r]))
            {
                if (names[r] != "BAD_CHAR" && r > badCharRule)
                {
                    problem = "BAD_CHAR is not the last rule";
                    return null;
                }
                continue;
            }
            if (r > badCharRule)
            {
                problem = $"rule {names[r]} comes after BAD_CHAR";
                return null;
            }
            var strings = Strings(atn, r);
            if (strings is null)
            {
                // A rule the fast paths leave to ANTLR: it must start only where they never take over.
                var first = First(atn, r);
                if (first.Overlaps(whitespace) || first.Overlaps(idStart) || first.Overlaps(quoteOrSlash) || first.Overlaps(nonAscii))
                {
                    problem = $"rule {names[r]} matches open-ended text that can start with whitespace, a letter, '\"', '/' or a non-ASCII character";
                    return null;
                }
                continue;
            }
            foreach (var s in strings)
            {
                var codePoints = CodePoints(s);
                var c0 = codePoints[0];
                if (whitespace.Contains(c0) || c0 == '"' || s.StartsWith("//", StringComparison.Ordinal) || s.StartsWith("/*", StringComparison.Ordinal))
                {
                    problem = $"rule {names[r]} has the spelling '{s}', which starts like whitespace, a text or a comment";
                    return null;
                }
                if (idStart.Contains(c0) && !codePoints.All(idPart.Contains))
                {
                    problem = $"rule {names[r]} has the spelling '{s}', which starts like a name but does not continue like one";
                    return null;
                }
                spellings.Add((s, type, r));
            }
        }

        problem = null;
        return new LexerTables(whitespace, idStart, idPart, new SpellingTable(spellings), Rule("ID"), badCharRule);
    }

    private static int[] CodePoints(string s)
    {
        var list = new List<int>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                list.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                i++;
            }
            else
            {
                list.Add(s[i]);
            }
        }
        return list.ToArray();
    }

    /// <summary>The code points a rule's first character can be (fragments followed).</summary>
    internal static CodePointSet First(ATN atn, int rule)
    {
        var intervals = new List<(int, int)>();
        var visited = new HashSet<(int, string)>();

        void Walk(ATNState state, ImmutableStack<ATNState> returns)
        {
            if (!visited.Add((state.stateNumber, Key(returns)))) return;
            if (state is RuleStopState)
            {
                if (!returns.IsEmpty) Walk(returns.Peek(), returns.Pop());
                return;
            }
            foreach (var t in state.TransitionsArray)
            {
                switch (t)
                {
                    case RuleTransition call:
                        Walk(call.target, returns.Push(call.followState));
                        break;
                    case NotSetTransition notSet:
                        intervals.AddRange(Complement(notSet.Label));
                        break;
                    case WildcardTransition:
                        intervals.Add((0, MaxCodePoint));
                        break;
                    default:
                        if (t.IsEpsilon) Walk(t.target, returns);
                        else if (t.Label is { } label)
                            foreach (var i in label.GetIntervals()) intervals.Add((i.a, i.b));
                        break;
                }
            }
        }

        Walk(atn.ruleToStartState[rule], ImmutableStack<ATNState>.Empty);
        return CodePointSet.FromIntervals(intervals);
    }

    // Plain loops and sorts here rather than LINQ: this runs at every start of policyc and of the language server, and
    // LINQ's iterators over value tuples are generic code no precompiled image holds (each a JIT compilation).

    /// <summary>The return stack as text, for the set of visited states.</summary>
    private static string Key(ImmutableStack<ATNState> returns)
    {
        if (returns.IsEmpty) return string.Empty;
        var key = new System.Text.StringBuilder();
        foreach (var state in returns) key.Append(state.stateNumber).Append(',');
        return key.ToString();
    }

    private static List<(int, int)> Complement(IntervalSet set)
    {
        var sorted = new List<Interval>(set.GetIntervals());
        sorted.Sort((x, y) => x.a.CompareTo(y.a));
        var complement = new List<(int, int)>();
        var next = 0;
        foreach (var i in sorted)
        {
            if (i.a > next) complement.Add((next, i.a - 1));
            next = Math.Max(next, i.b + 1);
        }
        if (next <= MaxCodePoint) complement.Add((next, MaxCodePoint));
        return complement;
    }

    /// <summary>
    /// Every string a rule matches, when that is a small fixed set (only characters, small character sets and
    /// plain alternatives: no loop, action, predicate or wildcard); otherwise null.
    /// </summary>
    internal static List<string>? Strings(ATN atn, int rule)
    {
        const int MaxLength = 32, MaxStrings = 4096, MaxSteps = 100_000;
        var results = new HashSet<string>(StringComparer.Ordinal);
        var steps = 0;
        var open = false;

        void Walk(ATNState state, string prefix, ImmutableStack<ATNState> returns)
        {
            if (open) return;
            if (++steps > MaxSteps || prefix.Length > MaxLength || results.Count > MaxStrings)
            {
                open = true;
                return;
            }
            if (state is RuleStopState)
            {
                if (!returns.IsEmpty) Walk(returns.Peek(), prefix, returns.Pop());
                else if (prefix.Length == 0) open = true; // matches the empty string
                else results.Add(prefix);
                return;
            }
            foreach (var t in state.TransitionsArray)
            {
                switch (t.TransitionType)
                {
                    case TransitionType.EPSILON:
                        Walk(t.target, prefix, returns);
                        break;
                    case TransitionType.RULE:
                        Walk(t.target, prefix, returns.Push(((RuleTransition)t).followState));
                        break;
                    case TransitionType.ATOM:
                    case TransitionType.RANGE:
                    case TransitionType.SET:
                        var label = t.Label;
                        if (label is null || label.Count > 16)
                        {
                            open = true;
                            return;
                        }
                        foreach (var c in label.ToList())
                            Walk(t.target, prefix + char.ConvertFromUtf32(c), returns);
                        break;
                    default: // actions, predicates, wildcards, complements
                        open = true;
                        return;
                }
            }
        }

        Walk(atn.ruleToStartState[rule], string.Empty, ImmutableStack<ATNState>.Empty);
        return open || results.Count == 0 ? null : results.ToList();
    }
}

/// <summary>
/// What ID's predicate (PolicyLexerGlue.cs) needs to know about the grammar, read from the generated lexer's ATN
/// like <see cref="LexerTables"/> but needed by ANTLR's own lexing as well, so always there.
/// </summary>
internal static class LexerGrammar
{
    /// <summary>Keywords whose spelling starts at or above this character are Chinese.</summary>
    public const char FirstChinese = '\u2E80';

    /// <summary>The characters a name continues with (ID_PART).</summary>
    public static CodePointSet IdPart { get; }

    /// <summary>Every fixed spelling of a rule before ID that starts with a Chinese character.</summary>
    public static SpellingTable ChineseSpellings { get; }

    static LexerGrammar()
    {
        var atn = PolicyLexer._ATN;
        var names = PolicyLexer.ruleNames;
        var idRule = Array.IndexOf(names, "ID");
        IdPart = LexerTables.First(atn, Array.IndexOf(names, "ID_PART"));
        var spellings = new List<(string Text, int Type, int Rule)>();
        for (var r = 0; r < idRule; r++)
        {
            var type = atn.ruleToTokenType[r];
            if (type <= 0 || LexerTables.Strings(atn, r) is not { } strings) continue;
            foreach (var s in strings)
                if (s[0] >= FirstChinese) spellings.Add((s, type, r));
        }
        ChineseSpellings = new SpellingTable(spellings);
    }
}

/// <summary>A set of code points: a bitmap for the Basic Multilingual Plane, sorted intervals above it.</summary>
internal sealed class CodePointSet
{
    private readonly ulong[] _bmp = new ulong[0x10000 / 64];
    private readonly (int Start, int End)[] _intervals;

    private CodePointSet((int Start, int End)[] intervals)
    {
        _intervals = intervals;
        foreach (var (start, end) in intervals)
        {
            for (var c = start; c <= end && c < 0x10000; c++)
                _bmp[c >> 6] |= 1UL << (c & 63);
        }
    }

    public static CodePointSet FromIntervals(IEnumerable<(int Start, int End)> intervals)
    {
        var sorted = new List<(int Start, int End)>();
        foreach (var i in intervals)
            if (i.Start <= i.End) sorted.Add(i);
        // Equal starts in any order merge alike.
        sorted.Sort((x, y) => x.Start.CompareTo(y.Start));
        var merged = new List<(int Start, int End)>();
        foreach (var (start, end) in sorted)
        {
            if (merged.Count > 0 && start <= merged[merged.Count - 1].End + 1)
                merged[merged.Count - 1] = (merged[merged.Count - 1].Start, Math.Max(merged[merged.Count - 1].End, end));
            else
                merged.Add((start, end));
        }
        return new CodePointSet(merged.ToArray());
    }

    public bool Contains(int c)
    {
        if ((uint)c < 0x10000) return (_bmp[c >> 6] & (1UL << (c & 63))) != 0;
        int lo = 0, hi = _intervals.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (c < _intervals[mid].Start) hi = mid - 1;
            else if (c > _intervals[mid].End) lo = mid + 1;
            else return true;
        }
        return false;
    }

    public bool Overlaps(CodePointSet other)
    {
        int i = 0, j = 0;
        while (i < _intervals.Length && j < other._intervals.Length)
        {
            var a = _intervals[i];
            var b = other._intervals[j];
            if (a.End < b.Start) i++;
            else if (b.End < a.Start) j++;
            else return true;
        }
        return false;
    }
}

/// <summary>
/// Fixed spellings (UTF-16 strings) with their token type and rule, looked up by a slice of a text without
/// allocating.
/// </summary>
internal sealed class SpellingTable
{
    private readonly string[] _texts;
    private readonly int[] _types;
    private readonly int[] _rules;
    private readonly int[] _buckets; // index + 1 of the first entry, 0 for none
    private readonly int[] _next;    // index + 1 of the next entry in the bucket
    private readonly Dictionary<char, int> _longestByFirst = new();

    public SpellingTable(IEnumerable<(string Text, int Type, int Rule)> spellings)
    {
        // The lower rule wins a tie, as in ANTLR.
        var best = new Dictionary<string, (int Type, int Rule)>(StringComparer.Ordinal);
        foreach (var (text, type, rule) in spellings)
            if (!best.TryGetValue(text, out var known) || rule < known.Rule)
                best[text] = (type, rule);

        _texts = new string[best.Count];
        _types = new int[best.Count];
        _rules = new int[best.Count];
        var n = 0;
        foreach (var pair in best)
        {
            (_texts[n], _types[n], _rules[n]) = (pair.Key, pair.Value.Type, pair.Value.Rule);
            n++;
        }
        var size = 16;
        while (size < _texts.Length * 2) size *= 2;
        _buckets = new int[size];
        _next = new int[_texts.Length];
        for (var i = 0; i < _texts.Length; i++)
        {
            var b = Hash(_texts[i], 0, _texts[i].Length) & (size - 1);
            _next[i] = _buckets[b];
            _buckets[b] = i + 1;
            var first = _texts[i][0];
            var length = _texts[i].Length;
            _longestByFirst[first] = _longestByFirst.TryGetValue(first, out var l) ? Math.Max(l, length) : length;
            MaxLength = Math.Max(MaxLength, length);
        }
    }

    /// <summary>The longest spelling, in UTF-16 code units.</summary>
    public int MaxLength { get; }

    /// <summary>The longest spelling whose first UTF-16 code unit is <paramref name="first"/> (in code units), 0 for none.</summary>
    public int LongestStartingWith(char first) => _longestByFirst.TryGetValue(first, out var l) ? l : 0;

    /// <summary>The length of the longest spelling that <paramref name="text"/> has at <paramref name="start"/>, ending by <paramref name="end"/>; 0 for none.</summary>
    public int LongestPrefix(string text, int start, int end)
    {
        if (start >= end) return 0;
        for (var length = Math.Min(LongestStartingWith(text[start]), end - start); length > 0; length--)
            if (TryGet(text, start, length, out _, out _))
                return length;
        return 0;
    }

    public bool TryGet(string text, int start, int length, out int type, out int rule)
    {
        for (var i = _buckets[Hash(text, start, length) & (_buckets.Length - 1)]; i != 0; i = _next[i - 1])
        {
            var candidate = _texts[i - 1];
            if (candidate.Length == length && string.CompareOrdinal(candidate, 0, text, start, length) == 0)
            {
                type = _types[i - 1];
                rule = _rules[i - 1];
                return true;
            }
        }
        type = 0;
        rule = int.MaxValue;
        return false;
    }

    private static int Hash(string text, int start, int length)
    {
        unchecked
        {
            var h = (int)2166136261;
            for (var i = start; i < start + length; i++) h = (h ^ text[i]) * 16777619;
            return h & int.MaxValue;
        }
    }
}
