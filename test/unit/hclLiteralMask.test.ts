/**
 * The host's HCL parser hands tree-sitter a copy of the text with its templates' literal characters masked
 * (server/src/common/hclLiteralMask.ts), which parses about ten times faster, and copies the nodes the grammar
 * fixes without asking tree-sitter (hclParser.ts): the tree it returns must be exactly the reference's (the text
 * parsed as written, every node asked), for every text. Where the masked tree is used (the corpus, the
 * examples), the test says so, and where the mask is refused, it says why.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import fc from 'fast-check';
import type { HostHclParser } from '../../server/src/common/hclParser';
import { maskTemplateLiterals } from '../../server/src/common/hclLiteralMask';
import type { HclParser } from '../../server/src/core';
import { managedPolicyTexts } from './corpus';
import { hclParser, referenceHclParser } from './helpers';
import { heredoc, jsonencode, policyDocument } from './terraformWriters';

let masking: HostHclParser;
let reference: HclParser;
before(async () => {
  masking = await hclParser();
  reference = await referenceHclParser();
});

/** Whether the masking parser uses the masked text's tree for this text (else it parsed the text as written). */
function maskUsed(text: string): boolean {
  masking.parse(text);
  return masking.lastReading === 'masked';
}

function assertSameTree(text: string): void {
  assert.deepEqual(masking.parse(text), reference.parse(text), `the trees differ for ${JSON.stringify(text)}`);
}

test('a masked text has each template run as one space and each literal collection as an empty one', () => {
  const text = 'x = "ab${c}d"\n# "e"\ny = <<EOF\n{"f": "g$${h}"}\nEOF\nz = jsonencode({ a = ["b"] })\n';
  const mask = maskTemplateLiterals(text)!;
  assert.equal(mask.text, 'x = " ${c} "\n# "e"\ny = <<EOF\n $${ \nEOF\nz = jsonencode({})\n');
  assert.deepEqual(mask.runs, [5, 7, 11, 12, 30, 38, 41, 45]);
  // Each pair: an offset into the masked text and how many characters are left out before it.
  assert.deepEqual(mask.shifts, [6, 1, 30, 8, 34, 11, 55, 22]);
  assert.deepEqual(
    mask.collections.map((c) => [c.type, c.start, c.end]),
    [['object', 65, 78]],
  );
});

test('the corpus as heredoc JSON, jsonencode and aws_iam_policy_document: the masked tree is used and is the text’s own', () => {
  const texts = managedPolicyTexts()
    .filter((_, i) => i % 10 === 0)
    .flatMap((p) => [heredoc(p.text), jsonencode(p.text), policyDocument(p.text)])
    .filter((t): t is string => t !== undefined);
  assert.ok(texts.length > 300);
  for (const text of texts) {
    assert.ok(maskUsed(text), `the mask was refused for ${text.slice(0, 200)}`);
    assertSameTree(text);
  }
});

test('the Terraform examples: the same tree, the masked one used but where Terraform rejects the file', () => {
  const examples = path.resolve(__dirname, '../../../examples/terraform');
  // The mistakes module has an unescaped `${aws:username}` on purpose: a syntax error, parsed as written.
  for (const [dir, used] of [
    ['identity-pool', true],
    ['mistakes', false],
  ] as const) {
    const text = fs.readFileSync(path.join(examples, dir, 'main.tf'), 'utf8');
    assert.equal(maskUsed(text), used, dir);
    assertSameTree(text);
  }
});

/** Texts where the scanner's rules are easy to get wrong; `used` says whether the masked tree is taken. */
const TRAPS: readonly { readonly name: string; readonly text: string; readonly used: boolean }[] = [
  { name: 'a heredoc line that starts like its closing identifier', text: 'p = <<EOF\n{"a": 1}\nEOFX x\n  EOF_\nEOF\n', used: true },
  { name: 'a one-letter identifier and a line that is it plus text', text: 'p = <<X\nXa b\nab\nX\n', used: true },
  { name: 'an indented heredoc and its indented closing line, CRLF', text: 'p = <<-EOT\r\n  {"a": "b"}\r\n  EOT\r\nq = "c"\r\n', used: true },
  { name: 'dollar runs before a brace', text: 'a = "x$$$${y}z"\nb = "x$$${y}z"\nc = "$"\nd = "50%"\ne = "$$"\nf = "%%{x}"\n', used: true },
  {
    name: 'a directive in a quoted string and in a heredoc',
    text: 'a = "x%{ if v }yes%{ else }no%{ endif }z"\nb = <<EOF\n[%{ for s in l }"${s}",%{ endfor }]\nEOF\n',
    used: true,
  },
  { name: 'comments with quotes, braces and heredoc markers', text: '# "open\n// <<EOF\n/* "x" } */\na = "b" # "c\n', used: true },
  { name: 'comment markers inside strings', text: 'a = "http://example.com/#x"\nb = "/* no */"\n', used: true },
  { name: 'backslash escapes', text: 'a = "q\\"r\\\\s\\u00e9\\U0001F600t\\n"\n', used: true },
  { name: 'strings inside interpolations, braces inside those strings', text: 'a = "${jsonencode({ k = "b}" })}c${"d${e}f"}"\n', used: true },
  { name: 'a heredoc inside an interpolation', text: 'a = "${trimspace(<<EOF\nhello\nEOF\n)}x"\n', used: true },
  { name: 'strip markers', text: 'a = "${~ b ~}c"\n', used: true },
  { name: 'text past ASCII', text: 'a = "é ü 中 x"\nb = <<EOF\nü y\n中\nEOF\n', used: true },
  // The scanner takes U+3000 for whitespace (iswspace): its heredoc ends on that line, this module's does not.
  { name: 'a heredoc line that is its identifier after an ideographic space', text: 'b = <<EOF\ny\n\u3000EOF\n中\nEOF\n', used: false },
  { name: 'block labels with spaces and empty strings', text: 'resource "a b" " c " {\n  x = ""\n  y = " "\n}\n', used: true },
  { name: 'objects and tuples of strings', text: 'p = jsonencode({\n  "A" = ["b", "c"]\n  D : { e = "f" }\n})\n', used: true },
  { name: 'an unescaped IAM variable (a syntax error)', text: 'a = "arn:${aws:username}/x"\n', used: false },
  // The masked text's white space in code is one character (a line break when it has one).
  { name: 'long white space, a comment before a line break, CRLF', text: `a = [${' '.repeat(3000)}"x"]\nb = 1  # c  \r\n\r\n  c = 2\n\n\n`, used: true },
  { name: 'a legacy index (`.0`, whose digits are no node) before white space', text: 'a = x.10  \n  b = [1].0\n  c = "${x.0}"\n', used: true },
  { name: 'a heredoc line of many runs', text: `a = <<EOF\n${'a$'.repeat(5000)}\nEOF\n`, used: true },
  // scanner.c keeps no state for a heredoc identifier past 127 characters, or past 1,024 bytes of contexts.
  { name: 'a heredoc identifier of 128 characters', text: `a = <<${'E'.repeat(128)}\nx\n${'E'.repeat(128)}\n`, used: false },
  {
    name: 'heredocs in holes past the scanner’s 1,024 bytes of state (its tree is not the text’s either way)',
    text: (() => {
      let open = '';
      let close = '';
      for (let i = 0; i < 9; i++) {
        const id = String.fromCharCode(65 + i) + 'X'.repeat(110);
        open += `<<${id}\nabc \${`;
        close = `}\n${id}\n${close}`;
      }
      return `a = ${open}f(["x y z"])${close}`;
    })(),
    used: false,
  },
  { name: 'a NUL in a string', text: 'a = ["x\u0000y"]\nb = "\u0000"\n', used: false },
  { name: 'an unterminated string', text: 'a = "abc\nb = 1\n', used: false },
  { name: 'an unterminated heredoc', text: 'a = <<EOF\nabc\n', used: false },
  { name: 'an invalid escape', text: 'a = "a\\qb"\n', used: false },
  { name: 'a closing brace with nothing open', text: 'a = "b"\n}\nc = "d"\n', used: false },
  { name: 'text after a heredoc identifier', text: 'a = <<EOF x\nabc\nEOF\n', used: false },
  { name: 'a closing identifier on the file’s last line without a newline', text: 'a = <<EOF\nabc\nEOF', used: false },
];

for (const trap of TRAPS) {
  test(`${trap.name}: the same tree (the masked one ${trap.used ? 'used' : 'refused'})`, () => {
    assert.equal(maskUsed(trap.text), trap.used);
    assertSameTree(trap.text);
  });
}

/** Pieces of HCL, some of them broken, put together at random. */
const piece = fc.constantFrom(
  'a = "',
  '"',
  ' ',
  '\n',
  'x',
  'E',
  'EOF',
  ':',
  '{',
  '}',
  '[',
  ']',
  ',',
  '=',
  '${',
  '$${',
  '$',
  '%{',
  '%%{',
  '%',
  '\\',
  '\\n',
  '\\u00e9',
  '#',
  '//',
  '/*',
  '*/',
  '<<EOF\n',
  '<<-EOF\n',
  '\nEOF\n',
  '\n  EOF\n',
  'var.b',
  ' if c ',
  ' endif ',
  'é',
  '\u3000',
  '\r\n',
  'jsonencode(',
  ')',
  'resource "r" "n" {\n',
);

test('any text put together from pieces of HCL: the same tree', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      assertSameTree(pieces.join(''));
    }),
    { numRuns: 1500, seed: 12 },
  );
});

/** Well-formed templates with random literal text: the mask is used, and the tree is the same. */
const literal = fc
  .array(fc.constantFrom('a', 'E', 'O', 'F', ':', '/', '*', '-', '"', '{', '}', '[', ']', ' ', '$', '%', '\\', 'é'), { maxLength: 12 })
  .map((cs) => cs.join(''));

test('heredocs and quoted strings with random literal text around holes: the same tree', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(literal, fc.constantFrom('${var.x}', '$${aws:username}', '', '%%{', '${"q"}')), { maxLength: 6 }), (parts) => {
      const body = parts.map(([l, h]) => l + h).join('');
      const quoted = parts.map(([l, h]) => l.replaceAll('\\', '\\\\').replaceAll('"', '\\"') + h).join('');
      assertSameTree(`a = "${quoted}"\nb = <<EOF\n${body}\n${body}\nEOF\n`);
    }),
    { numRuns: 1000, seed: 7 },
  );
});
