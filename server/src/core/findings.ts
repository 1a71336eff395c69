import type { Range } from './parse/model';
import type { Severity } from './rules/registry';

export interface RelatedLocation {
  readonly range: Range;
  readonly message: string;
}

/** One diagnostic, before the host maps it to LSP, SARIF or text. */
export interface Finding {
  readonly ruleId: string;
  /** The severity after applying the user's rule settings. */
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  /** Machine-readable data for quick fixes (e.g. the suggested replacement). */
  readonly data?: Readonly<Record<string, string>>;
}
