/**
 * Resource and NotResource: well-formed ARNs, and actions whose resource types can match none of
 * the statement's resources (so the action is granted on nothing).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
import type { Catalog, CatalogAction } from '../catalog/types';
import { isExact, type Statement, type StringValue } from '../model/policy';
import { arnService, arnShape, resourceMatchesFormat } from '../text/arn';
import { closest } from '../text/didYouMean';
import { formatsOfActionType, type FormatFacts } from '../iam/arns';
import { resolveActionIn } from './actions';
import type { Check, CheckContext } from './context';

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** Why a Resource value is not a usable ARN pattern, or undefined when it is fine. */
export function arnProblem(text: string): string | undefined {
  if (text === '*') return undefined;
  if (!text.startsWith('arn:')) {
    if (text.startsWith('${')) return undefined; // a whole-ARN variable: checked by the variable rules
    return `"${text}" is not an ARN: write "arn:partition:service:region:account:resource" (for S3: "arn:aws:s3:::bucket/key") or "*"`;
  }
  const parts = arnShape(text);
  if (!parts) return `"${text}" has too few parts: an ARN is "arn:partition:service:region:account:resource" (empty region and account are written "::")`;
  const { partition } = parts;
  if (!partition.includes('*') && !partition.includes('?') && !partition.includes('${') && !PARTITIONS.includes(partition)) {
    const suggestion = closest(partition, PARTITIONS);
    return `unknown partition "${partition}"${suggestion ? `: did you mean "${suggestion}"?` : ''}`;
  }
  // An empty resource part is accepted by IAM (AWS managed policies use "arn:aws:organizations::*:").
  if (parts.emptyService) return 'the service part of the ARN is empty';
  return undefined;
}

export const checkResources: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    for (const r of s.resources ?? []) checkArn(ctx, r);
    for (const r of s.notResources ?? []) checkArn(ctx, r);
    checkResourceMismatch(ctx, s);
  }
};

function checkArn(ctx: CheckContext, r: StringValue): void {
  if (!isExact(r)) return; // an intrinsic function with parts the template leaves open
  const problem = arnProblem(r.value);
  if (problem) ctx.report('invalid-arn', r.range, `Invalid resource: ${problem}.`);
}

function checkResourceMismatch(ctx: CheckContext, s: Statement): void {
  if (!s.actions || !s.resources || s.byName.has('NotResource')) return;
  const resources = s.resources.filter((r) => arnProblem(r.value) === undefined && !r.value.startsWith('${'));
  if (resources.length === 0 || resources.some((r) => r.value === '*')) return;
  // An intrinsic function that does not read as an ARN pattern (`!GetAtt Bucket.Arn`) may be any resource.
  if (s.resources.some((r) => !isExact(r) && arnProblem(r.value) !== undefined)) return;

  const matcher = new FormatMatcher(ctx.catalog, resources);
  const failing: { value: StringValue; actions: readonly CatalogAction[] }[] = [];
  let resolvedEntries = 0;
  for (const value of s.actions) {
    // An inexact intrinsic resource reads with `*` for each open part, a superset of what it can be, so it
    // never makes an action look unmatched; an inexact action is not resolved.
    const actions = isExact(value) ? resolveActionIn(ctx, value) : undefined;
    if (!actions || value.value === '*') continue;
    resolvedEntries++;
    if (!matcher.anyCanMatch(actions)) failing.push({ value, actions });
  }
  if (failing.length === 0) return;
  const nothingMatches = failing.length === resolvedEntries && resolvedEntries === s.actions.length;
  // An Effect the template chooses (`Fn::If`) may be either: say what holds for both.
  const verb = s.effect && !isExact(s.effect) ? undefined : s.effect?.value === 'Deny' ? 'denies' : 'grants';
  for (const f of failing) {
    const consequence = !verb
      ? nothingMatches
        ? 'this statement applies to nothing, whichever its Effect'
        : 'this statement does not apply to it, whichever its Effect'
      : nothingMatches
        ? `this statement ${verb} nothing`
        : `this statement does not ${verb === 'grants' ? 'grant' : 'deny'} it`;
    const subject = f.actions.length === 1 ? `"${f.value.value}" matches` : `No action of "${f.value.value}" matches`;
    ctx.report(
      'resource-mismatch',
      f.value.range,
      `${subject} none of this statement's resources: ${consequence}.${hint(f.actions)} It acts on ${describeTypes(ctx.catalog, f.actions)}.`,
      {
        defaultSeverity: nothingMatches ? 'error' : 'warning',
        // For the quick fix that points object actions at an object ARN.
        data: actsOnObjects(f.actions) ? { actsOn: 'object' } : undefined,
      },
    );
  }
}

/** Every action is an S3 action on objects (the `object` resource type). */
function actsOnObjects(actions: readonly CatalogAction[]): boolean {
  return actions.every((a) => a.service === 's3' && a.resourceTypes.some((r) => r.name === 'object'));
}

function describeTypes(catalog: Catalog, actions: readonly CatalogAction[]): string {
  const formats = new Set<string>();
  for (const a of actions) {
    for (const rt of a.resourceTypes) {
      const type = catalog.resourceType(a.service, rt.name);
      for (const f of type?.arnFormats ?? []) formats.add(`${rt.name} (${f.replace('${Partition}', 'aws')})`);
    }
  }
  // Shortest formats first: the plain resource (a bucket) before its variants (access points).
  const list = [...formats].sort((a, b) => a.length - b.length).slice(0, 3);
  const more = formats.size > 3 ? ` and ${formats.size - 3} more` : '';
  return `${list.join(', ')}${more}`;
}

function hint(actions: readonly CatalogAction[]): string {
  const a = actions[0];
  if (actions.length === 1 && a.service === 's3' && a.resourceTypes.some((r) => r.name === 'bucket')) {
    return ' Bucket actions need the bucket ARN "arn:aws:s3:::BUCKET"; limit them to a folder with an s3:prefix condition.';
  }
  return '';
}

/**
 * Caches which catalog ARN formats the statement's resources can match. An action can match
 * when one of its resource types has such a format; an action with no resource types needs "*".
 */
class FormatMatcher {
  private readonly formatResult = new Map<FormatFacts, boolean>();
  /** Each resource's service part when it is literal (no wildcard or variable), else undefined. */
  private readonly services: readonly (string | undefined)[];
  constructor(
    private readonly catalog: Catalog,
    private readonly resources: readonly StringValue[],
  ) {
    this.services = resources.map((r) => {
      const service = arnService(r.value);
      return service !== undefined && !/[*?$]/.test(service) ? service : undefined;
    });
  }

  anyCanMatch(actions: readonly CatalogAction[]): boolean {
    for (const a of actions) if (this.actionCanMatch(a)) return true;
    return false;
  }

  actionCanMatch(action: CatalogAction): boolean {
    // No resource types in the data: the action takes "*", but services also accept their own
    // wildcard ARNs (AWS documents "arn:aws:s3:::*" for s3:ListAllMyBuckets), so never guess.
    if (action.resourceTypes.length === 0) return true;
    for (const rt of action.resourceTypes) {
      const formats = formatsOfActionType(this.catalog, action, rt);
      // A type the catalog cannot describe: do not guess, assume it can match.
      if (!formats) return true;
      for (const f of formats) if (this.formatMatches(f)) return true;
    }
    return false;
  }

  private formatMatches(f: FormatFacts): boolean {
    let result = this.formatResult.get(f);
    if (result === undefined) {
      result = false;
      const formatService = f.parts?.service;
      const literalFormatService = formatService !== undefined && !formatService.includes('$') ? formatService : undefined;
      for (let i = 0; i < this.resources.length && !result; i++) {
        // Cheap exit: a literal service part that differs can never match.
        const service = this.services[i];
        if (service !== undefined && literalFormatService !== undefined && service !== literalFormatService) continue;
        result = resourceMatchesFormat(this.resources[i].value, f.format, f.noSlashAtEnd);
      }
      this.formatResult.set(f, result);
    }
    return result;
  }
}
