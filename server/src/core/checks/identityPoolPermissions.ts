/**
 * Permission (identity) policies of identity-pool roles: keys the sessions never carry, per-user data
 * shared by every identity, ways for pool users to get other credentials, and what guests may do.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html
 *
 * Only `identity` documents, and only in the identity-pool context: the document uses
 * `${cognito-identity.amazonaws.com:*}` variables or `cognito-identity.amazonaws.com:*` keys, or the host
 * says the policy belongs to an identity-pool role (`AnalyzeOptions.identityPool`). A policy that never
 * mentions Cognito gets nothing. The guest rules need the host's word that the role is the guest role.
 */
import type { CatalogAction } from '../catalog/types';
import {
  COGNITO_SUB_KEY,
  COGNITO_SUB_VARIABLE,
  DYNAMODB_ITEM_ACTIONS,
  ESCALATION_IAM_ACCESS_LEVELS,
  GUEST_BROAD_ACCESS_LEVELS,
  GUEST_DATA_SERVICES,
  GUEST_SCOPE_DOWN_ACTIONS,
  GUEST_SCOPE_DOWN_SOURCE,
  KEYS_NEVER_SET_FOR_IDENTITY_POOLS,
  POOL_CREDENTIAL_ESCALATION_ACTIONS,
  S3_LIST_BUCKET_ACTION,
  PER_IDENTITY_RESOURCE_TYPES,
  S3_OBJECT_RESOURCE_TYPE,
  S3_PREFIX_KEY,
  cognitoClaimOf,
} from '../cognito/knowledge';
import { conditionString, isExact, type ConditionBlock, type Statement, type StringValue } from '../model/policy';
import { inNotation, writeVariable } from '../model/variableNotation';
import { resourceMatchesFormat, splitArn } from '../text/arn';
import { formatsOf } from '../iam/arns';
import { scanVariables } from '../text/variables';
import { actionPatternCovers, hasWildcard, wildcardMatch } from '../text/wildcard';
import { parseOperator } from '../iam/operators';
import { substitutesVariables } from '../iam/versions';
import { effectIs } from '../model/spans';
import { matchActionsIn } from './actions';
import { innerRange, type Check, type CheckContext } from './context';

export const checkIdentityPoolPermissions: Check = (ctx) => {
  if (ctx.doc.kind !== 'identity') return;
  const host = ctx.identityPool;
  const statements = ctx.doc.statements;
  const usage = cognitoUsage(statements);
  if (!host && !usage.any) return;
  const guest = host?.role === 'guest';
  const variablesSubstituted = substitutesVariables(ctx.doc);
  const subFolder = variablesSubstituted ? perIdentityS3Folder(statements) : undefined;
  const prefixDenied = statements.some((s) => effectIs(s, 'deny') && prefixEntries(s).length > 0);
  for (const s of statements) {
    checkNeverSetKeys(ctx, s, variablesSubstituted);
    if (!effectIs(s, 'allow')) continue;
    if (host || usage.sub) checkSharedData(ctx, s);
    if (subFolder && !prefixDenied) checkListBucketScope(ctx, s, subFolder);
    const escalating = checkEscalation(ctx, s);
    if (!guest) checkPermissionsManagement(ctx, s, escalating);
    if (guest) {
      checkGuestBroadAccess(ctx, s);
      checkGuestScopeDown(ctx, s);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// The document's parts

/** Strings where policy variables are substituted: Resource, NotResource and condition values. */
function variableStrings(s: Statement): StringValue[] {
  const out: StringValue[] = [...(s.resources ?? []), ...(s.notResources ?? [])];
  for (const block of s.conditions ?? []) {
    for (const entry of block.entries) for (const v of entry.values) if (v.kind === 'string') out.push(conditionString(v));
  }
  return out;
}

function variableNames(s: StringValue): string[] {
  if (!s.value.includes('${')) return [];
  return scanVariables(s.value).flatMap((t) => (t.kind === 'variable' ? [t.name] : []));
}

/** Cognito claims (`sub`, `aud`, ...) a statement uses, as variables or as condition keys. */
function cognitoClaims(s: Statement): Set<string> {
  const claims = new Set<string>();
  for (const str of variableStrings(s)) {
    for (const name of variableNames(str)) {
      const claim = cognitoClaimOf(name);
      if (claim !== undefined) claims.add(claim);
    }
  }
  for (const block of s.conditions ?? []) {
    for (const entry of block.entries) {
      const claim = cognitoClaimOf(entry.key.value);
      if (claim !== undefined) claims.add(claim);
    }
  }
  return claims;
}

function cognitoUsage(statements: readonly Statement[]): { any: boolean; sub: boolean } {
  // As cognitoClaims on each statement, without building the sets: this runs on every identity policy.
  const usage = { any: false, sub: false };
  const note = (claim: string | undefined) => {
    if (claim === undefined) return;
    usage.any = true;
    if (claim === 'sub') usage.sub = true;
  };
  const noteVariables = (text: string) => {
    if (!text.includes('${')) return;
    for (const t of scanVariables(text)) if (t.kind === 'variable') note(cognitoClaimOf(t.name));
  };
  for (const s of statements) {
    for (const r of s.resources ?? []) noteVariables(r.value);
    for (const r of s.notResources ?? []) noteVariables(r.value);
    for (const block of s.conditions ?? []) {
      for (const entry of block.entries) for (const v of entry.values) if (v.kind === 'string') noteVariables(v.text);
    }
    for (const block of s.conditions ?? []) for (const entry of block.entries) note(cognitoClaimOf(entry.key.value));
    if (usage.any && usage.sub) break;
  }
  return usage;
}

/** Action tokens of a statement that are plain strings an action pattern can be (no variables, no open intrinsic parts). */
function actionTokens(s: Statement): StringValue[] {
  return (s.actions ?? []).filter((a) => isExact(a) && !a.value.includes('${') && (a.value === '*' || a.value.includes(':')));
}

// ---------------------------------------------------------------------------------------------
// variable-never-set

/** What `${cognito-identity.amazonaws.com:sub}` is, with the variable as the document writes it. */
function subExplained(ctx: CheckContext): string {
  return `"${subVariable(ctx)}" is the identity ID ("<region>:<guid>"), not the user pool's "sub"`;
}

/** `${cognito-identity.amazonaws.com:sub}` as the document writes it. */
function subVariable(ctx: CheckContext): string {
  return inNotation(COGNITO_SUB_VARIABLE, ctx.doc.variableNotation);
}

function neverSet(name: string): (typeof KEYS_NEVER_SET_FOR_IDENTITY_POOLS)[number] | undefined {
  const lower = name.toLowerCase();
  return KEYS_NEVER_SET_FOR_IDENTITY_POOLS.find((k) => k.key.toLowerCase() === lower);
}

function checkNeverSetKeys(ctx: CheckContext, s: Statement, variablesSubstituted: boolean): void {
  // Without substituted variables (no Version, 2008-10-17) they are literal text: variable-in-old-version's business.
  for (const str of variablesSubstituted ? [...(s.resources ?? []), ...(s.notResources ?? [])] : []) {
    if (!str.value.includes('${')) continue;
    for (const t of scanVariables(str.value)) {
      if (t.kind !== 'variable' || t.defaultValue !== undefined) continue; // the default applies
      const k = neverSet(t.name);
      if (!k) continue;
      ctx.report(
        'variable-never-set',
        innerRange(ctx, str, t.start, t.end),
        `"${writeVariable(t.name, ctx.doc.variableNotation)}" is never set for identity-pool users (${k.why}), so this resource matches nothing for them. To scope per identity, use "${subVariable(ctx)}": ${subExplained(ctx)}.`,
      );
    }
  }
  for (const block of s.conditions ?? []) {
    const op = parseOperator(block.operator.value);
    if (op?.base === 'Null') continue; // testing for the key's absence is meaningful
    const outcome = op?.negated ? 'always matches' : 'never matches';
    for (const entry of block.entries) {
      const k = neverSet(entry.key.value);
      if (k) {
        ctx.report(
          'variable-never-set',
          entry.key.range,
          `"${entry.key.value}" is never present for identity-pool users (${k.why}), so this condition ${outcome} for them. To scope per identity, compare "${subVariable(ctx)}" instead: ${subExplained(ctx)}.`,
        );
      }
      for (const v of entry.values) {
        if (!variablesSubstituted || v.kind !== 'string' || !v.text.includes('${')) continue;
        const str = conditionString(v);
        for (const t of scanVariables(v.text)) {
          if (t.kind !== 'variable' || t.defaultValue !== undefined) continue;
          const kv = neverSet(t.name);
          if (!kv) continue;
          ctx.report(
            'variable-never-set',
            innerRange(ctx, str, t.start, t.end),
            `"${writeVariable(t.name, ctx.doc.variableNotation)}" is never set for identity-pool users (${kv.why}), so this condition never holds as intended for them. Use "${subVariable(ctx)}" to scope per identity: ${subExplained(ctx)}.`,
          );
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// shared-identity-data

/**
 * Whether the statement scopes its resources per identity: the sub variable or key, or any other policy
 * variable (a principal tag from attributes for access control; a wrong key such as `aws:username` is
 * variable-never-set's business).
 */
function scopedPerIdentity(s: Statement): boolean {
  if (cognitoClaims(s).has('sub')) return true;
  // `{cognito-identity.amazonaws.com:sub}` without its `$` was meant as the scoping (variable-missing-dollar reports it).
  return variableStrings(s).some((str) => variableNames(str).length > 0 || str.value.toLowerCase().includes(SUB_KEY_LOWER));
}

const SUB_KEY_LOWER = COGNITO_SUB_KEY.toLowerCase();

/** The catalog's access level of actions that change who may use a resource. */
const PERMISSIONS_MANAGEMENT = 'Permissions management';

function isS3ObjectAction(a: CatalogAction): boolean {
  return a.service.toLowerCase() === 's3' && a.resourceTypes.some((r) => r.name === S3_OBJECT_RESOURCE_TYPE);
}

/** `*`, or an ARN of the service (or with a wildcard service) that may name objects / items. */
function unscopedResource(r: StringValue, service: 's3' | 'dynamodb'): boolean {
  if (!isExact(r)) return false; // an intrinsic function: its open parts may scope it
  if (r.value === '*') return true;
  const arn = splitArn(r.value);
  if (!arn || !(arn.service === service || arn.service === '*')) return false;
  if (service === 'dynamodb') return true;
  const key = arn.resource;
  // A bucket ARN names no object (resource-mismatch's business); a `public/` folder is shared by intent.
  if (!key.includes('/') && !key.includes('*')) return false;
  const slash = key.indexOf('/');
  return !(
    slash >= 0 &&
    key
      .slice(slash + 1)
      .toLowerCase()
      .startsWith('public/')
  );
}

function checkSharedData(ctx: CheckContext, s: Statement): void {
  if (s.byName.has('NotResource') || scopedPerIdentity(s)) return;
  const resources = s.resources ?? [];
  for (const a of actionTokens(s)) {
    const s3 = matchActionsIn(ctx, a).some(isS3ObjectAction);
    const dynamo = DYNAMODB_ITEM_ACTIONS.some((d) => actionPatternCovers(a.value, d));
    const s3Resource = s3 ? resources.find((x) => unscopedResource(x, 's3')) : undefined;
    const r = s3Resource ?? (dynamo ? resources.find((x) => unscopedResource(x, 'dynamodb')) : undefined);
    if (!r) continue;
    const sub = subVariable(ctx);
    const [what, fix] = s3Resource
      ? ['S3 objects', `in the object ARN, e.g. "arn:aws:s3:::bucket/private/${sub}/*"`]
      : ['DynamoDB items', `with "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${sub}"]}`];
    ctx.report(
      'shared-identity-data',
      a.range,
      `"${a.value}" on "${r.value}" is not scoped per identity: every identity of the pool can reach every other identity's ${what}. Scope it with "${sub}" ${fix}, or ignore this if the data is shared by design.`,
    );
    return; // one finding per statement
  }
}

// ---------------------------------------------------------------------------------------------
// listbucket-not-scoped-per-identity

const S3_DELIMITER_KEY = 's3:delimiter';

/** An S3 object ARN of an Allow statement scoped by the identity ID: its bucket and its key prefix up to the variable. */
interface S3Folder {
  readonly bucket: string;
  /** The key up to and including `${cognito-identity.amazonaws.com:sub}`, e.g. `private/${cognito-identity.amazonaws.com:sub}`. */
  readonly prefix: string;
}

function perIdentityS3Folder(statements: readonly Statement[]): S3Folder | undefined {
  for (const s of statements) {
    if (!effectIs(s, 'allow')) continue;
    for (const r of s.resources ?? []) {
      if (!isExact(r)) continue;
      const arn = splitArn(r.value);
      if (arn?.service !== 's3') continue;
      const slash = arn.resource.indexOf('/');
      const at = arn.resource.toLowerCase().indexOf(COGNITO_SUB_VARIABLE.toLowerCase());
      if (slash > 0 && at > slash) return { bucket: arn.resource.slice(0, slash), prefix: arn.resource.slice(slash + 1, at + COGNITO_SUB_VARIABLE.length) };
    }
  }
  return undefined;
}

/** The `s3:prefix` entries of a statement's positive conditions (a negated operator does not scope the listing). */
function prefixEntries(s: Statement) {
  return (s.conditions ?? []).flatMap((block) =>
    block.entries.filter((e) => e.key.value.toLowerCase() === S3_PREFIX_KEY.toLowerCase()).map((entry) => ({ block, entry })),
  );
}

/**
 * `s3:ListBucket` on the bucket for pool users whose object actions are scoped per identity, with no `s3:prefix`
 * condition naming a policy variable: every identity lists every other identity's keys (and so their identity IDs).
 */
function checkListBucketScope(ctx: CheckContext, s: Statement, folder: S3Folder): void {
  if (s.byName.has('NotResource')) return;
  const list = actionTokens(s).find((a) => a.value !== '*' && actionPatternCovers(a.value, S3_LIST_BUCKET_ACTION));
  if (!list) return;
  const bucket = (s.resources ?? []).find((r) => {
    if (!isExact(r)) return false;
    if (r.value === '*') return true;
    const arn = splitArn(r.value);
    // The bucket of the per-identity folder (another bucket's listing says nothing of this policy's identities).
    return (
      arn !== undefined &&
      (arn.service === 's3' || arn.service === '*') &&
      !arn.resource.includes('/') &&
      !arn.resource.includes('${') &&
      wildcardMatch(arn.resource, folder.bucket)
    );
  });
  if (!bucket) return; // a ListBucket on object ARNs grants nothing: resource-mismatch's business
  const prefixes = prefixEntries(s);
  if (listsFolderNamesOnly(s, prefixes, folder)) return;
  const scoped = prefixes.some(
    ({ block, entry }) =>
      !parseOperator(block.operator.value)?.negated &&
      entry.values.some(
        // `{cognito-identity.amazonaws.com:sub}` without its `$` was meant as the scoping (variable-missing-dollar reports it).
        (v) => v.kind === 'string' && (v.text.includes('${') || !isExact(v) || v.text.toLowerCase().includes(SUB_KEY_LOWER)),
      ),
  );
  if (scoped) return;
  const sub = subVariable(ctx);
  const prefix = `${inNotation(folder.prefix, ctx.doc.variableNotation)}/*`;
  const fix = `"Condition": {"StringLike": {"${S3_PREFIX_KEY}": ["${prefix}"]}}`;
  const [range, what] = prefixes.length
    ? [prefixes[0].entry.key.range, `the "${S3_PREFIX_KEY}" condition of this "${list.value}" names no "${sub}"`]
    : [list.range, `"${list.value}" on "${bucket.value}" has no "${S3_PREFIX_KEY}" condition`];
  ctx.report(
    'listbucket-not-scoped-per-identity',
    range,
    `${capitalize(what)}: every identity of the pool can list the keys of every other identity (the object actions of this policy are scoped by "${sub}"). Scope the listing with ${fix}.`,
  );
}

/**
 * AWS's home-folder pattern: the listing limited to the folders above the identity's own (`s3:prefix` "" or
 * `users/`, each a literal start of the per-identity prefix) with `s3:delimiter` "/", so it shows the folder names
 * at that level, never the keys inside another identity's folder.
 */
function listsFolderNamesOnly(s: Statement, prefixes: ReturnType<typeof prefixEntries>, folder: S3Folder): boolean {
  if (prefixes.length === 0) return false;
  // StringEquals (its base: never a negated operator, which has a base of its own).
  const equals = (block: ConditionBlock) => parseOperator(block.operator.value)?.base === 'StringEquals';
  const ancestors = prefixes.every(
    ({ block, entry }) =>
      equals(block) && entry.values.every((v) => v.kind === 'string' && isExact(v) && !hasWildcard(v.text) && folder.prefix.startsWith(v.text)),
  );
  const delimited = (s.conditions ?? []).some(
    (block) =>
      equals(block) &&
      block.entries.some(
        (e) => e.key.value.toLowerCase() === S3_DELIMITER_KEY && e.values.length > 0 && e.values.every((v) => v.kind === 'string' && v.text === '/'),
      ),
  );
  return ancestors && delimited;
}

function capitalize(text: string): string {
  return text.charAt(0) === '"' ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// pool-credential-escalation

function escalatingAction(ctx: CheckContext, value: StringValue): string | undefined {
  const pattern = value.value;
  const listed = POOL_CREDENTIAL_ESCALATION_ACTIONS.find((x) => actionPatternCovers(pattern, x));
  if (listed) return listed;
  if (!pattern.toLowerCase().startsWith('iam:') && pattern !== '*' && !pattern.startsWith('*')) return undefined;
  const iam = matchActionsIn(ctx, value).find((x) => x.service.toLowerCase() === 'iam' && ESCALATION_IAM_ACCESS_LEVELS.includes(x.accessLevel));
  return iam ? `iam:${iam.name}` : undefined;
}

/** Reports the escalating action tokens and returns them (pool-users-permissions-management leaves them to this rule). */
function checkEscalation(ctx: CheckContext, s: Statement): Set<StringValue> {
  const reported = new Set<StringValue>();
  for (const a of actionTokens(s)) {
    const action = escalatingAction(ctx, a);
    if (!action) continue;
    reported.add(a);
    const which = action.toLowerCase() === a.value.toLowerCase() ? `"${a.value}"` : `"${a.value}" (it includes "${action}")`;
    ctx.report(
      'pool-credential-escalation',
      a.range,
      `${which} lets identity-pool users get other credentials or change which roles the pool hands out (passing or assuming roles, IAM changes, the pool's role mapping, developer-identity tokens). Anyone who can get this pool's credentials would gain it: remove it from the pool's role.`,
    );
  }
  return reported;
}

// ---------------------------------------------------------------------------------------------
// pool-users-permissions-management

/** How many of the worst actions a message names. */
const WORST_NAMED = 4;

/**
 * An action that changes who may use a resource (the catalog's Permissions management level: `s3:PutBucketPolicy`,
 * `kms:PutKeyPolicy`), or deletes the resource itself (`Delete<its resource type>`: `s3:DeleteBucket`,
 * `dynamodb:DeleteTable`; not one identity's own data, S3 objects or Cognito Sync datasets, which shared-identity-data
 * judges by their scoping).
 */
function worstKind(a: CatalogAction, types: readonly string[]): 'permissions' | 'delete' | undefined {
  if (a.accessLevel === PERMISSIONS_MANAGEMENT) return 'permissions';
  if (a.accessLevel !== 'Write' || !a.name.startsWith('Delete')) return undefined;
  const what = a.name.slice('Delete'.length).toLowerCase();
  const own = (t: string) => PER_IDENTITY_RESOURCE_TYPES.some((p) => p.service === a.service.toLowerCase() && p.type === t);
  return types.some((t) => t.toLowerCase() === what && !own(t)) ? 'delete' : undefined;
}

function rank(w: { readonly name: string; readonly kind: 'permissions' | 'delete' }): number {
  return w.kind === 'delete' ? 0 : w.name.endsWith('Policy') ? 1 : 2;
}

/** The resource types of the action that one of the statement's resources can name (all of them for `*`). */
function applicableTypes(ctx: CheckContext, a: CatalogAction, resources: readonly StringValue[]): string[] {
  if (resources.some((r) => r.value === '*')) return a.resourceTypes.map((t) => t.name);
  return a.resourceTypes
    .filter((t) => {
      const type = ctx.catalog.resourceType(a.service, t.name);
      return type ? formatsOf(ctx.catalog, type).some((f) => resources.some((r) => resourceMatchesFormat(r.value, f.format, f.noSlashAtEnd))) : false;
    })
    .map((t) => t.name);
}

/**
 * Pool users given permissions management or the deletion of resources every identity shares (the statement is
 * not scoped per identity): any of them can open the resource to others, lock the others out, or delete it.
 * `*` is allow-all-actions' and the escalating actions pool-credential-escalation's; guests have guest-broad-access.
 */
function checkPermissionsManagement(ctx: CheckContext, s: Statement, escalating: ReadonlySet<StringValue>): void {
  if (s.byName.has('NotResource') || scopedPerIdentity(s)) return;
  const resources = (s.resources ?? []).filter(isExact);
  if (resources.length === 0 || resources.length !== (s.resources ?? []).length) return;
  for (const a of actionTokens(s)) {
    if (a.value === '*' || escalating.has(a)) continue;
    const worst: { name: string; kind: 'permissions' | 'delete' }[] = [];
    for (const x of ctx.catalog.matchActions(a.value)) {
      const types = applicableTypes(ctx, x, resources);
      if (types.length === 0 && !(x.resourceTypes.length === 0 && resources.some((r) => r.value === '*'))) continue;
      const kind = worstKind(x, types);
      if (kind) worst.push({ name: `${x.service}:${x.name}`, kind });
    }
    if (worst.length === 0) continue;
    // The deletions first (few, and the most plainly destructive), then policies, then the rest of permissions management.
    worst.sort((p, q) => rank(p) - rank(q));
    const named = worst.slice(0, WORST_NAMED).map((w) => `"${w.name}"`);
    const more = worst.length > WORST_NAMED ? ` and ${worst.length - WORST_NAMED} more` : '';
    const which = worst.length === 1 && worst[0].name.toLowerCase() === a.value.toLowerCase() ? `"${a.value}"` : `"${a.value}" (${named.join(', ')}${more})`;
    ctx.report(
      'pool-users-permissions-management',
      a.range,
      `${which} lets every identity of the pool change who may use these shared resources or delete them: any one of them could open them to anyone, lock the others out, or destroy them. Grant pool users only the data actions they need, scoped per identity with "${subVariable(ctx)}".`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// guest-broad-access, guest-outside-scope-down (only with the host's `identityPool.role: 'guest'`)

function checkGuestBroadAccess(ctx: CheckContext, s: Statement): void {
  const tokens = actionTokens(s);
  for (const a of tokens) {
    let why: string | undefined;
    if (a.value === '*') why = 'every action of every service';
    else {
      // Actions of AWS's own guest scope-down list (rum:PutRumEvents, polly:*, ...) are meant for guests.
      const broad = matchActionsIn(ctx, a).find((x) => GUEST_BROAD_ACCESS_LEVELS.includes(x.accessLevel) && !inScopeDown(`${x.service}:${x.name}`));
      const name = broad && `${broad.service}:${broad.name}`;
      if (broad) why = name!.toLowerCase() === a.value.toLowerCase() ? `${broad.accessLevel} access` : `${broad.accessLevel} access ("${name}")`;
    }
    if (!why) continue;
    ctx.report(
      'guest-broad-access',
      a.range,
      `"${a.value}" gives guests ${why}. Anyone can get guest credentials (the identity pool ID is not a secret): grant guests only what you would grant anyone on the internet.`,
    );
  }
  const star = (s.resources ?? []).find((r) => r.value === '*' && isExact(r));
  if (!star) return;
  const service = tokens.map((a) => a.value.slice(0, a.value.indexOf(':')).toLowerCase()).find((p) => GUEST_DATA_SERVICES.includes(p));
  if (!service) return;
  ctx.report(
    'guest-broad-access',
    star.range,
    `"Resource": "*" gives guests these ${service} actions on every resource of the account. Anyone can get guest credentials: name the resources guests may use.`,
  );
}

function inScopeDown(pattern: string): boolean {
  return GUEST_SCOPE_DOWN_ACTIONS.some((allowed) =>
    hasWildcard(allowed) ? wildcardMatch(allowed, pattern, true) : allowed.toLowerCase() === pattern.toLowerCase(),
  );
}

function checkGuestScopeDown(ctx: CheckContext, s: Statement): void {
  for (const a of actionTokens(s)) {
    const matched = matchActionsIn(ctx, a);
    if (matched.length === 0) continue; // unknown actions: unknown-action's business
    const outside = matched.find((x) => !inScopeDown(`${x.service}:${x.name}`));
    if (!outside) continue;
    const which =
      a.value.toLowerCase() === `${outside.service}:${outside.name}`.toLowerCase()
        ? `"${a.value}" is`
        : `"${a.value}" includes "${outside.service}:${outside.name}", which is`;
    ctx.report(
      'guest-outside-scope-down',
      a.range,
      `${which} outside the actions the enhanced (simplified) flow's guest session policy allows: with that flow, guest credentials may not be able to use it. Source: ${GUEST_SCOPE_DOWN_SOURCE}.`,
    );
  }
}
