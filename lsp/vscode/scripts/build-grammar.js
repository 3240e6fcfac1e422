#!/usr/bin/env node
// Writes syntaxes/policy.tmLanguage.json from scripts/keywords.js.
//   node scripts/build-grammar.js           write the grammar
//   node scripts/build-grammar.js --check   exit 1 if the committed grammar is not what this script writes
//
// How the grammar follows the lexer (grammar/PolicyLexer.g4 and its ID predicate in
// src/PolicyLang.Syntax/Parsing/PolicyLexerGlue.cs):
//
// * TextMate tries every pattern at the current position and takes the earliest match (the first
//   pattern wins a tie). The identifier pattern matches a whole run of identifier characters, so a
//   match always starts where the lexer starts a token, and a keyword inside a longer name
//   (学生数, 在校生, plan_x) is never found: the name is consumed first.
// * An English keyword is a whole word: it must not be followed by an identifier character
//   (`least2` is a name). No look-behind is needed, and `40min`, `2h` still give number + unit,
//   as in the lexer (digits never start a name).
// * Chinese has no spaces, so `\b` is useless. The lexer reads a run of identifier characters as
//   one name (元旦, 学生数, 每日课时数, 当学校) unless the run is Chinese keywords written together up to
//   its end or up to an ASCII digit, each keyword the longest at its place (收费上限, 不少于80%,
//   上限100元, 元每生每月, 非空): then it reads the longest keyword at the start, and the rest of the run
//   the same way (PolicyLexerGlue.SplitsIntoKeywords). Every Chinese keyword pattern therefore starts
//   with the look-ahead GLUE below — keywords, each matched atomically longest first as the lexer does,
//   then a digit or the end of the word — and takes the longest keyword at that position; a pattern for
//   a shorter keyword refuses the position when a longer keyword of another category starts there
//   (至 / 至少, 假 / 假设).
// * After a '.', any word is a field name (plan.fee, s.end), as in the parser.
'use strict';

const fs = require('fs');
const path = require('path');
const { categories, contextual } = require('./keywords');

const ID_START = '[\\p{L}\\p{Nl}_]';
const ID_PART = '[\\p{L}\\p{Nl}\\p{Nd}\\p{Mn}\\p{Mc}\\p{Pc}]';
const END_OF_WORD = `(?!${ID_PART})`;
const ID = `${ID_START}${ID_PART}*`;

const isIdPart = (c) => /[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}]/u.test(c);
const isWord = (s) => [...s].every(isIdPart);
const isChineseWord = (s) => s.codePointAt(0) >= 0x2e80 && isWord(s);

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** An alternation that tries longer spellings first, as the lexer's longest match does. */
function alt(list) {
  return [...new Set(list)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(escape)
    .join('|');
}

// Validate the table: every spelling once.
const seen = new Map();
for (const c of categories) {
  for (const s of [...c.english, ...c.chinese]) {
    if (seen.has(s)) throw new Error(`keyword '${s}' is in both ${seen.get(s)} and ${c.name}`);
    seen.set(s, c.name);
  }
}

const allChineseWords = categories.flatMap((c) => c.chinese.filter(isChineseWord));
const CHINESE = alt(allChineseWords);
// From here to a digit or to the end of the run of identifier characters, the run is Chinese keywords,
// each the longest at its place (an atomic group: no backtracking into a shorter keyword).
const KEYWORD_RUN = `(?:(?>${CHINESE}))+(?:[0-9]|${END_OF_WORD})`;
const GLUE = `(?=${KEYWORD_RUN})`;
// A name where a name is expected after a keyword (param NAME): not a place where the lexer reads a keyword.
const allEnglishWords = categories.flatMap((c) => [...c.english, ...c.chinese].filter((s) => isWord(s) && !isChineseWord(s)));
const NAME = `(?!(?:${alt(allEnglishWords)})${END_OF_WORD}|${KEYWORD_RUN})${ID}`;

/** The regex of one category: English words, symbols (§, ¥, /生/月) and Chinese words. */
function keywordRegex(category) {
  const spellings = [...category.english, ...category.chinese];
  const words = spellings.filter((s) => isWord(s) && !isChineseWord(s));
  const symbols = spellings.filter((s) => !isWord(s));
  const chinese = spellings.filter(isChineseWord);
  const parts = [];
  if (words.length) parts.push(`(?:${alt(words)})${END_OF_WORD}`);
  if (symbols.length) parts.push(`(?:${alt(symbols)})`);
  if (chinese.length) {
    const longer = allChineseWords.filter(
      (other) => !chinese.includes(other) && chinese.some((mine) => other.length > mine.length && other.startsWith(mine)));
    parts.push(`${GLUE}${longer.length ? `(?!${alt(longer)})` : ''}(?:${alt(chinese)})`);
  }
  return parts.join('|');
}

/** English words as whole words, Chinese words followed by whitespace or punctuation. */
function wordsRegex(english, chinese) {
  const parts = [];
  if (english.length) parts.push(`(?:${alt(english)})${END_OF_WORD}`);
  if (chinese.length) parts.push(`(?:${alt(chinese)})${END_OF_WORD}`);
  return parts.join('|');
}

const kw = (name) => {
  const c = categories.find((x) => x.name === name);
  if (!c) throw new Error(`no category ${name}`);
  return c;
};
const spellingsOf = (name) => [...kw(name).english, ...kw(name).chinese];
const pick = (name, ...words) => {
  for (const w of words) if (!spellingsOf(name).includes(w)) throw new Error(`${w} is not in ${name}`);
  return alt(words);
};

function declaration(words, nameScope) {
  return {
    match: `(${words})\\s+(${NAME})`,
    captures: {
      1: { name: 'keyword.declaration.policy' },
      2: { name: nameScope },
    },
  };
}

const types = wordsRegex(contextual.types.english, contextual.types.chinese);
const stringBody = '(")((?:[^"\\\\]|\\\\.)*)(")';

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  information_for_contributors: [
    'Generated by scripts/build-grammar.js from scripts/keywords.js: edit those and run `npm run grammar`.',
  ],
  name: 'PolicyLang',
  scopeName: 'source.policy',
  fileTypes: ['policy'],
  patterns: [
    { include: '#comments' },
    { include: '#citation' },
    { include: '#string' },
    { include: '#inline-plan' },
    { include: '#declarations' },
    { include: '#test-words' },
    { include: '#numbers' },
    { include: '#types' },
    { include: '#field-access' },
    { include: '#functions' },
    { include: '#roots' },
    { include: '#keywords' },
    { include: '#names' },
    { include: '#operators' },
    { include: '#punctuation' },
    { include: '#invalid' },
  ],
  repository: {
    comments: {
      patterns: [
        {
          name: 'comment.block.policy',
          begin: '/\\*',
          end: '\\*/',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.policy' } },
          endCaptures: { 0: { name: 'punctuation.definition.comment.end.policy' } },
        },
        {
          name: 'comment.line.double-slash.policy',
          begin: '//',
          end: '$',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.policy' } },
        },
      ],
    },
    citation: {
      // § "三.2", cite "七", 依据 "二（三）": the clause gets its own string scope.
      name: 'meta.citation.policy',
      match: `(${alt(spellingsOf('cite'))})\\s*(${stringBody})`,
      captures: {
        1: { name: 'keyword.other.cite.policy' },
        2: { name: 'string.quoted.double.clause.policy' },
        3: { name: 'punctuation.definition.string.begin.policy' },
        // A capture with patterns loses the scopes of the captures around it: name it again.
        4: { name: 'string.quoted.double.clause.policy', patterns: [{ include: '#escapes' }] },
        5: { name: 'punctuation.definition.string.end.policy' },
      },
    },
    string: {
      name: 'string.quoted.double.policy',
      begin: '"',
      end: '(")|$',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.policy' } },
      endCaptures: { 1: { name: 'punctuation.definition.string.end.policy' } },
      patterns: [{ include: '#escapes' }],
    },
    escapes: {
      patterns: [
        { name: 'constant.character.escape.policy', match: '\\\\[\\\\"nt]' },
        { name: 'invalid.illegal.unknown-escape.policy', match: '\\\\.' },
      ],
    },
    'inline-plan': {
      // given plan { … } and … with { … }: JSON with bare keys, 真/假/空 and full-width separators.
      patterns: [
        {
          name: 'meta.plan.inline.policy',
          begin: `(${pick('test', 'given', '给定')})\\s+(${alt(contextual.given.english.concat(contextual.given.chinese).filter((w) => w !== 'date' && w !== '日期'))})\\s*(\\{)`,
          beginCaptures: {
            1: { name: 'keyword.other.test.policy' },
            2: { name: 'variable.language.policy' },
            3: { name: 'punctuation.section.braces.begin.policy' },
          },
          end: '\\}',
          endCaptures: { 0: { name: 'punctuation.section.braces.end.policy' } },
          patterns: [{ include: '#plan-content' }],
        },
        {
          name: 'meta.plan.inline.policy',
          begin: `(${pick('test', 'with', '附加')})\\s*(\\{)`,
          beginCaptures: {
            1: { name: 'keyword.other.test.policy' },
            2: { name: 'punctuation.section.braces.begin.policy' },
          },
          end: '\\}',
          endCaptures: { 0: { name: 'punctuation.section.braces.end.policy' } },
          patterns: [{ include: '#plan-content' }],
        },
      ],
    },
    'plan-content': {
      patterns: [
        { include: '#comments' },
        {
          match: `(?:(${stringBody})|(${ID}))\\s*(?=[:：])`,
          captures: {
            1: { name: 'string.quoted.double.policy support.type.property-name.policy' },
            2: { name: 'punctuation.definition.string.begin.policy' },
            3: { name: 'string.quoted.double.policy support.type.property-name.policy', patterns: [{ include: '#escapes' }] },
            4: { name: 'punctuation.definition.string.end.policy' },
            5: { name: 'support.type.property-name.policy' },
          },
        },
        { include: '#string' },
        { name: 'constant.language.boolean.policy', match: `(?:true|false)${END_OF_WORD}|(?:真|假)${END_OF_WORD}` },
        { name: 'constant.language.null.policy', match: `(?:null|空)${END_OF_WORD}` },
        { include: '#numbers' },
        {
          begin: '\\{',
          end: '\\}',
          beginCaptures: { 0: { name: 'punctuation.section.braces.begin.policy' } },
          endCaptures: { 0: { name: 'punctuation.section.braces.end.policy' } },
          patterns: [{ include: '#plan-content' }],
        },
        {
          begin: '\\[',
          end: '\\]',
          beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.policy' } },
          endCaptures: { 0: { name: 'punctuation.section.brackets.end.policy' } },
          patterns: [{ include: '#plan-content' }],
        },
        { include: '#operators' },
        { include: '#punctuation' },
      ],
    },
    declarations: {
      patterns: [
        declaration(pick('declaration', 'policy', '政策'), 'entity.name.type.policy'),
        declaration(pick('declaration', 'param', '参数'), 'entity.name.variable.parameter.policy'),
        declaration(pick('declaration', 'measure', '指标'), 'entity.name.function.measure.policy'),
        declaration(pick('declaration', 'rule', '规则'), 'entity.name.function.rule.policy'),
        declaration(pick('declaration', 'scenario', '情景'), 'entity.name.type.scenario.policy'),
        {
          match: `(${pick('header', 'extends', '继承')})\\s+(${NAME})`,
          captures: {
            1: { name: 'keyword.other.header.policy' },
            2: { name: 'entity.other.inherited-class.policy' },
          },
        },
      ],
    },
    'test-words': {
      // given plan "…", 给定 计划 "…", given date …; expect compliant, 预期 违反 …
      patterns: [
        {
          match: `(${pick('test', 'given', '给定')})\\s+(${wordsRegex(contextual.given.english, contextual.given.chinese)})`,
          captures: {
            1: { name: 'keyword.other.test.policy' },
            2: { name: 'variable.language.policy' },
          },
        },
        {
          match: `(${pick('test', 'expect', '预期')})\\s+(${wordsRegex(contextual.verdicts.english, contextual.verdicts.chinese)})`,
          captures: {
            1: { name: 'keyword.other.test.policy' },
            2: { name: 'support.constant.verdict.policy' },
          },
        },
      ],
    },
    numbers: {
      patterns: [
        { name: 'constant.numeric.date.policy', match: '[0-9]{4}-[0-9]{2}-[0-9]{2}' },
        { name: 'constant.numeric.time.policy', match: '[0-9]{1,2}:[0-9]{2}' },
        {
          name: 'constant.numeric.percentage.policy',
          match: '[0-9]+(?:\\.[0-9]+)?([%％])',
          captures: { 1: { name: 'keyword.other.unit.percent.policy' } },
        },
        { name: 'constant.numeric.decimal.policy', match: '[0-9]+\\.[0-9]+' },
        { name: 'constant.numeric.integer.policy', match: '[0-9]+' },
      ],
    },
    types: {
      // param x: time …, measure m: bool …, set of weekday, 集合 家庭类别
      patterns: [
        {
          match: `([:：])\\s*(${types})`,
          captures: {
            1: { name: 'punctuation.separator.colon.policy' },
            2: { name: 'support.type.policy' },
          },
        },
        {
          match: `(?:(${pick('scenario', 'set')}|${pick('type', 'list')})\\s+(${pick('of', 'of')})|(${pick('type', '集合', '列表')}))\\s+(${types})`,
          captures: {
            1: { name: 'keyword.other.type.policy' },
            2: { name: 'keyword.other.type.policy' },
            3: { name: 'keyword.other.type.policy' },
            4: { name: 'support.type.policy' },
          },
        },
      ],
    },
    'field-access': {
      // plan.service.end, 学校.location, s.end, fee.cap: after a dot any word is a field.
      match: `(?<!\\.)(\\.)\\s*(${ID})`,
      captures: {
        1: { name: 'punctuation.accessor.policy' },
        2: { name: 'variable.other.property.policy' },
      },
    },
    functions: {
      name: 'support.function.policy',
      match: `(?:${alt(contextual.functions.english)}|${alt(contextual.functions.chinese)})(?=\\s*[(（])`,
    },
    roots: {
      name: 'variable.language.policy',
      match: `(?:${alt(contextual.roots.english)}|${alt(contextual.roots.chinese)})(?=\\s*\\.(?!\\.))`,
    },
    keywords: {
      patterns: categories.map((c) => ({ name: c.scope, match: keywordRegex(c) })),
    },
    names: {
      patterns: [
        { name: 'entity.name.function.call.policy', match: `${ID}(?=\\s*[(（])` },
        { name: 'variable.other.object.policy', match: `${ID}(?=\\s*\\.(?!\\.))` },
        // Any other name (enumeration members, parameters, labels): a whole run, left plain.
        { match: ID },
      ],
    },
    operators: {
      patterns: [
        { name: 'keyword.operator.comparison.policy', match: '==|!=|<=|>=|[≠≤≥<>]' },
        { name: 'keyword.operator.assignment.policy', match: '=' },
        { name: 'keyword.operator.range.policy', match: '\\.\\.|[—～]' },
        { name: 'keyword.operator.arithmetic.policy', match: '[-+*/−×÷]' },
      ],
    },
    punctuation: {
      patterns: [
        { name: 'punctuation.accessor.policy', match: '\\.' },
        { name: 'punctuation.separator.comma.policy', match: '[,，、]' },
        { name: 'punctuation.separator.colon.policy', match: '[:：]' },
        { name: 'punctuation.terminator.statement.policy', match: '[;；]' },
        { name: 'punctuation.section.parens.begin.policy', match: '[(（]' },
        { name: 'punctuation.section.parens.end.policy', match: '[)）]' },
        { name: 'punctuation.section.braces.begin.policy', match: '\\{' },
        { name: 'punctuation.section.braces.end.policy', match: '\\}' },
        { name: 'punctuation.section.brackets.begin.policy', match: '\\[' },
        { name: 'punctuation.section.brackets.end.policy', match: '\\]' },
      ],
    },
    invalid: {
      // Outside a text these are error PL0001 (curly quotes, 。, 【】, 《》, #).
      name: 'invalid.illegal.character.policy',
      match: '[“”‘’「」『』。【】《》#！？]',
    },
  },
};

const target = path.join(__dirname, '..', 'syntaxes', 'policy.tmLanguage.json');
const text = JSON.stringify(grammar, null, 2) + '\n';

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current.replace(/\r\n/g, '\n') !== text) {
    console.error('syntaxes/policy.tmLanguage.json is out of date: run `npm run grammar` in lsp/vscode and commit the result.');
    process.exit(1);
  }
  console.log('syntaxes/policy.tmLanguage.json is up to date.');
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
