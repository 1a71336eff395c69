/**
 * Structure of the policy grammar: JSON syntax, element names, required and conflicting elements,
 * value types, Version and Sid.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { objectElements } from '../parse/parsePolicy';
import { intrinsicOf, rangeOf, syntaxProblemData, type Element, type PolicyDocument, type Range, type Statement } from '../model/policy';
import { closest } from '../text/didYouMean';
import { ANY_PRINCIPAL, PRINCIPAL_TYPES } from '../iam/principals';
import { CURRENT_VERSION, OLD_VERSION, isPolicyVersion } from '../iam/versions';
import type { Check, CheckContext } from './context';

const TOP_LEVEL_ELEMENTS = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/**
 * An intrinsic function of a template whose value is not fixed (`!If`, `!Ref Param`): it may stand for
 * anything, an object or a list included, so its shape and value are not judged.
 */
function opaque(node: JsonNode): boolean {
  const intrinsic = intrinsicOf(node);
  return intrinsic !== undefined && !intrinsic.exact;
}

/** The `{` of an object: where a "missing element" is reported. */
function openBrace(node: JsonNode): Range {
  return { start: node.offset, end: node.offset + 1 };
}

export const checkJsonSyntax: Check = (ctx) => {
  // Each with its kind: a host whose editor reports some kinds itself drops those (analyze/runSource.ts).
  for (const p of ctx.doc.syntaxProblems) ctx.report('json-syntax', p.range, p.message, syntaxProblemData(p));
};

export const checkDuplicateKeys: Check = (ctx) => {
  // Iterative (documents can nest deeply) and allocation-light: Elements are built only for duplicates, only
  // nodes with children are stacked, and the keys of a small object are compared without a table.
  const stack: JsonNode[] = ctx.doc.root?.children ? [ctx.doc.root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    const children = node.children!;
    if (node.type === 'object' && children.length > 1) {
      if (children.length <= 8) reportDuplicatesAmongFew(ctx, children);
      else reportDuplicates(ctx, children);
    }
    for (const child of children) if (child.children) stack.push(child);
  }
};

function reportDuplicate(ctx: CheckContext, keyNode: JsonNode, first: JsonNode): void {
  ctx.report('duplicate-key', rangeOf(keyNode), `Duplicate key "${keyNode.value}": IAM rejects the policy. Merge the two or remove one.`, {
    related: [{ range: rangeOf(first), message: `First "${keyNode.value}" is here.` }],
  });
}

function reportDuplicates(ctx: CheckContext, properties: readonly JsonNode[]): void {
  const seen = new Map<string, JsonNode>();
  for (const prop of properties) {
    const keyNode = prop.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    const first = seen.get(keyNode.value);
    if (first) reportDuplicate(ctx, keyNode, first);
    else seen.set(keyNode.value, keyNode);
  }
}

function reportDuplicatesAmongFew(ctx: CheckContext, properties: readonly JsonNode[]): void {
  for (let i = 1; i < properties.length; i++) {
    const keyNode = properties[i].children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    for (let j = 0; j < i; j++) {
      const other = properties[j].children?.[0];
      if (other && other.value === keyNode.value) {
        reportDuplicate(ctx, keyNode, other);
        break;
      }
    }
  }
}

function reportUnknownElements(ctx: CheckContext, elements: readonly Element[], valid: readonly string[], where: string): void {
  for (const e of elements) {
    if (valid.includes(e.key)) continue;
    const suggestion = closest(e.key, valid);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : ` Valid elements are ${valid.join(', ')}.`;
    ctx.report(
      'unknown-element',
      e.keyRange,
      `Unknown ${where} element "${e.key}": IAM rejects it.${hint}`,
      suggestion ? { data: { replacement: suggestion } } : undefined,
    );
  }
}

export const checkTopLevel: Check = (ctx) => {
  const { doc } = ctx;
  if (!doc.root) return;
  if (doc.bareStatement) {
    const kind = doc.kind === 'trust' ? 'a role trust' : doc.kind === 'resource' ? 'a resource policy' : 'a permission';
    ctx.report(
      'statement-not-policy',
      openBrace(doc.root),
      `This is ${kind} statement, not a policy: IAM takes a policy, {"Version": "${CURRENT_VERSION}", "Statement": [...]}, with the statement inside. It is checked here as that statement.`,
    );
    return;
  }
  reportUnknownElements(ctx, doc.elements, TOP_LEVEL_ELEMENTS, 'policy');
  checkVersion(ctx, doc);
  const id = doc.elements.find((e) => e.key === 'Id');
  if (id?.value && id.value.type !== 'string') ctx.report('invalid-value', rangeOf(id.value), 'Id must be a string.');
  const statement = doc.statementElement;
  if (!statement) {
    if (!doc.elements.some((e) => e.key.toLowerCase() === 'statement')) {
      ctx.report('missing-element', openBrace(doc.root), 'The policy has no "Statement": add one with at least one statement.');
    }
    return;
  }
  const value = statement.value;
  // No value: a syntax error already says what is missing. An intrinsic function (templates): anything.
  if (!value || opaque(value)) return;
  if (value.type === 'array') {
    if (!value.children?.length) ctx.report('invalid-value', rangeOf(value), 'Statement is empty: add at least one statement.');
    for (const item of value.children ?? []) {
      if (item.type !== 'object' && !opaque(item))
        ctx.report('invalid-value', rangeOf(item), 'Each statement must be an object { "Effect": ..., "Action": ..., ... }.');
    }
  } else if (value.type !== 'object') {
    ctx.report('invalid-value', rangeOf(value), 'Statement must be an object or an array of objects.');
  }
};

function checkVersion(ctx: CheckContext, doc: PolicyDocument): void {
  const element = doc.elements.find((e) => e.key === 'Version');
  if (!element) {
    const anchor = doc.statementElement?.keyRange ?? openBrace(doc.root!);
    ctx.report(
      'missing-version',
      anchor,
      `The policy has no "Version": add "Version": "${CURRENT_VERSION}" (without it IAM uses ${OLD_VERSION}, where policy variables do not work).`,
      {
        data: { replacement: CURRENT_VERSION },
      },
    );
    return;
  }
  const value = element.value;
  if (!value || opaque(value)) return;
  if (value.type !== 'string' || !isPolicyVersion(value.value as string)) {
    ctx.report(
      'invalid-value',
      rangeOf(value),
      `Version must be "${CURRENT_VERSION}" (or the old "${OLD_VERSION}"); it is the policy language version, not a date of yours.`,
      {
        data: { replacement: CURRENT_VERSION },
      },
    );
  } else if (value.value === OLD_VERSION) {
    ctx.report(
      'old-version',
      rangeOf(value),
      `Version ${OLD_VERSION} is the old policy language: policy variables are literal text there. Use "${CURRENT_VERSION}".`,
      {
        data: { replacement: CURRENT_VERSION },
      },
    );
  }
}

export const checkStatements: Check = (ctx) => {
  const sids = new Map<string, Range>();
  for (const s of ctx.doc.statements) {
    reportUnknownElements(ctx, s.elements, STATEMENT_ELEMENTS, 'statement');
    checkSid(ctx, s, sids);
    checkEffect(ctx, s);
    checkPair(ctx, s, 'Action', 'NotAction', 'required');
    checkResourcePair(ctx, s);
    checkPrincipalPair(ctx, s);
    checkCondition(ctx, s);
  }
};

function checkSid(ctx: CheckContext, s: Statement, seen: Map<string, Range>): void {
  const element = s.byName.get('Sid');
  if (!element?.value || opaque(element.value)) return;
  if (element.value.type !== 'string') {
    ctx.report('invalid-value', rangeOf(element.value), 'Sid must be a string.');
    return;
  }
  const sid = element.value.value as string;
  const range = rangeOf(element.value);
  const first = seen.get(sid);
  if (first) {
    ctx.report('duplicate-sid', range, `Duplicate Sid "${sid}": Sids must be unique within a policy. Rename this one.`, {
      related: [{ range: first, message: `"${sid}" is first used here.` }],
      data: { sid },
    });
  } else seen.set(sid, range);
  // IAM (identity and role trust policies) accepts only ASCII letters and digits; many resource policies allow more.
  if (ctx.doc.kind !== 'resource' && sid !== '' && !/^[A-Za-z0-9]+$/.test(sid)) {
    ctx.report('invalid-sid', range, `Sid "${sid}" may contain only letters A-Z, a-z and digits 0-9 in IAM policies.`, {
      data: { replacement: sid.replace(/[^A-Za-z0-9]/g, '') },
    });
  }
}

function checkEffect(ctx: CheckContext, s: Statement): void {
  const element = s.byName.get('Effect');
  if (!element) {
    ctx.report('missing-element', openBrace(s.node), 'The statement has no "Effect": add "Effect": "Allow" or "Effect": "Deny".');
    return;
  }
  const value = element.value;
  if (!value) return;
  if (opaque(value)) {
    // `Fn::If`: each branch that is exact text is an Effect in its own right.
    for (const b of intrinsicOf(value)?.branches ?? []) {
      if (!b.exact || b.value === 'Allow' || b.value === 'Deny') continue;
      const fixed = b.value.toLowerCase() === 'allow' ? 'Allow' : b.value.toLowerCase() === 'deny' ? 'Deny' : undefined;
      ctx.report('invalid-value', b.range, fixed ? `Effect is case-sensitive: write "${fixed}".` : 'Effect must be "Allow" or "Deny".');
    }
    return;
  }
  if (value.type !== 'string' || (value.value !== 'Allow' && value.value !== 'Deny')) {
    const text = value.type === 'string' ? (value.value as string) : '';
    const fixed = text.toLowerCase() === 'allow' ? 'Allow' : text.toLowerCase() === 'deny' ? 'Deny' : undefined;
    ctx.report(
      'invalid-value',
      rangeOf(value),
      fixed ? `Effect is case-sensitive: write "${fixed}".` : 'Effect must be "Allow" or "Deny".',
      fixed ? { data: { replacement: fixed } } : undefined,
    );
  }
}

/** Action/NotAction and friends: exactly one of the pair, with a string or non-empty string array. */
function checkPair(ctx: CheckContext, s: Statement, name: string, notName: string, presence: 'required' | 'optional'): void {
  const a = s.byName.get(name);
  const b = s.byName.get(notName);
  if (a && b) {
    ctx.report('conflicting-elements', b.keyRange, `A statement cannot have both "${name}" and "${notName}": keep one.`, {
      related: [{ range: a.keyRange, message: `"${name}" is here.` }],
    });
  } else if (!a && !b && presence === 'required') {
    ctx.report('missing-element', openBrace(s.node), `The statement has no "${name}" (or "${notName}"): add one.`);
  }
  for (const e of [a, b]) if (e) checkStringOrList(ctx, e);
}

function checkStringOrList(ctx: CheckContext, e: Element): void {
  const value = e.value;
  if (!value) return;
  if (value.type === 'string') return;
  if (value.type === 'array') {
    if (!value.children?.length)
      ctx.report('invalid-value', rangeOf(value), `"${e.key}" is an empty array: IAM rejects it. Add a value or remove the element.`);
    for (const item of value.children ?? []) {
      if (item.type !== 'string') ctx.report('invalid-value', rangeOf(item), `Each value of "${e.key}" must be a string.`);
    }
    return;
  }
  ctx.report('invalid-value', rangeOf(value), `"${e.key}" must be a string or an array of strings.`);
}

function checkResourcePair(ctx: CheckContext, s: Statement): void {
  if (ctx.doc.kind === 'trust') {
    for (const name of ['Resource', 'NotResource']) {
      const e = s.byName.get(name);
      if (e) ctx.report('element-not-allowed', e.keyRange, `A role trust policy has no "${name}": the role itself is the resource. Remove it.`);
    }
    return;
  }
  checkPair(ctx, s, 'Resource', 'NotResource', 'required');
}

function checkPrincipalPair(ctx: CheckContext, s: Statement): void {
  if (ctx.doc.kind === 'identity') {
    for (const name of ['Principal', 'NotPrincipal']) {
      const e = s.byName.get(name);
      if (e) {
        ctx.report(
          'element-not-allowed',
          e.keyRange,
          `An identity (permission) policy has no "${name}": the principal is whoever the policy is attached to. Remove it, or move this statement to the role's trust policy.`,
        );
      }
    }
    return;
  }
  const a = s.byName.get('Principal');
  const b = s.byName.get('NotPrincipal');
  if (a && b) {
    ctx.report('conflicting-elements', b.keyRange, 'A statement cannot have both "Principal" and "NotPrincipal": keep one.', {
      related: [{ range: a.keyRange, message: '"Principal" is here.' }],
    });
  } else if (!a && !b) {
    const what = ctx.doc.kind === 'trust' ? 'A trust policy statement' : 'A resource policy statement';
    ctx.report('missing-element', openBrace(s.node), `${what} needs a "Principal", e.g. { "Federated": "cognito-identity.amazonaws.com" }.`);
  }
  for (const e of [a, b]) if (e?.value) checkPrincipalValue(ctx, e.key, e.value);
}

function checkPrincipalValue(ctx: CheckContext, key: string, value: JsonNode): void {
  if (opaque(value)) return;
  if (value.type === 'string') {
    if (value.value !== ANY_PRINCIPAL)
      ctx.report('invalid-value', rangeOf(value), `"${key}" must be "*" or an object such as { "Federated": "cognito-identity.amazonaws.com" }.`);
    return;
  }
  if (value.type !== 'object') {
    ctx.report('invalid-value', rangeOf(value), `"${key}" must be "*" or an object such as { "Federated": "cognito-identity.amazonaws.com" }.`);
    return;
  }
  for (const e of objectElements(value)) {
    if (!PRINCIPAL_TYPES.includes(e.key)) {
      const suggestion = closest(e.key, PRINCIPAL_TYPES);
      ctx.report(
        'invalid-value',
        e.keyRange,
        `Unknown principal type "${e.key}": use ${PRINCIPAL_TYPES.join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        suggestion ? { data: { replacement: suggestion } } : undefined,
      );
      continue;
    }
    checkStringOrList(ctx, e);
  }
}

function checkCondition(ctx: CheckContext, s: Statement): void {
  const element = s.byName.get('Condition');
  const value = element?.value;
  if (!value || opaque(value)) return;
  if (value.type !== 'object') {
    ctx.report('invalid-value', rangeOf(value), 'Condition must be an object: { "Operator": { "key": "value" } }.');
    return;
  }
  // The model's condition blocks are the Condition object's elements, and their entries those of each block.
  for (const { element: block, entries } of s.conditions ?? []) {
    if (!block.value || opaque(block.value)) continue;
    if (block.value.type !== 'object') {
      ctx.report('invalid-value', rangeOf(block.value), `"${block.key}" must map condition keys to values: { "key": "value" }.`);
      continue;
    }
    for (const { element: entry } of entries) {
      const v = entry.value;
      if (!v) continue;
      if (v.type === 'array') {
        if (!v.children?.length) ctx.report('invalid-value', rangeOf(v), `The values of "${entry.key}" are an empty array: add a value.`);
        for (const item of v.children ?? [])
          if (!isScalar(item)) ctx.report('invalid-value', rangeOf(item), 'A condition value must be a string, number or boolean.');
      } else if (!isScalar(v)) {
        ctx.report('invalid-value', rangeOf(v), 'A condition value must be a string, number or boolean, or an array of them.');
      }
    }
  }
}

function isScalar(n: JsonNode): boolean {
  return n.type === 'string' || n.type === 'number' || n.type === 'boolean';
}
