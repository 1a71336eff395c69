/**
 * Condition values judged by what they mean to IAM, the checks IAM Access Analyzer makes on them offline: a
 * wildcard under an operator that compares it literally, keys repeated in another case, several values for a Bool
 * key or a Bool key compared as text, private and non-canonical ranges in `aws:SourceIp`, and VPC, VPC endpoint
 * and Region names that cannot be one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { isExact, rangeOf, type ConditionBlock, type ConditionEntry, type ConditionValue } from '../model/policy';
import { isRegionName, isResourceId } from '../iam/identifiers';
import { parseIpRange, type IpRange } from '../iam/conditionValueFormats';
import { canonicalIpv4Range, hasHostBits, ipv4RangeOf, isPrivateIpRange, type Ipv4Range } from '../iam/ipRanges';
import { parseOperator, type ParsedOperator } from '../iam/operators';
import { scanVariables } from '../text/variables';
import type { Check, CheckContext } from './context';

export const checkConditionValues: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    for (const block of s.conditions ?? []) {
      checkKeysDifferingInCase(ctx, block);
      const op = parseOperator(block.operator.value);
      if (!op) continue;
      checkWildcardWithoutLike(ctx, block, op);
      for (const entry of block.entries) {
        if (op.family === 'Bool') checkBoolValueCount(ctx, block, entry);
        if (op.family === 'String') checkBoolKeyAsString(ctx, block, entry);
        if (op.family === 'IpAddress') checkIpRanges(ctx, block, op, entry);
        if (op.family === 'String') checkIdentifierValues(ctx, op, entry);
      }
    }
  }
};

/**
 * Access Analyzer's "Duplicate keys with different case" (an error): key names are case-insensitive, so
 * `aws:SourceIp` and `aws:sourceip` in one block are the same key twice. (The same spelling twice is
 * duplicate-key's.) Reported on each later spelling.
 */
function checkKeysDifferingInCase(ctx: CheckContext, block: ConditionBlock): void {
  const first = new Map<string, ConditionEntry>();
  for (const entry of block.entries) {
    const lower = entry.key.value.toLowerCase();
    const earlier = first.get(lower);
    if (!earlier) {
      first.set(lower, entry);
    } else if (earlier.key.value !== entry.key.value) {
      ctx.report(
        'condition-key-case-duplicate',
        entry.key.range,
        `"${entry.key.value}" is "${earlier.key.value}" again (condition key names are case-insensitive): IAM rejects a key twice in one block. Merge their values under one spelling.`,
        { related: [{ range: earlier.key.range, message: `"${earlier.key.value}" is here.` }] },
      );
    }
  }
}

/**
 * Access Analyzer's "Invalid condition multiple Boolean" (an error): a Bool key has one value, true or false;
 * listing both (or one twice) does not say which is meant.
 */
function checkBoolValueCount(ctx: CheckContext, block: ConditionBlock, entry: ConditionEntry): void {
  if (entry.values.length < 2 || !entry.element.value) return;
  ctx.report(
    'bool-multiple-values',
    rangeOf(entry.element.value),
    `"${block.operator.value}" takes one value for "${entry.key.value}": "true" or "false". To allow either, remove the condition; to require the key, use "Null": {"${entry.key.value}": "false"}.`,
  );
}

/**
 * Access Analyzer's "Type mismatch" (a general warning) for a Bool key under a String operator: IAM compares the
 * text, which the request has as `true` or `false`. With exactly those values it works (AWS's own policies do it),
 * so it is advice (information); any other spelling (`"True"`, `"1"`) never equals them: a warning. Reported as
 * condition-type-mismatch on the operator (its other findings are errors).
 */
function checkBoolKeyAsString(ctx: CheckContext, block: ConditionBlock, entry: ConditionEntry): void {
  const key = ctx.catalog.conditionKey(entry.key.value);
  const base = key?.type.replace(/^ArrayOf/, '');
  if (!key || (base !== 'Bool' && base !== 'Boolean') || key.additionalTypes?.length) return;
  const odd = entry.values.filter((v) => v.kind !== 'other' && isExact(v) && !v.text.includes('${') && v.text !== 'true' && v.text !== 'false');
  const ignoreCase = block.operator.value.toLowerCase().includes('ignorecase');
  const never = odd.length > 0 && !(ignoreCase && odd.every((v) => ['true', 'false'].includes(v.text.toLowerCase())));
  ctx.report(
    'condition-type-mismatch',
    block.operator.range,
    never
      ? `"${entry.key.value}" is a Bool key, "true" or "false" in the request: "${block.operator.value}" compares text, so ${odd.map((v) => `"${v.text}"`).join(', ')} never ${odd.length === 1 ? 'equals' : 'equal'} it. Use "Bool".`
      : `"${entry.key.value}" is a Bool key: "Bool" is its operator ("${block.operator.value}" compares its text).`,
    { defaultSeverity: never ? 'warning' : 'information' },
  );
}

const SOURCE_IP = 'aws:sourceip';

/**
 * IP ranges: Access Analyzer's "Private IP address" and "Private NotIpAddress" (errors) when every value of
 * `aws:SourceIp` is private, since requests reach AWS from public addresses only (private ones are
 * `aws:VpcSourceIp`'s), its "Private IP address subset" (a suggestion) when some are, and its "Improve IP range"
 * (a suggestion) for a block written with host bits (`10.0.0.1/8` is `10.0.0.0/8`).
 */
function checkIpRanges(ctx: CheckContext, block: ConditionBlock, op: ParsedOperator, entry: ConditionEntry): void {
  const ranges: { value: ConditionValue; range: Ipv4Range | undefined; ip: IpRange | undefined }[] = entry.values.map((value) => {
    const ip = value.kind === 'string' && isExact(value) && !value.text.includes('${') ? parseIpRange(value.text) : undefined;
    return { value, range: ip && ipv4RangeOf(ip), ip };
  });
  for (const { value, range } of ranges) {
    if (range && hasHostBits(range)) {
      ctx.report('ip-range-not-canonical', value.range, `"${value.text}" has host bits set: IAM reads it as "${canonicalIpv4Range(range)}". Write that.`, {
        data: { replacement: canonicalIpv4Range(range) },
      });
    }
  }
  if (entry.key.value.toLowerCase() !== SOURCE_IP) return;
  const privateOnes = ranges.filter((r) => r.ip && isPrivateIpRange(r.ip));
  if (privateOnes.length === 0) return;
  const all = privateOnes.length === ranges.length;
  const list = privateOnes.map((r) => `"${r.value.text}"`).join(', ');
  const why = 'aws:SourceIp is the public address a request comes from, never a private one (use "aws:VpcSourceIp" for addresses inside a VPC)';
  const consequence = !all
    ? `${list} never ${privateOnes.length === 1 ? 'matches' : 'match'}`
    : op.negated
      ? `"${block.operator.value}" with only private ranges always matches`
      : 'this condition never matches';
  ctx.report(
    'private-ip-source',
    all ? (entry.element.value ? rangeOf(entry.element.value) : entry.key.range) : privateOnes[0].value.range,
    `${why}: ${consequence}.`,
    {
      defaultSeverity: all ? 'error' : 'information',
    },
  );
}

/** Keys whose String values are identifiers of a known shape (Access Analyzer's "Invalid vpc/vpce format", "Invalid Region"; errors). */
const IDENTIFIER_KEYS: Readonly<Record<string, { readonly valid: (text: string) => boolean; readonly expected: string }>> = {
  'aws:sourcevpc': { valid: (t) => isResourceId('vpc', t), expected: 'a VPC ID: "vpc-" and 8 or 17 letters and digits, e.g. "vpc-1a2b3c4d"' },
  'aws:sourcevpce': { valid: (t) => isResourceId('vpce', t), expected: 'a VPC endpoint ID: "vpce-" and 8 or 17 letters and digits, e.g. "vpce-1a2b3c4d"' },
  'aws:requestedregion': { valid: isRegionName, expected: 'a Region name such as "us-east-1"' },
};

function checkIdentifierValues(ctx: CheckContext, op: ParsedOperator, entry: ConditionEntry): void {
  const shape = IDENTIFIER_KEYS[entry.key.value.toLowerCase()];
  if (!shape) return;
  const ignoreCase = op.base.endsWith('IgnoreCase');
  for (const v of entry.values) {
    if (v.kind !== 'string' || !isExact(v) || v.text.includes('${') || v.text.includes('*') || v.text.includes('?')) continue;
    if (shape.valid(ignoreCase ? v.text.toLowerCase() : v.text)) continue;
    ctx.report('invalid-identifier-value', v.range, `"${v.text}" is not ${shape.expected}, so "${entry.key.value}" never equals it.`);
  }
}

/**
 * The Like operator of an Equals operator, as written with its prefix and suffix (`ForAnyValue:StringEquals` ->
 * `ForAnyValue:StringLike`); undefined for StringEqualsIgnoreCase, which has none.
 */
function likeOperatorOf(op: ParsedOperator): string | undefined {
  const like = op.base === 'StringEquals' ? 'StringLike' : op.base === 'StringNotEquals' ? 'StringNotLike' : undefined;
  return like && `${op.set ? `${op.set}:` : ''}${like}${op.ifExists ? 'IfExists' : ''}`;
}

/**
 * Access Analyzer's "Wildcard without like operator" (a general warning): `*` and `?` are wildcards only for the
 * Like operators, so `"StringEquals": {"s3:prefix": "home/*"}` matches the text `home/*` and nothing else. Reported
 * on the operator (the fix is there), once per block, naming the values. `${*}` and `${?}` are IAM's way to write
 * those characters literally, and characters inside a policy variable are not wildcards.
 */
function checkWildcardWithoutLike(ctx: CheckContext, block: ConditionBlock, op: ParsedOperator): void {
  if (op.base !== 'StringEquals' && op.base !== 'StringNotEquals' && op.base !== 'StringEqualsIgnoreCase' && op.base !== 'StringNotEqualsIgnoreCase') return;
  const withWildcards = block.entries.flatMap((e) => e.values.filter(hasLiteralWildcard));
  if (withWildcards.length === 0) return;
  const like = likeOperatorOf(op);
  const values = withWildcards.map((v) => `"${v.text}"`).join(', ');
  const instead = like
    ? `use "${like}" if they are wildcards`
    : `"${block.operator.value}" has no Like form: use "${op.base.includes('Not') ? 'StringNotLike' : 'StringLike'}" (case-sensitive) if they are wildcards`;
  ctx.report(
    'condition-wildcard-without-like',
    block.operator.range,
    `"${block.operator.value}" compares ${values} literally: "*" and "?" are wildcards only under a Like operator, so this matches only values that contain those characters. ${instead[0].toUpperCase()}${instead.slice(1)}.`,
    like ? { data: { replacement: like } } : undefined,
  );
}

/** A `*` or `?` in a string value outside policy variables and their `${*}`/`${?}` escapes. */
function hasLiteralWildcard(v: ConditionValue): boolean {
  if (v.kind !== 'string' || !isExact(v)) return false;
  const text = v.text;
  if (!text.includes('*') && !text.includes('?')) return false;
  let from = 0;
  for (const token of text.includes('${') ? scanVariables(text) : []) {
    if (token.kind === 'error') return false; // a malformed variable: its own finding; where it ends is a guess
    if (hasWildcardIn(text, from, token.start)) return true;
    from = token.end;
  }
  return hasWildcardIn(text, from, text.length);
}

function hasWildcardIn(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 63) return true;
  }
  return false;
}
