/**
 * The tree of a literal object or tuple (`jsonencode({ Version = "2012-10-17", Statement = [...] })`), built here
 * instead of by tree-sitter: the parser's copy of a tree costs a call into WebAssembly per node, a little over a
 * microsecond each, and such a collection is a node for every `{`, `=`, `,`, string and wrapper of it (a policy
 * of 3 KB about 800 nodes), so reading a policy written as `jsonencode` cost four times its analysis (bench
 * terraform). No maintained HCL parser for JavaScript gives source ranges but tree-sitter's, so the few forms of
 * the grammar a literal collection is made of are read here, and only those: keys that are names or strings, `=`
 * or `:`, values that are strings without holes, numbers, `true`, `false`, `null` and such collections, white
 * space and commas between. Anything else (a comment, a hole, a reference, an operator, a character past ASCII
 * in a name) ends the reading of that collection and tree-sitter reads it as before.
 *
 * The nodes are those of make_grammar.js of tree-sitter-hcl 1.2 as the parser's copy has them (hclParser.ts
 * `copyErrorFree`: no `template_literal`, a `string_lit`'s two quotes as its children), so a reader cannot tell
 * them from tree-sitter's: `hclLiteralMask.ts` hands tree-sitter the text with each collection's inside left
 * out (`{}`), the parser takes this tree where tree-sitter's has that collection as an empty one, and
 * hclLiteralCollections.test.ts compares the result with tree-sitter's own for the corpus and random texts.
 */
import { isHclNameChar, isHclNameStart, type HclNode } from '../core';

/** The children of every leaf: one shared empty list. */
export const NO_CHILDREN: readonly HclNode[] = Object.freeze([]);

/** What one reading found: the collection's node when it is literal, and the literal collections inside it that it read to their end either way. */
export interface CollectionReading {
  readonly node: HclNode | undefined;
  /** Every literal collection inside it read to its end, by the offset of its `{` or `[` (the node's own too, when it is literal). */
  readonly complete: ReadonlyMap<number, HclNode>;
  /** The offsets of the collections still open where the reading stopped: none of them is literal. */
  readonly open: readonly number[];
  /**
   * The reading stopped at a collection nested deeper than MAX_LITERAL_DEPTH in it: the text's tree is left to
   * tree-sitter from there on, so that no tree is deeper than its parse would give (the copy of a tree some
   * thousand levels deep is a text that does not parse, hclParser.ts).
   */
  readonly tooDeep: boolean;
}

/** How deep a literal collection may nest (an IAM policy nests a few levels). */
export const MAX_LITERAL_DEPTH = 256;

/** Reads the collection whose `{` or `[` is at `at`. */
export function readLiteralCollection(text: string, at: number): CollectionReading {
  const complete = new Map<number, HclNode>();
  const open: number[] = [];
  let p = at;
  const n = text.length;

  const skipSpace = () => {
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 32 || c === 9 || c === 10 || c === 13) p++;
      else break;
    }
  };

  /** An anonymous token of `length` characters at p. */
  const token = (type: string, length: number): HclNode => {
    const node = { type, start: p, end: p + length, named: false, error: false, hasError: false, children: NO_CHILDREN };
    p += length;
    return node;
  };

  let tooDeep = false;
  const collection = (): HclNode | undefined => {
    const start = p;
    const isObject = text.charCodeAt(p) === 123;
    if (open.length >= MAX_LITERAL_DEPTH) {
      tooDeep = true;
      return undefined;
    }
    open.push(start);
    const startToken = named(isObject ? 'object_start' : 'tuple_start', [token(isObject ? '{' : '[', 1)]);
    const children: HclNode[] = [startToken];
    const closing = isObject ? 125 : 93;
    // Elements, each after a comma but the first; in an object the comma between two is optional (the grammar's
    // `repeat(seq(optional(","), object_elem))`), in a tuple it is not; a comma may end the list.
    let afterComma = true;
    for (;;) {
      skipSpace();
      if (p >= n) return undefined;
      const c = text.charCodeAt(p);
      if (c === closing) break;
      if (c === 44 /* , */) {
        if (afterComma) return undefined; // `{,` or `,,`
        children.push(token(',', 1));
        afterComma = true;
        continue;
      }
      if (!afterComma && !isObject) return undefined;
      const element = isObject ? objectElement() : value();
      if (!element) return undefined;
      children.push(element);
      afterComma = false;
    }
    children.push(named(isObject ? 'object_end' : 'tuple_end', [token(isObject ? '}' : ']', 1)]));
    open.pop();
    const node = named(isObject ? 'object' : 'tuple', children);
    complete.set(start, node);
    return node;
  };

  const objectElement = (): HclNode | undefined => {
    const key = keyExpression();
    if (!key) return undefined;
    skipSpace();
    const c = text.charCodeAt(p);
    const next = text.charCodeAt(p + 1);
    // `==`, `=>` and `::` are other tokens of the grammar.
    if (!((c === 61 /* = */ && next !== 61 && next !== 62) || (c === 58 /* : */ && next !== 58))) return undefined;
    const separator = token(c === 61 ? '=' : ':', 1);
    skipSpace();
    const val = value();
    return val && named('object_elem', [key, separator, val]);
  };

  /** A key: a name (`Version`: a variable_expr to the grammar; `true`, `false` and `null` are literals) or a string. */
  const keyExpression = (): HclNode | undefined => {
    const c = text.charCodeAt(p);
    if (c === 34) return expression('literal_value', stringLit());
    const start = p;
    if (!isHclNameStart(c)) return undefined;
    while (p < n && isHclNameChar(text.charCodeAt(p))) p++;
    if (!nameEnds(text, p)) return undefined;
    const name = text.slice(start, p);
    const literal = keyword(name, start);
    if (literal !== undefined) return literal ? expression('literal_value', literal) : undefined;
    return expression('variable_expr', named('identifier', NO_CHILDREN, start, p));
  };

  const value = (): HclNode | undefined => {
    const c = text.charCodeAt(p);
    if (c === 34) return expression('literal_value', stringLit());
    if (c === 123 || c === 91) return expression('collection_value', collection());
    if (c >= 48 && c <= 57) return expression('literal_value', numericLit());
    const start = p;
    if (!isHclNameStart(c)) return undefined;
    while (p < n && isHclNameChar(text.charCodeAt(p))) p++;
    if (!nameEnds(text, p)) return undefined;
    // A name as a value refers to something (a variable, `each`): not literal.
    const literal = keyword(text.slice(start, p), start);
    return literal ? expression('literal_value', literal) : undefined;
  };

  /**
   * `true`, `false` and `null` as their nodes; false for the names the grammar uses as keywords in a collection
   * (`for`, `in`, `if`, `else`, `endif`, `endfor`: not read here); undefined for any other name.
   */
  const keyword = (name: string, start: number): HclNode | false | undefined => {
    if (name === 'true' || name === 'false')
      return named('bool_lit', [{ type: name, start, end: p, named: false, error: false, hasError: false, children: NO_CHILDREN }]);
    if (name === 'null') return named('null_lit', NO_CHILDREN, start, p);
    return KEYWORDS.has(name) ? false : undefined;
  };

  /** `[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?`, the grammar's decimal literal, followed by no name or number character. */
  const numericLit = (): HclNode | undefined => {
    const start = p;
    const digits = () => {
      const from = p;
      while (p < n && isDigit(text.charCodeAt(p))) p++;
      return p > from;
    };
    digits();
    if (text.charCodeAt(p) === 46 /* . */ && isDigit(text.charCodeAt(p + 1))) {
      p++;
      digits();
      const e = text.charCodeAt(p);
      if (e === 101 || e === 69) {
        const save = p;
        p++;
        const sign = text.charCodeAt(p);
        if (sign === 43 || sign === 45) p++;
        if (!digits()) p = save;
      }
    }
    const after = text.charCodeAt(p);
    if (p < n && (isHclNameChar(after) || after === 46 || after > 127)) return undefined; // `0x1F`, `1e5`, `1.`, `2abc`
    return named('numeric_lit', NO_CHILDREN, start, p);
  };

  /** A quoted string without holes (`${`, `%{`) on one line, its escapes as the mask module reads them. */
  const stringLit = (): HclNode | undefined => {
    const start = p;
    p++;
    for (;;) {
      if (p >= n) return undefined;
      const c = text.charCodeAt(p);
      if (c === 34) break;
      // A control character (NUL ends the scanner's reading) is left to tree-sitter, as a line break is.
      if (c < 32 && c !== 9) return undefined;
      if (c === 92 /* \ */) {
        const length = escapeLength(text, p);
        if (length === 0) return undefined;
        p += length;
      } else if (c === 36 /* $ */ || c === 37 /* % */) {
        const length = literalSequenceLength(text, p);
        if (length === 0) return undefined; // a hole or a directive
        p += length;
      } else p++;
    }
    p++;
    const quote = (at: number): HclNode => ({
      type: at === start ? 'quoted_template_start' : 'quoted_template_end',
      start: at,
      end: at + 1,
      named: true,
      error: false,
      hasError: false,
      children: NO_CHILDREN,
    });
    return named('string_lit', [quote(start), quote(p - 1)]);
  };

  const node = collection();
  return { node, complete, open: node ? [] : open, tooDeep };
}

/** The names that are keywords somewhere in the grammar's expressions. */
const KEYWORDS: ReadonlySet<string> = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor']);

/** A named node around its children (or a leaf from `start` to `end`). */
function named(type: string, children: readonly HclNode[], start = children[0].start, end = children[children.length - 1].end): HclNode {
  return { type, start, end, named: true, error: false, hasError: false, children };
}

/** `expression` around `inner`'s wrapper (`literal_value`, `collection_value`, `variable_expr`); undefined when inner is. */
function expression(wrapper: string, inner: HclNode | undefined): HclNode | undefined {
  return inner && named('expression', [named(wrapper, [inner])]);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a name ends at `p`: not at a character past ASCII (it may go on there) nor at `::` (part of the name to the grammar). */
function nameEnds(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return !(c > 127 || (c === 58 && text.charCodeAt(p + 1) === 58));
}

/**
 * The length of the backslash escape at `p` of a quoted string (`\"`, `\n`, `\r`, `\t`, `\\`, `\uXXXX`,
 * `\UXXXXXXXX`, as scanner.c reads them); 0 for any other, which the grammar rejects.
 */
export function escapeLength(text: string, p: number): number {
  const e = text.charCodeAt(p + 1);
  if (e === 34 || e === 110 || e === 114 || e === 116 || e === 92) return 2;
  if (e === 117 /* u */ && hexDigits(text, p + 2, 4)) return 6;
  if (e === 85 /* U */ && hexDigits(text, p + 2, 8)) return 10;
  return 0;
}

/**
 * The length of the literal text a `$` or `%` at `p` of a template starts: `$${` and `%%{` (an escape, 3), `$$`
 * and `%%` (one token, 2), a lone one (1); 0 when it opens a hole (`${`) or a directive (`%{`).
 */
export function literalSequenceLength(text: string, p: number): number {
  const c = text.charCodeAt(p);
  const next = text.charCodeAt(p + 1);
  if (next === 123) return 0;
  if (next !== c) return 1;
  return text.charCodeAt(p + 2) === 123 ? 3 : 2;
}

function hexDigits(text: string, from: number, count: number): boolean {
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
