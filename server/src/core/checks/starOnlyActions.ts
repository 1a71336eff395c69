/**
 * Actions that support only `"Resource": "*"`, allowed on resources of other services: the Service Authorization
 * Reference lists no resource type for them ("If there is no value for this column, you must specify all resources
 * ("*") to which the policy applies in the Resource element"), so a statement that names only other services'
 * resources grants them nothing.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 *
 * Judged only where the catalog is sure. On its own service's ARNs an empty resource-type column is not evidence
 * enough: AWS's managed policies grant about 500 such actions on their own service's resources
 * (cloudformation:CreateStackSet on stackset ARNs in AWSControlTowerServiceRolePolicy), so the reference misses
 * resource types there. A service with no resource types at all names no ARN namespace of its own (ssmmessages
 * actions act on `ssm` session ARNs), so its actions are not judged either.
 *
 * One pass over the statement's resources, then one catalog lookup per action entry: no pairing of actions with
 * resources (resource-mismatch, which judges actions that have resource types, does that).
 */
import type { Catalog, CatalogAction } from '../catalog/types';
import { isExact, type Statement, type StringValue } from '../model/policy';
import { parseAction } from '../iam/actions';
import { formatsOf } from '../iam/arns';
import { splitArn } from '../text/arn';
import type { Check, CheckContext } from './context';

export const checkStarOnlyActions: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    const services = servicesOfResources(s);
    if (services) checkStatement(ctx, s, services);
  }
};

/**
 * The ARN service parts of the statement's resources (lower case), when it is an Allow (as written, not chosen by
 * the template) whose Resource names only ARNs of literal services: no `*`, no wildcard, variable or open part in a
 * service, and no NotResource. Undefined otherwise: nothing to judge. An open value (a template's or Terraform's)
 * reads with `*` for each open part, so an open service never reads as a literal one.
 */
function servicesOfResources(s: Statement): ReadonlySet<string> | undefined {
  if (!s.effect || !isExact(s.effect) || s.effect.value !== 'Allow') return undefined;
  if (!s.actions || !s.resources || s.resources.length === 0 || s.byName.has('NotResource')) return undefined;
  const services = new Set<string>();
  for (const r of s.resources) {
    const service = splitArn(r.value)?.service; // undefined for "*" and for what is not an ARN (invalid-arn says so)
    if (!service || /[*?$]/.test(service)) return undefined;
    services.add(service.toLowerCase());
  }
  return services;
}

const namespaceCache = new WeakMap<Catalog, Map<string, ReadonlySet<string>>>();

/**
 * The ARN service parts a service's resources are written with: its prefix and the service part of each of its
 * resource types' ARN formats (sagemaker-mlflow's tracking servers are `arn:...:sagemaker:...`). Empty when the
 * service has no resource types: then the catalog cannot say where its actions act. Cached per service.
 */
function namespacesOf(catalog: Catalog, service: string): ReadonlySet<string> {
  let byService = namespaceCache.get(catalog);
  if (!byService) namespaceCache.set(catalog, (byService = new Map<string, ReadonlySet<string>>()));
  const lower = service.toLowerCase();
  let found = byService.get(lower);
  if (!found) {
    const types = catalog.resourceTypesOf(service);
    const set = new Set<string>();
    if (types.length > 0) {
      set.add(lower);
      for (const t of types) {
        for (const f of formatsOf(catalog, t)) {
          const part = f.parts?.service;
          if (part) set.add(part.toLowerCase());
        }
      }
    }
    byService.set(lower, (found = set));
  }
  return found;
}

function checkStatement(ctx: CheckContext, s: Statement, resourceServices: ReadonlySet<string>): void {
  const findings: { value: StringValue; action: CatalogAction }[] = [];
  let judged = 0;
  for (const value of s.actions ?? []) {
    if (!isExact(value)) continue;
    const parsed = parseAction(value.value);
    // Only an action named in full: a wildcard (`ec2:Describe*`) is how policies grant a family, some of whose
    // actions take resources, and a wildcard matches tomorrow's actions too.
    if (parsed.kind !== 'action' || /[*?]/.test(value.value)) continue;
    const action = ctx.catalog.action(parsed.service, parsed.name);
    if (!action) continue; // unknown-action says so
    judged++;
    if (action.resourceTypes.length > 0) continue;
    const own = namespacesOf(ctx.catalog, action.service);
    if (own.size > 0 && ![...resourceServices].some((service) => own.has(service))) findings.push({ value, action });
  }
  if (findings.length === 0) return;
  const grantsNothing = findings.length === judged && judged === s.actions?.length;
  const where = [...resourceServices].join(', ');
  for (const { value, action } of findings) {
    const consequence = grantsNothing ? 'this statement grants nothing' : 'this statement does not grant it';
    ctx.report(
      'action-needs-star-resource',
      value.range,
      `"${action.service}:${action.name}" supports only "Resource": "*" (no resource types in the IAM catalog ${ctx.catalog.dataDate}), ` +
        `and this statement names only ${where} resources: ${consequence}. Grant it in a statement with "Resource": "*".`,
      { defaultSeverity: grantsNothing ? 'error' : 'warning' },
    );
  }
}
