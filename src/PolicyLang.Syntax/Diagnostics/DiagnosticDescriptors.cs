namespace PolicyLang.Diagnostics;

/// <summary>
/// Every diagnostic PolicyLang reports, defined once: stable code, severity, English and Chinese message.
/// Codes never change meaning; each is documented with a wrong and a fixed example in docs/diagnostics.md
/// and has a golden test under tests/PolicyLang.Tests/Golden/Diagnostics.
/// </summary>
public static class DiagnosticDescriptors
{
    private static DiagnosticDescriptor E(string code, string title, string en, string zh) => new(code, DiagnosticSeverity.Error, title, en, zh);
    private static DiagnosticDescriptor W(string code, string title, string en, string zh) => new(code, DiagnosticSeverity.Warning, title, en, zh);

    // ------------------------------------------------------------------ files and text: PL00xx
    public static readonly DiagnosticDescriptor BadCharacter = E("PL0001", "bad-character",
        "unexpected character '{0}'{1}", "无法识别的字符“{0}”{1}");
    public static readonly DiagnosticDescriptor UnterminatedString = E("PL0002", "unterminated-string",
        "text is missing its closing '\"' before the end of the line", "文本在行尾之前缺少结尾的引号 \"");
    public static readonly DiagnosticDescriptor InvalidEscape = E("PL0003", "invalid-escape",
        "unknown escape '\\{0}' in text; write \\\", \\\\, \\n or \\t", "文本中的转义“\\{0}”无效；可用 \\\"、\\\\、\\n 或 \\t");
    public static readonly DiagnosticDescriptor UnexpectedToken = E("PL0004", "unexpected-token",
        "unexpected {0}; expected {1}", "此处不应出现{0}；应为{1}");
    public static readonly DiagnosticDescriptor MissingToken = E("PL0005", "missing-token",
        "expected {0} before {1}", "在 {1} 之前缺少{0}");
    public static readonly DiagnosticDescriptor NestingTooDeep = E("PL0006", "nesting-too-deep",
        "brackets nest more than {0} levels deep here", "此处括号嵌套超过 {0} 层");
    public static readonly DiagnosticDescriptor UnterminatedComment = E("PL0007", "unterminated-comment",
        "comment '/*' is never closed with '*/'", "注释“/*”没有以“*/”结束");
    public static readonly DiagnosticDescriptor TooManyErrors = E("PL0008", "too-many-errors",
        "too many syntax errors; stopped reporting after {0}", "语法错误过多；报告 {0} 条后停止");
    public static readonly DiagnosticDescriptor EmptyFile = E("PL0009", "empty-file",
        "the file is empty; expected a policy starting with 'policy NAME {{ … }}'", "文件为空；应以“policy 名称 {{ … }}”开始编写政策");
    public static readonly DiagnosticDescriptor InvalidTime = E("PL0010", "invalid-time",
        "'{0}' is not a time of day; write hours 00–24 and minutes 00–59, such as 18:30", "“{0}”不是有效的时刻；小时应为 00–24、分钟为 00–59，如 18:30");
    public static readonly DiagnosticDescriptor InvalidDate = E("PL0011", "invalid-date",
        "'{0}' is not a calendar date; write YYYY-MM-DD, such as 2021-09-01", "“{0}”不是有效日期；应写作 YYYY-MM-DD，如 2021-09-01");
    public static readonly DiagnosticDescriptor KeywordGlued = E("PL0012", "keyword-glued",
        "'{0}' reads as one name; put a space between the keyword '{1}' and '{2}'", "“{0}”被读作一个名称；请在关键字“{1}”与“{2}”之间加空格");
    public static readonly DiagnosticDescriptor ExpressionTooComplex = E("PL0013", "expression-too-complex",
        "this expression nests more than {0} operations deep; split it into measures or parameters", "表达式嵌套超过 {0} 层；请拆分为多个指标或参数");
    public static readonly DiagnosticDescriptor NotUtf8 = E("PL0014", "not-utf8",
        "the file is not UTF-8 text: byte 0x{0} cannot start or continue a character; save the file as UTF-8", "文件不是 UTF-8 文本：字节 0x{0} 无法构成字符；请以 UTF-8 编码保存");
    public static readonly DiagnosticDescriptor BinaryFile = E("PL0015", "binary-file",
        "the file looks binary (it contains a NUL byte), not a policy text", "文件似乎是二进制文件（含有 NUL 字节），不是政策文本");
    public static readonly DiagnosticDescriptor FileTooLarge = E("PL0016", "file-too-large",
        "the file is {0} bytes; policies are limited to {1} bytes (64 MB)", "文件大小为 {0} 字节；政策文件上限为 {1} 字节（64 MB）");
    public static readonly DiagnosticDescriptor CannotReadFile = E("PL0017", "cannot-read-file",
        "cannot read '{0}': {1}", "无法读取“{0}”：{1}");

    // ------------------------------------------------------------------ names and declarations: PL01xx
    public static readonly DiagnosticDescriptor UnknownName = E("PL0100", "unknown-name",
        "unknown name '{0}'{1}", "未知名称“{0}”{1}");
    public static readonly DiagnosticDescriptor DuplicateDeclaration = E("PL0101", "duplicate-declaration",
        "'{0}' is already declared at line {1}", "“{0}”已在第 {1} 行声明");
    public static readonly DiagnosticDescriptor UnknownField = E("PL0102", "unknown-field",
        "{1} has no field '{0}'{2}", "{1}没有字段“{0}”{2}");
    public static readonly DiagnosticDescriptor UnknownEnumMember = E("PL0103", "unknown-enum-member",
        "'{0}' is not a {1}; expected one of {2}{3}", "“{0}”不是有效的{1}；应为 {2} 之一{3}");
    public static readonly DiagnosticDescriptor UnknownType = E("PL0104", "unknown-type",
        "unknown type '{0}'; expected {1}{2}", "未知类型“{0}”；应为{1}{2}");
    public static readonly DiagnosticDescriptor MissingPolicyHeader = E("PL0105", "missing-policy-header",
        "the file has no policy header; start it with 'policy NAME {{ title \"…\" effective YYYY-MM-DD }}'", "文件缺少政策头部；请以“policy 名称 {{ title \"…\" effective YYYY-MM-DD }}”开始");
    public static readonly DiagnosticDescriptor DuplicatePolicyHeader = E("PL0106", "duplicate-policy-header",
        "a file holds one policy; the first header is at line {0}", "一个文件只能包含一项政策；第一个政策头部在第 {0} 行");
    public static readonly DiagnosticDescriptor MissingHeaderItem = W("PL0107", "missing-header-item",
        "the policy header has no '{0}'; {1}", "政策头部缺少“{0}”；{1}");
    public static readonly DiagnosticDescriptor DuplicateHeaderItem = E("PL0108", "duplicate-header-item",
        "'{0}' is already given at line {1}", "“{0}”已在第 {1} 行给出");
    public static readonly DiagnosticDescriptor InvalidDateRange = E("PL0109", "invalid-date-range",
        "'until' {0} is not after 'effective' {1}", "截止日期 {0} 不晚于施行日期 {1}");
    public static readonly DiagnosticDescriptor UnknownSectionItem = E("PL0110", "unknown-section-item",
        "'{0}' is not a {1} item; expected one of {2}{3}", "“{0}”不是{1}中的条目；应为 {2} 之一{3}");
    public static readonly DiagnosticDescriptor DuplicateSection = E("PL0111", "duplicate-section",
        "the {0} section is already declared at line {1}; write its items in one section", "{0}部分已在第 {1} 行声明；请将条目写在同一部分中");
    public static readonly DiagnosticDescriptor DuplicateItem = E("PL0112", "duplicate-item",
        "{0} is already given at line {1}", "{0}已在第 {1} 行给出");
    public static readonly DiagnosticDescriptor WrongArgumentCount = E("PL0113", "wrong-argument-count",
        "'{0}' takes {1}; found {2}", "“{0}”需要{1}；实际为 {2} 个");
    public static readonly DiagnosticDescriptor UnknownParentPolicy = E("PL0114", "unknown-parent-policy",
        "cannot find policy '{0}' to extend; looked in the files being compiled and in {1}", "找不到要继承的政策“{0}”；已查找本次编译的文件和 {1}");
    public static readonly DiagnosticDescriptor ExtendsCycle = E("PL0115", "extends-cycle",
        "policy '{0}' extends itself: {1}", "政策“{0}”循环继承：{1}");
    public static readonly DiagnosticDescriptor UnknownExceptionTarget = E("PL0116", "unknown-exception-target",
        "no cap named '{0}' in this fee section{1}", "本收费部分没有名为“{0}”的上限{1}");
    public static readonly DiagnosticDescriptor UnknownRuleReference = E("PL0117", "unknown-rule-reference",
        "no rule or section item '{0}'{1}", "没有名为“{0}”的规则或条目{1}");
    public static readonly DiagnosticDescriptor UnknownScenarioTarget = E("PL0118", "unknown-scenario-target",
        "cannot set '{0}': no parameter or section value by that name{1}", "无法设定“{0}”：没有该名称的参数或条目{1}");
    public static readonly DiagnosticDescriptor AmbiguousScenarioTarget = E("PL0119", "ambiguous-scenario-target",
        "'{0}' names {1} values ({2}); set one of them by its full name, such as '{3}' (a label names a line: 'cap urban: …')", "“{0}”对应 {1} 个值（{2}）；请用完整名称设定其中之一，如“{3}”（可为条目加标签命名：“上限 urban: …”）");
    public static readonly DiagnosticDescriptor UnknownAssumption = E("PL0120", "unknown-assumption",
        "unknown assumption '{0}'; expected 'participation elasticity E' or 'schools charge the cap'", "未知假设“{0}”；应为“参与 弹性 E”（participation elasticity E）或“学校 按上限收费”（schools charge the cap）");
    public static readonly DiagnosticDescriptor MissingCitation = W("PL0121", "missing-citation",
        "{0} has no citation; add § \"clause\" naming the clause of the source document", "{0}没有标注依据；请添加 § \"条款\" 注明原文条款");
    public static readonly DiagnosticDescriptor TestPlanNotFound = E("PL0122", "test-plan-not-found",
        "plan file '{0}' does not exist (looked at {1})", "计划文件“{0}”不存在（查找位置：{1}）");
    public static readonly DiagnosticDescriptor InvalidInlinePlan = E("PL0123", "invalid-inline-plan",
        "plan {0}: {1}", "计划 {0}：{1}");
    public static readonly DiagnosticDescriptor DatedValueOrder = E("PL0124", "dated-value-order",
        "dated values must come in increasing date order; {0} is not after {1}", "分时段取值须按日期递增；{0} 不晚于 {1}");
    public static readonly DiagnosticDescriptor CircularDefinition = E("PL0125", "circular-definition",
        "'{0}' depends on itself: {1}", "“{0}”循环依赖自身：{1}");
    public static readonly DiagnosticDescriptor NotConstant = E("PL0126", "not-constant",
        "{0} must be a constant; it cannot read '{1}'", "{0}必须为常量，不能引用“{1}”");
    public static readonly DiagnosticDescriptor InvalidExpectation = E("PL0127", "invalid-expectation",
        "unknown expectation '{0}'; write 'expect compliant' or 'expect violation RULE…'", "未知预期“{0}”；应写“expect compliant”或“expect violation 规则…”");
    public static readonly DiagnosticDescriptor InvalidGiven = E("PL0128", "invalid-given",
        "unknown input '{0}'; write 'given plan \"file.json\"', 'given plan {{ … }}' or 'given date YYYY-MM-DD'", "未知输入“{0}”；应写“given plan \"文件.json\"”、“given plan {{ … }}”或“given date YYYY-MM-DD”");
    public static readonly DiagnosticDescriptor MisplacedItem = E("PL0129", "misplaced-item",
        "{0} can only be used in {1}", "{0}只能用于{1}");
    public static readonly DiagnosticDescriptor RedeclaredParentParameter = E("PL0131", "redeclared-parent-parameter",
        "'{0}' is a parameter of parent policy '{1}'; a policy cannot redeclare what it extends (change it in a scenario, or in the parent)", "“{0}”是上位政策“{1}”的参数；继承的政策不能重新声明（请在情景中或上位政策中修改）");
    public static readonly DiagnosticDescriptor UnusedTail = E("PL0132", "unused-qualifier",
        "'{0}' has no meaning on a {1} line; {2}", "“{0}”对{1}条目无意义；{2}");
    public static readonly DiagnosticDescriptor MeasureRedefinitionType = E("PL0133", "measure-redefinition-type",
        "measure '{0}' redefines {1} '{0}' of type {2} with type {3}; a redefinition keeps the type, because the other measures use it",
        "指标“{0}”重新定义了{1}“{0}”（类型 {2}），但类型为 {3}；重新定义须保持类型，因为其他指标引用它");
    public static readonly DiagnosticDescriptor IncompleteTest = E("PL0130", "incomplete-test",
        "test \"{0}\" has no {1}; a test needs 'given plan …' and 'expect compliant' or 'expect violation RULE…'", "测试“{0}”缺少{1}；测试需要“给定 计划 …”以及“预期 合规”或“预期 违反 规则…”");

    // ------------------------------------------------------------------ types and units: PL02xx
    public static readonly DiagnosticDescriptor TypeMismatch = E("PL0200", "type-mismatch",
        "expected {0}, found {1}", "应为{0}，实际为{1}");
    public static readonly DiagnosticDescriptor OperatorTypes = E("PL0201", "operator-types",
        "'{0}' cannot combine {1} and {2}{3}", "“{0}”不能用于{1}和{2}{3}");
    public static readonly DiagnosticDescriptor RateUnitMismatch = E("PL0202", "rate-unit-mismatch",
        "{0} and {1} are rates of different periods; convert one through the calendar: '… as {2}'{3}", "{0}与{1}的计费周期不同；请通过校历换算：“… 折合 {2}”{3}");
    public static readonly DiagnosticDescriptor TimeDurationMix = E("PL0203", "time-duration-mix",
        "{0} is a time of day but {1} is a duration; {2}", "{0}是时刻，而{1}是时长；{2}");
    public static readonly DiagnosticDescriptor ConditionNotBool = E("PL0204", "condition-not-bool",
        "a condition must be true or false; found {0}", "条件必须为真或假；实际为{0}");
    public static readonly DiagnosticDescriptor NotAList = E("PL0205", "not-a-list",
        "'{0}' is {1}, not a list to go through", "“{0}”是{1}，不是可遍历的列表");
    public static readonly DiagnosticDescriptor InvalidConversion = E("PL0206", "invalid-conversion",
        "cannot convert {0} to {1}", "无法将{0}换算为{1}");
    public static readonly DiagnosticDescriptor DivisionByZero = E("PL0207", "division-by-zero",
        "division by zero", "除数为零");
    public static readonly DiagnosticDescriptor InvalidRange = E("PL0208", "invalid-range",
        "a range needs two bounds of one kind in increasing order; found {0} .. {1}", "范围的两端须为同类值且递增；实际为 {0} .. {1}");
    public static readonly DiagnosticDescriptor PercentOutOfRange = W("PL0209", "percent-out-of-range",
        "{0} is outside 0%..100%", "{0} 超出 0%..100% 的范围");
    public static readonly DiagnosticDescriptor InvalidUnit = E("PL0210", "invalid-unit",
        "{0} cannot be given {1}; {2}", "{0}不能按{1}计；{2}");
    public static readonly DiagnosticDescriptor NumberOutOfRange = E("PL0211", "number-out-of-range",
        "'{0}' is too large for a number", "“{0}”超出数值范围");
    public static readonly DiagnosticDescriptor FieldOfList = E("PL0212", "field-of-list",
        "'{0}' is a list of {1}; it has no field '{2}' itself: go through its elements, e.g. 'any x in {0} where x.{2} …' or 'sum(x.{2} for x in {0})'", "“{0}”是{1}的列表，本身没有字段“{2}”：请遍历其元素，如“任一 x 属于 {0} 其中 x.{2} …”或“合计(x.{2} 对于 x 属于 {0})”");

    // ------------------------------------------------------------------ policy semantics: PL03xx
    public static readonly DiagnosticDescriptor ConflictingCaps = E("PL0300", "conflicting-caps",
        "this cap and the cap at line {0} can both apply to {1}; make their conditions exclusive or mark one 'exception to' the other", "此上限与第 {0} 行的上限可能同时适用于{1}；请使条件互斥，或用“例外于”标明例外关系");
    public static readonly DiagnosticDescriptor UncoveredSchools = W("PL0301", "uncovered-schools",
        "no {0} cap covers {1}, which the policy applies to; add a cap for them or 'cap none when …'", "没有{0}上限适用于{1}，而本政策适用于这些学校；请为其设上限或写“上限 无 当 …”");
    public static readonly DiagnosticDescriptor LooserCap = E("PL0302", "looser-cap",
        "this cap of {0} ({1}) is looser than the cap of {2} in parent policy '{3}' ({4}); a policy may only tighten the one it extends", "此上限 {0}（{1}）比上位政策“{3}”的上限 {2}（{4}）宽松；继承的政策只能收紧要求");
    public static readonly DiagnosticDescriptor EarlierEnd = E("PL0303", "earlier-end",
        "this requires service to end not before {0} ({1}), earlier than {2} required by parent policy '{3}' ({4}); a policy may only tighten the one it extends", "此处要求结束时间不早于 {0}（{1}），早于上位政策“{3}”要求的 {2}（{4}）；继承的政策只能收紧要求");
    public static readonly DiagnosticDescriptor LooserBound = E("PL0304", "looser-bound",
        "{0} {1} ({2}) is looser than {3} in parent policy '{4}' ({5}); a policy may only tighten the one it extends", "{0} {1}（{2}）比上位政策“{4}”的 {3}（{5}）宽松；继承的政策只能收紧要求");
    public static readonly DiagnosticDescriptor FreeWithCap = E("PL0305", "free-with-cap",
        "the fee section says 'free' but this cap allows {0}; a free service has no fee to cap", "收费部分已声明“免费”，但此上限允许 {0}；免费服务不应再设收费上限");
    public static readonly DiagnosticDescriptor ConditionNeverHolds = W("PL0306", "condition-never-holds",
        "this condition never holds for a school the policy applies to ({0}), so the line has no effect", "对本政策适用的学校而言此条件永不成立（{0}），该条目不起作用");
    public static readonly DiagnosticDescriptor OverlappingSegments = E("PL0307", "overlapping-segments",
        "segment '{0}' ({1}) overlaps segment '{2}' ({3}) at line {4}", "时段“{0}”（{1}）与第 {4} 行的时段“{2}”（{3}）重叠");

    /// <summary>All descriptors, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticDescriptors)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToList();
}
