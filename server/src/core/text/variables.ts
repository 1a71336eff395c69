/**
 * Policy variables inside a string value: `${key}`, `${key, 'default'}` and the escapes `${*}`,
 * `${?}`, `${$}`. A hand-written scanner (no RegExp over policy text), positions relative to the
 * string's content (add the string's start + 1 for the opening quote to get document offsets).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export type VariableToken =
  | {
      readonly kind: 'variable';
      readonly start: number;
      readonly end: number;
      readonly name: string;
      readonly nameStart: number;
      readonly defaultValue?: string;
    }
  | { readonly kind: 'escape'; readonly start: number; readonly end: number; readonly char: '*' | '?' | '$' }
  | { readonly kind: 'error'; readonly start: number; readonly end: number; readonly problem: string };

const ESCAPES = new Set(['*', '?', '$']);

export function scanVariables(text: string): VariableToken[] {
  const out: VariableToken[] = [];
  let i = text.indexOf('${');
  // The first "}" at or after i + 2, found again only once i passes it: linear however many "${" lack one.
  let close = -1;
  while (i >= 0) {
    if (close >= 0 ? close < i + 2 : close === -1) close = text.indexOf('}', i + 2);
    if (close < 0) close = -2; // none left: never search again
    const nextOpen = text.indexOf('${', i + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      out.push({ kind: 'error', start: i, end: nextOpen >= 0 ? nextOpen : text.length, problem: 'is not terminated: add the closing "}"' });
      i = nextOpen;
      continue;
    }
    out.push(readToken(text, i, close));
    i = text.indexOf('${', close + 1);
  }
  return out;
}

function readToken(text: string, start: number, close: number): VariableToken {
  const end = close + 1;
  const inner = text.slice(start + 2, close);
  if (inner.length === 1 && ESCAPES.has(inner)) return { kind: 'escape', start, end, char: inner as '*' | '?' | '$' };
  if (inner.trim() === '') return { kind: 'error', start, end, problem: 'is empty: name a key, e.g. ${cognito-identity.amazonaws.com:sub}' };
  const comma = inner.indexOf(',');
  const name = comma >= 0 ? inner.slice(0, comma) : inner;
  if (name !== name.trim() || name.includes(' ')) {
    return { kind: 'error', start, end, problem: `contains spaces: write \${${name.trim()}}` };
  }
  if (name.includes('${') || name.includes('{')) return { kind: 'error', start, end, problem: 'contains a "{"' };
  if (comma < 0) return { kind: 'variable', start, end, name, nameStart: start + 2 };
  // Default value: `, 'text'` with single quotes; spaces around the comma are allowed.
  const rest = inner.slice(comma + 1).trim();
  if (rest.length < 2 || rest[0] !== "'" || rest[rest.length - 1] !== "'" || rest.slice(1, -1).includes("'")) {
    return { kind: 'error', start, end, problem: "has a malformed default value: write ${key, 'default'} with the default in single quotes" };
  }
  return { kind: 'variable', start, end, name, nameStart: start + 2, defaultValue: rest.slice(1, -1) };
}

/**
 * `{service:key}` without the `$`: a typo that appears in real documentation. Only braces holding
 * something shaped like a condition key (`prefix:name`) are returned, so JSON-like text is ignored.
 */
export function findMissingDollar(text: string): { start: number; end: number; name: string }[] {
  const out: { start: number; end: number; name: string }[] = [];
  let i = text.indexOf('{');
  while (i >= 0) {
    const close = text.indexOf('}', i + 1);
    if (close < 0) break;
    if (i === 0 || text[i - 1] !== '$') {
      const name = text.slice(i + 1, close);
      if (looksLikeKey(name)) out.push({ start: i, end: close + 1, name });
    }
    i = text.indexOf('{', i + 1);
  }
  return out;
}

function looksLikeKey(name: string): boolean {
  const colon = name.indexOf(':');
  if (colon <= 0 || colon === name.length - 1) return false;
  for (const ch of name) {
    const ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || '.-_:/'.includes(ch);
    if (!ok) return false;
  }
  return true;
}
