/**
 * What a role's trust policy admits, for every part that asks (the rules across documents, the role model's
 * choice of guest rules): which Allow statements let identity pools assume the role, the Cognito claims they
 * test, and whether guests (amr ["unauthenticated"]) or signed-in identities (amr ["authenticated", <provider>...])
 * pass their amr conditions. Precision first: what cannot be told is unknown (undefined), never guessed.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 */
import { AMR_UNAUTHENTICATED, WEB_IDENTITY_ACTION, cognitoClaimOf } from '../cognito/knowledge';
import { isExact, type ConditionValue, type PolicyDocument, type Range, type Statement, type StringValue } from '../model/policy';
import { effectIs } from '../model/spans';
import { actionPatternCovers, wildcardMatch } from '../text/wildcard';
import { parseOperator, type ParsedOperator } from './operators';
import { principalValues, trustsIdentityPools } from './principals';
import { pushAll } from '../text/lists';

export interface TrustView {
  /** Allow statements that trust identity pools (iam/principals) with AssumeRoleWithWebIdentity. */
  readonly cognito: readonly Statement[];
  /** Every Allow statement that trusts identity pools, whatever its actions (TagSession may stand alone). */
  readonly cognitoAny: readonly Statement[];
  /** An Allow statement whose principal or actions are not known (intrinsics, NotPrincipal): it might be one too. */
  readonly unknown: boolean;
  /** The principals the Allow statements name, for messages. */
  readonly principals: readonly StringValue[];
}

export function trustView(trust: PolicyDocument): TrustView {
  const cognito: Statement[] = [];
  const cognitoAny: Statement[] = [];
  const principals: StringValue[] = [];
  // A statement the template leaves open (`!If [Cond, {...}, !Ref Param]`) may admit anyone.
  let unknown = (trust.openStatements?.length ?? 0) > 0;
  for (const s of trust.statements) {
    if (!effectIs(s, 'allow')) {
      if (s.effect && !isExact(s.effect)) unknown = true;
      continue;
    }
    pushAll(principals, principalValues(s.principal));
    const trusts = trustsIdentityPools(s);
    if (trusts === false) continue;
    const actions = s.actions ?? [];
    if (trusts === undefined || actions.some((a) => !isExact(a))) {
      unknown = true;
      continue;
    }
    cognitoAny.push(s);
    if (actions.some((a) => actionPatternCovers(a.value, WEB_IDENTITY_ACTION))) cognito.push(s);
  }
  return { cognito, cognitoAny, unknown, principals };
}

export interface ClaimEntry {
  readonly op: ParsedOperator | undefined;
  readonly values: readonly ConditionValue[];
  readonly keyRange: Range;
}

export function claimEntries(s: Statement, claim: string): ClaimEntry[] {
  const out: ClaimEntry[] = [];
  for (const block of s.conditions ?? []) {
    for (const entry of block.entries) {
      if (cognitoClaimOf(entry.key.value) === claim) out.push({ op: parseOperator(block.operator.value), values: entry.values, keyRange: entry.key.range });
    }
  }
  return out;
}

export function literal(v: ConditionValue): boolean {
  return v.kind === 'string' && isExact(v) && !v.text.includes('${');
}

export type Session = 'guest' | 'authenticated';

/**
 * Whether an amr condition can hold for a session: guests carry amr ["unauthenticated"]; signed-in identities
 * ["authenticated", <provider>...], the providers unknown here. Only `ForAnyValue:` positive String operators on
 * literal values are judged; anything else is undefined (unknown).
 */
export function amrAdmits(e: ClaimEntry, session: Session): boolean | undefined {
  const op = e.op;
  if (!op || op.family !== 'String' || op.negated || op.set !== 'ForAnyValue') return undefined;
  if (!e.values.every(literal)) return undefined;
  const ignoreCase = op.base.endsWith('IgnoreCase');
  const like = op.base === 'StringLike';
  const equals = (a: string, b: string) => (ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (session === 'guest') return e.values.some((v) => (like ? wildcardMatch(v.text, AMR_UNAUTHENTICATED) : equals(v.text, AMR_UNAUTHENTICATED)));
  // Any value other than "unauthenticated" may be "authenticated" or the name of a provider they signed in with.
  return e.values.some((v) => !equals(v.text, AMR_UNAUTHENTICATED));
}

export interface Admission {
  readonly admits: boolean | undefined;
  /** The amr values that exclude the session, in the first statement (for the finding's range). */
  readonly excludedBy?: ConditionValue;
}

/** Whether a trust policy lets this kind of session assume the role: true, false, or undefined (cannot tell). */
export function admits(trust: PolicyDocument, session: Session): Admission {
  const view = trustView(trust);
  let unknown = view.unknown;
  let excludedBy: ConditionValue | undefined;
  for (const s of view.cognito) {
    let statementUnknown = false;
    let excludes: ClaimEntry | undefined;
    for (const e of claimEntries(s, 'amr')) {
      const verdict = amrAdmits(e, session);
      if (verdict === false) excludes ??= e;
      else if (verdict === undefined) statementUnknown = true;
    }
    if (excludes) {
      excludedBy ??= excludes.values[0];
      continue;
    }
    if (statementUnknown) unknown = true;
    else return { admits: true };
  }
  if (unknown || view.cognito.length === 0) return { admits: undefined };
  return { admits: false, excludedBy };
}
