namespace PolicyLang.Tests.Robustness;

/// <summary>
/// (a) Random text — ASCII and Chinese characters, keywords of both languages, punctuation (also full-width),
/// literals, whitespace and odd characters — alone and in the slots of a policy skeleton: parse, bind and
/// format never throw, never hang, and keep the formatter's guarantees whenever the text parses.
/// </summary>
public class RandomTextTests
{
    [Fact]
    public void Random_text_never_breaks_parse_bind_or_format() =>
        Robust.ForAll(PolicyGens.RandomText, seed: 1_000_000, iterations: 400, text => Robust.Check(text));

    [Fact]
    public void Random_text_inside_a_policy_skeleton_never_breaks_parse_bind_or_format() =>
        Robust.ForAll(PolicyGens.RandomInSkeleton, seed: 2_000_000, iterations: 400, text => Robust.Check(text));
}
