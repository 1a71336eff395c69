/**
 * IAM action names as the policy language defines them: `service:ActionName` (wildcards allowed) or `*`.
 * What a name stands for in the catalog is checks/actions.ts' business.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */

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
