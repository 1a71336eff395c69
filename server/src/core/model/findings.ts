import type { Range } from './policy';
import type { Severity } from '../rules/registry';

export interface RelatedLocation {
  readonly range: Range;
  readonly message: string;
  /** The document the range is in, when it is another one than the finding's (the role model's DocumentId). */
  readonly document?: string;
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
