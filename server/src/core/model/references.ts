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
 * What a string value refers to as a whole: `Ref X`, `Fn::GetAtt X.Attr`, or a Fn::Sub / Fn::Join that is
 * exactly one reference (`!Sub "${X}"`). Undefined for literal text and anything else.
 */
export function wholeReference(value: { readonly value: string; readonly intrinsic?: Intrinsic }): TemplateReference | undefined {
  const i = value.intrinsic;
  if (!i || value.value !== HOLE || i.refs.length !== 1) return undefined;
  if (i.fn !== 'Ref' && i.fn !== 'Fn::GetAtt' && i.fn !== 'Fn::Sub' && i.fn !== 'Fn::Join') return undefined;
  return splitReference(i.refs[0]);
}
