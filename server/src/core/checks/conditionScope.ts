/**
 * Condition keys against the statement around them, the checks IAM Access Analyzer makes offline: global tag
 * keys on actions that never carry them, session-tag keys in a trust policy without `sts:TagSession`, and keys
 * that need their pair.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import type { CatalogAction } from '../catalog/types';
import { parseOperator } from '../iam/operators';
import { isExact, type ConditionBlock, type ConditionEntry, type Statement } from '../model/policy';
import { effectIs } from '../model/spans';
import { actionPatternCovers, hasWildcard } from '../text/wildcard';
import { resolveAction } from './actions';
import { canonicalLower, keysOfAction } from './conditions';
import type { Check, CheckContext } from './context';

/** The global tag keys (lower-cased canonical names), which only some actions of some services carry. */
const GLOBAL_TAG_KEYS = new Set(['aws:resourcetag/${tagkey}', 'aws:requesttag/${tagkey}', 'aws:tagkeys']);

export const checkConditionScope: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    if (!s.conditions?.length) continue;
    for (const block of s.conditions) {
      for (const entry of block.entries) {
        checkTagKeySupport(ctx, s, block, entry);
        checkSessionTagAction(ctx, s, entry);
        checkPairedKey(ctx, s, entry);
      }
    }
  }
};

/**
 * The keys whose values are set by passing session tags, which a role's trust policy lets the caller do only with
 * `sts:TagSession` in the same statement: without it the request fails (Access Analyzer's "Missing action for
 * condition key", an error).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required
 */
const SESSION_TAG_KEYS = new Set(['aws:requesttag/${tagkey}', 'aws:tagkeys', 'sts:transitivetagkeys']);
const TAG_SESSION = 'sts:TagSession';

function checkSessionTagAction(ctx: CheckContext, s: Statement, entry: ConditionEntry): void {
  if (ctx.doc.kind !== 'trust' || !effectIs(s, 'allow') || !s.actions || s.byName.has('NotAction') || !isExact(entry.key)) return;
  const key = ctx.catalog.conditionKey(entry.key.value);
  if (!key || !SESSION_TAG_KEYS.has(canonicalLower(ctx, key.name))) return;
  if (s.actions.some((a) => !isExact(a) || actionPatternCovers(a.value, TAG_SESSION))) return;
  // Only where the statement lets a caller assume the role: the keys mean the tags of that session.
  if (!s.actions.some((a) => /^sts:AssumeRole/i.test(a.value))) return;
  ctx.report(
    'missing-action-for-condition-key',
    entry.key.range,
    `"${entry.key.value}" tests the session tags of the request, and passing session tags needs "${TAG_SESSION}" in this statement's "Action": without it the request fails. Add "${TAG_SESSION}".`,
  );
}

/**
 * Keys that say little alone and are meant with a related key (Access Analyzer's "Missing paired condition keys",
 * a security warning): `aws:VpcSourceIp` is an address inside some VPC, any VPC of any account, unless the
 * statement also names the VPC or its endpoint.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpcsourceip
 */
const PAIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'aws:vpcsourceip': ['aws:SourceVpc', 'aws:SourceVpce'],
};

function checkPairedKey(ctx: CheckContext, s: Statement, entry: ConditionEntry): void {
  const pairs = PAIRED_KEYS[entry.key.value.toLowerCase()];
  if (!pairs || !isExact(entry.key)) return;
  const present = new Set((s.conditions ?? []).flatMap((b) => b.entries.map((e) => e.key.value.toLowerCase())));
  if (pairs.some((p) => present.has(p.toLowerCase()))) return;
  ctx.report(
    'missing-paired-condition-key',
    entry.key.range,
    `"${entry.key.value}" alone matches an address in any VPC, whoever owns it: add ${pairs.map((p) => `"${p}"`).join(' or ')} to this statement's conditions.`,
  );
}

/**
 * Access Analyzer's "Deny with unsupported tag condition key for service" (a security warning) and "Allow with
 * unsupported tag condition key for service" (a suggestion), per action: the statement's actions, written without
 * wildcards, whose catalog entry (the action's keys and its resource types') lacks the key. Their requests never
 * carry it, so the condition is decided by its absence: a plain operator is false (Allow grants them nothing, Deny
 * does not deny them), a negated or IfExists operator is true (it restricts nothing). A warning for the Deny that
 * does not deny (more access than written), information otherwise. Statements
 * with NotAction, an Effect the template leaves open or actions the catalog does not know are not judged for those.
 */
function checkTagKeySupport(ctx: CheckContext, s: Statement, block: ConditionBlock, entry: ConditionEntry): void {
  if (!s.actions || s.byName.has('NotAction') || !s.effect || !isExact(s.effect) || !isExact(entry.key)) return;
  const allow = effectIs(s, 'allow');
  if (!allow && !effectIs(s, 'deny')) return;
  const key = ctx.catalog.conditionKey(entry.key.value);
  if (!key?.global) return;
  const lowerKey = canonicalLower(ctx, key.name);
  if (!GLOBAL_TAG_KEYS.has(lowerKey)) return;
  const op = parseOperator(block.operator.value);
  if (!op || op.family === 'Null') return;
  const unsupported: CatalogAction[] = [];
  for (const a of s.actions) {
    if (!isExact(a) || hasWildcard(a.value)) continue;
    const action = resolveAction(ctx.catalog, a.value)?.[0];
    if (action && !keysOfAction(ctx, action).has(lowerKey)) unsupported.push(action);
  }
  if (unsupported.length === 0) return;
  const names = unsupported.map((a) => `"${a.service}:${a.name}"`).join(', ');
  const them = unsupported.length === 1 ? 'it' : 'them';
  // Absent, the key makes an IfExists operator true; then the set operators decide whatever their operator
  // (ForAllValues true: no value fails; ForAnyValue false: no value matches); else a negated operator is true and
  // a plain one false (and with it the statement: its conditions are all required).
  const absentHolds = op.ifExists || op.set === 'ForAllValues' || (op.set === undefined && op.negated);
  const consequence = absentHolds ? `this condition never restricts ${them}` : `this statement never ${allow ? 'allows' : 'denies'} ${them}`;
  const lessDenied = !allow && !absentHolds;
  ctx.report(
    'tag-key-not-supported',
    entry.key.range,
    `${names} ${unsupported.length === 1 ? 'does' : 'do'} not support "${entry.key.value}" (IAM catalog ${ctx.catalog.dataDate}): ${them === 'it' ? 'its' : 'their'} requests never carry it, so ${consequence}. Move ${them} to a statement without this condition${lessDenied ? ` and deny ${them} another way` : ''}.`,
    { defaultSeverity: lessDenied ? 'warning' : 'information' },
  );
}
