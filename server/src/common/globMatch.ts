/**
 * The matcher for `cognitoPool.roles` globs, linear in time (issue 15: picomatch compiles a glob to a regular
 * expression, and `*a*a*a*a*a*a*a*a*a*a*a*a*b.json` against a 40-character file name backtracks for minutes).
 * `**` (any folders), `*` and `?` within a name are matched by the core's linear wildcard matcher; as in picomatch,
 * a wildcard does not match a name that starts with a dot. Other glob syntax (`{a,b}`, `[abc]`, extglobs) goes to
 * picomatch, and only with at most two `*` per path segment, which bounds its backtracking.
 */
import picomatch from 'picomatch';
import { wildcardMatch } from '../core';

/** With other glob syntax than `*`, `?` and `**`, at most this many `*` per path segment. */
export const MAX_STARS_WITH_GLOB_SYNTAX = 2;

/** A matcher of paths relative to the glob's base (`/`-separated), or why the glob is refused. */
export function globMatcher(glob: string): ((relative: string) => boolean) | { readonly problem: string } {
  const segments = glob.split('/');
  if (/[[\]{}()!+@]/.test(glob)) {
    const starry = segments.find((s) => s !== '**' && (s.match(/\*/g)?.length ?? 0) > MAX_STARS_WITH_GLOB_SYNTAX);
    if (starry !== undefined) {
      return { problem: `has more than ${MAX_STARS_WITH_GLOB_SYNTAX} "*" in "${starry}" together with other glob syntax ({}, [], ()): write it with fewer` };
    }
    return picomatch(glob);
  }
  return (relative) => matchSegments(segments, relative.split('/'));
}

function matchSegments(glob: readonly string[], path: readonly string[]): boolean {
  // matched[g][p]: glob segments from g match path segments from p (filled from the end).
  const width = path.length + 1;
  const matched = new Uint8Array((glob.length + 1) * width);
  matched[glob.length * width + path.length] = 1;
  for (let g = glob.length - 1; g >= 0; g--) {
    for (let p = path.length; p >= 0; p--) {
      let ok = false;
      if (glob[g] === '**') {
        ok = matched[(g + 1) * width + p] === 1 || (p < path.length && !path[p].startsWith('.') && matched[g * width + p + 1] === 1);
      } else if (p < path.length) {
        ok = matched[(g + 1) * width + p + 1] === 1 && segmentMatches(glob[g], path[p]);
      }
      if (ok) matched[g * width + p] = 1;
    }
  }
  return matched[0] === 1;
}

function segmentMatches(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  return pattern.includes('*') || pattern.includes('?') ? wildcardMatch(pattern, name) : pattern === name;
}
