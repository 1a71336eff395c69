/**
 * How a policy variable is written in the document a policy came from. IAM's own spelling is `${name}`; in a
 * Terraform string or heredoc (and a `templatefile` input) a literal `${` is written `$${`, since Terraform reads
 * `${` as its interpolation; in `data "aws_iam_policy_document"` the provider also takes `&{name}`. The source
 * that read the policy says which (`PolicyDocument.variableNotation`); every message that writes a variable
 * renders it here, so advice is text the user can paste.
 */
export type VariableNotation = '${' | '$${' | '&{';

/**
 * How the document writes a string token of a policy, for the features that write one again (a quick fix's
 * new value): `json` a JSON string literal (policy files, templates: YAML re-quotes it itself); `template-json`
 * a JSON string inside a Terraform template (a heredoc, a `.tpl`), where `${` and `%{` are Terraform's and are
 * written `$${` and `%%{`; `hcl` an HCL quoted string (`jsonencode`, `aws_iam_policy_document`), with HCL's
 * backslash escapes and the same template escapes. Set by the source (`PolicyDocument.stringNotation`).
 */
export type StringNotation = 'json' | 'template-json' | 'hcl';

/** The variable `name` as the document writes it: `${name}`, `$${name}` or `&{name}`. */
export function writeVariable(name: string, notation: VariableNotation | undefined): string {
  return (notation ?? '${') + name + '}';
}

/** Text that writes policy variables as IAM does (`${...}`: advice, an example ARN) in the document's notation. */
export function inNotation(text: string, notation: VariableNotation | undefined): string {
  return notation === undefined || notation === '${' ? text : text.split('${').join(notation);
}
