using System.Collections.Immutable;

namespace PolicyLang.Syntax;

/// <summary>An inline plan document in a test: JSON, with bare words allowed as keys.</summary>
public abstract class JsonValueSyntax : SyntaxNode
{
}

public sealed class JsonObjectSyntax : JsonValueSyntax
{
    public JsonObjectSyntax(SyntaxToken open, ImmutableArray<JsonMemberSyntax> members, SyntaxToken close)
    {
        Open = open;
        Members = members;
        Close = close;
    }

    public SyntaxToken Open { get; }
    public ImmutableArray<JsonMemberSyntax> Members { get; }
    public SyntaxToken Close { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Open;
            foreach (var m in Members) yield return m;
            yield return Close;
        }
    }
}

public sealed class JsonMemberSyntax : SyntaxNode
{
    public JsonMemberSyntax(SyntaxToken key, SyntaxToken colon, JsonValueSyntax value)
    {
        Key = key;
        Colon = colon;
        Value = value;
    }

    public SyntaxToken Key { get; }
    public string KeyText => Key.Kind == TokenKind.String ? SyntaxFacts.UnquoteString(Key.Text) : Key.Text;
    public SyntaxToken Colon { get; }
    public JsonValueSyntax Value { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Key;
            yield return Colon;
            yield return Value;
        }
    }
}

public sealed class JsonArraySyntax : JsonValueSyntax
{
    public JsonArraySyntax(SyntaxToken open, ImmutableArray<JsonValueSyntax> elements, SyntaxToken close)
    {
        Open = open;
        Elements = elements;
        Close = close;
    }

    public SyntaxToken Open { get; }
    public ImmutableArray<JsonValueSyntax> Elements { get; }
    public SyntaxToken Close { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Open;
            foreach (var e in Elements) yield return e;
            yield return Close;
        }
    }
}

/// <summary>A string, number (with optional minus), true, false or null.</summary>
public sealed class JsonLiteralSyntax : JsonValueSyntax
{
    public JsonLiteralSyntax(SyntaxToken? minus, SyntaxToken token)
    {
        Minus = minus;
        Token = token;
    }

    public SyntaxToken? Minus { get; }
    public SyntaxToken Token { get; }

    public override IEnumerable<object?> Children
    {
        get
        {
            yield return Minus;
            yield return Token;
        }
    }
}
