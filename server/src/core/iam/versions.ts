/**
 * The policy language versions, and whether a policy's Version makes IAM substitute policy variables.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
 */
import type { PolicyDocument } from '../model/policy';

/** The current policy language: policy variables are substituted. */
export const CURRENT_VERSION = '2012-10-17';
/** The old policy language, and what IAM assumes without a Version: `${...}` is literal text. */
export const OLD_VERSION = '2008-10-17';
/** The versions IAM accepts; any other Version makes IAM reject the policy. */
export const POLICY_VERSIONS: readonly string[] = [CURRENT_VERSION, OLD_VERSION];

export function isPolicyVersion(value: string): boolean {
  return POLICY_VERSIONS.includes(value);
}

/**
 * Whether IAM substitutes policy variables in this policy. The IAM docs name two cases where `${...}` is literal
 * text: no Version element (2008-10-17 is assumed) and Version 2008-10-17. Any other Version (a typo, a date, a
 * number) makes IAM reject the policy, so it has no meaning of its own: it is read as the current language the
 * author meant, so that the one mistake gets one finding (invalid-value, with the fix) rather than a second
 * "your variables are literal text" on every variable, and the evaluator, the checks and the flow agree.
 */
export function substitutesVariables(doc: Pick<PolicyDocument, 'elements' | 'version' | 'bareStatement'>): boolean {
  // A bare statement is judged inside the policy its fix writes around it, at the current Version.
  if (doc.bareStatement) return true;
  if (!doc.elements.some((e) => e.key === 'Version')) return false;
  return doc.version?.value !== OLD_VERSION;
}
