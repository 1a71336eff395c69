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
import { scanAsCloudFormation, type UnderIndented } from './cloudFormationYaml';
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
  const read = strict.errors.length > 0 ? readAsCloudFormation(text) : undefined;
  const doc = read?.doc ?? strict;
  const errors = doc.errors.map((e) => ({ message: e.message, range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) } }));
  const root = doc.contents ? convert(doc.contents, text, undefined) : undefined;
  return { root, errors, lenient: read?.lenient ?? [] };
}

function parseYaml(text: string): Document.Parsed {
  // uniqueKeys: false: a duplicate key in a policy is duplicate-key's finding, at the exact key.
  return parseDocument(text, { keepSourceTokens: true, uniqueKeys: false, prettyErrors: false });
}

const QUOTED_WARNING =
  'This line of a multi-line quoted string is indented no deeper than its key: CloudFormation reads it (as one string, its lines joined by spaces), strict YAML parsers and editors do not. Indent it deeper than the key, or use a block scalar (| or >)';
const FLOW_WARNING =
  'This line of a flow collection ([...] or {...}) is indented no deeper than its key: CloudFormation reads it (indentation does not count inside brackets for its parser), strict YAML parsers and editors do not. Indent it deeper than the key';

/**
 * The template as CloudFormation's YAML parser reads it where strict YAML 1.2 rejects it (see
 * cloudFormationYaml.ts): a multi-line quoted string or a flow collection with a line indented no deeper than its
 * key. One scan finds them all; the text is read once more, as a copy of the same length with their line breaks
 * (and a flow collection's comments) made spaces, and each string whose line breaks were blanked gets its lines
 * folded as YAML folds them. Each gets a warning on the line strict YAML rejects. Undefined when there are none,
 * when CloudFormation rejects the text too, or when an error remains: the strict errors stand.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 */
function readAsCloudFormation(text: string): { doc: Document.Parsed; lenient: SyntaxProblem[] } | undefined {
  const found = scanAsCloudFormation(text);
  if (!found || found.length === 0) return undefined;
  const current = blanked(text, found);
  const doc = parseYaml(current);
  if (doc.errors.length > 0) return undefined;
  // Each one is the node the scan says it is (the same prefix lexes the same way), and blanked strings are folded.
  const quoted = new Map(found.filter((f) => f.kind === 'quoted').map((f) => [f.open, f.close]));
  const flows = new Map(found.filter((f) => f.kind === 'flow').map((f) => [f.open, f.close]));
  let matched = 0;
  const blankedScalars: Scalar[] = [];
  const collection = (node: YamlNode) => {
    if ((isMap(node) || isSeq(node)) && node.flow && node.range && flows.get(node.range[0]) === node.range[1] - 1) matched++;
  };
  visit(doc, {
    Map: (_, node) => collection(node),
    Seq: (_, node) => collection(node),
    Scalar(_, node) {
      if (!node.range) return;
      const [start, end] = node.range;
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && quoted.get(start) === end - 1) matched++;
      if (text.slice(start, end) !== current.slice(start, end)) blankedScalars.push(node);
    },
  });
  if (matched !== found.length) return undefined;
  const values = foldedValues(blankedScalars.map((node) => ({ source: text.slice(node.range![0], node.range![1]), plain: node.type === 'PLAIN' })));
  if (!values) return undefined;
  blankedScalars.forEach((node, i) => (node.value = values[i]));
  const lenient = found
    .map((f) => ({ message: f.kind === 'quoted' ? QUOTED_WARNING : FLOW_WARNING, range: lineRange(text, f.line, f.close) }))
    .sort((a, b) => a.range.start - b.range.start);
  return { doc, lenient };
}

/** The rejected line from its first character to its end (or the closing quote or bracket on it). */
function lineRange(text: string, start: number, close: number): { start: number; end: number } {
  let end = text.indexOf('\n', start);
  if (end < 0 || end > close) end = Math.min(close + 1, text.length);
  if (text[end - 1] === '\r') end--;
  return { start, end: Math.max(end, start) };
}

/**
 * The text with the line breaks of each quoted string and flow collection, and a flow collection's comments, made
 * spaces: the same length, each on one line.
 */
function blanked(text: string, found: readonly UnderIndented[]): string {
  const outer = [...found].sort((a, b) => a.open - b.open);
  const parts: string[] = [];
  let done = 0;
  for (const f of outer) {
    if (f.open < done) continue; // inside a flow collection already blanked
    let part = text.slice(f.open, f.close + 1);
    for (const [from, to] of f.comments) part = part.slice(0, from - f.open) + ' '.repeat(to - from) + part.slice(to - f.open);
    parts.push(text.slice(done, f.open), part.replace(/[\r\n]/g, ' '));
    done = f.close + 1;
  }
  parts.push(text.slice(done));
  return parts.join('');
}

/**
 * The values of quoted and plain scalars' sources whose lines may be under-indented, read together: each
 * re-indented as an item of one list (a plain one in a flow sequence, where it was), its lines fold the same.
 */
function foldedValues(scalars: readonly { source: string; plain: boolean }[]): string[] | undefined {
  if (scalars.length === 0) return [];
  const list = scalars.map(({ source, plain }) => {
    const indented = source.replace(/\n/g, '\n  ');
    return plain ? `- [${indented}]` : `- ${indented}`;
  });
  const doc = parseDocument(list.join('\n'), { prettyErrors: false });
  const items = isSeq(doc.contents) ? doc.contents.items : [];
  if (doc.errors.length > 0 || items.length !== scalars.length) return undefined;
  const values: string[] = [];
  for (const [i, item] of items.entries()) {
    const scalar = scalars[i].plain ? (isSeq(item) && item.items.length === 1 ? item.items[0] : undefined) : item;
    const value: unknown = isScalar(scalar) ? scalar.value : undefined;
    if (typeof value !== 'string') return undefined;
    values.push(value);
  }
  return values;
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
