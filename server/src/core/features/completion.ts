/**
 * Completion: what can be written at the cursor, from the parse tree (features/locate.ts) and the
 * catalog. Items insert well-formed JSON: quotes when the cursor is outside a string, a colon and a
 * value skeleton after a new key, commas between siblings.
 */
import { createScanner, findNodeAtOffset, SyntaxKind, type Node as JsonNode } from 'jsonc-parser';
import type { Catalog, CatalogAction, CatalogConditionKey } from '../catalog/types';
import { allOperatorNames, parseOperator } from '../iam/operators';
import { trustsIdentityPools } from '../iam/principals';
import { CURRENT_VERSION } from '../iam/versions';
import {
  AMR_AUTHENTICATED,
  AMR_UNAUTHENTICATED,
  COGNITO_AMR_KEY,
  COGNITO_AUD_KEY,
  COGNITO_CLAIM_DOCS,
  COGNITO_PRINCIPAL,
  COGNITO_SUB_KEY,
  IDENTITY_POOL_ID_EXAMPLE,
  KEYS_NEVER_SET_FOR_IDENTITY_POOLS,
  KNOWN_LOGIN_PROVIDERS,
  S3_OBJECT_RESOURCE_TYPE,
  cognitoClaimOf,
} from '../cognito/knowledge';
import type { HclBlockKind, HclBlockOutline, PolicyDocument, Range, SourceNode, Statement, Syntax } from '../model/policy';
import { inNotation } from '../model/variableNotation';
import { ExpansionBudget } from '../catalog/expansion';
import { CatalogMemo } from '../text/memo';
import { isHclNameChar, isHclNameStart } from '../text/hclNames';
import { EFFECT_VALUES, ELEMENT_DOCS, VERSION_VALUES, operatorDoc } from './docs';
import { isBlank, locate, pathTo, type KeyCursor, type ValueCursor } from './locate';
import { actionDoc, conditionKeyDoc } from './reference';

export type CompletionKind = 'property' | 'value' | 'service' | 'action' | 'wildcard' | 'arn' | 'operator' | 'key' | 'variable' | 'principal' | 'snippet';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** `insertText` is a snippet (tabstops `$1`, `${1:default}`). */
  readonly snippet?: boolean;
  readonly replace: Range;
  readonly sortText: string;
  readonly filterText?: string;
  /** Edits elsewhere (a comma after the previous sibling). */
  readonly additionalEdits?: readonly TextEdit[];
  /** Ask the editor for completion again after inserting (a service prefix, then its actions). */
  readonly retrigger?: boolean;
  readonly preselect?: boolean;
}

export interface CompletionOptions {
  /** `cognitoPool.identityPoolId`: offered as the value of `aud`. */
  readonly identityPoolId?: string;
  /**
   * `yaml` for a policy in a YAML template: values are written as YAML scalars, and keys are completed only
   * where one is being typed before its colon (new YAML structure is left to the user).
   */
  readonly syntax?: Syntax;
  /**
   * The character whose typing asked for completion (LSP `triggerCharacter`). A `{` asks for policy variables
   * only (`${`): anywhere else it answers nothing, so Enter after a new object's `{` stays a line break.
   */
  readonly triggerCharacter?: string;
}

export function complete(doc: PolicyDocument, offset: number, catalog: Catalog, options: CompletionOptions = {}): CompletionEntry[] {
  if (options.syntax === 'hcl' || options.syntax === 'hcl-template') return completeInTerraform(doc, offset, catalog, options);
  if (options.triggerCharacter === '{' && doc.text.slice(offset - 2, offset) !== '${') return [];
  const cursor = locate(doc, offset);
  if (!cursor) return [];
  if (options.syntax === 'yaml') {
    if (cursor.kind === 'key') return cursor.inString && cursor.hasColon ? completeKey(doc, cursor, catalog) : [];
    if (cursor.path.length === 1 && cursor.path[0] === 'Statement') return []; // a statement snippet is JSON
  }
  return cursor.kind === 'key' ? completeKey(doc, cursor, catalog) : completeValue(doc, cursor, catalog, options);
}

/**
 * Terraform (a `.tf` file's policies, a `.tpl` template). JSON in a heredoc or a template file is JSON: keys and
 * values as in a JSON policy. In HCL (`jsonencode`, `aws_iam_policy_document`) only inside a string or a key's name
 * as written (a `jsonencode` key, a policy document's `test`, `variable` and principal `type`, which are the
 * policy's operator, condition key and principal type): the names alone, no new structure. Never inside a
 * Terraform interpolation (`${var.` is Terraform's expression). An IAM variable is written in the policy's
 * notation, `$${...}` (`&{...}` in a policy document), in the inserted text, an ARN's label and the identity ID's
 * text; variables are offered after `$${` (`&{`).
 */
function completeInTerraform(doc: PolicyDocument, offset: number, catalog: Catalog, options: CompletionOptions): CompletionEntry[] {
  const notation = doc.variableNotation === '&{' ? '&{' : '$${';
  if (options.triggerCharacter === '{' && doc.text.slice(offset - notation.length, offset) !== notation) return [];
  const variables = terraformVariables(doc, offset, catalog, notation);
  if (variables) return variables;
  if (doc.hclBlocks) {
    const names = policyDocumentNames(doc, doc.hclBlocks, offset);
    if (names) return names;
  }
  const cursor = locate(doc, offset);
  const json = doc.stringNotation === 'template-json';
  // A new key of a `jsonencode` object: a name being typed (no `=` yet) or a line of its own.
  const keyWithoutValue = !json && !doc.hclBlocks && cursor?.kind === 'key' && !cursor.hasColon;
  const newKey = keyWithoutValue && elementPlace(doc.text, cursor);
  if (!cursor || (keyWithoutValue && !newKey) || (!json && !cursor.inString && !newKey)) return [];
  if (cursor.inString) {
    const open = cursor.prefix.lastIndexOf('${');
    if (open >= 0 && cursor.prefix.indexOf('}', open) < 0 && cursor.prefix[open - 1] !== '$') return [];
  }
  // A name written in HCL has its `=` (or is a block's attribute): the name alone; a new one gets `= value`.
  const entries =
    cursor.kind === 'key' ? completeKey(doc, json || newKey ? cursor : { ...cursor, hasColon: true }, catalog) : completeValue(doc, cursor, catalog, options);
  // In a snippet a literal `$` is `\$`, and `${1:x}` a tabstop (not a variable); `&` is literal.
  const snippetVariable = notation === '&{' ? '&{' : '\\$\\${';
  return entries.map((e) => ({
    ...e,
    ...(e.kind === 'arn' && { label: inNotation(e.label, notation) }),
    insertText: e.snippet ? e.insertText.split('\\${').join(snippetVariable) : e.insertText.split('${').join(notation),
    ...(e.documentation !== undefined && { documentation: e.documentation.split(COGNITO_CLAIM_DOCS.sub).join(inNotation(COGNITO_CLAIM_DOCS.sub, notation)) }),
  }));
}

/**
 * Policy variables after `$${` (`&{` in a policy document) in a string of a Resource or a condition value, read on
 * the file's text (the string's value has the escape decoded, so its characters are not the text's one to one).
 * Undefined when the cursor is not after such an opening.
 */
function terraformVariables(doc: PolicyDocument, offset: number, catalog: Catalog, notation: string): CompletionEntry[] | undefined {
  const node = doc.root && findNodeAtOffset(doc.root, offset, true);
  if (node?.type !== 'string' || !node.parent) return undefined;
  const text = doc.text;
  let start = offset;
  while (start > node.offset && isVariableNameChar(text.charCodeAt(start - 1))) start--;
  const open = start - notation.length;
  if (open <= node.offset || text.slice(open, start) !== notation || (notation === '$${' && text[open - 1] === '$')) return undefined;
  const property = node.parent.type === 'property' ? node.parent : node.parent.type === 'array' ? node.parent.parent : undefined;
  if (!property || property.children?.[0] === node || !doc.root) return undefined;
  const path = pathTo(property, doc.root);
  const inResource = path.length === 2 && path[0] === 'Statement' && (path[1] === 'Resource' || path[1] === 'NotResource');
  const inCondition = path.length === 4 && path[0] === 'Statement' && path[1] === 'Condition';
  return inResource || inCondition ? variableEntries(text, start, offset, catalog) : undefined;
}

/** The characters of a policy variable's name as typed (a key such as `aws:PrincipalTag/team`). */
function isVariableNameChar(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 47 || c === 95; // 0-9 : A-Z a-z - . / _
}

/**
 * Whether a new key of an HCL object can start where the cursor's key is (or would be): first in its object, or
 * after the previous element and a line break or a comma (HCL separates elements so).
 */
function elementPlace(text: string, cursor: KeyCursor): boolean {
  const at = cursor.inString && cursor.token ? cursor.token.start : cursor.replace.start;
  let before: number | undefined;
  for (const p of cursor.object.children ?? []) {
    const end = p.offset + p.length;
    if (end <= at && p.offset < at && (before === undefined || end > before)) before = end;
  }
  if (before === undefined) return true;
  let separated = false;
  for (let i = before; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x2c) separated = true;
    else if (!isBlank(c)) return false;
  }
  return separated;
}

/** A name HCL takes without quotes as an object key: a letter or `_`, then letters, digits, `_` and `-`. */
function isHclIdentifier(name: string): boolean {
  if (name === '' || !isHclNameStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isHclNameChar(name.charCodeAt(i))) return false;
  return true;
}

/** The JSON value skeletons that are objects, as HCL writes them in `jsonencode` (`key = value`, a key picked on a line of its own). */
const HCL_SKELETONS: Readonly<Record<string, string>> = {
  '{\n\t"$1"\n}': '{\n\t$1\n}',
  [`{\n\t"\${1:Federated}": "\${2:${COGNITO_PRINCIPAL}}"\n}`]: `{\n\t\${1:Federated} = "\${2:${COGNITO_PRINCIPAL}}"\n}`,
  '{\n\t"$1": "$2"\n}': '{\n\t$1 = "$2"\n}',
};

// ----------------------------------------------------------------------------- policy document names

/** A policy document's attribute and block names, with the IAM element each one writes. */
interface HclName {
  readonly name: string;
  readonly element?: string;
  readonly snippet: string;
  readonly doc?: string;
  /** A block that may be written more than once. */
  readonly repeats?: boolean;
  readonly retrigger?: boolean;
}

const DOCUMENT_NAMES: readonly HclName[] = [
  { name: 'version', element: 'Version', snippet: `version = "${CURRENT_VERSION}"` },
  { name: 'policy_id', element: 'Id', snippet: 'policy_id = "$1"' },
  { name: 'statement', element: 'Statement', snippet: 'statement {\n\t$0\n}', repeats: true, retrigger: true },
  {
    name: 'source_policy_documents',
    snippet: 'source_policy_documents = [$1]',
    doc: 'Policy documents (their `.json`) whose statements this one adds; a statement of this document with the same `sid` replaces one of theirs.',
  },
  {
    name: 'override_policy_documents',
    snippet: 'override_policy_documents = [$1]',
    doc: "Policy documents (their `.json`) whose statements replace this one's with the same `sid`, and are added otherwise.",
  },
];

const STATEMENT_NAMES: readonly HclName[] = [
  { name: 'sid', element: 'Sid', snippet: 'sid = "$1"' },
  { name: 'effect', element: 'Effect', snippet: 'effect = "${1|Allow,Deny|}"' },
  {
    name: 'principals',
    element: 'Principal',
    snippet: `principals {\n\ttype        = "\${1:Federated}"\n\tidentifiers = ["\${2:${COGNITO_PRINCIPAL}}"]\n}`,
    repeats: true,
  },
  { name: 'not_principals', element: 'NotPrincipal', snippet: 'not_principals {\n\ttype        = "$1"\n\tidentifiers = ["$2"]\n}', repeats: true },
  { name: 'actions', element: 'Action', snippet: 'actions = ["$1"]', retrigger: true },
  { name: 'not_actions', element: 'NotAction', snippet: 'not_actions = ["$1"]', retrigger: true },
  { name: 'resources', element: 'Resource', snippet: 'resources = ["$1"]', retrigger: true },
  { name: 'not_resources', element: 'NotResource', snippet: 'not_resources = ["$1"]', retrigger: true },
  {
    name: 'condition',
    element: 'Condition',
    snippet: 'condition {\n\ttest     = "$1"\n\tvariable = "$2"\n\tvalues   = ["$3"]\n}',
    repeats: true,
    retrigger: true,
  },
];

const PRINCIPAL_NAMES: readonly HclName[] = [
  {
    name: 'type',
    snippet: 'type = "$1"',
    doc: 'The principal type: `Federated` for identity pools (`AWS`, `Service`, `CanonicalUser`, or `*`).',
    retrigger: true,
  },
  { name: 'identifiers', snippet: 'identifiers = ["$1"]', doc: `The principals of the type: \`${COGNITO_PRINCIPAL}\` for identity pools.`, retrigger: true },
];

const CONDITION_NAMES: readonly HclName[] = [
  { name: 'test', snippet: 'test = "$1"', doc: 'The condition operator (`StringEquals`, `ForAnyValue:StringLike`, ...).', retrigger: true },
  {
    name: 'variable',
    snippet: 'variable = "$1"',
    doc: 'The condition key (`cognito-identity.amazonaws.com:aud`, `aws:PrincipalTag/team`, ...).',
    retrigger: true,
  },
  { name: 'values', snippet: 'values = ["$1"]', doc: 'The values compared with the key: the condition holds when any of them matches.', retrigger: true },
];

const NAMES_OF: Readonly<Record<HclBlockKind, readonly HclName[]>> = {
  'policy-document': DOCUMENT_NAMES,
  statement: STATEMENT_NAMES,
  principals: PRINCIPAL_NAMES,
  not_principals: PRINCIPAL_NAMES,
  condition: CONDITION_NAMES,
};

/**
 * The names of an `aws_iam_policy_document` block at the cursor: on a name being typed, or on a line of its own
 * between the block's attributes and blocks. Undefined when the cursor is at no such place (inside an attribute).
 * The same names the JSON policy gets at the same place, as Terraform spells them: in a trust policy no
 * `resources`, in a permission policy no `principals`, never both of `actions` and `not_actions`.
 */
function policyDocumentNames(doc: PolicyDocument, blocks: readonly HclBlockOutline[], offset: number): CompletionEntry[] | undefined {
  let block: HclBlockOutline | undefined;
  for (const b of blocks) {
    if (b.body.start <= offset && offset <= b.body.end && (!block || b.body.end - b.body.start < block.body.end - block.body.start)) block = b;
  }
  if (!block) return undefined;
  const replace =
    block.typing.find((r) => r.start <= offset && offset <= r.end) ?? (onLineOfItsOwn(doc.text, block, offset) ? { start: offset, end: offset } : undefined);
  // HCL puts one attribute or block on a line: a name typed after another item on its line is no new name.
  if (!replace || !startsItsLine(doc.text, replace.start)) return undefined;
  const written = new Set(block.names);
  const elements = new Set<string>();
  for (const n of NAMES_OF[block.kind]) if (n.element && written.has(n.name)) elements.add(n.element);
  const permission = doc.kind === 'identity' && shapedLikePermissionPolicy(doc);
  const trustBeingWritten = doc.kind === 'identity' && !permission;
  const out: CompletionEntry[] = [];
  for (const [i, n] of NAMES_OF[block.kind].entries()) {
    if (written.has(n.name) && !n.repeats) continue;
    const e = n.element;
    if (block.kind === 'statement' && e) {
      const other = STATEMENT_EXCLUSIVE[e];
      if (other && elements.has(other)) continue;
      if ((e === 'Principal' || e === 'NotPrincipal') && permission) continue;
      if ((e === 'Resource' || e === 'NotResource') && doc.kind === 'trust') continue;
      if (e === 'NotPrincipal' && (doc.kind === 'trust' || trustBeingWritten)) continue;
    }
    const element = e ? ELEMENT_DOCS.find((d) => d.name === e) : undefined;
    out.push({
      label: n.name,
      kind: 'property',
      ...(element && { detail: e }),
      documentation: element ? `${element.doc}\n\n[IAM reference](${element.url})` : n.doc,
      insertText: n.snippet,
      snippet: true,
      replace,
      sortText: String(i).padStart(2, '0'),
      ...(n.retrigger && { retrigger: true }),
    });
  }
  return out;
}

/** Whether only blanks stand between the start of its line (or a block's `{`) and `offset`. */
function startsItsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x7b /* { */) return true;
    if (!isBlank(c)) return false;
  }
  return true;
}

/** A blank place of a block's body where a name can start: only blanks before it on its line and after it. */
function onLineOfItsOwn(text: string, block: HclBlockOutline, offset: number): boolean {
  if (block.items.some((r) => r.start < offset && offset < r.end)) return false;
  let before = block.body.start;
  for (const r of block.items) if (r.end <= offset && r.end > before) before = r.end;
  let newline = before === block.body.start;
  for (let i = before; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (!isBlank(c)) return false;
    if (c === 0x0a) newline = true;
  }
  if (!newline) return false;
  for (let i = offset; i < block.body.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return true;
    if (!isBlank(c)) return false;
  }
  return true;
}

// ------------------------------------------------------------------------------------------- keys

const STATEMENT_EXCLUSIVE: Readonly<Record<string, string>> = {
  Action: 'NotAction',
  NotAction: 'Action',
  Resource: 'NotResource',
  NotResource: 'Resource',
  Principal: 'NotPrincipal',
  NotPrincipal: 'Principal',
};

function completeKey(doc: PolicyDocument, cursor: KeyCursor, catalog: Catalog): CompletionEntry[] {
  const path = cursor.path;
  const existing = new Set(cursor.existingKeys);
  if (path.length === 0) return elementKeys(doc, cursor, 'policy', existing);
  if (path.length === 1 && path[0] === 'Statement') return elementKeys(doc, cursor, 'statement', existing);
  if (path.length === 2 && path[0] === 'Statement' && path[1] === 'Principal') return elementKeys(doc, cursor, 'principal', existing);
  if (path.length === 2 && path[0] === 'Statement' && path[1] === 'Condition') return operatorKeys(doc, cursor);
  if (path.length === 3 && path[0] === 'Statement' && path[1] === 'Condition') return conditionKeyItems(doc, cursor, catalog, path[2], existing);
  return [];
}

function elementKeys(doc: PolicyDocument, cursor: KeyCursor, where: 'policy' | 'statement' | 'principal', existing: Set<string>): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  // A permission policy by its resources or actions; one without principals yet that is not may become a trust
  // policy (trustBeingWritten). Principal's skeleton is the identity pools' principal unless it is a permission policy.
  const permission = doc.kind === 'identity' && shapedLikePermissionPolicy(doc);
  const trustBeingWritten = doc.kind === 'identity' && !permission;
  const trustLike = doc.kind === 'trust' || doc.kind === 'resource' || trustBeingWritten;
  for (const [i, e] of ELEMENT_DOCS.entries()) {
    if (e.where !== where || existing.has(e.name)) continue;
    if (where === 'statement') {
      const other = STATEMENT_EXCLUSIVE[e.name];
      if (other && existing.has(other)) continue;
      // Principals belong to trust (and resource) policies; Resource to permission policies.
      if ((e.name === 'Principal' || e.name === 'NotPrincipal') && permission) continue;
      if ((e.name === 'Resource' || e.name === 'NotResource') && doc.kind === 'trust') continue;
      // NotPrincipal is not allowed in trust policies, nor in one that may become a trust policy.
      if (e.name === 'NotPrincipal' && (doc.kind === 'trust' || trustBeingWritten)) continue;
    }
    out.push(
      keyEntry(
        doc,
        cursor,
        e.name,
        valueSkeleton(e.name, where, trustLike),
        'property',
        `${e.doc}\n\n[IAM reference](${e.url})`,
        `${String(i).padStart(2, '0')}`,
        {
          retrigger: where !== 'principal' && OPENS_A_CHOICE.has(e.name),
        },
      ),
    );
  }
  // The element a policy needs next is selected when the list opens (Version in a fresh `{}`, then Statement):
  // in a `json` document the built-in JSON service's `$schema` sorts before every sortText of ours, and Enter
  // would take it. Id, rarely written, is never preselected.
  if (where === 'policy') {
    const next = out.findIndex((e) => e.label === 'Version' || e.label === 'Statement');
    if (next >= 0) out[next] = { ...out[next], preselect: true };
  }
  return out;
}

/**
 * A policy with no principal yet is read as a permission policy, but it may be a trust policy being written:
 * only a resource, or an action that is no STS action (trust policies allow sts:AssumeRole*, sts:TagSession),
 * shows it is a permission policy, where Principal does not belong.
 */
function shapedLikePermissionPolicy(doc: PolicyDocument): boolean {
  return doc.statements.some(
    (s) => s.resources !== undefined || s.notResources !== undefined || (s.actions ?? []).some((a) => !a.value.toLowerCase().startsWith('sts:')),
  );
}

/**
 * Elements whose skeleton leaves the cursor where the next thing is picked from a list: the statement's elements,
 * actions, ARN templates, condition operators. Their items ask the editor to suggest again after inserting.
 */
const OPENS_A_CHOICE: ReadonlySet<string> = new Set(['Statement', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

/**
 * An object whose first key is picked from the list that opens: the Condition block (an operator is picked,
 * its item writes the operator's block) and an operator's block (a condition key is picked, its item writes the value).
 */
const PICK_A_KEY_BLOCK = '{\n\t"$1"\n}';

function valueSkeleton(name: string, where: string, trustLike: boolean): string {
  if (where === 'principal') return name === 'Federated' ? `"\${1:${COGNITO_PRINCIPAL}}"` : '"$1"';
  switch (name) {
    case 'Version':
      return JSON.stringify(CURRENT_VERSION);
    case 'Statement':
      return '[\n\t{\n\t\t$0\n\t}\n]';
    case 'Effect':
      return '"${1|Allow,Deny|}"';
    case 'Action':
    case 'NotAction':
    case 'Resource':
    case 'NotResource':
      return '[\n\t"$1"\n]';
    case 'Principal':
      return trustLike ? `{\n\t"\${1:Federated}": "\${2:${COGNITO_PRINCIPAL}}"\n}` : '{\n\t"$1": "$2"\n}';
    case 'NotPrincipal':
      return '{\n\t"$1": "$2"\n}';
    case 'Condition':
      return PICK_A_KEY_BLOCK;
    default:
      return '"$1"';
  }
}

function operatorKeys(doc: PolicyDocument, cursor: KeyCursor): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const name of allOperatorNames()) {
    const op = parseOperator(name)!;
    // Most used first: plain String/Arn/Bool operators, then set forms, then IfExists.
    const rank = (op.set ? 2 : 0) + (op.ifExists ? 1 : 0) + (op.family === 'String' ? 0 : 4);
    out.push(keyEntry(doc, cursor, name, PICK_A_KEY_BLOCK, 'operator', operatorDoc(name), `${rank}${name}`, { retrigger: true }));
  }
  return out;
}

/** Condition keys: the statement's actions' keys first (Cognito's first in trust policies), then global keys. */
function conditionKeyItems(doc: PolicyDocument, cursor: KeyCursor, catalog: Catalog, operator: string, existing: Set<string>): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const op = parseOperator(operator);
  const add = (key: CatalogConditionKey, group: string) => {
    const lower = key.name.toLowerCase();
    if (seen.has(lower) || existing.has(key.name)) return;
    seen.add(lower);
    const value = op?.set || (!op && key.multiValued) ? '[\n\t"$2"\n]' : '"$2"';
    out.push(
      keyEntry(doc, cursor, key.name, value, 'key', conditionKeyDoc(key), `${group}${key.name}`, {
        detail: key.type + (key.multiValued ? ' (multi-valued)' : ''),
        nameSnippet: keyNameSnippet(key.name),
        // Values are suggested for a few keys (amr, aud, booleans): the list opens on them.
        retrigger: conditionValueItems(catalog, op, key.name, {}).length > 0,
      }),
    );
  };
  const statementTrustsCognito = cursor.statement ? trustsIdentityPools(cursor.statement) === true : false;
  if (doc.kind === 'trust' || statementTrustsCognito) {
    for (const [i, name] of [COGNITO_AUD_KEY, COGNITO_AMR_KEY, COGNITO_SUB_KEY].entries()) {
      const key = catalog.conditionKey(name);
      if (key) add(key, `0${i}`);
    }
  }
  for (const key of statementKeys(cursor.statement, catalog)) add(key, '1');
  for (const key of catalog.globalConditionKeys()) add(key, '2');
  return out;
}

/** Keys the statement's actions support (a bounded number of actions: wildcards can match thousands). */
function statementKeys(s: Statement | undefined, catalog: Catalog): CatalogConditionKey[] {
  const out: CatalogConditionKey[] = [];
  const seen = new Set<string>();
  for (const action of statementActions(s, catalog)) {
    for (const name of action.conditionKeys) {
      if (seen.has(name)) continue;
      seen.add(name);
      const key = catalog.conditionKey(name);
      if (key && !key.global) out.push(key);
    }
  }
  return out;
}

const MAX_ACTIONS = 400;

/** Catalog action names one request matches against a statement's wildcard actions (about two wildcard services). */
const MAX_COMPLETION_EXPANSION = 50_000;

function statementActions(s: Statement | undefined, catalog: Catalog): CatalogAction[] {
  const out: CatalogAction[] = [];
  const budget = new ExpansionBudget(MAX_COMPLETION_EXPANSION);
  for (const a of s?.actions ?? []) {
    if (a.value === '*' || a.value.includes('${')) continue;
    if (!budget.allows(catalog, a)) break;
    for (const action of catalog.matchActions(a.value)) {
      out.push(action);
      if (out.length >= MAX_ACTIONS) return out;
    }
  }
  return out;
}

interface KeyExtras {
  readonly detail?: string;
  /** The name as a snippet (a templated condition key's placeholder is a tabstop). */
  readonly nameSnippet?: string;
  /** The value skeleton leaves the cursor on a choice: suggest again after inserting. */
  readonly retrigger?: boolean;
}

function keyEntry(
  doc: PolicyDocument,
  cursor: KeyCursor,
  name: string,
  value: string,
  kind: CompletionKind,
  documentation: string | undefined,
  sortText: string,
  extras: KeyExtras = {},
): CompletionEntry {
  const { detail, nameSnippet = escapeSnippet(name) } = extras;
  if (cursor.inString && cursor.hasColon)
    return { label: name, kind, detail, documentation, insertText: nameSnippet, snippet: true, replace: cursor.replace, sortText };
  if (doc.stringNotation === 'hcl') {
    // A new key of a `jsonencode` object, in HCL: `Name = value` (a name that is no HCL identifier quoted).
    const key = isHclIdentifier(name) ? nameSnippet : `"${nameSnippet}"`;
    const insertText = `${key} = ${HCL_SKELETONS[value] ?? value}`;
    // Typed in quotes, it replaces the whole string, its quotes included (as a new JSON key does).
    const replace = cursor.quote === '"' && cursor.token ? cursor.token : cursor.replace;
    const filterText = cursor.quote === '"' ? `"${name}"` : undefined;
    return { label: name, kind, detail, documentation, insertText, snippet: true, replace, sortText, filterText, retrigger: extras.retrigger || undefined };
  }
  // A new property: `"Name": value` and the commas around it. Typed (or auto-inserted) in quotes, it replaces the
  // whole string, its quotes included: the range starts at the opening quote, as the JSON service's items do, so
  // the editor filters both against the same typed word (`"Ver`) and ours score as high.
  const replace = cursor.inString
    ? { start: cursor.token?.start ?? cursor.replace.start - 1, end: doc.text[cursor.replace.end] === '"' ? cursor.replace.end + 1 : cursor.replace.end }
    : cursor.replace;
  const { before, after } = keySeparators(doc, cursor, replace.start, replace.end);
  return {
    label: name,
    kind,
    detail,
    documentation,
    insertText: `"${nameSnippet}": ${value}${after}`,
    snippet: true,
    replace,
    sortText,
    filterText: `"${name}"`,
    additionalEdits: before,
    retrigger: extras.retrigger || undefined,
  };
}

interface Separators {
  /** A comma after the previous sibling, when it has none. */
  readonly before?: TextEdit[];
  /** `,` when a sibling follows the insertion without one. */
  readonly after: string;
}

/** One computation per request: every key item of a request is inserted at the same place. */
const keySeparatorCache = new WeakMap<KeyCursor, Separators>();

function keySeparators(doc: PolicyDocument, cursor: KeyCursor, start: number, end: number): Separators {
  let found = keySeparatorCache.get(cursor);
  if (!found) keySeparatorCache.set(cursor, (found = separators(doc.text, cursor.object, start, end)));
  return found;
}

/**
 * Commas around an insertion (the text from `start` to `end` is replaced) between siblings of `container` (an
 * object or array): one after the inserted text when a sibling follows, and one after the previous sibling when
 * it has none. Tokens are read as JSON with comments (JSONC): the comma goes right after the previous value,
 * never into a `// comment` that ends its line.
 */
function separators(text: string, container: JsonNode, start: number, end: number): Separators {
  const scanner = createScanner(text, true);
  scanner.setPosition(container.offset);
  let last: SyntaxKind | undefined;
  let lastEnd = container.offset;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && scanner.getTokenOffset() < start; token = scanner.scan()) {
    last = token;
    lastEnd = scanner.getTokenOffset() + scanner.getTokenLength();
  }
  scanner.setPosition(end);
  const next = scanner.scan();
  const after =
    next === SyntaxKind.EOF || next === SyntaxKind.CloseBraceToken || next === SyntaxKind.CloseBracketToken || next === SyntaxKind.CommaToken ? '' : ',';
  const needsComma =
    last !== undefined &&
    last !== SyntaxKind.OpenBraceToken &&
    last !== SyntaxKind.OpenBracketToken &&
    last !== SyntaxKind.CommaToken &&
    last !== SyntaxKind.ColonToken;
  return { before: needsComma ? [{ range: { start: lastEnd, end: lastEnd }, newText: ',' }] : undefined, after };
}

/** The array a value cursor is in (the property's value). */
function arrayOf(cursor: ValueCursor): JsonNode | undefined {
  const value = cursor.property.children?.[1];
  return value?.type === 'array' ? value : undefined;
}

const valueSeparatorCache = new WeakMap<ValueCursor, Separators>();

/**
 * Commas around what a value completion completes: in an array, the new element (outside a string: at the cursor;
 * in one: around the string); otherwise the property whose value it is (`"Effect": "A|"` followed by a key on the
 * next line gets the comma after `"Allow"`).
 */
function valueSeparators(doc: PolicyDocument, cursor: ValueCursor): Separators {
  let found = valueSeparatorCache.get(cursor);
  if (found) return found;
  const end = cursor.inString && cursor.token && !cursor.unclosed ? cursor.token.end : cursor.replace.end;
  const array = cursor.inArray ? arrayOf(cursor) : undefined;
  const object = cursor.property.parent;
  if (array) found = separators(doc.text, array, cursor.inString && cursor.token ? cursor.token.start : cursor.replace.start, end);
  else if (object?.type === 'object') found = separators(doc.text, object, cursor.property.offset, end);
  else found = { after: '' };
  valueSeparatorCache.set(cursor, found);
  return found;
}

// ----------------------------------------------------------------------------------------- values

function completeValue(doc: PolicyDocument, cursor: ValueCursor, catalog: Catalog, options: CompletionOptions): CompletionEntry[] {
  const path = cursor.path;
  const [first, second, third, fourth] = path;
  if (path.length === 1 && first === 'Version') return simpleValues(doc, cursor, VERSION_VALUES, 'value');
  if (first !== 'Statement') return [];
  if (path.length === 1) return cursor.inArray && !cursor.inString ? [statementSnippet(doc, cursor)] : [];
  if (path.length === 2 && second === 'Effect') return simpleValues(doc, cursor, EFFECT_VALUES, 'value');
  if (path.length === 2 && (second === 'Action' || second === 'NotAction')) return actionValues(doc, cursor, catalog);
  if (path.length === 2 && (second === 'Resource' || second === 'NotResource')) {
    return variableContext(cursor) !== undefined ? variableItems(doc.text, cursor, catalog) : resourceValues(doc, cursor, catalog);
  }
  if (path.length === 3 && second === 'Principal' && third === 'Federated') {
    return simpleValues(
      doc,
      cursor,
      [{ value: COGNITO_PRINCIPAL, doc: 'The identity pools of Amazon Cognito: the principal of every identity-pool role trust policy.' }],
      'principal',
    );
  }
  if (path.length === 4 && second === 'Condition') {
    if (variableContext(cursor) !== undefined) return variableItems(doc.text, cursor, catalog);
    return conditionValues(doc, cursor, catalog, third, fourth, options);
  }
  return [];
}

function simpleValues(doc: PolicyDocument, cursor: ValueCursor, values: readonly { value: string; doc: string }[], kind: CompletionKind): CompletionEntry[] {
  return values.map((v, i) => valueEntry(doc, cursor, { label: v.value, kind, documentation: v.doc, sortText: String(i), value: v.value }));
}

interface ValueItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** The string's content to insert (raw text; quoted when the cursor is outside a string). */
  readonly value: string;
  /** The content as a snippet, when it has tabstops. */
  readonly snippetValue?: string;
  readonly detail?: string;
  readonly documentation?: string;
  readonly sortText: string;
  readonly filterText?: string;
  readonly retrigger?: boolean;
  readonly preselect?: boolean;
}

function valueEntry(doc: PolicyDocument, cursor: ValueCursor, item: ValueItem): CompletionEntry {
  const mark = item.retrigger ? '$0' : '';
  const filterText = item.filterText ?? item.label;
  let insertText: string;
  let replace = cursor.replace;
  let filter = filterText;
  let additionalEdits: TextEdit[] | undefined;
  if (cursor.quote === '"') {
    // Inside a JSON (or YAML double-quoted) string: JSON escapes; in JSON, the commas around it.
    insertText = (item.snippetValue ?? escapeSnippet(jsonContent(item.value))) + mark;
    if (cursor.unclosed) {
      // The string ran over the rest of the line: close it here, with the comma a following sibling needs.
      const { before, after } = valueSeparators(doc, cursor);
      insertText += `"${after}`;
      additionalEdits = before;
    } else if (!isYaml(cursor)) {
      const { before, after } = valueSeparators(doc, cursor);
      const end = cursor.token?.end ?? cursor.replace.end;
      additionalEdits = after ? [...(before ?? []), { range: { start: end, end }, newText: after }] : before;
    }
  } else if (cursor.quote === "'") {
    insertText = escapeSnippet(item.value.split("'").join("''")) + mark;
  } else if (isYaml(cursor)) {
    // A YAML plain scalar (or none yet): plain when YAML reads the value back as the same string, else quoted.
    const plain = isPlainYamlSafe(item.value) && !(inYamlFlow(doc, cursor) && hasFlowIndicator(item.value));
    insertText = plain ? (item.snippetValue ?? escapeSnippet(item.value)) + mark : `'${escapeSnippet(item.value.split("'").join("''"))}${mark}'`;
    if (!plain && cursor.token) replace = cursor.token;
  } else {
    // JSON outside a string: the value needs its quotes (and the commas around it).
    const { before, after } = valueSeparators(doc, cursor);
    insertText = `"${item.snippetValue ?? escapeSnippet(jsonContent(item.value))}${mark}"${after}`;
    filter = `"${filterText}"`;
    additionalEdits = before;
  }
  // Built field by field (no spreads): this runs once per item, hundreds of items per request.
  return {
    label: item.label,
    kind: item.kind,
    detail: item.detail,
    documentation: item.documentation,
    sortText: item.sortText,
    retrigger: item.retrigger,
    preselect: item.preselect,
    insertText,
    snippet: true,
    replace,
    filterText: filter,
    additionalEdits,
  };
}

/** YAML template nodes say where their characters are (`offsets`); JSON nodes never do. */
function isYaml(cursor: ValueCursor): boolean {
  const key: SourceNode | undefined = cursor.property.children?.[0];
  return key?.offsets !== undefined;
}

/** Inside a YAML flow collection (`[a, b]`, `{k: v}`), where `, [ ] { }` end a plain scalar. */
function inYamlFlow(doc: PolicyDocument, cursor: ValueCursor): boolean {
  const value = cursor.property.children?.[1];
  if (cursor.inArray && value?.type === 'array' && doc.text[value.offset] === '[') return true;
  for (let n: JsonNode | undefined = cursor.property; n; n = n.parent) {
    if ((n.type === 'array' || n.type === 'object') && (doc.text[n.offset] === '[' || doc.text[n.offset] === '{')) return true;
  }
  return false;
}

function hasFlowIndicator(value: string): boolean {
  for (const ch of value) if (ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}') return true;
  return false;
}

/** Whether a value can be written as a YAML plain scalar and read back as the same string. */
function isPlainYamlSafe(value: string): boolean {
  if (value === '' || value.trim() !== value) return false;
  if ('*&!|>\'"%@`{}[],#?-:'.includes(value[0])) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  const lower = value.toLowerCase();
  // Would be read as a boolean, null or number.
  return !['true', 'false', 'yes', 'no', 'on', 'off', 'null', '~'].includes(lower) && Number.isNaN(Number(value));
}

function statementSnippet(doc: PolicyDocument, cursor: ValueCursor): CompletionEntry {
  const { before, after } = valueSeparators(doc, cursor);
  const body =
    doc.kind === 'trust'
      ? `{\n\t"Effect": "Allow",\n\t"Principal": {\n\t\t"Federated": "${COGNITO_PRINCIPAL}"\n\t},\n\t"Action": "sts:AssumeRoleWithWebIdentity",\n\t"Condition": {\n\t\t"StringEquals": {\n\t\t\t"${COGNITO_AUD_KEY}": "\${1:${IDENTITY_POOL_ID_EXAMPLE}}"\n\t\t},\n\t\t"ForAnyValue:StringLike": {\n\t\t\t"${COGNITO_AMR_KEY}": "\${2|${AMR_AUTHENTICATED},${AMR_UNAUTHENTICATED}|}"\n\t\t}\n\t}\n}`
      : '{\n\t"Sid": "$1",\n\t"Effect": "${2|Allow,Deny|}",\n\t"Action": [\n\t\t"$3"\n\t],\n\t"Resource": [\n\t\t"$4"\n\t]\n}';
  return {
    label: doc.kind === 'trust' ? 'Statement: trust an identity pool' : 'Statement',
    kind: 'snippet',
    documentation:
      doc.kind === 'trust' ? 'A statement that lets identities of one identity pool assume the role.' : 'A new statement with Effect, Action and Resource.',
    insertText: body + after,
    snippet: true,
    replace: cursor.replace,
    sortText: '0',
    filterText: '{',
    additionalEdits: before,
  };
}

// Actions --------------------------------------------------------------------------------------

const serviceItems = new CatalogMemo<Catalog, ValueItem[]>(4);
const actionItems = new CatalogMemo<Catalog, ValueItem[]>(2000);

function actionValues(doc: PolicyDocument, cursor: ValueCursor, catalog: Catalog): CompletionEntry[] {
  const colon = cursor.prefix.indexOf(':');
  const items =
    colon < 0
      ? serviceItems.get(catalog, '', () => withSnippets(buildServiceItems(catalog)))
      : actionItems.get(catalog, cursor.prefix.slice(0, colon).toLowerCase(), (service) => withSnippets(buildActionItems(catalog, service)));
  return items.map((item) => valueEntry(doc, cursor, item));
}

/** Long memoized lists carry their escaped insert text, so a request only places them. */
function withSnippets(items: ValueItem[]): ValueItem[] {
  return items.map((item) => (item.snippetValue !== undefined ? item : { ...item, snippetValue: escapeSnippet(jsonContent(item.value)) }));
}

function buildServiceItems(catalog: Catalog): ValueItem[] {
  const out: ValueItem[] = [
    {
      label: '*',
      kind: 'wildcard',
      value: '*',
      detail: 'every action of every service',
      documentation: 'All actions. Rarely right: grant the actions the app calls.',
      sortText: '~',
    },
  ];
  for (const s of catalog.services()) {
    out.push({
      label: `${s.prefix}:`,
      kind: 'service',
      value: `${s.prefix}:`,
      detail: s.name,
      documentation: `**${s.name}**: ${catalog.actionsOf(s.prefix).length} actions.`,
      sortText: s.prefix,
      filterText: s.prefix,
      retrigger: true,
    });
  }
  return out;
}

function buildActionItems(catalog: Catalog, service: string): ValueItem[] {
  const svc = catalog.service(service);
  if (!svc) return [];
  const actions = catalog.actionsOf(svc.prefix);
  const out: ValueItem[] = [
    { label: `${svc.prefix}:*`, kind: 'wildcard', value: `${svc.prefix}:*`, detail: `all ${actions.length} actions of ${svc.name}`, sortText: '0' },
  ];
  // Wildcards by verb (`s3:Get*`), when a verb starts two or more actions.
  const verbs = new Map<string, number>();
  for (const a of actions) {
    const verb = leadingWord(a.name);
    if (verb.length < a.name.length) verbs.set(verb, (verbs.get(verb) ?? 0) + 1);
  }
  for (const [verb, count] of verbs) {
    if (count < 2) continue;
    out.push({ label: `${svc.prefix}:${verb}*`, kind: 'wildcard', value: `${svc.prefix}:${verb}*`, detail: `matches ${count} actions`, sortText: `1${verb}` });
  }
  for (const a of actions) {
    out.push({
      label: `${svc.prefix}:${a.name}`,
      kind: 'action',
      value: `${svc.prefix}:${a.name}`,
      detail: a.accessLevel,
      documentation: actionDoc(catalog, a),
      sortText: `2${a.name}`,
    });
  }
  return out;
}

/** `GetObjectAcl` -> `Get`. */
function leadingWord(name: string): string {
  let i = 1;
  while (i < name.length && !(name[i] >= 'A' && name[i] <= 'Z')) i++;
  return name.slice(0, i);
}

// Resources ------------------------------------------------------------------------------------

function resourceValues(doc: PolicyDocument, cursor: ValueCursor, catalog: Catalog): CompletionEntry[] {
  const out: ValueItem[] = [];
  // Each ARN format once, at the best rank any of the statement's actions gives it (then in the order met).
  const formats = new Map<string, { rank: number; order: number; item: ValueItem }>();
  for (const action of statementActions(cursor.statement, catalog)) {
    for (const rt of action.resourceTypes) {
      const type = catalog.resourceType(action.service, rt.name);
      if (!type) continue;
      const rank = resourceTypeRank(action, rt);
      for (const format of type.arnFormats) {
        const known = formats.get(format);
        if (known) {
          known.rank = Math.min(known.rank, rank);
          continue;
        }
        const filled = arnTemplate(format);
        const item: ValueItem = {
          label: filled.label,
          kind: 'arn',
          value: filled.label,
          snippetValue: filled.snippet,
          filterText: filled.label,
          detail: `${action.service} ${type.name}`,
          documentation: `ARN of ${action.service} \`${type.name}\`:\n\n\`${format}\``,
          sortText: '',
        };
        formats.set(format, { rank, order: formats.size, item });
        if (action.service === 's3' && type.name === S3_OBJECT_RESOURCE_TYPE) {
          const perIdentity = `arn:aws:s3:::BUCKET/\${${COGNITO_SUB_KEY}}/*`;
          out.push({
            label: perIdentity,
            kind: 'arn',
            value: perIdentity,
            snippetValue: `arn:aws:s3:::\${1:BUCKET}/\\\${${COGNITO_SUB_KEY}}/*`,
            filterText: perIdentity,
            detail: 'objects of the calling identity only',
            documentation: `The objects under the caller's own prefix: ${COGNITO_CLAIM_DOCS.sub}`,
            sortText: '0',
            preselect: true,
          });
        }
      }
    }
  }
  for (const { rank, order, item } of formats.values()) out.push({ ...item, sortText: `1${rank}${String(order).padStart(4, '0')}` });
  out.push({
    label: '*',
    kind: 'wildcard',
    value: '*',
    detail: 'every resource',
    documentation: 'All resources. Needed for actions that support no resource types.',
    sortText: '9',
  });
  return out.map((item) => valueEntry(doc, cursor, item));
}

/**
 * How commonly a resource type is meant for an action: 0 when the action is named after it (`bucket` for
 * `s3:ListBucket`, `object` for `s3:GetObject`, not `accesspoint`), 1 when the action requires it, 2 otherwise
 * (the catalog lists an action's types alphabetically, which puts S3's access points before its buckets).
 */
function resourceTypeRank(action: CatalogAction, rt: { readonly name: string; readonly required: boolean }): number {
  // `network-interface` is named in `CreateNetworkInterface`.
  const type = rt.name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (type !== '' && action.name.toLowerCase().includes(type)) return 0;
  return rt.required ? 1 : 2;
}

/** ARN parts most policies keep as the template writes them, tabbed to after the resource's own names. */
const ACCOUNT_PARTS: ReadonlySet<string> = new Set(['Region', 'Account']);

/**
 * `arn:${Partition}:s3:::${BucketName}/${ObjectName}` -> a label with `aws` and placeholder names, and a snippet
 * whose first tabstops are the resource's names (the part a user must change), in reading order, then region and
 * account. The partition is written `aws`, not a tabstop (other partitions are rare and edited by hand).
 */
function arnTemplate(format: string): { label: string; snippet: string } {
  const parts: { text: string; name?: string }[] = [];
  let i = 0;
  while (i < format.length) {
    const open = format.indexOf('${', i);
    if (open < 0) {
      parts.push({ text: format.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: format.slice(i, open) });
    const close = format.indexOf('}', open);
    const name = format.slice(open + 2, close < 0 ? format.length : close);
    parts.push(name === 'Partition' ? { text: 'aws' } : { text: name, name });
    i = close < 0 ? format.length : close + 1;
  }
  const names = parts.filter((p) => p.name !== undefined);
  const ordered = [...names.filter((p) => !ACCOUNT_PARTS.has(p.name!)), ...names.filter((p) => ACCOUNT_PARTS.has(p.name!))];
  let label = '';
  let snippet = '';
  for (const part of parts) {
    label += part.text;
    snippet += part.name === undefined ? escapeSnippet(part.text) : `\${${ordered.indexOf(part) + 1}:${escapeSnippet(part.text)}}`;
  }
  return { label, snippet };
}

// Conditions -----------------------------------------------------------------------------------

function conditionValues(
  doc: PolicyDocument,
  cursor: ValueCursor,
  catalog: Catalog,
  operator: string,
  keyName: string,
  options: CompletionOptions,
): CompletionEntry[] {
  return conditionValueItems(catalog, parseOperator(operator), keyName, options).map((item) => valueEntry(doc, cursor, item));
}

/** The values suggested for a condition key under an operator (amr's, aud's, booleans); none for most keys. */
function conditionValueItems(catalog: Catalog, op: ReturnType<typeof parseOperator>, keyName: string, options: CompletionOptions): ValueItem[] {
  const items: ValueItem[] = [];
  const claim = cognitoClaimOf(keyName);
  if (claim === 'amr') {
    items.push({ label: AMR_AUTHENTICATED, kind: 'value', value: AMR_AUTHENTICATED, detail: 'signed-in identities', sortText: '0' });
    items.push({ label: AMR_UNAUTHENTICATED, kind: 'value', value: AMR_UNAUTHENTICATED, detail: 'guests', sortText: '1' });
    for (const [i, p] of KNOWN_LOGIN_PROVIDERS.entries())
      items.push({ label: p, kind: 'value', value: p, detail: 'identities signed in with this provider', sortText: `2${i}` });
  } else if (claim === 'aud') {
    const poolId = options.identityPoolId;
    if (poolId)
      items.push({
        label: poolId,
        kind: 'value',
        value: poolId,
        detail: 'cognitoPool.identityPoolId',
        documentation: COGNITO_CLAIM_DOCS.aud,
        sortText: '0',
        preselect: true,
      });
    else
      items.push({
        label: IDENTITY_POOL_ID_EXAMPLE,
        kind: 'value',
        value: IDENTITY_POOL_ID_EXAMPLE,
        snippetValue: `\${1:${IDENTITY_POOL_ID_EXAMPLE}}`,
        detail: 'identity pool ID (placeholder)',
        documentation: `${COGNITO_CLAIM_DOCS.aud}\n\nSet \`cognitoPool.identityPoolId\` to have your pool's ID offered here.`,
        sortText: '0',
      });
  } else if (op?.family === 'Bool' || op?.family === 'Null' || catalog.conditionKey(keyName)?.type === 'Bool') {
    const why = op?.family === 'Null' ? ['the key must be absent', 'the key must be present'] : ['', ''];
    items.push({ label: 'true', kind: 'value', value: 'true', detail: why[0] || undefined, sortText: '0' });
    items.push({ label: 'false', kind: 'value', value: 'false', detail: why[1] || undefined, sortText: '1' });
  }
  return items;
}

// Policy variables -----------------------------------------------------------------------------

/** Inside `${...` of a string: the offset (in the document) where the variable's name starts. */
function variableContext(cursor: ValueCursor): number | undefined {
  if (!cursor.inString) return undefined;
  const open = cursor.prefix.lastIndexOf('${');
  if (open < 0 || cursor.prefix.indexOf('}', open) >= 0) return undefined;
  return cursor.replace.start + open + 2;
}

function variableItems(text: string, cursor: ValueCursor, catalog: Catalog): CompletionEntry[] {
  return variableEntries(text, variableContext(cursor)!, cursor.replace.start + cursor.prefix.length, catalog);
}

/** The variables to write from `nameStart` (after the `${`) to the cursor `offset`. */
function variableEntries(text: string, nameStart: number, offset: number, catalog: Catalog): CompletionEntry[] {
  const closing = text[offset] === '}' ? '' : '\\}';
  const out: CompletionEntry[] = [];
  const add = (name: string, snippetName: string, detail: string, documentation: string, sortText: string) => {
    out.push({
      label: name,
      kind: 'variable',
      detail,
      documentation,
      insertText: snippetName + closing,
      snippet: true,
      replace: { start: nameStart, end: offset },
      sortText,
      filterText: name,
    });
  };
  add(COGNITO_SUB_KEY, COGNITO_SUB_KEY, 'identity ID (region:guid)', COGNITO_CLAIM_DOCS.sub, '0');
  add(COGNITO_AUD_KEY, COGNITO_AUD_KEY, 'identity pool ID', COGNITO_CLAIM_DOCS.aud, '1');
  const neverSet = new Set(KEYS_NEVER_SET_FOR_IDENTITY_POOLS.map((k) => k.key.toLowerCase()));
  for (const key of catalog.globalConditionKeys()) {
    // Multi-valued keys (amr, aws:TagKeys, ...) cannot be substituted; only string-like keys make sense in text.
    if (key.multiValued || !(key.type === 'String' || key.type === 'ARN')) continue;
    const snippetName = keyNameSnippet(key.name);
    const never = neverSet.has(key.name.toLowerCase());
    add(key.name, snippetName, never ? 'never set for identity-pool sessions' : key.type, conditionKeyDoc(key), never ? '9' : `5${key.name}`);
  }
  return out;
}

// Helpers ----------------------------------------------------------------------------------------

/** A condition key's name as a snippet: a templated key's placeholder is a tabstop (`aws:PrincipalTag/${1:TagKey}`). */
function keyNameSnippet(name: string): string {
  const templated = name.indexOf('${');
  if (templated < 0) return escapeSnippet(name);
  return `${escapeSnippet(name.slice(0, templated))}\${1:${name.slice(templated + 2, name.indexOf('}', templated))}}`;
}

/** Text as the content of a JSON string (escapes quotes and backslashes). */
function jsonContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Literal text inside a snippet: `$`, `}` and `\` are special there. */
export function escapeSnippet(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '$' || ch === '}' || ch === '\\' ? '\\' + ch : ch;
  return out;
}
