/**
 * Where the cursor is in a policy, from the parse tree: a key position (a property name, or whitespace
 * where one can go) or a value position (a value, or the place after a colon or inside an array),
 * with the chain of property names from the policy root. Completion and hover start here.
 */
import { findNodeAtOffset, type Node as JsonNode } from 'jsonc-parser';
import type { PolicyDocument, Range, SourceNode, Statement } from '../model/policy';

export interface CursorBase {
  /**
   * Property names from the policy root to the object being edited (key) or to the property whose value
   * is edited (value). Array indices are left out: `["Statement", "Condition", "StringEquals"]`.
   */
  readonly path: readonly string[];
  /** The statement around the cursor, if any. */
  readonly statement?: Statement;
  /** True inside a string token (the text to insert needs no quotes). */
  readonly inString: boolean;
  /** Inside a string: the string's content from its start to the cursor. */
  readonly prefix: string;
  /** What a completion replaces: a string's content, or an empty range at the cursor. */
  readonly replace: Range;
  /**
   * How the string at the cursor is quoted: `"` (JSON, YAML double-quoted), `'` (YAML single-quoted), `''` for
   * a YAML plain scalar and outside strings.
   */
  readonly quote: '"' | "'" | '';
  /** The whole string token at the cursor (quotes included), when in one. */
  readonly token?: Range;
  /**
   * A JSON string without its closing quote (the token runs to the end of the line, over whatever follows the
   * cursor): `replace` ends at the cursor, and the inserted text closes the string.
   */
  readonly unclosed?: boolean;
}

export interface KeyCursor extends CursorBase {
  readonly kind: 'key';
  /** The object the key is (to be) a property of. */
  readonly object: JsonNode;
  /** Keys the object already has (besides the one being typed). */
  readonly existingKeys: readonly string[];
  /** Whether the key being typed already has a colon (insert only the name). */
  readonly hasColon: boolean;
}

export interface ValueCursor extends CursorBase {
  readonly kind: 'value';
  /** The property whose value is being edited (its key is the last element of `path`). */
  readonly property: JsonNode;
  /** The value is an element of an array. */
  readonly inArray: boolean;
}

export type Cursor = KeyCursor | ValueCursor;

export function locate(doc: PolicyDocument, offset: number): Cursor | undefined {
  const root = doc.root;
  if (!root || root.type !== 'object') return undefined;
  if (offset <= root.offset || offset > root.offset + root.length) return undefined;
  const node = findNodeAtOffset(root, offset, true);
  if (!node) return undefined;
  const text = doc.text;
  // `<=`: a YAML statement ends where its last value ends, and the cursor may be right there.
  const statement = doc.statements.find((s) => s.range.start < offset && offset <= s.range.end);

  if (node.type === 'string') {
    const content = stringContent(text, node);
    if (!content || offset < content.start || offset > content.end) return undefined; // on a quote's outer side
    const prefix = text.slice(content.start, offset);
    const replace = { start: content.start, end: content.closed ? content.end : offset };
    const quoting = { quote: content.quote, token: { start: node.offset, end: node.offset + node.length }, unclosed: content.closed ? undefined : true };
    const parent = node.parent;
    if (parent?.type === 'property' && parent.children?.[0] === node) {
      const object = parent.parent;
      if (!object || object.type !== 'object') return undefined;
      return {
        kind: 'key',
        path: pathTo(object, root),
        statement,
        inString: true,
        prefix,
        replace,
        ...quoting,
        object,
        existingKeys: keysOf(object, parent),
        hasColon: parent.colonOffset !== undefined && parent.colonOffset >= 0,
      };
    }
    const property = parent?.type === 'property' ? parent : parent?.type === 'array' && parent.parent?.type === 'property' ? parent.parent : undefined;
    if (!property) return undefined;
    return { kind: 'value', path: pathTo(property, root), statement, inString: true, prefix, replace, ...quoting, property, inArray: parent?.type === 'array' };
  }

  const here = { start: offset, end: offset };
  const bare = { inString: false, prefix: '', replace: here, quote: '' as const };
  // YAML `Key: |` (nothing typed yet): the parser gives the key an empty null value.
  if (node.type === 'null' && node.length === 0 && node.parent?.type === 'property' && node.parent.children?.[1] === node) {
    return { kind: 'value', path: pathTo(node.parent, root), statement, ...bare, property: node.parent, inArray: false };
  }
  if (node.type === 'property') {
    if (node.colonOffset === undefined || node.colonOffset < 0 || offset <= node.colonOffset) return undefined;
    if (node.children?.[1]) return undefined; // between the colon and an existing value
    return { kind: 'value', path: pathTo(node, root), statement, ...bare, property: node, inArray: false };
  }
  if (node.type === 'object') {
    if (!insideBrackets(text, node, offset)) return undefined;
    // `"Effect": |`: jsonc-parser ends the value-less property at its colon.
    const open = (node.children ?? []).find(
      (p) =>
        p.children?.length === 1 &&
        p.colonOffset !== undefined &&
        p.colonOffset >= 0 &&
        p.colonOffset < offset &&
        onlyBlanksBetween(text, p.colonOffset + 1, offset),
    );
    if (open) return { kind: 'value', path: pathTo(open, root), statement, ...bare, property: open, inArray: false };
    return { kind: 'key', path: pathTo(node, root), statement, ...bare, object: node, existingKeys: keysOf(node), hasColon: false };
  }
  if (node.type === 'array') {
    if (!insideBrackets(text, node, offset) || node.parent?.type !== 'property') return undefined;
    return { kind: 'value', path: pathTo(node.parent, root), statement, ...bare, property: node.parent, inArray: true };
  }
  return undefined;
}

/** Property names from `root` down to `node` (a property: its own key included; an object: its parents'). */
export function pathTo(node: JsonNode, root: JsonNode): string[] {
  const path: string[] = [];
  for (let n: JsonNode | undefined = node; n && n !== root; n = n.parent) {
    if (n.type === 'property') {
      const key: unknown = n.children?.[0]?.value;
      if (typeof key === 'string') path.unshift(key);
    }
  }
  return path;
}

function keysOf(object: JsonNode, except?: JsonNode): string[] {
  const keys: string[] = [];
  for (const p of object.children ?? []) {
    if (p === except) continue;
    const key: unknown = p.children?.[0]?.value;
    if (typeof key === 'string') keys.push(key);
  }
  return keys;
}

/**
 * Where a string's characters are: after the opening quote in JSON; for YAML scalars (template policies) where
 * the node says (`offsets`). Undefined when the characters cannot be mapped one to one (escapes, folded lines,
 * intrinsic functions): no completion inside those.
 */
function stringContent(text: string, node: JsonNode): { start: number; end: number; quote: '"' | "'" | ''; closed: boolean } | undefined {
  const source = node as SourceNode;
  if (source.offsets === undefined && source.intrinsic === undefined) {
    const closed = isClosedString(text, node);
    return { start: node.offset + 1, end: node.offset + node.length - (closed ? 1 : 0), quote: '"', closed };
  }
  if (typeof source.offsets !== 'number' || source.intrinsic || typeof node.value !== 'string') return undefined;
  if (text.slice(source.offsets, source.offsets + node.value.length) !== node.value) return undefined;
  const first = text[node.offset];
  return { start: source.offsets, end: source.offsets + node.value.length, quote: first === '"' || first === "'" ? first : '', closed: true };
}

function isClosedString(text: string, node: JsonNode): boolean {
  if (node.length < 2) return false;
  const last = node.offset + node.length - 1;
  if (text[last] !== '"') return false;
  // An odd run of backslashes before the quote escapes it.
  let slashes = 0;
  for (let i = last - 1; i > node.offset && text[i] === '\\'; i--) slashes++;
  if (slashes % 2 !== 0) return false;
  // A quote with a name right after it opens the next token (`"Effect": "A|, "Action": ...` with the value's
  // own closing quote not typed yet): the string being typed is not closed.
  return !/[A-Za-z0-9_$]/.test(text[last + 1] ?? '');
}

function insideBrackets(text: string, node: JsonNode, offset: number): boolean {
  if (offset <= node.offset) return false;
  const end = node.offset + node.length;
  const closed = text[end - 1] === (node.type === 'object' ? '}' : ']');
  return closed ? offset < end : offset <= end;
}

function onlyBlanksBetween(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlank(text.charCodeAt(i))) return false;
  return true;
}

export function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
