// PolicyLang parser. The C# syntax-tree builder (src/PolicyLang.Syntax/Parsing) turns this parse
// tree into PolicyLang's own immutable syntax tree; no ANTLR type leaves that layer.
parser grammar PolicyParser;

options { tokenVocab = PolicyLexer; }

compilationUnit
    : member* EOF
    ;

member
    : policyDecl
    | paramDecl
    | section
    | ruleDecl
    | measureDecl
    | scenarioDecl
    | testDecl
    ;

// ---------------------------------------------------------------- header
policyDecl
    : POLICY identifier LBRACE headerItem* RBRACE
    ;

headerItem
    : (TITLE | ISSUER | DOCUMENT) STRING SEMI?
    | LEVEL identifier SEMI?
    | EFFECTIVE DATE (UNTIL DATE)? SEMI?
    | APPLIES expr SEMI?
    | EXTENDS identifier SEMI?
    ;

// ---------------------------------------------------------------- parameters and measures
paramDecl
    : PARAM identifier COLON type EQ expr datedValue* citation? SEMI?
    ;

datedValue
    : FROM DATE COLON expr
    ;

measureDecl
    : MEASURE identifier (COLON type)? EQ expr citation? SEMI?
    ;

type
    : (CNY | YUAN) rateSuffix?                         # moneyType
    | STUDENT PER identifier                           # ratioType
    | (SET OF | SET_OF) type                           # setType
    | (LIST OF | LIST_OF) type                         # listType
    | identifier rateSuffix?                           # namedType
    ;

// ---------------------------------------------------------------- sections
section
    : WINDOW LBRACE windowItem* RBRACE
    | FEE LBRACE feeItem* RBRACE
    | SUBSIDY LBRACE subsidyItem* RBRACE
    | PAY LBRACE payItem* RBRACE
    | STAFFING LBRACE staffingItem* RBRACE
    | ELIGIBILITY LBRACE eligibilityItem* RBRACE
    | HOMEWORK LBRACE homeworkItem* RBRACE
    | CALENDAR LBRACE calendarItem* RBRACE
    ;

windowItem
    : DAYS expr itemTail                               # daysItem
    | PERIOD expr itemTail                             # periodItem
    | END WITHIN expr AFTER expr itemTail              # withinItem
    | (START | END) (identifier COLON)? comparator expr itemTail  # boundItem
    | SEGMENT identifier expr itemTail                 # segmentItem
    | comparator expr itemTail                         # durationItem
    ;

feeItem
    : CAP (identifier COLON)? (NONE | expr) itemTail   # capItem
    | WAIVE nameList (PARTIAL expr)? itemTail          # waiveItem
    | REFUND identifier itemTail                       # refundItem
    | FREE itemTail                                    # freeItem
    | COLLECTED_BY identifier itemTail                 # collectedByItem
    ;

subsidyItem
    : (identifier COLON)? expr itemTail
    ;

payItem
    : FORBID nameList itemTail                         # payForbidItem
    | identifier comparator? expr itemTail             # payValueItem
    ;

staffingItem
    : FORBID nameList itemTail                         # staffingForbidItem
    | REQUIRE nameList itemTail                        # staffingRequireItem
    | ONLY expr itemTail                               # staffingOnlyItem
    | comparator expr itemTail                         # staffingRatioItem
    | identifier comparator? expr itemTail             # staffingValueItem
    ;

eligibilityItem
    : (REQUIRE | FORBID | PRIORITY) nameList itemTail
    ;

homeworkItem
    : identifier comparator? expr itemTail
    ;

calendarItem
    : identifier expr itemTail
    ;

itemTail
    : (FOR nameList)? (WHEN expr)? exceptionClause? (citation severity? | severity citation?)? SEMI?
    ;

exceptionClause
    : (EXCEPTION TO | EXCEPTION_TO_ZH) identifier
    ;

nameList
    : identifier (COMMA identifier)*
    ;

// ---------------------------------------------------------------- rules
ruleDecl
    : RULE identifier STRING* (citation severity? | severity citation?)? (WHEN expr)? (REQUIRE | FORBID) expr SEMI?
    ;

severity
    : WARNING
    | ERROR
    ;

citation
    : CITE STRING
    ;

// ---------------------------------------------------------------- scenarios and tests
scenarioDecl
    : SCENARIO identifier STRING? LBRACE scenarioItem* RBRACE
    ;

scenarioItem
    : SET qualifiedName EQ expr SEMI?                  # setItem
    | ASSUME assumeWord+ expr? SEMI?                   # assumeItem
    ;

assumeWord
    : identifier
    | CAP
    | FEE
    | PAY
    ;

testDecl
    : TEST STRING LBRACE testItem* RBRACE
    ;

testItem
    : GIVEN identifier (STRING | DATE | jsonObject) (WITH jsonObject)? SEMI?          # givenItem
    | EXPECT identifier (qualifiedName (COMMA qualifiedName)*)? SEMI?                # expectItem
    ;

qualifiedName
    : anyWord (DOT anyWord)*
    ;

// ---------------------------------------------------------------- inline plan documents
jsonObject
    : LBRACE (jsonMember (COMMA jsonMember)* COMMA?)? RBRACE
    ;

jsonMember
    : (STRING | anyWord) COLON jsonValue
    ;

jsonValue
    : jsonObject
    | LBRACK (jsonValue (COMMA jsonValue)* COMMA?)? RBRACK
    | STRING
    | MINUS? NUMBER
    | TRUE
    | FALSE
    | NULL
    ;

// ---------------------------------------------------------------- expressions
expr
    // ANTLR gives the alternatives listed first the tightest binding.
    : identifier LPAREN arguments? RPAREN                                  # callExpr
    | LPAREN expr RPAREN                                                   # parenExpr
    | LBRACE (expr (COMMA expr)* COMMA?)? RBRACE                           # setExpr
    | quantity                                                             # quantityExpr
    | literal                                                              # literalExpr
    | identifier                                                           # nameExpr
    | expr DOT anyWord                                                     # memberExpr
    | expr LBRACK expr RBRACK                                              # indexExpr
    | expr AS type                                                         # convertExpr
    | MINUS expr                                                           # negateExpr
    | expr (STAR | SLASH) expr                                             # multiplicativeExpr
    | expr (PLUS | MINUS) expr                                             # additiveExpr
    | <assoc = right> expr OF expr                                         # ofExpr
    | expr DOTDOT expr                                                     # rangeExpr
    | expr comparator expr                                                 # compareExpr
    | NOT expr                                                             # notExpr
    | expr AND expr                                                        # andExpr
    | expr OR expr                                                         # orExpr
    | (ANY | ALL | NO) identifier IN expr (WHERE expr)? (SATISFY expr)?    # quantifierExpr
    | IF expr THEN expr ELSE expr                                          # conditionalExpr
    ;

arguments
    : expr FOR identifier IN expr (WHERE expr)?                            # comprehensionArgs
    | expr (COMMA expr)*                                                   # listArgs
    ;

comparator
    : EQEQ | NEQ | LT | LE | GT | GE
    | AT LEAST | AT MOST | NOT BEFORE | NOT AFTER | NOT IN
    | AT_LEAST_ZH | AT_MOST_ZH | NOT_BEFORE_ZH | NOT_AFTER_ZH | NOT_IN_ZH
    | IN
    ;

quantity
    : NUMBER (CNY | YUAN) rateSuffix?                  # moneyQuantity
    | YEN NUMBER rateSuffix?                           # yenQuantity
    | NUMBER (MINUTES | HOURS) rateSuffix?             # durationQuantity
    | NUMBER PERIOD                                    # periodQuantity
    | NUMBER STUDENT PER identifier                    # ratioQuantity
    ;

rateSuffix
    : PER STUDENT PER timeUnit
    | PER timeUnit
    | RATE_ZH
    | RATE_SLASH
    ;

timeUnit
    : PERIOD | DAY | MONTH | SEMESTER | YEAR
    ;

literal
    : NUMBER
    | PERCENT_LIT
    | DATE
    | TIME
    | STRING
    | TRUE
    | FALSE
    ;

// Names. Words that are keywords only in some places may still name things elsewhere
// (`homework` is a section and an activity kind; `month` is a unit and a fee period).
identifier
    : ID
    | HOMEWORK | PERIOD | DAY | MONTH | SEMESTER | YEAR | FREE | MINUTES | NONE
    | START | END | DAYS | SEGMENT | STUDENT
    ;

// After a dot any word names a field: plan.service.end, fee.cap, plan.finance.subsidy.
anyWord
    : identifier
    | POLICY | PARAM | MEASURE | RULE | SCENARIO | TEST | TITLE | ISSUER | DOCUMENT | LEVEL
    | EFFECTIVE | UNTIL | APPLIES | EXTENDS | WINDOW | FEE | SUBSIDY | PAY | STAFFING
    | ELIGIBILITY | CALENDAR | WITHIN | AFTER | BEFORE | CAP | WAIVE | PARTIAL
    | REFUND | COLLECTED_BY | EXCEPTION | TO | ONLY | PRIORITY | REQUIRE | FORBID | WHEN | FOR
    | FROM | SET | ASSUME | GIVEN | EXPECT | WITH | WARNING | ERROR | AND | OR | NOT | IN
    | AT | LEAST | MOST | ANY | ALL | NO | WHERE | SATISFY | IF | THEN | ELSE | AS | OF
    | TRUE | FALSE | NULL | CNY | PER | HOURS | LIST
    ;
