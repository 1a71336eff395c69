/**
 * IAM wildcard matching (`*` any run of characters, `?` exactly one), linear in time.
 *
 * Policy text is never turned into a RegExp: a pattern such as `a*a*a*a*b` compiled naively
 * backtracks exponentially. This is the classic greedy two-pointer algorithm with a single
 * back-track point, O(pattern × text) in the worst case and O(pattern + text) in practice.
 *
 * Case-insensitive matching is matching the `toLowerCase()` of both sides. When both are ASCII (action names
 * always are) that is folding A-Z per character, which allocates nothing: these run for every pair of actions a
 * statement compares (hot path, ARCHITECTURE.md).
 */
export function wildcardMatch(pattern: string, text: string, ignoreCase = false): boolean {
  if (!ignoreCase) return match(pattern, text, false);
  if (isAscii(pattern) && isAscii(text)) return match(pattern, text, true);
  return match(pattern.toLowerCase(), text.toLowerCase(), false);
}

function match(p: string, t: string, fold: boolean): boolean {
  let pi = 0;
  let ti = 0;
  let starPi = -1;
  let starTi = 0;
  while (ti < t.length) {
    if (pi < p.length) {
      const pc = p.charCodeAt(pi);
      if (pc === 63 /* ? */ || (fold ? lower(pc) === lower(t.charCodeAt(ti)) : pc === t.charCodeAt(ti))) {
        pi++;
        ti++;
        continue;
      }
      if (pc === 42 /* * */) {
        starPi = pi++;
        starTi = ti;
        continue;
      }
    }
    if (starPi < 0) return false;
    pi = starPi + 1;
    ti = ++starTi;
  }
  while (pi < p.length && p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}

/** An ASCII character code lower-cased as `toLowerCase` does. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** `a.toLowerCase() === b.toLowerCase()`, without lower-casing copies when both are ASCII. */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a === b) return true;
  if (!isAscii(a) || !isAscii(b)) return a.toLowerCase() === b.toLowerCase();
  return foldedEquals(a, b);
}

/**
 * A text's form for the folded matchers below: itself when it is ASCII (they fold A-Z as they compare), else its
 * `toLowerCase()`. For callers that compare one text many times (a statement's actions with each other).
 */
export function caseFolded(text: string): string {
  return isAscii(text) ? text : text.toLowerCase();
}

/** `wildcardMatch(pattern, text, true)` for a pattern and a text that went through `caseFolded`. */
export function foldedWildcardMatch(pattern: string, text: string): boolean {
  return match(pattern, text, true);
}

/** `a.toLowerCase() === b.toLowerCase()` for texts that went through `caseFolded`. */
export function foldedEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (lower(a.charCodeAt(i)) !== lower(b.charCodeAt(i))) return false;
  return true;
}

/** Whether an action pattern (exact or wildcard, case-insensitive as IAM compares actions) covers an action. */
export function actionPatternCovers(pattern: string, action: string): boolean {
  return hasWildcard(pattern) ? wildcardMatch(pattern, action, true) : equalsIgnoreCase(pattern, action);
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
