/**
 * Small readings of the policy model that checks, features, the evaluator and the role rules share: where a
 * part of a string is in the text, and a statement's Effect.
 */
import type { Range, Statement, StringValue } from './policy';

/** The statement's Effect, case-insensitively: "allow" is reported by invalid-value but still meant as Allow. */
export function effectIs(s: Statement, effect: 'allow' | 'deny'): boolean {
  return s.effect?.value.toLowerCase() === effect;
}

/**
 * The document range of [start, end) inside a string value of `text` (offsets into its decoded text). JSON
 * strings: the content starts after the opening quote, or the whole string is returned when escape sequences
 * make decoded and source offsets differ. Template strings (YAML scalars, intrinsic functions) say where their
 * characters are (`StringValue.offsets`); when they cannot say, the whole string. Returns `s.range` itself when
 * the characters cannot be placed, so callers can tell "the whole string" from a mapped range.
 */
export function rangeInString(text: string, s: StringValue, start: number, end: number): Range {
  const offsets = s.offsets;
  if (offsets === undefined) {
    if (!writtenAsIs(text, s)) return s.range;
    return { start: s.range.start + 1 + start, end: s.range.start + 1 + end };
  }
  if (offsets === false) return s.range;
  if (typeof offsets === 'number') return { start: offsets + start, end: offsets + end };
  // Characters that share one source offset (a template variable bound to text) cannot be placed apart.
  if (end >= offsets.length || offsets[end] < offsets[start] || (end > start && offsets[end] === offsets[start])) return s.range;
  return { start: offsets[start], end: offsets[end] };
}

/** Whether a JSON string's content is its value (no escape sequences), once per string: a check can place thousands of spans in one string. */
const asIs = new WeakMap<StringValue, boolean>();
function writtenAsIs(text: string, s: StringValue): boolean {
  let known = asIs.get(s);
  if (known === undefined) {
    known = s.range.end - s.range.start - 2 === s.value.length && text.startsWith(s.value, s.range.start + 1);
    asIs.set(s, known);
  }
  return known;
}
