/**
 * Rules across documents, on the workspace role model (model/roles.ts): a role's trust policy against how
 * identity pools use the role, its permission policies against its trust policy, and the pools' settings.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html
 *
 * Precision first: a value the model cannot resolve (an intrinsic function, a role defined elsewhere, an
 * operator whose outcome depends on values it cannot see) makes the rule stay silent.
 */
import {
  AMR_AUTHENTICATED,
  AMR_UNAUTHENTICATED,
  COGNITO_AMR_KEY,
  COGNITO_AUD_KEY,
  COGNITO_PRINCIPAL,
  POOL_SECURITY_SOURCE,
  PRINCIPAL_TAG_KEY_PREFIX,
  ROLE_MAPPING_MAX_RULES,
  TAG_SESSION_ACTION,
  WEB_IDENTITY_ACTION,
  cognitoClaimOf,
} from '../cognito/knowledge';
import type { RelatedLocation } from '../model/findings';
import { conditionString, isExact, rangeOf, type ConditionValue, type PolicyDocument, type Range, type Statement, type StringValue } from '../model/policy';
import { inNotation, writeVariable } from '../model/variableNotation';
import {
  attachmentsOf,
  guestAccessOff,
  poolById,
  roleById,
  type AttachedAs,
  type DocumentId,
  type IdentityPoolModel,
  type PoolReference,
  type PrincipalTagMapModel,
  type RoleMappingRuleModel,
  type RoleModel,
  type RoleReference,
  type RoleUse,
  type RoleWorkspace,
  tokenGroupsOf,
} from '../model/roles';
import { wholeReference } from '../model/references';
import { admits, claimEntries, trustView, type Session } from '../iam/trustAdmission';
import { scanVariables } from '../text/variables';
import { actionPatternCovers, wildcardMatch } from '../text/wildcard';
import { parseOperator, type ParsedOperator } from '../iam/operators';
import { effectIs, rangeInString } from '../model/spans';
import type { ReportExtras } from './context';

/** Where a cross-document finding goes: the document and range it is reported at. */
export type RoleReport = (document: DocumentId, ruleId: string, range: Range, message: string, extras?: ReportExtras) => void;

export function checkRoles(ws: RoleWorkspace, report: RoleReport): void {
  checkRoleKinds(ws, report);
  checkAudPools(ws, report);
  for (const role of ws.roles) {
    checkCognitoVariablesWithoutCognitoTrust(role, report);
    checkPrincipalTagsWithoutTagSession(role, report);
  }
  checkRoleMappingRules(ws, report);
  checkUnreachableRules(ws, report);
  checkPoolRoleTrust(ws, report);
  checkPrincipalTagMaps(ws, report);
  for (const pool of ws.pools) {
    checkClassicFlow(pool, report);
    checkGuestAccess(ws, pool, report);
  }
}

function checkRoleKinds(ws: RoleWorkspace, report: RoleReport): void {
  for (const role of ws.roles) {
    const trust = role.trust;
    if (!trust) continue;
    const seen = new Set<AttachedAs>();
    for (const use of attachmentsOf(ws, role.id)) {
      // The guest role of a pool with guest access off is never assumed: nothing fails (yet).
      if (seen.has(use.as) || (use.as === 'unauthenticated' && guestAccessOff(ws, use.attachment))) continue;
      const session: Session = use.as === 'unauthenticated' ? 'guest' : 'authenticated';
      const verdict = admits(trust.policy, session);
      if (verdict.admits !== false || !verdict.excludedBy) continue;
      seen.add(use.as);
      const how = useText(use, 'chosen by a role-mapping rule for signed-in identities');
      const message =
        session === 'guest'
          ? `Role "${role.id}" is ${how} of an identity pool (guests), but this trust policy admits only signed-in identities: a guest's "${COGNITO_AMR_KEY}" is ["${AMR_UNAUTHENTICATED}"], which matches none of these values, so guests get no credentials. Use "${AMR_UNAUTHENTICATED}" here, or attach the role as "authenticated".`
          : `Role "${role.id}" is ${how} of an identity pool, but this trust policy admits only guests ("${AMR_UNAUTHENTICATED}"): signed-in identities get no credentials. Use "${AMR_AUTHENTICATED}" here, or ${use.by === 'token' ? 'give the group another role' : 'attach the role as "unauthenticated"'}.`;
      report(trust.document, 'role-kind-mismatch', verdict.excludedBy.range, message, {
        related: [related(trust.document, use.reference, `"${role.id}" is ${how} here (${use.attachment.id}).`)],
      });
    }
  }
}

/** How an identity pool gives a role, for messages. */
function useText(use: RoleUse, rule: string): string {
  if (use.by === 'default') return `attached as the "${use.as}" role`;
  if (use.by === 'token') return `handed out by a Token role mapping (the role of user pool group "${use.group?.id ?? ''}")`;
  return rule;
}

function related(from: DocumentId, at: { readonly document: DocumentId; readonly range: Range }, message: string): RelatedLocation {
  return at.document === from ? { range: at.range, message } : { range: at.range, message, document: at.document };
}

// ---------------------------------------------------------------------------------------------
// aud-pool-mismatch

/** The pool an aud value names: a pool of the model (Ref/GetAtt Id), a literal pool ID, or undefined (unknown). */
function audPool(ws: RoleWorkspace, v: ConditionValue): { poolModelId?: string; poolId?: string } | undefined {
  if (v.kind !== 'string') return undefined;
  if (isExact(v)) return v.text.includes('${') ? undefined : { poolId: v.text };
  const ref = wholeReference({ value: v.text, intrinsic: v.intrinsic });
  // `Ref`, `Fn::GetAtt Pool.Id` (CloudFormation) or `aws_cognito_identity_pool.p.id` (Terraform).
  if (!ref || !poolById(ws, ref.logicalId) || !(ref.attribute === undefined || ref.attribute === 'Id' || ref.attribute === 'id')) return undefined;
  return { poolModelId: ref.logicalId };
}

/** Whether an aud value can name the attachment's pool: true, false, or undefined (cannot compare). */
function audMatches(ws: RoleWorkspace, op: ParsedOperator, aud: { poolModelId?: string; poolId?: string }, pool: PoolReference): boolean | undefined {
  if (aud.poolModelId !== undefined && pool.poolModelId !== undefined) return aud.poolModelId === pool.poolModelId;
  const target = pool.poolId ?? poolById(ws, pool.poolModelId)?.poolId;
  if (aud.poolId === undefined || target === undefined) return undefined;
  const ignoreCase = op.base.endsWith('IgnoreCase');
  if (op.base === 'StringLike') return wildcardMatch(aud.poolId, target, ignoreCase);
  return ignoreCase ? aud.poolId.toLowerCase() === target.toLowerCase() : aud.poolId === target;
}

/** Whether a trust statement's aud conditions (ANDed) might admit identities of the pool; unknown counts as yes. */
function mayAdmitPool(ws: RoleWorkspace, s: Statement, pool: PoolReference): boolean {
  return claimEntries(s, 'aud').every((e) => {
    const op = e.op;
    if (!op || op.family !== 'String' || op.negated || e.values.length === 0) return true;
    const auds = e.values.map((v) => audPool(ws, v));
    if (auds.some((a) => a === undefined)) return true;
    return auds.some((a) => audMatches(ws, op, a!, pool) !== false);
  });
}

function checkAudPools(ws: RoleWorkspace, report: RoleReport): void {
  const reported = new Set<string>();
  for (const attachment of ws.attachments) {
    const pool = attachment.pool;
    if (pool.poolModelId === undefined && pool.poolId === undefined) continue;
    const roleRefs: RoleReference[] = [
      ...attachment.roles.map((r) => r.role),
      ...attachment.mappings.flatMap((m) => [...m.ruleRoles, ...tokenGroupsOf(ws, m).flatMap((g) => (g.role ? [g.role] : []))]),
    ];
    for (const ref of roleRefs) {
      const role = roleById(ws, ref.roleId);
      const trust = role?.trust;
      if (!role || !trust) continue;
      const statements = trustView(trust.policy).cognito;
      // One statement per pool is how a role serves two pools: only when no statement can admit this pool.
      if (statements.some((s) => mayAdmitPool(ws, s, pool))) continue;
      for (const s of statements) {
        for (const e of claimEntries(s, 'aud')) {
          const op = e.op;
          if (!op || op.family !== 'String' || op.negated || e.values.length === 0) continue;
          const auds = e.values.map((v) => audPool(ws, v));
          if (auds.some((a) => a === undefined)) continue;
          const verdicts = auds.map((a) => audMatches(ws, op, a!, pool));
          if (verdicts.some((v) => v !== false)) continue;
          const key = `${trust.document}\u0000${e.values[0].range.start}\u0000${attachment.id}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const written = e.values.map((v) => quoted(trust.policy, v)).join(', ');
          const target = pool.poolId !== undefined ? `"${pool.text}"` : pool.text;
          report(
            trust.document,
            'aud-pool-mismatch',
            e.values[0].range,
            `"${COGNITO_AUD_KEY}" is ${written}, but role "${role.id}" is attached to the identity pool ${target} (${attachment.id}): identities of that pool can never assume this role. Make aud that pool's ID.`,
            { related: [related(trust.document, pool, `The role is attached to this identity pool (${attachment.id}).`)] },
          );
        }
      }
    }
  }
}

/** A value for a message: literal text in quotes, an intrinsic function as written (`!Ref X`). */
function quoted(doc: PolicyDocument, v: { readonly text?: string; readonly value?: string; readonly range: Range; readonly intrinsic?: unknown }): string {
  return v.intrinsic ? sourceText(doc, v) : `"${sourceText(doc, v)}"`;
}

/** A value as written in its document (an intrinsic function as `!Ref X`, a policy variable in its notation), on one line. */
function sourceText(doc: PolicyDocument, v: { readonly text?: string; readonly value?: string; readonly range: Range; readonly intrinsic?: unknown }): string {
  if (!v.intrinsic) return v.text ?? inNotation(v.value ?? '', doc.variableNotation);
  return doc.text.slice(v.range.start, v.range.end).split('\n')[0].trim();
}

// ---------------------------------------------------------------------------------------------
// cognito-variables-without-cognito-trust, principal-tags-without-tag-session

interface Usage {
  readonly name: string;
  readonly range: Range;
  readonly variable: boolean;
}

/** Policy variables (without a default value) and condition keys of a permission policy that `wanted` selects, in order. */
function usages(doc: PolicyDocument, wanted: (key: string) => boolean, skipNullChecks: boolean): Usage[] {
  const out: Usage[] = [];
  const scan = (s: StringValue) => {
    if (!s.value.includes('${')) return;
    for (const t of scanVariables(s.value)) {
      if (t.kind === 'variable' && t.defaultValue === undefined && wanted(t.name))
        out.push({ name: t.name, range: rangeInString(doc.text, s, t.start, t.end), variable: true });
    }
  };
  for (const s of doc.statements) {
    for (const r of [...(s.resources ?? []), ...(s.notResources ?? [])]) scan(r);
    for (const block of s.conditions ?? []) {
      const op = parseOperator(block.operator.value);
      for (const entry of block.entries) {
        if (wanted(entry.key.value) && !(skipNullChecks && op?.base === 'Null')) out.push({ name: entry.key.value, range: entry.key.range, variable: false });
        for (const v of entry.values) if (v.kind === 'string') scan(conditionString(v));
      }
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function checkCognitoVariablesWithoutCognitoTrust(role: RoleModel, report: RoleReport): void {
  const trust = role.trust;
  if (!trust) return;
  const view = trustView(trust.policy);
  // Only when the trust policy says for sure who assumes the role, and it is not an identity pool.
  if (view.unknown || view.cognito.length > 0 || view.principals.length === 0) return;
  if (view.principals.some((p) => p.value.toLowerCase().startsWith('cognito-identity'))) return; // a misspelt principal: trust-principal-mismatch's business
  const trusted = [...new Set(view.principals.map((p) => `"${p.value}"`))].join(', ');
  for (const p of role.permissions) {
    const first = usages(p.policy, (key) => cognitoClaimOf(key) !== undefined, false)[0];
    if (!first) continue;
    const what = first.variable ? `"${writeVariable(first.name, p.policy.variableNotation)}" never resolves` : `"${first.name}" is never present`;
    report(
      p.document,
      'cognito-variables-without-cognito-trust',
      first.range,
      `Role "${role.id}" is assumed by ${trusted}, not by an identity pool: its trust policy does not trust "${COGNITO_PRINCIPAL}", so for its sessions ${what} and this statement does not match as intended. Trust the identity pool ("Federated": "${COGNITO_PRINCIPAL}" with "${WEB_IDENTITY_ACTION}") or use keys that the role's sessions carry.`,
      { related: [related(p.document, trust, `The trust policy of "${role.id}" is here.`)] },
    );
  }
}

function checkPrincipalTagsWithoutTagSession(role: RoleModel, report: RoleReport): void {
  const trust = role.trust;
  const tagKeys = role.tagKeys?.map((k) => k.toLowerCase());
  if (!trust || !tagKeys) return;
  const view = trustView(trust.policy);
  if (view.unknown || view.cognito.length === 0) return;
  if (view.cognitoAny.some((s) => (s.actions ?? []).some((a) => actionPatternCovers(a.value, TAG_SESSION_ACTION)))) return;
  const prefix = PRINCIPAL_TAG_KEY_PREFIX.toLowerCase();
  // A key that is one of the role's own IAM tags is a principal tag without any session tag.
  const sessionTag = (key: string) => key.toLowerCase().startsWith(prefix) && !tagKeys.includes(key.slice(prefix.length).toLowerCase());
  const action = view.cognito[0].byName.get('Action');
  for (const p of role.permissions) {
    const first = usages(p.policy, sessionTag, true)[0];
    if (!first) continue;
    report(
      p.document,
      'principal-tags-without-tag-session',
      first.range,
      `"${first.name}" comes from session tags that the identity pool passes (attributes for access control), but the trust policy of role "${role.id}" does not allow "${TAG_SESSION_ACTION}": Amazon Cognito cannot tag the session (credentials are refused when the pool maps principal tags; otherwise the tag is never set and this never matches). Add "${TAG_SESSION_ACTION}" to the trust policy's Action.`,
      {
        related: [
          related(p.document, { document: trust.document, range: action?.range ?? trust.range }, `The trust policy of "${role.id}" allows only these actions.`),
        ],
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// role-mapping-rules-limit, classic-flow-enabled, guest-access-enabled

function checkRoleMappingRules(ws: RoleWorkspace, report: RoleReport): void {
  for (const attachment of ws.attachments) {
    for (const m of attachment.mappings) {
      const rules = m.rules;
      if (!rules || rules.length <= ROLE_MAPPING_MAX_RULES) continue;
      const first = rules[ROLE_MAPPING_MAX_RULES];
      report(
        first.document,
        'role-mapping-rules-limit',
        first.range,
        `The role mapping for "${m.provider}" has ${rules.length} rules; Amazon Cognito allows at most ${ROLE_MAPPING_MAX_RULES} per identity provider and rejects the configuration. Merge rules (rules are evaluated in order, the first match wins) or map roles with a token (user pool groups).`,
        { related: [related(first.document, m, `The role mapping for "${m.provider}".`)] },
      );
    }
  }
}

function checkClassicFlow(pool: IdentityPoolModel, report: RoleReport): void {
  const f = pool.allowClassicFlow;
  if (f?.value !== true) return;
  report(
    f.document,
    'classic-flow-enabled',
    f.range,
    `The basic (classic) flow is on for identity pool "${pool.id}": apps call GetOpenIdToken and then AssumeRoleWithWebIdentity themselves, for any role whose trust policy admits this pool's identities, and guest credentials get no scope-down session policy. AWS recommends the enhanced flow (${POOL_SECURITY_SOURCE}): remove AllowClassicFlow unless clients need the basic flow.`,
  );
}

const SUMMARY_STATEMENTS = 4;

function checkGuestAccess(ws: RoleWorkspace, pool: IdentityPoolModel, report: RoleReport): void {
  const f = pool.allowUnauthenticated;
  if (f?.value !== true) return;
  const guestRoles = ws.attachments
    .filter((a) => a.pool.poolModelId === pool.id || (pool.poolId !== undefined && a.pool.poolId === pool.poolId))
    .flatMap((a) => a.roles.filter((r) => r.as === 'unauthenticated').map((r) => r.role));
  const relatedLocations: RelatedLocation[] = [];
  let summary: string;
  if (guestRoles.length === 0) {
    summary = 'No unauthenticated role is attached to it here, so guests get an identity ID but no AWS credentials unless a role is set elsewhere.';
  } else {
    summary = guestRoles.map((ref) => guestRoleSummary(ws, ref, f.document, relatedLocations)).join(' ');
  }
  report(
    f.document,
    'guest-access-enabled',
    f.range,
    `Guest access is on for identity pool "${pool.id}": anyone who knows the pool ID (it is not a secret) can get guest credentials. ${summary} Grant guests only what you would grant anyone on the internet (${POOL_SECURITY_SOURCE}).`,
    relatedLocations.length ? { related: relatedLocations } : undefined,
  );
}

function guestRoleSummary(ws: RoleWorkspace, ref: RoleReference, document: DocumentId, relatedLocations: RelatedLocation[]): string {
  const role = roleById(ws, ref.roleId);
  if (!role) return `Guests get the role ${ref.text} (defined elsewhere: not checked here).`;
  const grants: string[] = [];
  for (const p of role.permissions) {
    relatedLocations.push(related(document, p, `Guests get ${p.name}.`));
    for (const s of p.policy.statements) {
      // An Effect the template chooses (`Fn::If`, a parameter) may be Allow: the statement is summed up as such.
      const chosen = s.effect !== undefined && !isExact(s.effect) ? s.effect.intrinsic?.fn : undefined;
      if (!chosen && !effectIs(s, 'allow')) continue;
      const actions = s.byName.has('NotAction') ? `every action except ${list(p.policy, s.notActions)}` : list(p.policy, s.actions);
      const resources = s.byName.has('NotResource') ? `every resource except ${list(p.policy, s.notResources)}` : list(p.policy, s.resources);
      grants.push(`${actions} on ${resources}${chosen ? ` (when its Effect, set by ${chosen}, is Allow)` : ''}`);
    }
    // A statement the template leaves open may allow anything: never "allows nothing".
    for (const o of p.policy.openStatements ?? []) grants.push(`what the statements set by ${o.fn} allow (the template leaves them open)`);
  }
  // A policy the source does not read (an AWS managed policy, one Terraform computes) may allow anything: named
  // first, whatever the number of statements.
  const unread = (role.unread ?? []).map((u) => `what ${u} allows (not read here)`);
  if (grants.length === 0 && unread.length === 0)
    return `Guests get role "${role.id}", which allows nothing${role.permissions.length ? '' : ' (no permission policies)'}.`;
  const shown = [...unread, ...grants.slice(0, SUMMARY_STATEMENTS)].join('; ');
  const more =
    grants.length > SUMMARY_STATEMENTS
      ? `; and ${grants.length - SUMMARY_STATEMENTS} more statement${grants.length - SUMMARY_STATEMENTS === 1 ? '' : 's'}`
      : '';
  return `Guests get role "${role.id}": ${shown}${more}.`;
}

function list(doc: PolicyDocument, values: readonly StringValue[] | undefined): string {
  if (!values || values.length === 0) return 'nothing';
  return values.map((v) => sourceText(doc, v)).join(', ');
}

// ---------------------------------------------------------------------------------------------
// role-mapping-rule-unreachable, pool-role-without-pool-trust, principal-tag-map-without-tag-session

function checkUnreachableRules(ws: RoleWorkspace, report: RoleReport): void {
  for (const attachment of ws.attachments) {
    for (const m of attachment.mappings) {
      const rules = m.rules ?? [];
      rules.forEach((rule, j) => {
        const key = ruleKey(rule);
        if (key === undefined) return;
        const i = rules.slice(0, j).findIndex((earlier) => ruleKey(earlier) === key);
        if (i < 0) return;
        report(
          rule.document,
          'role-mapping-rule-unreachable',
          rule.range,
          `Rule ${j + 1} of the role mapping for "${m.provider}" tests ${rule.claim!.value} ${rule.matchType!.value} "${rule.value!.value}", as rule ${i + 1} does: rules are evaluated in order and the first match wins, so this rule is never used. Remove it, or change its claim, match type or value.`,
          { related: [related(rule.document, rules[i], `Rule ${i + 1} matches the same identities first.`)] },
        );
      });
    }
  }
}

/** A rule's claim, match type and value when all are literal text (what decides whether it matches). */
function ruleKey(rule: RoleMappingRuleModel): string | undefined {
  const parts = [rule.claim?.value, rule.matchType?.value, rule.value?.value];
  return parts.every((p) => p !== undefined) ? parts.join('\u0000') : undefined;
}

function checkPoolRoleTrust(ws: RoleWorkspace, report: RoleReport): void {
  for (const role of ws.roles) {
    const trust = role.trust;
    if (!trust) continue;
    const view = trustView(trust.policy);
    // Only when the trust policy says for sure who assumes the role and none of its statements trusts identity pools.
    if (view.unknown || view.cognitoAny.length > 0 || view.principals.length === 0) continue;
    if (view.principals.some((p) => p.value.toLowerCase().startsWith('cognito-identity'))) continue; // a misspelt principal: trust-principal-mismatch's business
    const use = attachmentsOf(ws, role.id).find((u) => !(u.as === 'unauthenticated' && guestAccessOff(ws, u.attachment)));
    if (!use) continue;
    const how = useText(use, 'chosen by a role-mapping rule');
    const trusted = [...new Set(view.principals.map((p) => `"${p.value}"`))].join(', ');
    report(
      trust.document,
      'pool-role-without-pool-trust',
      view.principals[0].range,
      `Role "${role.id}" is ${how} of an identity pool, but its trust policy lets only ${trusted} assume it, not "${COGNITO_PRINCIPAL}" with "${WEB_IDENTITY_ACTION}": the identities it is given to get no credentials. Trust the identity pool ("Federated": "${COGNITO_PRINCIPAL}", with aud and amr conditions), or give the pool another role.`,
      { related: [related(trust.document, use.reference, `"${role.id}" is ${how} here (${use.attachment.id}).`)] },
    );
  }
}

/** A principal tag map that surely passes tags: UseDefaults, or a literal map with at least one tag. */
function passesTags(map: PrincipalTagMapModel): boolean {
  if (map.useDefaults?.value === true) return true;
  if (map.useDefaults && map.useDefaults.value === undefined) return false; // UseDefaults written with an intrinsic function
  return (map.tags?.length ?? 0) > 0;
}

function samePool(a: PoolReference, b: PoolReference): boolean {
  return (a.poolModelId !== undefined && a.poolModelId === b.poolModelId) || (a.poolId !== undefined && a.poolId === b.poolId);
}

function checkPrincipalTagMaps(ws: RoleWorkspace, report: RoleReport): void {
  const reported = new Set<string>();
  for (const map of ws.principalTags ?? []) {
    const provider = map.provider.value;
    if (provider === undefined || !passesTags(map)) continue;
    for (const attachment of ws.attachments) {
      if (!samePool(attachment.pool, map.pool)) continue;
      // The mapping of this provider: by its name, or a user pool's `<provider>:<app client>` key.
      const mappings = attachment.mappings.filter((m) => m.providerName === provider || m.providerName?.startsWith(`${provider}:`));
      const open = attachment.mappings.some((m) => m.providerName === undefined);
      const reachable: { reference: RoleReference; how: string }[] = [];
      const defaultRole = attachment.roles.find((r) => r.as === 'authenticated')?.role;
      const defaultReachable = mappings.length === 0 ? !open : mappings.some((m) => m.ambiguousRoleResolution?.value === 'AuthenticatedRole');
      if (defaultRole && defaultReachable) reachable.push({ reference: defaultRole, how: 'its default authenticated role' });
      for (const m of mappings) {
        if (m.type?.value === 'Rules') for (const r of m.ruleRoles) reachable.push({ reference: r, how: 'chosen by a role-mapping rule' });
        for (const g of tokenGroupsOf(ws, m))
          if (g.role) reachable.push({ reference: g.role, how: `the role of user pool group "${g.id}", which the Token role mapping hands out` });
      }
      for (const { reference, how } of reachable) {
        const role = roleById(ws, reference.roleId);
        const trust = role?.trust;
        if (!role || !trust) continue;
        const view = trustView(trust.policy);
        if (view.unknown || view.cognito.length === 0) continue;
        if (view.cognitoAny.some((s) => (s.actions ?? []).some((a) => actionPatternCovers(a.value, TAG_SESSION_ACTION)))) continue;
        const key = `${role.id}\u0000${map.id}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const action = view.cognito[0].byName.get('Action');
        const tags = map.useDefaults?.value === true ? 'its default principal tags' : `the principal tags ${map.tags!.map((t) => `"${t.key}"`).join(', ')}`;
        report(
          trust.document,
          'principal-tag-map-without-tag-session',
          action?.value ? rangeOf(action.value) : trust.range,
          `Identity pool ${map.pool.text} passes ${tags} for "${provider}" (${map.id}), and role "${role.id}" is ${how} for those identities, but its trust policy does not allow "${TAG_SESSION_ACTION}": Amazon Cognito cannot tag the session, so every credential request that passes tags fails. Add "${TAG_SESSION_ACTION}" to the trust policy's Action.`,
          {
            related: [
              related(trust.document, map, `The principal tags for "${provider}" are set here.`),
              related(trust.document, reference, `"${role.id}" is ${how} here (${attachment.id}).`),
            ],
          },
        );
      }
    }
  }
}
