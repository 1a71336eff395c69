/**
 * The token-to-credentials flow of an identity-pool role, as plain data for the flow panel: who signs in
 * where, which Cognito and STS calls hand out credentials (enhanced or basic flow), what the role's trust
 * policy says to the chosen identity (each condition passed or failed), how long the token and the
 * credentials live, and whether the credentials may then make one request (with the deciding statements).
 * The decisions come from the evaluator (`evaluateRequest`); this module only lays them out as steps.
 * Sources: ../shared/docs/identity-pool-facts.md §3-§4 and the pages linked below.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html
 *
 * Pure: policy documents and inputs in, a FlowModel out. Offsets are turned into line/character positions
 * here (from each document's own text), so that any host can reveal a statement without re-parsing.
 */
import type { Catalog } from '../catalog/types';
import { parseOperator } from '../iam/operators';
import { substitutesVariables } from '../iam/versions';
import {
  AMR_AUTHENTICATED,
  AMR_UNAUTHENTICATED,
  BASIC_TRUST_ERROR,
  CLASSIC_FLOW_NOTE,
  CREDENTIALS_MIN_SECONDS,
  CREDENTIALS_SECONDS,
  DEVELOPER_TOKEN_MAX_SECONDS,
  DEVELOPER_TOKEN_SECONDS,
  ENHANCED_TRUST_ERROR,
  GUEST_SESSION_POLICY,
  IDENTITY_POOL_ID_EXAMPLE,
  OPEN_ID_TOKEN_SECONDS,
  PRINCIPAL_TAG_KEY_PREFIX,
  KNOWN_LOGIN_PROVIDERS,
  WEB_IDENTITY_ACTION,
  TAG_SESSION_ACTION,
  cognitoClaimOf,
  isIdentityPoolId,
  isSamlProviderArn,
  isUserPoolProviderName,
} from '../cognito/knowledge';
import { evaluateCondition } from '../evaluate/conditions';
import { RequestContext, showValues, type ContextValue } from '../evaluate/context';
import { evaluateRequest, requestProblem, type AccessDecision } from '../evaluate/evaluate';
import { amrOf, identityContexts, type PoolFlow, type PoolIdentity } from '../evaluate/identity';
import { coversAction, effectOf, type Effect, type NamedPolicy, type StatementRef } from '../evaluate/statement';
import { resolvePolicyString } from '../evaluate/substitute';
import { evaluateTrust, firstClaimValue, isPrincipalTagKey, principalTagsOf, type TrustResult } from '../evaluate/trust';
import type { ConditionBlock, ConditionEntry, PolicyDocument, Range, Statement } from '../model/policy';
import { LineIndex, type Position } from '../text/positions';
import { hasWildcard } from '../text/wildcard';
import { IDENTITY_KIND_LABELS, type FlowInputName, type FlowInputs, type IdentityKind, type SignInMode } from './inputs';
import { pushAll } from '../text/lists';

/** Display names of the public login providers (their Logins keys are in the knowledge module). */
const SOCIAL_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  'graph.facebook.com': 'Facebook',
  'accounts.google.com': 'Google',
  'www.amazon.com': 'Login with Amazon',
  'appleid.apple.com': 'Sign in with Apple',
  'api.twitter.com': 'Twitter',
  'www.digits.com': 'Digits',
};

// ---------------------------------------------------------------------------------------------
// Inputs (inputs.ts)

/** The inputs as evaluated, every default filled in ('' where there is none). */
export interface ResolvedFlowInputs {
  readonly identity: IdentityKind;
  readonly provider: string;
  readonly identityId: string;
  readonly poolId: string;
  readonly flow: PoolFlow;
  readonly action: string;
  readonly resource: string;
  readonly context: string;
  /** A whole pool's document (poolFlow.ts); '' otherwise. */
  readonly pool: string;
  readonly signIn: SignInMode | '';
  readonly claims: string;
  readonly token: string;
  readonly role: string;
}

/**
 * A policy of the role: its parsed document, a name for messages and the host's id of the document it is in
 * (a URI). A role model's `PolicySource` fits as it is.
 */
export interface FlowPolicy {
  readonly document: string;
  readonly name: string;
  readonly policy: PolicyDocument;
}

/** The role's policies: from the open documents today, from the workspace role model when it knows the role. */
export interface FlowSources {
  readonly trust?: FlowPolicy;
  readonly permissions: readonly FlowPolicy[];
  /** The role's policies its source does not read, as a message names them (RoleModel.unread). */
  readonly unread?: readonly string[];
}

export interface FlowOptions {
  /** Lets a wildcard action (`s3:Get*`) default to a real action, and names the service of the request. */
  readonly catalog?: Catalog;
  /** Sets the time keys of the request (aws:CurrentTime, aws:TokenIssueTime, ...). */
  readonly now?: Date;
  /** The user's configured pool ID (`cognitoPool.identityPoolId`): the default when the trust policy names none. */
  readonly identityPoolId?: string;
  /**
   * The principal tags the identity pool passes for this identity (tag key to value: poolFlow.ts, from the
   * provider's map and the claims): the session's `aws:PrincipalTag/<key>`, and STS's TagSession with them.
   */
  readonly sessionTags?: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------
// The model

/** A place in a document: offsets and the same as line/character (0-based, UTF-16). */
export interface FlowLocation {
  readonly document: string;
  /** The policy's name (a file name). */
  readonly name: string;
  /** What is there: `Statement "ReadOwn"`, `Statement 2`, or a condition key. */
  readonly label: string;
  readonly range: Range;
  readonly start: Position;
  readonly end: Position;
}

export type ParticipantId = 'app' | 'idp' | 'backend' | 'cognito' | 'sts' | 'service';

export interface FlowParticipant {
  readonly id: ParticipantId;
  readonly label: string;
  readonly detail?: string;
}

/** ok: happens and succeeds; fail: refused here; neutral: happens, nothing to judge; skipped: never reached. */
export type StepStatus = 'ok' | 'fail' | 'neutral' | 'skipped';

export interface FlowNoteLine {
  readonly text: string;
  readonly status: StepStatus;
}

export type FlowStep =
  | {
      readonly kind: 'call' | 'return';
      readonly from: ParticipantId;
      readonly to: ParticipantId;
      readonly label: string;
      readonly detail?: string;
      readonly status: StepStatus;
    }
  | {
      readonly kind: 'note';
      readonly over: ParticipantId;
      readonly label: string;
      readonly lines: readonly FlowNoteLine[];
      readonly status: StepStatus;
    };

/** One key of one condition of a trust statement, tested alone against the identity's AssumeRoleWithWebIdentity call. */
export interface FlowCondition {
  /** Index into FlowModel.locations: the condition key. */
  readonly location: number;
  readonly operator: string;
  readonly key: string;
  /** `aud`, `amr`, `sub` for Cognito's keys. */
  readonly claim?: string;
  readonly values: readonly string[];
  readonly passed: boolean;
  /** What the request had, or why it failed (the evaluator's words). */
  readonly detail: string;
}

export interface FlowTrustStatement {
  readonly location: number;
  readonly label: string;
  readonly effect: Effect;
  /** All its conditions hold for this identity (or it has none). */
  readonly met: boolean;
  /** The evaluator names it among the statements that decided. */
  readonly decided: boolean;
  readonly conditions: readonly FlowCondition[];
}

export interface FlowTrust {
  /** not-checked: no trust policy is known for the role. */
  readonly status: 'allowed' | 'denied' | 'not-checked';
  readonly policy?: string;
  /** The statements that apply to sts:AssumeRoleWithWebIdentity (or sts:TagSession), in order. */
  readonly statements: readonly FlowTrustStatement[];
  readonly reasons: readonly string[];
}

export interface FlowCredentials {
  /** Whether STS hands out credentials; undefined when the trust policy is not known. */
  readonly issued: boolean | undefined;
  readonly lifetimeSeconds: number;
  readonly lifetime: string;
  /** The token exchanged for them in the basic or developer flow, with its lifetime. */
  readonly token?: { readonly name: string; readonly lifetimeSeconds: number; readonly lifetime: string };
  /** Guests in the enhanced flow: the session policy Cognito adds. */
  readonly sessionPolicy?: string;
  readonly notes: readonly string[];
}

export interface FlowRequestResult {
  /**
   * evaluated: a decision; no-request: no action or resource given; invalid: they cannot be evaluated;
   * no-policies: no permission policy of the role is known; no-credentials: the trust policy refuses the identity.
   */
  readonly status: 'evaluated' | 'no-request' | 'invalid' | 'no-policies' | 'no-credentials';
  readonly action: string;
  readonly resource: string;
  /** The service's name from the catalog (`Amazon S3`), or the action's prefix. */
  readonly service: string;
  readonly decision?: AccessDecision;
  /** The statements that decided: indexes into FlowModel.locations. */
  readonly statements: readonly number[];
  readonly reasons: readonly string[];
  readonly problem?: string;
}

export interface FlowProblem {
  readonly input?: FlowInputName;
  readonly message: string;
}

/** One rule of the identity's role mapping (Type Rules), with its outcome for this identity. */
export interface FlowPoolRule {
  /** 1-based, as users count rules. */
  readonly number: number;
  /** `Claim MatchType "Value"` as written. */
  readonly text: string;
  /** The role it gives, as written. */
  readonly role: string;
  readonly outcome: 'matched' | 'not-matched' | 'not-reached' | 'unknown';
  readonly reason: string;
  /** Index into FlowModel.locations: the rule. */
  readonly location?: number;
}

/** One principal tag of the provider's map: the claim it is set from, and its value for this identity. */
export interface FlowPoolTag {
  readonly key: string;
  readonly claim: string;
  /** Unset when the identity has no such claim. */
  readonly value?: string;
  readonly location?: number;
}

/**
 * A document of a whole identity pool (a template): which pool, how the identity signed in, which role the pool
 * gives it and why (each rule of its role mapping), and the principal tags its session gets. The rest of the
 * model (trust, credentials, request, steps) is then that role's.
 */
export interface FlowPoolView {
  /** The identity pools of the document, by name (a template's logical ID, or a literal pool ID). */
  readonly pools: readonly string[];
  readonly pool: string;
  readonly poolLocation?: number;
  /** The providers the pool is configured for, written literally (for the provider field's suggestions). */
  readonly providers: readonly string[];
  /** The roles of the document, by id (the basic flow's app names one). */
  readonly roles: readonly string[];
  /** The provider and role-mapping key the identity signed in with, and how they were found. */
  readonly signIn?: { readonly provider: string; readonly mappingKey: string; readonly how: string };
  /** The claims as read (pretty JSON), from the claims box or the decoded token. */
  readonly claims?: string;
  /** What is wrong with the identity as entered (nothing is resolved then). */
  readonly problem?: string;
  /** Null: no credentials; undefined: not resolved (the identity is incomplete, or the model cannot tell). */
  readonly role?: { readonly id: string; readonly by: 'default' | 'rules' | 'token' | 'app'; readonly rule?: number; readonly location?: number } | null;
  readonly mapping?: { readonly provider: string; readonly type: string; readonly ambiguousRoleResolution?: string; readonly location?: number };
  readonly rules: readonly FlowPoolRule[];
  readonly resolutionReasons: readonly string[];
  readonly tags: readonly FlowPoolTag[];
  readonly tagReasons: readonly string[];
  /** Index into FlowModel.locations: the principal tag map that applies. */
  readonly tagMapLocation?: number;
  /** The simulation's decision on the request (simulatePool), when there is a role and a request. */
  readonly decision?: AccessDecision;
  /** Why the answer is only as far as can be told (a value the document leaves open). */
  readonly uncertain?: string;
}

export interface FlowModel {
  readonly inputs: ResolvedFlowInputs;
  /** Where each default came from, for the inputs the user left to the documents. */
  readonly origins: Readonly<Partial<Record<FlowInputName, string>>>;
  readonly sources: { readonly trust?: string; readonly permissions: readonly string[] };
  readonly participants: readonly FlowParticipant[];
  readonly steps: readonly FlowStep[];
  readonly trust: FlowTrust;
  readonly credentials: FlowCredentials;
  readonly request: FlowRequestResult;
  /** Every statement and condition the model points at. */
  readonly locations: readonly FlowLocation[];
  readonly problems: readonly FlowProblem[];
  /** One sentence: the outcome, for screen readers and titles. */
  readonly summary: string;
  /** Set on a document of a whole identity pool (poolFlow.ts). */
  readonly pool?: FlowPoolView;
}

// ---------------------------------------------------------------------------------------------

export function buildFlowModel(sources: FlowSources, given: FlowInputs, options: FlowOptions = {}): FlowModel {
  const problems: FlowProblem[] = [];
  const locations = new Locations();
  const named = namePolicies(sources);
  const { inputs, origins } = resolveInputs(sources, given, options);
  const context = withSessionTags(parseContextLines(inputs.context), options.sessionTags);
  for (const message of context.problems) problems.push({ input: 'context', message });
  if (inputs.identityId && !isIdentityPoolId(inputs.identityId)) {
    problems.push({ input: 'identityId', message: `"${inputs.identityId}" is not an identity ID (<region>:<guid>): GetId never returns it.` });
  }
  if (inputs.poolId && !isIdentityPoolId(inputs.poolId)) {
    problems.push({ input: 'poolId', message: `"${inputs.poolId}" is not an identity pool ID (<region>:<guid>, e.g. ${IDENTITY_POOL_ID_EXAMPLE}).` });
  }
  const providerProblem = checkProvider(inputs.identity, inputs.provider);
  if (providerProblem) problems.push({ input: 'provider', message: providerProblem });

  const identity: PoolIdentity = {
    kind: inputs.identity === 'guest' ? 'guest' : 'authenticated',
    provider: inputs.identity === 'guest' || !inputs.provider ? undefined : inputs.provider,
    identityId: inputs.identityId || undefined,
    poolId: inputs.poolId || undefined,
  };
  const hasRequest = inputs.action !== '' && inputs.resource !== '';
  const invalid = hasRequest ? requestProblem(inputs.action, inputs.resource) : undefined;
  const call = trustCall(identity, context.context, options.now);
  const evaluation = hasRequest
    ? evaluateRequest({
        policies: named.permissions.map((p) => p.named),
        trust: named.trust?.named,
        identity,
        flow: inputs.flow,
        request: { action: inputs.action, resource: inputs.resource, context: context.context },
        now: options.now,
      })
    : {
        trust: named.trust ? evaluateTrust(named.trust.named, call.trustCtx, call.principalTags) : null,
        decision: 'implicit-deny' as const,
        statements: [],
        reasons: [],
      };

  const trust = trustView(named.trust, call.callCtx, evaluation.trust, locations);
  const issued = evaluation.trust ? evaluation.trust.decision === 'allowed' : undefined;
  const credentials = credentialsOf(inputs, issued);
  const service = serviceOf(inputs.action, options.catalog);
  const locate = (ref: StatementRef) => {
    return locations.add(named.byName.get(ref.file)!, ref.range, ref.sid ? `Statement "${ref.sid}"` : `Statement ${ref.index + 1}`);
  };
  let request: FlowRequestResult;
  const base = { action: inputs.action, resource: inputs.resource, service };
  if (!hasRequest) request = { ...base, status: 'no-request', statements: [], reasons: ['Give an action and a resource to see what the credentials may do.'] };
  else if (invalid) request = { ...base, status: 'invalid', statements: [], reasons: [], problem: `The request cannot be evaluated: ${invalid}.` };
  else if (issued === false) request = { ...base, status: 'no-credentials', decision: 'implicit-deny', statements: [], reasons: evaluation.reasons };
  else if (named.permissions.length === 0) {
    request = {
      ...base,
      status: 'no-policies',
      statements: [],
      reasons: [
        sources.unread?.length
          ? `The role's policies are not read here (${sources.unread.join(', ')}): what the credentials may do cannot be told.`
          : 'No permission policy of the role is known: add one to see what the credentials may do.',
      ],
    };
  } else request = { ...base, status: 'evaluated', decision: evaluation.decision, statements: evaluation.statements.map(locate), reasons: evaluation.reasons };
  if (invalid) problems.push({ input: requestProblem(inputs.action, '*') ? 'action' : 'resource', message: `The request cannot be evaluated: ${invalid}.` });

  const participants = participantsOf(inputs, service);
  const steps = stepsOf(inputs, trust, credentials, request);
  return {
    inputs,
    origins,
    sources: { trust: named.trust?.named.name, permissions: named.permissions.map((p) => p.named.name) },
    participants,
    steps,
    trust,
    credentials,
    request,
    locations: locations.all,
    problems,
    summary: summaryOf(inputs, trust, request),
  };
}

// ---------------------------------------------------------------------------------------------
// Names and locations

interface NamedSource {
  readonly named: NamedPolicy;
  readonly policy: FlowPolicy;
}

/** Policies get unique names (two `policy.json` in different folders become `policy.json` and `policy.json (2)`). */
function namePolicies(sources: FlowSources): { trust?: NamedSource; permissions: NamedSource[]; byName: Map<string, FlowPolicy> } {
  const byName = new Map<string, FlowPolicy>();
  const name = (p: FlowPolicy): NamedSource => {
    let candidate = p.name;
    for (let n = 2; byName.has(candidate); n++) candidate = `${p.name} (${n})`;
    byName.set(candidate, p);
    return { named: { name: candidate, document: p.policy }, policy: p };
  };
  const trust = sources.trust ? name(sources.trust) : undefined;
  const permissions = sources.permissions.map(name);
  return { trust, permissions, byName };
}

class Locations {
  readonly all: FlowLocation[] = [];
  private readonly lines = new Map<string, LineIndex>();

  add(p: FlowPolicy, range: Range, label: string): number {
    let index = this.lines.get(p.document);
    if (!index) this.lines.set(p.document, (index = new LineIndex(p.policy.text)));
    this.all.push({
      document: p.document,
      name: p.name,
      label,
      range: { start: range.start, end: range.end },
      start: index.positionAt(range.start),
      end: index.positionAt(range.end),
    });
    return this.all.length - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Defaults from the documents

const EXAMPLE_GUID = '00000000-0000-0000-0000-000000000000';

function resolveInputs(
  sources: FlowSources,
  given: FlowInputs,
  options: FlowOptions,
): { inputs: ResolvedFlowInputs; origins: Partial<Record<FlowInputName, string>> } {
  const origins: Partial<Record<FlowInputName, string>> = {};
  const trust = sources.trust?.policy;
  const trustName = sources.trust?.name ?? '';

  let poolId = given.poolId;
  if (poolId === undefined) {
    const aud = trust ? firstClaimValue(trust, 'aud', (v) => isIdentityPoolId(v)) : undefined;
    if (aud) {
      poolId = aud;
      origins.poolId = `from the aud condition of ${trustName}`;
    } else if (options.identityPoolId) {
      poolId = options.identityPoolId;
      origins.poolId = 'from the cognitoPool.identityPoolId setting';
    } else poolId = '';
  }

  let identity = given.identity;
  let provider = given.provider;
  if (identity === undefined) {
    const amr = trust ? firstClaimValue(trust, 'amr', (v) => !hasWildcard(v)) : undefined;
    if (amr === AMR_UNAUTHENTICATED) {
      identity = 'guest';
      origins.identity = `from the amr condition of ${trustName}`;
    } else if (amr && amr !== AMR_AUTHENTICATED) {
      identity = providerKindOf(amr);
      origins.identity = `from the amr condition of ${trustName}`;
      if (provider === undefined) {
        provider = amr;
        origins.provider = origins.identity;
      }
    } else {
      identity = 'user-pool';
      if (amr === AMR_AUTHENTICATED) origins.identity = `from the amr condition of ${trustName}`;
    }
  }
  // Without a provider the identity's amr is ["authenticated"] alone: nothing is made up.
  provider ??= '';

  let identityId = given.identityId;
  if (identityId === undefined) {
    const region = (poolId && isIdentityPoolId(poolId) ? poolId : IDENTITY_POOL_ID_EXAMPLE).split(':')[0];
    identityId = `${region}:${EXAMPLE_GUID}`;
    origins.identityId = 'an example: GetId returns the real identity ID';
  }

  const flow = given.flow ?? 'enhanced';
  if (given.flow === undefined) origins.flow = 'the flow AWS recommends';

  let action = given.action;
  let resource = given.resource;
  let context = given.context;
  if (action === undefined || resource === undefined || context === undefined) {
    const suggestion = suggestRequest(sources.permissions, identityId, poolId, identity, options.catalog);
    if (action === undefined) {
      action = suggestion?.action ?? '';
      if (suggestion?.action) origins.action = suggestion.origin;
    }
    if (resource === undefined) {
      resource = suggestion?.resource ?? '';
      if (suggestion?.resource) origins.resource = suggestion.origin;
    }
    if (context === undefined) {
      context = suggestion?.context ?? '';
      if (suggestion?.context) origins.context = suggestion.origin;
    }
  }
  return {
    inputs: { identity, provider, identityId, poolId, flow, action, resource, context, pool: '', signIn: '', claims: '', token: '', role: '' },
    origins,
  };
}

/** Which kind of provider a Logins key names. Developer provider names look like OIDC hosts: OIDC it is. */
export function providerKindOf(provider: string): Exclude<IdentityKind, 'guest'> {
  if (isUserPoolProviderName(provider)) return 'user-pool';
  if (KNOWN_LOGIN_PROVIDERS.includes(provider.toLowerCase())) return 'social';
  if (isSamlProviderArn(provider)) return 'saml';
  return 'oidc';
}

function checkProvider(kind: IdentityKind, provider: string): string | undefined {
  if (kind === 'guest' || provider === '') return undefined;
  if (kind === 'user-pool' && !isUserPoolProviderName(provider))
    return `"${provider}" is not a user pool provider name (cognito-idp.<region>.amazonaws.com/<userPoolId>).`;
  if (kind === 'social' && !KNOWN_LOGIN_PROVIDERS.includes(provider.toLowerCase()))
    return `"${provider}" is not a social provider of identity pools (${KNOWN_LOGIN_PROVIDERS.join(', ')}).`;
  if (kind === 'saml' && !isSamlProviderArn(provider)) return `"${provider}" is not a SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>).`;
  return undefined;
}

interface RequestSuggestion {
  readonly action?: string;
  readonly resource?: string;
  readonly context?: string;
  readonly origin: string;
}

/**
 * The request the first Allow statement (with Action and Resource) is written for: its first action (a
 * wildcard becomes the first action it matches in the catalog), its first resource and the String
 * conditions on keys the identity does not carry (`s3:prefix`), with the identity's variables substituted
 * and each remaining wildcard read as the word `example`.
 */
/** The longest resource or context value suggested from a policy: IAM's ARN length limit. */
const MAX_SUGGESTED_CHARS = 2_048;

function suggestRequest(
  permissions: readonly FlowPolicy[],
  identityId: string,
  poolId: string,
  kind: IdentityKind,
  catalog: Catalog | undefined,
): RequestSuggestion | undefined {
  const identity: PoolIdentity = { kind: kind === 'guest' ? 'guest' : 'authenticated', identityId: identityId || undefined, poolId: poolId || undefined };
  const ctx = new RequestContext(identityContexts(identity).session);
  for (const p of permissions) {
    for (const s of p.policy.statements) {
      if (effectOf(s) !== 'Allow' || !s.actions?.length || !s.resources?.length) continue;
      const action = concreteAction(s.actions[0].value, catalog);
      if (!action) continue;
      const variables = substitutesVariables(p.policy);
      const example = exampleOf(s.resources[0].value, ctx, variables);
      // Not a text longer than any ARN (issue 15: a 990 KB Resource made a 5.9 MB flow answer).
      const resource = example !== undefined && example.length <= MAX_SUGGESTED_CHARS ? example : '';
      const lines: string[] = [];
      for (const block of s.conditions ?? []) {
        const op = parseOperator(block.operator.value);
        if (!op || op.negated || op.set || (op.family !== 'String' && op.family !== 'Arn')) continue;
        for (const entry of block.entries) {
          const key = entry.key.value;
          if (ctx.get(key) || !key.includes(':')) continue;
          const first = entry.values.find((v) => v.kind === 'string');
          const value = first && exampleOf(first.text, ctx, variables);
          if (value !== undefined && value.length <= MAX_SUGGESTED_CHARS) lines.push(`${key}=${value}`);
        }
      }
      const sid = s.sid?.value ? `"${s.sid.value}"` : String(s.index + 1);
      return { action, resource, context: lines.join('\n'), origin: `from Statement ${sid} in ${p.name}` };
    }
  }
  return undefined;
}

function concreteAction(pattern: string, catalog: Catalog | undefined): string | undefined {
  if (pattern === '*' || !pattern.includes(':')) return undefined;
  if (!hasWildcard(pattern)) return pattern;
  const match = catalog?.matchActions(pattern)[0];
  return match ? `${match.service}:${match.name}` : undefined;
}

function exampleOf(value: string, ctx: RequestContext, variables: boolean): string | undefined {
  if (value === '*') return '*';
  const r = resolvePolicyString(value, ctx, { variables, wildcards: true });
  if (!r.ok) return undefined;
  return r.parts.map((part) => ('literal' in part ? part.literal : part.wildcard === '*' ? 'example' : 'x')).join('');
}

// ---------------------------------------------------------------------------------------------
// The request context lines

/** The context with the pool's principal tags as `aws:PrincipalTag/<key>` (what the user wrote stays over them). */
function withSessionTags(
  parsed: { readonly context: Record<string, ContextValue>; readonly problems: readonly string[] },
  tags: Readonly<Record<string, string>> | undefined,
): { readonly context: Record<string, ContextValue>; readonly problems: readonly string[] } {
  if (!tags || Object.keys(tags).length === 0) return parsed;
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(tags)) context[`${PRINCIPAL_TAG_KEY_PREFIX}${key}`] = value;
  return { context: { ...context, ...parsed.context }, problems: parsed.problems };
}

/** `key=value` lines to context keys (the same rules as `cognito-pool-lint simulate --context`). */
export function parseContextLines(text: string): { readonly context: Record<string, ContextValue>; readonly problems: readonly string[] } {
  const found = new Map<string, { key: string; values: string[]; multiValued: boolean }>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!key || !key.includes(':') || /\s/.test(key)) {
      problems.push(`Context line ${i + 1}: "${line}" is not KEY=VALUE with a condition key such as s3:prefix.`);
      return;
    }
    const rawValue = line.slice(eq + 1).trim();
    let values = [rawValue];
    let multiValued = false;
    if (rawValue.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawValue);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) {
        problems.push(`Context line ${i + 1}: ${key}: "${rawValue}" is not a JSON array of strings.`);
        return;
      }
      values = parsed;
      multiValued = true;
    }
    const existing = found.get(key.toLowerCase());
    if (existing) {
      pushAll(existing.values, values);
      existing.multiValued = true;
    } else found.set(key.toLowerCase(), { key, values, multiValued });
  });
  const context: Record<string, ContextValue> = {};
  for (const c of found.values()) context[c.key] = c.multiValued ? c.values : c.values[0];
  return { context, problems };
}

// ---------------------------------------------------------------------------------------------
// Trust, condition by condition

/**
 * Each statement of the trust policy that covers AssumeRoleWithWebIdentity (or TagSession), with each key
 * of each condition tested alone against the identity's call, in the context evaluateRequest builds for it.
 */
function trustView(source: NamedSource | undefined, callCtx: RequestContext, result: TrustResult | null, locations: Locations): FlowTrust {
  if (!source || !result)
    return { status: 'not-checked', statements: [], reasons: ['No trust policy of the role is known: add it to see whether STS lets this identity in.'] };
  const doc = source.policy.policy;
  const variables = substitutesVariables(doc);
  const decided = new Set(result.statements.map((r) => r.index));
  const statements: FlowTrustStatement[] = [];
  for (const s of doc.statements) {
    const effect = effectOf(s);
    if (typeof effect !== 'string') continue;
    if (coversAction(s, WEB_IDENTITY_ACTION) !== true && coversAction(s, TAG_SESSION_ACTION) !== true) continue;
    const location = locations.add(source.policy, s.range, statementLabel(s));
    const conditions: FlowCondition[] = [];
    for (const block of s.conditions ?? []) {
      for (const entry of block.entries) {
        const outcome = evaluateCondition(onlyEntry(s, block, entry), callCtx, variables);
        const found = callCtx.get(entry.key.value);
        const had = found ? `the request has ${showValues(found)}` : `the request has no ${entry.key.value}`;
        conditions.push({
          location: locations.add(source.policy, entry.element.range, entry.key.value),
          operator: block.operator.value,
          key: entry.key.value,
          claim: cognitoClaimOf(entry.key.value),
          values: entry.values.map((v) => v.text),
          passed: outcome.met,
          detail: outcome.met ? [had, ...outcome.notes].join('; ') : outcome.failures.join('; '),
        });
      }
    }
    statements.push({
      location,
      label: statementLabel(s),
      effect,
      met: conditions.every((c) => c.passed),
      decided: decided.has(s.index),
      conditions,
    });
  }
  return { status: result.decision, policy: source.named.name, statements, reasons: result.reasons };
}

/**
 * The AssumeRoleWithWebIdentity call as evaluateRequest builds it: the identity's trust keys and the request's
 * keys without the principal tags, which the pool passes as session tags (then the call also carries
 * `aws:TagKeys` and `aws:RequestTag/<key>`, in `callCtx`).
 */
function trustCall(identity: PoolIdentity, extra: Record<string, ContextValue>, now: Date | undefined) {
  const contexts = identityContexts(identity, now);
  const principalTags = principalTagsOf(new RequestContext(contexts.session, extra));
  const trustCtx = new RequestContext(contexts.trust, Object.fromEntries(Object.entries(extra).filter(([key]) => !isPrincipalTagKey(key))));
  const tagKeys = Object.keys(principalTags);
  let callCtx = trustCtx;
  if (tagKeys.length) {
    const layer: Record<string, ContextValue> = { 'aws:TagKeys': tagKeys };
    for (const key of tagKeys) layer[`aws:RequestTag/${key}`] = principalTags[key];
    callCtx = trustCtx.derive(layer);
  }
  return { trustCtx, principalTags, callCtx };
}

/** The statement with one condition key only, to test that key alone with the evaluator. */
function onlyEntry(s: Statement, block: ConditionBlock, entry: ConditionEntry): Statement {
  return { ...s, conditions: [{ ...block, entries: [entry] }] };
}

function statementLabel(s: Statement): string {
  return s.sid?.value ? `Statement "${s.sid.value}"` : `Statement ${s.index + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Credentials, participants, steps

export function describeSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

function credentialsOf(inputs: ResolvedFlowInputs, issued: boolean | undefined): FlowCredentials {
  const notes: string[] = [];
  let token: FlowCredentials['token'];
  if (inputs.identity === 'developer') {
    token = { name: 'developer OpenID token', lifetimeSeconds: DEVELOPER_TOKEN_SECONDS, lifetime: describeSeconds(DEVELOPER_TOKEN_SECONDS) };
    notes.push(
      `The developer token lasts ${describeSeconds(DEVELOPER_TOKEN_SECONDS)} unless TokenDuration asks for more (at most ${describeSeconds(DEVELOPER_TOKEN_MAX_SECONDS)}).`,
    );
  } else if (inputs.flow === 'basic') {
    token = { name: 'OpenID token', lifetimeSeconds: OPEN_ID_TOKEN_SECONDS, lifetime: describeSeconds(OPEN_ID_TOKEN_SECONDS) };
  }
  if (inputs.flow === 'enhanced') notes.push(`GetCredentialsForIdentity returns credentials that expire after ${describeSeconds(CREDENTIALS_SECONDS)}.`);
  else
    notes.push(
      `AssumeRoleWithWebIdentity: ${describeSeconds(CREDENTIALS_SECONDS)} by default; DurationSeconds from ${CREDENTIALS_MIN_SECONDS} s up to the role's maximum session duration.`,
    );
  if (inputs.flow === 'basic' && inputs.identity === 'guest') notes.push(CLASSIC_FLOW_NOTE);
  const sessionPolicy = inputs.identity === 'guest' && inputs.flow === 'enhanced' ? GUEST_SESSION_POLICY : undefined;
  if (sessionPolicy) notes.push(`Guest credentials are scoped down by the session policy ${sessionPolicy}: only actions both allow are possible.`);
  return { issued, lifetimeSeconds: CREDENTIALS_SECONDS, lifetime: describeSeconds(CREDENTIALS_SECONDS), token, sessionPolicy, notes };
}

function serviceOf(action: string, catalog: Catalog | undefined): string {
  const colon = action.indexOf(':');
  const prefix = colon > 0 ? action.slice(0, colon) : '';
  if (!prefix) return 'AWS service';
  return catalog?.service(prefix)?.name ?? prefix;
}

function idpLabel(inputs: ResolvedFlowInputs): { label: string; detail?: string } {
  const p = inputs.provider;
  switch (inputs.identity) {
    case 'user-pool':
      return { label: 'Cognito user pool', detail: p || undefined };
    case 'social':
      return { label: SOCIAL_PROVIDER_NAMES[p.toLowerCase()] ?? 'Social provider', detail: p || undefined };
    case 'oidc':
      return { label: 'OIDC provider', detail: p || undefined };
    case 'saml':
      return { label: 'SAML provider', detail: p || undefined };
    default:
      return { label: 'Identity provider' };
  }
}

function participantsOf(inputs: ResolvedFlowInputs, service: string): FlowParticipant[] {
  const out: FlowParticipant[] = [{ id: 'app', label: 'Your app' }];
  if (inputs.identity === 'developer')
    out.push({ id: 'backend', label: 'Your backend', detail: inputs.provider ? `developer provider ${inputs.provider}` : 'developer provider' });
  else if (inputs.identity !== 'guest') out.push({ id: 'idp', ...idpLabel(inputs) });
  out.push({ id: 'cognito', label: 'Cognito identity pool', detail: inputs.poolId || undefined });
  out.push({ id: 'sts', label: 'AWS STS' });
  out.push({ id: 'service', label: service });
  return out;
}

const TOKEN_OF: Readonly<Record<Exclude<IdentityKind, 'guest' | 'developer'>, string>> = {
  'user-pool': 'ID token',
  social: 'provider token',
  oidc: 'ID token',
  saml: 'SAML assertion',
};

const DECISION_LABELS: Readonly<Record<AccessDecision, string>> = {
  allowed: 'Allowed',
  'explicit-deny': 'Denied explicitly',
  'implicit-deny': 'Denied implicitly',
};

export function decisionLabel(decision: AccessDecision): string {
  return DECISION_LABELS[decision];
}

function stepsOf(inputs: ResolvedFlowInputs, trust: FlowTrust, credentials: FlowCredentials, request: FlowRequestResult): FlowStep[] {
  const steps: FlowStep[] = [];
  const call = (from: ParticipantId, to: ParticipantId, label: string, detail?: string, status: StepStatus = 'neutral') =>
    steps.push({ kind: 'call', from, to, label, detail, status });
  const reply = (from: ParticipantId, to: ParticipantId, label: string, detail?: string, status: StepStatus = 'neutral') =>
    steps.push({ kind: 'return', from, to, label, detail, status });
  const guest = inputs.identity === 'guest';
  const developer = inputs.identity === 'developer';
  const identityId = inputs.identityId || '<region>:<guid>';
  const amr = JSON.stringify(amrOf({ kind: guest ? 'guest' : 'authenticated', provider: inputs.provider || undefined }));

  if (developer) {
    const provider = inputs.provider || '<developer provider>';
    call('app', 'backend', 'Sign in', 'your own user directory');
    call('backend', 'cognito', 'GetOpenIdTokenForDeveloperIdentity', `IdentityPoolId, Logins {${provider}: user ID}; signed with developer credentials`);
    reply('cognito', 'backend', `IdentityId, OpenID token (${credentials.token!.lifetime})`, identityId);
    reply('backend', 'app', 'IdentityId, OpenID token');
  } else {
    if (!guest) {
      call('app', 'idp', 'Sign in', inputs.provider || undefined);
      reply('idp', 'app', TOKEN_OF[inputs.identity]);
    }
    call('app', 'cognito', 'GetId', guest ? 'IdentityPoolId (no Logins: a guest)' : `IdentityPoolId, Logins {${inputs.provider || '<provider>'}: token}`);
    reply('cognito', 'app', 'IdentityId', identityId);
  }

  const trustStatus: StepStatus = trust.status === 'allowed' ? 'ok' : trust.status === 'denied' ? 'fail' : 'neutral';
  const trustNote = (): void => {
    const lines: FlowNoteLine[] = [];
    for (const s of trust.statements) {
      for (const c of s.conditions) lines.push({ text: `${c.claim ?? c.key} ${c.operator} ${c.values.join(', ')}`, status: c.passed ? 'ok' : 'fail' });
      if (s.conditions.length === 0) lines.push({ text: `${s.label}: no condition`, status: s.met ? 'ok' : 'fail' });
    }
    if (trust.status === 'not-checked') lines.push({ text: 'not checked: no trust policy is known', status: 'neutral' });
    const label =
      trust.status === 'not-checked' ? 'Trust policy' : `Trust policy: ${trust.status === 'allowed' ? 'lets this identity in' : 'refuses this identity'}`;
    const claims = { text: `token: aud ${inputs.poolId || '(none)'}, amr ${amr}`, status: 'neutral' as const };
    steps.push({ kind: 'note', over: 'sts', label, lines: [claims, ...lines], status: trustStatus });
  };
  const refused = trust.status === 'denied';
  const credentialsText = `Credentials (${credentials.lifetime})`;

  if (inputs.flow === 'enhanced') {
    const logins = developer ? 'Logins {cognito-identity.amazonaws.com: token}' : guest ? 'no Logins' : 'Logins';
    call('app', 'cognito', 'GetCredentialsForIdentity', `IdentityId, ${logins}`);
    const role = guest ? "the pool's unauthenticated role" : "the pool's authenticated role (or a role-mapping rule's)";
    call('cognito', 'sts', 'AssumeRoleWithWebIdentity', guest ? `${role}, with the session policy ${GUEST_SESSION_POLICY}` : role);
    trustNote();
    reply('sts', 'cognito', refused ? BASIC_TRUST_ERROR : credentialsText, undefined, refused ? 'fail' : trustStatus);
    reply(
      'cognito',
      'app',
      refused ? ENHANCED_TRUST_ERROR : credentialsText,
      refused ? undefined : 'AccessKeyId, SecretKey, SessionToken',
      refused ? 'fail' : trustStatus,
    );
  } else {
    if (!developer) {
      call('app', 'cognito', 'GetOpenIdToken', `IdentityId${guest ? '' : ', Logins'}`);
      reply('cognito', 'app', `OpenID token (${credentials.token!.lifetime})`);
    }
    call('app', 'sts', 'AssumeRoleWithWebIdentity', 'RoleArn, WebIdentityToken');
    trustNote();
    reply(
      'sts',
      'app',
      refused ? BASIC_TRUST_ERROR : credentialsText,
      refused ? undefined : 'AccessKeyId, SecretAccessKey, SessionToken',
      refused ? 'fail' : trustStatus,
    );
  }

  const target = `${request.action || '(no action)'} on ${request.resource || '(no resource)'}`;
  if (request.status === 'no-credentials') {
    call('app', 'service', target, 'never sent: no credentials', 'skipped');
  } else if (request.status === 'evaluated') {
    const ok = request.decision === 'allowed';
    call('app', 'service', target, undefined, ok ? 'ok' : 'fail');
    reply('service', 'app', ok ? 'Allowed' : `AccessDenied (${decisionLabel(request.decision!).toLowerCase()})`, undefined, ok ? 'ok' : 'fail');
  } else if (request.status !== 'no-request') {
    call('app', 'service', target, request.problem ?? request.reasons[0], 'neutral');
  }
  return steps;
}

function summaryOf(inputs: ResolvedFlowInputs, trust: FlowTrust, request: FlowRequestResult): string {
  const who = inputs.identity === 'guest' ? 'a guest' : `an identity signed in through ${IDENTITY_KIND_LABELS[inputs.identity].slice('Signed in: '.length)}`;
  const flow = `${inputs.flow} flow`;
  const unchecked = trust.status === 'not-checked' ? ', trust not checked' : '';
  if (trust.status === 'denied') return `No credentials for ${who} (${flow}): the trust policy refuses it.`;
  switch (request.status) {
    case 'evaluated':
      return `${decisionLabel(request.decision!)}: ${request.action} on ${request.resource} for ${who} (${flow}${unchecked}).`;
    case 'invalid':
      return request.problem!;
    case 'no-policies':
      return `Credentials for ${who} (${flow}${unchecked}); no permission policy is known.`;
    default:
      return `Credentials for ${who} (${flow}${unchecked}).`;
  }
}
