/**
 * The request context of an identity-pool identity: what STS sees when the identity assumes a role
 * (AssumeRoleWithWebIdentity with the pool's OpenID token) and what its role session carries afterwards.
 * Sources: ../shared/docs/identity-pool-facts.md §2-§4, and the pages linked below.
 */
import { AMR_AUTHENTICATED, AMR_UNAUTHENTICATED, COGNITO_AMR_KEY, COGNITO_AUD_KEY, COGNITO_PRINCIPAL, COGNITO_SUB_KEY } from '../cognito/knowledge';
import type { ContextInput } from './context';

/** A guest (unauthenticated) identity, or a signed-in one, optionally with the login provider it used. */
export interface PoolIdentity {
  readonly kind: 'guest' | 'authenticated';
  /** Authenticated only: a Logins provider name (`accounts.google.com`, `cognito-idp.<region>.amazonaws.com/<userPoolId>`, ...). */
  readonly provider?: string;
  /** The identity ID (`<region>:<guid>`): the value of `cognito-identity.amazonaws.com:sub`. */
  readonly identityId?: string;
  /** The identity pool ID (`<region>:<guid>`): the value of `cognito-identity.amazonaws.com:aud`. */
  readonly poolId?: string;
}

/**
 * Enhanced (simplified): Cognito calls AssumeRoleWithWebIdentity itself and scopes guest credentials down
 * with a session policy. Basic (classic): the app calls STS with the pool's token; no scope-down.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html
 */
export type PoolFlow = 'enhanced' | 'basic';

/** Global keys every role session of an identity-pool identity carries. */
const FEDERATED_PROVIDER_KEY = 'aws:FederatedProvider';
const PRINCIPAL_TYPE_KEY = 'aws:PrincipalType';
const CURRENT_TIME_KEY = 'aws:CurrentTime';
const EPOCH_TIME_KEY = 'aws:EpochTime';
const TOKEN_ISSUE_TIME_KEY = 'aws:TokenIssueTime';
/** "OIDC federated principal ... aws:PrincipalType: AssumedRole" (IAM User Guide, principal key values). */
const ASSUMED_ROLE = 'AssumedRole';

/** `["unauthenticated"]` for guests; `["authenticated", <provider>]` for signed-in identities. */
export function amrOf(identity: PoolIdentity): string[] {
  if (identity.kind === 'guest') return [AMR_UNAUTHENTICATED];
  return identity.provider ? [AMR_AUTHENTICATED, identity.provider] : [AMR_AUTHENTICATED];
}

export interface IdentityContexts {
  /** What the trust policy is evaluated against (AssumeRoleWithWebIdentity with the pool's token). */
  readonly trust: ContextInput;
  /** What the role's permission policies are evaluated against (the role session's requests). */
  readonly session: ContextInput;
}

/**
 * The context keys of an identity: `aud` (pool ID), `sub` (identity ID) and the multi-valued `amr` in both
 * contexts (the Cognito keys stay available in the session); the session also has `aws:FederatedProvider`
 * (= cognito-identity.amazonaws.com) and `aws:PrincipalType` (AssumedRole). With `now`, both get
 * `aws:CurrentTime` and `aws:EpochTime`, and the session `aws:TokenIssueTime` (fresh credentials).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-federatedprovider
 */
export function identityContexts(identity: PoolIdentity, now?: Date): IdentityContexts {
  const cognito: Record<string, string | string[]> = { [COGNITO_AMR_KEY]: amrOf(identity) };
  if (identity.poolId !== undefined) cognito[COGNITO_AUD_KEY] = identity.poolId;
  if (identity.identityId !== undefined) cognito[COGNITO_SUB_KEY] = identity.identityId;
  const time: Record<string, string> = {};
  if (now) {
    time[CURRENT_TIME_KEY] = isoSeconds(now);
    time[EPOCH_TIME_KEY] = String(Math.floor(now.getTime() / 1000));
  }
  const session: Record<string, string | string[]> = { ...cognito, ...time, [FEDERATED_PROVIDER_KEY]: COGNITO_PRINCIPAL, [PRINCIPAL_TYPE_KEY]: ASSUMED_ROLE };
  if (now) session[TOKEN_ISSUE_TIME_KEY] = isoSeconds(now);
  return { trust: { ...cognito, ...time }, session };
}

/** `2026-01-31T23:59:59Z`, the form IAM shows date keys in. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How reasons name the identity: `guest`, `authenticated (accounts.google.com)`. */
export function describeIdentity(identity: PoolIdentity): string {
  return identity.kind === 'guest' ? 'guest' : identity.provider ? `authenticated (${identity.provider})` : 'authenticated';
}
