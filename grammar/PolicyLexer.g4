// PolicyLang lexer. Every keyword has an English and a Chinese spelling; the two may be mixed in
// one file. Keyword rules come before ID so that an exact keyword wins a tie of equal length.
lexer grammar PolicyLexer;

channels { COMMENTS }

// ---------------------------------------------------------------- declarations
POLICY      : 'policy' | '政策' ;
PARAM       : 'param' | '参数' ;
MEASURE     : 'measure' | '指标' ;
RULE        : 'rule' | '规则' ;
SCENARIO    : 'scenario' | '情景' ;
TEST        : 'test' | '测试' ;

// ---------------------------------------------------------------- header
TITLE       : 'title' | '标题' ;
ISSUER      : 'issuer' | '发文机关' ;
DOCUMENT    : 'document' | '文号' ;
LEVEL       : 'level' | '层级' ;
EFFECTIVE   : 'effective' | '施行' ;
UNTIL       : 'until' | '至' ;
APPLIES     : 'applies' | '适用' ;
EXTENDS     : 'extends' | '继承' ;

// ---------------------------------------------------------------- sections
WINDOW      : 'window' | '服务时间' ;
FEE         : 'fee' | '收费' ;
SUBSIDY     : 'subsidy' | '补贴' ;
PAY         : 'pay' | '报酬' ;
STAFFING    : 'staffing' | '师资' ;
ELIGIBILITY : 'eligibility' | '服务对象' ;
HOMEWORK    : 'homework' | '作业' ;
CALENDAR    : 'calendar' | '校历' ;

// ---------------------------------------------------------------- section items
DAYS        : 'days' | '服务日' ;
PERIOD      : 'period' | 'periods' | '课时' | '学时' ;
START       : 'start' | '开始' ;
END         : 'end' | '结束' ;
SEGMENT     : 'segment' | '时段' ;
WITHIN      : 'within' | '在' ;
AFTER       : 'after' | '之后' ;
BEFORE      : 'before' ;
CAP         : 'cap' | '上限' ;
NONE        : 'none' | '无' ;
WAIVE       : 'waive' | '减免' ;
PARTIAL     : 'partial' | '部分' ;
REFUND      : 'refund' | '退费' ;
FREE        : 'free' | '免费' ;
COLLECTED_BY: 'collected_by' | '收取方' ;
EXCEPTION   : 'exception' ;
TO          : 'to' ;
EXCEPTION_TO_ZH : '例外于' ;
ONLY        : 'only' | '仅限' ;
PRIORITY    : 'priority' | '优先' ;
REQUIRE     : 'require' | '要求' ;
FORBID      : 'forbid' | '禁止' ;
WHEN        : 'when' | '当' ;
FOR         : 'for' | '对于' ;
FROM        : 'from' | '自' ;
SET         : 'set' | '设定' ;
ASSUME      : 'assume' | '假设' ;
GIVEN       : 'given' | '给定' ;
EXPECT      : 'expect' | '预期' ;
WITH        : 'with' | '附加' ;
WARNING     : 'warning' | '警告' ;
ERROR       : 'error' | '错误' ;
CITE        : 'cite' | '依据' | '§' ;

// ---------------------------------------------------------------- expressions
AND         : 'and' | '且' ;
OR          : 'or' | '或' ;
NOT         : 'not' | '非' ;
IN          : 'in' | '属于' ;
NOT_IN_ZH   : '不属于' ;
AT          : 'at' ;
LEAST       : 'least' ;
MOST        : 'most' ;
AT_LEAST_ZH : '不少于' | '至少' | '不低于' ;
AT_MOST_ZH  : '不超过' | '至多' | '不高于' ;
NOT_BEFORE_ZH : '不早于' ;
NOT_AFTER_ZH  : '不晚于' ;
ANY         : 'any' | '任一' ;
ALL         : 'all' | '所有' ;
NO          : 'no' | '没有' ;
WHERE       : 'where' | '其中' ;
SATISFY     : 'satisfy' | 'satisfies' | '满足' ;
IF          : 'if' | '如果' ;
THEN        : 'then' | '则' ;
ELSE        : 'else' | '否则' ;
AS          : 'as' | '折合' ;
OF          : 'of' | '的' ;
TRUE        : 'true' | '真' ;
FALSE       : 'false' | '假' ;
NULL        : 'null' | '空' ;
// 'set of T' / 'list of T' are parsed from two words (a one-token 'set of' would swallow 'set office_close').
SET_OF      : '集合' ;
LIST_OF     : '列表' ;
LIST        : 'list' ;

// ---------------------------------------------------------------- units
CNY         : 'CNY' ;
YUAN        : '元' ;
YEN         : '¥' | '￥' ;
PER         : 'per' | '每' ;
STUDENT     : 'student' | 'students' | '生' | '学生' ;
DAY         : 'day' | '天' | '日' ;
MONTH       : 'month' | '月' ;
SEMESTER    : 'semester' | '学期' ;
YEAR        : 'year' | '年' | '学年' ;
MINUTES     : 'min' | 'mins' | 'minute' | 'minutes' | '分钟' ;
HOURS       : 'h' | 'hour' | 'hours' | '小时' ;
// Chinese rate phrases written as one word: 每生每月, 每课时, 元/生/月 …
RATE_ZH     : '每生' ('每课时' | '每学时' | '每天' | '每日' | '每月' | '每学期' | '每年' | '每学年')
            | '每课时' | '每学时' | '每天' | '每日' | '每月' | '每学期' | '每年' | '每学年' ;
RATE_SLASH  : '/生' ('/课时' | '/学时' | '/天' | '/日' | '/月' | '/学期' | '/年' | '/学年')
            | '/课时' | '/学时' | '/天' | '/日' | '/月' | '/学期' | '/年' | '/学年' ;

// ---------------------------------------------------------------- literals
PERCENT_LIT : DIGIT+ ('.' DIGIT+)? ('%' | '％') ;
DATE        : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
TIME        : DIGIT DIGIT? ':' DIGIT DIGIT ;
NUMBER      : DIGIT+ ('.' DIGIT+)? ;
STRING      : '"' (ESCAPE | ~["\\\r\n])* '"' ;
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;

// ---------------------------------------------------------------- punctuation
EQEQ        : '==' ;
NEQ         : '!=' | '≠' ;
LE          : '<=' | '≤' ;
GE          : '>=' | '≥' ;
LT          : '<' ;
GT          : '>' ;
EQ          : '=' ;
PLUS        : '+' ;
MINUS       : '-' | '−' ;
STAR        : '*' | '×' ;
SLASH       : '/' | '÷' ;
DOTDOT      : '..' | '—' | '～' ;
DOT         : '.' ;
COMMA       : ',' | '，' | '、' ;
COLON       : ':' | '：' ;
SEMI        : ';' | '；' ;
LPAREN      : '(' | '（' ;
RPAREN      : ')' | '）' ;
LBRACE      : '{' ;
RBRACE      : '}' ;
LBRACK      : '[' ;
RBRACK      : ']' ;

// src/PolicyLang.Syntax/Parsing/PolicyLexerFastPaths.cs scans names (with this predicate), texts, comments and
// whitespace by hand, because ANTLR's lexer is slow on them; a test compares it with these rules token by token.
// Change both together.
// A name is the whole run of name characters (longest match: 每日课时数, 元旦 and 学生数 are names), except that
// Chinese is written without spaces: a run that is Chinese keywords written together (收费上限, 政策规则, 元每生每月),
// or that starts with a Chinese keyword followed by a digit (不少于80%, 上限100元), is those tokens, not one name.
ID          : ID_START ID_PART* { IsWholeName() }? ;

// ---------------------------------------------------------------- trivia
LINE_COMMENT  : '//' ~[\r\n]* -> channel(COMMENTS) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(COMMENTS) ;
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;
// Whitespace is skipped: nothing reads it from the token stream, and half the tokens of a file would be whitespace.
WS          : [ \t\r\n\f\u000B\u00A0\u3000\uFEFF\u2028\u2029]+ -> skip ;

// Anything else is one unexpected character; the parser layer reports it.
BAD_CHAR    : . ;

fragment DIGIT    : [0-9] ;
fragment ESCAPE   : '\\' . ;
fragment ID_START : [\p{L}\p{Nl}_] ;
fragment ID_PART  : [\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}] ;
