/**
 * What every check receives: the parsed document, the catalog, and `report`. Checks are pure
 * functions of (document, catalog); the user's severity settings are applied in `report`.
 */
import type { Catalog } from '../catalog/types';
import type { Finding, RelatedLocation } from '../model/findings';
import type { PolicyDocument, Range, Statement, StringValue } from '../model/policy';
import type { Severity } from '../rules/registry';

export interface ReportExtras {
  readonly related?: readonly RelatedLocation[];
  readonly data?: Readonly<Record<string, string>>;
  /**
   * This finding's default when the user has not configured the rule; for rules whose findings
   * differ in weight (resource-mismatch: error when nothing matches, warning when some do).
   */
  readonly defaultSeverity?: Severity;
}

/**
 * What a host knows about the role a policy belongs to (from CloudFormation, settings, ...). Present: the
 * policy is a permission policy of an identity-pool role; `role` says which one when known.
 */
export interface IdentityPoolContext {
  readonly role?: 'authenticated' | 'guest';
}

export interface CheckContext {
  readonly doc: PolicyDocument;
  readonly catalog: Catalog;
  /** The host's word on the identity-pool role (AnalyzeOptions.identityPool); undefined: detect from the document. */
  readonly identityPool?: IdentityPoolContext;
  report(ruleId: string, range: Range, message: string, extras?: ReportExtras): void;
}

export type Check = (ctx: CheckContext) => void;

/** The statement's Effect, case-insensitively: "allow" is reported by invalid-value but still meant as Allow. */
export function effectIs(s: Statement, effect: 'allow' | 'deny'): boolean {
  return s.effect?.value.toLowerCase() === effect;
}

/**
 * The document range of [start, end) inside a string value (offsets into its decoded text). JSON strings: the
 * content starts after the opening quote, or the whole string is returned when escape sequences make decoded
 * and source offsets differ. Template strings (YAML scalars, intrinsic functions) say where their characters
 * are (`StringValue.offsets`); when they cannot say, the whole string.
 */
export function innerRange(ctx: CheckContext, s: StringValue, start: number, end: number): Range {
  return rangeInString(ctx.doc.text, s, start, end);
}

/**
 * innerRange for a string of `text` (for checks that look at several documents). Returns `s.range` itself when
 * the characters cannot be placed, so callers can tell "the whole string" from a mapped range.
 */
export function rangeInString(text: string, s: StringValue, start: number, end: number): Range {
  const offsets = s.offsets;
  if (offsets === undefined) {
    const raw = text.slice(s.range.start + 1, s.range.end - 1);
    if (raw !== s.value) return s.range;
    return { start: s.range.start + 1 + start, end: s.range.start + 1 + end };
  }
  if (offsets === false) return s.range;
  if (typeof offsets === 'number') return { start: offsets + start, end: offsets + end };
  if (end >= offsets.length || offsets[end] < offsets[start]) return s.range;
  return { start: offsets[start], end: offsets[end] };
}

export type { Finding };
