// The keywords of grammar/PolicyLexer.g4, by the scope the TextMate grammar gives them.
// scripts/build-grammar.js turns this table into syntaxes/policy.tmLanguage.json, and
// test/generate-keyword-test.js checks it against the lexer: a keyword the lexer knows but this
// table does not fails the grammar tests. Every spelling appears exactly once.
'use strict';

/** @type {{ name: string, scope: string, english: string[], chinese: string[] }[]} */
const categories = [
  {
    name: 'declaration',
    scope: 'keyword.declaration.policy',
    english: ['policy', 'param', 'measure', 'rule', 'scenario', 'test'],
    chinese: ['政策', '参数', '指标', '规则', '情景', '测试'],
  },
  {
    name: 'header',
    scope: 'keyword.other.header.policy',
    english: ['title', 'issuer', 'document', 'level', 'effective', 'until', 'applies', 'extends'],
    chinese: ['标题', '发文机关', '文号', '层级', '施行', '至', '适用', '继承'],
  },
  {
    name: 'section',
    scope: 'keyword.other.section.policy',
    english: ['window', 'fee', 'subsidy', 'pay', 'staffing', 'eligibility', 'homework', 'calendar'],
    chinese: ['服务时间', '收费', '补贴', '报酬', '师资', '服务对象', '作业', '校历'],
  },
  {
    name: 'item',
    scope: 'keyword.other.item.policy',
    english: ['days', 'start', 'end', 'segment', 'within', 'cap', 'none', 'waive', 'partial', 'refund', 'free',
      'collected_by', 'exception', 'to', 'only', 'priority', 'from'],
    chinese: ['服务日', '开始', '结束', '时段', '在', '上限', '无', '减免', '部分', '退费', '免费', '收取方', '例外于',
      '仅限', '优先', '自'],
  },
  {
    name: 'rule',
    scope: 'keyword.control.rule.policy',
    english: ['require', 'forbid'],
    chinese: ['要求', '禁止'],
  },
  {
    name: 'conditional',
    scope: 'keyword.control.conditional.policy',
    english: ['when', 'if', 'then', 'else'],
    chinese: ['当', '如果', '则', '否则'],
  },
  {
    name: 'quantifier',
    scope: 'keyword.control.quantifier.policy',
    english: ['any', 'all', 'no', 'where', 'satisfy', 'satisfies', 'for'],
    chinese: ['任一', '所有', '没有', '其中', '满足', '对于'],
  },
  {
    name: 'scenario',
    scope: 'keyword.other.scenario.policy',
    english: ['set', 'assume'],
    chinese: ['设定', '假设'],
  },
  {
    name: 'test',
    scope: 'keyword.other.test.policy',
    english: ['given', 'expect', 'with'],
    chinese: ['给定', '预期', '附加'],
  },
  {
    name: 'severity',
    scope: 'keyword.other.severity.policy',
    english: ['warning', 'error'],
    chinese: ['警告', '错误'],
  },
  {
    name: 'cite',
    scope: 'keyword.other.cite.policy',
    english: ['cite', '§'],
    chinese: ['依据'],
  },
  {
    name: 'logical',
    scope: 'keyword.operator.logical.policy',
    english: ['and', 'or', 'not'],
    chinese: ['且', '或', '非'],
  },
  {
    name: 'membership',
    scope: 'keyword.operator.membership.policy',
    english: ['in'],
    chinese: ['属于', '不属于'],
  },
  {
    name: 'comparison',
    scope: 'keyword.operator.comparison.policy',
    english: ['at', 'least', 'most', 'before', 'after'],
    chinese: ['之后', '不少于', '至少', '不低于', '不超过', '至多', '不高于', '不早于', '不晚于'],
  },
  {
    name: 'conversion',
    scope: 'keyword.operator.conversion.policy',
    english: ['as'],
    chinese: ['折合'],
  },
  {
    name: 'of',
    scope: 'keyword.operator.of.policy',
    english: ['of'],
    chinese: ['的'],
  },
  {
    name: 'boolean',
    scope: 'constant.language.boolean.policy',
    english: ['true', 'false'],
    chinese: ['真', '假'],
  },
  {
    name: 'null',
    scope: 'constant.language.null.policy',
    english: ['null'],
    chinese: ['空'],
  },
  {
    name: 'type',
    scope: 'keyword.other.type.policy',
    english: ['list'],
    chinese: ['集合', '列表'],
  },
  {
    name: 'currency',
    scope: 'keyword.other.unit.currency.policy',
    english: ['CNY'],
    chinese: ['元', '¥', '￥'],
  },
  {
    name: 'unit',
    scope: 'keyword.other.unit.policy',
    english: ['per', 'student', 'students', 'day', 'month', 'semester', 'year', 'min', 'mins', 'minute', 'minutes',
      'h', 'hour', 'hours', 'period', 'periods'],
    chinese: ['每', '生', '学生', '天', '日', '月', '学期', '年', '学年', '分钟', '小时', '课时', '学时'],
  },
  {
    name: 'rate',
    scope: 'keyword.other.unit.rate.policy',
    english: [],
    chinese: [
      '每生每课时', '每生每学时', '每生每天', '每生每日', '每生每月', '每生每学期', '每生每年', '每生每学年',
      '每课时', '每学时', '每天', '每日', '每月', '每学期', '每年', '每学年',
      '/生/课时', '/生/学时', '/生/天', '/生/日', '/生/月', '/生/学期', '/生/年', '/生/学年',
      '/课时', '/学时', '/天', '/日', '/月', '/学期', '/年', '/学年',
    ],
  },
];

/** Contextual words (not keywords): ordinary names that the grammar still colours in one place. */
const contextual = {
  // Roots of field paths: plan.service.end, 学校.location, cohorts.
  roots: { english: ['plan', 'school', 'cohorts'], chinese: ['方案', '计划', '学校', '群体'] },
  // Type names after ':' (param x: time) and after 'set of' / 'list of' / 集合 / 列表.
  types: {
    english: ['bool', 'int', 'number', 'text', 'date', 'time', 'duration', 'percent', 'money',
      'stage', 'location', 'ownership', 'fee_per', 'category', 'segment_kind', 'activity_kind', 'provider_kind',
      'weekday', 'refund_mode', 'collector'],
    chinese: ['布尔', '整数', '数值', '文本', '日期', '时刻', '时长', '百分比', '课时数', '金额',
      '学段', '地域', '办学性质', '收费周期', '家庭类别', '时段类别', '活动类别', '人员类别', '星期', '退费方式', '收费主体'],
  },
  // Built-in functions, coloured when called: min(…), 合计(…).
  functions: {
    english: ['min', 'max', 'abs', 'round', 'count', 'sum', 'contains', 'exists', 'pow', 'cap_for_school', 'waived_share',
      'subsidies', 'staff_share', 'breaks_rules', 'in_scope', 'elasticity', 'charges_cap', 'baseline'],
    chinese: ['最小', '最大', '绝对值', '四舍五入', '计数', '合计', '包含', '存在', '幂', '本校上限', '减免比例', '补贴总额',
      '报酬比例', '违反规则', '政策覆盖', '参与弹性', '按上限收费', '基线'],
  },
  // What a test is given: given plan "…", 给定 计划 "…", given date 2024-09-01.
  given: { english: ['plan', 'date'], chinese: ['计划', '方案', '日期'] },
  // What a test expects: expect compliant, 预期 违反 fee.cap.
  verdicts: { english: ['compliant', 'violation', 'violations'], chinese: ['合规', '违反'] },
};

module.exports = { categories, contextual };
