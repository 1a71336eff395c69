/**
 * Condition blocks: operators, keys (against the catalog), operator/key type agreement, value
 * formats, and single- vs multi-valued keys.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import type { Catalog, CatalogAction, CatalogConditionKey } from '../catalog/types';
import { isWebIdentityKey, COGNITO_AMR_KEY } from '../cognito/knowledge';
import { isExact, type ConditionBlock, type ConditionEntry, type ConditionValue, type Statement } from '../model/policy';
import { closest } from '../text/didYouMean';
import { resolveActionIn } from './actions';
import { parseBoolValue, parseIpRange, parseNumericValue, readDateValue } from '../iam/conditionValueFormats';
import { allOperatorNames, parseOperator, type OperatorFamily, type ParsedOperator } from '../iam/operators';
import type { Check, CheckContext } from './context';

let operatorNames: string[] | undefined;

export const checkConditions: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    let applicableKeys: ApplicableKeys | null | undefined;
    for (const block of s.conditions ?? []) {
      const op = parseOperator(block.operator.value);
      if (!op) {
        const suggestion = closest(block.operator.value, (operatorNames ??= allOperatorNames()));
        ctx.report(
          'unknown-condition-operator',
          block.operator.range,
          `Unknown condition operator "${block.operator.value}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          suggestion ? { data: { replacement: suggestion } } : undefined,
        );
      }
      for (const entry of block.entries) {
        const key = checkKey(ctx, entry);
        if (key && !key.global && !isWebIdentityKey(entry.key.value)) {
          if (applicableKeys === undefined) applicableKeys = applicableKeysOf(ctx, s);
          if (applicableKeys && !applicableKeys.has(key.name.toLowerCase()) && listedForSomeAction(ctx, key)) {
            ctx.report(
              'condition-key-not-applicable',
              entry.key.range,
              `No action of this statement supports "${entry.key.value}": the condition can never match.${
                applicableKeys.unknown.length
                  ? ` (Not counting ${applicableKeys.unknown.map((a) => `"${a}"`).join(', ')}, which the IAM catalog does not know.)`
                  : ''
              } ${actionsThatSupport(ctx, key)}`,
            );
          }
        }
        if (op) checkEntryAgainstOperator(ctx, block, op, entry, key);
      }
    }
  }
};

function checkKey(ctx: CheckContext, entry: ConditionEntry): CatalogConditionKey | undefined {
  const text = entry.key.value;
  const found = ctx.catalog.conditionKey(text);
  if (found) return found;
  const colon = text.indexOf(':');
  const prefix = colon > 0 ? text.slice(0, colon) : '';
  // Keys of OIDC providers are `<issuer-host>:claim` for any issuer: the catalog cannot list them all.
  if (prefix.includes('.') || text.includes('${')) return undefined;
  const serviceKnown = prefix === 'aws' || !!ctx.catalog.service(prefix);
  const candidates = prefix === 'aws' ? ctx.catalog.globalConditionKeys().map((k) => k.name) : ctx.catalog.conditionKeysOf(prefix).map((k) => k.name);
  const suggestion = serviceKnown
    ? closest(
        text,
        candidates.filter((c) => !c.includes('${')),
      )
    : undefined;
  const why =
    colon <= 0
      ? 'a condition key is "service:name", e.g. "aws:SourceIp"'
      : serviceKnown
        ? `${prefix === 'aws' ? 'no global key' : `${prefix} has no key`} of that name`
        : `"${prefix}" is not a known service prefix`;
  ctx.report(
    'unknown-condition-key',
    entry.key.range,
    `Unknown condition key "${text}": ${why} (IAM catalog ${ctx.catalog.dataDate}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    suggestion ? { data: { replacement: suggestion } } : undefined,
  );
  return undefined;
}

/**
 * Which condition keys the statement's actions support, or null when that cannot be known (`*`, NotAction, no
 * action the catalog knows). Actions the catalog does not know are left out, named in `unknown`: they have their
 * own finding (unknown-action, unknown-service), and one typo must not hide this mistake behind it.
 */
function applicableKeysOf(ctx: CheckContext, s: Statement): ApplicableKeys | null {
  if (!s.actions || s.byName.has('NotAction')) return null;
  const actions: CatalogAction[] = [];
  const unknown: string[] = [];
  for (const a of s.actions) {
    if (a.value === '*') return null;
    const resolved = resolveActionIn(ctx, a);
    if (resolved) for (const action of resolved) actions.push(action);
    else unknown.push(a.value);
  }
  if (actions.length === 0) return null;
  return { has: (lowerKey) => actions.some((action) => keysOfAction(ctx, action).has(lowerKey)), unknown };
}

interface ApplicableKeys {
  has(lowerCanonicalKey: string): boolean;
  /** The statement's actions the catalog does not know (not counted). */
  readonly unknown: readonly string[];
}

const actionKeyCache = new WeakMap<CatalogAction, Set<string>>();

/**
 * The lower-cased canonical condition keys an action supports, including those the data lists
 * only on the resource types it acts on. Cached per catalog action.
 */
export function keysOfAction(ctx: CheckContext, action: CatalogAction): Set<string> {
  let keys = actionKeyCache.get(action);
  if (!keys) {
    keys = new Set<string>();
    for (const k of action.conditionKeys) keys.add(canonicalLower(ctx, k));
    for (const rt of action.resourceTypes) {
      for (const k of ctx.catalog.resourceType(action.service, rt.name)?.conditionKeys ?? []) keys.add(canonicalLower(ctx, k));
    }
    actionKeyCache.set(action, keys);
  }
  return keys;
}

const listedCache = new WeakMap<Catalog, Map<string, boolean>>();

/**
 * Whether the catalog lists the key for at least one action of its service (directly or on a resource type the
 * action acts on). The Service Authorization Reference defines some keys in a service's key table and lists them
 * under no action (iottwinmaker:linkedServices, a4b:amazonId, ec2:SourceInstanceARN: about a hundred): for those the
 * catalog cannot say which actions carry them, so condition-key-not-applicable does not judge them. Cached per key.
 */
function listedForSomeAction(ctx: CheckContext, key: CatalogConditionKey): boolean {
  let byKey = listedCache.get(ctx.catalog);
  if (!byKey) listedCache.set(ctx.catalog, (byKey = new Map<string, boolean>()));
  const lower = key.name.toLowerCase();
  let listed = byKey.get(lower);
  if (listed === undefined) {
    listed = ctx.catalog.actionsOf(key.service).some((action) => keysOfAction(ctx, action).has(lower));
    byKey.set(lower, listed);
  }
  return listed;
}

export function canonicalLower(ctx: CheckContext, key: string): string {
  return (ctx.catalog.conditionKey(key)?.name ?? key).toLowerCase();
}

function actionsThatSupport(ctx: CheckContext, key: CatalogConditionKey): string {
  const target = key.name.toLowerCase();
  const names = ctx.catalog
    .actionsOf(key.service)
    .filter((a) => a.conditionKeys.some((k) => canonicalLower(ctx, k) === target))
    .map((a) => `${a.service}:${a.name}`);
  if (names.length === 0) return 'Remove it.';
  const shown = names.slice(0, 4).join(', ');
  return `It applies to ${shown}${names.length > 4 ? ` and ${names.length - 4} more` : ''}: move it to a statement with those actions.`;
}

/** Which key types an operator family can compare. Lenient where IAM compares string forms. */
function familyAccepts(family: OperatorFamily, keyType: string): boolean {
  const base = keyType.startsWith('ArrayOf') ? keyType.slice('ArrayOf'.length) : keyType;
  switch (family) {
    case 'String':
    case 'Null':
      return true;
    case 'Arn':
      return base === 'ARN' || base === 'String';
    case 'Numeric':
      return base === 'Numeric' || base === 'Date';
    case 'Date':
      return base === 'Date' || base === 'Numeric';
    case 'Bool':
      return base === 'Bool' || base === 'Boolean';
    case 'IpAddress':
      return base === 'IPAddress' || base === 'IpAddress';
    case 'Binary':
      return base === 'Binary';
  }
}

function checkEntryAgainstOperator(
  ctx: CheckContext,
  block: ConditionBlock,
  op: ParsedOperator,
  entry: ConditionEntry,
  key: CatalogConditionKey | undefined,
): void {
  if (key && !familyAccepts(op.family, key.type)) {
    ctx.report(
      'condition-type-mismatch',
      block.operator.range,
      `"${block.operator.value}" cannot compare "${entry.key.value}", which is of type ${key.type}: use ${operatorForType(key.type)}.`,
    );
  }
  for (const v of entry.values) {
    const problem = valueProblem(op.family, v);
    if (problem) ctx.report('condition-type-mismatch', v.range, problem);
  }
  if (!key) return;
  if (op.set && !key.multiValued) {
    const extra = op.set === 'ForAllValues' ? ' With ForAllValues the condition is also true when the key is absent.' : '';
    // ForAllValues on a single-valued key is a real risk (true when the key is absent); ForAnyValue
    // behaves like the plain operator there, so it is only advice.
    ctx.report(
      'set-operator-on-single-valued-key',
      block.operator.range,
      `"${entry.key.value}" is single-valued: use "${op.base}${op.ifExists ? 'IfExists' : ''}" without "${op.set}:".${extra}`,
      {
        data: { replacement: `${op.base}${op.ifExists ? 'IfExists' : ''}` },
        defaultSeverity: op.set === 'ForAllValues' ? 'warning' : 'information',
      },
    );
  } else if (!op.set && key.multiValued && op.family !== 'Null') {
    const replacement = `ForAnyValue:${block.operator.value}`;
    const message =
      key.name.toLowerCase() === COGNITO_AMR_KEY.toLowerCase()
        ? `"${entry.key.value}" is multi-valued (e.g. ["authenticated", "cognito-idp..."]): "${block.operator.value}" does not match it as intended. Use "${replacement}", as AWS's identity-pool trust policies do.`
        : `"${entry.key.value}" is multi-valued: use "${replacement}" (any value matches) or "ForAllValues:${block.operator.value}" (every value matches).`;
    ctx.report('multi-valued-key-operator', block.operator.range, message, { data: { replacement } });
  }
}

function operatorForType(type: string): string {
  const base = type.startsWith('ArrayOf') ? type.slice('ArrayOf'.length) : type;
  switch (base) {
    case 'Numeric':
      return 'a Numeric operator such as NumericLessThan';
    case 'Date':
      return 'a Date operator such as DateGreaterThan';
    case 'Bool':
      return 'Bool';
    case 'IPAddress':
      return 'IpAddress or NotIpAddress';
    case 'ARN':
      return 'an Arn operator such as ArnLike';
    case 'Binary':
      return 'BinaryEquals';
    default:
      return 'a String operator such as StringEquals';
  }
}

/** Why a value can never match under this operator family, or undefined. Variables are left alone. */
export function valueProblem(family: OperatorFamily, v: ConditionValue): string | undefined {
  if (v.kind === 'other' || v.text.includes('${') || !isExact(v)) return undefined;
  const t = v.text;
  switch (family) {
    case 'Bool':
    case 'Null':
      return parseBoolValue(t) !== undefined ? undefined : `"${t}" is not a ${family} value: use "true" or "false".`;
    case 'Numeric':
      return parseNumericValue(t) !== undefined ? undefined : `"${t}" is not a number: Numeric operators compare integers and decimals ("10", "2.5").`;
    case 'Date': {
      const date = readDateValue(t);
      return 'problem' in date ? `"${t}" is not a date: ${date.problem}.` : undefined;
    }
    case 'IpAddress':
      return parseIpRange(t) ? undefined : `"${t}" is not an IP address or CIDR range (e.g. "203.0.113.0/24").`;
    case 'Arn':
      return t.startsWith('arn:') || t.includes('*') || t.includes('?')
        ? undefined
        : `"${t}" is not an ARN: Arn operators compare "arn:partition:service:region:account:resource" values.`;
    default:
      return undefined;
  }
}
