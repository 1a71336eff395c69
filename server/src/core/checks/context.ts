/**
 * What every check receives: the parsed document, the catalog, and `report`. Checks are pure
 * functions of (document, catalog); the user's severity settings are applied in `report`.
 */
import type { ExpansionBudget } from '../catalog/expansion';
import type { Catalog } from '../catalog/types';
import type { Finding } from '../model/findings';
import type { PolicyDocument, Range, StringValue } from '../model/policy';
import type { IdentityPoolContext } from '../model/roles';
import { rangeInString } from '../model/spans';
import type { ReportedExtras } from '../rules/report';

/** Related locations, fix data, and a finding's own default severity (resource-mismatch: error or warning). */
export type ReportExtras = ReportedExtras;

export interface CheckContext {
  readonly doc: PolicyDocument;
  readonly catalog: Catalog;
  /** The document's budget for matching wildcard actions against the catalog (shared by its policies). */
  readonly expansion: ExpansionBudget;
  /** The host's word on the identity-pool role (AnalyzeOptions.identityPool); undefined: detect from the document. */
  readonly identityPool?: IdentityPoolContext;
  report(ruleId: string, range: Range, message: string, extras?: ReportExtras): void;
}

export type Check = (ctx: CheckContext) => void;

/**
 * The document range of [start, end) inside a string value (offsets into its decoded text). JSON strings: the
 * content starts after the opening quote, or the whole string is returned when escape sequences make decoded
 * and source offsets differ. Template strings (YAML scalars, intrinsic functions) say where their characters
 * are (`StringValue.offsets`); when they cannot say, the whole string (model/spans.ts rangeInString).
 */
export function innerRange(ctx: CheckContext, s: StringValue, start: number, end: number): Range {
  return rangeInString(ctx.doc.text, s, start, end);
}

export type { Finding };
