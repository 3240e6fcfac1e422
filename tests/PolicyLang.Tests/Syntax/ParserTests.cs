using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using static PolicyLang.Tests.AnnotatedText;

namespace PolicyLang.Tests.Syntax;

public class ParserTests
{
    [Fact]
    public void Five_mistakes_give_five_located_diagnostics()
    {
        AssertDiagnostics("""
            ⟦polcy⟧ p {
              title "t"
            }
            fee {
              ⟦wave⟧ registered_poverty § "1"
            }
            window {
              end not before ⟦25:99⟧ § "1"
              period 40 min ⟦min⟧ § "1"
            }
            param x: time = 17:30 ⟦17:40⟧
            """, "PL0004", "PL0004", "PL0010", "PL0004", "PL0004");
    }

    [Fact]
    public void Messages_say_what_was_found_and_what_a_policy_expects_there()
    {
        var c = TestHelpers.Compile(Header + "fee {\n  wave registered_poverty § \"1\"\n}\n");
        var d = c.Diagnostics.First(x => x.Code == "PL0004");
        Assert.Equal("unexpected name 'wave'; expected a fee item (cap, waive, refund, free, collected_by) or '}'; did you mean 'waive'?", d.Message);
        Assert.Equal("此处不应出现名称“wave”；应为收费条目（上限、减免、退费、免费、收取方）或“}”；是否应为“waive”？", d.GetMessage(Language.Chinese));
    }

    [Fact]
    public void A_missing_closing_brace_says_which_block_is_open()
    {
        var c = TestHelpers.Compile(Header + "fee {\n  cap 100 CNY per student per month § \"1\"\n");
        var d = Assert.Single(c.Diagnostics, x => x.IsError);
        Assert.Contains("to close the fee section opened at line 6", d.Message);
    }

    [Fact]
    public void A_Chinese_keyword_may_touch_its_number()
    {
        var c = TestHelpers.Compile(Header + """
            window {
              end 不早于18:30 § "1"
            }
            fee {
              上限100元 每生每月 § "1"
              上限5元/课时 依据 "2"
            }
            """);
        Assert.Empty(c.Diagnostics);
        Assert.Equal(3, c.Policy.Rules.Count(r => r.Id.StartsWith("window.end") || r.Id.StartsWith("fee.cap")));
    }

    [Fact]
    public void An_English_keyword_glued_to_a_number_is_explained()
    {
        AssertDiagnostics(Header + """
            window {
              end not before 17:30 § "1"
              at ⟦least2⟧ h per day § "1"
            }
            """, "PL0012");
    }

    [Theory]
    [InlineData("\"unterminated", "PL0002")]
    [InlineData("\"bad \\q escape\"", "PL0003")]
    [InlineData("/* never closed", "PL0007")]
    [InlineData("“中文引号”", "PL0001")]
    public void Lexical_mistakes_have_their_own_codes(string snippet, string code)
    {
        var c = TestHelpers.Compile(Header + "param x: text = " + snippet + "\n");
        Assert.Contains(c.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Chinese_and_English_keywords_mix_freely()
    {
        var c = TestHelpers.Compile("""
            政策 mixed {
              title "混合"
              发文机关 "某局"
              effective 2021-09-01
            }
            收费 {
              cap 120 元 每生每月 当 school.location == 城区 依据 "一"
              上限 无 when school.location != urban § "一"
            }
            """);
        Assert.Empty(c.Diagnostics);
        Assert.Equal(2, c.Policy.Caps.Length);
    }

    [Fact]
    public void Money_can_be_written_four_ways()
    {
        var c = TestHelpers.Compile(Header + """
            param a: CNY per student per month = 120 CNY per student per month § "1"
            param b: CNY per student per month = 120 元 每生每月 § "1"
            param c: CNY per student per month = ¥120 per student per month § "1"
            param d: CNY per student per month = 120元/生/月 § "1"
            """);
        Assert.Empty(c.Diagnostics);
        Assert.All(new[] { "a", "b", "c", "d" }, n =>
        {
            Assert.True(PolicyLang.Evaluation.ConstantFolder.TryFold(c.Policy.FindParameter(n)!.ValueAt(null), out var v));
            Assert.Equal(120m, v);
        });
    }

    [Fact]
    public void Token_kinds_mirror_the_lexer_grammar()
    {
        var grammar = File.ReadAllText(Repo.Path("grammar", "PolicyLexer.g4"));
        var rules = System.Text.RegularExpressions.Regex.Matches(grammar, @"^([A-Z][A-Z_]*)\s*:", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        var kinds = Enum.GetNames(typeof(TokenKind)).ToHashSet();
        foreach (var rule in rules)
            Assert.Contains(PolicyLang.Syntax.Parsing.TokenKinds.PascalCase(rule), kinds);
    }

    [Fact]
    public void Every_keyword_spelling_in_the_keyword_table_lexes_to_its_kind()
    {
        foreach (var info in SyntaxFacts.Keywords)
        {
            foreach (var spelling in info.English.Concat(info.Chinese))
            {
                if (spelling.Length == 0) continue;
                var tree = SyntaxTree.Parse(spelling);
                Assert.True(tree.Tokens.Length >= 1, spelling);
                Assert.True(info.Kind == tree.Tokens[0].Kind, $"'{spelling}' lexes as {tree.Tokens[0].Kind}, expected {info.Kind}");
            }
        }
    }

    [Fact]
    public void Identifiers_may_be_Chinese()
    {
        var c = TestHelpers.Compile(Header + """
            param 下班时间: time = 17:30 § "1"
            window {
              end not before 下班时间 § "1"
            }
            """);
        Assert.Empty(c.Diagnostics);
    }
}
