/**
 * IAM policy evaluation for the credentials of an identity-pool identity: may this identity perform this
 * action on this resource? Within the role's permission policies an explicit Deny wins over any Allow, an
 * Allow is needed, and without one the request is implicitly denied. In the enhanced flow guest credentials
 * are further scoped down by Cognito's session policy: the result is the intersection of both. A trust
 * policy that does not let the identity assume the role means no credentials at all.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
 * https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html#access-policies-scope-down-services
 *
 * Pure: documents in, a decision with reasons out. Malformed statements are reported as reasons and
 * ignored (IAM would reject the policy), never thrown.
 */
import { parseAction } from '../iam/actions';
import { substitutesVariables } from '../iam/versions';
import { GUEST_SCOPE_DOWN_ACTIONS, GUEST_SCOPE_DOWN_SOURCE } from '../cognito/knowledge';
import type { Statement } from '../model/policy';
import { splitArn } from '../text/arn';
import { actionPatternCovers, hasWildcard } from '../text/wildcard';
import { RequestContext, type ContextInput } from './context';
import { evaluateCondition } from './conditions';
import { describeIdentity, identityContexts, type PoolFlow, type PoolIdentity } from './identity';
import { coversAction, describeStatement, effectOf, orList, statementRef, type Effect, type NamedPolicy, type StatementRef } from './statement';
import { matchesPattern, resolvePolicyString } from './substitute';
import { evaluateTrust, isPrincipalTagKey, principalTagsOf, type TrustResult } from './trust';
import { pushAll } from '../text/lists';
import { quote } from '../text/quote';

export type AccessDecision = 'allowed' | 'explicit-deny' | 'implicit-deny';

export interface AccessRequest {
  /** `service:Action`, e.g. `s3:GetObject` (no wildcards). */
  readonly action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  readonly resource: string;
  /** Further context keys (`s3:prefix`, `aws:SourceIp`, ...); they replace the identity's keys of the same name. */
  readonly context?: ContextInput;
}

export interface PermissionResult {
  readonly decision: AccessDecision;
  /** The Deny statements (explicit-deny) or Allow statements (allowed) that decided; none for implicit-deny. */
  readonly statements: readonly StatementRef[];
  readonly reasons: readonly string[];
}

/**
 * Why a request cannot be evaluated, or undefined: the action must be `service:Action` without wildcards and
 * the resource an ARN or `*`.
 */
export function requestProblem(action: string, resource: string): string | undefined {
  const parsed = parseAction(action);
  if (parsed.kind !== 'action')
    return parsed.kind === 'invalid' ? `the action ${parsed.reason}` : 'the action "*" is not one action: name one, such as "s3:GetObject"';
  if (hasWildcard(action)) return `the action "${action}" has a wildcard: a request names one action`;
  if (resource !== '*' && !splitArn(resource)) return `the resource "${resource}" is neither an ARN (arn:partition:service:region:account:resource) nor "*"`;
  return undefined;
}

/** The role's permission policies (identity policies) against one request and its context. */
export function evaluatePermissions(
  policies: readonly NamedPolicy[],
  request: { readonly action: string; readonly resource: string },
  ctx: RequestContext,
): PermissionResult {
  const { action, resource } = request;
  const applies: { effect: Effect; ref: StatementRef; text: string; notes: readonly string[] }[] = [];
  const misses: { effect: Effect; text: string }[] = [];
  const problems: string[] = [];
  for (const policy of policies) {
    const variables = substitutesVariables(policy.document);
    for (const s of policy.document.statements) {
      const name = describeStatement(policy, s);
      const effect = effectOf(s);
      const covers = coversAction(s, action);
      const problem = typeof effect !== 'string' ? effect.problem : typeof covers !== 'boolean' ? covers.problem : undefined;
      if (problem) {
        problems.push(`${name} is ignored: ${problem} (IAM rejects the policy).`);
        continue;
      }
      if (covers !== true || typeof effect !== 'string') continue;
      const verb = effect === 'Allow' ? 'allow' : 'deny';
      const r = matchResource(s, resource, ctx, variables);
      if ('problem' in r) {
        problems.push(`${name} is ignored: ${r.problem} (IAM rejects the policy).`);
        continue;
      }
      const resourceNotes = r.notes.map((n) => `${name}: ${n}.`);
      if (!r.covers) {
        misses.push({ effect, text: `${name} would ${verb} ${action}, but ${r.why}.` });
        continue;
      }
      const condition = evaluateCondition(s, ctx, variables);
      if (!condition.met) {
        misses.push({ effect, text: `${name} would ${verb} ${action} on ${resource}, but ${condition.failures.join('; ')}.` });
        continue;
      }
      const how = r.matchedBy ? ` (${r.matchedBy})` : '';
      const text =
        effect === 'Allow'
          ? `${name} allows ${action} on ${resource}${how}.`
          : `${name} denies ${action} on ${resource}${how}: an explicit Deny overrides every Allow.`;
      applies.push({ effect, ref: statementRef(policy, s), text, notes: [...resourceNotes, ...condition.notes.map((n) => `${name}: ${n}.`)] });
    }
  }
  const deciding = (effect: Effect) => applies.filter((a) => a.effect === effect);
  const missed = (effect: Effect) => misses.filter((m) => m.effect === effect).map((m) => m.text);
  const denies = deciding('Deny');
  if (denies.length)
    return { decision: 'explicit-deny', statements: denies.map((d) => d.ref), reasons: [...denies.flatMap((d) => [d.text, ...d.notes]), ...problems] };
  const allows = deciding('Allow');
  if (allows.length)
    return {
      decision: 'allowed',
      statements: allows.map((a) => a.ref),
      reasons: [...allows.flatMap((a) => [a.text, ...a.notes]), ...missed('Deny'), ...problems],
    };
  return {
    decision: 'implicit-deny',
    statements: [],
    reasons: [`No statement allows ${action} on ${resource} → implicit deny.`, ...missed('Allow'), ...problems],
  };
}

type ResourceMatch =
  | { readonly covers: true; readonly matchedBy?: string; readonly notes: readonly string[] }
  | { readonly covers: false; readonly why: string; readonly notes: readonly string[] }
  | { readonly problem: string };

/**
 * Resource (any value matches) or NotResource (no value matches), case-sensitive, with `*` and `?`. A `*` may
 * run across the colons of an ARN ("If the * wildcard is the last character of a resource ARN segment, it can
 * expand to match beyond the colon boundaries"), so the ARN is matched as one string. A value whose policy
 * variable has no value matches no resource.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
function matchResource(s: Statement, resource: string, ctx: RequestContext, variables: boolean): ResourceMatch {
  const hasResource = s.byName.has('Resource');
  const hasNotResource = s.byName.has('NotResource');
  if (hasResource && hasNotResource) return { problem: 'it has both Resource and NotResource' };
  if (!hasResource && !hasNotResource) return { problem: 'it has neither Resource nor NotResource' };
  const element = hasResource ? 'Resource' : 'NotResource';
  const notes: string[] = [];
  const matched: (string | undefined)[] = [];
  const shown: string[] = [];
  const unresolved: string[] = [];
  for (const v of (hasResource ? s.resources : s.notResources) ?? []) {
    const r = resolvePolicyString(v.value, ctx, { variables, wildcards: true });
    if (!r.ok) {
      unresolved.push(`${quote(v.value)} matches no resource because ${r.why}`);
      continue;
    }
    pushAll(notes, r.problems);
    shown.push(r.substituted ? `${quote(r.text)} (${quote(v.value)})` : quote(v.value));
    if (matchesPattern(r.parts, resource)) matched.push(r.substituted ? `${element} ${quote(v.value)} is ${quote(r.text)} for this identity` : undefined);
  }
  if (hasResource) {
    if (matched.length) return { covers: true, matchedBy: matched[0], notes };
    const why = [...(shown.length ? [`its Resource ${orList(shown)} does not match ${resource}`] : []), ...unresolved.map((u) => `its Resource ${u}`)];
    return { covers: false, why: why.join('; '), notes: [] };
  }
  if (matched.length === 0) return { covers: true, notes: [...notes, ...unresolved.map((u) => `NotResource ${u}`)] };
  return { covers: false, why: `its NotResource excludes ${resource}`, notes: [] };
}

export interface EvaluationInput {
  /** The role's permission policies. */
  readonly policies: readonly NamedPolicy[];
  /** The role's trust policy; without it trust is not evaluated (null in the result). */
  readonly trust?: NamedPolicy;
  readonly identity: PoolIdentity;
  /** Default `enhanced` (the flow AWS recommends). */
  readonly flow?: PoolFlow;
  readonly request: AccessRequest;
  /** Sets `aws:CurrentTime`, `aws:EpochTime` and `aws:TokenIssueTime`; without it those keys are absent unless given. */
  readonly now?: Date;
}

export interface Evaluation {
  readonly trust: TrustResult | null;
  readonly decision: AccessDecision;
  /** The statements of the permission policies that decided (see PermissionResult.statements). */
  readonly statements: readonly StatementRef[];
  readonly reasons: readonly string[];
  /**
   * What decided without the permission policies: the trust policy refused the identity, the request cannot be
   * evaluated, or a guest's action is outside the enhanced flow's scope-down. Undefined when the policies decided.
   */
  readonly decidedBy?: 'trust' | 'request' | 'scope-down';
}

/** The whole path of a request: trust (when given), the role's permission policies, the guest scope-down. */
export function evaluateRequest(input: EvaluationInput): Evaluation {
  const { identity, request } = input;
  const flow = input.flow ?? 'enhanced';
  const contexts = identityContexts(identity, input.now);
  const extra = request.context ?? {};
  const sessionCtx = new RequestContext(contexts.session, extra);
  // The AssumeRoleWithWebIdentity call carries the identity's keys and the request's, but not the principal
  // tags: those become the session's (they are checked as request tags of sts:TagSession).
  const trustCtx = new RequestContext(contexts.trust, Object.fromEntries(Object.entries(extra).filter(([key]) => !isPrincipalTagKey(key))));
  const trust = input.trust ? evaluateTrust(input.trust, trustCtx, principalTagsOf(sessionCtx)) : null;
  const who = describeIdentity(identity);
  if (trust?.decision === 'denied') {
    return {
      trust,
      decision: 'implicit-deny',
      statements: [],
      reasons: [`The trust policy does not let this ${who} identity assume the role, so it gets no credentials → implicit deny.`],
      decidedBy: 'trust',
    };
  }
  const problem = requestProblem(request.action, request.resource);
  if (problem) return { trust, decision: 'implicit-deny', statements: [], reasons: [`The request cannot be evaluated: ${problem}.`], decidedBy: 'request' };
  const permissions = evaluatePermissions(input.policies, request, sessionCtx);
  if (identity.kind !== 'guest') return { trust, ...permissions };
  if (flow === 'basic') {
    const note = 'Basic flow: no session policy scopes the guest credentials down.';
    return { trust, ...permissions, reasons: permissions.decision === 'allowed' ? [...permissions.reasons, note] : permissions.reasons };
  }
  const listed = GUEST_SCOPE_DOWN_ACTIONS.find((pattern) => actionPatternCovers(pattern, request.action));
  if (listed) {
    const note = `${request.action} is within the guest scope-down of the enhanced flow ("${listed}").`;
    return { trust, ...permissions, reasons: permissions.decision === 'allowed' ? [...permissions.reasons, note] : permissions.reasons };
  }
  if (permissions.decision === 'explicit-deny') return { trust, ...permissions };
  const outside = `${request.action} is outside ${GUEST_SCOPE_DOWN_SOURCE}, which limits guest credentials in the enhanced flow`;
  if (permissions.decision === 'allowed') {
    return {
      trust,
      decision: 'implicit-deny',
      statements: [],
      reasons: [`${outside} → implicit deny, although the role's policies allow it:`, ...permissions.reasons],
      decidedBy: 'scope-down',
    };
  }
  const [first, ...rest] = permissions.reasons;
  return { trust, ...permissions, reasons: [first, `${outside}.`, ...rest], decidedBy: 'scope-down' };
}
