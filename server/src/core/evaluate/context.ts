/**
 * The request context IAM evaluates conditions and policy variables against: condition keys to values.
 * Key names are case-insensitive ("Key names are case-insensitive. For example, aws:CurrentTime is
 * equivalent to AWS:currenttime"), values are kept as given.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

/**
 * The value of one context key: a string for a single-valued key, an array for a multi-valued key (such as
 * `cognito-identity.amazonaws.com:amr` or `aws:TagKeys`), even when it holds one value. Multi-valued keys
 * need `ForAnyValue:`/`ForAllValues:` and cannot be policy variables.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export type ContextValue = string | readonly string[];
export type ContextInput = Readonly<Record<string, ContextValue>>;

export interface ContextEntry {
  /** The key as it was given. */
  readonly key: string;
  /** At least one value: a key with no values is treated as absent (an empty set). */
  readonly values: readonly string[];
  readonly multiValued: boolean;
}

export class RequestContext {
  private readonly byLowerKey = new Map<string, ContextEntry>();

  /** Layers in order: a key of a later layer replaces the same key (in any case) of an earlier one. */
  constructor(...layers: readonly ContextInput[]) {
    for (const layer of layers) {
      for (const [key, value] of Object.entries(layer)) {
        const multiValued = typeof value !== 'string';
        this.byLowerKey.set(key.toLowerCase(), { key, values: multiValued ? [...value] : [value], multiValued });
      }
    }
  }

  /**
   * The key's entry, or undefined when the request does not carry it. A multi-valued key with no values is
   * the empty set, which IAM treats as a missing key: ForAllValues true, ForAnyValue false, others no match.
   */
  get(key: string): ContextEntry | undefined {
    const entry = this.byLowerKey.get(key.toLowerCase());
    return entry && entry.values.length > 0 ? entry : undefined;
  }

  /** Whether the key was given with no values at all (an empty multi-valued key), to say so in reasons. */
  isEmptySet(key: string): boolean {
    return this.byLowerKey.get(key.toLowerCase())?.values.length === 0;
  }

  entries(): readonly ContextEntry[] {
    return [...this.byLowerKey.values()];
  }

  /** This context with a further layer on top. */
  derive(layer: ContextInput): RequestContext {
    const base: Record<string, ContextValue> = {};
    for (const e of this.byLowerKey.values()) base[e.key] = e.multiValued ? e.values : e.values[0];
    return new RequestContext(base, layer);
  }
}

/** A context value as users read it in a reason: `"a"` or `["a", "b"]`. */
export function showValues(entry: ContextEntry): string {
  const quoted = entry.values.map((v) => JSON.stringify(v));
  return entry.multiValued ? `[${quoted.join(', ')}]` : quoted[0];
}
