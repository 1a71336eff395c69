/**
 * Who a statement's principal takes in, for the one question every part of the analyzer asks of a trust
 * statement: does it trust identity pools? An identity-pool identity calls AssumeRoleWithWebIdentity as the
 * federated principal `cognito-identity.amazonaws.com` (any partition's spelling, cognito/knowledge.ts).
 *
 * - `"Principal": "*"` is every principal, anonymous and federated ones included: it trusts identity pools. (IAM
 *   Access Analyzer calls it unsupported in a role trust policy, an error: `trust-wildcard-principal`, checks/principals.ts.)
 * - `{"Federated": "*"}` is every web identity provider: it trusts identity pools.
 * - `{"AWS": "*"}`: AWS's pages disagree on whether it is only every AWS account's users and roles (the CDK's
 *   AnyPrincipal) or also anonymous callers ("Grant anonymous permissions" lists it beside `"*"`), and none says
 *   whether STS lets a web identity through it: unknown. `"*"` under `Service` or `CanonicalUser` does not.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * - NotPrincipal: IAM accepts it neither in a role trust policy nor with Allow, so a trust statement with it
 *   has no meaning to judge: no answer (undefined), and the evaluator says that IAM rejects it.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 * - A value the template leaves open (an intrinsic function) makes the answer unknown unless another value
 *   already takes identity pools in. Precision first: callers stay silent on unknown.
 */
import { WEB_IDENTITY_ACTION, isCognitoPrincipal } from '../cognito/knowledge';
import { isExact, type PolicyDocument, type PrincipalEntry, type Statement, type StatementPrincipal, type StringValue } from '../model/policy';
import { effectIs } from '../model/spans';
import { actionPatternCovers } from '../text/wildcard';

/** The wildcard principal value. */
export const ANY_PRINCIPAL = '*';

/** The principal types a Principal or NotPrincipal object may name. */
export const PRINCIPAL_TYPES: readonly string[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** What a statement's principal says about identity pools. */
export interface PoolTrust {
  /** true: it takes in the identity pools' principal; false: only other principals (or none); undefined: cannot tell. */
  readonly trusts: boolean | undefined;
  /** The value that takes them in: the Cognito principal, `"*"`, or `"*"` under `Federated`. */
  readonly via?: StringValue;
  /** Why IAM rejects the principal of a role trust statement as written (for the evaluator's messages). */
  readonly rejected?: string;
  /** Why the answer is unknown, when it is (for the evaluator's messages). */
  readonly unsure?: string;
}

/** Whether the statement trusts identity pools: true, false, or undefined (cannot tell; see above). */
export function trustsIdentityPools(s: Statement): boolean | undefined {
  return poolTrustOf(s).trusts;
}

/** trustsIdentityPools with the value that decides it and, when IAM rejects the principal, why. */
export function poolTrustOf(s: Statement): PoolTrust {
  const p = s.principal;
  if (!p) return { trusts: false, rejected: 'it has no Principal' };
  if (s.byName.has('Principal') && s.byName.has('NotPrincipal')) return { trusts: undefined, rejected: 'it has both Principal and NotPrincipal' };
  if (p.kind === 'NotPrincipal') return { trusts: undefined, rejected: 'a role trust policy cannot have NotPrincipal' };
  if (!p.wellFormed) return { trusts: undefined, rejected: 'its Principal is neither "*" nor an object of principal types' };
  if (p.stringForm) {
    if (!isExact(p.stringForm)) return { trusts: undefined, unsure: 'its principal is a value the template leaves open' };
    if (p.stringForm.value === ANY_PRINCIPAL) return { trusts: true, via: p.stringForm };
    return { trusts: false, rejected: 'its Principal is a string other than "*"' };
  }
  let open = false;
  let anyAws = false;
  for (const e of p.entries) {
    for (const v of e.values) {
      if (!isExact(v)) open = true;
      else if (isFederated(e) && (v.value === ANY_PRINCIPAL || isCognitoPrincipal(v.value))) return { trusts: true, via: v };
      else if (e.type === 'AWS' && v.value === ANY_PRINCIPAL) anyAws = true;
    }
  }
  if (open) return { trusts: undefined, unsure: 'its principal is a value the template leaves open' };
  if (anyAws) return { trusts: undefined, unsure: 'whether {"AWS": "*"} admits web identities is not documented' };
  return { trusts: false };
}

/** The identity pools' principal as written in a Principal object (`"Federated": "cognito-identity.amazonaws.com"`), exact values only. */
export function namedCognitoPrincipal(p: StatementPrincipal | undefined): StringValue | undefined {
  if (p?.kind !== 'Principal') return undefined;
  for (const e of p.entries) {
    if (!isFederated(e)) continue;
    const v = e.values.find((v) => isExact(v) && isCognitoPrincipal(v.value));
    if (v) return v;
  }
  return undefined;
}

/** Every value of a principal object, in source order (none for the string form). */
export function principalValues(p: StatementPrincipal | undefined): StringValue[] {
  return p ? p.entries.flatMap((e) => e.values) : [];
}

function isFederated(e: PrincipalEntry): boolean {
  return e.type === 'Federated';
}

/**
 * Whether a trust policy lets identity pools assume the role: an Allow statement that trusts them
 * (trustsIdentityPools) and allows AssumeRoleWithWebIdentity (exact action values only).
 */
export function letsIdentityPoolsAssume(trust: PolicyDocument): boolean {
  return trust.statements.some(
    (s) =>
      effectIs(s, 'allow') && trustsIdentityPools(s) === true && (s.actions ?? []).some((a) => isExact(a) && actionPatternCovers(a.value, WEB_IDENTITY_ACTION)),
  );
}
