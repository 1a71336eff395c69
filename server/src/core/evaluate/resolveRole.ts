/**
 * The whole identity pool, from a sign-in to a verdict: which role the pool gives an identity and why (the
 * default role, rule N of the provider's role mapping, the token's `cognito:preferred_role` / `cognito:roles`,
 * or no credentials), the principal tags the session gets from the claims (attributes for access control),
 * STS's trust decision for that role with those tags, and then the request, through evaluateRequest.
 * Sources: ../shared/docs/identity-pool-facts.md §4, §5, §7, §8 and the pages linked in cognito/knowledge.ts.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/using-afac-with-cognito-identity-pools.html
 *
 * Works on the role model only (model/roles.ts), whatever filled it. A value the model does not know (written
 * with intrinsic functions, a role defined elsewhere) is never guessed: the result says so in `uncertain`.
 * Pure.
 */
import {
  AMBIGUOUS_ROLE_RESOLUTIONS,
  CLASSIC_FLOW_NOTE,
  DEFAULT_PRINCIPAL_TAGS,
  DEFAULT_PRINCIPAL_TAGS_SOURCE,
  MATCH_TYPES,
  PREFERRED_ROLE_CLAIM,
  PRINCIPAL_TAG_KEY_PREFIX,
  ROLES_CLAIM,
  UNKNOWN_PROVIDER_ERROR,
  hasDefaultPrincipalTags,
  isUserPoolProviderName,
} from '../cognito/knowledge';
import type { ConditionValue, PolicyDocument, Statement } from '../model/policy';
import { TERRAFORM_EXPRESSION, wholeReference } from '../model/references';
import {
  roleById,
  type IdentityPoolModel,
  type PoolReference,
  type PolicySource,
  type PoolProviderModel,
  type PrincipalTagMapModel,
  type RoleAttachmentModel,
  type RoleMappingModel,
  type RoleMappingRuleModel,
  type RoleModel,
  type RoleReference,
  type RoleWorkspace,
} from '../model/roles';
import type { ContextValue } from './context';
import { evaluateRequest, type AccessDecision, type AccessRequest } from './evaluate';
import type { PoolFlow } from './identity';
import { stringClaim, type Claims, type SignIn } from './signIn';
import type { NamedPolicy, StatementRef } from './statement';
import type { TrustResult } from './trust';
import { pushAll } from '../text/lists';

/** An identity pool of the model to simulate: a pool resource, or a pool ID that attachments name (settings). */
export interface PoolChoice {
  /** How the user names it: a template's logical ID, or the pool ID. */
  readonly name: string;
  readonly model?: IdentityPoolModel;
  /** The pool ID when known (a literal ID); a template's pool gets its ID when the stack is created. */
  readonly poolId?: string;
  readonly attachments: readonly RoleAttachmentModel[];
}

/** The pools of a model: each pool resource, and each literal pool ID that attachments name without one. */
export function poolChoices(ws: RoleWorkspace): PoolChoice[] {
  const out: PoolChoice[] = ws.pools.map((model) => ({
    name: model.id,
    model,
    poolId: model.poolId,
    attachments: ws.attachments.filter((a) => refersTo(a.pool, model)),
  }));
  for (const a of ws.attachments) {
    if (a.pool.poolModelId !== undefined || a.pool.poolId === undefined) continue;
    if (out.some((c) => c.model && refersTo(a.pool, c.model))) continue;
    const existing = out.find((c) => !c.model && c.poolId === a.pool.poolId);
    if (existing) (existing.attachments as RoleAttachmentModel[]).push(a);
    else out.push({ name: a.pool.poolId, poolId: a.pool.poolId, attachments: [a] });
  }
  return out;
}

function refersTo(ref: PoolReference, pool: IdentityPoolModel): boolean {
  return ref.poolModelId === pool.id || (pool.poolId !== undefined && ref.poolId === pool.poolId);
}

function refersToChoice(ref: PoolReference, pool: PoolChoice): boolean {
  return pool.model ? refersTo(ref, pool.model) : ref.poolModelId === undefined && ref.poolId === pool.poolId;
}

/** A guest, or a signed-in identity with its claims and where it signed in. */
export type PoolSignIn = { readonly kind: 'guest' } | { readonly kind: 'authenticated'; readonly claims: Claims; readonly signIn: SignIn };

export interface PoolSimulationInput {
  readonly workspace: RoleWorkspace;
  readonly pool: PoolChoice;
  readonly identity: PoolSignIn;
  /** The identity pool ID to simulate with when the model has none (a template's pool): `aud`, and the pool's own references. */
  readonly poolId?: string;
  /** The identity ID: `cognito-identity.amazonaws.com:sub`. */
  readonly identityId?: string;
  /** Default `enhanced`: the pool chooses the role. In the `basic` flow the app names it (`role`). */
  readonly flow?: PoolFlow;
  /** The basic flow only: the role (a role id of the model) the app passes to AssumeRoleWithWebIdentity. */
  readonly role?: string;
  readonly request: AccessRequest;
  readonly now?: Date;
}

export type RuleOutcome = 'matched' | 'not-matched' | 'not-reached' | 'unknown';

export interface RuleResult {
  /** 1-based, as users count rules. */
  readonly number: number;
  readonly rule: RoleMappingRuleModel;
  readonly outcome: RuleOutcome;
  readonly reason: string;
}

export interface PoolRole {
  /** The role's name in its source (a template's logical ID, a settings role name), or the ARN as written for a role outside the model. */
  readonly id: string;
  /** `default`: the pool's default role; `rules`: a rule of the provider's mapping; `token`: the token's role claims; `app`: the basic flow's app. */
  readonly by: 'default' | 'rules' | 'token' | 'app';
  /** The 1-based rule number when `by` is `rules`. */
  readonly rule?: number;
  readonly reference?: RoleReference;
  /** The role in the model; undefined when the reference names a role the model does not hold. */
  readonly model?: RoleModel;
}

export interface RoleResolution {
  /** Null: the pool gives this identity no credentials. */
  readonly role: PoolRole | null;
  /** The mapping of the identity's provider, when it has one. */
  readonly mapping?: RoleMappingModel;
  /** Each rule of a Rules mapping with its outcome. */
  readonly rules: readonly RuleResult[];
  readonly reasons: readonly string[];
  /** Why the model cannot say which role (or whether any): the simulation stops there. */
  readonly uncertain?: string;
}

export interface PrincipalTagsResult {
  /** Tag key to value: the session tags Cognito passes (`aws:PrincipalTag/<key>`). */
  readonly tags: Readonly<Record<string, string>>;
  /** The map that set them, when one applies. */
  readonly map?: PrincipalTagMapModel;
  readonly reasons: readonly string[];
  readonly uncertain?: string;
}

/** A statement that decided, with the document it is in (for positions). */
export interface PoolStatementRef extends StatementRef {
  readonly source: PolicySource;
}

export interface PoolSimulation {
  readonly resolution: RoleResolution;
  readonly principalTags: PrincipalTagsResult;
  /** STS's decision on the role's trust policy; null when there is no role or it has no trust policy in the model. */
  readonly trust: TrustResult | null;
  readonly decision: AccessDecision;
  readonly statements: readonly PoolStatementRef[];
  readonly reasons: readonly string[];
  /** Set when a step depends on what the model does not know: the decision is only "as far as can be told". */
  readonly uncertain?: string;
}

// ---------------------------------------------------------------------------------------------
// Role resolution

/** Which role the pool gives the identity, and why. */
export function resolveRole(ws: RoleWorkspace, pool: PoolChoice, identity: PoolSignIn, flow: PoolFlow = 'enhanced', appRole?: string): RoleResolution {
  const reasons: string[] = [];
  const none = (why: string, rules: RuleResult[] = [], mapping?: RoleMappingModel): RoleResolution => ({
    role: null,
    rules,
    reasons: [...reasons, why],
    ...(mapping && { mapping }),
  });
  const unsure = (why: string, rules: RuleResult[] = [], mapping?: RoleMappingModel): RoleResolution => ({
    role: null,
    rules,
    reasons: [...reasons, why],
    uncertain: why,
    ...(mapping && { mapping }),
  });
  const defaults = pool.attachments.flatMap((a) => a.roles);
  const defaultRole = (as: 'authenticated' | 'unauthenticated') => defaults.find((r) => r.as === as)?.role;
  if (pool.attachments.length > 1 && pool.model)
    reasons.push(
      `${pool.attachments.length} role attachments name identity pool "${pool.name}" (${pool.attachments.map((a) => a.id).join(', ')}): a pool has one set of roles, the last deployed wins; all are read here.`,
    );

  if (identity.kind === 'guest') {
    const allow = pool.model?.allowUnauthenticated;
    if (allow?.value === false)
      return none(
        `Guest access is off for identity pool "${pool.name}" (AllowUnauthenticatedIdentities false): GetId refuses an identity without logins, so guests get no credentials.`,
      );
    if (!pool.model) reasons.push(`The model does not say whether identity pool "${pool.name}" allows guests: simulated as if it did.`);
    else if (allow?.value === undefined)
      reasons.push(
        `Identity pool "${pool.name}" does not say literally whether it allows guests (AllowUnauthenticatedIdentities ${allow ? 'is not a literal boolean' : 'is not set'}): simulated as if it did.`,
      );
  } else {
    const providerProblem = providerRefusal(pool, identity.signIn);
    if (providerProblem) return none(providerProblem);
  }

  if (flow === 'basic') {
    if (pool.model && pool.model.allowClassicFlow?.value !== true) {
      const flag = pool.model.allowClassicFlow;
      if (flag?.value === undefined && flag !== undefined)
        return unsure(`Whether identity pool "${pool.name}" allows the basic (classic) flow is not written literally (AllowClassicFlow): ${CLASSIC_FLOW_NOTE}`);
      return none(
        `The basic (classic) flow is off for identity pool "${pool.name}" (AllowClassicFlow ${flag ? 'false' : 'not set, false by default'}): GetOpenIdToken refuses it, so the app gets no token for AssumeRoleWithWebIdentity. ${CLASSIC_FLOW_NOTE}`,
      );
    }
    if (appRole === undefined) return unsure('In the basic (classic) flow the app names the role it assumes: say which.');
    const model = roleById(ws, appRole);
    if (!model) return unsure(`Role "${appRole}" is not a role of the model.`);
    reasons.push(
      `Basic (classic) flow: the app calls GetOpenIdToken, then AssumeRoleWithWebIdentity with role "${appRole}" itself; the pool's default roles and role mappings do not apply, only the role's trust policy decides.`,
    );
    return { role: { id: model.id, by: 'app', model }, rules: [], reasons };
  }

  if (identity.kind === 'guest') {
    const ref = defaultRole('unauthenticated');
    if (!ref) return none(`Identity pool "${pool.name}" has no unauthenticated role: guests get an identity ID but no credentials.`);
    reasons.push(`A guest gets the pool's unauthenticated role ${shownRole(ref)}.`);
    return withRole(ws, { by: 'default', reference: ref }, [], reasons);
  }

  const { signIn, claims } = identity;
  reasons.push(`Signed in through ${signIn.provider} (${signIn.how}).`);
  const found = mappingFor(pool, signIn);
  if ('uncertain' in found) return unsure(found.uncertain);
  const mapping = found.mapping;
  if (found.how) reasons.push(found.how);
  if (!mapping) {
    const ref = defaultRole('authenticated');
    if (!ref) return none(`Identity pool "${pool.name}" has no authenticated role and no role mapping for ${signIn.mappingKey}: no credentials.`);
    reasons.push(`No role mapping for ${signIn.mappingKey}: the pool's authenticated role ${shownRole(ref)}.`);
    return withRole(ws, { by: 'default', reference: ref }, [], reasons);
  }
  const fallback = (why: string, rules: RuleResult[]): RoleResolution => {
    const resolution = mapping.ambiguousRoleResolution;
    if (resolution?.value === 'Deny') return none(`${why}, and AmbiguousRoleResolution is Deny: no credentials.`, rules, mapping);
    if (resolution?.value !== 'AuthenticatedRole')
      return unsure(
        `${why}, and AmbiguousRoleResolution is ${resolution ? (resolution.value === undefined ? `${resolution.text}, not literal text` : `"${resolution.value}", neither ${AMBIGUOUS_ROLE_RESOLUTIONS.join(' nor ')}`) : 'not set (it is required)'}: what the pool does cannot be told.`,
        rules,
        mapping,
      );
    const ref = defaultRole('authenticated');
    if (!ref)
      return none(`${why}, so AmbiguousRoleResolution AuthenticatedRole applies, but the pool has no authenticated role: no credentials.`, rules, mapping);
    reasons.push(`${why}: AmbiguousRoleResolution AuthenticatedRole gives the pool's authenticated role ${shownRole(ref)}.`);
    return { ...withRole(ws, { by: 'default', reference: ref }, rules, reasons), mapping };
  };

  const type = mapping.type?.value;
  if (type === 'Token') {
    reasons.push(`The role mapping for ${mapping.provider} takes the role from the token (Type Token).`);
    const preferred = stringClaim(claims, PREFERRED_ROLE_CLAIM);
    if (preferred !== undefined) {
      reasons.push(`The token's ${PREFERRED_ROLE_CLAIM} is "${preferred}".`);
      return { ...withRole(ws, { by: 'token', arn: preferred }, [], reasons), mapping };
    }
    const roles = roleList(claims[ROLES_CLAIM]);
    if (roles.length === 1) {
      reasons.push(`The token has no ${PREFERRED_ROLE_CLAIM}; its ${ROLES_CLAIM} holds one role, "${roles[0]}".`);
      return { ...withRole(ws, { by: 'token', arn: roles[0] }, [], reasons), mapping };
    }
    return fallback(
      roles.length
        ? `The token has no ${PREFERRED_ROLE_CLAIM} and ${roles.length} roles in ${ROLES_CLAIM}`
        : `The token has neither ${PREFERRED_ROLE_CLAIM} nor ${ROLES_CLAIM} (the user is in no group with a role)`,
      [],
    );
  }
  if (type !== 'Rules')
    return unsure(
      `The role mapping for ${mapping.provider} has Type ${mapping.type ? (type === undefined ? `${mapping.type.text} (not literal text)` : `"${type}", neither Token nor Rules`) : 'not set'}: how it chooses the role cannot be told.`,
      [],
      mapping,
    );
  if (!mapping.rules)
    return unsure(`The rules of the role mapping for ${mapping.provider} are not a literal list: which one matches cannot be told.`, [], mapping);
  const results: RuleResult[] = [];
  let chosen: RuleResult | undefined;
  for (const [i, rule] of mapping.rules.entries()) {
    const number = i + 1;
    if (chosen) {
      results.push({ number, rule, outcome: 'not-reached', reason: `Rule ${number} is not reached: rule ${chosen.number} matched first.` });
      continue;
    }
    const verdict = ruleVerdict(rule, claims);
    const result: RuleResult = { number, rule, outcome: verdict.outcome, reason: `Rule ${number}: ${verdict.reason}` };
    results.push(result);
    if (verdict.outcome === 'unknown') {
      const rest = mapping.rules.slice(i + 1).map((r, j): RuleResult => ({
        number: number + j + 1,
        rule: r,
        outcome: 'not-reached',
        reason: `Rule ${number + j + 1} is not reached: rule ${number} cannot be decided.`,
      }));
      return unsure(result.reason, [...results, ...rest], mapping);
    }
    if (verdict.outcome === 'matched') chosen = result;
  }
  pushAll(
    reasons,
    results.filter((r) => r.outcome !== 'not-reached').map((r) => r.reason),
  );
  if (!chosen) return fallback(`No rule of the role mapping for ${mapping.provider} matches`, results);
  const ref = chosen.rule.role;
  if (!ref) return unsure(`Rule ${chosen.number} matches but names no RoleARN.`, results, mapping);
  reasons.push(`Rule ${chosen.number} is the first that matches: role ${shownRole(ref)}.`);
  return { ...withRole(ws, { by: 'rules', rule: chosen.number, reference: ref }, results, reasons), mapping };
}

/** Why Cognito refuses this login before any role is chosen (the pool is not configured for the provider). */
function providerRefusal(pool: PoolChoice, signIn: SignIn): string | undefined {
  const providers = pool.model?.providers;
  const entry = openProviderEntry(pool, signIn);
  // The only provider written with intrinsic functions, for a literal app client: another client is refused whatever it names.
  if (entry?.kind === 'user-pool' && entry.clientId?.value !== undefined && signIn.clientId !== undefined && entry.clientId.value !== signIn.clientId)
    return `Identity pool "${pool.name}" accepts its user pool ${entry.name.text} only for the app client "${entry.clientId.value}", not "${signIn.clientId}": Cognito refuses the token (${UNKNOWN_PROVIDER_ERROR}), no credentials.`;
  if (!providers || providers.some((p) => p.name.value === undefined)) return undefined; // not all known: not judged
  const same = providers.filter((p) => p.name.value === signIn.provider);
  if (same.length === 0)
    return `Identity pool "${pool.name}" is not configured for ${signIn.provider} (${providers.length ? `its providers: ${providers.map((p) => p.name.value).join(', ')}` : 'it names no login provider'}): Cognito refuses the login (${UNKNOWN_PROVIDER_ERROR}), no credentials.`;
  if (!isUserPoolProviderName(signIn.provider) || signIn.clientId === undefined) return undefined;
  const clients = same.map((p) => p.clientId?.value);
  if (clients.some((c) => c === undefined) || clients.includes(signIn.clientId)) return undefined;
  return `Identity pool "${pool.name}" accepts ${signIn.provider} only for the app client${clients.length === 1 ? '' : 's'} ${clients.map((c) => `"${c}"`).join(', ')}, not "${signIn.clientId}": Cognito refuses the token (${UNKNOWN_PROVIDER_ERROR}), no credentials.`;
}

/** The pool's mapping for the provider: by the provider's name, or a user pool's `<provider>:<app client>` key. */
function mappingFor(pool: PoolChoice, signIn: SignIn): { mapping: RoleMappingModel | undefined; how?: string } | { uncertain: string } {
  const mappings = pool.attachments.flatMap((a) => a.mappings);
  const names = [signIn.mappingKey, signIn.provider];
  const exact = mappings.find((m) => m.providerName !== undefined && names.includes(m.providerName));
  if (exact) return { mapping: exact };
  const open = mappings.filter((m) => m.providerName === undefined);
  if (open.length === 0) return { mapping: undefined };
  const entry = openProviderEntry(pool, signIn);
  if (entry) {
    const keyRefs = [...(entry.name.refs ?? []), ...(entry.clientId?.refs ?? [])];
    const same = open.filter((m) => sameRefs(m.providerRefs, keyRefs) || sameRefs(m.providerRefs, entry.name.refs));
    if (same.length === 1)
      return {
        mapping: same[0],
        how: `The role mapping "${same[0].key}" is for ${same[0].provider}: made of the same references as the pool's provider ${entry.name.text}, the one this login comes from.`,
      };
  }
  return {
    uncertain: `The role mapping "${open[0].key}" is for ${open[0].provider}, which is not written literally: whether it is the mapping of ${signIn.mappingKey} cannot be told.`,
  };
}

/**
 * The pool's provider that the identity signs in through when the template writes it with intrinsic functions:
 * no provider of the pool is literally the identity's, and exactly one is not literal, so a login the pool
 * accepts comes from that one.
 */
function openProviderEntry(pool: PoolChoice, signIn: SignIn): PoolProviderModel | undefined {
  const providers = pool.model?.providers;
  if (!providers || providers.some((p) => p.name.value === signIn.provider)) return undefined;
  const open = providers.filter((p) => p.name.value === undefined);
  return open.length === 1 ? open[0] : undefined;
}

/** Whether two values written with intrinsic functions are made of the same template references. */
function sameRefs(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a?.length || !b?.length) return false;
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((r) => y.has(r));
}

function ruleVerdict(rule: RoleMappingRuleModel, claims: Claims): { outcome: RuleOutcome; reason: string } {
  const claim = rule.claim?.value;
  const matchType = rule.matchType?.value;
  const expected = rule.value?.value;
  if (claim === undefined || matchType === undefined || expected === undefined) {
    const open = [rule.claim ?? { text: '(no Claim)' }, rule.matchType ?? { text: '(no MatchType)' }, rule.value ?? { text: '(no Value)' }]
      .filter((p) => !('value' in p) || p.value === undefined)
      .map((p) => p.text);
    return { outcome: 'unknown', reason: `its ${open.join(', ')} ${open.length === 1 ? 'is' : 'are'} not literal text: whether it matches cannot be told.` };
  }
  if (!MATCH_TYPES.includes(matchType))
    return { outcome: 'unknown', reason: `its MatchType "${matchType}" is none of ${MATCH_TYPES.join(', ')} (Cognito rejects the mapping).` };
  const written = `${claim} ${matchType} "${expected}"`;
  if (!(claim in claims))
    return {
      outcome: 'not-matched',
      reason: `${written} does not match: the token has no claim ${claim}${matchType === 'NotEqual' ? ' (a NotEqual rule on a missing claim is not evaluated)' : ''}.`,
    };
  const raw = claims[claim];
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
    return {
      outcome: 'unknown',
      reason: `${written}: the claim ${claim} is ${Array.isArray(raw) ? 'a list' : 'not a string'}, and how Cognito compares it is not documented.`,
    };
  const actual = String(raw);
  let matches: boolean;
  switch (matchType) {
    case 'Equals':
      matches = actual === expected;
      break;
    case 'Contains':
      matches = actual.includes(expected);
      break;
    case 'StartsWith':
      matches = actual.startsWith(expected);
      break;
    default:
      matches = actual !== expected;
  }
  return { outcome: matches ? 'matched' : 'not-matched', reason: `${written} ${matches ? 'matches' : 'does not match'} the token's ${claim} "${actual}".` };
}

/** `cognito:roles`: a JSON array in tokens, a comma-separated string in older docs. */
function roleList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  return [];
}

function shownRole(ref: RoleReference): string {
  return ref.roleId !== undefined ? `"${ref.roleId}"` : ref.text;
}

/** The role a step chose, found in the model (by reference, or a token's ARN by the role's literal name). */
function withRole(
  ws: RoleWorkspace,
  choice: { by: PoolRole['by']; rule?: number; reference?: RoleReference; arn?: string },
  rules: RuleResult[],
  reasons: string[],
): RoleResolution {
  let model: RoleModel | undefined;
  if (choice.reference) model = roleById(ws, choice.reference.roleId);
  else if (choice.arn !== undefined) {
    const name = choice.arn.slice(choice.arn.lastIndexOf('/') + 1);
    model = ws.roles.find((r) => r.names.includes(name) || r.id === name);
  }
  const id = model?.id ?? choice.reference?.text ?? choice.arn ?? '';
  const role: PoolRole = {
    id,
    by: choice.by,
    ...(choice.rule !== undefined && { rule: choice.rule }),
    ...(choice.reference && { reference: choice.reference }),
    ...(model && { model }),
  };
  if (model) return { role, rules, reasons };
  const why = `The role ${choice.reference?.text ?? `"${choice.arn}"`} is not a role of the model (defined elsewhere, or its RoleName is not literal text): its trust and permission policies cannot be evaluated.`;
  return { role, rules, reasons: [...reasons, why], uncertain: why };
}

// ---------------------------------------------------------------------------------------------
// Principal tags

/** The principal tags the pool passes for this identity: the provider's map (custom or defaults), none for guests. */
export function principalTagsFor(ws: RoleWorkspace, pool: PoolChoice, identity: PoolSignIn): PrincipalTagsResult {
  if (identity.kind === 'guest') return { tags: {}, reasons: [] };
  const { signIn, claims } = identity;
  const maps = (ws.principalTags ?? []).filter((m) => refersToChoice(m.pool, pool));
  const names = [signIn.provider, signIn.mappingKey];
  const entry = openProviderEntry(pool, signIn);
  const sameAsEntry = entry ? maps.filter((m) => m.provider.value === undefined && sameRefs(m.provider.refs, entry.name.refs)) : [];
  const map = maps.find((m) => m.provider.value !== undefined && names.includes(m.provider.value)) ?? (sameAsEntry.length === 1 ? sameAsEntry[0] : undefined);
  const reasons: string[] = [];
  if (map && map.provider.value === undefined)
    reasons.push(`The principal tag map "${map.id}" is for ${map.provider.text}: the pool's provider ${entry!.name.text}, the one this login comes from.`);
  if (!map) {
    const open = maps.find((m) => m.provider.value === undefined);
    if (open) {
      const why = `The principal tag map "${open.id}" is for ${open.provider.text}, which is not written literally: whether ${signIn.provider} passes principal tags cannot be told.`;
      return { tags: {}, reasons: [why], uncertain: why };
    }
    return { tags: {}, reasons: [] };
  }
  const tags: Record<string, string> = {};
  let unsure: string | undefined;
  if (map.useDefaults?.value === true) {
    // A developer provider's name looks like an OIDC issuer's: the pool's own list tells them apart.
    const developer = pool.model?.providers?.some((p) => p.kind === 'developer' && p.name.value === signIn.provider);
    if (developer || !hasDefaultPrincipalTags(signIn.provider)) {
      const why = `The principal tag map "${map.id}" uses the default mappings for ${signIn.provider}, whose tag names are not documented: not simulated.`;
      return { tags, map, reasons: [...reasons, why], uncertain: why };
    }
    reasons.push(`The principal tag map "${map.id}" uses ${DEFAULT_PRINCIPAL_TAGS_SOURCE}.`);
    for (const [key, claim] of Object.entries(DEFAULT_PRINCIPAL_TAGS)) setTag(key, claim);
    return { tags, map, reasons, ...(unsure !== undefined && { uncertain: unsure }) };
  }
  if (map.useDefaults && map.useDefaults.value === undefined) {
    const why = `Whether the principal tag map "${map.id}" uses the default mappings is not written literally (UseDefaults).`;
    return { tags, map, reasons: [...reasons, why], uncertain: why };
  }
  if (!map.tags) {
    const why = `The PrincipalTags of "${map.id}" are not a literal map: which tags the session gets cannot be told.`;
    return { tags, map, reasons: [...reasons, why], uncertain: why };
  }
  for (const { key, claim } of map.tags) setTag(key, claim);
  return { tags, map, reasons, ...(unsure !== undefined && { uncertain: unsure }) };

  function setTag(key: string, claim: string): void {
    const raw = claims[claim];
    if (raw === undefined) reasons.push(`Principal tag "${key}" is not set: the token has no claim ${claim}.`);
    else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
      tags[key] = String(raw);
      reasons.push(`Principal tag "${key}" = "${String(raw)}" (the token's ${claim}): ${PRINCIPAL_TAG_KEY_PREFIX}${key}.`);
    } else {
      unsure ??= `Principal tag "${key}" comes from the token's ${claim}, which is ${Array.isArray(raw) ? 'a list' : 'not a string'}: how Cognito turns it into a tag value is not documented.`;
      reasons.push(unsure);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The whole path

/** Role resolution, principal tags, the trust decision with those tags, then the request. */
export function simulatePool(input: PoolSimulationInput): PoolSimulation {
  const { workspace: ws, pool, identity } = input;
  const flow = input.flow ?? 'enhanced';
  const resolution = resolveRole(ws, pool, identity, flow, input.role);
  // In the basic flow the app calls STS itself: no principal tags (attributes for access control belong to the enhanced flow's credentials).
  const principalTags = flow === 'basic' ? { tags: {}, reasons: [] } : principalTagsFor(ws, pool, identity);
  const stop = (uncertain: string | undefined, reasons: string[]): PoolSimulation => ({
    resolution,
    principalTags,
    trust: null,
    decision: 'implicit-deny',
    statements: [],
    reasons,
    ...(uncertain !== undefined && { uncertain }),
  });
  const role = resolution.role?.model;
  if (!resolution.role || !role) {
    return stop(resolution.uncertain, [
      resolution.uncertain !== undefined ? 'Which role the pool gives cannot be told (see above): not evaluated.' : 'No credentials → implicit deny.',
    ]);
  }
  if (principalTags.uncertain !== undefined)
    return stop(principalTags.uncertain, ['Which principal tags the session gets cannot be told (see above): not evaluated.']);

  // A template's pool has no ID until the stack exists: its references (`!Ref IdentityPool`) stand for the simulated one.
  const poolId = pool.poolId ?? input.poolId ?? `(the ID of identity pool ${pool.name})`;
  const bind = (source: PolicySource): NamedPolicy => ({
    name: source.name,
    document: pool.model ? bindPool(source.policy, pool.model.id, poolId) : source.policy,
  });
  const sources = new Map<string, PolicySource>();
  const named = (source: PolicySource) => {
    sources.set(source.name, source);
    return bind(source);
  };
  const context: Record<string, ContextValue> = { ...(input.request.context ?? {}) };
  for (const [key, value] of Object.entries(principalTags.tags)) context[`${PRINCIPAL_TAG_KEY_PREFIX}${key}`] = value;
  const evaluation = evaluateRequest({
    policies: role.permissions.map(named),
    trust: role.trust ? named(role.trust) : undefined,
    identity: {
      kind: identity.kind,
      ...(identity.kind === 'authenticated' && { provider: identity.signIn.provider }),
      identityId: input.identityId,
      poolId,
    },
    flow,
    request: { ...input.request, context },
    now: input.now,
  });
  const reasons = [...evaluation.reasons];
  for (const ref of evaluation.statements) {
    const source = sources.get(ref.file);
    const statement = source && bind(source).document.statements[ref.index];
    if (statement && hasOpenValues(statement))
      reasons.push(
        `Statement ${ref.sid !== undefined ? JSON.stringify(ref.sid) : String(ref.index + 1)} in ${ref.file} has values ${openValues(source.policy)} is read as any value.`,
      );
  }
  if (!role.trust) reasons.push(`Role "${role.id}" has no trust policy in the model: STS's decision is not evaluated.`);
  let uncertain = evaluation.trust?.uncertain;
  if (evaluation.trust?.decision === 'denied' && uncertain === undefined && role.trust && hasOpenConditionValues(bind(role.trust).document)) {
    uncertain = `the trust policy of role "${role.id}" has condition values ${openValues(role.trust.policy)}: whether STS admits the identity cannot be told.`;
    reasons.push(`The trust decision is uncertain: ${uncertain}`);
  }
  // A policy attached to the role that the model does not read (an AWS managed policy, one Terraform computes) may
  // allow the request, or deny it: only an explicit deny of the policies read stands, or a decision the policies
  // had no part in (the trust refused, a guest's action outside the scope-down).
  const unread = role.unread ?? [];
  if (unread.length > 0 && evaluation.decision !== 'explicit-deny' && evaluation.decidedBy === undefined) {
    const why = `role "${role.id}" also has ${unread.join(', ')}, not read here: ${unread.length > 1 ? 'they' : 'it'} may allow or deny the request.`;
    reasons.push(`The decision is uncertain: ${why}`);
    uncertain ??= why;
  }
  return {
    resolution,
    principalTags,
    trust: evaluation.trust,
    decision: evaluation.decision,
    statements: evaluation.statements.map((s) => ({ ...s, source: sources.get(s.file)! })),
    reasons,
    ...(uncertain !== undefined && { uncertain }),
  };
}

/**
 * How a policy's open values are written, in its source's words: a template's intrinsic functions, a Terraform
 * module's expressions (its strings are written as HCL or as JSON inside a Terraform template).
 */
function openValues(doc: PolicyDocument): string {
  return doc.stringNotation === 'hcl' || doc.stringNotation === 'template-json'
    ? "written with Terraform expressions: what the module leaves open (a variable, another resource's attribute)"
    : "written with intrinsic functions: what the template leaves open (a parameter, another resource's name)";
}

/**
 * The policy with the pool's references in condition values (`!Ref Pool`, `!GetAtt Pool.Id`, Terraform's
 * `aws_cognito_identity_pool.main.id`) replaced by the simulated pool ID.
 */
export function bindPool(doc: PolicyDocument, poolModelId: string, poolId: string): PolicyDocument {
  const refersToPool = (v: ConditionValue) => {
    const ref = v.kind === 'string' ? wholeReference({ value: v.text, intrinsic: v.intrinsic }) : undefined;
    const terraform = v.intrinsic?.fn === TERRAFORM_EXPRESSION;
    return ref !== undefined && ref.logicalId === poolModelId && (terraform ? ref.attribute === 'id' : ref.attribute === undefined || ref.attribute === 'Id');
  };
  if (!doc.statements.some((s) => s.conditions?.some((b) => b.entries.some((e) => e.values.some(refersToPool))))) return doc;
  return {
    ...doc,
    statements: doc.statements.map((s) => ({
      ...s,
      conditions: s.conditions?.map((b) => ({
        ...b,
        entries: b.entries.map((e) => ({ ...e, values: e.values.map((v) => (refersToPool(v) ? { ...v, text: poolId, intrinsic: undefined } : v)) })),
      })),
    })),
  };
}

function hasOpenValues(s: Statement): boolean {
  const open = (v: { readonly intrinsic?: { readonly exact: boolean } }) => v.intrinsic !== undefined && !v.intrinsic.exact;
  return [...(s.resources ?? []), ...(s.notResources ?? [])].some(open) || (s.conditions ?? []).some((b) => b.entries.some((e) => e.values.some(open)));
}

function hasOpenConditionValues(doc: PolicyDocument): boolean {
  return doc.statements.some((s) => s.conditions?.some((b) => b.entries.some((e) => e.values.some((v) => v.intrinsic !== undefined && !v.intrinsic.exact))));
}
