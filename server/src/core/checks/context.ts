/**
 * What every check receives: the parsed document, the catalog, and `report`. Checks are pure
 * functions of (document, catalog); the user's severity settings are applied in `report`.
 */
import type { Catalog } from '../catalog/types';
import type { Finding, RelatedLocation } from '../findings';
import type { PolicyDocument, Range } from '../parse/model';
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

export interface CheckContext {
  readonly doc: PolicyDocument;
  readonly catalog: Catalog;
  report(ruleId: string, range: Range, message: string, extras?: ReportExtras): void;
}

export type Check = (ctx: CheckContext) => void;

export type { Finding };
