/**
 * What the user chooses in the flow panel: the identity, the flow and one request. Kept apart from the
 * model so that the webview and the hosts can check inputs (they arrive as untrusted JSON) without the
 * evaluator. Pure and dependency-free.
 */
import type { PoolFlow } from '../evaluate/identity';

/** Guest, or signed in through one kind of identity provider. */
export const IDENTITY_KINDS = ['guest', 'user-pool', 'social', 'oidc', 'saml', 'developer'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export const FLOWS: readonly PoolFlow[] = ['enhanced', 'basic'];
/**
 * How the identity is given on a document of a whole identity pool (a template): a guest, a JSON object of
 * claims, or a pasted JWT (decoded where the server runs: the signature is not checked, nothing is sent anywhere).
 */
export const SIGN_IN_MODES = ['guest', 'claims', 'token'] as const;
export type SignInMode = (typeof SIGN_IN_MODES)[number];

export const IDENTITY_KIND_LABELS: Readonly<Record<IdentityKind, string>> = {
  guest: 'Guest (unauthenticated)',
  'user-pool': 'Signed in: Cognito user pool',
  social: 'Signed in: social provider',
  oidc: 'Signed in: OIDC provider',
  saml: 'Signed in: SAML provider',
  developer: 'Signed in: developer-authenticated',
};

/**
 * What the user chose. An absent field takes the default the documents suggest; an empty string means
 * "none" (no pool ID, no identity ID, no request).
 */
export interface FlowInputs {
  readonly identity?: IdentityKind;
  /** The Logins key of the provider (`accounts.google.com`, `cognito-idp.<region>.amazonaws.com/<userPoolId>`, ...) or the developer provider name. */
  readonly provider?: string;
  readonly identityId?: string;
  readonly poolId?: string;
  readonly flow?: PoolFlow;
  readonly action?: string;
  readonly resource?: string;
  /**
   * Further request context keys, one `key=value` a line (as `cognito-pool-lint simulate --context`): a
   * repeated key is multi-valued, a value starting with `[` is a JSON array of strings; `#` starts a comment line.
   */
  readonly context?: string;
  /** A whole pool's document: the identity pool (its name in the document: a template's logical ID). */
  readonly pool?: string;
  /** A whole pool's document: how the identity is given. */
  readonly signIn?: SignInMode;
  /** A whole pool's document: the claims, a JSON object. */
  readonly claims?: string;
  /** A whole pool's document: an ID or access token (a JWT), decoded locally. */
  readonly token?: string;
  /** A whole pool's document, basic flow: the role (its id in the document) the app passes to AssumeRoleWithWebIdentity. */
  readonly role?: string;
}

export type FlowInputName = keyof FlowInputs;
export const FLOW_INPUT_NAMES: readonly FlowInputName[] = [
  'identity',
  'provider',
  'identityId',
  'poolId',
  'flow',
  'action',
  'resource',
  'context',
  'pool',
  'signIn',
  'claims',
  'token',
  'role',
];
/** The inputs whose text may be long (a token, claims, context lines): up to MAX_CONTEXT_CHARS. */
const LONG_INPUTS: readonly FlowInputName[] = ['context', 'claims', 'token'];

/** Longest accepted text of one input (an ARN is at most 2048 characters); the context lines may be longer. */
export const MAX_INPUT_CHARS = 2048;
export const MAX_CONTEXT_CHARS = 16_384;

/**
 * The inputs in an untrusted value (a webview message, saved panel state, a request's params), or undefined
 * when it is not an object of known fields with values of the right type and size. Unknown fields are refused
 * rather than dropped: the sender is ours, so anything else is a bug or an attack.
 */
export function flowInputsFrom(raw: unknown): FlowInputs | undefined {
  if (!isPlainObject(raw)) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!(FLOW_INPUT_NAMES as readonly string[]).includes(name) || typeof value !== 'string') return undefined;
    if (value.length > ((LONG_INPUTS as readonly string[]).includes(name) ? MAX_CONTEXT_CHARS : MAX_INPUT_CHARS)) return undefined;
    if (name === 'identity' && !(IDENTITY_KINDS as readonly string[]).includes(value)) return undefined;
    if (name === 'flow' && !(FLOWS as readonly string[]).includes(value)) return undefined;
    if (name === 'signIn' && !(SIGN_IN_MODES as readonly string[]).includes(value)) return undefined;
    out[name] = value;
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
