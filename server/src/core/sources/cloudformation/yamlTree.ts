/**
 * YAML text -> a tree of exactly jsonc-parser's node shape (type, offset, length, children, value, parent,
 * colonOffset), with offsets into the YAML text, so the policy model and every check run unchanged on YAML.
 * Strings also say where their characters are (`SourceNode.offsets`): plain scalars have no quotes, single-
 * quoted ones escape `'` as `''`, double-quoted ones use backslash escapes, folded ones join lines.
 * CloudFormation's short forms (`!Ref X`, `!Sub ...`, `!GetAtt A.B` ...) become the objects they stand for
 * (`{"Ref": "X"}`), the key's range being the tag, so JSON and YAML templates read the same.
 *
 * Positions come from the parse tree (the `yaml` package's nodes and its concrete syntax tokens).
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode, type Scalar, type YAMLMap } from 'yaml';
import type { CharOffsets, MutableNode, SourceNode, SyntaxProblem } from '../../model/policy';
import { SHORT_FORM_TAGS } from './intrinsics';

export interface YamlTree {
  readonly root: SourceNode | undefined;
  /** The parser's errors (not its warnings: unknown tags such as `!Ref` are warnings). */
  readonly errors: readonly SyntaxProblem[];
  /**
   * What strict YAML 1.2 rejects and CloudFormation's parser reads (see `readAsCloudFormation`), each on its
   * offending line: the tree is the template as CloudFormation reads it.
   */
  readonly lenient: readonly SyntaxProblem[];
}

/** A concrete-syntax token as the `yaml` package keeps it (`keepSourceTokens`). */
interface SourceToken {
  readonly type: string;
  readonly offset: number;
  readonly source?: string;
}
interface SourceItem {
  readonly start?: readonly SourceToken[];
  readonly sep?: readonly SourceToken[];
}

export function parseYamlTree(text: string): YamlTree {
  const strict = parseYaml(text);
  const read = strict.errors.length > 0 ? readAsCloudFormation(text, strict) : undefined;
  const doc = read?.doc ?? strict;
  const errors = doc.errors.map((e) => ({ message: e.message, range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) } }));
  const root = doc.contents ? convert(doc.contents, text, undefined) : undefined;
  return { root, errors, lenient: read?.lenient ?? [] };
}

function parseYaml(text: string): Document.Parsed {
  // uniqueKeys: false: a duplicate key in a policy is duplicate-key's finding, at the exact key.
  return parseDocument(text, { keepSourceTokens: true, uniqueKeys: false, prettyErrors: false });
}

/** The most under-indented quoted strings read leniently in one template. */
const MAX_LENIENT_SCALARS = 100;

/**
 * The template as CloudFormation's YAML parser reads it where strict YAML 1.2 rejects it: a multi-line quoted
 * string with a line indented no deeper than its key (the `yaml` package ends the string there, and the rest
 * of the document falls apart). CloudFormation reads YAML 1.1 with a PyYAML-style scanner (cfn-lint, AWS's
 * linter, uses PyYAML), which ends a quoted string only at its closing quote and rejects only a document marker
 * (`---`, `...`) at the start of a line inside it, or the end of the text; PyYAML parses
 * `Desc: "first line\n  second"` under a deeper key as "first line second". The `yaml` package's maintainers
 * call this input invalid YAML that "several YAML processors allow" (eemeli/yaml#176). Each such string is read
 * on a copy of the text of the same length with its line breaks blanked, and its value is its lines folded as
 * YAML folds them. Undefined when the first error is another one, or an error remains: the strict errors stand.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 */
function readAsCloudFormation(text: string, strict: Document.Parsed): { doc: Document.Parsed; lenient: SyntaxProblem[] } | undefined {
  let doc = strict;
  let current = text;
  const values = new Map<number, string>();
  const lenient: SyntaxProblem[] = [];
  while (lenient.length < MAX_LENIENT_SCALARS) {
    const first = doc.errors[0];
    if (!first || first.code !== 'MISSING_CHAR' || !first.message.startsWith('Missing closing')) break;
    const scalar = quotedScalarAt(doc, first.pos[0]);
    if (!scalar?.range) break;
    const open = scalar.range[0];
    const close = closingQuote(text, open);
    const value = close < 0 ? undefined : foldedValue(text.slice(open, close + 1));
    if (value === undefined) break;
    // The offending line: the one where the strict parser ended the string.
    const lineStart = text.indexOf('\n', scalar.range[1]) + 1;
    if (lineStart <= 0 || lineStart > close) break;
    let start = lineStart;
    while (text[start] === ' ' || text[start] === '\t') start++;
    let end = text.indexOf('\n', start);
    if (end < 0 || end > close) end = Math.min(close + 1, text.length);
    if (text[end - 1] === '\r') end--;
    lenient.push({
      message:
        'This line of a multi-line quoted string is indented no deeper than its key: CloudFormation reads it (as one string, its lines joined by spaces), strict YAML parsers and editors do not. Indent it deeper than the key, or use a block scalar (| or >)',
      range: { start, end: Math.max(end, start) },
    });
    values.set(open, value);
    current = blankLineBreaks(current, open, close);
    doc = parseYaml(current);
  }
  // Still an error after them: the strict reading's first error stands (the template does not parse either way).
  if (lenient.length === 0 || doc.errors.length > 0) return undefined;
  // The strings' values as CloudFormation reads them.
  visit(doc, {
    Scalar(_, node) {
      const value = node.range ? values.get(node.range[0]) : undefined;
      if (value !== undefined) node.value = value;
    },
  });
  return { doc, lenient };
}

/** The quoted scalar the strict parser ended early (its range holds the error's offset). */
function quotedScalarAt(doc: Document.Parsed, offset: number): Scalar | undefined {
  let found: Scalar | undefined;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[0] <= offset && offset <= node.range[1]) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The closing quote of the quoted string opened at `open`, as a PyYAML-style scanner finds it (escapes: `\x` in
 * double quotes, `''` in single quotes), or -1 when a line inside starts with a document marker or the text ends.
 */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote === '"' && ch === '\\' && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
    else if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    } else if (ch === '\n') {
      const marker = text.slice(i + 1, i + 4);
      const after = text[i + 4];
      if ((marker === '---' || marker === '...') && (after === undefined || after === ' ' || after === '\t' || after === '\n' || after === '\r')) return -1;
    }
  }
  return -1;
}

/** The value of a quoted string's source whose lines may be under-indented: re-indented, its lines fold the same. */
function foldedValue(source: string): string | undefined {
  const doc = parseDocument(`x: ${source.replace(/\n/g, '\n ')}`, { prettyErrors: false });
  const value: unknown = doc.errors.length === 0 ? doc.get('x') : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The text with the line breaks between two offsets made spaces: the same length, one line. */
function blankLineBreaks(text: string, from: number, to: number): string {
  return text.slice(0, from) + text.slice(from, to).replace(/[\r\n]/g, ' ') + text.slice(to);
}

/** The offset of a tag token among a collection item's tokens, after the `:` when there is one. */
function tagIn(tokens: readonly SourceToken[] | undefined, afterColon: boolean): SourceToken | undefined {
  if (!tokens) return undefined;
  let seenColon = !afterColon;
  for (const t of tokens) {
    if (t.type === 'map-value-ind') seenColon = true;
    else if (seenColon && t.type === 'tag') return t;
  }
  return undefined;
}

function convert(node: YamlNode, text: string, parent: MutableNode | undefined, tag?: SourceToken): MutableNode {
  const fn = node.tag ? SHORT_FORM_TAGS.get(node.tag) : undefined;
  if (fn) {
    // `!Sub x` is `{"Fn::Sub": x}`: an object node from the tag to the end of the value.
    const start = tag?.offset ?? nodeStart(node);
    const end = nodeEnd(node);
    const object: MutableNode = { type: 'object', offset: start, length: end - start, parent };
    const property: MutableNode = { type: 'property', offset: start, length: end - start, parent: object, colonOffset: -1 };
    const keyLength = tag?.source?.length ?? 0;
    const key: MutableNode = { type: 'string', value: fn, offset: start, length: keyLength, parent: property, offsets: false };
    property.children = [key, convertUntagged(node, text, property)];
    object.children = [property];
    return object;
  }
  return convertUntagged(node, text, parent);
}

function nodeStart(node: YamlNode): number {
  return node.range?.[0] ?? 0;
}

function nodeEnd(node: YamlNode): number {
  return node.range?.[1] ?? nodeStart(node);
}

function convertUntagged(node: YamlNode, text: string, parent: MutableNode | undefined): MutableNode {
  const offset = nodeStart(node);
  const length = nodeEnd(node) - offset;
  if (isMap(node)) return convertMap(node, text, parent, offset, length);
  if (isSeq(node)) {
    const out: MutableNode = { type: 'array', offset, length, parent };
    const items = (node.srcToken as { items?: readonly SourceItem[] } | undefined)?.items;
    out.children = node.items.flatMap((item, i) =>
      item && typeof item === 'object' && 'range' in item ? [convert(item as YamlNode, text, out, tagIn(items?.[i]?.start, false))] : [],
    );
    return out;
  }
  if (isScalar(node)) return convertScalar(node, text, parent, offset, length);
  if (isAlias(node)) {
    // An alias stands for a node elsewhere: an opaque value, so that no check judges it.
    return { type: 'string', value: '*', offset, length, parent, offsets: false, intrinsic: { fn: 'YAML alias', exact: false, refs: [] } };
  }
  return { type: 'null', value: null, offset, length, parent };
}

function convertMap(node: YAMLMap, text: string, parent: MutableNode | undefined, offset: number, length: number): MutableNode {
  const out: MutableNode = { type: 'object', offset, length, parent, children: [] };
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue; // complex keys never appear in templates
    const keyScalar = pair.key;
    const keyStart = nodeStart(keyScalar);
    const item = pair.srcToken as SourceItem | undefined;
    const colon = item?.sep?.find((t) => t.type === 'map-value-ind');
    const property: MutableNode = { type: 'property', offset: keyStart, length: 0, parent: out, colonOffset: colon ? colon.offset : -1 };
    const key = convertScalar(keyScalar, text, property, keyStart, nodeEnd(keyScalar) - keyStart);
    key.type = 'string';
    key.value = String(keyScalar.value);
    const valueNode = pair.value as YamlNode | null;
    const children = [key];
    let end = colon ? colon.offset + 1 : key.offset + key.length;
    if (valueNode && typeof valueNode === 'object') {
      const value = convert(valueNode, text, property, tagIn(item?.sep, true));
      // `Key:` with nothing after it is an empty (null) scalar at the colon: keep it, as a value that is missing.
      children.push(value);
      end = Math.max(end, value.offset + value.length);
    }
    property.children = children;
    property.length = end - keyStart;
    out.children!.push(property);
  }
  return out;
}

function convertScalar(node: Scalar, text: string, parent: MutableNode | undefined, offset: number, length: number): MutableNode {
  const value = node.value;
  if (typeof value === 'string') return { type: 'string', value, offset, length, parent, offsets: scalarOffsets(node, text, value) };
  if (typeof value === 'number' || typeof value === 'bigint') return { type: 'number', value: Number(value), offset, length, parent };
  if (typeof value === 'boolean') return { type: 'boolean', value, offset, length, parent };
  if (value === null || value === undefined) return { type: 'null', value: null, offset, length, parent };
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- not reached: the core schema (the default) gives strings, numbers, booleans and null only.
  return { type: 'string', value: String(value), offset, length, parent, offsets: false };
}

/** Where the characters of a string scalar are (see CharOffsets). */
function scalarOffsets(node: Scalar, text: string, value: string): CharOffsets {
  const start = nodeStart(node);
  const raw = text.slice(start, nodeEnd(node));
  switch (node.type) {
    case 'PLAIN':
      return raw === value ? start : false;
    case 'QUOTE_SINGLE':
      return quotedOffsets(raw, start, value, (r, i) => (r.charCodeAt(i) === 39 && r.charCodeAt(i + 1) === 39 ? 2 : 1));
    case 'QUOTE_DOUBLE':
      return quotedOffsets(raw, start, value, doubleQuotedEscapeLength);
    default:
      return false; // block scalars: the content starts after the header line and lines are joined
  }
}

/**
 * Offsets of a quoted scalar's characters, given how many source characters each decoded one takes. Multi-line
 * quoted scalars fold their line breaks: not mapped.
 */
function quotedOffsets(raw: string, start: number, value: string, width: (raw: string, i: number) => number): CharOffsets {
  const content = raw.slice(1, -1);
  if (content.includes('\n') || content.includes('\r')) return false;
  if (content === value) return start + 1;
  const out: number[] = [];
  let i = 0;
  while (i < content.length && out.length < value.length) {
    out.push(start + 1 + i);
    i += width(content, i);
  }
  if (out.length !== value.length || i !== content.length) return false;
  out.push(start + 1 + i);
  return out;
}

/** Source length of one character of a double-quoted YAML scalar (escapes: `\x41`, `\u0041`, `\U00000041`, `\n` ...). */
function doubleQuotedEscapeLength(raw: string, i: number): number {
  if (raw.charCodeAt(i) !== 92 /* \ */) return 1;
  switch (raw[i + 1]) {
    case 'x':
      return 4;
    case 'u':
      return 6;
    case 'U':
      return 10; // may decode to two UTF-16 units: then the lengths differ and nothing is mapped
    default:
      return 2;
  }
}
