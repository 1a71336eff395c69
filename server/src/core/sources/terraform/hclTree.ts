/**
 * The HCL syntax tree the Terraform source reads: plain data, as a host's HCL parser hands it over (the hosts
 * use web-tree-sitter with the tree-sitter HCL grammar, whose node types these are: `block`, `attribute`,
 * `heredoc_template`, `template_interpolation`, ...; a template's literal text has no node, `template_literal`
 * is left out: it is the text between the template's delimiters and holes). The parser itself lives with the
 * hosts: it is WebAssembly, initialised asynchronously once (the language server on first need), while the
 * analysis is synchronous, so a host passes a ready parser in (RunOptions.hclParser), as it passes the catalog.
 */

/** One node of the tree: its grammar type, its range (UTF-16 offsets into the text) and its children. */
export interface HclNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  /** A named node of the grammar (`identifier`), not punctuation or a keyword (`=`, `{`). */
  readonly named: boolean;
  /** An ERROR node, or a token the parser inserted because it was missing. */
  readonly error: boolean;
  /** The node or a node under it is an `error` one. */
  readonly hasError: boolean;
  readonly children: readonly HclNode[];
}

/** A ready HCL parser: synchronous, the text in, the whole tree out (`config_file` at the root). */
export interface HclParser {
  parse(text: string): HclNode;
}

/** The named children of a node, in order. */
export function namedChildren(node: HclNode): HclNode[] {
  return node.children.filter((c) => c.named);
}

/** The first child of the given type. */
export function childOfType(node: HclNode, type: string): HclNode | undefined {
  return node.children.find((c) => c.type === type);
}

/** Whether the node or anything under it is an ERROR or a missing token. */
export function containsError(node: HclNode): boolean {
  return node.hasError;
}

/** The text of a node. */
export function textOf(node: HclNode, text: string): string {
  return text.slice(node.start, node.end);
}

/**
 * The node an `expression` stands for, through the grammar's wrappers (`expression`, `literal_value`,
 * `collection_value`, `template_expr`): a `string_lit`, `quoted_template`, `heredoc_template`, `object`,
 * `tuple`, `numeric_lit`, `bool_lit`, `null_lit`, `function_call`, ... A parenthesised or compound expression
 * (`a.b`, `f(x)[0]`) stays the `expression` node.
 */
export function unwrap(node: HclNode): HclNode {
  let n = node;
  while (n.type === 'expression' || n.type === 'literal_value' || n.type === 'collection_value' || n.type === 'template_expr') {
    let only: HclNode | undefined;
    for (const c of n.children) {
      if (!c.named) continue;
      if (only) return n; // more than one
      only = c;
    }
    if (!only) return n;
    n = only;
  }
  return n;
}

/**
 * The text of a `string_lit` (a string without holes) between its quotes, as written (escapes not decoded),
 * without the whitespace at its ends, which the grammar's scanner skips. The tree has no node for a template's
 * literal text (the host's parser leaves `template_literal` out): it is the text between delimiters and holes.
 */
export function stringLitText(node: HclNode, text: string): string {
  const open = childOfType(node, 'quoted_template_start');
  const close = childOfType(node, 'quoted_template_end');
  return open && close && close.start > open.end ? text.slice(open.end, close.start).trim() : '';
}

/** A block's type (`resource`, `data`, `statement`) and its labels' values (`"aws_iam_role"`, `"r"`). */
export interface BlockHead {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclNode | undefined;
}

export function blockHead(block: HclNode, text: string): BlockHead {
  const named = namedChildren(block);
  const id = named[0];
  const labels: string[] = [];
  for (const c of named.slice(1)) {
    if (c.type === 'string_lit') labels.push(stringLitText(c, text));
    else if (c.type === 'identifier') labels.push(textOf(c, text));
  }
  return { type: id?.type === 'identifier' ? textOf(id, text) : '', labels, body: childOfType(block, 'body') };
}

/** The attributes and blocks of a body, by name (attributes keep the last of a name, as Terraform rejects duplicates anyway). */
export interface BodyItems {
  readonly attributes: ReadonlyMap<string, { readonly name: HclNode; readonly value: HclNode | undefined }>;
  readonly blocks: readonly { readonly node: HclNode; readonly head: BlockHead }[];
}

export function bodyItems(body: HclNode | undefined, text: string): BodyItems {
  const attributes = new Map<string, { name: HclNode; value: HclNode | undefined }>();
  const blocks: { node: HclNode; head: BlockHead }[] = [];
  for (const c of body?.children ?? []) {
    if (c.type === 'attribute') {
      const named = namedChildren(c);
      const name = named[0];
      if (name?.type === 'identifier') attributes.set(textOf(name, text), { name, value: named.find((n) => n.type === 'expression') });
    } else if (c.type === 'block') blocks.push({ node: c, head: blockHead(c, text) });
  }
  return { attributes, blocks };
}
