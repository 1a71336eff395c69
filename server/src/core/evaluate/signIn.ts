/**
 * A signed-in identity's claims and the provider it signed in with: claims from a JSON object or from a JWT
 * decoded here (base64url; the signature is NOT checked and nothing leaves the machine), and for a user pool
 * token the provider name and role-mapping key from `iss` and `aud`/`client_id`.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 *
 * Pure: `atob` and `TextDecoder` are globals of every host the core runs in (Node 16+, browsers, workers).
 */
import { isUserPoolProviderName, userPoolMappingKey, userPoolProviderOfIssuer } from '../cognito/knowledge';

/** A token's claims as decoded: JSON values. */
export type Claims = Readonly<Record<string, unknown>>;

export type ClaimsResult = { readonly claims: Claims; readonly problem?: undefined } | { readonly claims?: undefined; readonly problem: string };

/** The claims of a JSON object (`--claims FILE`, the panel's claims box). */
export function claimsOfJson(text: string): ClaimsResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `the claims are not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'the claims must be a JSON object of claim names to values' };
  return { claims: value as Claims };
}

/**
 * The payload of a JWT (`header.payload.signature`, each part base64url), decoded locally. The signature is not
 * checked: this says what the token claims, not that it is genuine.
 */
export function claimsOfJwt(token: string): ClaimsResult {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || parts[1] === '')
    return { problem: 'the token is not a JWT (three base64url parts separated by ".")' };
  let json: string;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return { problem: "the token's payload is not base64url-encoded UTF-8" };
  }
  const result = claimsOfJson(json);
  return result.problem ? { problem: `the token's payload is not a JSON object of claims` } : result;
}

/** Where a signed-in identity comes from, as the identity pool sees it. */
export interface SignIn {
  /** The provider name (the Logins key): `cognito-idp.<region>.amazonaws.com/<userPoolId>`, `accounts.google.com`, ... */
  readonly provider: string;
  /** A user pool's app client ID (the token's `aud`, or `client_id` for an access token). */
  readonly clientId?: string;
  /** The role-mapping key: `<provider>:<clientId>` for a user pool, else the provider name. */
  readonly mappingKey: string;
  /** How the provider was found, for reasons. */
  readonly how: string;
}

/** A claim as a string when it is one. */
export function stringClaim(claims: Claims, name: string): string | undefined {
  const v = claims[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The provider a token comes from: `provider` when the user names it (a provider name, or a user pool's
 * mapping key `<provider>:<clientId>`), else from the token's `iss` (a user pool issuer, or any `https://`
 * issuer, whose host and path are the OIDC provider's name). A user pool's client is the token's `aud`
 * (ID token) or `client_id` (access token).
 */
export function signInOf(claims: Claims, provider?: string): SignIn | { readonly problem: string } {
  const aud = stringClaim(claims, 'aud') ?? stringClaim(claims, 'client_id');
  if (provider !== undefined) {
    const colon = provider.lastIndexOf(':');
    if (colon > 0 && isUserPoolProviderName(provider.slice(0, colon)))
      return { provider: provider.slice(0, colon), clientId: provider.slice(colon + 1), mappingKey: provider, how: `--provider ${provider}` };
    if (isUserPoolProviderName(provider)) {
      const key = aud === undefined ? provider : userPoolMappingKey(provider, aud);
      return { provider, clientId: aud, mappingKey: key, how: `--provider ${provider}${aud === undefined ? '' : ` and the token's app client "${aud}"`}` };
    }
    return { provider, mappingKey: provider, how: `--provider ${provider}` };
  }
  const iss = stringClaim(claims, 'iss');
  if (iss === undefined) return { problem: 'the claims have no issuer ("iss"): name the provider they come from' };
  const userPool = userPoolProviderOfIssuer(iss);
  if (userPool) {
    if (aud === undefined) return { problem: `the user pool token has neither "aud" nor "client_id": the app client it was issued to cannot be told` };
    return { provider: userPool, clientId: aud, mappingKey: userPoolMappingKey(userPool, aud), how: `the token's iss "${iss}" and app client "${aud}"` };
  }
  const name = iss.startsWith('https://') ? iss.slice('https://'.length) : iss;
  if (name === '' || /\s/.test(name)) return { problem: `the token's issuer "${iss}" names no provider: name the provider they come from` };
  return { provider: name, mappingKey: name, how: `the token's iss "${iss}"` };
}
