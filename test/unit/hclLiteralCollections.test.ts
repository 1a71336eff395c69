/**
 * The host's HCL parser builds the tree of a literal object or tuple itself (server/src/common/hclLiteralCollections.ts)
 * and hands tree-sitter the text with that collection empty (hclLiteralMask.ts): the tree it returns must be
 * exactly tree-sitter's (the reference: the text parsed as written, every node asked), for every text, and the
 * collections it reads itself are the literal ones, so that a policy written as `jsonencode` costs about what the
 * same policy as a heredoc does (bench terraform).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { MAX_TREE_DEPTH, type HostHclParser } from '../../server/src/common/hclParser';
import { maskTemplateLiterals } from '../../server/src/common/hclLiteralMask';
import { analyzeDocument, type HclParser } from '../../server/src/core';
import { managedPolicyTexts } from './corpus';
import { catalog, hclParser, referenceHclParser } from './helpers';
import { jsonencode } from './terraformWriters';

let masking: HostHclParser;
let reference: HclParser;
before(async () => {
  masking = await hclParser();
  reference = await referenceHclParser();
});

function assertSameTree(text: string): void {
  assert.deepEqual(masking.parse(text), reference.parse(text), `the trees differ for ${JSON.stringify(text)}`);
}

/** The texts of the collections the mask reads itself. */
function literalCollections(text: string): string[] {
  return (maskTemplateLiterals(text)?.collections ?? []).map((c) => text.slice(c.start, c.end));
}

test('the corpus as jsonencode: each policy is one literal collection, and the tree is tree-sitter’s', () => {
  const texts = managedPolicyTexts()
    .filter((_, i) => i % 10 === 0)
    .map((p) => jsonencode(p.text));
  assert.ok(texts.length > 150);
  for (const text of texts) {
    const collections = literalCollections(text);
    assert.equal(collections.length, 1);
    assert.ok(collections[0].startsWith('{') && text.includes(`jsonencode(${collections[0]})\n`));
    masking.parse(text);
    assert.equal(masking.lastReading, 'masked');
    assertSameTree(text);
  }
});

/** Collections and which of them are read here (the rest is tree-sitter's). */
const FORMS: readonly { readonly name: string; readonly text: string; readonly literal: readonly string[] }[] = [
  {
    name: 'names and strings as keys, `=` and `:`, elements with and without commas',
    text: 'p = jsonencode({\n  Version = "2012-10-17", "Statement": [{ Effect = "Allow" Action = ["s3:GetObject",], }]\n})\n',
    literal: ['{\n  Version = "2012-10-17", "Statement": [{ Effect = "Allow" Action = ["s3:GetObject",], }]\n}'],
  },
  {
    name: 'numbers, true, false and null, as values and as keys',
    text: 'a = { n = [0, 12, 1.5, 1.5e3, 2.5E-3], true = false, null = null, b = true }\n',
    literal: ['{ n = [0, 12, 1.5, 1.5e3, 2.5E-3], true = false, null = null, b = true }'],
  },
  {
    name: 'escapes and IAM variables in strings, text past ASCII, empty collections',
    text: 'a = ["q\\"r\\\\s\\u00e9\\U0001F600\\n", "$${aws:username}", "%%{x}", "$$", "50%", "$", "é 中", "", {}, []]\n',
    literal: ['["q\\"r\\\\s\\u00e9\\U0001F600\\n", "$${aws:username}", "%%{x}", "$$", "50%", "$", "é 中", "", {}, []]'],
  },
  {
    name: 'collections in function arguments, tuples and conditionals',
    text: 'a = merge({ x = 1 }, { y = [2] })\nb = var.c ? ["d"] : ["e"]\nc = [[1], [2]]\n',
    literal: ['{ x = 1 }', '{ y = [2] }', '["e"]', '[[1], [2]]'],
  },
  {
    name: 'a hole, a reference or a call: that collection is tree-sitter’s, the literal ones in it are read',
    text: 'p = jsonencode({\n  Statement = [{ Resource = "${aws_s3_bucket.b.arn}/*", Action = ["s3:GetObject"] }, { Action = var.actions, Condition = { Bool = { x = "true" } } }]\n  Id = lower("X")\n})\n',
    literal: ['["s3:GetObject"]', '{ Bool = { x = "true" } }'],
  },
  {
    name: 'comments: tree-sitter’s, the literal collections around them read',
    text: 'a = {\n  # the actions\n  b = ["c"]\n  d = [/* none */]\n  e = { f = "g" } // h\n}\n',
    literal: ['["c"]', '{ f = "g" }'],
  },
  {
    name: 'names the grammar reads otherwise: past ASCII, with `::`, keywords',
    text: 'a = { é = 1 }\nb = { x::y = 1 }\nc = [for s in ["u"] : ["v"]]\nd = { for k, v in m : k => v }\ne = { in = 1 }\n',
    literal: ['["v"]'],
  },
  {
    name: 'numbers the grammar reads otherwise',
    text: 'a = [0x1F]\nb = [1e5]\nc = [1.]\nd = [2abc]\ne = [-1]\n',
    literal: [],
  },
  {
    name: 'an operator, an index or an attribute after a value',
    text: 'a = ["x" == "y"]\nb = { c = ["d"][0] }\nd = [{ e = 1 }.e]\nf = { g = "h" ? 1 : 2 }\n',
    literal: ['["d"]', '{ e = 1 }'],
  },
  {
    name: 'a block body, a template’s hole and a directive: no collection is read there',
    text: 'resource "a" "b" {\n  c = "${ {d = 1} }"\n}\ne = <<EOF\n%{ for x in [1] }${x}%{ endfor }\nEOF\n',
    literal: [],
  },
  {
    name: 'control characters in strings (a NUL ends the scanner’s reading): tree-sitter’s',
    text: 'a = ["x\u0000y"]\nb = ["\u0001"]\nc = ["\ttab"]\n',
    literal: ['["\ttab"]'],
  },
  {
    name: 'a collection inside a template’s hole: tree-sitter’s (its strings are contexts of the scanner)',
    text: 'a = "${jsonencode({ b = "c" })}"\nd = <<EOF\n${jsonencode(["e"])}\nEOF\n',
    literal: [],
  },
  {
    name: 'commas the grammar rejects (a syntax error, parsed as written)',
    text: 'a = { , b = 1 }\nc = [1,, 2]\nd = [1 2]\n',
    literal: [],
  },
];

for (const form of FORMS) {
  test(`${form.name}: the collections read here, and the same tree`, () => {
    assert.deepEqual(literalCollections(form.text), form.literal);
    assertSameTree(form.text);
  });
}

const ws = fc.constantFrom('', ' ', '\n', '  ', '\t', '\r\n', '\n\n');
const key = fc.constantFrom('A', 'Version', '"Statement"', '""', '"a b"', 'a-b', '_x', 'true', 'null', '"${x}"', 'for', 'é', 'a::b', '"q\\"r"', '1');
const scalar = fc.constantFrom(
  '"\u0000"',
  'x.0',
  '"\\t"',
  '"s3:GetObject"',
  '""',
  '"$${aws:username}"',
  '"%%{x}"',
  '"${var.x}"',
  '"50%"',
  '"$"',
  '1',
  '1.5',
  '1.5e3',
  '0x1F',
  '1e5',
  'true',
  'false',
  'null',
  'var.x',
  'f(1)',
  '"é"',
  '"a" == "b"',
  '"x"[0]',
  '# c\n"y"',
  '/* c */ "z"',
  '-1',
);
const { value } = fc.letrec<{ value: string; object: string; tuple: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('object'), tie('tuple')),
  object: fc
    .array(fc.tuple(ws, key, ws, fc.constantFrom('=', ':', ' = ', '=='), ws, tie('value'), fc.constantFrom('', ',', '\n', ' ', ',,')), { maxLength: 4 })
    .map((elems) => `{${elems.map((parts) => parts.join('')).join('')}}`),
  tuple: fc
    .tuple(fc.array(fc.tuple(ws, tie('value'), ws), { maxLength: 4 }), fc.constantFrom(',', ',', ',', ' '), fc.constantFrom('', ',', ', '))
    .map(([elems, separator, end]) => `[${elems.map((parts) => parts.join('')).join(separator)}${elems.length > 0 ? end : ''}]`),
}));

test('random collections, literal and not, well-formed and not: the same tree', () => {
  fc.assert(
    fc.property(value, value, ws, (a, b, space) => {
      assertSameTree(`p = jsonencode(${a})\nq =${space}${b}\n`);
    }),
    { numRuns: 1500, seed: 21 },
  );
});

test(`a tree deeper than ${MAX_TREE_DEPTH} nodes is a text that does not parse, whichever way it is read; one less deep is read`, () => {
  const deep = (n: number) => `resource "aws_iam_policy" "p" {\n  policy = jsonencode(${'{a='.repeat(n)}1${'}'.repeat(n)})\n}\n`;
  // Each object nests five levels: object, object_elem, expression, collection_value, object.
  for (const [levels, parses] of [
    [150, true],
    [250, false],
  ] as const) {
    const text = deep(levels);
    const tree = masking.parse(text);
    assert.equal(masking.lastReading, 'masked');
    assert.equal(tree.hasError, !parses, `${levels} levels`);
    assert.deepEqual(tree, reference.parse(text));
    // The analysis reads it, or says nothing of a text that does not parse: never a thrown error.
    assert.doesNotThrow(() => analyzeDocument({ text, fileName: 'main.tf' }, catalog, { hclParser: masking }));
  }
});
