/**
 * Quick fixes for findings, as text edits on the document. A fix is "preferred" (applied by
 * Fix All and by the editor's auto-fix) only when there is one right answer; suggestions from
 * did-you-mean are offered but never preferred. New text follows the document's own layout
 * (`Layout`: one-line or indented, its indentation unit, line ending and spacing).
 */
import { findNodeAtOffset, type Node as JsonNode } from 'jsonc-parser';
import { COGNITO_AUD_KEY, COGNITO_SUB_VARIABLE, cognitoClaimOf } from '../cognito/knowledge';
import type { Finding } from '../model/findings';
import { intrinsicOf, type PolicyDocument, type Range, type SourceNode, type Statement, type Syntax } from '../model/policy';
import { CURRENT_VERSION } from '../iam/versions';
import { splitArn } from '../text/arn';
import type { TextEdit } from './completion';
import { isBlank } from './locate';
import { lineBreakOf } from '../text/positions';
import { writeVariable } from '../model/variableNotation';
import { pushAll } from '../text/lists';

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
   * The document's syntax. In YAML (policies in a template) only fixes whose every edit stays inside one string
   * token are offered (`forYaml`), written with the scalar's own quoting: new JSON structure would not be YAML.
   * In Terraform (`hcl`, `hcl-template`) likewise (`forTerraform`), each new value written in the token's own
   * notation (the policy's `stringNotation` and `variableNotation`): new JSON structure is not the HCL around it.
   */
  readonly syntax?: Syntax;
}

/** Terraform's syntaxes: a `.tf` file (`hcl`) and a template file (`hcl-template`). */
export function isTerraform(syntax: Syntax | undefined): boolean {
  return syntax === 'hcl' || syntax === 'hcl-template';
}

/** Deliberately not an identity pool ID, so trust-aud-format keeps reminding until it is replaced. */
export const AUD_PLACEHOLDER = 'REPLACE-WITH-IDENTITY-POOL-ID';

/** `findings`: all the findings of the policy (a fix may depend on its siblings'). */
type FixMaker = (doc: PolicyDocument, finding: Finding, options: FixOptions, findings: readonly Finding[]) => CodeFix[];

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
  'web-identity-action-for-service-principal': { preferred: false }, // only when the statement lacks sts:AssumeRole
  'invalid-value': { preferred: true }, // Effect's case, Version's value
  'ip-range-not-canonical': { preferred: true }, // the block IAM reads
};

const FIXES: Readonly<Record<string, FixMaker>> = {
  'statement-not-policy': wrapStatement,
  'variable-missing-dollar': fixMissingDollar,
  'missing-version': setVersion,
  'old-version': setVersion,
  'variable-in-old-version': setVersion,
  'multi-valued-key-operator': fixOperator,
  'set-operator-on-single-valued-key': fixOperator,
  // Not preferred: the value may be meant literally.
  'condition-wildcard-without-like': (doc, f) => fixOperator(doc, f).map((fix) => ({ ...fix, isPreferred: false })),
  'duplicate-sid': fixDuplicateSid,
  'element-not-allowed': fixElementNotAllowed,
  'trust-missing-aud': fixMissingAud,
  'resource-mismatch': (doc, f, _options, findings) => [...fixListBucketOnObjects(doc, f), ...fixObjectActionsOnBucket(doc, f, findings)],
};

/** Fixes for the findings that overlap `range`. */
export function quickFixes(doc: PolicyDocument, findings: readonly Finding[], range: Range, options: FixOptions = {}): CodeFix[] {
  const out: CodeFix[] = [];
  for (const f of findings) {
    if (f.range.end < range.start || f.range.start > range.end) continue;
    for (const fix of fixesFor(doc, f, options, findings)) {
      // Findings of one statement can offer the same fix (each object action on a bucket ARN).
      if (!out.some((o) => o.title === fix.title && JSON.stringify(o.edits) === JSON.stringify(fix.edits))) out.push(fix);
    }
  }
  return out;
}

/**
 * Every preferred fix, without overlaps (first in document order wins; one per position). The
 * result is one set of edits: `analyze/fixAll.ts` applies it, re-analyses, and repeats for fixes that
 * were in the way or that a fix made possible, up to the fixed point.
 */
export function fixAll(doc: PolicyDocument, findings: readonly Finding[], options: FixOptions = {}): TextEdit[] {
  const chosen: TextEdit[] = [];
  const touched: Range[] = [];
  const seenVersion = { done: false };
  for (const f of findings) {
    const fix = fixesFor(doc, f, options, findings).find((x) => x.isPreferred);
    if (!fix) continue;
    // Several findings ask for the same Version edit.
    if (fix.title.startsWith('Set "Version"')) {
      if (seenVersion.done) continue;
      seenVersion.done = true;
    }
    if (fix.edits.some((e) => touched.some((t) => overlaps(t, e.range)))) continue;
    pushAll(chosen, fix.edits);
    pushAll(
      touched,
      fix.edits.map((e) => e.range),
    );
  }
  return chosen;
}

function fixesFor(doc: PolicyDocument, f: Finding, options: FixOptions, findings: readonly Finding[]): CodeFix[] {
  const fixes = jsonFixesFor(doc, f, options, findings);
  const rewrite = options.syntax === 'yaml' ? forYaml : isTerraform(options.syntax) ? forTerraform : undefined;
  if (!rewrite) return fixes;
  return fixes.flatMap((fix) => {
    const edits = rewrite(doc, fix.edits);
    return edits ? [{ ...fix, edits }] : [];
  });
}

/** The fixes as JSON text edits (a whole string token replaced by a JSON string literal). */
function jsonFixesFor(doc: PolicyDocument, f: Finding, options: FixOptions, findings: readonly Finding[]): CodeFix[] {
  const maker = FIXES[f.ruleId];
  if (maker) return maker(doc, f, options, findings);
  const replace = REPLACE_STRING[f.ruleId];
  const replacement = f.data?.replacement;
  if (replace && replacement !== undefined) {
    if (!isLiteralString(doc, f.range)) return [];
    // A Sid left with nothing of its characters is no fix; one made equal to another statement's is offered but
    // not preferred (Fix All would go on to rename the other, untouched statement as a duplicate).
    if (f.ruleId === 'invalid-sid' && replacement === '') return [];
    const collides = f.ruleId === 'invalid-sid' && doc.statements.some((s) => s.sid?.value === replacement);
    return [
      {
        title: `Replace with "${replacement}"`,
        ruleId: f.ruleId,
        finding: f,
        edits: [{ range: f.range, newText: JSON.stringify(replacement) }],
        isPreferred: replace.preferred && !collides,
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
  // In a template's Fn::Sub, `${key}` would be a template variable (IAM's is `${!key}`): no guess there. Terraform's
  // notations escape the variable (`$${key}`, `&{key}`), so the literal text of a string with interpolations takes it.
  const escaped = doc.variableNotation === '$${' || doc.variableNotation === '&{';
  if (!escaped && intrinsicOf(findNodeAtOffset(doc.root!, f.range.start))) return [];
  const variable = writeVariable(replacement.slice(2, -1), doc.variableNotation);
  return [
    {
      title: `Add the missing "$": ${variable}`,
      ruleId: f.ruleId,
      finding: f,
      // What the notation writes before the `{`: `$`, `$$` or `&`.
      edits: [{ range: { start: f.range.start, end: f.range.start }, newText: variable.slice(0, variable.indexOf('{')) }],
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
  const edit = insertFirstProperty(doc, doc.root, 'Version', CURRENT_VERSION);
  return [{ title, ruleId: f.ruleId, finding: f, edits: [edit], isPreferred: true }];
}

/**
 * Writes the policy around a bare statement: `{"Version": "2012-10-17", "Statement": [<the statement>]}`, on one
 * line when the statement is on one line, else one element a line with the statement indented two levels.
 */
function wrapStatement(doc: PolicyDocument, f: Finding, options: FixOptions): CodeFix[] {
  const root = doc.root;
  if (!doc.bareStatement || !root || (options.syntax !== undefined && options.syntax !== 'json')) return [];
  const layout = layoutOf(doc);
  const statement = doc.text.slice(root.offset, root.offset + root.length);
  const version = `"Version"${layout.colon}${JSON.stringify(CURRENT_VERSION)}`;
  let newText: string;
  if (!statement.includes('\n')) {
    newText = `{${layout.pad}${version}${layout.comma}"Statement"${layout.colon}[${statement}]${layout.pad}}`;
  } else {
    const { eol, unit } = layout;
    const inner = statement
      .split(/\r?\n/)
      .map((line, i) => (i === 0 || line === '' ? line : unit + unit + line))
      .join(eol);
    newText = `{${eol}${unit}${version},${eol}${unit}"Statement"${layout.colon}[${eol}${unit}${unit}${inner}${eol}${unit}]${eol}}`;
  }
  return [
    {
      title: `Wrap the statement in a policy ("Version": "${CURRENT_VERSION}", "Statement")`,
      ruleId: f.ruleId,
      finding: f,
      edits: [{ range: { start: root.offset, end: root.offset + root.length }, newText }],
      isPreferred: true,
    },
  ];
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

/**
 * An element the policy kind has no place for: Principal (or NotPrincipal) in a permission policy, Resource
 * (or NotResource) in a role trust policy (the role itself is the resource). IAM rejects the policy either
 * way, and removing the element is the one answer.
 */
function fixElementNotAllowed(doc: PolicyDocument, f: Finding): CodeFix[] {
  const removable = doc.kind === 'identity' ? ['Principal', 'NotPrincipal'] : doc.kind === 'trust' ? ['Resource', 'NotResource'] : [];
  for (const s of doc.statements) {
    const element = s.elements.find((e) => e.keyRange.start === f.range.start && e.keyRange.end === f.range.end);
    if (!element || !removable.includes(element.key)) continue;
    const property = s.node.children?.find((p) => p.offset === element.range.start);
    if (!property) return [];
    return [
      {
        title: `Remove "${element.key}"`,
        ruleId: f.ruleId,
        finding: f,
        edits: removeListItems(doc.text, s.node.children ?? [], [property]),
        isPreferred: true,
      },
    ];
  }
  return [];
}

/** A trust statement without any aud condition: add one (the configured pool ID, or a placeholder). */
function fixMissingAud(doc: PolicyDocument, f: Finding, options: FixOptions): CodeFix[] {
  const s = statementAt(doc, f.range);
  if (!s || s.conditions?.some((b) => b.entries.some((e) => cognitoClaimOf(e.key.value) === 'aud'))) return [];
  const poolId = options.identityPoolId ?? AUD_PLACEHOLDER;
  const title = options.identityPoolId
    ? `Add the aud condition for ${poolId} (cognitoPool.identityPoolId)`
    : 'Add the aud condition (with a placeholder for your identity pool ID)';
  const condition = s.byName.get('Condition');
  let edit: TextEdit | undefined;
  if (!condition) {
    edit = appendProperty(doc, s.node, 'Condition', { StringEquals: { [COGNITO_AUD_KEY]: poolId } });
  } else if (condition.value?.type === 'object') {
    const block = condition.value.children?.find((p) => p.children?.[0]?.value === 'StringEquals')?.children?.[1];
    edit =
      block?.type === 'object'
        ? insertFirstProperty(doc, block, COGNITO_AUD_KEY, poolId)
        : insertFirstProperty(doc, condition.value, 'StringEquals', { [COGNITO_AUD_KEY]: poolId });
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
    Resource: oneOrList(buckets),
    Condition: { StringLike: { 's3:prefix': oneOrList(prefixes) } },
  };
  const title = 'Move s3:ListBucket to the bucket ARN with an s3:prefix condition';
  const actions = s.byName.get('Action')?.value;
  if (actions?.type === 'array' && (actions.children?.length ?? 0) > 1) {
    // Other actions stay on the objects: take ListBucket out and add a statement after this one.
    const item = actions.children!.find((c) => c.offset === action.range.start)!;
    const added = appendStatement(doc, s, listStatement);
    if (!added) return [];
    return [{ title, ruleId: f.ruleId, finding: f, edits: [...removeListItems(doc.text, actions.children!, [item]), added], isPreferred: true }];
  }
  if (actions?.type === 'string' || actions?.type === 'array') {
    // ListBucket is the statement's only action: point the statement at the bucket, with the condition.
    const resource = s.byName.get('Resource')!;
    const at = propertyIndent(doc, s.node);
    return [
      {
        title,
        ruleId: f.ruleId,
        finding: f,
        edits: [
          { range: rangeOf(resource.value!), newText: render(listStatement.Resource, layoutOf(doc), at) },
          appendProperty(doc, s.node, 'Condition', listStatement.Condition),
        ],
        isPreferred: true,
      },
    ];
  }
  return [];
}

/**
 * Object actions (`s3:GetObject`, `s3:PutObject` ...) on a bucket ARN match no object. There is no one right
 * answer: which objects is the author's choice (each identity's own folder is the identity-pool pattern, the
 * whole bucket shares every user's data), so both are offered and neither is preferred (Fix All leaves it).
 * When the statement also has actions that do act on the bucket (`s3:ListBucket`), the object actions move to a
 * statement of their own on the object ARN; else the statement's resources become the object ARN.
 */
function fixObjectActionsOnBucket(doc: PolicyDocument, f: Finding, findings: readonly Finding[]): CodeFix[] {
  if (f.data?.actsOn !== 'object') return [];
  const s = statementAt(doc, f.range);
  const resources = s?.resources ?? [];
  if (!s?.actions || resources.length === 0 || s.actions.some((a) => a.intrinsic) || resources.some((r) => r.intrinsic)) return [];
  const buckets = resources.map((r) => splitArn(r.value));
  if (buckets.some((a) => !a || a.service !== 's3' || a.resource === '' || a.resource.includes('/') || a.region !== '' || a.account !== '')) return [];
  const onObjects = (a: { range: Range }) =>
    findings.some((x) => x.ruleId === 'resource-mismatch' && x.data?.actsOn === 'object' && x.range.start === a.range.start && x.range.end === a.range.end);
  const objectActions = s.actions.filter(onObjects);
  const suffixes: [string, string][] = [
    [`/${COGNITO_SUB_VARIABLE}/*`, "each identity's own folder"],
    ['/*', 'every object in the bucket'],
  ];
  // A Deny scoped to one identity's folder would deny too little.
  if (s.effect?.value === 'Deny') suffixes.shift();
  const all = objectActions.length === s.actions.length;
  const actionsNode = s.byName.get('Action')?.value;
  if (!all && (actionsNode?.type !== 'array' || s.byName.has('Condition'))) return []; // a condition may be about the bucket actions
  const out: CodeFix[] = [];
  for (const [suffix, what] of suffixes) {
    const objectArns = resources.map((r) => r.value + suffix);
    const named = objectArns.length === 1 ? `the object ARN "${objectArns[0]}"` : `object ARNs (each bucket ARN + "${suffix}")`;
    if (all) {
      out.push({
        title: `Use ${named}: ${what}`,
        ruleId: f.ruleId,
        finding: f,
        edits: resources.map((r, i) => ({ range: r.range, newText: JSON.stringify(objectArns[i]) })),
        isPreferred: false,
      });
      continue;
    }
    const statement = {
      Effect: s.effect?.value === 'Deny' ? 'Deny' : 'Allow',
      Action: oneOrList(objectActions.map((a) => a.value)),
      Resource: oneOrList(objectArns),
    };
    const added = appendStatement(doc, s, statement);
    const items = actionsNode!.children!.filter((c) => objectActions.some((a) => a.range.start === c.offset));
    if (!added || items.length !== objectActions.length) return [];
    out.push({
      title: `Move the object actions to a statement on ${named}: ${what}`,
      ruleId: f.ruleId,
      finding: f,
      edits: [...removeListItems(doc.text, actionsNode!.children!, items), added],
      isPreferred: false,
    });
  }
  return out;
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

function rangeOf(node: JsonNode): Range {
  return { start: node.offset, end: node.offset + node.length };
}

function oneOrList(values: readonly string[]): string | string[] {
  return values.length === 1 ? values[0] : [...values];
}

// ------------------------------------------------------------------------------------- layout

/**
 * How the document writes JSON, read from its own text: the line ending, one level of indentation, and the
 * spacing after `:` and `,` and inside one-line braces (a minified document has none).
 */
export interface Layout {
  readonly eol: '\n' | '\r\n';
  readonly unit: string;
  readonly colon: string;
  readonly comma: string;
  readonly pad: string;
}

const layouts = new WeakMap<PolicyDocument, Layout>();

export function layoutOf(doc: PolicyDocument): Layout {
  let layout = layouts.get(doc);
  if (!layout) {
    layout = inferLayout(doc.text, doc.root);
    layouts.set(doc, layout);
  }
  return layout;
}

function inferLayout(text: string, root: JsonNode | undefined): Layout {
  const eol = lineBreakOf(text);
  let colon: string | undefined;
  let comma: string | undefined;
  let pad: string | undefined;
  const spacing = (s: string, mark: string) => (s.trim() === mark && !s.includes('\n') ? s : undefined);
  // Breadth-first, a bounded number of nodes: the spacing of the first place that shows it.
  const queue: JsonNode[] = root ? [root] : [];
  for (let i = 0; i < queue.length && i < 2000 && (colon === undefined || comma === undefined || pad === undefined); i++) {
    const node = queue[i];
    const children = node.children ?? [];
    if (node.type === 'property' && children.length === 2) {
      colon ??= spacing(text.slice(children[0].offset + children[0].length, children[1].offset), ':');
    }
    if (node.type === 'object' || node.type === 'array') {
      for (let c = 1; c < children.length && comma === undefined; c++) {
        comma = spacing(text.slice(children[c - 1].offset + children[c - 1].length, children[c].offset), ',');
      }
      if (node.type === 'object' && children.length > 0 && pad === undefined) {
        const gap = text.slice(node.offset + 1, children[0].offset);
        if (/^[ \t]*$/.test(gap)) pad = gap;
      }
    }
    pushAll(queue, children);
  }
  return { eol, unit: indentUnit(text), colon: colon ?? ': ', comma: comma ?? ', ', pad: pad ?? '' };
}

/** The smallest indentation of the document's lines: a tab, or that many spaces (2 when no line is indented). */
function indentUnit(text: string): string {
  let spaces = 0;
  let lineStart = 0;
  for (let lines = 0; lineStart < text.length && lines < 1000; lines++) {
    const end = text.indexOf('\n', lineStart);
    let i = lineStart;
    while (text[i] === ' ') i++;
    if (text[lineStart] === '\t') return '\t';
    if (i > lineStart && i < text.length && text[i] !== '\r' && text[i] !== '\n' && (spaces === 0 || i - lineStart < spaces)) spaces = i - lineStart;
    if (end < 0) break;
    lineStart = end + 1;
  }
  return spaces > 0 ? ' '.repeat(spaces) : '  ';
}

/**
 * A JSON value as the document would write it: on one line (`indent` undefined), or one member a line below
 * `indent` (the indentation of the line the value starts on).
 */
function render(value: unknown, layout: Layout, indent: string | undefined): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = indent === undefined ? undefined : indent + layout.unit;
  const open = (items: string[], o: string, c: string, pad: string) =>
    indent === undefined
      ? `${o}${pad}${items.join(layout.comma)}${pad}${c}`
      : `${o}${layout.eol}${inner}${items.join(`,${layout.eol}${inner}`)}${layout.eol}${indent}${c}`;
  if (Array.isArray(value))
    return open(
      value.map((v) => render(v, layout, inner)),
      '[',
      ']',
      '',
    );
  const entries = Object.entries(value as Record<string, unknown>);
  return open(
    entries.map(([k, v]) => `${JSON.stringify(k)}${layout.colon}${render(v, layout, inner)}`),
    '{',
    '}',
    layout.pad,
  );
}

/** The indentation of an object's members when they are on lines of their own, else undefined (one line). */
function propertyIndent(doc: PolicyDocument, object: JsonNode): string | undefined {
  const first = object.children?.[0];
  return first && onOwnLine(doc.text, first.offset) ? lineIndent(doc.text, first.offset) : undefined;
}

/** The whitespace at the start of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

function onOwnLine(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r';
}

/** Inserts a property as the first of an object, in the object's layout. */
function insertFirstProperty(doc: PolicyDocument, object: JsonNode, key: string, value: unknown): TextEdit {
  const layout = layoutOf(doc);
  const first = object.children?.[0];
  if (!first)
    return { range: { start: object.offset + 1, end: object.offset + 1 }, newText: `${JSON.stringify(key)}${layout.colon}${render(value, layout, undefined)}` };
  const indent = propertyIndent(doc, object);
  const property = `${JSON.stringify(key)}${layout.colon}${render(value, layout, indent)}`;
  // Before the first member: the same line break and indentation as it has (multi-line), or the comma's spacing.
  const after = indent === undefined ? layout.comma : `,${layout.eol}${indent}`;
  return { range: { start: first.offset, end: first.offset }, newText: `${property}${after}` };
}

/** Appends a property after an object's last one, in the object's layout. */
function appendProperty(doc: PolicyDocument, object: JsonNode, key: string, value: unknown): TextEdit {
  const layout = layoutOf(doc);
  const last = object.children?.[object.children.length - 1];
  if (!last)
    return { range: { start: object.offset + 1, end: object.offset + 1 }, newText: `${JSON.stringify(key)}${layout.colon}${render(value, layout, undefined)}` };
  const end = last.offset + last.length;
  const indent = onOwnLine(doc.text, last.offset) ? lineIndent(doc.text, last.offset) : undefined;
  const separator = indent === undefined ? layout.comma : `,${layout.eol}${indent}`;
  return { range: { start: end, end }, newText: `${separator}${JSON.stringify(key)}${layout.colon}${render(value, layout, indent)}` };
}

/** A new statement after `s` in the Statement array, laid out as `s` is (its own lines, or one line). */
function appendStatement(doc: PolicyDocument, s: Statement, statement: Record<string, unknown>): TextEdit | undefined {
  if (s.node.parent?.type !== 'array') return undefined;
  const layout = layoutOf(doc);
  const end = s.node.offset + s.node.length;
  const own = onOwnLine(doc.text, s.node.offset);
  const separator = own ? `,${layout.eol}${lineIndent(doc.text, s.node.offset)}` : layout.comma;
  const members = propertyIndent(doc, s.node) === undefined ? undefined : lineIndent(doc.text, s.node.offset);
  return { range: { start: end, end }, newText: `${separator}${render(statement, layout, members)}` };
}

/**
 * Removes members of an object or items of an array with the commas that separate them: each from the end of
 * the sibling before it; items before the first one kept, up to that one. Adjacent, never overlapping edits.
 */
function removeListItems(text: string, siblings: readonly JsonNode[], items: readonly JsonNode[]): TextEdit[] {
  const removed = new Set(items);
  const firstKept = siblings.findIndex((c) => !removed.has(c));
  if (firstKept < 0) {
    // Every member: remove them and the blanks before them.
    let start = siblings[0].offset;
    while (start > 0 && isBlank(text.charCodeAt(start - 1))) start--;
    const last = siblings[siblings.length - 1];
    return [{ range: { start, end: last.offset + last.length }, newText: '' }];
  }
  const edits: TextEdit[] = [];
  if (firstKept > 0) edits.push({ range: { start: siblings[0].offset, end: siblings[firstKept].offset }, newText: '' });
  for (let i = firstKept + 1; i < siblings.length; i++) {
    const c = siblings[i];
    if (removed.has(c)) edits.push({ range: { start: siblings[i - 1].offset + siblings[i - 1].length, end: c.offset + c.length }, newText: '' });
  }
  return edits;
}

// --------------------------------------------------------------------------------------- YAML

/**
 * A fix's edits for a YAML template, or undefined when one would write structure: each edit must replace one
 * whole string scalar (written again with its own quoting: plain, '...' or "...") or insert plain characters
 * inside one.
 */
function forYaml(doc: PolicyDocument, edits: readonly TextEdit[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const node = doc.root && findNodeAtOffset(doc.root, e.range.start);
    if (node?.type !== 'string' || intrinsicOf(node)) return undefined;
    const end = node.offset + node.length;
    if (e.range.start === node.offset && e.range.end === end) {
      if (doc.text[node.offset] === '|' || doc.text[node.offset] === '>') return undefined; // a block scalar: its lines are its layout
      const value: unknown = JSON.parse(e.newText);
      if (typeof value !== 'string') return undefined;
      out.push({ range: e.range, newText: yamlScalar(value, doc.text[node.offset], flowContext(doc.text, node)) });
    } else if (node.offset < e.range.start && e.range.end < end && /^[\w$.:/*-]*$/.test(e.newText)) {
      out.push(e);
    } else {
      return undefined;
    }
  }
  return out;
}

/** Whether the scalar is inside a flow collection (`[a, b]`, `{k: v}`), where `,[]{}` end a plain scalar. */
function flowContext(text: string, node: JsonNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'property') continue;
    return text[p.offset] === '[' || text[p.offset] === '{';
  }
  return false;
}

/** A string as a YAML scalar in the quoting the replaced one had, plain only where it reads back as this string. */
function yamlScalar(value: string, quote: string | undefined, flow: boolean): string {
  if (quote === '"') return JSON.stringify(value);
  const single = `'${value.replace(/'/g, "''")}'`;
  if (quote === "'") return single;
  return plainSafe(value, flow) ? value : single;
}

function plainSafe(value: string, flow: boolean): boolean {
  if (!/^[A-Za-z0-9_$/.][^\s#'"]*$/.test(value) || value.endsWith(':') || value.includes(': ')) return false;
  if (flow && /[,[\]{}]/.test(value)) return false;
  // Words and numbers the YAML core schema reads as other types.
  return !/^(?:true|false|null|~|yes|no|on|off|y|n)$/i.test(value) && !/^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0[xo]/i.test(value);
}

// ---------------------------------------------------------------------------------- Terraform

/**
 * A fix's edits for a Terraform file (a `.tf` file's heredoc JSON, `jsonencode` or `aws_iam_policy_document`, a
 * `.tpl`), or undefined when one would write HCL structure: each edit must replace one whole string token written
 * out in the file (not computed by Terraform, not an element the provider adds, not a policy document's attribute
 * name) with its new value written in the token's own notation, or insert plain characters inside one string's
 * literal text (a `$`-less variable's `$$` or `&`).
 */
function forTerraform(doc: PolicyDocument, edits: readonly TextEdit[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const node: SourceNode | undefined = doc.root && findNodeAtOffset(doc.root, e.range.start);
    if (node?.type !== 'string' || node.offsets === false) return undefined;
    const end = node.offset + node.length;
    if (e.range.start === node.offset && e.range.end === end) {
      const value: unknown = JSON.parse(e.newText);
      const written = typeof value === 'string' && !intrinsicOf(node) ? terraformString(doc, node, value) : undefined;
      if (written === undefined) return undefined;
      out.push({ range: e.range, newText: written });
    } else if (node.offset < e.range.start && e.range.start === e.range.end && e.range.end < end && /^[$&]+$/.test(e.newText)) {
      out.push(e);
    } else {
      return undefined;
    }
  }
  return out;
}

/**
 * A string value as the replaced token writes it: a JSON string in a template (`${` and `%{` escaped as Terraform
 * escapes them), an HCL quoted string (HCL's backslash escapes too), or a bare object key left bare. A policy
 * variable is written in the policy's notation (`$${` or `&{`). Undefined when the token is none of these.
 */
function terraformString(doc: PolicyDocument, node: SourceNode, value: string): string | undefined {
  const notation = doc.variableNotation === '&{' ? '&{' : '$${';
  // A literal `&{` in a policy document would be read back as a variable.
  if (notation === '&{' && value.includes('&{')) return undefined;
  const templated = (s: string) => s.split('%{').join('%%{').split('${').join(notation);
  const quoted = doc.text[node.offset] === '"' && doc.text[node.offset + node.length - 1] === '"';
  if (doc.stringNotation === 'template-json') return quoted ? templated(JSON.stringify(value)) : undefined;
  if (doc.stringNotation !== 'hcl') return undefined;
  if (quoted) return `"${templated(hclEscaped(value))}"`;
  // A bare key of a `jsonencode` object (`Effect = ...`): bare again when the new name is an identifier.
  if (typeof node.offsets === 'number' && node.parent?.type === 'property' && node.parent.children?.[0] === node) {
    return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value) ? value : `"${templated(hclEscaped(value))}"`;
  }
  return undefined;
}

/** The characters of an HCL quoted string: `\\`, `\"` and the control characters escaped. */
function hclEscaped(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}
