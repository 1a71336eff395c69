/**
 * A full, compacting garbage collection once the language server has been idle for a while after analysing
 * (issue 15). V8 sizes its heap for throughput: a burst of work (a workspace's documents opened at once, a long
 * editing session) leaves the old generation with pages it grew while the burst promoted short-lived objects,
 * and V8 compacts them only when it next needs a major collection, which an idle process never does: after the
 * managed-policy corpus was opened, the old generation held 87 MB of pages for 33 MB of live objects and kept
 * them. Node has no idle notification to make V8 reduce its heap, so the server asks for the collection itself.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * How long the server waits after its last analysis: a pause in the work, not between keystrokes. 5 s is V8's
 * allocation-throughput window: a collection after a longer pause finds the throughput low and also shrinks the
 * young generation to its minimum (2 x 4 MB down to 2 x 0.5 MB); after a shorter one it keeps it.
 */
export const IDLE_COLLECTION_MS = 5_000;
/** The pause between the two collections. */
const SECOND_COLLECTION_MS = 200;
/** Committed heap beyond the live objects that makes a collection worth its pause (tens of milliseconds). */
export const IDLE_COLLECTION_MIN_SLACK_BYTES = 16 * 1024 * 1024;

/**
 * V8's own `gc`, without the `--expose-gc` flag on the command line: the flag, set while the process runs,
 * installs `gc` in the contexts created afterwards, so a fresh context hands it out and the server's own global
 * scope never gets it. Undefined when the runtime does not provide it.
 */
export function v8Collect(): (() => void) | undefined {
  const own = (globalThis as { gc?: unknown }).gc; // node --expose-gc
  if (typeof own === 'function') return own as () => void;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
    v8.setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export interface IdleCollector {
  /** Work happened (an analysis): the idle timer starts again. */
  busy(): void;
}

export interface IdleCollectorOptions {
  /** The collection (V8's `gc` by default). */
  readonly collect?: () => void;
  /** The heap's committed and used bytes (V8's heap statistics by default). */
  readonly heap?: () => { readonly total_physical_size: number; readonly used_heap_size: number };
  readonly delayMs?: number;
}

/**
 * `busy()` after each analysis; `delayMs` after the last one, when the heap holds at least
 * IDLE_COLLECTION_MIN_SLACK_BYTES more than its live objects, two collections (the second compacts what the
 * first left fragmented: 40-48 MB of old generation after one, 34 MB after two, for 33 MB of live objects), the
 * second 200 ms later, once the first's concurrent sweeping is done, unless work started again meanwhile. One
 * pair per idle period, never a loop: after it the slack is below the threshold.
 */
export function idleCollector(options: IdleCollectorOptions = {}): IdleCollector {
  // V8's gc is looked up when first needed (a fresh context costs start-up time); null until then.
  let collect: (() => void) | undefined | null = 'collect' in options ? options.collect : null;
  const heap = options.heap ?? (() => v8.getHeapStatistics());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const collectIfWorthIt = () => {
    timer = undefined;
    const stats = heap();
    if (stats.total_physical_size - stats.used_heap_size < IDLE_COLLECTION_MIN_SLACK_BYTES) return;
    if (collect === null) collect = v8Collect();
    if (!collect) return;
    const run = collect;
    run();
    // The second once the first's concurrent sweeping is done, unless work started again.
    setTimeout(() => {
      if (!timer) run();
    }, SECOND_COLLECTION_MS).unref();
  };
  return {
    busy() {
      if (collect === undefined) return;
      if (timer) {
        timer.refresh();
        return;
      }
      timer = setTimeout(collectIfWorthIt, options.delayMs ?? IDLE_COLLECTION_MS);
      timer.unref(); // never what keeps the process alive
    },
  };
}
