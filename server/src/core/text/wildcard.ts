/**
 * IAM wildcard matching (`*` any run of characters, `?` exactly one), linear in time.
 *
 * Policy text is never turned into a RegExp: a pattern such as `a*a*a*a*b` compiled naively
 * backtracks exponentially. This is the classic greedy two-pointer algorithm with a single
 * back-track point, O(pattern × text) in the worst case and O(pattern + text) in practice.
 */
export function wildcardMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let starPi = -1;
  let starTi = 0;
  while (ti < t.length) {
    const pc = p.charCodeAt(pi);
    if (pi < p.length && (pc === 63 /* ? */ || pc === t.charCodeAt(ti))) {
      pi++;
      ti++;
    } else if (pi < p.length && pc === 42 /* * */) {
      starPi = pi++;
      starTi = ti;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      ti = ++starTi;
    } else {
      return false;
    }
  }
  while (pi < p.length && p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}

/** Whether an action pattern (exact or wildcard, case-insensitive as IAM compares actions) covers an action. */
export function actionPatternCovers(pattern: string, action: string): boolean {
  return hasWildcard(pattern) ? wildcardMatch(pattern, action, true) : pattern.toLowerCase() === action.toLowerCase();
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
