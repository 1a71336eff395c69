/**
 * Decides whether a JSON document is an IAM policy, and which kind. Precision first: anything that
 * is not clearly a policy is `not-a-policy` and gets no diagnostics at all (package.json,
 * tsconfig.json and settings files must stay silent).
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { isPolicyVersion } from '../iam/versions';
import type { Element, PolicyKind, Statement } from '../model/policy';

/** Actions that make a statement with a principal a role trust statement. */
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:assumerolewithsaml',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
  'sts:*',
]);

export function isTrustAction(action: string): boolean {
  return TRUST_ACTIONS.has(action.toLowerCase());
}

export function looksLikePolicy(root: JsonNode | undefined, elements: readonly Element[]): boolean {
  if (!root || root.type !== 'object') return false;
  for (const e of elements) {
    // `statement` in the wrong case is still a policy (with an unknown-element error to fix).
    if (e.key.toLowerCase() === 'statement' && (e.value?.type === 'array' || e.value?.type === 'object' || !e.value)) {
      return true;
    }
    if (e.key === 'Version' && e.value?.type === 'string' && isPolicyVersion(e.value.value as string)) return true;
  }
  return false;
}

/** The elements a statement may have (IAM JSON policy element reference). */
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

/**
 * A bare statement saved as a document: every key a statement element, `Effect` exactly "Allow" or "Deny", an
 * `Action` or `NotAction` of IAM action strings (`*`, or `service:Action` with the action's name as IAM writes it,
 * starting with a capital or a wildcard), and a `Resource`/`NotResource`, if any, of `*` or ARNs. An app config
 * that merely has an `Effect` key, any other key beside them, or IAM's shape with the app's own names
 * (`"Effect": "allow"`, `"Action": "posts:read"`, `"Resource": "urn:doc:1"`) is not one: a false error there
 * would teach users to ignore the rule, and a statement written that way gets nothing (precision first).
 */
export function looksLikeBareStatement(root: JsonNode, elements: readonly Element[]): boolean {
  if (root.type !== 'object' || elements.length === 0 || !elements.every((e) => STATEMENT_ELEMENTS.has(e.key))) return false;
  const effect = elements.find((e) => e.key === 'Effect')?.value;
  if (effect?.type !== 'string' || (effect.value !== 'Allow' && effect.value !== 'Deny')) return false;
  const listOf = (node: JsonNode | undefined) => (node?.type === 'array' ? (node.children ?? []) : node ? [node] : []);
  const items = listOf(elements.find((e) => e.key === 'Action' || e.key === 'NotAction')?.value);
  const isAction = (n: JsonNode) => n.type === 'string' && (n.value === '*' || /^[a-z0-9*?-]+:[A-Z*?][A-Za-z0-9*?]*$/.test(n.value as string));
  if (items.length === 0 || !items.every(isAction)) return false;
  const resources = listOf(elements.find((e) => e.key === 'Resource' || e.key === 'NotResource')?.value);
  return resources.every((n) => n.type === 'string' && (n.value === '*' || (n.value as string).startsWith('arn:')));
}

export function classifyPolicy(root: JsonNode | undefined, elements: readonly Element[], statements: readonly Statement[]): PolicyKind {
  if (!looksLikePolicy(root, elements)) return 'not-a-policy';
  return classifyStatements(statements);
}

/** Identity, trust or resource policy, from the statements of a document that is a policy. */
export function classifyStatements(statements: readonly Statement[]): Exclude<PolicyKind, 'not-a-policy'> {
  const hasPrincipal = (s: Statement) => s.principal !== undefined;
  const withPrincipal = statements.filter(hasPrincipal);
  const withoutPrincipal = statements.length - withPrincipal.length;
  const onlyTrustActions = (list: readonly Statement[]) =>
    list.length > 0 && list.every((s) => (s.actions?.length ?? 0) > 0 && s.actions!.every((a) => isTrustAction(a.value)));

  if (withPrincipal.length === 0) {
    // A trust policy that forgot its Principal still reads as one: only sts:AssumeRole* actions, no Resource.
    const noResource = statements.every((s) => !s.byName.has('Resource') && !s.byName.has('NotResource'));
    return noResource && onlyTrustActions(statements) ? 'trust' : 'identity';
  }
  // Mostly principal-less statements: an identity policy with a stray Principal.
  if (withoutPrincipal > withPrincipal.length) return 'identity';
  return onlyTrustActions(withPrincipal) ? 'trust' : 'resource';
}
