/**
 * The ONE reporting path: every finding, whoever found it (a check, the rules across documents, a source's
 * syntax or size notice), becomes a `Finding` here, with the user's severity applied once: `off` drops it, a
 * configured severity wins over the finding's own default (resource-mismatch is error or warning by finding),
 * which wins over the rule's registry default. A rule id missing from the registry is a bug and throws.
 */
import type { Finding, RelatedLocation } from '../model/findings';
import type { Range } from '../model/policy';
import { ruleInfo, type Severity, type SeveritySetting } from './registry';

/** The user's per-rule settings (`cognitoPool.rules`, `--rule`). */
export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

/** What a finder says besides rule, range and message (checks see it as ReportExtras). */
export interface ReportedExtras {
  readonly related?: readonly RelatedLocation[];
  readonly data?: Readonly<Record<string, string>>;
  /**
   * This finding's default when the user has not configured the rule; for rules whose findings
   * differ in weight (resource-mismatch: error when nothing matches, warning when some do).
   */
  readonly defaultSeverity?: Severity;
}

/** A finding before severities: what sources hand to the runners (plain data). */
export interface Reported {
  readonly ruleId: string;
  readonly range: Range;
  readonly message: string;
  readonly extras?: ReportedExtras;
}

/** The severity a finding is shown with, or undefined when the user turned its rule off. */
export function resolveSeverity(ruleId: string, findingDefault: Severity | undefined, rules?: RuleSettings): Severity | undefined {
  const info = ruleInfo(ruleId);
  if (!info) throw new Error(`A check reported "${ruleId}", which is not in the rule registry.`);
  const setting = rules?.[ruleId];
  if (setting === 'off') return undefined;
  return setting ?? findingDefault ?? info.defaultSeverity;
}

/** Collects the findings of one analysis under one set of rule settings. */
export class Reporter {
  private readonly collected: Finding[] = [];
  /** Findings past `limit`: counted, not kept. */
  dropped = 0;

  constructor(
    private readonly rules?: RuleSettings,
    private readonly limit = Infinity,
  ) {}

  /** Adds the finding with its severity applied; returns it, or undefined when its rule is off. */
  report(ruleId: string, range: Range, message: string, extras?: ReportedExtras): Finding | undefined {
    const severity = resolveSeverity(ruleId, extras?.defaultSeverity, this.rules);
    if (!severity) return undefined;
    if (this.collected.length >= this.limit) {
      this.dropped++;
      return undefined;
    }
    // Only the keys that are set: one shape whoever reported it (fields set one by one: no object spread on this hot path).
    const finding: { -readonly [K in keyof Finding]: Finding[K] } = { ruleId, severity, message, range };
    if (extras?.related) finding.related = extras.related;
    if (extras?.data) finding.data = extras.data;
    this.collected.push(finding);
    return finding;
  }

  add(reported: Reported): Finding | undefined {
    return this.report(reported.ruleId, reported.range, reported.message, reported.extras);
  }

  /** Everything reported so far, in the order it was reported. */
  get findings(): readonly Finding[] {
    return this.collected;
  }
}
