namespace PolicyLang.Binding;

/// <summary>How a name in a test's expectation (or on the command line) picks rules.</summary>
public static class RuleIds
{
    /// <summary>An id or an id prefix on a dot: fee.cap matches fee.cap, fee.cap.urban and fee.cap#2.</summary>
    public static bool Matches(string ruleId, string expected) =>
        ruleId == expected || ruleId.StartsWith(expected + ".", StringComparison.Ordinal) || ruleId.StartsWith(expected + "#", StringComparison.Ordinal);
}
