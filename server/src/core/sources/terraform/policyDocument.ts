/**
 * `data "aws_iam_policy_document"` as the policy it generates, in jsonc-parser's node shape with every range on
 * the HCL token a user edits: `actions` is the statement's `Action` (its key range on the attribute name),
 * `principals { type identifiers }` a `Principal` entry, `condition { test variable values }` a Condition
 * operator with its key and values. What the provider adds when it is not written is added as Terraform does,
 * on the block's name: `Version` 2012-10-17 (so policy variables are substituted) and `Effect` Allow.
 * In its strings `&{aws:username}` and `$${aws:username}` are both the IAM variable `${aws:username}`.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
 *
 * What Terraform fills in is open, as a computed value is: a `dynamic "statement"` block, and the statements that
 * `source_policy_documents` and `override_policy_documents` merge in (and may replace by Sid), are each an open
 * statement in the list (mergedDocuments.ts replaces them by the merge where it can); a `dynamic "condition"`,
 * `"principals"` or `"not_principals"` block makes that element of its statement open. A check that would need
 * the open part stays silent.
 */
import type { MutableNode } from '../../model/policy';
import { bodyItems, childOfType, namedChildren, unwrap, type BlockHead, type HclNode } from './hclTree';
import { hclToJson, openString, stringNode } from './hclValues';
import type { ValueOptions } from './templates';

const OPTIONS: ValueOptions = { ampersandVariables: true };

/** The provider's default Version. */
const DEFAULT_VERSION = '2012-10-17';

const STATEMENT_LISTS: readonly (readonly [string, string])[] = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/** The policy of a data block's body; `head` is the node findings on added elements point at (the block's type label). */
export function policyDocumentTree(block: HclNode, head: HclNode, text: string): MutableNode {
  const root: MutableNode = { type: 'object', offset: block.start, length: block.end - block.start, parent: undefined, children: [] };
  const { attributes, blocks } = bodyItems(childOfType(block, 'body'), text);
  const version = attributes.get('version');
  const children: MutableNode[] = [];
  if (version?.value) children.push(attributeProperty(root, version.name, 'Version', version.value, text));
  else children.push(syntheticProperty(root, head, 'Version', DEFAULT_VERSION));
  const id = attributes.get('policy_id');
  if (id?.value) children.push(attributeProperty(root, id.name, 'Id', id.value, text));
  // The statements in source order: each `statement` block, and an open one for each `dynamic "statement"` and
  // each merged document list.
  const items: { node: HclNode; open: boolean }[] = [];
  for (const b of blocks) {
    if (b.head.type === 'statement') items.push({ node: b.node, open: false });
    else if (isDynamic(b.head, 'statement')) items.push({ node: b.node, open: true });
  }
  for (const name of MERGED_DOCUMENTS) {
    const merged = attributes.get(name);
    if (merged?.value) items.push({ node: merged.value, open: true });
  }
  items.sort((a, b) => a.node.start - b.node.start);
  if (items.length > 0) {
    const first = items[0].node;
    const last = items[items.length - 1].node;
    const at = items.find((i) => !i.open);
    const prop = keyedProperty(root, at ? namedChildren(at.node)[0] : first, 'Statement', first.start, block.end);
    const list: MutableNode = { type: 'array', offset: first.start, length: last.end - first.start, parent: prop, children: [] };
    list.children = items.map((i) =>
      i.open ? (i.node.type === 'block' ? dynamicValue(i.node, text, list) : openString(i.node, text, list)) : statementTree(i.node, list, text),
    );
    prop.children!.push(list);
    children.push(prop);
  }
  root.children = children;
  return root;
}

function statementTree(block: HclNode, parent: MutableNode, text: string): MutableNode {
  const out: MutableNode = { type: 'object', offset: block.start, length: block.end - block.start, parent, children: [] };
  const { attributes, blocks } = bodyItems(childOfType(block, 'body'), text);
  const children: MutableNode[] = [];
  const sid = attributes.get('sid');
  if (sid?.value) children.push(attributeProperty(out, sid.name, 'Sid', sid.value, text));
  const effect = attributes.get('effect');
  if (effect?.value) children.push(attributeProperty(out, effect.name, 'Effect', effect.value, text));
  else children.push(syntheticProperty(out, namedChildren(block)[0], 'Effect', 'Allow'));
  for (const [name, element] of STATEMENT_LISTS) {
    const a = attributes.get(name);
    if (a?.value) children.push(attributeProperty(out, a.name, element, a.value, text));
  }
  for (const [blockName, element] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
    ['condition', 'Condition'],
  ] as const) {
    // A `dynamic` block of the element: Terraform writes its blocks, so the whole element is open.
    const dynamic = blocks.find((b) => isDynamic(b.head, blockName));
    if (dynamic) {
      children.push(openProperty(out, dynamic.node, element, text));
      continue;
    }
    const written = blocks.filter((b) => b.head.type === blockName).map((b) => b.node);
    if (written.length === 0) continue;
    children.push(element === 'Condition' ? conditionProperty(out, written, text) : principalProperty(out, written, element, text));
  }
  out.children = children;
  return out;
}

/** `principals { type = "Federated" identifiers = [...] }` blocks as one Principal object (`type = "*"` alone: `"*"`). */
function principalProperty(parent: MutableNode, blocks: readonly HclNode[], element: string, text: string): MutableNode {
  const prop = keyedProperty(parent, namedChildren(blocks[0])[0], element, blocks[0].start, blocks[blocks.length - 1].end);
  const entries = blocks.map((b) => bodyItems(childOfType(b, 'body'), text).attributes);
  const onlyType = entries.length === 1 ? entries[0].get('type')?.value : undefined;
  const star = onlyType && stringNode(unwrap(onlyType), text, prop, OPTIONS);
  if (star && star.value === '*' && !star.intrinsic) {
    prop.children!.push(star);
    return prop;
  }
  const object: MutableNode = { type: 'object', offset: blocks[0].start, length: blocks[blocks.length - 1].end - blocks[0].start, parent: prop, children: [] };
  for (const [i, attrs] of entries.entries()) {
    const type = attrs.get('type');
    const identifiers = attrs.get('identifiers');
    if (!type?.value) continue;
    const entry: MutableNode = { type: 'property', offset: blocks[i].start, length: blocks[i].end - blocks[i].start, parent: object, children: [] };
    entry.children!.push(hclToJson(type.value, text, entry, OPTIONS));
    if (identifiers?.value) entry.children!.push(hclToJson(identifiers.value, text, entry, OPTIONS));
    object.children!.push(entry);
  }
  prop.children!.push(object);
  return prop;
}

/** `condition { test variable values }` blocks as one Condition object: an operator per test, a key per variable. */
function conditionProperty(parent: MutableNode, blocks: readonly HclNode[], text: string): MutableNode {
  const prop = keyedProperty(parent, namedChildren(blocks[0])[0], 'Condition', blocks[0].start, blocks[blocks.length - 1].end);
  const object: MutableNode = { type: 'object', offset: blocks[0].start, length: blocks[blocks.length - 1].end - blocks[0].start, parent: prop, children: [] };
  const operators = new Map<string, MutableNode>();
  for (const b of blocks) {
    const attrs = bodyItems(childOfType(b, 'body'), text).attributes;
    const test = attrs.get('test');
    const variable = attrs.get('variable');
    const values = attrs.get('values');
    if (!test?.value || !variable?.value) continue;
    const testNode = hclToJson(test.value, text, undefined, OPTIONS);
    const name = testNode.type === 'string' && !testNode.intrinsic ? String(testNode.value) : undefined;
    let operator = name !== undefined ? operators.get(name) : undefined;
    if (!operator) {
      const op: MutableNode = { type: 'property', offset: b.start, length: b.end - b.start, parent: object, children: [] };
      testNode.parent = op;
      const inner: MutableNode = { type: 'object', offset: b.start, length: b.end - b.start, parent: op, children: [] };
      op.children!.push(testNode, inner);
      object.children!.push(op);
      if (name !== undefined) operators.set(name, op);
      operator = op;
    }
    const inner = operator.children![1];
    const entry: MutableNode = { type: 'property', offset: b.start, length: b.end - b.start, parent: inner, children: [] };
    entry.children!.push(hclToJson(variable.value, text, entry, OPTIONS));
    if (values?.value) entry.children!.push(hclToJson(values.value, text, entry, OPTIONS));
    inner.children!.push(entry);
  }
  prop.children!.push(object);
  return prop;
}

/** The attributes whose documents the provider merges into this one. */
const MERGED_DOCUMENTS = ['source_policy_documents', 'override_policy_documents'];

/** `dynamic "statement" { ... }`: a block Terraform generates. */
function isDynamic(head: BlockHead, label: string): boolean {
  return head.type === 'dynamic' && head.labels[0] === label;
}

/** The element `key` as an open value standing for a `dynamic` block (its key on the block's `dynamic`). */
function openProperty(parent: MutableNode, block: HclNode, key: string, text: string): MutableNode {
  const prop = keyedProperty(parent, namedChildren(block)[0], key, block.start, block.end);
  prop.children!.push(dynamicValue(block, text, prop));
  return prop;
}

/** A `dynamic` block as an open value, named by its head (`dynamic "condition"`) rather than its whole text. */
function dynamicValue(block: HclNode, text: string, parent: MutableNode): MutableNode {
  const open = openString(block, text, parent);
  const label = namedChildren(block)[1];
  const head = label ? text.slice(block.start, label.end) : 'dynamic';
  return { ...open, intrinsic: { ...open.intrinsic!, refs: [head] } };
}

/** `name = value` as the element `key`: its key on the attribute name (whose text is HCL's, not the element's). */
function attributeProperty(parent: MutableNode, name: HclNode, key: string, value: HclNode, text: string): MutableNode {
  const prop = keyedProperty(parent, name, key, name.start, value.end);
  prop.colonOffset = name.end;
  prop.children!.push(hclToJson(value, text, prop, OPTIONS));
  return prop;
}

/** A property whose key is an element name standing on `at` (an attribute or block name). */
function keyedProperty(parent: MutableNode, at: HclNode, key: string, start: number, end: number): MutableNode {
  const prop: MutableNode = { type: 'property', offset: start, length: end - start, parent, children: [] };
  prop.children!.push({ type: 'string', value: key, offset: at.start, length: at.end - at.start, parent: prop, offsets: false });
  return prop;
}

/** An element the provider adds when it is not written, on the node that stands for where it would be. */
function syntheticProperty(parent: MutableNode, at: HclNode, key: string, value: string): MutableNode {
  const prop = keyedProperty(parent, at, key, at.start, at.end);
  prop.children!.push({ type: 'string', value, offset: at.start, length: at.end - at.start, parent: prop, offsets: false });
  return prop;
}
