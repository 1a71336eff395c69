/** Test documents with a `|` cursor marker, and applying text edits the way VS Code does. */
import { parsePolicy } from '../../server/src/core';

export interface Marked {
  readonly text: string;
  readonly offset: number;
}

/** Removes the single `|` marker and returns its offset. */
export function marked(withCursor: string): Marked {
  const offset = withCursor.indexOf('|');
  if (offset < 0 || withCursor.indexOf('|', offset + 1) >= 0) throw new Error('exactly one | marks the cursor');
  return { text: withCursor.slice(0, offset) + withCursor.slice(offset + 1), offset };
}

export function parsed(withCursor: string) {
  const { text, offset } = marked(withCursor);
  return { text, offset, doc: parsePolicy(text) };
}

export interface Edit {
  readonly range: { readonly start: number; readonly end: number };
  readonly newText: string;
}

/** Applies non-overlapping edits (any order). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}
