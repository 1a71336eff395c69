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

const CONDITION = (condition: Record<string, unknown>) =>
  policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', Condition: condition }]);

const ALL_ON = (resource: string) => policy([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: resource }]);
const S3_ON = (resource: string) => policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }]);

/** A trust policy's aud values: `n` identity pool IDs (48 characters each). */
const POOLS = (n: number) => Array.from({ length: n }, (_, i) => `us-east-1:12345678-1234-1234-1234-${String(i).padStart(12, '0')}`);
export const BIG_TRUST = (pools: number) =>
  policy([
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': POOLS(pools) },
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
  {
    rule: 'condition-key-case-duplicate',
    name: 'aws:SourceIp twice in different case',
    fires: CONDITION({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24', 'aws:sourceip': '198.51.100.0/24' } }),
    at: ['"aws:sourceip"'],
    silent: CONDITION({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } }),
  },
  {
    rule: 'bool-multiple-values',
    name: 'true and false for aws:SecureTransport',
    fires: CONDITION({ Bool: { 'aws:SecureTransport': ['true', 'false'] } }),
    at: ['[\n            "true",\n            "false"\n          ]'],
    silent: CONDITION({ Bool: { 'aws:SecureTransport': 'true' } }),
  },
  {
    rule: 'condition-type-mismatch',
    name: 'dates off the calendar',
    fires: CONDITION({ DateGreaterThan: { 'aws:CurrentTime': ['2026-13-45', '2026-02-30'] } }),
    at: ['"2026-13-45"', '"2026-02-30"'],
    silent: CONDITION({ DateGreaterThan: { 'aws:CurrentTime': ['2026-12-31', '2028-02-29'] } }),
  },
  {
    rule: 'private-ip-source',
    name: 'a private range in aws:SourceIp',
    fires: CONDITION({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
    at: ['"10.0.0.0/8"'],
    silent: CONDITION({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  },
  {
    rule: 'ip-range-not-canonical',
    name: 'a CIDR block with host bits',
    fires: CONDITION({ IpAddress: { 'aws:SourceIp': '203.0.113.7/24' } }),
    at: ['"203.0.113.7/24"'],
    silent: CONDITION({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  },
  {
    rule: 'invalid-identifier-value',
    name: 'a Region name without its number',
    fires: CONDITION({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east'] } }),
    at: ['"us-east"'],
    silent: CONDITION({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east-2'] } }),
  },
  {
    rule: 'arn-region-not-allowed',
    name: 'a Region in an S3 object ARN',
    fires: S3_ON('arn:aws:s3:us-east-1::bucket/*'),
    at: ['us-east-1'],
    silent: S3_ON('arn:aws:s3:::bucket/*'),
  },
  {
    rule: 'arn-account-not-allowed',
    name: 'an account in an S3 object ARN',
    fires: S3_ON('arn:aws:s3::111122223333:bucket/*'),
    at: ['111122223333'],
    silent: S3_ON('arn:aws:s3:::bucket/*'),
  },
  {
    rule: 'invalid-arn-region',
    name: 'a Region without its number',
    fires: ALL_ON('arn:aws:dynamodb:us-east:111122223333:table/Notes'),
    at: ['us-east'],
    silent: ALL_ON('arn:aws:dynamodb:us-east-1:111122223333:table/Notes'),
  },
  {
    rule: 'invalid-arn-account',
    name: 'an account ID of 11 digits',
    fires: ALL_ON('arn:aws:dynamodb:us-east-1:11112222333:table/Notes'),
    at: ['11112222333'],
    silent: ALL_ON('arn:aws:dynamodb:us-east-1:111122223333:table/Notes'),
  },
  {
    rule: 'pass-role-on-any-role',
    name: 'iam:PassRole on "*"',
    fires: policy([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]),
    at: ['"*"'],
    silent: policy([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/lambda-app' }]),
  },
  {
    rule: 'policy-size-quota',
    name: 'a trust policy above 2,048 characters',
    fires: BIG_TRUST(36),
    at: ['"Statement"'],
    silent: BIG_TRUST(34),
  },
  {
    rule: 'empty-sid',
    name: 'an empty Sid',
    fires: policy([{ Sid: '', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
    at: ['""'],
    silent: policy([{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'empty-condition',
    name: 'an empty Condition',
    fires: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', Condition: {} }]),
    at: ['{}'],
    silent: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'service-name-wildcard',
    name: 'a wildcard in the service prefix',
    fires: policy([{ Effect: 'Allow', Action: 's3*:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
    at: ['"s3*:GetObject"'],
    silent: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'redundant-action',
    name: 'an action a wildcard already covers',
    fires: policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObject*'], Resource: 'arn:aws:s3:::bucket/*' }]),
    at: ['"s3:GetObject"'],
    silent: policy([{ Effect: 'Allow', Action: 's3:GetObject*', Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'redundant-resource',
    name: 'a folder inside a bucket already granted',
    fires: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/photos/*'] }]),
    at: ['"arn:aws:s3:::bucket/photos/*"'],
    silent: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'redundant-statement',
    name: 'the same statement twice under two Sids',
    fires: policy([
      { Sid: 'One', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' },
      { Sid: 'Two', Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::bucket/*' },
    ]),
    at: ['"Two"'],
    silent: policy([{ Sid: 'One', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'redundant-numeric-values',
    name: 'two limits for s3:max-keys',
    fires: policy([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { NumericLessThan: { 's3:max-keys': ['10', '20'] } } },
    ]),
    at: ['[\n            "10",\n            "20"\n          ]'],
    silent: policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { NumericLessThan: { 's3:max-keys': '20' } } }]),
  },
];
