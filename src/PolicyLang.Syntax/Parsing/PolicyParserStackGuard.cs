using System.Runtime.CompilerServices;
using Antlr4.Runtime;

namespace PolicyLang.Syntax.Parsing.Generated;

/// <summary>
/// The generated parser recurses once per nested rule. Pathological input (a million 'not's) must end in a
/// diagnostic, never a stack overflow, so every rule entry checks the remaining stack first.
/// </summary>
internal partial class PolicyParser
{
    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        base.EnterRule(localctx, state, ruleIndex);
    }

    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }
}
