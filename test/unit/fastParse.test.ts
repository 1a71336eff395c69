/**
 * fastParseTree must build exactly jsonc-parser's parseTree tree for strict JSON, and give up
 * (undefined) on everything else, so that `fastParseTree(text) ?? parseTree(...)` behaves as
 * parseTree alone did.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { fastParseTree, MAX_DEPTH, parseTreeNoThrow } from '../../server/src/core/parse/fastParse';
import { parsePolicy } from '../../server/src/core/parse/parsePolicy';
import { managedPolicyTexts } from './corpus';

const OPTIONS = { allowTrailingComma: false, disallowComments: false };

function reference(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  return { root: parseTree(text, errors, OPTIONS), errors };
}

/**
 * One node as plain data: every own field but `parent` and `children`, which become `childCount`
 * and `parentOk` (the link points at the node that lists this one as a child; the root has no
 * `parent` field at all, as parseTree deletes it).
 */
function row(node: Node, expectedParent: Node | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    if (key === 'parent') continue;
    if (key === 'children') out.childCount = node.children!.length;
    else out[key] = (node as unknown as Record<string, unknown>)[key];
  }
  out.parentOk = expectedParent === undefined ? !Object.hasOwn(node, 'parent') : node.parent === expectedParent;
  return out;
}

/**
 * Deep equality of two trees on every field, `parent` links as `parentOk`: an iterative walk (deep
 * trees need no recursion, big ones no copies), and assert.deepEqual on the first differing node.
 */
function assertSameNodes(actual: Node, expected: Node, label: string): void {
  const todo: [Node, Node, Node | undefined, Node | undefined, string][] = [[actual, expected, undefined, undefined, '$']];
  while (todo.length > 0) {
    const [a, e, aParent, eParent, path] = todo.pop()!;
    const ra = row(a, aParent);
    const re = row(e, eParent);
    const keys = Object.keys(ra);
    let same = keys.length === Object.keys(re).length;
    for (let k = 0; same && k < keys.length; k++) same = Object.hasOwn(re, keys[k]) && Object.is(ra[keys[k]], re[keys[k]]);
    if (!same) assert.deepEqual(ra, re, `${label}: node at ${path}`);
    const children = a.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) todo.push([children[i], e.children![i], a, e, `${path}.${i}`]);
  }
}

/** fastParseTree gives a tree, parseTree reports no error, and the trees are identical. */
function assertSameTree(text: string, label = JSON.stringify(text).slice(0, 200)): void {
  const fast = fastParseTree(text);
  const ref = reference(text);
  assert.deepEqual(ref.errors, [], `parseTree reports errors for ${label}`);
  assert.ok(fast, `fastParseTree gave up on ${label}`);
  assert.ok(ref.root);
  assertSameNodes(fast, ref.root, label);
}

test('the AWS managed policies, pretty, minified, with CRLF and with tabs: identical trees', () => {
  const corpus = managedPolicyTexts();
  assert.ok(corpus.length > 1000);
  for (const { name, text } of corpus) {
    const value = JSON.parse(text) as unknown;
    assertSameTree(text, name);
    assertSameTree(JSON.stringify(value), `${name} (minified)`);
    assertSameTree(text.replace(/\n/g, '\r\n'), `${name} (CRLF)`);
    assertSameTree(JSON.stringify(value, null, '\t'), `${name} (tabs)`);
  }
});

test('escapes, numbers, literals, empty containers, scalars, whitespace', () => {
  const cases = [
    '"a\\nb"',
    '"\\"quoted\\" \\\\ back \\/ slash"',
    '"\\b\\f\\n\\r\\t"',
    '"caf\\u00e9 \\u00E9"',
    '"\\ud83d\\ude00 and 😀"',
    '"\\ud800 lone \\udfff surrogates"',
    '"\ud800 raw lone surrogate"',
    '"\\u0000"',
    '"mixed \\n then plain text then \\t"',
    '"\u2028\u2029\u007f\u0080"',
    '""',
    '{"":""}',
    '{"ke\\"y":"v\\u0041l"}',
    '-0',
    '0',
    '1e5',
    '1E-2',
    '1e+2',
    '0.5',
    '-0.0e-0',
    '123456789012345678901234567890',
    '1e400',
    '-1e-400',
    '[1.5, -2, 3e3, 0]',
    'true',
    'false',
    'null',
    '[true,false,null]',
    '{}',
    '[]',
    '{ }',
    '[\r\n\t ]',
    '{"a":{},"b":[],"c":[{}],"d":[[]],"e":{"f":{}}}',
    '[[[[]]]]',
    '  \r\n\t{"a" : 1 , "b"\n:\n[ 1 , 2 ]}\t\r\n  ',
    '\n"top-level string"\n',
    ' 42 ',
    '{"a":1,"a":2}',
    '{"__proto__":{"x":1},"constructor":null}',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  ];
  for (const text of cases) assertSameTree(text);
  assert.equal(fastParseTree('"\\u00e9"')?.value, 'é');
  assert.equal(fastParseTree('"\\ud83d\\ude00"')?.value, '😀');
  assert.ok(Object.is(fastParseTree('-0')?.value, -0));
  const root = fastParseTree(' {"a" : [1]} ')!;
  assert.equal(root.offset, 1);
  assert.equal(root.length, 11);
  assert.equal(root.children![0].colonOffset, 6);
  assert.deepEqual(fastParseTree('{}')!.children, []);
  assert.deepEqual(fastParseTree('[]')!.children, []);
});

test('a leading byte order mark: not strict JSON, left to parseTree (which reports it)', () => {
  for (const [text, rootOffset] of [
    ['\ufeff{"a":1}', 1],
    ['\ufeff []', 2],
  ] as const) {
    assert.equal(fastParseTree(text), undefined);
    assert.throws(() => JSON.parse(text));
    const ref = reference(text);
    assert.equal(ref.errors.length, 1); // InvalidSymbol at 0
    assert.equal(ref.root?.offset, rootOffset);
    // parsePolicy therefore behaves as before: the tree of parseTree and its syntax problem.
    const doc = parsePolicy(text);
    assert.equal(doc.syntaxProblems.length, 1);
    assertSameNodes(doc.root!, ref.root!, JSON.stringify(text));
  }
});

test('gives up on anything that is not strict JSON', () => {
  const cases = [
    '',
    '   ',
    '{"a":1,}',
    '[1,2,]',
    '[,1]',
    '{,"a":1}',
    '[1,,2]',
    '// comment\n{}',
    '{} // comment',
    '{/* c */"a":1}',
    '[1 /* c */]',
    "{'a':1}",
    "['a']",
    '01',
    '[01]',
    '-01',
    '+1',
    '.5',
    '1.',
    '1.e5',
    '1e',
    '1e+',
    '-',
    '--1',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    'undefined',
    'tru',
    'truex',
    'nul',
    'True',
    '"unterminated',
    '"unterminated\\"',
    '"ends in backslash\\',
    '{"a":"b',
    '"tab\there"',
    '"line\nbreak"',
    '"nul\u0000"',
    '"bad escape \\x41"',
    '"bad escape \\a"',
    '"short unicode \\u12"',
    '"bad unicode \\u12G4"',
    '"bad unicode \\u00g9"',
    '"bad unicode \\u00"',
    '{"a" 1}',
    '{"a"}',
    '{"a":}',
    '{a:1}',
    '{1:1}',
    '{"a":1 "b":2}',
    '[1 2]',
    '{"a":1}}',
    '[1]]',
    '{"a":1} {}',
    '[] x',
    '1 2',
    '{',
    '[',
    '{"a":1',
    '[1',
    '}',
    ']',
    '\u00a0{}',
    '{}\u000b',
    '\f[]',
    '\ufeff{}',
  ];
  for (const text of cases) {
    assert.equal(fastParseTree(text), undefined, JSON.stringify(text));
    assert.throws(() => JSON.parse(text), JSON.stringify(text));
  }
});

test('pathological nesting: no crash, neither alone nor with the fallback', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
  // MAX_DEPTH levels are fine, one more goes to parseTree (which copes with some thousands).
  assertSameTree(nested(MAX_DEPTH), 'MAX_DEPTH arrays');
  assertSameTree('{"a":'.repeat(MAX_DEPTH - 1) + '[]' + '}'.repeat(MAX_DEPTH - 1), 'MAX_DEPTH objects');
  assert.equal(fastParseTree(nested(MAX_DEPTH + 1)), undefined);
  assert.ok(reference(nested(MAX_DEPTH + 1)).root);
  for (const text of [nested(100_000), '['.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), '[{"a":'.repeat(50_000)]) {
    assert.equal(fastParseTree(text), undefined);
    // parseTree itself recurses per level and overflows the stack here; the fallback does not throw.
    assert.throws(() => parseTree(text, [], OPTIONS), RangeError);
    const errors: ParseError[] = [];
    assert.equal(parseTreeNoThrow(text, errors, OPTIONS), undefined);
    assert.ok(errors.length > 0);
    const doc = parsePolicy(text);
    assert.equal(doc.root, undefined);
    assert.ok(doc.syntaxProblems.length > 0);
    // The problem points at the first bracket nested deeper than MAX_DEPTH.
    let depth = 0;
    let tooDeep = -1;
    for (let i = 0; i < text.length && tooDeep < 0; i++) if ((text[i] === '[' || text[i] === '{') && ++depth > MAX_DEPTH) tooDeep = i;
    assert.equal(doc.syntaxProblems.at(-1)!.range.start, tooDeep);
  }
});

test('parsePolicy: strict JSON takes the fast path and has no syntax problems; otherwise jsonc-parser with one problem per mistake', () => {
  const strict = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
  const doc = parsePolicy(strict);
  assert.deepEqual(doc.syntaxProblems, []);
  assert.equal(doc.statements.length, 1);
  assertSameNodes(doc.root!, reference(strict).root!, 'strict');
  const trailing = '{"Version":"2012-10-17","Statement":[],}';
  assert.match(parsePolicy(trailing).syntaxProblems[0].message, /Trailing comma/);
  const commented = '{"Version":"2012-10-17", // v\n"Statement":[]}';
  // A comment is read past (the tree is whole) and reported: IAM accepts strict JSON only.
  assert.deepEqual(
    parsePolicy(commented).syntaxProblems.map((p) => [p.kind, commented.slice(p.range.start, p.range.end)]),
    [['comment', '// v']],
  );
  assert.equal(parsePolicy(commented).version?.value, '2012-10-17');
});

const indentation = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 8 }), fc.constantFrom('\t', ' ', '\t\t', ' \t'));
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\r\n'), maxLength: 4 });

test('property: any JSON value, stringified with any indentation, gives identical trees', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' }), fc.jsonValue({ maxDepth: 8, depthSize: 'large' })),
      indentation,
      fc.boolean(),
      whitespace,
      whitespace,
      (value, indent, crlf, before, after) => {
        let text = JSON.stringify(value, null, indent);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        assertSameTree(before + text + after);
      },
    ),
    { numRuns: 1500 },
  );
});

/** Text that is often nearly JSON: JSON-ish tokens, or a JSON text with one character changed. */
const jsonish = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"',
      '\\',
      ' ',
      '\n',
      '\t',
      '\r',
      '0',
      '1',
      '9',
      '-',
      '+',
      '.',
      'e',
      'E',
      'u',
      'true',
      'false',
      'null',
      '"a"',
      '"\\u00e9"',
      '//',
      '/*',
      '*/',
      "'",
      '\u0001',
      '\ufeff',
      '\u00a0',
      'x',
    ),
    maxLength: 30,
  }),
  fc
    .tuple(
      fc.jsonValue({ maxDepth: 4 }),
      indentation,
      fc.nat(),
      fc.nat(),
      fc.constantFrom('', ',', ']', '}', '"', '\\', '0', ' ', '/', 'x', '\n', '.', '-', 'e'),
    )
    .map(([value, indent, at, del, insert]) => {
      const text = JSON.stringify(value, null, indent);
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + (del % 3));
    }),
);

test('property: on any text fastParseTree never throws and gives a tree exactly when JSON.parse accepts it', () => {
  fc.assert(
    fc.property(jsonish, (text) => {
      const fast = fastParseTree(text);
      let strict = true;
      try {
        JSON.parse(text);
      } catch {
        strict = false;
      }
      assert.equal(fast !== undefined, strict, JSON.stringify(text));
      if (fast) assertSameTree(text);
    }),
    { numRuns: 6000 },
  );
});
