/**
 * The host's HCL parser (server/src/common/hclParser.ts) keeps the trees of the texts it parsed last: a .tf
 * document is analysed with its module's other files on every edit, and those are not parsed again while
 * they do not change. The cache is bounded and keyed by the whole text.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { RECENT_TREES } from '../../server/src/common/hclParser';
import type { HclParser } from '../../server/src/core';
import { hclParser } from './helpers';

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

const file = (n: number) => `resource "aws_iam_role" "r${n}" {\n  name = "r${n}"\n}\n`;

test('the same text gives the same tree without a new parse; another text its own tree', () => {
  const first = parser.parse(file(1));
  assert.equal(parser.parse(file(1)), first);
  const edited = parser.parse(file(1).replace('"r1"\n}', '"r1x"\n}'));
  assert.notEqual(edited, first);
  assert.equal(edited.end, first.end + 1);
});

test(`only the last ${RECENT_TREES} texts are kept: an older one is parsed again, to an equal tree`, () => {
  const kept = parser.parse(file(100));
  for (let n = 101; n <= 100 + RECENT_TREES; n++) parser.parse(file(n));
  const again = parser.parse(file(100));
  assert.notEqual(again, kept);
  assert.deepEqual(again, kept);
});

test('hasError is set on an ERROR node and every node above it, on nothing else', () => {
  const text = 'resource "a" "ok" {\n  x = "fine"\n}\nresource "a" "bad" {\n  y = "${aws:username}"\n}\n';
  const root = parser.parse(text);
  assert.equal(root.hasError, true);
  const ok = root.children[0].children[0];
  assert.equal(ok.type, 'block');
  assert.equal(ok.hasError, false);
  const walk = (node: typeof root): void => {
    assert.equal(node.hasError, node.error || node.children.some((c) => c.hasError), `${node.type} ${node.start}`);
    node.children.forEach(walk);
  };
  walk(root);
});

test('nesting thousands deep (which overflows the copy) is a text that does not parse, never a thrown error', () => {
  const deep = (n: number) => `resource "aws_iam_policy" "p" {\n  policy = jsonencode(${'{a='.repeat(n)}1${'}'.repeat(n)})\n}\n`;
  const root = parser.parse(deep(3000));
  assert.deepEqual(
    { type: root.type, start: root.start, end: root.end, error: root.error, children: root.children.length },
    { type: 'ERROR', start: 0, end: deep(3000).length, error: true, children: 0 },
  );
  // A text nested a little is read as always.
  assert.equal(parser.parse(deep(10)).hasError, false);
});
