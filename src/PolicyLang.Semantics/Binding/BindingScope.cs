using PolicyLang.Symbols;

namespace PolicyLang.Binding;

/// <summary>What an expression may read.</summary>
public enum BindingContextKind
{
    /// <summary>Parameter values and section values: only constants and other parameters.</summary>
    Constant,
    /// <summary>applies / when of sections: the school (so the simulator can decide it from district data) and parameters.</summary>
    School,
    /// <summary>Rules: the whole plan.</summary>
    Plan,
    /// <summary>Measures: a district data row and its cohorts.</summary>
    District,
}

/// <summary>Names visible to an expression: local variables, section names, roots, parameters, measures.</summary>
internal sealed class BindingScope
{
    private readonly Dictionary<string, Func<Syntax.SyntaxNode?, BoundExpression>> _locals = new(StringComparer.Ordinal);

    public BindingScope(BindingContextKind kind, BindingScope? parent = null)
    {
        Kind = kind;
        Parent = parent;
    }

    public BindingContextKind Kind { get; }
    public BindingScope? Parent { get; }

    public void Define(string name, Func<Syntax.SyntaxNode?, BoundExpression> factory) => _locals[name] = factory;

    public void Define(VariableSymbol variable) => _locals[variable.Name] = s => new BoundVariable(s, variable);

    public Func<Syntax.SyntaxNode?, BoundExpression>? Lookup(string name)
    {
        for (var s = this; s is not null; s = s.Parent)
            if (s._locals.TryGetValue(name, out var f))
                return f;
        return null;
    }

    public IEnumerable<string> Names
    {
        get
        {
            for (var s = this; s is not null; s = s.Parent)
                foreach (var n in s._locals.Keys)
                    yield return n;
        }
    }

    public BindingScope Child() => new(Kind, this);
}
