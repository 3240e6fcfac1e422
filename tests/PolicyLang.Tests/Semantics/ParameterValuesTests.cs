using PolicyLang.Evaluation;
using static PolicyLang.Tests.AnnotatedText;

namespace PolicyLang.Tests.Semantics;

/// <summary>Parameter values as the interpreter reads them: once each, on demand, from threads at once.</summary>
public sealed class ParameterValuesTests
{
    /// <summary>
    /// Plans are validated in parallel with one interpreter: its parameters are first read by several threads at once.
    /// A parameter another thread is still evaluating is not one that depends on itself (this once failed the
    /// differential test with "parameter 'window.end.urban' depends on itself").
    /// </summary>
    [Fact]
    public async Task Threads_reading_parameters_at_once_get_their_values_and_no_false_cycle()
    {
        var policy = TestHelpers.Compile(Header + """
            param a: int = 1 § "1"
            param b: int = a + 1 § "1"
            param c: int = b + a § "1"
            param d: int = c + b § "1"
            param e: int = d + c § "1"
            """).Policy;
        var names = new[] { "e", "d", "c", "b", "a" };
        var symbols = names.Select(n => policy.FindParameter(n)!).ToArray();
        for (var round = 0; round < 300; round++)
        {
            var shared = new ParameterValues(policy);
            using var start = new Barrier(4);
            var read = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                start.SignalAndWait();
                return symbols.Select(s => Convert.ToInt32(shared.Get(s), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            })).ToArray();
            foreach (var values in await Task.WhenAll(read)) Assert.Equal(new[] { 8, 5, 3, 2, 1 }, values);
        }
    }

    [Fact]
    public void A_parameter_that_depends_on_itself_at_run_time_is_still_reported()
    {
        // The binder reports circles (PL0125); evaluated anyway, the circle is an error, not a hang or a stack overflow.
        var compilation = TestHelpers.Compile(Header + """
            param a: int = b § "1"
            param b: int = a § "1"
            """);
        var values = new ParameterValues(compilation.Policy);
        var e = Assert.Throws<EvaluationException>(() => values.Get(compilation.Policy.FindParameter("a")!));
        Assert.Contains("depends on itself", e.Message, StringComparison.Ordinal);
    }
}
