/**
 * A role trust policy against an identity-pool identity: may the identity pool's principal
 * (`cognito-identity.amazonaws.com`) call `sts:AssumeRoleWithWebIdentity` on the role with this identity's
 * token (`aud` = pool ID, `sub` = identity ID, `amr`)? When the identity carries principal tags (attributes
 * for access control), the role must also allow `sts:TagSession`. An explicit Deny wins; without an Allow
 * STS refuses ("Not authorized to perform sts:AssumeRoleWithWebIdentity").
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/attributes-for-access-control.html
 */
import { COGNITO_PRINCIPAL, TAG_SESSION_ACTION, WEB_IDENTITY_ACTION, cognitoClaimOf } from '../cognito/knowledge';
import { parseOperator } from '../iam/operators';
import type { PolicyDocument } from '../model/policy';
import { poolTrustOf } from '../iam/principals';
import type { RequestContext } from './context';
import { evaluateCondition } from './conditions';
import { substitutesVariables } from '../iam/versions';
import { coversAction, describeStatement, effectOf, statementRef, type NamedPolicy, type StatementRef } from './statement';

export interface TrustResult {
  readonly decision: 'allowed' | 'denied';
  /**
   * Set on a denial that an Allow statement the evaluator could not judge might have turned (its principal's
   * trust of identity pools cannot be told: `{"AWS": "*"}`, a template value): why. The decision is then only
   * "denied as far as can be told".
   */
  readonly uncertain?: string;
  /** The statements that let the identity in, or the Deny statements that kept it out. */
  readonly statements: readonly StatementRef[];
  readonly reasons: readonly string[];
}

const PRINCIPAL_TAG_PREFIX = 'aws:principaltag/';

/**
 * `ctx` is the trust context of the identity (see identityContexts); `principalTags` are the session tags the
 * pool passes (tag key to value): the call then also needs sts:TagSession, and carries `aws:RequestTag/<key>`
 * and `aws:TagKeys`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
 */
export function evaluateTrust(trust: NamedPolicy, ctx: RequestContext, principalTags: Readonly<Record<string, string>> = {}): TrustResult {
  const tagKeys = Object.keys(principalTags);
  const actions = tagKeys.length ? [WEB_IDENTITY_ACTION, TAG_SESSION_ACTION] : [WEB_IDENTITY_ACTION];
  const tagContext: Record<string, string | string[]> = { 'aws:TagKeys': tagKeys };
  for (const key of tagKeys) tagContext[`aws:RequestTag/${key}`] = principalTags[key];
  // One AssumeRoleWithWebIdentity call passes the tags: both actions see them as request tags.
  const callCtx = tagKeys.length ? ctx.derive(tagContext) : ctx;

  const problems: string[] = [];
  const denied: { ref: StatementRef; text: string }[] = [];
  const allowedBy = new Map<string, { ref: StatementRef; text: string; notes: readonly string[] }[]>();
  const allowMisses: string[] = [];
  const denyMisses: string[] = [];
  let uncertain: string | undefined;
  const variables = substitutesVariables(trust.document);
  for (const s of trust.document.statements) {
    const name = describeStatement(trust, s);
    const effect = effectOf(s);
    const trusts = poolTrustOf(s);
    if (typeof effect !== 'string' || trusts.rejected) {
      problems.push(`${name} is ignored: ${typeof effect !== 'string' ? effect.problem : trusts.rejected} (IAM rejects the policy).`);
      continue;
    }
    if (trusts.trusts === undefined) {
      const why = `${name} is ignored: ${trusts.unsure ?? 'whether its principal trusts identity pools cannot be told'}.`;
      problems.push(why);
      if (effect === 'Allow' && uncertain === undefined && actions.some((a) => coversAction(s, a) === true)) uncertain = why;
      continue;
    }
    const principal = trusts.trusts;
    for (const action of actions) {
      const covers = coversAction(s, action);
      if (typeof covers !== 'boolean') {
        problems.push(`${name} is ignored: ${covers.problem} (IAM rejects the policy).`);
        break;
      }
      if (!covers) continue;
      if (!principal) {
        if (effect === 'Allow') allowMisses.push(`${name} allows ${action} for other principals, not ${COGNITO_PRINCIPAL}.`);
        continue;
      }
      const condition = evaluateCondition(s, callCtx, variables);
      if (!condition.met) {
        (effect === 'Allow' ? allowMisses : denyMisses).push(
          `${name} would ${effect === 'Allow' ? 'allow' : 'deny'} ${action}, but ${condition.failures.join('; ')}.`,
        );
        continue;
      }
      const resource = s.byName.has('Resource') || s.byName.has('NotResource') ? ['a trust policy has no Resource (IAM rejects the policy)'] : [];
      const notes = [...condition.notes, ...resource].map((n) => `${name}: ${n}.`);
      if (effect === 'Deny') denied.push({ ref: statementRef(trust, s), text: `${name} denies ${action} to this identity: an explicit Deny wins.` });
      else {
        const list = allowedBy.get(action) ?? [];
        list.push({ ref: statementRef(trust, s), text: `${name} lets ${COGNITO_PRINCIPAL} call ${action} for this identity.`, notes });
        allowedBy.set(action, list);
      }
    }
  }
  if (denied.length) return { decision: 'denied', statements: unique(denied.map((d) => d.ref)), reasons: [...denied.map((d) => d.text), ...problems] };
  const missing = actions.filter((a) => !allowedBy.get(a)?.length);
  if (missing.length === 0) {
    const allows = actions.flatMap((a) => allowedBy.get(a) ?? []);
    const reasons = allows.flatMap((a) => [a.text, ...a.notes]);
    return { decision: 'allowed', statements: unique(allows.map((a) => a.ref)), reasons: [...reasons, ...denyMisses, ...problems] };
  }
  const reasons: string[] = [];
  if (missing.includes(WEB_IDENTITY_ACTION)) {
    reasons.push(
      `No statement of ${trust.name} lets this identity call ${WEB_IDENTITY_ACTION}: STS refuses ("Not authorized to perform ${WEB_IDENTITY_ACTION}").`,
    );
  } else {
    const tags = tagKeys.map((k) => `aws:PrincipalTag/${k}`).join(', ');
    reasons.push(
      `No statement of ${trust.name} allows ${TAG_SESSION_ACTION}, which the pool needs to pass the principal tags ${tags} (attributes for access control): the credentials call fails.`,
    );
  }
  return { decision: 'denied', statements: [], reasons: [...reasons, ...allowMisses, ...problems], ...(uncertain !== undefined && { uncertain }) };
}

/** The principal tags in a session context (`aws:PrincipalTag/<key>`), tag key to value. */
export function principalTagsOf(ctx: RequestContext): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const e of ctx.entries()) if (isPrincipalTagKey(e.key) && !e.multiValued) tags[e.key.slice(PRINCIPAL_TAG_PREFIX.length)] = e.values[0];
  return tags;
}

/** `aws:PrincipalTag/<key>`: a tag of the session, which the AssumeRoleWithWebIdentity call itself does not have yet. */
export function isPrincipalTagKey(key: string): boolean {
  return key.toLowerCase().startsWith(PRINCIPAL_TAG_PREFIX);
}

function unique(refs: readonly StatementRef[]): StatementRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.file}\u0000${r.index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The first literal value of a Cognito claim (`aud`, `amr`) in an Allow statement's String condition. */
export function firstClaimValue(doc: PolicyDocument, claim: string, accept: (value: string) => boolean): string | undefined {
  for (const s of doc.statements) {
    if (effectOf(s) !== 'Allow') continue;
    for (const block of s.conditions ?? []) {
      const op = parseOperator(block.operator.value);
      if (!op || op.family !== 'String' || op.negated) continue;
      for (const entry of block.entries) {
        if (cognitoClaimOf(entry.key.value) !== claim) continue;
        const value = entry.values.find((v) => v.kind === 'string' && accept(v.text));
        if (value) return value.text;
      }
    }
  }
  return undefined;
}
