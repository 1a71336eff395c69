/**
 * The Region and account parts of resource ARNs, the checks IAM Access Analyzer makes offline: a part where the
 * resource type has none (S3 buckets, IAM roles), an account that is not 12 digits, a Region that cannot be one.
 * Which types the ARN can be is the catalog's: the formats whose resource part the ARN's can match. Parts with
 * wildcards or variables, services the catalog does not know and ARNs that match no format are not judged.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { formatsOf } from '../iam/arns';
import { AWS_OWNED_ACCOUNT, isAccountId, isRegionName } from '../iam/identifiers';
import { isExact, type StringValue } from '../model/policy';
import { inNotation } from '../model/variableNotation';
import { resourceMatchesFormat, splitArn, type ArnParts } from '../text/arn';
import { innerRange, type Check, type CheckContext } from './context';

export const checkArnParts: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    for (const r of s.resources ?? []) if (isExact(r)) checkArn(ctx, r);
    for (const r of s.notResources ?? []) if (isExact(r)) checkArn(ctx, r);
  }
};

const literal = (part: string) => part !== '' && !/[*?$]/.test(part);

function checkArn(ctx: CheckContext, r: StringValue): void {
  const parts = splitArn(r.value);
  if (!parts || !literal(parts.service) || (!literal(parts.region) && !literal(parts.account))) return;
  const formats = matchingFormats(ctx, parts);
  if (formats.length === 0) return;
  const service = ctx.catalog.service(parts.service)?.name ?? parts.service;
  const at = (index: 2 | 3, text: string) => innerRange(ctx, r, parts.offsets[index], parts.offsets[index] + text.length);
  if (literal(parts.region)) {
    if (!formats.some((f) => f.region !== '')) {
      ctx.report(
        'arn-region-not-allowed',
        at(2, parts.region),
        `${service} ARNs of this type have no Region: write "${inNotation(withParts(parts, '', parts.account), ctx.doc.variableNotation)}" (the Region part is empty).`,
      );
    } else if (!isRegionName(parts.region)) {
      ctx.report('invalid-arn-region', at(2, parts.region), `"${parts.region}" is not a Region name, such as "us-east-1": the ARN matches no resource.`);
    }
  }
  if (literal(parts.account)) {
    if (!formats.some((f) => f.account !== '')) {
      ctx.report(
        'arn-account-not-allowed',
        at(3, parts.account),
        `${service} ARNs of this type have no account ID: write "${inNotation(withParts(parts, parts.region, ''), ctx.doc.variableNotation)}" (the account part is empty).`,
      );
    } else if (!isAccountId(parts.account) && parts.account !== AWS_OWNED_ACCOUNT) {
      ctx.report('invalid-arn-account', at(3, parts.account), `"${parts.account}" is not an account ID (12 digits): the ARN matches no resource.`);
    }
  }
}

/**
 * The Region and account parts of the catalog's formats of the service whose resource part the ARN's can match
 * (compared part to part: a wildcard in the ARN's resource never spans into the format's Region or account).
 */
function matchingFormats(ctx: CheckContext, parts: ArnParts): { readonly region: string; readonly account: string }[] {
  const out: ArnParts[] = [];
  for (const type of ctx.catalog.resourceTypesOf(parts.service)) {
    for (const { parts: f, noSlashAtEnd } of formatsOf(ctx.catalog, type)) {
      if (f && resourceMatchesFormat(parts.resource, f.resource, noSlashAtEnd)) out.push(f);
    }
  }
  return out;
}

function withParts(parts: ArnParts, region: string, account: string): string {
  return `arn:${parts.partition}:${parts.service}:${region}:${account}:${parts.resource}`;
}
