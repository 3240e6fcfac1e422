using System.Text;
using PolicyLang.Diagnostics;

namespace PolicyLang.Syntax;

/// <summary>What a keyword is for, in both languages; drives completion, hover and error messages.</summary>
public sealed class KeywordInfo
{
    public KeywordInfo(TokenKind kind, string[] english, string[] chinese, string meaningEnglish, string meaningChinese)
    {
        Kind = kind;
        English = english;
        Chinese = chinese;
        MeaningEnglish = meaningEnglish;
        MeaningChinese = meaningChinese;
    }

    public TokenKind Kind { get; }
    public IReadOnlyList<string> English { get; }
    public IReadOnlyList<string> Chinese { get; }
    public string MeaningEnglish { get; }
    public string MeaningChinese { get; }
    public string Meaning(Language language) => language == Language.Chinese ? MeaningChinese : MeaningEnglish;
}

public static class SyntaxFacts
{
    private static readonly Dictionary<TokenKind, KeywordInfo> s_keywords = new();

    static SyntaxFacts()
    {
        void K(TokenKind kind, string en, string zh, string meaningEn, string meaningZh) =>
            s_keywords[kind] = new KeywordInfo(kind, en.Split('|').Where(s => s.Length > 0).ToArray(), zh.Split('|').Where(s => s.Length > 0).ToArray(), meaningEn, meaningZh);

        K(TokenKind.Policy, "policy", "政策", "Declares the policy: its name and header (title, issuer, level, effective dates, scope).", "声明政策：名称与头部（标题、发文机关、层级、施行日期、适用范围）。");
        K(TokenKind.Param, "param", "参数", "A number the issuing authority chooses, with a type and optional dated values; scenarios and --set override it.", "发文机关自定的数值，带类型，可按日期分段取值；情景与 --set 可覆盖。");
        K(TokenKind.Measure, "measure", "指标", "A per-school quantity the simulator computes.", "模拟器按学校计算的量。");
        K(TokenKind.Rule, "rule", "规则", "A checkable requirement on a school's plan, with its citation.", "对学校方案的可检查要求，附依据条款。");
        K(TokenKind.Scenario, "scenario", "情景", "A named set of parameter changes and assumptions, simulated beside the baseline.", "一组命名的参数调整与假设，与基线并列模拟。");
        K(TokenKind.Test, "test", "测试", "A plan and its expected verdict, run by 'policyc test'.", "一份计划及其预期结论，由“policyc test”运行。");
        K(TokenKind.Title, "title", "标题", "The document's title.", "文件标题。");
        K(TokenKind.Issuer, "issuer", "发文机关", "The authority that issued the document.", "发文机关。");
        K(TokenKind.Document, "document", "文号", "The document number, e.g. 金教基〔2021〕2号.", "发文字号，如 金教基〔2021〕2号。");
        K(TokenKind.Level, "level", "层级", "Administrative level: national, province, city, district or county.", "行政层级：国家、省、市、区、县。");
        K(TokenKind.Effective, "effective", "施行", "The date the policy takes effect.", "政策施行日期。");
        K(TokenKind.Until, "until", "至", "The last day the policy is in force.", "政策有效期截止日。");
        K(TokenKind.Applies, "applies", "适用", "Which schools the policy covers, as a condition on school fields.", "政策适用的学校，以学校字段的条件表示。");
        K(TokenKind.Extends, "extends", "继承", "The higher-level policy this one implements; it may only tighten it.", "本政策所落实的上位政策；只能收紧其要求。");
        K(TokenKind.Window, "window", "服务时间", "Service window: days, period length, daily duration, start and end times, segments.", "服务时间：服务日、课时长度、每日时长、起止时间、时段。");
        K(TokenKind.Fee, "fee", "收费", "Fees: caps per student per period/day/month/semester/year, waivers, refunds, free service.", "收费：每生每课时/天/月/学期/学年上限、减免、退费、免费。");
        K(TokenKind.Subsidy, "subsidy", "补贴", "Public subsidies: amounts per student and unit, shares of family payments, matches.", "财政补贴：每生按周期的金额、按家长缴费比例、配套。");
        K(TokenKind.Pay, "pay", "报酬", "Staff pay: minimum staff share, pay per period by provider kind, forbidden items.", "人员报酬：教职工最低分配比例、各类人员每课时报酬、禁止项目。");
        K(TokenKind.Staffing, "staffing", "师资", "Staffing: ratios, who may serve, white-list and approval of third parties.", "师资：师生比、可参与人员、第三方机构白名单与审批。");
        K(TokenKind.Eligibility, "eligibility", "服务对象", "Participation: voluntary application, priority groups, no refusal.", "服务对象：自愿申请、优先保障群体、不得拒绝。");
        K(TokenKind.Homework, "homework", "作业", "Written homework limits by grade band (a section), or an activity/segment kind.", "按年级段的书面作业时长上限（部分），或活动/时段类别。");
        K(TokenKind.Calendar, "calendar", "校历", "The school calendar used to convert rates: school months, semesters, school days, periods a day.", "用于换算的校历：教学月数、学期数、上学日数、每日课时数。");
        K(TokenKind.Days, "days", "服务日", "The weekdays service runs, e.g. mon..fri.", "提供服务的星期，如 周一..周五。");
        K(TokenKind.Period, "period|periods", "课时|学时", "A class period: its length in the window section, or a count of periods.", "课时：在服务时间中表示课时长度，或表示课时数。");
        K(TokenKind.Start, "start", "开始", "When service starts.", "服务开始时间。");
        K(TokenKind.End, "end", "结束", "When service ends.", "服务结束时间。");
        K(TokenKind.Segment, "segment", "时段", "A named part of the service day with its times.", "服务日中的一个时段及其起止时间。");
        K(TokenKind.Within, "within", "在", "Used in 'end within 1..2 periods after dismissal'.", "用于“结束 在 1..2 课时 之后 放学”。");
        K(TokenKind.After, "after", "之后", "Used in 'end within 1..2 periods after dismissal' and 'not after'.", "用于“之后”与“不晚于”。");
        K(TokenKind.Before, "before", "", "Used in 'not before'.", "用于“不早于”。");
        K(TokenKind.Cap, "cap", "上限", "A fee cap: the most a family may be charged per student per unit.", "收费上限：每生每周期最多收取的金额。");
        K(TokenKind.None, "none", "无", "No value: 'cap none' leaves fees to the school or lower level.", "无：“上限 无”表示不设上限。");
        K(TokenKind.Waive, "waive", "减免", "Family categories whose fee is waived (in full, or 'partial' by a percentage).", "免收（或按比例“部分”减免）费用的家庭类别。");
        K(TokenKind.Partial, "partial", "部分", "A partial waiver by the given percentage.", "按给定比例部分减免。");
        K(TokenKind.Refund, "refund", "退费", "How fees are refunded when a student leaves, e.g. prorated.", "学生中途退出时的退费方式，如按比例。");
        K(TokenKind.Free, "free", "免费", "The service is free to families.", "服务对家庭免费。");
        K(TokenKind.CollectedBy, "collected_by", "收取方", "Who may collect the fee, e.g. school.", "收费主体，如学校。");
        K(TokenKind.Exception, "exception", "", "Used in 'exception to NAME': this cap wins where both apply.", "用于“例外于 名称”：两者同时适用时以此为准。");
        K(TokenKind.To, "to", "", "Used in 'exception to NAME'.", "用于“例外于”。");
        K(TokenKind.ExceptionToZh, "", "例外于", "This cap is an exception to the named cap and wins where both apply.", "此上限为所指上限的例外，两者同时适用时以此为准。");
        K(TokenKind.Only, "only", "仅限", "Only these provider kinds may serve.", "仅限下列人员类别参与服务。");
        K(TokenKind.Priority, "priority", "优先", "Groups of children served first.", "优先保障的学生群体。");
        K(TokenKind.Require, "require", "要求", "The plan must satisfy this.", "方案必须满足此项。");
        K(TokenKind.Forbid, "forbid", "禁止", "The plan must not do or contain this.", "方案不得出现此项。");
        K(TokenKind.When, "when", "当", "The line applies only to schools meeting this condition.", "仅对满足此条件的学校适用。");
        K(TokenKind.For, "for", "对于", "The line applies to this segment or provider kind.", "仅对此时段或人员类别适用。");
        K(TokenKind.From, "from", "自", "A parameter value that holds from this date.", "自该日起适用的参数值。");
        K(TokenKind.Set, "set", "设定", "Sets a parameter or section value in a scenario; also the type 'set of T'.", "在情景中设定参数或条目取值；亦用于类型“set of T”。");
        K(TokenKind.Assume, "assume", "假设", "A behavioural assumption of a scenario.", "情景的行为假设。");
        K(TokenKind.Given, "given", "给定", "The input of a test: a plan file, an inline plan or a date.", "测试输入：计划文件、内联计划或日期。");
        K(TokenKind.Expect, "expect", "预期", "The expected verdict of a test.", "测试的预期结论。");
        K(TokenKind.With, "with", "附加", "Fields that override those of the given plan.", "覆盖给定计划中字段的取值。");
        K(TokenKind.Warning, "warning", "警告", "A breach is reported as a warning, not an error.", "违反时报告为警告而非错误。");
        K(TokenKind.Error, "error", "错误", "A breach is an error (the default).", "违反时报告为错误（默认）。");
        K(TokenKind.Cite, "cite|§", "依据", "The clause of the source document this line encodes.", "本条所依据的原文条款。");
        K(TokenKind.And, "and", "且", "Both conditions hold.", "两个条件同时成立。");
        K(TokenKind.Or, "or", "或", "Either condition holds.", "任一条件成立。");
        K(TokenKind.Not, "not", "非", "Negation; also 'not in', 'not before', 'not after'.", "否定；亦用于“不属于”“不早于”“不晚于”。");
        K(TokenKind.In, "in", "属于", "Membership in a set or range.", "属于某集合或范围。");
        K(TokenKind.NotInZh, "", "不属于", "Not a member of a set.", "不属于某集合。");
        K(TokenKind.At, "at", "", "Used in 'at least' and 'at most'.", "用于“不少于”“不超过”。");
        K(TokenKind.Least, "least", "", "Used in 'at least'.", "用于“不少于”。");
        K(TokenKind.Most, "most", "", "Used in 'at most'.", "用于“不超过”。");
        K(TokenKind.AtLeastZh, "", "不少于|至少|不低于", "At least (≥).", "不少于（≥）。");
        K(TokenKind.AtMostZh, "", "不超过|至多|不高于", "At most (≤).", "不超过（≤）。");
        K(TokenKind.NotBeforeZh, "", "不早于", "Not earlier than (≥), for times and dates.", "不早于（≥），用于时刻和日期。");
        K(TokenKind.NotAfterZh, "", "不晚于", "Not later than (≤), for times and dates.", "不晚于（≤），用于时刻和日期。");
        K(TokenKind.Any, "any", "任一", "True when some element satisfies the condition.", "存在满足条件的元素时为真。");
        K(TokenKind.All, "all", "所有", "True when every element satisfies the condition.", "所有元素都满足条件时为真。");
        K(TokenKind.No, "no", "没有", "True when no element satisfies the condition.", "没有元素满足条件时为真。");
        K(TokenKind.Where, "where", "其中", "Filters the elements a quantifier or aggregate looks at.", "筛选量词或汇总所考察的元素。");
        K(TokenKind.Satisfy, "satisfy|satisfies", "满足", "The condition each element must meet.", "每个元素须满足的条件。");
        K(TokenKind.If, "if", "如果", "Conditional value: if C then A else B.", "条件取值：如果 C 则 A 否则 B。");
        K(TokenKind.Then, "then", "则", "Conditional value: if C then A else B.", "条件取值。");
        K(TokenKind.Else, "else", "否则", "Conditional value: if C then A else B.", "条件取值。");
        K(TokenKind.As, "as", "折合", "Converts a rate through the calendar, e.g. 'x as CNY per student per semester'.", "通过校历换算费率，如“x 折合 元 每生每学期”。");
        K(TokenKind.Of, "of", "的", "A percentage of an amount: 80% of fees; also 'set of T', 'list of T'.", "金额的百分比：fees 的 80%；亦用于“set of T”“list of T”。");
        K(TokenKind.True, "true", "真", "Boolean true.", "布尔真。");
        K(TokenKind.False, "false", "假", "Boolean false.", "布尔假。");
        K(TokenKind.Null, "null", "空", "No value (in inline plans).", "空值（用于内联计划）。");
        K(TokenKind.SetOf, "", "集合", "A set type: set of category (集合 类别).", "集合类型：集合 类别。");
        K(TokenKind.ListOf, "", "列表", "A list type: list of text (列表 文本).", "列表类型：列表 文本。");
        K(TokenKind.List, "list", "", "Used in the type 'list of T'.", "用于类型“list of T”（列表 T）。");
        K(TokenKind.Cny, "CNY", "", "Chinese yuan.", "人民币元。");
        K(TokenKind.Yuan, "", "元", "Chinese yuan.", "人民币元。");
        K(TokenKind.Yen, "", "¥|￥", "Chinese yuan, written before the number.", "人民币元，写在数字前。");
        K(TokenKind.Per, "per", "每", "Rate unit: per student, per month, per period.", "计量单位：每生、每月、每课时。");
        K(TokenKind.Student, "student|students", "生|学生", "Per student (participating student).", "每名（参加服务的）学生。");
        K(TokenKind.Day, "day", "天|日", "A school day.", "上学日。");
        K(TokenKind.Month, "month", "月", "A school month.", "教学月。");
        K(TokenKind.Semester, "semester", "学期", "A semester.", "学期。");
        K(TokenKind.Year, "year", "年|学年", "A school year.", "学年。");
        K(TokenKind.Minutes, "min|mins|minute|minutes", "分钟", "Minutes.", "分钟。");
        K(TokenKind.Hours, "h|hour|hours", "小时", "Hours.", "小时。");
        K(TokenKind.RateZh, "", "每生每月|每生每学期|每生每天|每生每日|每生每年|每生每学年|每生每课时|每生每学时|每课时|每学时|每天|每日|每月|每学期|每年|每学年", "A rate unit written as one Chinese word.", "以一个中文词表示的计费单位。");
        K(TokenKind.RateSlash, "", "/生/月|/生/学期|/生/天|/生/日|/生/年|/生/学年|/生/课时|/生/学时|/课时|/学时|/天|/日|/月|/学期|/年|/学年", "A rate unit written with slashes, as in 120元/生/月 or 5元/课时.", "以斜线表示的计费单位，如 120元/生/月 或 5元/课时。");
    }

    public static IReadOnlyCollection<KeywordInfo> Keywords => s_keywords.Values;

    public static KeywordInfo? GetKeyword(TokenKind kind) => s_keywords.TryGetValue(kind, out var info) ? info : null;

    public static bool IsKeyword(TokenKind kind) => s_keywords.ContainsKey(kind);

    /// <summary>The keywords that start a line of a section (lines may also start with a name or an amount).</summary>
    public static IReadOnlyList<TokenKind> SectionItemKeywords(SectionKind section) => section switch
    {
        SectionKind.Window => new[] { TokenKind.Days, TokenKind.Period, TokenKind.Start, TokenKind.End, TokenKind.Segment },
        SectionKind.Fee => new[] { TokenKind.Cap, TokenKind.Waive, TokenKind.Refund, TokenKind.Free, TokenKind.CollectedBy },
        SectionKind.Pay => new[] { TokenKind.Forbid },
        SectionKind.Staffing => new[] { TokenKind.Forbid, TokenKind.Require, TokenKind.Only },
        SectionKind.Eligibility => new[] { TokenKind.Require, TokenKind.Forbid, TokenKind.Priority },
        _ => Array.Empty<TokenKind>(),
    };

    public static bool IsChinese(string text)
    {
        foreach (var c in text)
            if (c >= 0x2E80 && c <= 0x9FFF || c >= 0xF900 && c <= 0xFAFF || c == '¥' || c == '￥')
                return true;
        return false;
    }

    /// <summary>All Chinese keyword spellings, longest first (used to explain glued words such as 不少于80).</summary>
    public static IReadOnlyList<(string Spelling, TokenKind Kind)> ChineseSpellings =>
        s_chineseSpellings ??= s_keywords.Values.SelectMany(k => k.Chinese.Select(c => (c, k.Kind))).OrderByDescending(p => p.c.Length).ToList();

    private static List<(string, TokenKind)>? s_chineseSpellings;

    public static string NormalizeWhitespace(string text)
    {
        if (text.IndexOf(' ') < 0 && text.IndexOf('\t') < 0) return text;
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c == ' ' || c == '\t')
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Strips the quotes of a string token and resolves \" \\ \n; an unknown escape keeps its character.</summary>
    public static string UnquoteString(string text)
    {
        if (text.Length == 0) return text;
        var start = text[0] == '"' ? 1 : 0;
        var end = text.Length > 1 && text[text.Length - 1] == '"' ? text.Length - 1 : text.Length;
        if (end < start) return string.Empty;
        var sb = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < end)
            {
                var next = text[++i];
                sb.Append(next switch { 'n' => '\n', 't' => '\t', _ => next });
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Quotes a text as a policy string literal.</summary>
    public static string QuoteString(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>The time unit of a Chinese one-word or slash rate (每生每月, /生/月, 每课时, …) and whether it is per student.</summary>
    public static (RateBasis Basis, TimeUnit Unit) DecodeChineseRate(string text)
    {
        var basis = text.StartsWith("每生", StringComparison.Ordinal) || text.StartsWith("/生", StringComparison.Ordinal) ? RateBasis.PerStudent : RateBasis.None;
        TimeUnit unit;
        if (text.EndsWith("课时", StringComparison.Ordinal) || text.EndsWith("学时", StringComparison.Ordinal)) unit = TimeUnit.Period;
        else if (text.EndsWith("学期", StringComparison.Ordinal)) unit = TimeUnit.Semester;
        else if (text.EndsWith("年", StringComparison.Ordinal)) unit = TimeUnit.Year;
        else if (text.EndsWith("月", StringComparison.Ordinal)) unit = TimeUnit.Month;
        else unit = TimeUnit.Day;
        return (basis, unit);
    }

    public static TimeUnit TimeUnitOf(TokenKind kind) => kind switch
    {
        TokenKind.Period => TimeUnit.Period,
        TokenKind.Day => TimeUnit.Day,
        TokenKind.Month => TimeUnit.Month,
        TokenKind.Semester => TimeUnit.Semester,
        _ => TimeUnit.Year,
    };

    public static string TimeUnitName(TimeUnit unit, Language language) => language == Language.Chinese
        ? unit switch { TimeUnit.Period => "课时", TimeUnit.Day => "天", TimeUnit.Month => "月", TimeUnit.Semester => "学期", _ => "学年" }
        : unit switch { TimeUnit.Period => "period", TimeUnit.Day => "day", TimeUnit.Month => "month", TimeUnit.Semester => "semester", _ => "year" };

    /// <summary>How a token kind is named in an error message: "keyword 'cap'", "a number", "'{'".</summary>
    public static string DescribeKind(TokenKind kind, Language language)
    {
        var zh = language == Language.Chinese;
        switch (kind)
        {
            case TokenKind.EndOfFile: return zh ? "文件结尾" : "end of file";
            case TokenKind.Id: return zh ? "名称" : "a name";
            case TokenKind.Number: return zh ? "数字" : "a number";
            case TokenKind.PercentLit: return zh ? "百分比（如 80%）" : "a percentage such as 80%";
            case TokenKind.Date: return zh ? "日期（如 2021-09-01）" : "a date such as 2021-09-01";
            case TokenKind.Time: return zh ? "时刻（如 18:30）" : "a time such as 18:30";
            case TokenKind.String: return zh ? "带引号的文本" : "a quoted text";
            case TokenKind.RateZh:
            case TokenKind.RateSlash: return zh ? "计费单位（如 每生每月）" : "a rate such as 'per student per month'";
        }
        var info = GetKeyword(kind);
        if (info is not null)
        {
            var spelling = zh && info.Chinese.Count > 0 ? info.Chinese[0] : info.English.Count > 0 ? info.English[0] : info.Chinese[0];
            return zh ? $"关键字“{spelling}”" : $"keyword '{spelling}'";
        }
        var punctuation = PunctuationText(kind);
        if (punctuation is not null) return zh ? $"“{punctuation}”" : $"'{punctuation}'";
        return kind.ToString();
    }

    public static string? PunctuationText(TokenKind kind) => kind switch
    {
        TokenKind.Eqeq => "==",
        TokenKind.Neq => "!=",
        TokenKind.Le => "<=",
        TokenKind.Ge => ">=",
        TokenKind.Lt => "<",
        TokenKind.Gt => ">",
        TokenKind.Eq => "=",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        TokenKind.Dotdot => "..",
        TokenKind.Dot => ".",
        TokenKind.Comma => ",",
        TokenKind.Colon => ":",
        TokenKind.Semi => ";",
        TokenKind.Lparen => "(",
        TokenKind.Rparen => ")",
        TokenKind.Lbrace => "{",
        TokenKind.Rbrace => "}",
        TokenKind.Lbrack => "[",
        TokenKind.Rbrack => "]",
        _ => null,
    };

    /// <summary>How a found token is named in an error message: "keyword 'cap'", "name 'frm'", "number 120".</summary>
    public static string DescribeToken(SyntaxToken token, Language language)
    {
        var zh = language == Language.Chinese;
        var text = Shorten(token.Text);
        switch (token.Kind)
        {
            case TokenKind.EndOfFile: return zh ? "文件结尾" : "end of file";
            case TokenKind.Id: return zh ? $"名称“{text}”" : $"name '{text}'";
            case TokenKind.Number: return zh ? $"数字 {text}" : $"number {text}";
            case TokenKind.PercentLit: return zh ? $"百分比 {text}" : $"percentage {text}";
            case TokenKind.Date: return zh ? $"日期 {text}" : $"date {text}";
            case TokenKind.Time: return zh ? $"时刻 {text}" : $"time {text}";
            case TokenKind.String:
            case TokenKind.UnterminatedString: return zh ? $"文本 {text}" : $"text {text}";
        }
        if (IsKeyword(token.Kind)) return zh ? $"关键字“{text}”" : $"keyword '{text}'";
        return zh ? $"“{text}”" : $"'{text}'";
    }

    /// <summary>Keeps messages short when a token is huge (a 5 MB line is one token).</summary>
    public static string Shorten(string text, int max = 40)
    {
        var oneLine = text.Replace("\r", " ").Replace("\n", " ");
        return oneLine.Length <= max ? oneLine : oneLine.Substring(0, max) + "…";
    }
}
