/**
 * A policy being typed where the HCL parser could not read it, for the editing features only. A name standing
 * alone (`eff` typed in a `statement` block) is no HCL: tree-sitter makes the block an ERROR node, often the whole
 * file one flat ERROR of tokens (and its closing braces may be missing from it). The block's structure is
 * recovered from the tokens the parse tree still holds, before the cursor as the parser met them: a name with
 * labels and `{` opens a block, `}` closes one, `name = value` is an attribute (kept whole when it parsed), a name
 * with nothing after it is a name being typed. The blocks come back as plain `HclNode`s of the grammar's shape
 * (`block`, `body`, `attribute`), each marked `error`, with the names being typed as `identifier` children of their
 * body, so the readers of intact blocks (policyDocument.ts) read them unchanged.
 *
 * `jsonencode({...})` keeps its structure: the parser puts a key being typed (`Eff` in an object) in an ERROR of
 * its own inside the object, which `recoveredJsonencode` reads as a key without a value (so is a quoted key).
 *
 * What is read here is never checked: the structure is in doubt (SourcePolicy.editingOnly).
 */
import type { MutableNode, Range } from '../../model/policy';
import type { HclBlockKind, HclBlockOutline } from '../../model/policy';
import { blockHead, childOfType, containsError, namedChildren, textOf, unwrap, type HclNode } from './hclTree';
import { hclToJson, stringNode } from './hclValues';

type Token = { readonly kind: 'whole' | 'name' | 'label' | 'open' | 'close' | 'assign' | 'value' | 'other'; readonly node: HclNode };

/** The tokens of a tree in order: intact attributes and blocks whole, everything an error holds one by one. */
function tokens(node: HclNode, out: Token[]): void {
  switch (node.type) {
    case 'attribute':
    case 'block':
      if (!containsError(node)) out.push({ kind: 'whole', node });
      else for (const c of node.children) tokens(c, out);
      return;
    case 'config_file':
    case 'body':
    case 'ERROR':
      for (const c of node.children) tokens(c, out);
      return;
    case 'block_start':
    case '{':
      out.push({ kind: 'open', node });
      return;
    case 'block_end':
    case '}':
      out.push({ kind: 'close', node });
      return;
    case 'identifier':
      out.push({ kind: 'name', node });
      return;
    case 'string_lit':
      out.push({ kind: 'label', node });
      return;
    case '=':
      out.push({ kind: 'assign', node });
      return;
    case 'expression':
      out.push({ kind: 'value', node });
      return;
    default:
      out.push({ kind: 'other', node });
  }
}

interface OpenBlock {
  readonly head: HclNode | undefined;
  readonly labels: readonly HclNode[];
  readonly open: HclNode;
  readonly items: HclNode[];
}

/**
 * The top-level blocks of a file whose parse has errors, those with an error recovered from their tokens (an
 * intact block is left out: it is read as it parsed).
 */
export function recoveredBlocks(root: HclNode): HclNode[] {
  if (!containsError(root)) return [];
  const list: Token[] = [];
  tokens(root, list);
  const top: HclNode[] = [];
  const stack: OpenBlock[] = [];
  const close = (end: number, closing: HclNode | undefined) => {
    const b = stack.pop()!;
    const block = recoveredBlock(b, end, closing);
    if (stack.length > 0) stack[stack.length - 1].items.push(block);
    else if (b.head) top.push(block);
  };
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    const current = stack[stack.length - 1];
    if (t.kind === 'name') {
      const next = list[i + 1];
      if (next?.kind === 'assign') {
        const value = list[i + 2];
        const whole = value?.kind === 'value' && !containsError(value.node);
        current?.items.push(attribute(t.node, next.node, whole ? value.node : undefined));
        i += whole ? 2 : 1;
        continue;
      }
      let j = i + 1;
      while (list[j]?.kind === 'label') j++;
      if (list[j]?.kind === 'open') {
        stack.push({ head: t.node, labels: list.slice(i + 1, j).map((l) => l.node), open: list[j].node, items: [] });
        i = j;
        continue;
      }
      current?.items.push(t.node);
    } else if (t.kind === 'open') stack.push({ head: undefined, labels: [], open: t.node, items: [] });
    else if (t.kind === 'close') {
      if (stack.length > 0) close(t.node.end, t.node);
    } else if (t.kind === 'whole') current?.items.push(t.node);
  }
  // A block whose `}` the tokens do not hold (not typed yet, or left out of the ERROR) runs to the end of the text.
  while (stack.length > 0) close(root.end, undefined);
  return top;
}

function attribute(name: HclNode, assign: HclNode, value: HclNode | undefined): HclNode {
  const end = value ? value.end : assign.end;
  const children = value ? [name, assign, value] : [name, assign];
  return {
    type: 'attribute',
    start: name.start,
    end,
    named: true,
    error: value === undefined,
    hasError: value === undefined || children.some((c) => c.hasError),
    children,
  };
}

/** An open block as the grammar's `block` node: its head, labels, `{`, a body of its items and its `}` if met. */
function recoveredBlock(b: OpenBlock, end: number, closing: HclNode | undefined): HclNode {
  const bodyEnd = closing ? closing.start : end;
  const body: HclNode = {
    type: 'body',
    start: b.open.end,
    end: bodyEnd,
    named: true,
    error: false,
    hasError: b.items.some((c) => c.hasError),
    children: b.items,
  };
  const children = [...(b.head ? [b.head] : []), ...b.labels, b.open, body, ...(closing ? [closing] : [])];
  return { type: 'block', start: (b.head ?? b.open).start, end, named: true, error: true, hasError: true, children };
}

// ------------------------------------------------------------------------------------------- outline

const INNER_BLOCKS: Readonly<Record<string, HclBlockKind>> = { principals: 'principals', not_principals: 'not_principals', condition: 'condition' };

/**
 * Where names can be written in a policy document's blocks (the data block, its statements, their principals and
 * conditions): each block's body, the names in it, the attributes and blocks written, the names being typed.
 */
export function policyDocumentOutline(block: HclNode, text: string): HclBlockOutline[] {
  const out: HclBlockOutline[] = [];
  outline(block, 'policy-document', text, out);
  return out;
}

function outline(block: HclNode, kind: HclBlockKind, text: string, out: HclBlockOutline[]): void {
  const open = block.children.find((c) => c.type === 'block_start' || c.type === '{');
  if (!open) return;
  const closing = block.children.find((c) => c.type === 'block_end' || c.type === '}');
  const body = childOfType(block, 'body');
  const names: string[] = [];
  const items: Range[] = [];
  const typing: Range[] = [];
  for (const c of body?.children ?? []) {
    if (c.type === 'identifier') {
      typing.push({ start: c.start, end: c.end });
      continue;
    }
    if (c.type !== 'attribute' && c.type !== 'block') continue;
    const name = namedChildren(c)[0];
    if (name?.type === 'identifier') names.push(textOf(name, text));
    items.push({ start: c.start, end: c.end });
    if (c.type !== 'block') continue;
    const head = blockHead(c, text);
    const inner =
      kind === 'policy-document' ? (head.type === 'statement' ? 'statement' : undefined) : kind === 'statement' ? INNER_BLOCKS[head.type] : undefined;
    if (inner) outline(c, inner, text, out);
  }
  out.push({ kind, body: { start: open.end, end: closing ? closing.start : block.end }, names, items, typing });
}

// ----------------------------------------------------------------------------------------- jsonencode

/**
 * `jsonencode({...})` with keys being typed: every error of the expression is an ERROR inside an object holding one
 * name (`Eff`), read as a key without a value at the end of its object. Undefined when any other error is in it.
 */
export function recoveredJsonencode(argument: HclNode, text: string): MutableNode | undefined {
  const typed: HclNodeIn[] = [];
  if (!typedKeysOnly(argument, typed)) return undefined;
  const tree = hclToJson(argument, text, undefined);
  if (tree.type !== 'object') return undefined;
  for (const name of typed) {
    const object = objectAt(tree, name.parentStart);
    if (!object) return undefined;
    const at = name.node;
    const prop: MutableNode = { type: 'property', offset: at.start, length: at.end - at.start, parent: object, children: [] };
    const key =
      at.type === 'identifier'
        ? { type: 'string' as const, value: textOf(at, text), offset: at.start, length: at.end - at.start, parent: prop, offsets: at.start }
        : stringNode(at, text, prop);
    if (!key || key.intrinsic) return undefined;
    prop.children!.push(key);
    object.children!.push(prop);
    object.children!.sort((a, b) => a.offset - b.offset);
  }
  return tree;
}

/** A key being typed (a name or a string) and the start of the object it is in. */
type HclNodeIn = { readonly node: HclNode; readonly parentStart: number };

function typedKeysOnly(node: HclNode, out: HclNodeIn[], object?: HclNode): boolean {
  if (node.type === 'ERROR') {
    const name = loneName(node);
    if (!name || !object) return false;
    out.push({ node: name, parentStart: object.start });
    return true;
  }
  if (node.error) return false;
  return node.children.every((c) => !containsError(c) || typedKeysOnly(c, out, node.type === 'object' ? node : undefined));
}

/** An ERROR holding exactly one bare name (`expression > variable_expr > identifier`) or one quoted string, nothing else (no `=`). */
function loneName(error: HclNode): HclNode | undefined {
  const named = error.children;
  if (named.length !== 1 || named[0].type !== 'expression') return undefined;
  const inner = unwrap(named[0]);
  if (inner.type === 'string_lit' || inner.type === 'quoted_template') return inner;
  const variable = inner.type === 'variable_expr' && namedChildren(inner).length === 1 ? childOfType(inner, 'identifier') : undefined;
  return variable && named[0].start === variable.start && named[0].end === variable.end ? variable : undefined;
}

function objectAt(node: MutableNode, offset: number): MutableNode | undefined {
  if (node.type === 'object' && node.offset === offset) return node;
  for (const c of node.children ?? []) {
    const found = objectAt(c, offset);
    if (found) return found;
  }
  return undefined;
}
