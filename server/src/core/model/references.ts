/**
 * What a template string value refers to (`Ref X`, `Fn::GetAtt X.Attr`), read from the model's `Intrinsic`
 * alone: the role rules resolve an `aud` value to a pool of the role model with it, without seeing a template.
 */
import type { Intrinsic } from './policy';

/** What a template variable that the template does not fix becomes in a value: a wildcard. */
export const HOLE = '*';

/** The `Intrinsic.fn` of a value Terraform fills in (an interpolation, a reference, a function call). */
export const TERRAFORM_EXPRESSION = 'Terraform';

/** A template reference as written (`Pool`, `Role.Arn`), split into logical ID and attribute. */
export interface TemplateReference {
  readonly logicalId: string;
  readonly attribute?: string;
}

export function splitReference(name: string): TemplateReference {
  const dot = name.indexOf('.');
  return dot < 0 ? { logicalId: name } : { logicalId: name.slice(0, dot), attribute: name.slice(dot + 1) };
}

/**
 * A Terraform reference as written (`aws_cognito_identity_pool.main.id`, `data.aws_iam_policy_document.d.json`):
 * the resource's address as the logical ID (`aws_cognito_identity_pool.main`) and the attribute (`id`). Anything
 * but a plain traversal of names (`var.x`, an index, a call) is undefined.
 */
export function terraformReference(expression: string): TemplateReference | undefined {
  const parts = expression.split('.');
  const isName = (p: string) =>
    p.length > 0 && [...p].every((c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-');
  if (!parts.every(isName) || ['var', 'local', 'module'].includes(parts[0])) return undefined;
  const size = parts[0] === 'data' ? 3 : 2;
  if (parts.length < size || parts.length > size + 1) return undefined;
  const logicalId = parts.slice(0, size).join('.');
  return parts.length > size ? { logicalId, attribute: parts[size] } : { logicalId };
}

/**
 * What a string value refers to as a whole: `Ref X`, `Fn::GetAtt X.Attr`, or a Fn::Sub / Fn::Join that is
 * exactly one reference (`!Sub "${X}"`). Undefined for literal text and anything else.
 */
export function wholeReference(value: { readonly value: string; readonly intrinsic?: Intrinsic }): TemplateReference | undefined {
  const i = value.intrinsic;
  if (!i || value.value !== HOLE || i.refs.length !== 1) return undefined;
  if (i.fn === TERRAFORM_EXPRESSION) return terraformReference(i.refs[0]);
  if (i.fn !== 'Ref' && i.fn !== 'Fn::GetAtt' && i.fn !== 'Fn::Sub' && i.fn !== 'Fn::Join') return undefined;
  return splitReference(i.refs[0]);
}
