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
    const raw = text.slice(s.range.start + 1, s.range.end - 1);
    if (raw !== s.value) return s.range;
    return { start: s.range.start + 1 + start, end: s.range.start + 1 + end };
  }
  if (offsets === false) return s.range;
  if (typeof offsets === 'number') return { start: offsets + start, end: offsets + end };
  if (end >= offsets.length || offsets[end] < offsets[start]) return s.range;
  return { start: offsets[start], end: offsets[end] };
}
