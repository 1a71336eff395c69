/**
 * HCL expressions as JSON-shaped trees (jsonc-parser's node shape, offsets into the .tf file): what
 * `jsonencode({...})` makes of an object written in HCL, and the values of `aws_iam_policy_document`.
 * Objects (keys as identifiers or strings, `=` or `:`), tuples, strings, numbers, booleans and null are read
 * as written; anything Terraform computes (a reference such as `var.arns`, a function call, a conditional, a
 * `for` expression) is an open string `*` standing for the whole expression, so the checks that would need its
 * value stay silent.
 */
import type { MutableNode } from '../../model/policy';
import { HOLE, TERRAFORM_EXPRESSION } from '../../model/references';
import { childOfType, namedChildren, textOf, unwrap, type HclNode } from './hclTree';
import { intrinsicOfValue, templateParts, templateValue, type ValueOptions } from './templates';

export function hclToJson(expression: HclNode, text: string, parent: MutableNode | undefined, options: ValueOptions = {}): MutableNode {
  const node = unwrap(expression);
  const base = { offset: node.start, length: node.end - node.start, parent };
  switch (node.type) {
    case 'object': {
      const out: MutableNode = { type: 'object', ...base, children: [] };
      out.children = node.children.filter((c) => c.type === 'object_elem').map((elem) => property(elem, text, out, options));
      return out;
    }
    case 'tuple': {
      const out: MutableNode = { type: 'array', ...base, children: [] };
      out.children = node.children.filter((c) => c.type === 'expression').map((c) => hclToJson(c, text, out, options));
      return out;
    }
    case 'numeric_lit':
      return { type: 'number', value: Number(textOf(node, text)), ...base };
    case 'bool_lit':
      return { type: 'boolean', value: textOf(node, text) === 'true', ...base };
    case 'null_lit':
      return { type: 'null', value: null, ...base };
    case 'string_lit':
    case 'quoted_template':
    case 'heredoc_template':
      return stringNode(node, text, parent, options) ?? openString(node, text, parent);
    default:
      return openString(node, text, parent);
  }
}

/** A template as a string node: its value as Terraform renders it, each character at its source offset. */
export function stringNode(node: HclNode, text: string, parent: MutableNode | undefined, options: ValueOptions = {}): MutableNode | undefined {
  const parts = templateParts(node, text);
  if (!parts) return undefined;
  if (parts.holes.length === 0) {
    // No hole, and no `{` or backslash that an escape (`$${`, `%%{`, `&{`, `\n`) starts with: the text is the value.
    const literal = text.slice(parts.start, parts.end);
    if (!literal.includes('{') && !literal.includes('\\'))
      return { type: 'string', value: literal, offset: node.start, length: node.end - node.start, parent, offsets: parts.start };
  }
  const v = templateValue(parts, text, parts.start, parts.end, options);
  // The source text as is (no escape, no hole): its first character's offset, as a JSON string's would be.
  const asIs = v.exact && text.slice(parts.start, parts.end) === v.value;
  const out: MutableNode = {
    type: 'string',
    value: v.value,
    offset: node.start,
    length: node.end - node.start,
    parent,
    offsets: asIs ? parts.start : v.offsets,
  };
  const intrinsic = intrinsicOfValue(v);
  if (intrinsic) out.intrinsic = intrinsic;
  return out;
}

/** A value Terraform computes: `*`, open, standing for the whole expression. */
export function openString(node: HclNode, text: string, parent: MutableNode | undefined): MutableNode {
  return {
    type: 'string',
    value: HOLE,
    offset: node.start,
    length: node.end - node.start,
    parent,
    offsets: [node.start, node.end],
    intrinsic: { fn: TERRAFORM_EXPRESSION, exact: false, refs: [textOf(node, text).trim()] },
  };
}

/** An object element: `key = value` or `"key": value`; a computed key `(expr)` is open. */
function property(elem: HclNode, text: string, parent: MutableNode, options: ValueOptions): MutableNode {
  const [keyExpr, valueExpr] = elem.children.filter((c) => c.type === 'expression');
  const separator = elem.children.find((c) => !c.named && (c.type === '=' || c.type === ':'));
  const out: MutableNode = { type: 'property', offset: elem.start, length: elem.end - elem.start, parent, children: [] };
  if (separator) out.colonOffset = separator.start;
  const key = keyExpr ? keyNode(keyExpr, text, out, options) : undefined;
  const value = valueExpr ? hclToJson(valueExpr, text, out, options) : undefined;
  out.children = [key, value].filter((n): n is MutableNode => n !== undefined);
  return out;
}

function keyNode(keyExpr: HclNode, text: string, parent: MutableNode, options: ValueOptions): MutableNode {
  const named = namedChildren(keyExpr);
  const variable = named.length === 1 && named[0].type === 'variable_expr' ? childOfType(named[0], 'identifier') : undefined;
  if (variable) {
    // A bare identifier is the key's text (`Effect = "Allow"`).
    return { type: 'string', value: textOf(variable, text), offset: variable.start, length: variable.end - variable.start, parent, offsets: variable.start };
  }
  return hclToJson(keyExpr, text, parent, options);
}
