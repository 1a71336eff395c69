/**
 * Text -> PolicyDocument. jsonc-parser gives a tolerant tree (it recovers from syntax errors as the
 * user types); this module lifts it into the typed model and classifies the document.
 */
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { classifyPolicy, classifyStatements, looksLikeBareStatement } from './classify';
import { fastParseTree, parseTreeNoThrow } from './fastParse';
import { describeSyntaxProblems } from './syntaxProblems';
import type { StringNotation, VariableNotation } from '../model/variableNotation';
import {
  rangeOf,
  type ConditionBlock,
  type ConditionEntry,
  type ConditionValue,
  type Element,
  type OpenPart,
  type PolicyDocument,
  type PolicyKind,
  type SourceNode,
  type Statement,
  type StatementPrincipal,
  type StringValue,
  type SyntaxProblem,
} from '../model/policy';

export interface ParseOptions {
  /** The host knows the kind (e.g. a template's AssumeRolePolicyDocument): skip classification. */
  readonly kind?: Exclude<PolicyKind, 'not-a-policy'>;
  /** How the source writes a policy variable (`PolicyDocument.variableNotation`); undefined: `${`. */
  readonly variableNotation?: VariableNotation;
  /** How the source writes a string token (`PolicyDocument.stringNotation`); undefined: `json`. */
  readonly stringNotation?: StringNotation;
}

export function parsePolicy(text: string, options: ParseOptions = {}): PolicyDocument {
  const { root, syntaxProblems } = parseJsonTree(text);
  const doc = liftPolicy(text, root, syntaxProblems, options);
  // A policy file that is one bare statement is analysed as that statement (only files: a template's
  // policy position is the template's business).
  if (doc.kind !== 'not-a-policy' || options.kind || !root || !looksLikeBareStatement(root, doc.elements)) return doc;
  const statements = [buildStatement(root, 0)];
  return { ...doc, kind: classifyStatements(statements), statements, bareStatement: true };
}

/**
 * A JSON text's tree (jsonc-parser's node shape) and its syntax problems, described for people (the same for a
 * policy and for a JSON CloudFormation template).
 */
export function parseJsonTree(text: string): { readonly root: JsonNode | undefined; readonly syntaxProblems: readonly SyntaxProblem[] } {
  // Strict JSON (nearly every policy) takes the fast path, which has no problems by definition; anything
  // else goes to jsonc-parser for its error recovery, and to describeSyntaxProblems for one problem per mistake.
  const strict = fastParseTree(text);
  if (strict) return { root: strict, syntaxProblems: [] };
  const errors: ParseError[] = [];
  const root = parseTreeNoThrow(text, errors, { allowTrailingComma: false, disallowComments: false });
  return { root, syntaxProblems: describeSyntaxProblems(text, errors) };
}

/**
 * A policy whose tree is already parsed, as part of a larger text (a policy embedded in a CloudFormation
 * template): `root` is the policy's node, its offsets are into `text`, and every range of the model is too.
 */
export function policyFromTree(text: string, root: JsonNode, options: ParseOptions = {}): PolicyDocument {
  return liftPolicy(text, root, [], options);
}

function liftPolicy(text: string, root: JsonNode | undefined, syntaxProblems: readonly SyntaxProblem[], options: ParseOptions): PolicyDocument {
  const elements = root?.type === 'object' ? objectElements(root) : [];
  const statementElement = elements.find((e) => e.key === 'Statement');
  const open: OpenPart[] = [];
  const statements = statementElement ? statementsOf(statementElement, open) : [];
  if (root) addOpen(root, open);
  const versionElement = elements.find((e) => e.key === 'Version');
  const version = versionElement ? stringValue(versionElement.value) : undefined;
  const kind = options.kind ?? classifyPolicy(root, elements, statements);
  const { variableNotation, stringNotation } = options;
  return {
    text,
    root,
    kind,
    syntaxProblems,
    elements,
    version,
    statementElement,
    statements,
    ...(variableNotation && { variableNotation }),
    ...(stringNotation && { stringNotation }),
    ...(open.length > 0 && { openStatements: open }),
  };
}

/** A template's intrinsic function where a statement (or the list, or the document) is: an open part. */
function addOpen(node: JsonNode, open: OpenPart[]): void {
  const intrinsic = (node as SourceNode).intrinsic;
  if (node.type === 'string' && intrinsic) open.push({ range: rangeOf(node), fn: intrinsic.fn });
}

/** The properties of an object node as Elements, in source order, duplicates included. */
export function objectElements(node: JsonNode | undefined): Element[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Element[] = [];
  for (const prop of node.children) {
    const keyNode = prop.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    out.push({ key: keyNode.value, keyRange: rangeOf(keyNode), value: prop.children?.[1], range: rangeOf(prop) });
  }
  return out;
}

export function stringValue(node: JsonNode | undefined): StringValue | undefined {
  if (!node || node.type !== 'string') return undefined;
  const { offsets, intrinsic } = node as SourceNode;
  // Template strings carry where their characters are and which intrinsic function they stand for.
  if (offsets === undefined && intrinsic === undefined) return { value: node.value as string, range: rangeOf(node) };
  return { value: node.value as string, range: rangeOf(node), offsets, intrinsic };
}

/** A string or an array of strings; non-string members are left out (the structure checks report them). */
export function stringList(node: JsonNode | undefined): StringValue[] | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return [stringValue(node)!];
  if (node.type === 'array') {
    const out: StringValue[] = [];
    for (const item of node.children ?? []) {
      const s = stringValue(item);
      if (s) out.push(s);
    }
    return out;
  }
  return undefined;
}

function statementsOf(statementElement: Element, open: OpenPart[]): Statement[] {
  const value = statementElement.value;
  if (!value) return [];
  const nodes = value.type === 'array' ? (value.children ?? []) : [value];
  const out: Statement[] = [];
  for (const node of nodes) {
    if (node.type !== 'object') {
      addOpen(node, open);
      continue;
    }
    out.push(buildStatement(node, out.length));
  }
  return out;
}

function buildStatement(node: JsonNode, index: number): Statement {
  const elements = objectElements(node);
  const byName = new Map<string, Element>();
  for (const e of elements) if (!byName.has(e.key)) byName.set(e.key, e);
  const get = (name: string) => byName.get(name)?.value;
  const conditionElement = byName.get('Condition');
  return {
    index,
    node,
    range: rangeOf(node),
    elements,
    byName,
    sid: stringValue(get('Sid')),
    effect: stringValue(get('Effect')),
    principal: principalOf(byName.get('Principal') ?? byName.get('NotPrincipal')),
    actions: stringList(get('Action')),
    notActions: stringList(get('NotAction')),
    resources: stringList(get('Resource')),
    notResources: stringList(get('NotResource')),
    conditions: conditionElement ? conditionBlocks(conditionElement.value) : undefined,
  };
}

function principalOf(element: Element | undefined): StatementPrincipal | undefined {
  if (!element) return undefined;
  const kind = element.key === 'Principal' ? 'Principal' : 'NotPrincipal';
  const value = element.value;
  if (value?.type === 'string') return { kind, element, stringForm: stringValue(value), entries: [], wellFormed: true };
  if (value?.type !== 'object') return { kind, element, entries: [], wellFormed: false };
  let wellFormed = true;
  const entries = objectElements(value).map((e) => {
    const v = e.value;
    // A number is an account ID as YAML writes it unquoted (CloudFormation passes it on as a string): a value,
    // though not one that can be the identity pools' principal; anything else makes the principal malformed.
    const isValue = (n: JsonNode) => n.type === 'string' || n.type === 'number';
    if (!v || !(isValue(v) || (v.type === 'array' && (v.children ?? []).every(isValue)))) wellFormed = false;
    return { type: e.key, typeRange: e.keyRange, element: e, values: stringList(v) ?? [] };
  });
  return { kind, element, entries, wellFormed };
}

function conditionBlocks(node: JsonNode | undefined): ConditionBlock[] {
  return objectElements(node).map((element) => ({
    operator: { value: element.key, range: element.keyRange },
    element,
    entries: objectElements(element.value).map(conditionEntry),
  }));
}

function conditionEntry(element: Element): ConditionEntry {
  const value = element.value;
  const items = value?.type === 'array' ? (value.children ?? []) : value ? [value] : [];
  return {
    key: { value: element.key, range: element.keyRange },
    element,
    values: items.map(conditionValue),
  };
}

function conditionValue(node: JsonNode): ConditionValue {
  const range = rangeOf(node);
  switch (node.type) {
    case 'string': {
      const { offsets, intrinsic } = node as SourceNode;
      if (offsets === undefined && intrinsic === undefined) return { text: node.value as string, kind: 'string', range };
      return { text: node.value as string, kind: 'string', range, offsets, intrinsic };
    }
    case 'number':
      return { text: String(node.value), kind: 'number', range };
    case 'boolean':
      return { text: String(node.value), kind: 'boolean', range };
    default:
      return { text: '', kind: 'other', range };
  }
}
