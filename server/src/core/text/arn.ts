/**
 * ARNs: splitting into parts, and deciding whether a policy's Resource pattern can match an ARN
 * format from the catalog. Both sides are patterns (the policy has `*`, `?` and `${variables}`;
 * the format has `${Placeholders}`), so the question is whether two patterns share a string:
 * a dynamic programme over both token lists, O(n x m), no RegExp.
 */
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
  if (!text.startsWith('arn:')) return undefined;
  const offsets: number[] = [];
  let pos = 4;
  for (let part = 0; part < 4; part++) {
    offsets.push(pos);
    const colon = indexOfOutsideVariables(text, ':', pos);
    if (colon < 0) return undefined;
    pos = colon + 1;
  }
  offsets.push(pos);
  const [p, s, r, a, res] = offsets;
  return {
    partition: text.slice(p, s - 1),
    service: text.slice(s, r - 1),
    region: text.slice(r, a - 1),
    account: text.slice(a, res - 1),
    resource: text.slice(res),
    offsets: offsets as unknown as ArnParts['offsets'],
  };
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

/** Character classes for pattern tokens. */
type CharClass = 'any' | 'noSlash' | 'noColon';
type Token = { readonly lit: string } | { readonly one: CharClass } | { readonly star: CharClass };

function inClass(ch: string, cls: CharClass): boolean {
  return cls === 'any' || (cls === 'noSlash' ? ch !== '/' : ch !== ':');
}

/** A policy Resource value as pattern tokens: `*` any run, `?` one char, variables any run, escapes literal. */
export function policyPatternTokens(text: string): Token[] {
  const out: Token[] = [];
  const vars = scanVariables(text);
  let v = 0;
  for (let i = 0; i < text.length; ) {
    const tok = vars[v];
    if (tok && tok.start === i) {
      if (tok.kind === 'escape') out.push({ lit: tok.char });
      else out.push({ star: 'any' });
      i = tok.end;
      v++;
      continue;
    }
    const ch = text[i];
    out.push(ch === '*' ? { star: 'any' } : ch === '?' ? { one: 'any' } : { lit: ch });
    i++;
  }
  return out;
}

/**
 * An ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) as tokens. A placeholder
 * matches one or more characters; it cannot hold the character that follows it in the format
 * (a `/` or `:` separator). A trailing placeholder may hold anything, unless `noSlashAtEnd`
 * (the service has another format that extends this one with `/`, as S3's object extends bucket).
 */
export function formatPatternTokens(format: string, noSlashAtEnd: boolean): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < format.length; ) {
    if (format[i] === '$' && format[i + 1] === '{') {
      const close = format.indexOf('}', i);
      if (close > 0) {
        const next = format[close + 1];
        const cls: CharClass = next === '/' ? 'noSlash' : next === ':' ? 'noColon' : next === undefined && noSlashAtEnd ? 'noSlash' : 'any';
        out.push({ one: cls }, { star: cls });
        i = close + 1;
        continue;
      }
    }
    out.push({ lit: format[i] });
    i++;
  }
  return out;
}

function compatible(a: Token, b: Token): boolean {
  if ('lit' in a) {
    if ('lit' in b) return a.lit === b.lit;
    return inClass(a.lit, (b as { one: CharClass }).one);
  }
  if ('lit' in b) return inClass(b.lit, (a as { one: CharClass }).one);
  return true; // two single-character classes always share a letter
}

/** True when some string matches both token patterns. */
export function patternsIntersect(a: readonly Token[], b: readonly Token[]): boolean {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const f = new Uint8Array((n + 1) * width);
  f[n * width + m] = 1;
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      const ta = a[i];
      const tb = b[j];
      let ok = false;
      if (ta && 'star' in ta) {
        ok = f[(i + 1) * width + j] === 1;
        if (!ok && tb) {
          if ('star' in tb) ok = f[i * width + j + 1] === 1;
          else ok = compatible(tb, { one: ta.star }) && f[i * width + j + 1] === 1;
        }
      } else if (tb && 'star' in tb) {
        ok = f[i * width + j + 1] === 1;
        if (!ok && ta) ok = compatible(ta, { one: tb.star }) && f[(i + 1) * width + j] === 1;
      } else if (ta && tb) {
        ok = compatible(ta, tb) && f[(i + 1) * width + j + 1] === 1;
      }
      if (ok) f[i * width + j] = 1;
    }
  }
  return f[0] === 1;
}

/** Whether a policy resource pattern can match a catalog ARN format. */
export function resourceMatchesFormat(resource: string, format: string, noSlashAtEnd: boolean): boolean {
  return patternsIntersect(policyPatternTokens(resource), formatPatternTokens(format, noSlashAtEnd));
}
