/**
 * Identity-pool facts, in one place. Every rule and feature that needs to know something about
 * Amazon Cognito identity pools reads it from here. Sources: ../shared/docs/identity-pool-facts.md,
 * the Amazon Cognito Developer Guide and the IAM User Guide (links next to each fact).
 */

/** The federated principal of identity-pool role trust policies. */
export const COGNITO_PRINCIPAL = 'cognito-identity.amazonaws.com';

/**
 * Condition keys and policy variables an identity-pool session carries.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
export const COGNITO_AUD_KEY = 'cognito-identity.amazonaws.com:aud';
export const COGNITO_SUB_KEY = 'cognito-identity.amazonaws.com:sub';
export const COGNITO_AMR_KEY = 'cognito-identity.amazonaws.com:amr';

/** Per-identity scoping variable: resolves to the identity ID `region:guid` (not the user pool's sub). */
export const COGNITO_SUB_VARIABLE = '${' + COGNITO_SUB_KEY + '}';

/**
 * Keys of web identity providers: `<provider-host>:<claim>` (Cognito, Google, Facebook, Amazon, any
 * OIDC issuer) and SAML's `saml:` keys. They exist only for federated sessions and are not tied to
 * the actions of a statement.
 */
export function isWebIdentityKey(key: string): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return false;
  const prefix = key.slice(0, colon).toLowerCase();
  return prefix.includes('.') || prefix === 'saml';
}

/** amr values for guests and signed-in identities. https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html */
export const AMR_AUTHENTICATED = 'authenticated';
export const AMR_UNAUTHENTICATED = 'unauthenticated';
