/**
 * The bound on matching wildcard actions against the catalog, per document (the checks) or per request
 * (completion).
 */
import type { Range } from '../model/policy';
import { hasWildcard } from '../text/wildcard';
import type { Catalog } from './types';

/**
 * Catalog action names a document may match against its wildcard actions (issue 15: 4,096 distinct patterns
 * such as `*:?*?*` each matched against all 22,000 actions took 28 s). A wildcard in the service part costs
 * every catalog action, one in the action name the service's actions; each distinct text is charged once.
 * About 11 patterns with a wildcard service, or thousands such as `ec2:Describe*`.
 */
export const MAX_EXPANDED_NAMES = 250_000;

/** What the checks of one document may still expand; the wildcards past the budget are not checked. */
export class ExpansionBudget {
  private readonly allowed = new Set<string>();
  private spent = 0;
  /** The first action value refused, for the one `analysis-limit` finding. */
  refused?: Range;

  constructor(private readonly limit = MAX_EXPANDED_NAMES) {}

  /** Whether the checks may match this action text against the catalog (always, without a wildcard). */
  allows(catalog: Catalog, value: { readonly value: string; readonly range: Range }): boolean {
    const text = value.value;
    if (text === '*' || !hasWildcard(text) || this.allowed.has(text)) return true;
    const colon = text.indexOf(':');
    const service = colon < 0 ? text : text.slice(0, colon);
    const cost = colon < 0 || hasWildcard(service) ? catalog.actionCount() : catalog.actionCount(service);
    if (this.spent + cost > this.limit) {
      this.refused ??= value.range;
      return false;
    }
    this.spent += cost;
    this.allowed.add(text);
    return true;
  }
}
