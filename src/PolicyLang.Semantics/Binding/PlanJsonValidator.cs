using PolicyLang.Diagnostics;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Binding;

/// <summary>Checks an inline plan in a test against the plan schema, naming the JSON path of each problem.</summary>
internal static class PlanJsonValidator
{
    public delegate void ProblemSink(Text.TextSpan span, string path, LocalizedText message);

    public static void Validate(JsonValueSyntax value, PolicyType type, string path, bool partial, ProblemSink report, bool optional = false)
    {
        if (value is JsonLiteralSyntax { Token.Kind: TokenKind.Null })
        {
            if (!optional) report(value.Span, path, new LocalizedText("may not be null", "不能为空"));
            return;
        }
        switch (type)
        {
            case RecordType record:
            {
                if (value is not JsonObjectSyntax obj)
                {
                    report(value.Span, path, Expected("an object", "对象", value));
                    return;
                }
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in obj.Members)
                {
                    var key = member.KeyText;
                    var memberPath = path + "." + key;
                    if (!seen.Add(key))
                    {
                        report(member.Key.Span, memberPath, new LocalizedText("is given twice", "重复给出"));
                        continue;
                    }
                    var field = record.Symbol.Lookup(key);
                    if (field is null)
                    {
                        var suggestion = Runtime.Spelling.Suggest(key, record.Symbol.Fields.Where(f => !f.IsDerived).Select(f => f.Name));
                        report(member.Key.Span, memberPath, suggestion is null
                            ? new LocalizedText($"unknown field; {record.Symbol.Name} has {string.Join(", ", record.Symbol.Fields.Where(f => !f.IsDerived).Select(f => f.Name))}", $"未知字段；{record.Symbol.ChineseName}的字段为 {string.Join("、", record.Symbol.Fields.Where(f => !f.IsDerived).Select(f => f.Name))}")
                            : new LocalizedText($"unknown field; did you mean '{suggestion}'?", $"未知字段；是否应为“{suggestion}”？"));
                        continue;
                    }
                    if (field.IsDerived)
                    {
                        report(member.Key.Span, memberPath, new LocalizedText("is computed from other fields; leave it out", "由其他字段计算得出，请勿填写"));
                        continue;
                    }
                    Validate(member.Value, field.Type, memberPath, partial, report, field.IsOptional);
                }
                if (!partial)
                    foreach (var field in record.Symbol.Fields.Where(f => !f.IsOptional && !f.IsDerived && !seen.Contains(f.Name)))
                        report(obj.Span, path, new LocalizedText($"missing required field '{field.Name}'", $"缺少必填字段“{field.Name}”"));
                return;
            }
            case CollectionType { Kind: TypeKind.List or TypeKind.Set } collection:
            {
                if (value is not JsonArraySyntax array)
                {
                    report(value.Span, path, Expected("an array", "数组", value));
                    return;
                }
                for (var i = 0; i < array.Elements.Length; i++)
                    Validate(array.Elements[i], collection.Element, $"{path}[{i}]", partial: false, report);
                return;
            }
            case MapType map:
            {
                if (value is not JsonObjectSyntax obj)
                {
                    report(value.Span, path, Expected("an object of counts", "计数对象", value));
                    return;
                }
                foreach (var member in obj.Members)
                {
                    if (map.Key is EnumType e && e.Symbol.Lookup(member.KeyText) is null)
                        report(member.Key.Span, path + "." + member.KeyText, new LocalizedText($"not a {e.Symbol.Name}; expected one of {string.Join(", ", e.Symbol.Members.Select(m => m.Name))}",
                            $"不是有效的{e.Symbol.ChineseName}；应为 {string.Join("、", e.Symbol.Members.Select(m => m.Name))} 之一"));
                    Validate(member.Value, map.Value, path + "." + member.KeyText, partial, report);
                }
                return;
            }
            case EnumType e:
            {
                if (value is not JsonLiteralSyntax { Token.Kind: TokenKind.String } s)
                {
                    report(value.Span, path, Expected($"one of {string.Join(", ", e.Symbol.Members.Select(m => m.Name))}", $"{string.Join("、", e.Symbol.Members.Select(m => m.Name))} 之一", value));
                    return;
                }
                var text = SyntaxFacts.UnquoteString(s.Token.Text);
                if (e.Symbol.Lookup(text) is null)
                {
                    var suggestion = Runtime.Spelling.Suggest(text, e.Symbol.Members.Select(m => m.Name));
                    report(value.Span, path, new LocalizedText($"\"{text}\" is not a {e.Symbol.Name}; expected one of {string.Join(", ", e.Symbol.Members.Select(m => m.Name))}{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")}",
                        $"“{text}”不是有效的{e.Symbol.ChineseName}；应为 {string.Join("、", e.Symbol.Members.Select(m => m.Name))} 之一{(suggestion is null ? string.Empty : $"；是否应为“{suggestion}”？")}"));
                }
                return;
            }
        }
        switch (type.Kind)
        {
            case TypeKind.Text:
                if (value is not JsonLiteralSyntax { Token.Kind: TokenKind.String }) report(value.Span, path, Expected("a text in quotes", "带引号的文本", value));
                return;
            case TypeKind.Bool:
                if (value is not JsonLiteralSyntax { Token.Kind: TokenKind.True or TokenKind.False }) report(value.Span, path, Expected("true or false", "true 或 false", value));
                return;
            case TypeKind.Time:
                if (value is not JsonLiteralSyntax { Token.Kind: TokenKind.String } t || !Syntax.Parsing.PolicyParserDriver.IsValidTime(SyntaxFacts.UnquoteString(t.Token.Text)))
                    report(value.Span, path, Expected("a time \"HH:MM\" such as \"18:30\"", "形如 \"18:30\" 的时刻", value));
                return;
            case TypeKind.Int:
                if (value is not JsonLiteralSyntax { Token.Kind: TokenKind.Number, Minus: null } n || n.Token.Text.IndexOf('.') >= 0)
                    report(value.Span, path, Expected("a whole number", "非负整数", value));
                return;
            default:
                if (value is not JsonLiteralSyntax { Token.Kind: TokenKind.Number }) report(value.Span, path, Expected("a number", "数字", value));
                return;
        }
    }

    private static LocalizedText Expected(string en, string zh, JsonValueSyntax found)
    {
        var text = SyntaxFacts.Shorten(found.ToString());
        return new LocalizedText($"expected {en}, found {text}", $"应为{zh}，实际为 {text}");
    }
}
