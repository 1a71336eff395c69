/**
 * The rule cases of IAM Access Analyzer's offline checks (issue 14), run by rules.test.ts with the others: each
 * fires on the smallest document that shows the mistake (the exact text of each finding) and is silent on the fix.
 */
import type { AnalyzeOptions } from '../../server/src/core';
import { policy } from './helpers';

export interface AccessAnalyzerCase {
  readonly rule: string;
  readonly name: string;
  readonly fires: string;
  readonly at: readonly string[];
  readonly silent: string;
  readonly options?: AnalyzeOptions;
}

const PREFIX_LIST = (operator: string, prefix: string) =>
  policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { [operator]: { 's3:prefix': prefix } } }]);

const TAGGED = (effect: string, action: string) =>
  policy([{ Effect: effect, Action: action, Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } }]);

/** An identity-pool role's trust policy with these actions and conditions besides aud and amr. */
export const TRUST = (action: unknown, extra: Record<string, unknown> = {}, principal: unknown = { Federated: 'cognito-identity.amazonaws.com' }) =>
  policy([
    {
      Effect: 'Allow',
      Principal: principal,
      Action: action,
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012', ...extra },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
    },
  ]);

export const ACCESS_ANALYZER_CASES: readonly AccessAnalyzerCase[] = [
  {
    rule: 'condition-wildcard-without-like',
    name: 'a folder wildcard under StringEquals',
    fires: PREFIX_LIST('StringEquals', '${cognito-identity.amazonaws.com:sub}/*'),
    at: ['"StringEquals"'],
    silent: PREFIX_LIST('StringLike', '${cognito-identity.amazonaws.com:sub}/*'),
  },
  {
    rule: 'tag-key-not-supported',
    name: 'a Deny on a resource tag that cognito-identity:GetId never carries',
    fires: TAGGED('Deny', 'cognito-identity:GetId'),
    at: ['"aws:ResourceTag/team"'],
    silent: TAGGED('Deny', 'cognito-identity:DescribeIdentityPool'),
  },
  {
    rule: 'missing-action-for-condition-key',
    name: 'a session tag tested in a trust policy without sts:TagSession',
    fires: TRUST('sts:AssumeRoleWithWebIdentity', { 'aws:RequestTag/team': 'blue' }),
    at: ['"aws:RequestTag/team"'],
    silent: TRUST(['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'], { 'aws:RequestTag/team': 'blue' }),
  },
  {
    rule: 'missing-paired-condition-key',
    name: 'aws:VpcSourceIp without the VPC',
    fires: policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } } },
    ]),
    at: ['"aws:VpcSourceIp"'],
    silent: policy([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::bucket/*',
        Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' }, StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } },
      },
    ]),
  },
  {
    rule: 'trust-wildcard-principal',
    name: '"Principal": "*" in a role trust policy',
    fires: TRUST('sts:AssumeRoleWithWebIdentity', {}, '*'),
    at: ['"*"'],
    silent: TRUST('sts:AssumeRoleWithWebIdentity'),
  },
  {
    rule: 'trust-not-principal',
    name: 'NotPrincipal in a role trust policy',
    fires: policy([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }]),
    at: ['"NotPrincipal"'],
    silent: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }]),
  },
  {
    rule: 'allow-with-not-principal',
    name: 'Allow with NotPrincipal in a bucket policy',
    fires: policy([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
    at: ['"NotPrincipal"'],
    silent: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'oidc-principal-without-condition',
    name: 'Google as the web identity provider with no condition on its keys',
    fires: policy([{ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
    at: ['"accounts.google.com"'],
    silent: policy([
      {
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'accounts.google.com:aud': '1234567890-abc.apps.googleusercontent.com' } },
      },
    ]),
  },
];
