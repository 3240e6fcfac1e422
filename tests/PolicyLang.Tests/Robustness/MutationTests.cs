namespace PolicyLang.Tests.Robustness;

/// <summary>
/// (b) Mutations of the example policies: tokens deleted, duplicated, swapped and replaced, keywords and
/// random pieces inserted, the text truncated. Parse, bind and format never throw or hang; whenever the result
/// still parses without errors, formatting re-parses without errors, changes only layout and is idempotent.
/// </summary>
public class MutationTests
{
    [Fact]
    public void Every_example_keeps_the_invariants_unchanged()
    {
        foreach (var (name, text) in Robust.Examples)
            Robust.OnThread(() =>
            {
                var (tree, _) = Robust.Check(text);
                Assert.False(tree.HasErrors, name + ": " + Robust.Render(tree.Diagnostics));
            });
    }

    [Fact]
    public void Mutated_examples_never_break_parse_bind_or_format() =>
        Robust.ForAll(PolicyGens.MutatedExample, seed: 3_000_000, iterations: 500, m => Robust.Check(m.Text), m => m.ToString());

    [Fact]
    public void Comments_line_breaks_and_moved_declarations_keep_the_formatter_idempotent() =>
        Robust.ForAll(PolicyGens.LayoutChangedExample, seed: 4_000_000, iterations: 300, m =>
        {
            var (tree, _) = Robust.Check(m.Text);
            // These changes keep the syntax valid, so the formatter's guarantees were checked above.
            Assert.False(tree.HasErrors, Robust.Render(tree.Diagnostics));
        }, m => m.ToString());
}
