/**
 * V8's young generation capped without a command-line flag, for processes started as `node file.js` (the CLI):
 * `--max-semi-space-size` counts only on the command line, but the factor by which a semi-space grows is read each
 * time it grows. V8 doubles a semi-space from 1 MB while many objects survive (the catalog as it loads, the
 * findings a run keeps) up to 16 MB: 32 MB of young generation the process then keeps (issue 15: a quarter of the
 * CLI's peak resident set on the managed-policy corpus). The cap holds the growth until the first `check()` (the
 * catalog's load alone would grow it to 8 MB between two checks), then lets it double between checks, and stops it
 * once a semi-space has reached `maxSemiSpaceBytes`. Call `check()` between units of work: V8 grows a semi-space at
 * most once per scavenge.
 */
import * as v8 from 'node:v8';

/** As the extension starts the language server (client/src/node/serverProcess.ts, `--max-semi-space-size=4`). */
export const MAX_SEMI_SPACE_BYTES = 4 * 1024 * 1024;

export interface YoungGenerationCap {
  /** Lets the young generation grow towards the cap, or stops it there; a few microseconds until then, free after. */
  check(): void;
}

export function capYoungGeneration(maxSemiSpaceBytes = MAX_SEMI_SPACE_BYTES): YoungGenerationCap {
  const growthFactor = (n: number) => v8.setFlagsFromString(`--semi-space-growth-factor=${n}`);
  growthFactor(1);
  let capped = false;
  let growing = false;
  return {
    check() {
      if (capped) return;
      const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      // The space's size counts both semi-spaces.
      if (young && young.space_size >= 2 * maxSemiSpaceBytes) {
        growthFactor(1);
        capped = true;
      } else if (!growing) {
        growthFactor(2);
        growing = true;
      }
    },
  };
}
