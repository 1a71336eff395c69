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

const LIST_ELEMENTS: Readonly<Record<string, string>> = { Action: 'actions', NotAction: 'not_actions', Resource: 'resources', NotResource: 'not_resources' };

/**
 * A policy as `data "aws_iam_policy_document"`, where that data source can say the same: Version, Id and
 * statements with Sid, Effect, the action and resource lists and conditions of string values (no Principal, no
 * empty list, no other element). Undefined for a policy it cannot express.
 */
export function policyDocument(policy: string): string | undefined {
  const doc = JSON.parse(policy) as Record<string, unknown>;
  if (typeof doc.Version !== 'string' || Object.keys(doc).some((k) => !['Version', 'Id', 'Statement'].includes(k))) return undefined;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const str = (s: string) => escapeTemplate(JSON.stringify(s));
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
  const blocks: string[] = [];
  for (const raw of statements) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
    const st = raw as Record<string, unknown>;
    const lines: string[] = [];
    for (const [key, value] of Object.entries(st)) {
      if (key === 'Sid' && typeof value === 'string') lines.push(`    sid = ${str(value)}`);
      else if (key === 'Effect' && typeof value === 'string') lines.push(`    effect = ${str(value)}`);
      else if (key in LIST_ELEMENTS) {
        const items = list(value);
        if (items.length === 0 || items.some((i) => typeof i !== 'string')) return undefined;
        lines.push(`    ${LIST_ELEMENTS[key]} = [${items.map((i) => str(i as string)).join(', ')}]`);
      } else if (key === 'Condition' && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [test, keys] of Object.entries(value as Record<string, unknown>)) {
          if (!keys || typeof keys !== 'object' || Array.isArray(keys)) return undefined;
          for (const [variable, values] of Object.entries(keys as Record<string, unknown>)) {
            const items = list(values);
            if (items.length === 0 || items.some((i) => typeof i !== 'string')) return undefined;
            lines.push(
              `    condition {\n      test     = ${str(test)}\n      variable = ${str(variable)}\n      values   = [${items.map((i) => str(i as string)).join(', ')}]\n    }`,
            );
          }
        }
      } else return undefined;
    }
    if (typeof st.Effect !== 'string') return undefined;
    blocks.push(`  statement {\n${lines.join('\n')}\n  }`);
  }
  const head = [`  version = ${str(doc.Version)}`, ...(typeof doc.Id === 'string' ? [`  policy_id = ${str(doc.Id)}`] : [])];
  return `data "aws_iam_policy_document" "managed" {\n${head.join('\n')}\n${blocks.join('\n')}\n}\n`;
}
