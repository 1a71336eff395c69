/** Test documents with a `|` cursor marker, and applying text edits/snippets the way VS Code does. */
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

/**
 * The text a snippet inserts when every tabstop keeps its default: `${1:x}` -> x, `${1|a,b|}` -> a,
 * `$1`/`$0` -> nothing, `\$` `\}` `\\` -> the character. Anything else is an error (so a test cannot pass
 * on syntax it does not understand).
 */
export function expandSnippet(snippet: string): string {
  let out = '';
  let i = 0;
  const readPlaceholder = (): string => {
    // at "${"
    i += 2;
    let digits = '';
    while (i < snippet.length && snippet[i] >= '0' && snippet[i] <= '9') digits += snippet[i++];
    if (!digits) throw new Error(`unsupported snippet syntax at ${i}: ${snippet}`);
    if (snippet[i] === '}') {
      i++;
      return '';
    }
    if (snippet[i] === '|') {
      const end = snippet.indexOf('|}', i + 1);
      if (end < 0) throw new Error(`unterminated choice: ${snippet}`);
      const first = snippet.slice(i + 1, end).split(',')[0];
      i = end + 2;
      return first;
    }
    if (snippet[i] !== ':') throw new Error(`unsupported snippet syntax at ${i}: ${snippet}`);
    i++;
    let value = '';
    while (i < snippet.length && snippet[i] !== '}') {
      if (snippet[i] === '\\') {
        value += snippet[i + 1];
        i += 2;
      } else if (snippet[i] === '$') {
        if (snippet[i + 1] === '{') value += readPlaceholder();
        else throw new Error(`unsupported nested tabstop: ${snippet}`);
      } else value += snippet[i++];
    }
    if (snippet[i] !== '}') throw new Error(`unterminated placeholder: ${snippet}`);
    i++;
    return value;
  };
  while (i < snippet.length) {
    const ch = snippet[i];
    if (ch === '\\') {
      const next = snippet[i + 1];
      if (next !== '$' && next !== '}' && next !== '\\') throw new Error(`unexpected escape \\${next}: ${snippet}`);
      out += next;
      i += 2;
    } else if (ch === '$') {
      if (snippet[i + 1] === '{') out += readPlaceholder();
      else if (snippet[i + 1] >= '0' && snippet[i + 1] <= '9') {
        i++;
        while (snippet[i] >= '0' && snippet[i] <= '9') i++;
      } else throw new Error(`a bare $ in a snippet: ${snippet}`);
    } else {
      out += ch;
      i++;
    }
  }
  return out;
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
