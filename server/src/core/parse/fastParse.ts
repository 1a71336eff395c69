/**
 * A fast path for the common case: the document is strict JSON (RFC 8259). One hand-written,
 * iterative pass over the text builds exactly the tree jsonc-parser's `parseTree` builds for the
 * same text (same node types, offsets, lengths, values, `colonOffset`, `parent` links and
 * `children` arrays, the root without a `parent`), several times faster.
 *
 * On any deviation from strict JSON (syntax error, comment, trailing comma, leading byte order
 * mark, nesting deeper than MAX_DEPTH, ...) it returns `undefined` straight away: the caller then
 * runs jsonc-parser, which recovers from errors and reports them. So a tree from here always means
 * "parseTree would have reported no error and built this very tree".
 *
 * Pure: no file system, no editor API.
 */
import { parseTree, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';
import type { MutableNode } from '../model/policy';

/**
 * Deeper documents go to jsonc-parser. The fast path itself is iterative and would not mind, but
 * the checks walk the tree recursively; IAM policies nest a handful of levels.
 */
export const MAX_DEPTH = 1000;

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const UPPER_E = 69;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const LOWER_E = 101;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** The decoded value of the string scanned last by scanString. */
let scannedString = '';

/**
 * The tree jsonc-parser's parseTree returns for `text`, when `text` is strict JSON; otherwise
 * undefined (use parseTree then, which gives error recovery and messages).
 */
export function fastParseTree(text: string): Node | undefined {
  const len = text.length;
  const stack: MutableNode[] = []; // the open objects and arrays, innermost last
  let container: MutableNode | undefined; // stack's top
  let owner: MutableNode | undefined; // what the next value attaches to: a property, an array, or nothing (the root)
  let root: MutableNode | undefined;
  let pos = 0;
  let c: number;

  while (pos < len && ((c = text.charCodeAt(pos)) === SPACE || c === LF || c === CR || c === TAB)) pos++;

  value: for (;;) {
    // `pos` is at the first character of a value.
    if (pos >= len) return undefined;
    c = text.charCodeAt(pos);
    let node: MutableNode;
    if (c === QUOTE) {
      const start = pos;
      pos = scanString(text, pos + 1);
      if (pos < 0) return undefined;
      node = { type: 'string', offset: start, length: pos - start, parent: owner, value: scannedString };
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (stack.length >= MAX_DEPTH) return undefined;
      const isObject = c === OPEN_BRACE;
      node = { type: isObject ? 'object' : 'array', offset: pos, length: -1, parent: owner, children: [] };
      if (owner === undefined) root = node;
      else owner.children!.push(node);
      pos++;
      while (pos < len && ((c = text.charCodeAt(pos)) === SPACE || c === LF || c === CR || c === TAB)) pos++;
      if (c === (isObject ? CLOSE_BRACE : CLOSE_BRACKET) && pos < len) {
        // Empty: `{}` or `[]`, complete already.
        pos++;
        node.length = pos - node.offset;
      } else {
        stack.push(node);
        container = node;
        if (isObject) {
          owner = scanPropertyHead(text, pos, node);
          if (owner === undefined) return undefined;
          pos = propertyValueStart;
        } else {
          owner = node;
        }
        continue value;
      }
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      const start = pos;
      pos = scanNumber(text, pos);
      if (pos < 0) return undefined;
      node = { type: 'number', offset: start, length: pos - start, parent: owner, value: Number(text.slice(start, pos)) };
    } else if (c === 116 /* t */) {
      if (text.charCodeAt(pos + 1) !== 114 || text.charCodeAt(pos + 2) !== 117 || text.charCodeAt(pos + 3) !== 101) return undefined;
      node = { type: 'boolean', offset: pos, length: 4, parent: owner, value: true };
      pos += 4;
    } else if (c === 102 /* f */) {
      if (text.charCodeAt(pos + 1) !== 97 || text.charCodeAt(pos + 2) !== 108 || text.charCodeAt(pos + 3) !== 115 || text.charCodeAt(pos + 4) !== 101)
        return undefined;
      node = { type: 'boolean', offset: pos, length: 5, parent: owner, value: false };
      pos += 5;
    } else if (c === 110 /* n */) {
      if (text.charCodeAt(pos + 1) !== 117 || text.charCodeAt(pos + 2) !== 108 || text.charCodeAt(pos + 3) !== 108) return undefined;
      node = { type: 'null', offset: pos, length: 4, parent: owner, value: null };
      pos += 4;
    } else {
      return undefined;
    }
    if (node.type !== 'object' && node.type !== 'array') {
      if (owner === undefined) root = node;
      else owner.children!.push(node);
    }

    // A value is complete and ends at `pos`: close what it completes, then expect `,` or a closer.
    for (;;) {
      if (owner !== undefined && owner.type === 'property') owner.length = pos - owner.offset;
      while (pos < len && ((c = text.charCodeAt(pos)) === SPACE || c === LF || c === CR || c === TAB)) pos++;
      if (container === undefined) {
        // The root is complete: only whitespace may follow.
        if (pos !== len || root === undefined) return undefined;
        delete root.parent; // as parseTree does
        return root;
      }
      if (pos >= len) return undefined;
      c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos++;
        while (pos < len && ((c = text.charCodeAt(pos)) === SPACE || c === LF || c === CR || c === TAB)) pos++;
        if (container.type === 'object') {
          owner = scanPropertyHead(text, pos, container);
          if (owner === undefined) return undefined;
          pos = propertyValueStart;
        } else {
          owner = container;
        }
        continue value;
      }
      if (c !== (container.type === 'object' ? CLOSE_BRACE : CLOSE_BRACKET)) return undefined;
      pos++;
      container.length = pos - container.offset;
      owner = container.parent;
      stack.pop();
      container = stack.length > 0 ? stack[stack.length - 1] : undefined;
    }
  }
}

/** Where the value of the property scanned last by scanPropertyHead starts. */
let propertyValueStart = 0;

/**
 * Scans `"key"` `:` at `pos` (a property of `object`): adds the property node (with its key node)
 * to the object and returns it; sets propertyValueStart past the colon and whitespace.
 * Undefined when the text there is not a key and a colon.
 */
function scanPropertyHead(text: string, pos: number, object: MutableNode): MutableNode | undefined {
  if (text.charCodeAt(pos) !== QUOTE) return undefined;
  const keyEnd = scanString(text, pos + 1);
  if (keyEnd < 0) return undefined;
  const property: MutableNode = { type: 'property', offset: pos, length: -1, parent: object, children: [], colonOffset: -1 };
  object.children!.push(property);
  property.children!.push({ type: 'string', value: scannedString, offset: pos, length: keyEnd - pos, parent: property });
  const len = text.length;
  let c = 0;
  pos = keyEnd;
  while (pos < len && ((c = text.charCodeAt(pos)) === SPACE || c === LF || c === CR || c === TAB)) pos++;
  if (pos >= len || c !== COLON) return undefined;
  property.colonOffset = pos;
  pos++;
  while (pos < len && ((c = text.charCodeAt(pos)) === SPACE || c === LF || c === CR || c === TAB)) pos++;
  propertyValueStart = pos;
  return property;
}

/**
 * Scans a string whose opening quote is just before `pos`: returns the position after the closing
 * quote and sets scannedString to the decoded value, or returns -1 when the string is not strict
 * JSON (unterminated, raw control character, bad escape).
 */
function scanString(text: string, pos: number): number {
  const len = text.length;
  const start = pos;
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      scannedString = text.slice(start, pos);
      return pos + 1;
    }
    if (c === BACKSLASH) return scanEscapedString(text, start, pos);
    if (c < SPACE) return -1;
    pos++;
  }
  return -1;
}

/** scanString's slow path, from the first backslash at `pos` on: decodes the escapes. */
function scanEscapedString(text: string, start: number, pos: number): number {
  const len = text.length;
  let result = text.slice(start, pos);
  let segmentStart = pos;
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      scannedString = result + text.slice(segmentStart, pos);
      return pos + 1;
    }
    if (c === BACKSLASH) {
      result += text.slice(segmentStart, pos);
      const e = text.charCodeAt(pos + 1);
      switch (e) {
        case QUOTE:
          result += '"';
          break;
        case BACKSLASH:
          result += '\\';
          break;
        case SLASH:
          result += '/';
          break;
        case 98 /* b */:
          result += '\b';
          break;
        case 102 /* f */:
          result += '\f';
          break;
        case 110 /* n */:
          result += '\n';
          break;
        case 114 /* r */:
          result += '\r';
          break;
        case 116 /* t */:
          result += '\t';
          break;
        case 117 /* u */: {
          let code = 0;
          for (let i = pos + 2; i < pos + 6; i++) {
            const h = text.charCodeAt(i);
            let digit: number;
            if (h >= ZERO && h <= NINE) digit = h - ZERO;
            else if (h >= 65 && h <= 70)
              digit = h - 55; // A-F
            else if (h >= 97 && h <= 102)
              digit = h - 87; // a-f
            else return -1; // also past the end (NaN)
            code = code * 16 + digit;
          }
          // Each \uXXXX is one UTF-16 code unit, surrogate halves included (as JSON.parse and parseTree do).
          result += String.fromCharCode(code);
          pos += 4;
          break;
        }
        default:
          return -1; // an invalid escape, or the text ends after the backslash
      }
      pos += 2;
      segmentStart = pos;
      continue;
    }
    if (c < SPACE) return -1;
    pos++;
  }
  return -1;
}

/**
 * Scans a number at `pos` (its `-` or first digit) as RFC 8259 defines it:
 * `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`. Returns the position after it, or -1.
 * What follows (e.g. the `1` of `01`) is the caller's to check.
 */
function scanNumber(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  if (c === MINUS) c = text.charCodeAt(++pos);
  if (c === ZERO) {
    c = text.charCodeAt(++pos);
  } else if (c > ZERO && c <= NINE) {
    do c = text.charCodeAt(++pos);
    while (c >= ZERO && c <= NINE);
  } else {
    return -1;
  }
  if (c === DOT) {
    c = text.charCodeAt(++pos);
    if (!(c >= ZERO && c <= NINE)) return -1;
    do c = text.charCodeAt(++pos);
    while (c >= ZERO && c <= NINE);
  }
  if (c === LOWER_E || c === UPPER_E) {
    c = text.charCodeAt(++pos);
    if (c === PLUS || c === MINUS) c = text.charCodeAt(++pos);
    if (!(c >= ZERO && c <= NINE)) return -1;
    do c = text.charCodeAt(++pos);
    while (c >= ZERO && c <= NINE);
  }
  return pos;
}

/**
 * jsonc-parser's parseTree, which never throws: it recurses once per nesting level and so overflows
 * the stack on pathological nesting (some thousands of levels). Then the document gets no tree and
 * one error (InvalidSymbol: there is no code for "too deep") where the nesting passes MAX_DEPTH,
 * after the errors parseTree reported before it gave up.
 */
export function parseTreeNoThrow(text: string, errors: ParseError[], options?: ParseOptions): Node | undefined {
  try {
    return parseTree(text, errors, options);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const offset = tooDeepOffset(text);
    errors.push({ error: 1 /* ParseErrorCode.InvalidSymbol */, offset, length: 1 });
    return undefined;
  }
}

/** The offset of the first `{` or `[` (outside strings) nested deeper than MAX_DEPTH, or 0. */
export function tooDeepOffset(text: string): number {
  let depth = 0;
  for (let pos = 0; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_DEPTH) return pos;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth > 0) depth--;
    } else if (c === QUOTE) {
      for (pos++; pos < text.length; pos++) {
        const s = text.charCodeAt(pos);
        if (s === BACKSLASH) pos++;
        else if (s === QUOTE || s === LF || s === CR) break;
      }
    }
  }
  return 0;
}
