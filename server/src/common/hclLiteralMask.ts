/**
 * A cheaper text for tree-sitter to parse, the same tree to read (hclParser.ts). The HCL grammar's external
 * scanner makes every character of a template's literal text (a quoted string, a heredoc) a token of its own:
 * parsing `"s3:GetObject"` costs twelve tokens, parsing `" "` one. So the parser is handed a copy of the text in
 * which each run of the templates' literal characters is one space, and the tree it builds is the original's
 * but for the `template_literal` nodes, which the parser's copy leaves out in every case (the readers take a
 * template's literal text from the document between its delimiters and holes, templates.ts). Each literal object
 * or tuple where an expression starts (after `=`, `(`, `,`, `[`, `:`) is read here too (hclLiteralCollections.ts)
 * and is empty in the copy (`{}`): the parser puts the tree read here where tree-sitter's has that empty
 * collection. The copy is shorter than the document: `shifts` map its offsets back.
 *
 * Which characters are literal is the scanner's decision, so this module only proposes: it follows the scanner's
 * rules (scanner.c of tree-sitter-hcl 1.2: quoted strings, heredocs, `${`/`%{` holes, `$${`/`%%{` escapes,
 * backslash escapes) over the text, masks only characters that the scanner would read as one literal character
 * in any template context (printable ASCII but `$`, `%` and, in quoted strings, `"` and `\`; and the spaces and
 * tabs between them, which it skips), never a character
 * of a line of a heredoc that starts like its closing identifier, and never anything inside a directive's
 * template. The parser accepts the masked tree only when it has no error, has an empty collection where each
 * collection read here is, and every masked run lies in the literal part of a template of that tree
 * (`literalRunsHold`); otherwise it parses the document as written.
 * Whatever this module gets wrong about templates costs a second parse, never a different tree; a collection's
 * inside is never seen by tree-sitter, so hclLiteralCollections.ts reads only the forms whose tree is certain and
 * the tests compare it with tree-sitter's. White space in code is one character, and the mask is refused where
 * tree-sitter's scanner would lose its state (past its limits its tree is not the text's either way).
 */
import { isHclNameChar, type HclNode } from '../core';
import { escapeLength, literalSequenceLength, readLiteralCollection } from './hclLiteralCollections';

/**
 * The masked text, its masked template runs `[start, end)` in order, and the literal collections whose inside it
 * leaves out (hclLiteralCollections.ts), in order; undefined when there is nothing to mask or the text is not
 * followed. The masked text is shorter: `shifts` are pairs of an offset into it and how many characters of the
 * document are left out before it (`shiftedStart`, `shiftedEnd` map the offsets of its tree to the document's).
 */
export interface LiteralMask {
  readonly text: string;
  readonly runs: readonly number[];
  readonly collections: readonly HclNode[];
  readonly shifts: readonly number[];
}

/**
 * The document's offset of a node's start at `offset` of the masked text: a start at a point where characters
 * were left out is after them.
 */
export function shiftedStart(shifts: readonly number[], offset: number): number {
  const i = lastShift(shifts, offset, true);
  return i < 0 ? offset : offset + shifts[i + 1];
}

/** The same for a node's end: an end at such a point is before them. */
export function shiftedEnd(shifts: readonly number[], offset: number): number {
  const i = lastShift(shifts, offset, false);
  return i < 0 ? offset : offset + shifts[i + 1];
}

/** The index of the last shift at or before `offset` (`at` true) or before it; -1 when there is none. */
function lastShift(shifts: readonly number[], offset: number, at: boolean): number {
  let lo = 0;
  let hi = shifts.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const point = shifts[mid * 2];
    if (point < offset || (at && point === offset)) {
      found = mid * 2;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

type Frame =
  | { readonly kind: 'code'; depth: number }
  | { readonly kind: 'quoted'; maskable: boolean }
  | { readonly kind: 'heredoc'; maskable: boolean; readonly id: string; lineMaskable: boolean };

const SPACE = 32;

/**
 * The shorter text: each run of the templates' literal characters one space, each literal collection's inside
 * left out, each run of white space in code one character; undefined when nothing is shortened or the text leaves
 * the rules followed here.
 */
export function maskTemplateLiterals(text: string): LiteralMask | undefined {
  const n = text.length;
  // Collections are read until one nests too deep (hclLiteralCollections.ts): the rest is tree-sitter's.
  let proposeCollections = true;
  // Masking is decided per character; the copy is assembled from the unmasked slices (`spaces`: the template runs
  // and the collections' insides, in order, each as `from, to, kind`).
  const runs: number[] = [];
  const spaces: number[] = [];
  const collections: HclNode[] = [];
  // The collections read to their end inside one that is not literal, and those that are not (by offset), so
  // that each character is read once however deep collections nest.
  const literal = new Map<number, HclNode>();
  const notLiteral = new Set<number>();
  const stack: Frame[] = [{ kind: 'code', depth: 0 }];
  let p = 0;
  // The last character of code that is not white space or a comment: an expression starts after `=`, `(`, `,`,
  // `[` or `:` (a block's body after a label or a name).
  let lastCode = 0;
  const mask = (from: number, to: number) => {
    if (runs.length > 0 && runs[runs.length - 1] === from) {
      runs[runs.length - 1] = to;
      spaces[spaces.length - 2] = to;
    } else {
      runs.push(from, to);
      spaces.push(from, to, TEMPLATE_RUN);
    }
  };
  const collectionAt = (at: number): HclNode | undefined => {
    if (notLiteral.has(at)) return undefined;
    const known = literal.get(at);
    if (known) return known;
    const reading = readLiteralCollection(text, at);
    if (reading.node) return reading.node;
    proposeCollections &&= !reading.tooDeep;
    for (const [start, node] of reading.complete) literal.set(start, node);
    for (const start of reading.open) notLiteral.add(start);
    return undefined;
  };
  // The scanner's state (its contexts: each open template, hole and heredoc) is lost past 127 contexts or 1,024
  // bytes (scanner.c `serialize`: 4 bytes, then 8 and the heredoc identifier per context), and then its tree is
  // no longer the text's: such a text is parsed as written.
  let contexts = 0;
  let stateBytes = 4;
  const push = (frame: Frame) => {
    stack.push(frame);
    contexts++;
    stateBytes += 8 + (frame.kind === 'heredoc' ? frame.id.length : 0);
    return contexts < MAX_CONTEXTS && stateBytes < MAX_STATE_BYTES && (frame.kind !== 'heredoc' || frame.id.length <= MAX_IDENTIFIER);
  };
  const pop = () => {
    const frame = stack.pop()!;
    contexts--;
    stateBytes -= 8 + (frame.kind === 'heredoc' ? frame.id.length : 0);
  };
  while (p < n) {
    const frame = stack[stack.length - 1];
    const c = text.charCodeAt(p);
    if (frame.kind === 'code') {
      // A run of white space in code costs tree-sitter time in its square (its scanner skips the rest of the run
      // at each character: 20,000 spaces take seconds): it is one character (the grammar has no token of white
      // space), a line break when it has one (a heredoc's closing identifier ends its line).
      if (isSpace(c) && isSpace(text.charCodeAt(p + 1))) {
        const from = p;
        while (++p < n && isSpace(text.charCodeAt(p)));
        spaces.push(from, p, WHITE_SPACE);
        continue;
      }
      // Only in the text's own code (no template open): a collection's strings are contexts of the scanner too.
      if ((c === 123 || c === 91) && proposeCollections && stack.length === 1 && STARTS_EXPRESSION.has(lastCode)) {
        const node = collectionAt(p);
        if (node) {
          collections.push(node);
          if (node.end - node.start > 2) spaces.push(node.start + 1, node.end - 1, COLLECTION_INSIDE);
          p = node.end;
          lastCode = c + 2; // `}` or `]`
          continue;
        }
      }
      const comment = c === 35 /* # */ || (c === 47 /* / */ && (text.charCodeAt(p + 1) === 47 || text.charCodeAt(p + 1) === 42)); // `//`, `/*`
      if (!comment && !isSpace(c)) lastCode = c;
      if (c === 34 /* " */) {
        if (!push({ kind: 'quoted', maskable: true })) return undefined;
        p++;
      } else if (c === 35 /* # */ || (c === 47 /* / */ && text.charCodeAt(p + 1) === 47)) {
        const nl = text.indexOf('\n', p);
        p = nl < 0 ? n : nl;
      } else if (c === 47 && text.charCodeAt(p + 1) === 42 /* * */) {
        const close = text.indexOf('*/', p + 2);
        if (close < 0) return undefined;
        p = close + 2;
      } else if (c === 60 /* < */ && text.charCodeAt(p + 1) === 60) {
        const heredoc = heredocStart(text, p);
        if (!heredoc) return undefined;
        if (!push({ kind: 'heredoc', maskable: true, id: heredoc.id, lineMaskable: false })) return undefined;
        p = heredoc.contentStart;
        // The content's first line is checked for the closing identifier like every other.
        const line = heredocLine(text, p, heredoc.id);
        if (line === 'close') {
          pop();
          p = closeEnd(text, p, heredoc.id);
        } else (stack[stack.length - 1] as { lineMaskable: boolean }).lineMaskable = line === 'maskable';
      } else if (c === 123 /* { */) {
        frame.depth++;
        p++;
      } else if (c === 125 /* } */) {
        if (frame.depth === 0) {
          // The end of an interpolation or a directive; a `}` with nothing open is not followed here.
          if (stack.length === 1) return undefined;
          pop();
        } else frame.depth--;
        p++;
      } else p++;
      continue;
    }
    // A template's content: quoted (one line, backslash escapes) or a heredoc (lines, no escapes).
    if (c === 36 /* $ */ || c === 37 /* % */) {
      const literal = literalSequenceLength(text, p);
      if (literal === 0) {
        // `${` opens an interpolation, `%{` a directive, whose template (an if/for body) is not masked.
        if (c === 37) frame.maskable = false;
        if (!push({ kind: 'code', depth: 0 })) return undefined;
        lastCode = 0;
        p += 2;
      } else p += literal;
      continue;
    }
    if (frame.kind === 'quoted') {
      if (c === 34) {
        pop();
        p++;
      } else if (c === 92 /* \ */) {
        const length = escapeLength(text, p);
        if (length === 0) return undefined;
        p += length;
      } else if (c === 10 /* \n */) return undefined;
      else if (frame.maskable && isQuotedLiteral(c)) {
        const from = p;
        while (++p < n && isQuotedLiteral(text.charCodeAt(p)));
        mask(from, p);
      } else p++;
      continue;
    }
    // A heredoc's content.
    if (c === 10) {
      p++;
      const line = heredocLine(text, p, frame.id);
      if (line === 'close') {
        pop();
        p = closeEnd(text, p, frame.id);
      } else frame.lineMaskable = line === 'maskable';
    } else if (frame.maskable && frame.lineMaskable && isHeredocLiteral(c)) {
      const from = p;
      while (++p < n && isHeredocLiteral(text.charCodeAt(p)));
      mask(from, p);
    } else p++;
  }
  // A text that ends inside a string or a hole is being typed: tree-sitter has the last word on it.
  if (stack.length !== 1 || (spaces.length === 0 && collections.length === 0)) return undefined;
  // Each template run is one space (the scanner's literal text, as short as it gets: a space keeps `$` and `{`
  // on either side of it from becoming one token), each collection's inside nothing (`{}`), so tree-sitter reads
  // a tenth of a policy's characters; `shifts` maps the offsets of the shorter text back.
  const parts: string[] = [];
  const shifts: number[] = [];
  let at = 0;
  let length = 0;
  let removed = 0;
  for (let i = 0; i < spaces.length; i += 3) {
    const kind = spaces[i + 2];
    const kept = kind === COLLECTION_INSIDE ? 0 : 1;
    parts.push(text.slice(at, spaces[i]), kind === TEMPLATE_RUN ? ' ' : kind === WHITE_SPACE ? keptSpace(text, spaces[i], spaces[i + 1]) : '');
    length += spaces[i] - at + kept;
    const gone = spaces[i + 1] - spaces[i] - kept;
    if (gone > 0) {
      removed += gone;
      shifts.push(length, removed);
    }
    at = spaces[i + 1];
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), runs, collections, shifts };
}

/** The one character a run of white space in code is in the masked text: a line break when it has one, else its first. */
function keptSpace(text: string, from: number, to: number): string {
  const nl = text.indexOf('\n', from);
  return nl >= 0 && nl < to ? '\n' : text[from];
}

/** The kinds of masked spans: a template's literal characters, a literal collection's inside, white space in code. */
const TEMPLATE_RUN = 0;
const COLLECTION_INSIDE = 1;
const WHITE_SPACE = 2;

/** Below the scanner's limits (scanner.c `serialize`: at most 127 contexts, 1,024 bytes), with room for one more context. */
const MAX_CONTEXTS = 126;
const MAX_STATE_BYTES = 1024 - 8 - 128;
/** The longest heredoc identifier the scanner keeps in its state. */
const MAX_IDENTIFIER = 127;

/** `=`, `(`, `,`, `[`, `:`: the characters of code an expression follows. */
const STARTS_EXPRESSION: ReadonlySet<number> = new Set([61, 40, 44, 91, 58]);

/**
 * A character of a heredoc that the scanner reads as a literal character of its own (printable ASCII but `$` and
 * `%`, which may open a hole) or skips (a space, a tab): masked, it is a space either way.
 */
function isHeredocLiteral(c: number): boolean {
  return ((c >= SPACE && c < 127) || c === 9) && c !== 36 && c !== 37;
}

/** The same in a quoted string, where `"` ends it and `\` starts an escape. */
function isQuotedLiteral(c: number): boolean {
  return isHeredocLiteral(c) && c !== 34 && c !== 92;
}

/** The scanner's whitespace that this module recognises (ASCII); any other character is not whitespace here. */
function isSpace(c: number): boolean {
  return c === SPACE || c === 9 || c === 10 || c === 11 || c === 12 || c === 13;
}

/**
 * `<<` or `<<-` at `p`, then (after whitespace, as the scanner skips it) the identifier; the content starts on the
 * next line. Undefined when the identifier is empty or not ASCII, or text follows it on its line.
 */
function heredocStart(text: string, p: number): { id: string; contentStart: number } | undefined {
  let q = p + 2;
  if (text.charCodeAt(q) === 45) q++;
  while (q < text.length && isSpace(text.charCodeAt(q))) q++;
  const idStart = q;
  while (q < text.length && isHclNameChar(text.charCodeAt(q))) q++;
  if (q === idStart || text.charCodeAt(q) > 127) return undefined;
  const id = text.slice(idStart, q);
  while (q < text.length && text.charCodeAt(q) !== 10) {
    if (!isSpace(text.charCodeAt(q))) return undefined;
    q++;
  }
  return q < text.length ? { id, contentStart: q + 1 } : undefined;
}

/**
 * The heredoc line that starts at `p`: its closing line (the identifier alone, whitespace around it), a line that
 * starts like the identifier (the scanner compares it character by character: left as it is), or a maskable one.
 */
function heredocLine(text: string, p: number, id: string): 'close' | 'like-close' | 'maskable' {
  let q = p;
  while (q < text.length && isSpace(text.charCodeAt(q)) && text.charCodeAt(q) !== 10) q++;
  const first = text.charCodeAt(q);
  if (first === 10 || q >= text.length) return 'maskable';
  // A character past ASCII may be whitespace to the scanner (iswspace), so the line's first character is in doubt.
  if (first > 127) return 'like-close';
  if (first !== id.charCodeAt(0)) return 'maskable';
  if (!text.startsWith(id, q)) return 'like-close';
  q += id.length;
  while (q < text.length && isSpace(text.charCodeAt(q)) && text.charCodeAt(q) !== 10) q++;
  return text.charCodeAt(q) === 10 ? 'close' : 'like-close';
}

/** The offset after the closing identifier of the line at `p` (the rest of the line is the code's). */
function closeEnd(text: string, p: number, id: string): number {
  return text.indexOf(id, p) + id.length;
}

/** The node types of templates, whose literal parts may be masked. */
export const TEMPLATE_TYPES: readonly string[] = ['string_lit', 'quoted_template', 'heredoc_template'];

/**
 * Whether every masked run lies in the literal part of a template of the tree parsed from the masked text (its
 * `templates`: every node of a TEMPLATE_TYPES type): between the template's delimiters and outside its holes, and
 * in a heredoc not on a line that starts like its closing identifier. The tree itself must have no error.
 */
export function literalRunsHold(templates: readonly HclNode[], runs: readonly number[], text: string): boolean {
  const allowed: { start: number; end: number; heredoc: string | undefined }[] = [];
  const collect = (node: HclNode) => {
    let start: number;
    let end: number;
    let heredoc: string | undefined;
    if (node.type === 'heredoc_template') {
      const ids = node.children.filter((c) => c.type === 'heredoc_identifier');
      if (ids.length !== 2) return;
      start = ids[0].end;
      end = ids[1].start;
      heredoc = text.slice(ids[0].start, ids[0].end);
    } else {
      const open = node.children.find((c) => c.type === 'quoted_template_start');
      const close = node.children.find((c) => c.type === 'quoted_template_end');
      if (!open || !close) return;
      start = open.end;
      end = close.start;
    }
    for (const c of node.children) {
      if (c.type !== 'template_interpolation' && c.type !== 'template_directive') continue;
      if (c.start > start) allowed.push({ start, end: c.start, heredoc });
      start = Math.max(start, c.end);
    }
    if (end > start) allowed.push({ start, end, heredoc });
  };
  for (const t of templates) collect(t);
  allowed.sort((a, b) => a.start - b.start);
  let a = 0;
  // The start of the line of the run (found going forward, once per line: runs are in order) and its verdict.
  let lineStart = 0;
  let scanned = 0;
  let checkedLine = -1;
  for (let i = 0; i < runs.length; i += 2) {
    const start = runs[i];
    const end = runs[i + 1];
    while (a < allowed.length && allowed[a].end < end) a++;
    const span = allowed[a];
    if (!span || span.start > start) return false;
    if (span.heredoc === undefined) continue;
    for (let nl = text.indexOf('\n', scanned); nl >= 0 && nl < start; nl = text.indexOf('\n', nl + 1)) lineStart = nl + 1;
    scanned = start;
    if (lineStart !== checkedLine) {
      if (heredocLine(text, lineStart, span.heredoc) !== 'maskable') return false;
      checkedLine = lineStart;
    }
  }
  return true;
}
