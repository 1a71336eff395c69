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

export function classifyPolicy(root: JsonNode | undefined, elements: readonly Element[], statements: readonly Statement[]): PolicyKind {
  if (!looksLikePolicy(root, elements)) return 'not-a-policy';
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
