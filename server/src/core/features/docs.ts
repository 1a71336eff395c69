/**
 * Reference text for the policy language itself (elements, operators), shown by completion and hover.
 * Identity-pool facts live in cognito/knowledge.ts; actions, resources and keys come from the catalog.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import { parseOperator, type OperatorFamily } from '../iam/operators';
import { CURRENT_VERSION, OLD_VERSION } from '../iam/versions';

const ELEMENTS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements';

export interface ElementDoc {
  readonly name: string;
  readonly where: 'policy' | 'statement' | 'principal';
  readonly doc: string;
  readonly url: string;
}

export const ELEMENT_DOCS: readonly ElementDoc[] = [
  {
    name: 'Version',
    where: 'policy',
    doc: `The policy language version. Always \`${CURRENT_VERSION}\`: with the old \`${OLD_VERSION}\` (or none) policy variables such as \`\${cognito-identity.amazonaws.com:sub}\` are literal text.`,
    url: `${ELEMENTS_URL}_version.html`,
  },
  {
    name: 'Id',
    where: 'policy',
    doc: 'An optional identifier for the policy (a UUID is common). IAM ignores it for evaluation.',
    url: `${ELEMENTS_URL}_id.html`,
  },
  {
    name: 'Statement',
    where: 'policy',
    doc: 'The statements of the policy: one object or an array of objects, each with `Effect`, `Action` and (in permission policies) `Resource`, or (in trust policies) `Principal`.',
    url: `${ELEMENTS_URL}_statement.html`,
  },
  {
    name: 'Sid',
    where: 'statement',
    doc: 'An optional statement ID, unique within the policy. In identity and trust policies only `A-Z`, `a-z` and `0-9`.',
    url: `${ELEMENTS_URL}_sid.html`,
  },
  {
    name: 'Effect',
    where: 'statement',
    doc: '`Allow` or `Deny` (case-sensitive). An explicit Deny always wins over any Allow.',
    url: `${ELEMENTS_URL}_effect.html`,
  },
  {
    name: 'Principal',
    where: 'statement',
    doc: 'Who the statement applies to, in trust and resource policies only. An identity-pool role trusts `{"Federated": "cognito-identity.amazonaws.com"}`. Permission (identity) policies must not have it.',
    url: `${ELEMENTS_URL}_principal.html`,
  },
  {
    name: 'NotPrincipal',
    where: 'statement',
    doc: 'Every principal except the listed ones. Not allowed in trust policies of roles; avoid it.',
    url: `${ELEMENTS_URL}_notprincipal.html`,
  },
  {
    name: 'Action',
    where: 'statement',
    doc: 'The actions the statement allows or denies: `service:Action`, with `*` and `?` wildcards (case-insensitive). A trust policy of an identity-pool role needs `sts:AssumeRoleWithWebIdentity`.',
    url: `${ELEMENTS_URL}_action.html`,
  },
  {
    name: 'NotAction',
    where: 'statement',
    doc: 'Every action except the listed ones. With `Allow` it grants everything else, including actions AWS adds later.',
    url: `${ELEMENTS_URL}_notaction.html`,
  },
  {
    name: 'Resource',
    where: 'statement',
    doc: 'The resources (ARNs, with `*`/`?` wildcards and policy variables) the actions apply to. Per-identity data: `arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*`.',
    url: `${ELEMENTS_URL}_resource.html`,
  },
  {
    name: 'NotResource',
    where: 'statement',
    doc: 'Every resource except the listed ones. With `Allow` it grants the actions on everything else.',
    url: `${ELEMENTS_URL}_notresource.html`,
  },
  {
    name: 'Condition',
    where: 'statement',
    doc: 'When the statement applies: `{ "Operator": { "key": value-or-values } }`. Operators are ANDed, keys within an operator are ANDed, values of one key are ORed.',
    url: `${ELEMENTS_URL}_condition.html`,
  },
  {
    name: 'AWS',
    where: 'principal',
    doc: 'An AWS account, IAM user or role: an ARN or a 12-digit account ID.',
    url: `${ELEMENTS_URL}_principal.html#principal-accounts`,
  },
  {
    name: 'Service',
    where: 'principal',
    doc: 'An AWS service principal such as `lambda.amazonaws.com`.',
    url: `${ELEMENTS_URL}_principal.html#principal-services`,
  },
  {
    name: 'Federated',
    where: 'principal',
    doc: 'A web identity or SAML provider. Identity-pool roles trust `cognito-identity.amazonaws.com`.',
    url: `${ELEMENTS_URL}_principal.html#principal-federated-web-identity`,
  },
  { name: 'CanonicalUser', where: 'principal', doc: 'An S3 canonical user ID (resource policies of S3 only).', url: `${ELEMENTS_URL}_principal.html` },
];

export function elementDoc(name: string, where: ElementDoc['where']): ElementDoc | undefined {
  return ELEMENT_DOCS.find((e) => e.name === name && e.where === where);
}

export const VERSION_VALUES: readonly { readonly value: string; readonly doc: string }[] = [
  { value: CURRENT_VERSION, doc: 'The current policy language. Use it: policy variables work only here.' },
  { value: OLD_VERSION, doc: 'The old policy language: policy variables are literal text. Do not use it for new policies.' },
];

export const EFFECT_VALUES: readonly { readonly value: string; readonly doc: string }[] = [
  { value: 'Allow', doc: 'Grants the actions, unless another statement denies them.' },
  { value: 'Deny', doc: 'Denies the actions; an explicit Deny overrides every Allow.' },
];

const OPERATORS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

const FAMILY_DOCS: Readonly<Record<OperatorFamily, string>> = {
  String: 'compares strings',
  Numeric: 'compares numbers',
  Date: 'compares dates (ISO 8601 or epoch seconds)',
  Bool: 'compares `true`/`false`',
  Binary: 'compares base64-encoded bytes',
  IpAddress: 'compares IP addresses with CIDR ranges',
  Arn: 'compares ARNs part by part (with `*`/`?` wildcards for the Like forms)',
  Null: 'tests whether the key is absent (`true`) or present (`false`)',
};

const BASE_DOCS: Readonly<Record<string, string>> = {
  StringEquals: 'Exact, case-sensitive match.',
  StringNotEquals: 'Negated exact match; also true when the key is absent.',
  StringEqualsIgnoreCase: 'Exact match ignoring case.',
  StringNotEqualsIgnoreCase: 'Negated match ignoring case; also true when the key is absent.',
  StringLike: 'Case-sensitive match with `*` (any characters) and `?` (one character); policy variables allowed.',
  StringNotLike: 'Negated wildcard match; also true when the key is absent.',
  Bool: 'Matches `true` or `false`, e.g. `aws:SecureTransport`.',
  Null: '`true`: the key must be absent; `false`: the key must be present.',
  BinaryEquals: 'Byte-for-byte match of a base64 value.',
  IpAddress: 'The address is in one of the CIDR ranges.',
  NotIpAddress: 'The address is in none of the ranges; also true when the key is absent.',
  ArnEquals: 'ARN match (same as ArnLike).',
  ArnLike: 'ARN match with `*`/`?` per ARN part.',
  ArnNotEquals: 'Negated ARN match; also true when the key is absent.',
  ArnNotLike: 'Negated ARN match; also true when the key is absent.',
};

const COMPARISONS: Readonly<Record<string, string>> = {
  Equals: 'Equal to the value.',
  NotEquals: 'Not equal to the value; also true when the key is absent.',
  LessThan: 'Less than the value.',
  LessThanEquals: 'Less than or equal to the value.',
  GreaterThan: 'Greater than the value.',
  GreaterThanEquals: 'Greater than or equal to the value.',
};

/** Markdown explaining an operator as written (set prefix, base, IfExists), or undefined when it is not one. */
export function operatorDoc(text: string): string | undefined {
  const op = parseOperator(text);
  if (!op) return undefined;
  const lines: string[] = [];
  const base = BASE_DOCS[op.base] ?? COMPARISONS[op.base.replace(/^(Numeric|Date)/, '')] ?? '';
  lines.push(`**${text}**: ${FAMILY_DOCS[op.family]}. ${base}`);
  if (op.set === 'ForAnyValue') {
    lines.push(
      '`ForAnyValue:` for multi-valued keys (such as `cognito-identity.amazonaws.com:amr`): true when **at least one** value of the request matches one of the policy values. False when the key is absent or empty.',
    );
  } else if (op.set === 'ForAllValues') {
    lines.push(
      '`ForAllValues:` for multi-valued keys: true when **every** value of the request matches one of the policy values. Also **true when the key is absent or empty**: add a `Null` condition (`"key": "false"`) if the key must be present.',
    );
  }
  if (op.ifExists) lines.push('`IfExists`: true when the key is absent; otherwise the comparison decides.');
  lines.push(`[Condition operators](${OPERATORS_URL})`);
  return lines.join('\n\n');
}
