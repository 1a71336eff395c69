/**
 * The shapes of AWS identifiers that policies name literally: account IDs, Region names, VPC and VPC endpoint IDs.
 * Shapes, not lists: a Region AWS opens tomorrow (`ap-southeast-7`, `eusc-de-east-1`) has the shape already, so
 * only what can never be one is reported.
 * https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */

/** A 12-digit account ID. */
export function isAccountId(text: string): boolean {
  return /^\d{12}$/.test(text);
}

/** The account part AWS writes for resources it owns (`arn:aws:iam::aws:policy/...`). */
export const AWS_OWNED_ACCOUNT = 'aws';

/** A Region name: lower-case words joined by `-`, ending in a number (`us-east-1`, `us-gov-west-1`, `cn-north-1`). */
export function isRegionName(text: string): boolean {
  return /^[a-z]{2,4}(-[a-z]+){1,3}-\d{1,2}$/.test(text);
}

/**
 * A VPC or VPC endpoint ID as Access Analyzer checks it (its "Invalid vpc format" / "Invalid vpce format"): the
 * prefix, then 8 or 17 alphanumeric characters.
 */
export function isResourceId(prefix: 'vpc' | 'vpce', text: string): boolean {
  if (!text.startsWith(`${prefix}-`)) return false;
  const id = text.slice(prefix.length + 1);
  return (id.length === 8 || id.length === 17) && /^[a-z0-9]+$/i.test(id);
}
