namespace PolicyLang.Runtime;

/// <summary>Did-you-mean suggestions by edit distance.</summary>
public static class Spelling
{
    public static int Distance(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The closest candidate within a distance that grows with the word's length, or null.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        if (word.Length == 0) return null;
        var limit = word.Length <= 3 ? 1 : word.Length <= 6 ? 2 : 3;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate.Length == 0 || string.Equals(candidate, word, StringComparison.Ordinal)) continue;
            if (Math.Abs(candidate.Length - word.Length) > limit) continue;
            var d = Distance(word, candidate);
            if (d <= limit && (d < bestDistance || d == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }
}
