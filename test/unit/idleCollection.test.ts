/**
 * The language server's idle collection (server/src/node/idleCollection.ts, issue 15): after a pause in the
 * analyses, two collections when the heap holds much more than its live objects, none otherwise, once per pause.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDLE_COLLECTION_MIN_SLACK_BYTES, idleCollector, v8Collect } from '../../server/src/node/idleCollection';

const MB = 1024 * 1024;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function collector(slackBytes: number) {
  const calls: number[] = [];
  const idle = idleCollector({
    collect: () => calls.push(Date.now()),
    heap: () => ({ total_physical_size: 40 * MB + slackBytes, used_heap_size: 40 * MB }),
    delayMs: 60,
  });
  return { idle, calls };
}

test('a pause after work with a heap much larger than its live objects collects twice, once', async () => {
  const { idle, calls } = collector(IDLE_COLLECTION_MIN_SLACK_BYTES);
  idle.busy();
  await wait(30);
  assert.equal(calls.length, 0, 'not while the pause is shorter than the delay');
  await wait(60);
  assert.equal(calls.length, 1, 'the first collection after the pause');
  await wait(300);
  assert.equal(calls.length, 2, 'the second 200 ms later');
  await wait(300);
  assert.equal(calls.length, 2, 'no further collection without further work');
});

test('each analysis starts the pause again', async () => {
  const { idle, calls } = collector(64 * MB);
  let last = 0;
  for (let i = 0; i < 6; i++) {
    idle.busy();
    last = Date.now();
    await wait(20);
  }
  assert.equal(calls.length, 0, 'work every 20 ms never leaves a 60 ms pause');
  await wait(400);
  assert.equal(calls.length, 2);
  assert.ok(calls[0] - last >= 59, `the first collection ${calls[0] - last} ms after the last work, a full pause`);
});

test('a heap close to its live objects is not collected', async () => {
  const { idle, calls } = collector(IDLE_COLLECTION_MIN_SLACK_BYTES - 1);
  idle.busy();
  await wait(400);
  assert.deepEqual(calls, []);
});

test("V8's own collection is found without --expose-gc, and the process's global scope does not get gc", () => {
  assert.equal((globalThis as { gc?: unknown }).gc, undefined, 'the test runs without --expose-gc');
  const gc = v8Collect();
  assert.equal(typeof gc, 'function');
  assert.equal((globalThis as { gc?: unknown }).gc, undefined);
  // It collects: a 64 MB array (not referenced once the function returns) is gone after it.
  (() => {
    new Array<number>(8 * MB).fill(1);
  })();
  gc!();
  gc!();
  assert.ok(process.memoryUsage().heapUsed < 60 * MB, `heap used ${Math.round(process.memoryUsage().heapUsed / MB)} MB after gc`);
});
