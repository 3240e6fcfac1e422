using System.Text;
using PolicyLang.Diagnostics;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Syntax;

namespace PolicyLang.Binding;

/// <summary>
/// Prints a bound expression in one canonical, language-independent form (English names, canonical values).
/// Two policies that mean the same print the same, whichever keywords and aliases they were written with.
/// </summary>
public static class BoundTreePrinter
{
    public static string Print(BoundExpression? expression)
    {
        if (expression is null) return "-";
        var sb = new StringBuilder();
        Write(sb, expression);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, BoundExpression e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case BoundLiteral l:
                sb.Append(l.Value is IReadOnlyList<object?> ? ValueFormatter.Format(l.Value, l.Type, Language.English) : ValueFormatter.Format(l.Value, l.Type, Language.English));
                break;
            case BoundParameter p:
                sb.Append('$').Append(p.Parameter.Name);
                break;
            case BoundMeasure m:
                sb.Append('@').Append(m.Measure.Name);
                break;
            case BoundRoot r:
                sb.Append(r.Root.Name);
                break;
            case BoundVariable v:
                sb.Append(v.Variable.Name);
                break;
            case BoundField f:
                Write(sb, f.Receiver);
                sb.Append('.').Append(f.Field.Name);
                break;
            case BoundIndex i:
                Write(sb, i.Receiver);
                sb.Append('[');
                Write(sb, i.Index);
                sb.Append(']');
                break;
            case BoundUnary u:
                sb.Append(u.Operator == BoundUnaryOperator.Not ? "not " : "-");
                Paren(sb, u.Operand);
                break;
            case BoundBinary b:
                Paren(sb, b.Left);
                sb.Append(' ').Append(Symbol(b.Operator)).Append(' ');
                Paren(sb, b.Right);
                break;
            case BoundConversion c:
                sb.Append(c.Conversion.ToString().ToLowerInvariant()).Append('(');
                Write(sb, c.Operand);
                if (c.PeriodLength is not null)
                {
                    sb.Append(", ");
                    Write(sb, c.PeriodLength);
                }
                sb.Append(" as ").Append(c.Type.ToString(Language.English)).Append(')');
                break;
            case BoundCall call:
                sb.Append(call.Function.ToString().ToLowerInvariant()).Append('(');
                for (var i = 0; i < call.Arguments.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, call.Arguments[i]);
                }
                sb.Append(')');
                break;
            case BoundAggregate a:
                sb.Append(a.Aggregate.ToString().ToLowerInvariant()).Append('(');
                if (a.Selector is not null) Write(sb, a.Selector);
                sb.Append(" for ").Append(a.Variable.Name).Append(" in ");
                Write(sb, a.Source);
                if (a.Filter is not null)
                {
                    sb.Append(" where ");
                    Write(sb, a.Filter);
                }
                sb.Append(')');
                break;
            case BoundQuantifier q:
                sb.Append('(').Append(q.Quantifier.ToString().ToLowerInvariant()).Append(' ').Append(q.Variable.Name).Append(" in ");
                Write(sb, q.Source);
                if (q.Filter is not null)
                {
                    sb.Append(" where ");
                    Write(sb, q.Filter);
                }
                if (q.Predicate is not null)
                {
                    sb.Append(" satisfy ");
                    Write(sb, q.Predicate);
                }
                sb.Append(')');
                break;
            case BoundConditional c:
                sb.Append("(if ");
                Write(sb, c.Condition);
                sb.Append(" then ");
                Write(sb, c.WhenTrue);
                sb.Append(" else ");
                Write(sb, c.WhenFalse);
                sb.Append(')');
                break;
            case BoundSet s:
                sb.Append('{');
                for (var i = 0; i < s.Elements.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, s.Elements[i]);
                }
                sb.Append('}');
                break;
            default:
                sb.Append("<error>");
                break;
        }
    }

    private static void Paren(StringBuilder sb, BoundExpression e)
    {
        if (e is BoundBinary)
        {
            sb.Append('(');
            Write(sb, e);
            sb.Append(')');
        }
        else
        {
            Write(sb, e);
        }
    }

    public static string Symbol(BoundBinaryOperator op) => op switch
    {
        BoundBinaryOperator.And => "and",
        BoundBinaryOperator.Or => "or",
        BoundBinaryOperator.Add => "+",
        BoundBinaryOperator.Subtract => "-",
        BoundBinaryOperator.Multiply => "*",
        BoundBinaryOperator.Divide => "/",
        BoundBinaryOperator.Equal => "==",
        BoundBinaryOperator.NotEqual => "!=",
        BoundBinaryOperator.Less => "<",
        BoundBinaryOperator.LessOrEqual => "<=",
        BoundBinaryOperator.Greater => ">",
        BoundBinaryOperator.GreaterOrEqual => ">=",
        BoundBinaryOperator.In => "in",
        BoundBinaryOperator.NotIn => "not in",
        _ => "..",
    };
}
