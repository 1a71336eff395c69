/**
 * A policy a template writes with `Fn::If` around whole parts is checked in each of its readings
 * (`PolicyVariant`, model/policy.ts), and the findings of the readings are merged into one list: a finding is
 * kept when it is inside a branch its reading takes (it is about that branch), or when every reading has it at
 * the same place. Every reading with the same message: that finding; messages that differ (a summary of what
 * the role allows): the finding of the policy read with those parts open (`base`), which says so. The others (a
 * policy-wide verdict on one combination of branches, which the template's conditions may never make) are left
 * out. Each finding is listed once.
 */
import type { Finding } from '../model/findings';
import type { PolicyDocument, PolicyVariant, Range } from '../model/policy';

export interface VariantRun<F> {
  readonly findings: readonly F[];
  readonly chosen: readonly Range[];
}

/** The merged findings of the readings; `placeOf` says where a finding is (its rule, document and range). */
export function mergeVariantFindings<F>(
  runs: readonly VariantRun<F>[],
  base: readonly F[],
  findingOf: (f: F) => Finding,
  placeOf: (f: F) => string = (f) => placeOfFinding(findingOf(f)),
): F[] {
  const readingsAt = new Map<string, number>();
  const messagesAt = new Map<string, Set<string>>();
  for (const run of runs) {
    const seen = new Set<string>();
    for (const f of run.findings) {
      const place = placeOf(f);
      const messages = messagesAt.get(place) ?? new Set<string>();
      messages.add(findingOf(f).message);
      messagesAt.set(place, messages);
      if (seen.has(place)) continue;
      seen.add(place);
      readingsAt.set(place, (readingsAt.get(place) ?? 0) + 1);
    }
  }
  const baseAt = new Map<string, F>();
  for (const f of base) if (!baseAt.has(placeOf(f))) baseAt.set(placeOf(f), f);
  const out: F[] = [];
  const kept = new Set<string>();
  const keep = (f: F, key: string) => {
    if (kept.has(key)) return;
    kept.add(key);
    out.push(f);
  };
  for (const run of runs) {
    for (const f of run.findings) {
      const place = placeOf(f);
      const key = `${place}\u0000${findingOf(f).message}`;
      const { range } = findingOf(f);
      if (run.chosen.some((c) => c.start <= range.start && range.end <= c.end)) keep(f, key);
      else if (readingsAt.get(place) === runs.length) {
        if (messagesAt.get(place)?.size === 1) keep(f, key);
        else {
          const open = baseAt.get(place);
          if (open) keep(open, `${place}\u0000${findingOf(open).message}`);
        }
      }
    }
  }
  return out;
}

function placeOfFinding(f: Finding): string {
  return `${f.ruleId}\u0000${f.range.start}\u0000${f.range.end}`;
}

/**
 * The reading of a policy that a range is in, for the editing features (hover, completion, quick fixes): the
 * reading whose branch holds it, else the policy's own document (which has the `Fn::If` parts open).
 */
export function documentAt(policy: { readonly document: PolicyDocument; readonly variants?: readonly PolicyVariant[] }, range: Range): PolicyDocument {
  for (const v of policy.variants ?? []) {
    if (v.document && v.chosen.some((c) => c.start <= range.start && range.end <= c.end)) return v.document;
  }
  return policy.document;
}
