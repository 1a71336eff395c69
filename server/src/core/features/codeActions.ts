/**
 * Quick fixes for findings, as text edits on the document. A fix is "preferred" (applied by
 * Fix All and by the editor's auto-fix) only when there is one right answer; suggestions from
 * did-you-mean are offered but never preferred.
 */
import { findNodeAtOffset, type Node as JsonNode } from 'jsonc-parser';
import { COGNITO_AUD_KEY, cognitoClaimOf } from '../cognito/knowledge';
import type { Finding } from '../model/findings';
import { intrinsicOf, type PolicyDocument, type Range, type Statement } from '../model/policy';
import { CURRENT_VERSION } from '../iam/versions';
import { splitArn } from '../text/arn';
import type { TextEdit } from './completion';
import { isBlank } from './locate';

export interface CodeFix {
  readonly title: string;
  readonly ruleId: string;
  /** The finding this fixes (to attach the diagnostic). */
  readonly finding: Finding;
  readonly edits: readonly TextEdit[];
  readonly isPreferred: boolean;
}

export interface FixOptions {
  /** `cognitoPool.identityPoolId`: the pool ID for a missing aud condition. */
  readonly identityPoolId?: string;
  /**
   * The document's syntax. In YAML (policies in a template) only fixes that replace one token are offered: a
   * JSON-quoted string is a valid YAML scalar, new JSON structure would not be.
   */
  readonly syntax?: 'json' | 'yaml';
}

/** Fixes that add or remove structure: JSON only. */
const STRUCTURAL = new Set(['missing-version', 'element-not-allowed', 'trust-missing-aud', 'resource-mismatch']);

/** Deliberately not an identity pool ID, so trust-aud-format keeps reminding until it is replaced. */
export const AUD_PLACEHOLDER = 'REPLACE-WITH-IDENTITY-POOL-ID';

type FixMaker = (doc: PolicyDocument, finding: Finding, options: FixOptions) => CodeFix[];

/** Rules whose `data.replacement` is the new content of the reported string, and whether that is certain. */
const REPLACE_STRING: Readonly<Record<string, { readonly preferred: boolean }>> = {
  'unknown-action': { preferred: false },
  'unknown-element': { preferred: false },
  'unknown-condition-operator': { preferred: false },
  'unknown-condition-key': { preferred: false },
  'invalid-sid': { preferred: true },
  'trust-amr-value': { preferred: false },
  'trust-aud-format': { preferred: true }, // only given for a pool ARN: the pool ID is its last part
  'trust-action-mismatch': { preferred: false },
  'trust-principal-mismatch': { preferred: false },
  'invalid-value': { preferred: true }, // Effect's case, Version's value
};

const FIXES: Readonly<Record<string, FixMaker>> = {
  'variable-missing-dollar': fixMissingDollar,
  'missing-version': setVersion,
  'old-version': setVersion,
  'variable-in-old-version': setVersion,
  'multi-valued-key-operator': fixOperator,
  'set-operator-on-single-valued-key': fixOperator,
  'duplicate-sid': fixDuplicateSid,
  'element-not-allowed': fixElementNotAllowed,
  'trust-missing-aud': fixMissingAud,
  'resource-mismatch': fixListBucketOnObjects,
};

/** Fixes for the findings that overlap `range`. */
export function quickFixes(doc: PolicyDocument, findings: readonly Finding[], range: Range, options: FixOptions = {}): CodeFix[] {
  const out: CodeFix[] = [];
  for (const f of findings) {
    if (f.range.end < range.start || f.range.start > range.end) continue;
    out.push(...fixesFor(doc, f, options));
  }
  return out;
}

/**
 * Every preferred fix, without overlaps (first in document order wins; one per position). The
 * result is one set of edits: apply it, re-analyse, and repeat for fixes that were in the way.
 */
export function fixAll(doc: PolicyDocument, findings: readonly Finding[], options: FixOptions = {}): TextEdit[] {
  const chosen: TextEdit[] = [];
  const touched: Range[] = [];
  const seenVersion = { done: false };
  for (const f of findings) {
    const fix = fixesFor(doc, f, options).find((x) => x.isPreferred);
    if (!fix) continue;
    // Several findings ask for the same Version edit.
    if (fix.title.startsWith('Set "Version"')) {
      if (seenVersion.done) continue;
      seenVersion.done = true;
    }
    if (fix.edits.some((e) => touched.some((t) => overlaps(t, e.range)))) continue;
    chosen.push(...fix.edits);
    touched.push(...fix.edits.map((e) => e.range));
  }
  return chosen;
}

function fixesFor(doc: PolicyDocument, f: Finding, options: FixOptions): CodeFix[] {
  if (options.syntax === 'yaml' && STRUCTURAL.has(f.ruleId)) return [];
  const maker = FIXES[f.ruleId];
  if (maker) return maker(doc, f, options);
  const replace = REPLACE_STRING[f.ruleId];
  const replacement = f.data?.replacement;
  if (replace && replacement !== undefined) {
    if (!isLiteralString(doc, f.range)) return [];
    return [
      {
        title: `Replace with "${replacement}"`,
        ruleId: f.ruleId,
        finding: f,
        edits: [{ range: f.range, newText: JSON.stringify(replacement) }],
        isPreferred: replace.preferred,
      },
    ];
  }
  return [];
}

function overlaps(a: Range, b: Range): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === a.end && a.start === b.start) || (b.start === b.end && b.start === a.start);
}

// ---------------------------------------------------------------------------------------- fixes

function fixMissingDollar(doc: PolicyDocument, f: Finding): CodeFix[] {
  const replacement = f.data?.replacement; // `${key}`
  if (!replacement || doc.text.slice(f.range.start, f.range.end) !== replacement.slice(1)) return [];
  // In a template's Fn::Sub, `${key}` would be a template variable (IAM's is `${!key}`): no guess there.
  if (intrinsicOf(findNodeAtOffset(doc.root!, f.range.start))) return [];
  return [
    {
      title: `Add the missing "$": ${replacement}`,
      ruleId: f.ruleId,
      finding: f,
      edits: [{ range: { start: f.range.start, end: f.range.start }, newText: '$' }],
      isPreferred: true,
    },
  ];
}

function setVersion(doc: PolicyDocument, f: Finding, options: FixOptions): CodeFix[] {
  const title = `Set "Version" to "${CURRENT_VERSION}"`;
  const element = doc.elements.find((e) => e.key === 'Version');
  if (element?.value) {
    if (element.value.type === 'string' && !isLiteralString(doc, { start: element.value.offset, end: element.value.offset + element.value.length })) return [];
    return [
      {
        title,
        ruleId: f.ruleId,
        finding: f,
        edits: [{ range: { start: element.value.offset, end: element.value.offset + element.value.length }, newText: JSON.stringify(CURRENT_VERSION) }],
        isPreferred: true,
      },
    ];
  }
  // Adding the element writes JSON structure: not in YAML.
  if (element || !doc.root || doc.root.type !== 'object' || options.syntax === 'yaml') return [];
  const edit = insertFirstProperty(doc, doc.root, `"Version": ${JSON.stringify(CURRENT_VERSION)}`);
  return [{ title, ruleId: f.ruleId, finding: f, edits: [edit], isPreferred: true }];
}

/** Operator replacement, only when the block tests one key (the operator applies to all its keys). */
function fixOperator(doc: PolicyDocument, f: Finding): CodeFix[] {
  const replacement = f.data?.replacement;
  if (!replacement) return [];
  for (const s of doc.statements) {
    for (const block of s.conditions ?? []) {
      if (block.operator.range.start !== f.range.start || block.operator.range.end !== f.range.end) continue;
      if (block.entries.length !== 1 || !isLiteralString(doc, f.range)) return [];
      return [
        { title: `Use "${replacement}"`, ruleId: f.ruleId, finding: f, edits: [{ range: f.range, newText: JSON.stringify(replacement) }], isPreferred: true },
      ];
    }
  }
  return [];
}

function fixDuplicateSid(doc: PolicyDocument, f: Finding): CodeFix[] {
  const sid = f.data?.sid;
  if (sid === undefined || !isLiteralString(doc, f.range)) return [];
  const taken = new Set(doc.statements.map((s) => s.sid?.value).filter((x): x is string => x !== undefined));
  let n = 2;
  while (taken.has(`${sid}${n}`)) n++;
  const renamed = `${sid}${n}`;
  return [{ title: `Rename to "${renamed}"`, ruleId: f.ruleId, finding: f, edits: [{ range: f.range, newText: JSON.stringify(renamed) }], isPreferred: true }];
}

/** Principal (or NotPrincipal) in a permission policy: remove the element. */
function fixElementNotAllowed(doc: PolicyDocument, f: Finding): CodeFix[] {
  if (doc.kind !== 'identity') return [];
  for (const s of doc.statements) {
    const element = s.elements.find((e) => e.keyRange.start === f.range.start && e.keyRange.end === f.range.end);
    if (!element || (element.key !== 'Principal' && element.key !== 'NotPrincipal')) continue;
    const property = s.node.children?.find((p) => p.offset === element.range.start);
    if (!property) return [];
    return [{ title: `Remove "${element.key}"`, ruleId: f.ruleId, finding: f, edits: [removeProperty(doc.text, s.node, property)], isPreferred: true }];
  }
  return [];
}

/** A trust statement without any aud condition: add one (the configured pool ID, or a placeholder). */
function fixMissingAud(doc: PolicyDocument, f: Finding, options: FixOptions): CodeFix[] {
  const s = statementAt(doc, f.range);
  if (!s || s.conditions?.some((b) => b.entries.some((e) => cognitoClaimOf(e.key.value) === 'aud'))) return [];
  const poolId = options.identityPoolId ?? AUD_PLACEHOLDER;
  const entry = `${JSON.stringify(COGNITO_AUD_KEY)}: ${JSON.stringify(poolId)}`;
  const title = options.identityPoolId
    ? `Add the aud condition for ${poolId} (cognitoPool.identityPoolId)`
    : 'Add the aud condition (with a placeholder for your identity pool ID)';
  const condition = s.byName.get('Condition');
  let edit: TextEdit | undefined;
  if (!condition) {
    edit = appendProperty(doc, s.node, `"Condition": ${objectText({ StringEquals: { [COGNITO_AUD_KEY]: poolId } })}`);
  } else if (condition.value?.type === 'object') {
    const block = condition.value.children?.find((p) => p.children?.[0]?.value === 'StringEquals')?.children?.[1];
    edit =
      block?.type === 'object'
        ? insertFirstProperty(doc, block, entry)
        : insertFirstProperty(doc, condition.value, `"StringEquals": ${objectText({ [COGNITO_AUD_KEY]: poolId })}`);
  }
  if (!edit) return [];
  return [{ title, ruleId: f.ruleId, finding: f, edits: [edit], isPreferred: options.identityPoolId !== undefined }];
}

/**
 * `s3:ListBucket` acts on buckets, not objects: move it to the bucket ARN, with the object paths as an
 * `s3:prefix` condition. https://docs.aws.amazon.com/AmazonS3/latest/userguide/walkthrough1.html
 */
function fixListBucketOnObjects(doc: PolicyDocument, f: Finding): CodeFix[] {
  const s = statementAt(doc, f.range);
  const action = s?.actions?.find((a) => a.range.start === f.range.start);
  if (!s || !action || action.value.toLowerCase() !== 's3:listbucket' || s.byName.has('Condition')) return [];
  // A template's intrinsic function (`!Sub arn:aws:s3:::${Bucket}/${Prefix}/*`) has parts only the stack knows:
  // rewriting it as text would drop them (and could widen the grant).
  if (action.intrinsic || (s.resources ?? []).some((r) => r.intrinsic)) return [];
  const objects = (s.resources ?? []).map((r) => splitArn(r.value));
  if (objects.length === 0 || objects.some((a) => !a || a.service !== 's3' || !a.resource.includes('/'))) return [];
  const buckets = [...new Set(objects.map((a) => `arn:${a!.partition}:s3:::${a!.resource.slice(0, a!.resource.indexOf('/'))}`))];
  if (buckets.some((b) => b.includes('*') || b.includes('?'))) return [];
  const prefixes = [...new Set(objects.map((a) => a!.resource.slice(a!.resource.indexOf('/') + 1)))];
  const listStatement = {
    Effect: s.effect?.value === 'Deny' ? 'Deny' : 'Allow',
    Action: 's3:ListBucket',
    Resource: buckets.length === 1 ? buckets[0] : buckets,
    Condition: { StringLike: { 's3:prefix': prefixes.length === 1 ? prefixes[0] : prefixes } },
  };
  const title = 'Move s3:ListBucket to the bucket ARN with an s3:prefix condition';
  const actions = s.byName.get('Action')?.value;
  if (actions?.type === 'array' && (actions.children?.length ?? 0) > 1) {
    // Other actions stay on the objects: take ListBucket out and add a statement after this one.
    const item = actions.children!.find((c) => c.offset === action.range.start)!;
    const container = s.node.parent;
    if (container?.type !== 'array') return [];
    const indent = lineIndent(doc.text, s.node.offset);
    const added = `,\n${indent}${reindent(JSON.stringify(listStatement, null, unitOf(doc.text, s.node)), indent)}`;
    const end = s.node.offset + s.node.length;
    return [
      {
        title,
        ruleId: f.ruleId,
        finding: f,
        edits: [removeArrayItem(doc.text, actions, item), { range: { start: end, end }, newText: added }],
        isPreferred: true,
      },
    ];
  }
  if (actions?.type === 'string' || actions?.type === 'array') {
    // ListBucket is the statement's only action: point the statement at the bucket, with the condition.
    const resource = s.byName.get('Resource')!;
    const unit = unitOf(doc.text, s.node);
    const indent = lineIndent(doc.text, resource.range.start);
    const resourceValue = reindent(JSON.stringify(listStatement.Resource, null, unit), indent);
    const conditionValue = reindent(JSON.stringify(listStatement.Condition, null, unit), indent);
    return [
      {
        title,
        ruleId: f.ruleId,
        finding: f,
        edits: [
          { range: { start: resource.value!.offset, end: resource.value!.offset + resource.value!.length }, newText: resourceValue },
          appendProperty(doc, s.node, `"Condition": ${conditionValue}`),
        ],
        isPreferred: true,
      },
    ];
  }
  return [];
}

// ------------------------------------------------------------------------------------ helpers

/** Whether `range` is exactly one string token of the policy written as text (not an intrinsic function). */
function isLiteralString(doc: PolicyDocument, range: Range): boolean {
  if (!doc.root) return false;
  const node = findNodeAtOffset(doc.root, range.start);
  return node?.type === 'string' && node.offset === range.start && node.offset + node.length === range.end && !intrinsicOf(node);
}

function statementAt(doc: PolicyDocument, range: Range): Statement | undefined {
  return doc.statements.find((s) => s.range.start <= range.start && range.end <= s.range.end);
}

/** The whitespace at the start of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** One level of indentation as the object's own members use it (2 spaces when it cannot tell). */
function unitOf(text: string, object: JsonNode): string {
  const first = object.children?.[0];
  if (!first || !onOwnLine(text, first.offset)) return '  ';
  const inner = lineIndent(text, first.offset);
  const outer = lineIndent(text, object.offset);
  return inner.startsWith(outer) && inner.length > outer.length ? inner.slice(outer.length) : '  ';
}

function onOwnLine(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r';
}

function reindent(block: string, indent: string): string {
  return block.split('\n').join('\n' + indent);
}

function objectText(value: unknown): string {
  return JSON.stringify(value);
}

/** Inserts a property as the first of an object, matching its layout. */
function insertFirstProperty(doc: PolicyDocument, object: JsonNode, property: string): TextEdit {
  const at = object.offset + 1;
  const first = object.children?.[0];
  if (!first) return { range: { start: at, end: at }, newText: property };
  const gap = doc.text.slice(at, first.offset); // e.g. "\n  "
  return { range: { start: at, end: at }, newText: `${gap}${property},` };
}

/** Appends a property after an object's last one, matching its layout. */
function appendProperty(doc: PolicyDocument, object: JsonNode, property: string): TextEdit {
  const last = object.children?.[object.children.length - 1];
  if (!last) return { range: { start: object.offset + 1, end: object.offset + 1 }, newText: property };
  const end = last.offset + last.length;
  const separator = onOwnLine(doc.text, last.offset) ? `\n${lineIndent(doc.text, last.offset)}` : ' ';
  return { range: { start: end, end }, newText: `,${separator}${reindent(property, separator.startsWith('\n') ? lineIndent(doc.text, last.offset) : '')}` };
}

/** Removes a property with the comma that separates it from a neighbour. */
function removeProperty(text: string, object: JsonNode, property: JsonNode): TextEdit {
  return removeListItem(text, object.children ?? [], property);
}

function removeArrayItem(text: string, array: JsonNode, item: JsonNode): TextEdit {
  return removeListItem(text, array.children ?? [], item);
}

function removeListItem(text: string, siblings: readonly JsonNode[], item: JsonNode): TextEdit {
  const i = siblings.indexOf(item);
  const previous = siblings[i - 1];
  const next = siblings[i + 1];
  if (previous) return { range: { start: previous.offset + previous.length, end: item.offset + item.length }, newText: '' };
  if (next) return { range: { start: item.offset, end: next.offset }, newText: '' };
  // The only member: remove it and the blanks around it.
  let start = item.offset;
  while (start > 0 && isBlank(text.charCodeAt(start - 1))) start--;
  return { range: { start, end: item.offset + item.length }, newText: '' };
}
