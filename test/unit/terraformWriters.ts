/**
 * A JSON policy written as Terraform, as people write it: heredoc JSON in an aws_iam_policy, or the same policy
 * as a `jsonencode({...})` HCL object (the managed-policy corpus test and `bench terraform`).
 */

/** Terraform's template escapes: IAM's `${` and a literal `%{` are written `$${` and `%%{` in a .tf string. */
export function escapeTemplate(s: string): string {
  // (A function as the replacement: in a replacement string `$$` would stand for one `$`.)
  return s.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}

export function heredoc(policy: string): string {
  return `resource "aws_iam_policy" "managed" {\n  name   = "managed"\n  policy = <<-EOF\n${escapeTemplate(policy)}\n  EOF\n}\n`;
}

/** A JSON value as HCL: objects with quoted keys and `=`, tuples, strings in HCL's quoting, numbers, booleans. */
function hcl(value: unknown, indent = '    '): string {
  if (typeof value === 'string') return escapeTemplate(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${hcl(v, inner)},`).join('\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([k, v]) => `${inner}${escapeTemplate(JSON.stringify(k))} = ${hcl(v, inner)}`).join('\n')}\n${indent}}`;
}

export function jsonencode(policy: string): string {
  return `resource "aws_iam_policy" "managed" {\n  name   = "managed"\n  policy = jsonencode(${hcl(JSON.parse(policy), '  ')})\n}\n`;
}
