/**
 * Action and NotAction values against the IAM catalog. Unknown services and actions are warnings:
 * IAM accepts them (they grant nothing) and the catalog can lag behind AWS.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import type { Catalog, CatalogAction } from '../catalog/types';
import type { StringValue } from '../parse/model';
import { closest } from '../text/didYouMean';
import { hasWildcard } from '../text/wildcard';
import type { Check, CheckContext } from './context';

/** An action value split into service and name, or why it cannot be. */
export type ParsedAction =
  | { readonly kind: 'all' }
  | { readonly kind: 'action'; readonly service: string; readonly name: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const SERVICE_CHARS = /^[a-z0-9*?-]+$/i;
const NAME_CHARS = /^[A-Za-z0-9*?_.-]+$/;

export function parseAction(text: string): ParsedAction {
  if (text === '*') return { kind: 'all' };
  const colon = text.indexOf(':');
  if (colon < 0) return { kind: 'invalid', reason: `"${text}" is not "service:action" (for example "s3:GetObject") or "*"` };
  const service = text.slice(0, colon);
  const name = text.slice(colon + 1);
  if (!service || !name) return { kind: 'invalid', reason: `"${text}" needs both a service and an action, as in "s3:GetObject"` };
  if (name.includes(':')) return { kind: 'invalid', reason: `"${text}" has more than one ":"` };
  if (!SERVICE_CHARS.test(service)) return { kind: 'invalid', reason: `the service prefix "${service}" may contain only letters, digits and "-"` };
  if (!NAME_CHARS.test(name)) return { kind: 'invalid', reason: `the action name "${name}" may contain only letters, digits and wildcards` };
  return { kind: 'action', service, name };
}

/**
 * The catalog actions an action value stands for: undefined when it is invalid, unknown or a
 * variable (so callers skip it rather than guess).
 */
export function resolveAction(catalog: Catalog, text: string): readonly CatalogAction[] | undefined {
  const parsed = parseAction(text);
  if (parsed.kind === 'invalid' || text.includes('${')) return undefined;
  if (parsed.kind === 'all' || hasWildcard(text)) {
    const matches = catalog.matchActions(text);
    return matches.length ? matches : undefined;
  }
  const action = catalog.action(parsed.service, parsed.name);
  return action ? [action] : undefined;
}

export const checkActions: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    for (const value of [...(s.actions ?? []), ...(s.notActions ?? [])]) checkActionValue(ctx, value);
  }
};

function checkActionValue(ctx: CheckContext, value: StringValue): void {
  const text = value.value;
  if (text.includes('${')) {
    ctx.report('variable-not-allowed-here', value.range, 'Policy variables are not substituted in Action or NotAction: write the action name.');
    return;
  }
  const parsed = parseAction(text);
  if (parsed.kind === 'all') return;
  if (parsed.kind === 'invalid') {
    ctx.report('invalid-action-format', value.range, `Invalid action: ${parsed.reason}.`);
    return;
  }
  const { catalog } = ctx;
  if (hasWildcard(parsed.service)) {
    if (catalog.matchActions(text).length === 0) {
      ctx.report('action-wildcard-matches-nothing', value.range, `"${text}" matches no action of any service.`);
    }
    return;
  }
  const service = catalog.service(parsed.service);
  if (!service) {
    const suggestion = closest(parsed.service, catalog.services().map((s) => s.prefix));
    ctx.report('unknown-service', value.range, `Unknown service prefix "${parsed.service}" (IAM catalog ${catalog.dataDate}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, suggestion ? { data: { replacement: `${suggestion}:${parsed.name}` } } : undefined);
    return;
  }
  if (hasWildcard(parsed.name)) {
    if (catalog.matchActions(text).length === 0) {
      ctx.report('action-wildcard-matches-nothing', value.range, `"${text}" matches no ${service.prefix} action: check the spelling of the part before the wildcard.`);
    }
    return;
  }
  if (catalog.action(parsed.service, parsed.name)) return;
  const suggestion = closest(parsed.name, catalog.actionsOf(service.prefix).map((a) => a.name));
  const full = suggestion ? `${service.prefix}:${suggestion}` : undefined;
  ctx.report('unknown-action', value.range, `${service.name} has no action "${parsed.name}" (IAM catalog ${catalog.dataDate}).${full ? ` Did you mean "${full}"?` : ''}`, full ? { data: { replacement: full } } : undefined);
}
