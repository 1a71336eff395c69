/**
 * CloudFormation intrinsic functions where a policy expects a string (`{"Ref": ...}`, `{"Fn::Sub": ...}`,
 * YAML `!Sub ...`). A policy subtree of a template is copied with each intrinsic function replaced by a
 * string node (jsonc-parser's node shape, `SourceNode`) whose value is the text IAM will see, with every part
 * the template leaves open (a parameter, a resource attribute, a pseudo parameter) replaced by `*` and the
 * function recorded in `intrinsic` (`exact: false`). Checks that judge a value as written skip inexact values;
 * checks that look for policy variables still see the literal parts. So `Fn::Sub` of
 * `arn:aws:s3:::${Bucket}/private/${!cognito-identity.amazonaws.com:sub}/*` reads as
 * `arn:aws:s3:::*\/private/${cognito-identity.amazonaws.com:sub}/*`: in Fn::Sub, `${!Literal}` is the literal
 * text `${Literal}` (how IAM policy variables are written there) and `${Name}` is a template variable.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html
 *
 * Pure: offsets only, no RegExp built from template text.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { IntrinsicBranch, MutableNode, Range, SourceNode } from '../../model/policy';
import { HOLE } from '../../model/references';
import { pushAll } from '../../text/lists';

/** The YAML short forms of the intrinsic functions (and the `Condition` function) and their full names. */
export const SHORT_FORM_TAGS: ReadonlyMap<string, string> = new Map(
  [
    'Ref',
    'Condition',
    'Sub',
    'GetAtt',
    'Join',
    'If',
    'Select',
    'Split',
    'FindInMap',
    'ImportValue',
    'Base64',
    'Cidr',
    'GetAZs',
    'Equals',
    'And',
    'Or',
    'Not',
    'ToJsonString',
    'Length',
  ].map((name) => [`!${name}`, name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`]),
);

/**
 * The intrinsic function an object node stands for: an object with exactly one key, `Ref` or `Fn::...`.
 * (`Condition` is left out: it is also an IAM statement element, and never stands for a string.)
 */
export function intrinsicFunctionOf(node: JsonNode | undefined): string | undefined {
  if (!node || node.type !== 'object' || node.children?.length !== 1) return undefined;
  const key: unknown = node.children[0].children?.[0]?.value;
  if (typeof key !== 'string') return undefined;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** The argument node of an intrinsic function object. */
function argumentOf(node: JsonNode): JsonNode | undefined {
  return node.children?.[0]?.children?.[1];
}

/** The value of a template node that should be a string, as far as the template fixes it. */
export interface Evaluated {
  readonly value: string;
  /** Source offset of each character of `value` plus the end, or false when they cannot be mapped. */
  readonly offsets: readonly number[] | false;
  readonly exact: boolean;
  readonly refs: readonly string[];
  /** `Fn::If`: each branch that is a string (see `Intrinsic.branches`). */
  readonly branches?: readonly IntrinsicBranch[];
}

/**
 * Evaluates a string, a number, a boolean or an intrinsic function to the text CloudFormation produces, as far
 * as the template fixes it (Fn::Sub, Fn::Join of literal parts; everything else is a `*` hole).
 */
export function evaluateString(node: JsonNode, text: string): Evaluated {
  switch (node.type) {
    case 'string':
      return { value: node.value as string, offsets: charOffsetsOf(node, text), exact: true, refs: [] };
    case 'number':
    case 'boolean':
      return { value: String(node.value), offsets: spanOffsets(node, String(node.value)), exact: true, refs: [] };
  }
  const fn = intrinsicFunctionOf(node);
  const arg = fn ? argumentOf(node) : undefined;
  if (!fn || !arg) return hole(node, fn && arg ? referencesIn(arg, text) : []);
  switch (fn) {
    case 'Ref':
      return hole(node, arg.type === 'string' ? [arg.value as string] : []);
    case 'Fn::GetAtt': {
      if (arg.type === 'string') return hole(node, [arg.value as string]);
      const parts = arg.type === 'array' ? (arg.children ?? []) : [];
      if (parts.length === 2 && parts.every((p) => p.type === 'string')) return hole(node, [`${parts[0].value}.${parts[1].value}`]);
      return hole(node, referencesIn(arg, text));
    }
    case 'Fn::Sub': {
      if (arg.type === 'string') return substitute(arg, new Map(), text);
      const [template, variables] = arg.type === 'array' ? (arg.children ?? []) : [];
      if (template?.type === 'string' && (variables === undefined || variables.type === 'object')) {
        const map = new Map<string, JsonNode>();
        for (const prop of variables?.children ?? []) {
          const key: unknown = prop.children?.[0]?.value;
          const value = prop.children?.[1];
          if (typeof key === 'string' && value) map.set(key, value);
        }
        return substitute(template, map, text);
      }
      return hole(node, referencesIn(arg, text));
    }
    case 'Fn::Join': {
      const [delimiter, list] = arg.type === 'array' ? (arg.children ?? []) : [];
      if (delimiter?.type === 'string' && list?.type === 'array') {
        const parts = (list.children ?? []).map((p) => evaluateString(p, text));
        const delim = evaluateString(delimiter, text);
        const pieces: Evaluated[] = [];
        parts.forEach((p, i) => {
          if (i > 0) pieces.push(delim);
          pieces.push(p);
        });
        return concat(pieces, node.offset + node.length);
      }
      return hole(node, referencesIn(arg, text));
    }
    case 'Fn::If': {
      const [, ...values] = arg.type === 'array' ? (arg.children ?? []) : [];
      const branches: IntrinsicBranch[] = [];
      for (const v of values.slice(0, 2)) {
        if (v.type === 'object' ? !intrinsicFunctionOf(v) : v.type !== 'string' && v.type !== 'number' && v.type !== 'boolean') continue;
        const ev = evaluateString(v, text);
        branches.push({ value: ev.value, range: { start: v.offset, end: v.offset + v.length }, exact: ev.exact });
      }
      return { ...hole(node, referencesIn(arg, text)), branches };
    }
    default:
      return hole(node, referencesIn(arg, text));
  }
}

/** A value the template does not fix: one `*` standing for the whole node. */
function hole(node: JsonNode, refs: readonly string[]): Evaluated {
  return { value: HOLE, offsets: [node.offset, node.offset + node.length], exact: false, refs };
}

/** Offsets for a value printed from a node (numbers, booleans): each character at the node's source. */
function spanOffsets(node: JsonNode, value: string): readonly number[] | false {
  if (node.length !== value.length) return false;
  const out: number[] = [];
  for (let i = 0; i <= value.length; i++) out.push(node.offset + i);
  return out;
}

function concat(pieces: readonly Evaluated[], end: number): Evaluated {
  let value = '';
  let offsets: number[] | false = [];
  let exact = true;
  const refs: string[] = [];
  for (const p of pieces) {
    value += p.value;
    if (offsets && p.offsets) for (let i = 0; i < p.value.length; i++) offsets.push(p.offsets[i]);
    else offsets = false;
    exact &&= p.exact;
    pushAll(refs, p.refs);
  }
  if (offsets) offsets.push(end);
  return { value, offsets, exact, refs };
}

/**
 * Fn::Sub: `${Name}` is a template variable (a parameter, a logical ID, `Resource.Attribute`, a pseudo
 * parameter, or a key of the variable map); `${!Literal}` is the literal text `${Literal}`.
 */
function substitute(template: JsonNode, variables: ReadonlyMap<string, JsonNode>, text: string): Evaluated {
  const s = template.value as string;
  const map = charOffsetsOf(template, text);
  const at = (i: number) => (map ? map[i] : template.offset);
  const pieces: Evaluated[] = [];
  let literalStart = 0;
  const flushLiteral = (end: number) => {
    if (end > literalStart) pieces.push(slice(s, map, literalStart, end));
  };
  let i = s.indexOf('${');
  while (i >= 0) {
    const close = s.indexOf('}', i + 2);
    if (close < 0) break; // no closing brace: the rest is literal text
    if (s.charCodeAt(i + 2) === 33 /* ! */) {
      // `${!Literal}`: keep `${`, drop the `!`, the rest stays literal.
      flushLiteral(i + 2);
      literalStart = i + 3;
      i = s.indexOf('${', i + 3);
      continue;
    }
    flushLiteral(i);
    const name = s.slice(i + 2, close);
    const bound = variables.get(name);
    if (bound) pieces.push(evaluateString(bound, text));
    else pieces.push({ value: HOLE, offsets: [at(i), at(close + 1)], exact: false, refs: [name] });
    literalStart = close + 1;
    i = s.indexOf('${', close + 1);
  }
  flushLiteral(s.length);
  return concat(pieces, at(s.length));
}

function slice(s: string, map: readonly number[] | false, start: number, end: number): Evaluated {
  return { value: s.slice(start, end), offsets: map ? map.slice(start, end + 1) : false, exact: true, refs: [] };
}

/** Every template name an intrinsic argument refers to (Ref, GetAtt, Fn::Sub variables), in order. */
export function referencesIn(node: JsonNode, text: string): string[] {
  const out: string[] = [];
  const visit = (n: JsonNode) => {
    const fn = intrinsicFunctionOf(n);
    if (fn === 'Ref' || fn === 'Fn::GetAtt' || fn === 'Fn::Sub') pushAll(out, evaluateString(n, text).refs);
    else for (const c of n.children ?? []) visit(c);
  };
  visit(node);
  return out;
}

/**
 * Where each character of a string node's value is in the text, plus the end: from the node when the
 * source says (YAML scalars), else by decoding the JSON string's escapes. False when it cannot be mapped.
 */
export function charOffsetsOf(node: JsonNode, text: string): readonly number[] | false {
  const value = node.value as string;
  const given = (node as SourceNode).offsets;
  if (given === false) return false;
  if (Array.isArray(given)) return given as readonly number[];
  if (typeof given === 'number') return Array.from({ length: value.length + 1 }, (_, i) => given + i);
  // JSON: the content follows the opening quote; escapes take 2 (or 6 for \uXXXX) source characters.
  const start = node.offset + 1;
  const end = node.offset + node.length - 1;
  const out: number[] = [];
  let p = start;
  while (p < end && out.length < value.length) {
    out.push(p);
    p += text.charCodeAt(p) === 92 /* \ */ ? (text.charCodeAt(p + 1) === 117 /* u */ ? 6 : 2) : 1;
  }
  if (out.length !== value.length) return false;
  out.push(p);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Policy subtrees

/**
 * A copy of a policy subtree of a template in which every intrinsic function is a string node standing for
 * its value (see the module comment). Offsets stay those of the template text; the copy's root has no parent.
 */
export function normalizePolicyTree(node: JsonNode, text: string): SourceNode {
  return copy(node, text, undefined);
}

function copy(node: JsonNode, text: string, parent: MutableNode | undefined): MutableNode {
  const fn = intrinsicFunctionOf(node);
  if (fn) {
    const ev = evaluateString(node, text);
    return {
      type: 'string',
      value: ev.value,
      offset: node.offset,
      length: node.length,
      parent,
      offsets: ev.offsets,
      intrinsic: ev.branches ? { fn, exact: ev.exact, refs: ev.refs, branches: ev.branches } : { fn, exact: ev.exact, refs: ev.refs },
    };
  }
  const out: MutableNode = { type: node.type, value: node.value, offset: node.offset, length: node.length, parent };
  if (node.colonOffset !== undefined) out.colonOffset = node.colonOffset;
  const source = node as SourceNode;
  if (source.offsets !== undefined) out.offsets = source.offsets;
  if (source.intrinsic !== undefined) out.intrinsic = source.intrinsic;
  if (node.children) out.children = node.children.map((c) => copy(c, text, out));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fn::If around whole parts of a policy

/** The most conditions of `Fn::If`s around whole parts that one policy is read under, each both ways. */
export const MAX_VARIANT_CONDITIONS = 8;

/** A reading of a policy subtree under one value of one condition (see `PolicyVariant` in model/policy.ts). */
export interface TreeVariant {
  readonly condition: string;
  readonly value: boolean;
  /** Undefined: the branch taken at the root is `AWS::NoValue` or no object (a `Ref`). */
  readonly tree: SourceNode | undefined;
  readonly chosen: readonly Range[];
}

/**
 * The readings of a policy subtree whose `Fn::If`s choose whole parts (an object or a list in a branch: the
 * document, the Statement list, a statement, a Condition block, a list of values): for each of their conditions,
 * the tree when it is true and when it is false, each `Fn::If` on it replaced by its branch and `AWS::NoValue`
 * removing the item or property; `Fn::If`s on other conditions stay open, as in `normalizePolicyTree`, except
 * one around an `Fn::If` on this condition, which takes the branch that holds it. An `Fn::If`
 * whose branches are text stays a string with its branches (`Intrinsic.branches`). Undefined when there is no such
 * `Fn::If`, or more than MAX_VARIANT_CONDITIONS conditions (the policy is then read with them open).
 */
export function policyVariants(node: JsonNode, text: string): TreeVariant[] | undefined {
  const conditions: string[] = [];
  collectConditions(node, conditions);
  if (conditions.length === 0 || conditions.length > MAX_VARIANT_CONDITIONS) return undefined;
  const out: TreeVariant[] = [];
  for (const condition of conditions) {
    for (const value of [true, false]) {
      const chosen: Range[] = [];
      const tree = choose(node, text, undefined, condition, value, chosen);
      out.push({ condition, value, tree: tree === REMOVED || tree.type !== 'object' ? undefined : tree, chosen });
    }
  }
  return out;
}

/** `Fn::If` with a literal condition name and a branch that is an object (no intrinsic function) or a list. */
function wholePartIf(node: JsonNode): { condition: string; branches: readonly (JsonNode | undefined)[] } | undefined {
  if (intrinsicFunctionOf(node) !== 'Fn::If') return undefined;
  const arg = argumentOf(node);
  const [condition, whenTrue, whenFalse] = arg?.type === 'array' ? (arg.children ?? []) : [];
  if (condition?.type !== 'string') return undefined;
  const whole = (b: JsonNode | undefined): boolean =>
    b !== undefined && (b.type === 'array' || (b.type === 'object' && (!intrinsicFunctionOf(b) || wholePartIf(b) !== undefined)));
  return whole(whenTrue) || whole(whenFalse) ? { condition: condition.value as string, branches: [whenTrue, whenFalse] } : undefined;
}

/** Whether an `Fn::If` on `condition` around a whole part is in the subtree (outside other intrinsic functions). */
function mentions(node: JsonNode, condition: string): boolean {
  const ifPart = wholePartIf(node);
  if (ifPart) return ifPart.condition === condition || ifPart.branches.some((b) => b !== undefined && mentions(b, condition));
  if (intrinsicFunctionOf(node)) return false;
  return (node.children ?? []).some((c) => mentions(c, condition));
}

function collectConditions(node: JsonNode, out: string[]): void {
  const ifPart = wholePartIf(node);
  if (ifPart) {
    if (!out.includes(ifPart.condition)) out.push(ifPart.condition);
    for (const b of ifPart.branches) if (b) collectConditions(b, out);
    return;
  }
  if (intrinsicFunctionOf(node)) return;
  for (const c of node.children ?? []) collectConditions(c, out);
}

function isNoValue(node: JsonNode): boolean {
  return intrinsicFunctionOf(node) === 'Ref' && argumentOf(node)?.value === 'AWS::NoValue';
}

const REMOVED = Symbol('removed');

function choose(
  node: JsonNode,
  text: string,
  parent: MutableNode | undefined,
  condition: string,
  value: boolean,
  chosen: Range[],
): MutableNode | typeof REMOVED {
  const ifPart = wholePartIf(node);
  if (ifPart && ifPart.condition === condition) {
    const branch = ifPart.branches[value ? 0 : 1];
    if (!branch) return REMOVED;
    chosen.push({ start: branch.offset, end: branch.offset + branch.length });
    return isNoValue(branch) ? REMOVED : choose(branch, text, parent, condition, value, chosen);
  }
  if (ifPart) {
    // An Fn::If on another condition around one on this condition: the branch that holds it, so it is read.
    const holding = ifPart.branches.find((b) => b !== undefined && mentions(b, condition));
    if (holding) return choose(holding, text, parent, condition, value, chosen);
  }
  if (intrinsicFunctionOf(node)) return copy(node, text, parent);
  const out: MutableNode = { type: node.type, value: node.value, offset: node.offset, length: node.length, parent };
  if (node.colonOffset !== undefined) out.colonOffset = node.colonOffset;
  const source = node as SourceNode;
  if (source.offsets !== undefined) out.offsets = source.offsets;
  if (source.intrinsic !== undefined) out.intrinsic = source.intrinsic;
  if (!node.children) return out;
  if (node.type === 'object') {
    // A property whose value is removed (`Key: !If [Cond, {...}, !Ref AWS::NoValue]`) is not there.
    out.children = [];
    for (const prop of node.children) {
      const [key, v] = prop.children ?? [];
      const p: MutableNode = { type: 'property', offset: prop.offset, length: prop.length, parent: out };
      if (prop.colonOffset !== undefined) p.colonOffset = prop.colonOffset;
      const copiedValue = v ? choose(v, text, p, condition, value, chosen) : undefined;
      if (copiedValue === REMOVED) continue;
      p.children = key ? [copy(key, text, p), ...(copiedValue ? [copiedValue] : [])] : [];
      out.children.push(p);
    }
    return out;
  }
  out.children = [];
  for (const c of node.children) {
    const copied = choose(c, text, out, condition, value, chosen);
    if (copied !== REMOVED) out.children.push(copied);
  }
  return out;
}
