/**
 * Memo tables never keep a document alive (issue 15): a key sliced from one version of an edited
 * document, or a message built from it, used to retain that whole version. These tests measure the live
 * heap after a full collection, by margins of tens of megabytes against the leak they reproduce (the
 * figures themselves are `npm run bench`'s memory-editing line).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { analyzeDocument } from '../../server/src/core';
import { CatalogMemo, MEMO_MAX_KEY_LENGTH, TextMemo, flatCopy } from '../../server/src/core/text/memo';
import { catalog } from './helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const liveHeapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
};

/** A fresh 1 MB string (one byte per character) with `inner` at offset 1,000. */
function parentOf(inner: string, i: number): string {
  return JSON.parse(JSON.stringify(`${String(i).padStart(1_000, '.')}${inner}${'-'.repeat(1_000_000)}`)) as string;
}

describe('memo keys', () => {
  test('flatCopy is equal to its text', () => {
    for (const text of ['', 'a', 's3:GetObject', 'arn:aws:s3:::bucket/${aws:username}/é/😀'.repeat(3)]) assert.equal(flatCopy(text), text);
  });

  test('a memo keyed by slices of 40 distinct 1 MB texts does not keep the texts alive', () => {
    const memo = new TextMemo<string>();
    const before = liveHeapMb();
    for (let i = 0; i < 40; i++) {
      const parent = parentOf(`s3:GetObject${i}`, i);
      const key = parent.slice(1_000, 1_000 + `s3:GetObject${i}`.length);
      // The value is built from the key compute receives, as the action checks build their messages.
      memo.get(key, (own) => `"${own}" is not an action`);
    }
    const growth = liveHeapMb() - before;
    assert.equal(memo.size, 40);
    assert.ok(growth < 10, `live heap grew ${growth.toFixed(1)} MB for 40 memo entries (40 MB if each kept its text)`);
  });

  test('a memo is bounded by the characters of its keys, and longer keys are never stored', () => {
    const memo = new TextMemo<number>(1_000, 100);
    for (let i = 0; i < 30; i++) memo.get(`key-${i}`.padEnd(10, '.'), () => i);
    assert.ok(memo.keyChars <= 100, `${memo.keyChars} key characters`);
    assert.equal(memo.size, 10);
    let computed = 0;
    const long = 'a'.repeat(MEMO_MAX_KEY_LENGTH + 1);
    const table = new TextMemo<number>();
    table.get(long, () => ++computed);
    table.get(long, () => ++computed);
    assert.equal(computed, 2);
    assert.equal(table.size, 0);
    assert.equal(
      new CatalogMemo<object, number>().get({}, 'k', (key) => key.length),
      1,
    );
  });

  test('analysing 40 versions of an edited 400 KB policy, each with a new action, keeps none of them alive', () => {
    const statements = Array.from({ length: 3_500 }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }));
    const base = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    assert.ok(base.length > 400_000, `${base.length}`);
    const at = base.indexOf('s3:GetObject') + 's3:GetObject'.length;
    const analyse = (i: number) => {
      // Typing into the first action: each version has an action text (an unknown-action finding) no other had.
      const text = JSON.parse(JSON.stringify(base.slice(0, at) + 'x'.repeat(i + 1) + base.slice(at))) as string;
      const { findings } = analyzeDocument({ text, id: 'file:///edited.json' }, catalog);
      assert.ok(findings.some((f) => f.ruleId === 'unknown-action'));
    };
    analyse(0);
    const before = liveHeapMb();
    for (let i = 1; i <= 40; i++) analyse(i);
    const growth = liveHeapMb() - before;
    assert.ok(growth < 6, `live heap grew ${growth.toFixed(1)} MB over 40 versions (each version is ${(base.length / 1e6).toFixed(2)} MB)`);
  });
});
