/**
 * Role trust policies of identity pools: the principal, the actions it may perform, and the `aud` and
 * `amr` conditions that tie a role to one identity pool and to guests or signed-in users.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html
 *
 * Only `trust` documents are checked, except `aud` values, which every policy compares alike (`trust-aud-format`
 * in permission and resource policies too). Precision first: a value that may be right (a wildcard, a policy
 * variable, a developer provider name) is left alone.
 */
import {
  AMR_AUTHENTICATED,
  AMR_UNAUTHENTICATED,
  AMR_VALUES,
  COGNITO_AMR_KEY,
  COGNITO_AUD_KEY,
  COGNITO_PRINCIPAL,
  COGNITO_SUB_VARIABLE,
  COGNITO_TRUST_ACTIONS,
  DEVELOPER_PROVIDER_NAME_PATTERN,
  IDENTITY_POOL_ID_EXAMPLE,
  KNOWN_LOGIN_PROVIDERS,
  WEB_IDENTITY_ACTION,
  cognitoClaimOf,
  identityPoolIdOfArn,
  isCognitoPrincipal,
  isIdentityPoolId,
  isUserPoolId,
  isUserPoolProviderName,
  looksLikeAppClientId,
} from '../cognito/knowledge';
import {
  intrinsicOf,
  isExact,
  type ConditionBlock,
  type ConditionEntry,
  type ConditionValue,
  type Statement,
  type StatementPrincipal,
  type StringValue,
} from '../model/policy';
import { inNotation } from '../model/variableNotation';
import { isTrustAction } from '../parse/classify';
import { editDistance } from '../text/didYouMean';
import { actionPatternCovers, hasWildcard, wildcardMatch } from '../text/wildcard';
import { parseOperator, type ParsedOperator } from '../iam/operators';
import { namedCognitoPrincipal, principalValues, trustsIdentityPools } from '../iam/principals';
import { effectIs } from '../model/spans';
import type { Check, CheckContext } from './context';

const AUD_CONDITION = `"StringEquals": {"${COGNITO_AUD_KEY}": "<region>:<identity-pool-guid>"}`;
const AUD_FIX = `"Condition": {${AUD_CONDITION}}`;
const AMR_FIX = `"ForAnyValue:StringLike": {"${COGNITO_AMR_KEY}": "${AMR_AUTHENTICATED}"}`;

export const checkTrustPolicies: Check = (ctx) => {
  if (ctx.doc.kind !== 'trust') {
    if (ctx.doc.kind !== 'not-a-policy') {
      checkAudValuesOutsideTrust(ctx);
      checkFederatedPrincipalOutsideTrust(ctx);
    }
    return;
  }
  const statements = ctx.doc.statements;
  // A Deny elsewhere can do the restricting: Deny when aud StringNotEquals the pool; Deny on some amr value.
  const denies = statements.filter((s) => effectIs(s, 'deny')).flatMap(cognitoEntries);
  const denyTests = (claim: string) => denies.some((e) => e.claim === claim && (claim !== 'aud' || e.op?.negated === true));
  for (const s of statements) {
    const cognito = namedCognitoPrincipal(s.principal);
    const entries = cognitoEntries(s);
    if (cognito) {
      // With other principals beside it (an account, a SAML provider), other actions may be theirs.
      if (principalValues(s.principal).every((v) => isExact(v) && isCognitoPrincipal(v.value))) checkActions(ctx, s);
      // A Condition (or an operator's block) the template leaves open may hold the conditions: not judged missing.
      if (effectIs(s, 'allow') && assumesWithWebIdentity(s) && !conditionsOpen(s)) {
        checkAudPresent(ctx, s, cognito, entries, denyTests);
        const amr = entries.filter((e) => e.claim === 'amr');
        if (amr.length === 0 && !denyTests('amr')) {
          ctx.report(
            'trust-missing-amr',
            cognito.range,
            `No "${COGNITO_AMR_KEY}" condition: guests and signed-in users alike can assume this role. Add ${AMR_FIX} (or "${AMR_UNAUTHENTICATED}" for the guest role).`,
          );
        } else if (amr.length > 0 && amr.every(admitsEveryone) && !denyTests('amr')) {
          const first = amr[0];
          ctx.report(
            'trust-missing-amr',
            first.entry.key.range,
            `"${first.block.operator.value}" admits both "${AMR_AUTHENTICATED}" and "${AMR_UNAUTHENTICATED}": every identity's amr holds one of them, so guests and signed-in users alike can assume this role, as with no "${COGNITO_AMR_KEY}" condition. Keep only "${AMR_AUTHENTICATED}" (or "${AMR_UNAUTHENTICATED}" for the guest role).`,
          );
        }
      }
    } else if (s.principal?.kind === 'Principal' && !s.principal.stringForm && entries.length > 0 && trustsIdentityPools(s) === false) {
      reportPrincipalMismatch(ctx, s.principal, entries[0]);
    }
    if (!cognito && effectIs(s, 'allow')) checkWebIdentityForServices(ctx, s);
    for (const e of entries) {
      if (!e.op || e.op.family !== 'String') continue;
      if (e.claim === 'aud') for (const v of e.entry.values) checkAudValue(ctx, e, v);
      else if (e.claim === 'amr') for (const v of e.entry.values) checkAmrValue(ctx, e, v);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// The statement's parts

function assumesWithWebIdentity(s: Statement): boolean {
  return (s.actions ?? []).some((a) => isExact(a) && actionPatternCovers(a.value, WEB_IDENTITY_ACTION));
}

interface CognitoEntry {
  readonly claim: string;
  readonly block: ConditionBlock;
  /** Undefined when the operator is unknown (unknown-condition-operator reports it). */
  readonly op: ParsedOperator | undefined;
  readonly entry: ConditionEntry;
}

function cognitoEntries(s: Statement): CognitoEntry[] {
  const out: CognitoEntry[] = [];
  for (const block of s.conditions ?? []) {
    let op: ParsedOperator | undefined | null = null;
    for (const entry of block.entries) {
      const claim = cognitoClaimOf(entry.key.value);
      if (claim === undefined) continue;
      if (op === null) op = parseOperator(block.operator.value);
      out.push({ claim, block, op, entry });
    }
  }
  return out;
}

function isLike(op: ParsedOperator): boolean {
  return op.base === 'StringLike' || op.base === 'StringNotLike';
}

/** A policy variable, or an intrinsic function with parts the template leaves open: its value is not judged. */
function isVariable(v: ConditionValue): boolean {
  return v.text.includes('${') || !isExact(v);
}

/**
 * Whether an amr condition holds for every identity: a positive `ForAnyValue:` string comparison of literal
 * values that match both "authenticated" (in every signed-in identity's amr) and "unauthenticated" (a guest's).
 */
function admitsEveryone(e: CognitoEntry): boolean {
  const op = e.op;
  if (!op || op.family !== 'String' || op.negated || op.set !== 'ForAnyValue') return false;
  if (e.entry.values.some((v) => v.kind !== 'string' || isVariable(v))) return false;
  const ignoreCase = op.base.endsWith('IgnoreCase');
  const matches = (value: string) =>
    e.entry.values.some((v) => (isLike(op) ? wildcardMatch(v.text, value, ignoreCase) : ignoreCase ? v.text.toLowerCase() === value : v.text === value));
  return matches(AMR_AUTHENTICATED) && matches(AMR_UNAUTHENTICATED);
}

// ---------------------------------------------------------------------------------------------
// trust-action-mismatch

function checkActions(ctx: CheckContext, s: Statement): void {
  const actions = s.actions ?? [];
  const hasWebIdentity = actions.some((a) => isExact(a) && actionPatternCovers(a.value, WEB_IDENTITY_ACTION));
  for (const a of actions) {
    // A variable in Action is variable-not-allowed-here's; a wildcard that includes a right action is fine.
    if (a.value.includes('${') || !isExact(a) || COGNITO_TRUST_ACTIONS.some((allowed) => actionPatternCovers(a.value, allowed))) continue;
    const fix = hasWebIdentity ? `Remove it (the statement already allows "${WEB_IDENTITY_ACTION}").` : `Use "${WEB_IDENTITY_ACTION}".`;
    ctx.report(
      'trust-action-mismatch',
      a.range,
      `The identity-pool principal "${COGNITO_PRINCIPAL}" never calls "${a.value}": identity pools get a role's credentials with "${WEB_IDENTITY_ACTION}" (plus "sts:TagSession" when they pass principal tags). ${fix}`,
      hasWebIdentity ? undefined : { data: { replacement: WEB_IDENTITY_ACTION } },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// web-identity-action-for-service-principal

/** Principal types whose callers sign their requests with AWS credentials: they never call AssumeRoleWithWebIdentity. */
const SIGNING_PRINCIPAL_TYPES: readonly string[] = ['Service', 'AWS'];
const ASSUME_ROLE_ACTION = 'sts:AssumeRole';

/**
 * AssumeRoleWithWebIdentity is called with a web identity token and no AWS credentials: the trust policy sees the
 * token's provider as the Federated principal, never a service or an AWS account. A statement that names only
 * services and accounts (exact values, no `*`, which principals.ts leaves open) gets nothing from that action.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
 */
function checkWebIdentityForServices(ctx: CheckContext, s: Statement): void {
  const p = s.principal;
  if (p?.kind !== 'Principal' || p.stringForm || !p.wellFormed || p.entries.length === 0) return;
  if (!p.entries.every((e) => SIGNING_PRINCIPAL_TYPES.includes(e.type) && e.values.length > 0 && e.values.every((v) => isExact(v) && v.value !== '*'))) return;
  const actions = s.actions ?? [];
  const webIdentity = actions.filter((a) => isExact(a) && a.value.toLowerCase() === WEB_IDENTITY_ACTION.toLowerCase());
  if (webIdentity.length === 0) return;
  const only = actions.every((a) => webIdentity.includes(a));
  const hasAssumeRole = actions.some((a) => isExact(a) && actionPatternCovers(a.value, ASSUME_ROLE_ACTION));
  const named = p.entries
    .map((e) => `{"${e.type}": ${e.values.length === 1 ? `"${e.values[0].value}"` : `[${e.values.map((v) => `"${v.value}"`).join(', ')}]`}}`)
    .join(', ');
  const outcome = only ? 'so this statement lets no one assume the role' : 'so this action grants nothing here';
  const fix = hasAssumeRole ? 'Remove it.' : `Use "${ASSUME_ROLE_ACTION}".`;
  for (const a of webIdentity) {
    ctx.report(
      'web-identity-action-for-service-principal',
      a.range,
      `"${a.value}" is never called by ${named}: services and AWS accounts assume roles with "${ASSUME_ROLE_ACTION}", and a web identity (an identity pool, an OIDC provider) calls "${WEB_IDENTITY_ACTION}" as a Federated principal such as {"Federated": "${COGNITO_PRINCIPAL}"}, ${outcome}. ${fix}`,
      { defaultSeverity: only ? 'error' : 'warning', ...(hasAssumeRole ? {} : { data: { replacement: ASSUME_ROLE_ACTION } }) },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// trust-principal-mismatch

function reportPrincipalMismatch(ctx: CheckContext, principal: StatementPrincipal, first: CognitoEntry): void {
  const values = principalValues(principal);
  const key = first.entry.key.value;
  const fix = `Trust "Principal": {"Federated": "${COGNITO_PRINCIPAL}"} with "${WEB_IDENTITY_ACTION}", or remove the Cognito condition.`;
  // A misspelt Cognito principal: point at it and suggest the right name.
  const typo = values.find((v) => v.value.toLowerCase().startsWith('cognito-identity') || editDistance(v.value, COGNITO_PRINCIPAL, 3) <= 3);
  if (typo) {
    ctx.report(
      'trust-principal-mismatch',
      typo.range,
      `"${typo.value}" is not the identity-pool principal, so "${key}" is never present and this statement cannot work as intended. Did you mean "${COGNITO_PRINCIPAL}"?`,
      { data: { replacement: COGNITO_PRINCIPAL } },
    );
    return;
  }
  const type = principal.entries[0];
  const range = type ? type.typeRange : first.entry.key.range;
  // A wildcard is named with its type: `{"Service": "*"}` is every service, not the `"*"` that trusts everyone.
  const named = principal.entries.flatMap((e) => e.values.map((v) => (v.value === '*' ? `{"${e.type}": "*"}` : `"${v.value}"`)));
  const trusted = named.length ? named.join(', ') : 'no identity-pool principal';
  ctx.report(
    'trust-principal-mismatch',
    range,
    `"${key}" is an identity-pool key, but this statement trusts ${trusted}: only sessions of the federated principal "${COGNITO_PRINCIPAL}" carry it, so the condition never holds as intended. ${fix}`,
  );
}

/** Whether a statement's Condition, or one of its operators' blocks, is a value the template leaves open. */
function conditionsOpen(s: Statement): boolean {
  const value = s.byName.get('Condition')?.value;
  if (!value) return false;
  return !isExact({ intrinsic: intrinsicOf(value) }) || (s.conditions ?? []).some((b) => !isExact({ intrinsic: intrinsicOf(b.element.value) }));
}

// ---------------------------------------------------------------------------------------------
// trust-missing-aud

/**
 * Whether a condition restricts the role to named pools: a positive string comparison (StringEquals,
 * its IgnoreCase/IfExists/set forms, or StringLike without wildcards) of aud, or of sub (identity IDs
 * are unique across pools, so naming them names their pool too).
 */
function restrictsAud(e: CognitoEntry): boolean {
  const op = e.op;
  if (e.claim !== 'aud' && e.claim !== 'sub') return false;
  if (!op || op.family !== 'String' || op.negated) return false;
  if (op.base === 'StringLike') return e.entry.values.every((v) => isVariable(v) || !hasWildcard(v.text));
  return true;
}

function checkAudPresent(ctx: CheckContext, s: Statement, cognito: StringValue, entries: readonly CognitoEntry[], denyTests: (claim: string) => boolean): void {
  if (entries.some(restrictsAud) || denyTests('aud')) return;
  const aud = entries.filter((e) => e.claim === 'aud');
  if (aud.some((e) => !e.op)) return; // a misspelt operator (unknown-condition-operator) was meant to restrict it
  const risk = 'an identity from another identity pool could assume this role';
  if (aud.length === 0) {
    const fix = s.byName.has('Condition') ? `${AUD_CONDITION} to its Condition` : AUD_FIX;
    ctx.report('trust-missing-aud', cognito.range, `No "${COGNITO_AUD_KEY}" condition: ${risk}. Add ${fix}.`);
    return;
  }
  const e = aud[0];
  const operator = e.block.operator.value;
  const wildcard = e.entry.values.find((v) => !isVariable(v) && hasWildcard(v.text));
  const why =
    e.op?.base === 'StringLike' && wildcard
      ? `"${operator}" with "${wildcard.text}" matches the ID of other identity pools`
      : `"${operator}" does not restrict "${e.entry.key.value}" to your identity pool`;
  ctx.report('trust-missing-aud', e.entry.key.range, `${why}: ${risk}. Use ${AUD_CONDITION}.`);
}

// ---------------------------------------------------------------------------------------------
// trust-aud-format

function checkAudValue(ctx: CheckContext, e: CognitoEntry, v: ConditionValue): void {
  if (v.kind === 'other' || isVariable(v)) return;
  const op = e.op!;
  const text = v.text;
  if (hasWildcard(text)) {
    if (isLike(op)) return; // trust-missing-aud judges StringLike wildcards
    ctx.report(
      'trust-aud-format',
      v.range,
      `"${op.base}" compares "${text}" literally (wildcards need StringLike), so it matches no identity pool ID. Use your pool's ID, "<region>:<guid>" (e.g. "${IDENTITY_POOL_ID_EXAMPLE}").`,
    );
    return;
  }
  const ignoreCase = op.base.endsWith('IgnoreCase');
  if (isIdentityPoolId(ignoreCase ? text.toLowerCase() : text)) return;
  const expected = `"${COGNITO_AUD_KEY}" is the identity pool ID, "<region>:<guid>" (e.g. "${IDENTITY_POOL_ID_EXAMPLE}")`;
  let what: string;
  let replacement: string | undefined;
  const poolIdOfArn = identityPoolIdOfArn(text);
  if (isIdentityPoolId(text.toLowerCase())) {
    what = `"${text}" has upper-case letters: identity pool IDs are lower case and "${op.base}" is case-sensitive`;
    replacement = text.toLowerCase();
  } else if (poolIdOfArn) {
    what = `"${text}" is the identity pool's ARN, not its ID`;
    replacement = poolIdOfArn;
  } else if (text.startsWith('arn:')) {
    what = `"${text}" is an ARN, not an identity pool ID`;
  } else if (isUserPoolId(text)) {
    what = `"${text}" looks like a user pool ID ("<region>_<id>"), not an identity pool ID`;
  } else if (looksLikeAppClientId(text)) {
    what = `"${text}" looks like a user pool app client ID, not an identity pool ID`;
  } else if (isUserPoolProviderName(text)) {
    what = `"${text}" is a user pool's provider name (an amr value), not an identity pool ID`;
  } else {
    what = `"${text}" is not an identity pool ID`;
  }
  ctx.report('trust-aud-format', v.range, `${what}: ${expected}, so this value never matches.`, replacement ? { data: { replacement } } : undefined);
}

/**
 * `cognito-identity.amazonaws.com:aud` stays in the sessions of identity-pool users, so permission and resource
 * policies compare it too: a user pool ID or an app client ID there never matches either.
 */
function checkAudValuesOutsideTrust(ctx: CheckContext): void {
  for (const s of ctx.doc.statements) {
    for (const e of cognitoEntries(s)) {
      if (e.claim === 'aud' && e.op?.family === 'String') for (const v of e.entry.values) checkAudValue(ctx, e, v);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// federated-principal-outside-trust

/**
 * `{"Federated": "cognito-identity.amazonaws.com"}` is who calls AssumeRoleWithWebIdentity, in a role's trust
 * policy. Identity-pool users then sign their requests with the role's temporary credentials: a bucket (or any
 * resource) policy sees the role's session, never the federated provider. A statement that also allows a trust
 * action is a trust statement that lost its way (classify.ts calls the document a resource policy): left alone.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
function checkFederatedPrincipalOutsideTrust(ctx: CheckContext): void {
  for (const s of ctx.doc.statements) {
    const cognito = namedCognitoPrincipal(s.principal);
    if (!cognito || (s.actions ?? []).some((a) => !isExact(a) || isTrustAction(a.value) || actionPatternCovers(a.value, WEB_IDENTITY_ACTION))) continue;
    const where = ctx.doc.kind === 'resource' ? 'a resource policy' : 'a permission policy';
    ctx.report(
      'federated-principal-outside-trust',
      cognito.range,
      `"${COGNITO_PRINCIPAL}" is a principal only in a role's trust policy, where identity pools call "${WEB_IDENTITY_ACTION}": identity-pool users then act as that role's session, so in ${where} this statement never applies to them. Grant the access in the permission policy of the pool's role (scoped with "${inNotation(COGNITO_SUB_VARIABLE, ctx.doc.variableNotation)}"), or name the role in a resource policy: {"AWS": "arn:aws:iam::<account>:role/<role>"}.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// trust-amr-value

const AMR_EXPECTED = `amr holds "${AMR_AUTHENTICATED}" or "${AMR_UNAUTHENTICATED}" and the names of the providers used to sign in (such as "graph.facebook.com" or "cognito-idp.<region>.amazonaws.com/<userPoolId>")`;

function checkAmrValue(ctx: CheckContext, e: CognitoEntry, v: ConditionValue): void {
  if (v.kind === 'other' || isVariable(v)) return;
  const op = e.op!;
  const text = v.text;
  if (isLike(op) && hasWildcard(text)) return;
  const ignoreCase = op.base.endsWith('IgnoreCase');
  const compared = ignoreCase ? text.toLowerCase() : text;
  if (AMR_VALUES.includes(compared)) return;
  const trimmed = text.trim();
  if (trimmed !== text && trimmed !== '') {
    ctx.report('trust-amr-value', v.range, `"${text}" has leading or trailing spaces, so it never equals an amr value. Did you mean "${trimmed}"?`, {
      data: { replacement: trimmed },
    });
    return;
  }
  if (text.includes(',')) {
    ctx.report(
      'trust-amr-value',
      v.range,
      `"${text}" is one string, not a list: ${AMR_EXPECTED}. Give several values as a JSON array, e.g. ["${AMR_AUTHENTICATED}", "graph.facebook.com"].`,
    );
    return;
  }
  // ARNs (SAML and OIDC providers), host names (public and OIDC providers, user pools, dotted developer
  // provider names): any of them can be a provider the identity pool uses, except a near miss of a
  // public provider's name.
  if (text.startsWith('arn:')) return;
  if (text.includes('.') || text.includes('/')) {
    const provider = nearKnownProvider(text);
    if (provider) {
      ctx.report('trust-amr-value', v.range, `"${text}" is not a provider name Cognito uses: did you mean "${provider}"?`, { data: { replacement: provider } });
    }
    return;
  }
  if (!DEVELOPER_PROVIDER_NAME_PATTERN.test(text)) {
    ctx.report('trust-amr-value', v.range, `"${text}" cannot be an amr value: ${AMR_EXPECTED}.`);
    return;
  }
  // A bare word may be a developer provider name; only a near miss of the two amr values is suspicious.
  const suggestion = nearAmrValue(text);
  if (suggestion) {
    const why =
      suggestion.toLowerCase() === text.toLowerCase()
        ? `amr values are compared case-sensitively ("${op.base}"), so "${text}" never matches`
        : `"${text}" is not an amr value Cognito sets (unless it is your developer provider's name)`;
    ctx.report('trust-amr-value', v.range, `${why}: ${AMR_EXPECTED}. Did you mean "${suggestion}"?`, { data: { replacement: suggestion } });
  }
}

/** "authenticated" or "unauthenticated" when the word is within edit distance 3 of one of them (case-insensitive). */
function nearAmrValue(word: string): string | undefined {
  const toAuth = editDistance(word, AMR_AUTHENTICATED, 3);
  const toUnauth = editDistance(word, AMR_UNAUTHENTICATED, 3);
  if (toAuth > 3 && toUnauth > 3) return undefined;
  if (toAuth === toUnauth) return word.toLowerCase().startsWith('un') ? AMR_UNAUTHENTICATED : AMR_AUTHENTICATED;
  return toAuth < toUnauth ? AMR_AUTHENTICATED : AMR_UNAUTHENTICATED;
}

/** A public provider whose name is within edit distance 2 of the value but not equal (case-sensitive). */
function nearKnownProvider(value: string): string | undefined {
  if (KNOWN_LOGIN_PROVIDERS.includes(value)) return undefined;
  for (const p of KNOWN_LOGIN_PROVIDERS) if (editDistance(value, p, 2) <= 2) return p;
  return undefined;
}
