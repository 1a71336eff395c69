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

export function parseAction(text: string): ParsedAction {
  if (text === '*') return { kind: 'all' };
  const colon = text.indexOf(':');
  if (colon < 0) return { kind: 'invalid', reason: `"${text}" is not "service:action" (for example "s3:GetObject") or "*"` };
  const service = text.slice(0, colon);
  const name = text.slice(colon + 1);
  if (!service || !name) return { kind: 'invalid', reason: `"${text}" needs both a service and an action, as in "s3:GetObject"` };
  if (name.includes(':')) return { kind: 'invalid', reason: `"${text}" has more than one ":"` };
  if (!allChars(service, isServiceChar)) return { kind: 'invalid', reason: `the service prefix "${service}" may contain only letters, digits and "-"` };
  if (!allChars(name, isNameChar)) return { kind: 'invalid', reason: `the action name "${name}" may contain only letters, digits and wildcards` };
  return { kind: 'action', service, name };
}

/** `parseAction(text).service` when the text parses as an action (kind `action`), else undefined; allocates only the service. */
export function actionServiceOf(text: string): string | undefined {
  if (text === '*') return undefined;
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1 || text.indexOf(':', colon + 1) >= 0) return undefined;
  for (let i = colon + 1; i < text.length; i++) if (!isNameChar(text.charCodeAt(i))) return undefined;
  const service = text.slice(0, colon);
  return allChars(service, isServiceChar) ? service : undefined;
}

// Character tests rather than regular expressions: every action value of every statement is parsed (hot path).
const isAsciiLetterOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
/** A service prefix: ASCII letters, digits, `*`, `?` and `-`. */
const isServiceChar = (c: number) => isAsciiLetterOrDigit(c) || c === 42 || c === 63 || c === 45;
/** An action name: ASCII letters, digits, `*`, `?`, `_`, `.` and `-`. */
const isNameChar = (c: number) => isServiceChar(c) || c === 95 || c === 46;

function allChars(text: string, test: (c: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) if (!test(text.charCodeAt(i))) return false;
  return text.length > 0;
}
