/**
 * ARNs: splitting into parts, and deciding whether a policy's Resource pattern can match an ARN
 * format from the catalog. Both sides are patterns (the policy has `*`, `?` and `${variables}`;
 * the format has `${Placeholders}`), so the question is whether two patterns share a string:
 * a dynamic programme over both token lists, O(n x m), no RegExp.
 */
import { TextMemo } from './memo';
import { scanVariables } from './variables';

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
  /** Offsets of each part within the ARN text: partition, service, region, account, resource. */
  readonly offsets: readonly [number, number, number, number, number];
}

/** `arn:partition:service:region:account:resource`, or undefined when not shaped like that. */
export function splitArn(text: string): ArnParts | undefined {
  if (!scanArn(text)) return undefined;
  const [p, s, r, a, res] = partStarts;
  return {
    partition: text.slice(p, s - 1),
    service: text.slice(s, r - 1),
    region: text.slice(r, a - 1),
    account: text.slice(a, res - 1),
    resource: text.slice(res),
    offsets: [p, s, r, a, res],
  };
}

/** Where `scanArn` found the five parts to start. */
const partStarts = new Int32Array(5);

/** Whether the text is shaped like an ARN; its parts' starts are then in `partStarts` (no allocation). */
function scanArn(text: string): boolean {
  if (!text.startsWith('arn:')) return false;
  let pos = 4;
  for (let part = 0; part < 4; part++) {
    partStarts[part] = pos;
    const colon = indexOfOutsideVariables(text, ':', pos);
    if (colon < 0) return false;
    pos = colon + 1;
  }
  partStarts[4] = pos;
  return true;
}

/**
 * An ARN's partition and whether its service part is empty, or undefined when the text is not shaped like an ARN:
 * what validating a Resource needs, without splitting it.
 */
export function arnShape(text: string): { readonly partition: string; readonly emptyService: boolean } | undefined {
  if (!scanArn(text)) return undefined;
  return { partition: text.slice(partStarts[0], partStarts[1] - 1), emptyService: partStarts[2] === partStarts[1] + 1 };
}

/** An ARN's service part, or undefined when the text is not shaped like an ARN. */
export function arnService(text: string): string | undefined {
  return scanArn(text) ? text.slice(partStarts[1], partStarts[2] - 1) : undefined;
}

/** Colons inside `${...}` (e.g. `${aws:username}`) do not separate ARN parts. */
function indexOfOutsideVariables(text: string, ch: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && depth > 0) depth--;
    else if (text[i] === ch && depth === 0) return i;
  }
  return -1;
}

/**
 * Pattern tokens as integers (fast to compare, no allocation per cell): a literal is its UTF-16
 * code (>= 0); wildcards are negative codes: a run (`*`) or exactly one character (`?`, or the
 * first character of a placeholder), each in one of three classes.
 */
const STAR_ANY = -1;
const STAR_NO_SLASH = -2;
const STAR_NO_COLON = -3;
const ONE_ANY = -4;
const ONE_NO_SLASH = -5;
const ONE_NO_COLON = -6;
const SLASH = 47;
const COLON = 58;

const isStar = (t: number) => t <= -1 && t >= -3;

/** The character class of a wildcard token: 0 any, 1 no slash, 2 no colon. */
const classOf = (t: number) => (t === STAR_ANY || t === ONE_ANY ? 0 : t === STAR_NO_SLASH || t === ONE_NO_SLASH ? 1 : 2);

function inClass(ch: number, cls: number): boolean {
  return cls === 0 || (cls === 1 ? ch !== SLASH : ch !== COLON);
}

/** A policy Resource value as tokens: `*` any run, `?` one char, variables any run, escapes literal. */
export function policyPatternTokens(text: string): Int32Array {
  const out: number[] = [];
  const vars = text.includes('${') ? scanVariables(text) : [];
  let v = 0;
  for (let i = 0; i < text.length;) {
    const tok = vars[v];
    if (tok && tok.start === i) {
      out.push(tok.kind === 'escape' ? tok.char.charCodeAt(0) : STAR_ANY);
      i = tok.end;
      v++;
      continue;
    }
    const ch = text.charCodeAt(i);
    out.push(ch === 42 /* * */ ? STAR_ANY : ch === 63 /* ? */ ? ONE_ANY : ch);
    i++;
  }
  return Int32Array.from(out);
}

/**
 * An ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) as tokens. A placeholder
 * matches one or more characters; it cannot hold the character that follows it in the format
 * (a `/` or `:` separator). A trailing placeholder may hold anything, unless `noSlashAtEnd`
 * (the service has another format that extends this one with `/`, as S3's object extends bucket).
 */
export function formatPatternTokens(format: string, noSlashAtEnd: boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < format.length;) {
    if (format[i] === '$' && format[i + 1] === '{') {
      const close = format.indexOf('}', i);
      if (close > 0) {
        const next = format[close + 1];
        const noSlash = next === '/' || (next === undefined && noSlashAtEnd);
        if (noSlash) out.push(ONE_NO_SLASH, STAR_NO_SLASH);
        else if (next === ':') out.push(ONE_NO_COLON, STAR_NO_COLON);
        else out.push(ONE_ANY, STAR_ANY);
        i = close + 1;
        continue;
      }
    }
    out.push(format.charCodeAt(i));
    i++;
  }
  return Int32Array.from(out);
}

/** Two single-character tokens (literal or one-of-class) can stand for the same character. */
function compatible(a: number, b: number): boolean {
  if (a >= 0) return b >= 0 ? a === b : inClass(a, classOf(b));
  if (b >= 0) return inClass(b, classOf(a));
  return true; // two classes always share a letter
}

let table = new Uint8Array(4096);

/**
 * True when some string matches both token patterns. f[i][j]: the suffixes a[i..] and b[j..]
 * share a string. When both sides are at a run, skipping either run suffices (deleting characters
 * that both runs consumed keeps both matches valid), so no transition consumes from both runs.
 */
export function patternsIntersect(a: Int32Array, b: Int32Array): boolean {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const size = (n + 1) * width;
  if (table.length < size) table = new Uint8Array(size * 2);
  const f = table;
  f.fill(0, 0, size);
  f[n * width + m] = 1;
  for (let i = n; i >= 0; i--) {
    const ta = i < n ? a[i] : 0;
    const aStar = i < n && isStar(ta);
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      const tb = j < m ? b[j] : 0;
      const bStar = j < m && isStar(tb);
      let ok = false;
      if (aStar) {
        ok = f[(i + 1) * width + j] === 1;
        if (!ok && j < m)
          ok = f[i * width + j + 1] === 1 && (bStar || compatible(tb, ta === STAR_ANY ? ONE_ANY : ta === STAR_NO_SLASH ? ONE_NO_SLASH : ONE_NO_COLON));
      } else if (bStar) {
        ok = f[i * width + j + 1] === 1;
        if (!ok && i < n) ok = f[(i + 1) * width + j] === 1 && compatible(ta, tb === STAR_ANY ? ONE_ANY : tb === STAR_NO_SLASH ? ONE_NO_SLASH : ONE_NO_COLON);
      } else if (i < n && j < m) {
        ok = f[(i + 1) * width + j + 1] === 1 && compatible(ta, tb);
      }
      if (ok) f[i * width + j] = 1;
    }
  }
  return f[0] === 1;
}

const formatTokenCache = new Map<string, Int32Array>();
/** Results by (format, resource): while a user types, the same resources are matched again and again. */
const resultCache = new TextMemo<boolean>();

/** Longer resources are not matched (the match is quadratic in the lengths): assumed to match, so no check speaks. */
export const MAX_MATCHED_RESOURCE_LENGTH = 4_096;

/** Whether a policy resource pattern can match a catalog ARN format. */
export function resourceMatchesFormat(resource: string, format: string, noSlashAtEnd: boolean): boolean {
  if (resource.length > MAX_MATCHED_RESOURCE_LENGTH) return true;
  const key = (noSlashAtEnd ? '1' : '0') + format;
  return resultCache.get(key + '\u0000' + resource, () => {
    let formatTokens = formatTokenCache.get(key);
    if (!formatTokens) {
      formatTokens = formatPatternTokens(format, noSlashAtEnd);
      // Formats come from the catalog (a few thousand): this cache is bounded by it.
      formatTokenCache.set(key, formatTokens);
    }
    return patternsIntersect(policyPatternTokens(resource), formatTokens);
  });
}
