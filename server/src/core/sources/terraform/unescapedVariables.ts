/**
 * An IAM policy variable written `${aws:username}` in a Terraform string, heredoc or template file: Terraform
 * reads `${` as an interpolation, cannot parse `aws:username` as an expression and rejects the file
 * ("Invalid template interpolation"); the IAM variable is written `$${aws:username}` (or `&{aws:username}` in
 * aws_iam_policy_document). Found on the parse tree: an interpolation's opening `${` inside an ERROR node of the
 * parser, followed by a name shaped like an IAM variable (`service:key`, letters, digits, `.`, `-`, `_`, `/`).
 * A valid interpolation (`${var.bucket}`, `${a ? b : c}`) parses and is never inside an ERROR node.
 */
import type { Reported } from '../../rules/report';
import type { HclNode } from './hclTree';

/** Longest name read after `${` (IAM variable names are short; a tag key at most 128 characters). */
const MAX_NAME = 200;

export function unescapedVariables(root: HclNode, text: string, shift = 0): Reported[] {
  const found: Reported[] = [];
  const visit = (node: HclNode, inError: boolean) => {
    const error = inError || node.type === 'ERROR';
    if (error && node.type === 'template_interpolation_start') {
      const name = variableNameAfter(text, node.end);
      if (name !== undefined) {
        const start = node.start - shift;
        const end = node.end + name.length + 1 - shift;
        found.push({
          ruleId: 'terraform-unescaped-variable',
          range: { start, end },
          message: `Terraform reads \`\${${name}}\` as an interpolation and rejects it: write the IAM policy variable as \`$\${${name}}\` (in aws_iam_policy_document also \`&{${name}}\`). Until Terraform can parse the file, the policies from here on are not checked.`,
        });
      }
    }
    // Only an ERROR node's subtree can hold one: a subtree without an error is not walked.
    for (const c of node.children) if (error || c.hasError) visit(c, error);
  };
  visit(root, false);
  return found;
}

/** The IAM-variable-shaped name between `${` (ending at `from`) and its `}`; undefined for anything else. */
function variableNameAfter(text: string, from: number): string | undefined {
  let colon = false;
  for (let p = from; p < text.length && p - from <= MAX_NAME; p++) {
    const c = text[p];
    if (c === '}') return colon && p > from && text[p - 1] !== ':' && isLetter(text[from]) ? text.slice(from, p) : undefined;
    if (c === ':') colon = true;
    else if (!(isLetter(c) || (c >= '0' && c <= '9') || c === '.' || c === '-' || c === '_' || c === '/')) return undefined;
  }
  return undefined;
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
