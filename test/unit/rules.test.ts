/**
 * Every rule of the registry, firing on the smallest document that shows the mistake (asserting
 * the exact token it points at) and silent on the corrected document (asserting no finding at all).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeDocument, analyzeTemplate, RULES, type AnalyzeOptions, type TemplateFormat } from '../../server/src/core';
import { ACCESS_ANALYZER_CASES } from './accessAnalyzerCases';
import { analyze, catalog, hclParser, hits, policy, summary } from './helpers';

interface RuleCase {
  readonly rule: string;
  readonly name: string;
  readonly fires: string;
  /** The source text of each finding of the rule, in order. */
  readonly at: readonly string[];
  /** The corrected document: no findings at all. */
  readonly silent: string;
  /** Analysis options for both documents (the host's identity-pool input). */
  readonly options?: AnalyzeOptions;
  /** Both documents are CloudFormation templates of this format (rules across documents). */
  readonly template?: TemplateFormat;
  /** Both documents are Terraform files of this name (`main.tf`, `policy.json.tpl`). */
  readonly terraform?: string;
  /** The firing document as docs/rules/<id>.md shows it, when `fires` is too large to print (abridged there). */
  readonly firesShown?: string;
}

/** A YAML template with these resources (each indented by two spaces). */
const cfn = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`;
const POOL = (properties = 'AllowUnauthenticatedIdentities: false', name = 'Pool') =>
  `  ${name}:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      ${properties.split('\n').join('\n      ')}\n`;
/** An identity-pool role: its trust policy (aud, amr, actions) and one permission policy (statements in YAML flow style). */
const ROLE = (name: string, o: { amr?: string; aud?: string; actions?: string; statements?: string; principal?: string } = {}) => `  ${name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: ${o.principal ?? '{Federated: cognito-identity.amazonaws.com}'}
            Action: ${o.actions ?? 'sts:AssumeRoleWithWebIdentity'}
${
  o.principal
    ? ''
    : `            Condition:
              StringEquals: {cognito-identity.amazonaws.com:aud: ${o.aud ?? '!Ref Pool'}}
              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: ${o.amr ?? 'authenticated'}}
`
}${
  o.statements
    ? `      Policies:
        - PolicyName: Access
          PolicyDocument:
            Version: '2012-10-17'
            Statement: ${o.statements}
`
    : ''
}`;
const ATTACH = (roles: string, mappings = '') => `  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: {${roles}}
${mappings}`;
const MAPPING_RULES = (n: number) => `      RoleMappings:
        google:
          IdentityProvider: accounts.google.com
          Type: Rules
          AmbiguousRoleResolution: Deny
          RulesConfiguration:
            Rules:
${Array.from({ length: n }, (_, i) => `              - {Claim: hd, MatchType: Equals, Value: team${i + 1}, RoleARN: !GetAtt AuthRole.Arn}\n`).join('')}`;
/** A Rules mapping for a user pool app client. */
const USER_POOL_RULES = (ambiguous: string, ...rules: string[]) => `      RoleMappings:
        userpool:
          IdentityProvider: cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:a1b2c3d4e5f6g7h8i9j0k1l2m3
          Type: Rules
          AmbiguousRoleResolution: ${ambiguous}
          RulesConfiguration:
            Rules:
${rules.map((r) => `              - ${r}\n`).join('')}`;
/** A user pool resource and its group "Admins" with a role. */
const GROUP = (role: string) => `  UserPool:
    Type: AWS::Cognito::UserPool
  Admins:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      UserPoolId: !Ref UserPool
      RoleArn: !GetAtt ${role}.Arn
`;
/** A Token mapping for the user pool resource's app client. */
const TOKEN_MAPPING = `      RoleMappings:
        userpool:
          IdentityProvider: !Join [':', [!GetAtt UserPool.ProviderName, !Ref Client]]
          Type: Token
          AmbiguousRoleResolution: AuthenticatedRole
`;
/** The pool's principal tags for the user pool (the properties after IdentityProviderName). */
const TAG_MAP = (properties: string) => `  Tags:
    Type: AWS::Cognito::IdentityPoolPrincipalTag
    Properties:
      IdentityPoolId: !Ref Pool
      IdentityProviderName: cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123
      ${properties}
`;
const SUB_OBJECTS = `[{Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::bucket/\${cognito-identity.amazonaws.com:sub}/*'}]`;

const S3_GET = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
const TRUST = {
  Effect: 'Allow',
  Principal: { Federated: 'cognito-identity.amazonaws.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
    'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
  },
};
const SUB = '${cognito-identity.amazonaws.com:sub}';

export const CASES: RuleCase[] = [
  ...ACCESS_ANALYZER_CASES,
  {
    rule: 'json-syntax',
    name: 'a trailing comma',
    fires: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",}]}',
    at: [','],
    silent: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
  },
  {
    rule: 'json-syntax',
    name: 'a policy saved with backslash-escaped quotes',
    fires: JSON.stringify({ Version: '2012-10-17', Statement: [S3_GET] }).replace(/"/g, '\\"'),
    at: ['\\"'],
    silent: JSON.stringify({ Version: '2012-10-17', Statement: [S3_GET] }),
  },
  {
    rule: 'duplicate-key',
    name: 'Effect twice in a statement',
    fires: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}',
    at: ['"Effect"'],
    silent: '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}',
  },
  {
    rule: 'unknown-element',
    name: '"Actions" instead of "Action"',
    fires: policy([{ Effect: 'Allow', Actions: 's3:GetObject', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/*' }]),
    at: ['"Actions"'],
    silent: policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'missing-element',
    name: 'a statement without Effect',
    fires: policy([{ Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
    at: ['{'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'missing-element',
    name: 'an identity policy statement without Resource',
    fires: policy([{ Effect: 'Allow', Action: 's3:GetObject' }]),
    at: ['{'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'missing-element',
    name: 'a trust policy statement without Principal',
    fires: policy([{ ...TRUST, Principal: undefined }]),
    at: ['{'],
    silent: policy([TRUST]),
  },
  {
    rule: 'conflicting-elements',
    name: 'Action and NotAction together',
    fires: policy([{ ...S3_GET, Effect: 'Deny', NotAction: 's3:PutObject' }]),
    at: ['"NotAction"'],
    silent: policy([{ ...S3_GET, Effect: 'Deny' }]),
  },
  {
    rule: 'element-not-allowed',
    name: 'Resource in a role trust policy',
    fires: policy([{ ...TRUST, Resource: '*' }]),
    at: ['"Resource"'],
    silent: policy([TRUST]),
  },
  {
    rule: 'element-not-allowed',
    name: 'Principal in an identity policy',
    fires: policy([S3_GET, { ...S3_GET, Sid: 'Second', Action: 's3:PutObject' }, { ...S3_GET, Sid: 'Third', Action: 's3:DeleteObject', Principal: '*' }]),
    at: ['"Principal"'],
    silent: policy([S3_GET, { ...S3_GET, Sid: 'Second', Action: 's3:PutObject' }, { ...S3_GET, Sid: 'Third', Action: 's3:DeleteObject' }]),
  },
  {
    rule: 'invalid-value',
    name: 'Effect in lower case',
    fires: policy([{ ...S3_GET, Effect: 'allow' }]),
    at: ['"allow"'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'invalid-value',
    name: 'an empty Action array',
    fires: policy([{ ...S3_GET, Action: [] }]),
    at: ['[]'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'invalid-value',
    name: 'a Version that is not a policy language version',
    fires: policy([S3_GET], { Version: '2024-01-01' }),
    at: ['"2024-01-01"'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'statement-not-policy',
    name: 'a bare statement saved as a file',
    fires: JSON.stringify(S3_GET, null, 2),
    at: ['{'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'missing-version',
    name: 'no Version',
    fires: policy([S3_GET], {}),
    at: ['"Statement"'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'old-version',
    name: 'Version 2008-10-17',
    fires: policy([S3_GET], { Version: '2008-10-17' }),
    at: ['"2008-10-17"'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'duplicate-sid',
    name: 'two statements with one Sid',
    fires: policy([
      { ...S3_GET, Sid: 'Read' },
      { ...S3_GET, Sid: 'Read', Effect: 'Deny' },
    ]),
    at: ['"Read"'],
    silent: policy([
      { ...S3_GET, Sid: 'Read' },
      { ...S3_GET, Sid: 'DenyRead', Effect: 'Deny' },
    ]),
  },
  {
    rule: 'invalid-sid',
    name: 'a Sid with spaces',
    fires: policy([{ ...S3_GET, Sid: 'read own folder' }]),
    at: ['"read own folder"'],
    silent: policy([{ ...S3_GET, Sid: 'ReadOwnFolder' }]),
  },
  {
    rule: 'unused-suppression',
    name: 'a suppression above a line without that finding',
    terraform: 'main.tf',
    fires: `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      # cognito-pool-lint-disable-next-line unknown-action -- kept on purpose\n      Action = "s3:GetObject"\n      Resource = "*"\n    }]\n  })\n}\n`,
    at: ['unknown-action'],
    silent: `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      # cognito-pool-lint-disable-next-line unknown-action -- kept on purpose\n      Action = "s3:GetObjects"\n      Resource = "*"\n    }]\n  })\n}\n`,
  },
  {
    rule: 'invalid-action-format',
    name: 'an action without a colon',
    fires: policy([{ ...S3_GET, Action: 's3-GetObject' }]),
    at: ['"s3-GetObject"'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'unknown-service',
    name: 'a misspelt service prefix',
    fires: policy([{ ...S3_GET, Action: 's4:GetObject' }]),
    at: ['"s4:GetObject"'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'unknown-action',
    name: 'a misspelt action',
    fires: policy([{ ...S3_GET, Action: 's3:GetObjects' }]),
    at: ['"s3:GetObjects"'],
    silent: policy([{ ...S3_GET, Action: 's3:getobject' }]),
  },
  {
    rule: 'action-wildcard-matches-nothing',
    name: 'a wildcard with a typo before the star',
    fires: policy([{ ...S3_GET, Action: 's3:Gett*' }]),
    at: ['"s3:Gett*"'],
    silent: policy([{ ...S3_GET, Action: 's3:Get*' }]),
  },
  {
    rule: 'invalid-arn',
    name: 'a bucket path without arn:',
    fires: policy([{ ...S3_GET, Resource: 'bucket/*' }]),
    at: ['"bucket/*"'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'resource-mismatch',
    name: 's3:ListBucket on an object prefix (the statement grants nothing)',
    fires: policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::bucket/${SUB}/*` }]),
    at: ['"s3:ListBucket"'],
    silent: policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { StringLike: { 's3:prefix': `${SUB}/*` } } }]),
  },
  {
    rule: 'action-needs-star-resource',
    name: 'an S3 folder statement that also lists rekognition:DetectLabels (it takes only "*")',
    fires: policy([{ Effect: 'Allow', Action: ['s3:PutObject', 'rekognition:DetectLabels'], Resource: `arn:aws:s3:::photos/${SUB}/*` }]),
    at: ['"rekognition:DetectLabels"'],
    silent: policy([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::photos/${SUB}/*` },
      { Effect: 'Allow', Action: 'rekognition:DetectLabels', Resource: '*' },
    ]),
  },
  {
    rule: 'unknown-condition-operator',
    name: '"StringEqual" without the s',
    fires: policy([{ ...S3_GET, Condition: { StringEqual: { 'aws:SourceIp': '203.0.113.0/24' } } }]),
    at: ['"StringEqual"'],
    silent: policy([{ ...S3_GET, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }]),
  },
  {
    rule: 'unknown-condition-key',
    name: 'a global key that does not exist',
    fires: policy([{ ...S3_GET, Condition: { StringEquals: { 'aws:SrcVpc': 'vpc-1a2b3c4d' } } }]),
    at: ['"aws:SrcVpc"'],
    silent: policy([{ ...S3_GET, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } } }]),
  },
  {
    rule: 'condition-key-not-applicable',
    name: 's3:prefix on s3:GetObject beside an action the catalog does not know (the typo does not hide it)',
    fires: policy([{ ...S3_GET, Action: ['s3:GetObject', 's3:GetObjekt'], Condition: { StringLike: { 's3:prefix': 'home/*' } } }]),
    at: ['"s3:prefix"'],
    silent: policy([{ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::bucket', Condition: { StringLike: { 's3:prefix': 'home/*' } } }]),
  },
  {
    rule: 'condition-key-not-applicable',
    name: 's3:prefix on s3:GetObject',
    fires: policy([{ ...S3_GET, Condition: { StringLike: { 's3:prefix': 'home/*' } } }]),
    at: ['"s3:prefix"'],
    silent: policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { StringLike: { 's3:prefix': 'home/*' } } }]),
  },
  {
    rule: 'condition-type-mismatch',
    name: 'a Bool value that is not true or false',
    fires: policy([{ ...S3_GET, Condition: { Bool: { 'aws:SecureTransport': 'yes' } } }]),
    at: ['"yes"'],
    silent: policy([{ ...S3_GET, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }]),
  },
  {
    rule: 'condition-type-mismatch',
    name: 'a Numeric operator on an IP address key',
    fires: policy([{ ...S3_GET, Condition: { NumericLessThan: { 'aws:SourceIp': '10' } } }]),
    at: ['"NumericLessThan"'],
    silent: policy([{ ...S3_GET, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }]),
  },
  {
    rule: 'condition-type-mismatch',
    name: 'a date that is not ISO 8601',
    fires: policy([{ ...S3_GET, Condition: { DateLessThan: { 'aws:CurrentTime': '31/12/2026' } } }]),
    at: ['"31/12/2026"'],
    silent: policy([{ ...S3_GET, Condition: { DateLessThan: { 'aws:CurrentTime': '2026-12-31T23:59:59Z' } } }]),
  },
  {
    rule: 'set-operator-on-single-valued-key',
    name: 'ForAllValues on aws:SourceVpc',
    fires: policy([{ ...S3_GET, Condition: { 'ForAllValues:StringEquals': { 'aws:SourceVpc': 'vpc-1a2b3c4d' } } }]),
    at: ['"ForAllValues:StringEquals"'],
    silent: policy([{ ...S3_GET, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } } }]),
  },
  {
    rule: 'multi-valued-key-operator',
    name: 'plain StringLike on amr in a trust policy',
    fires: policy([
      {
        ...TRUST,
        Condition: { ...TRUST.Condition, 'ForAnyValue:StringLike': undefined, StringLike: { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
      },
    ]),
    at: ['"StringLike"'],
    silent: policy([TRUST]),
  },
  {
    rule: 'variable-missing-dollar',
    name: '{cognito-identity.amazonaws.com:sub} without $',
    fires: policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/{cognito-identity.amazonaws.com:sub}/*' }]),
    at: ['{cognito-identity.amazonaws.com:sub}'],
    silent: policy([{ ...S3_GET, Resource: `arn:aws:s3:::bucket/${SUB}/*` }]),
  },
  {
    rule: 'terraform-unescaped-variable',
    name: "an IAM variable in a heredoc without Terraform's escape",
    terraform: 'main.tf',
    fires: `resource "aws_iam_policy" "own" {\n  policy = <<EOF\n${policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }])}\nEOF\n}\n`,
    at: ['${aws:username}'],
    silent: `resource "aws_iam_policy" "own" {\n  policy = <<EOF\n${policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/$${aws:username}/*' }])}\nEOF\n}\n`,
  },
  {
    rule: 'variable-syntax',
    name: 'an unterminated variable',
    fires: policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub/*' }]),
    at: ['${cognito-identity.amazonaws.com:sub/*'],
    silent: policy([{ ...S3_GET, Resource: `arn:aws:s3:::bucket/${SUB}/*` }]),
  },
  {
    rule: 'terraform-unescaped-variable',
    name: "an IAM variable in a heredoc without Terraform's escape",
    terraform: 'main.tf',
    fires: `resource "aws_iam_policy" "own" {\n  policy = <<EOF\n${policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }])}\nEOF\n}\n`,
    at: ['${aws:username}'],
    silent: `resource "aws_iam_policy" "own" {\n  policy = <<EOF\n${policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/$${aws:username}/*' }])}\nEOF\n}\n`,
  },
  {
    rule: 'variable-syntax',
    name: 'a default value without quotes',
    fires: policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/team, shared}/*' }]),
    at: ['${aws:PrincipalTag/team, shared}'],
    silent: policy([{ ...S3_GET, Resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*" }]),
  },
  {
    rule: 'unknown-variable',
    name: 'a Cognito key that does not exist',
    fires: policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:id}/*' }]),
    at: ['cognito-identity.amazonaws.com:id'],
    silent: policy([{ ...S3_GET, Resource: `arn:aws:s3:::bucket/${SUB}/*` }]),
  },
  {
    rule: 'variable-not-allowed-here',
    name: 'a variable in the service part of an ARN',
    fires: policy([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'arn:aws:${aws:PrincipalTag/svc}:us-east-1:123456789012:table/Notes' }]),
    at: ['${aws:PrincipalTag/svc}'],
    // AWS's own managed policies put variables in the region and account parts: those stay silent.
    silent: policy([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:${aws:RequestedRegion}:${aws:PrincipalAccount}:table/Notes' }]),
  },
  {
    rule: 'variable-not-allowed-here',
    name: 'a variable in Action',
    fires: policy([{ ...S3_GET, Action: 's3:${aws:username}' }]),
    at: ['"s3:${aws:username}"'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'variable-in-old-version',
    name: 'a variable with Version 2008-10-17',
    fires: policy([{ ...S3_GET, Resource: `arn:aws:s3:::bucket/${SUB}/*` }], { Version: '2012-10-17'.replace('2012', '2008') }),
    at: [SUB],
    silent: policy([{ ...S3_GET, Resource: `arn:aws:s3:::bucket/${SUB}/*` }]),
  },
  {
    rule: 'multi-valued-variable',
    name: '${cognito-identity.amazonaws.com:amr} as a variable',
    fires: policy([{ ...S3_GET, Resource: 'arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:amr}/*' }]),
    at: ['cognito-identity.amazonaws.com:amr'],
    silent: policy([{ ...S3_GET, Resource: `arn:aws:s3:::bucket/${SUB}/*` }]),
  },
  {
    rule: 'allow-with-not-action',
    name: 'Allow with NotAction',
    fires: policy([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
    at: ['"NotAction"'],
    silent: policy([{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }]),
  },
  {
    rule: 'allow-with-not-resource',
    name: 'Allow with NotResource',
    fires: policy([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::private/*' }]),
    at: ['"NotResource"'],
    silent: policy([{ Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::private/*' }]),
  },
  {
    rule: 'allow-all-actions',
    name: 'Allow of every action',
    fires: policy([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' }]),
    at: ['"*"'],
    silent: policy([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' }]),
  },
  {
    rule: 'trust-action-mismatch',
    name: 'sts:AssumeRole for the Cognito principal',
    fires: policy([{ ...TRUST, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole'] }]),
    at: ['"sts:AssumeRole"'],
    silent: policy([{ ...TRUST, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }]),
  },
  {
    rule: 'trust-principal-mismatch',
    name: 'Cognito keys with a Service principal',
    fires: policy([{ ...TRUST, Principal: { Service: 'ec2.amazonaws.com' } }]),
    at: ['"Service"'],
    silent: policy([TRUST]),
  },
  {
    rule: 'web-identity-action-for-service-principal',
    name: 'sts:AssumeRoleWithWebIdentity for a Service principal',
    fires: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
    at: ['"sts:AssumeRoleWithWebIdentity"'],
    silent: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
  },
  {
    rule: 'federated-principal-outside-trust',
    name: 'the identity-pool principal in a bucket policy',
    fires: policy([{ ...S3_GET, Principal: { Federated: 'cognito-identity.amazonaws.com' } }]),
    at: ['"cognito-identity.amazonaws.com"'],
    silent: policy([{ ...S3_GET, Principal: { AWS: 'arn:aws:iam::123456789012:role/PoolUsers' } }]),
  },
  {
    rule: 'trust-missing-aud',
    name: 'a Cognito trust statement without aud',
    fires: policy([{ ...TRUST, Condition: { ...TRUST.Condition, StringEquals: undefined } }]),
    at: ['"cognito-identity.amazonaws.com"'],
    silent: policy([TRUST]),
  },
  {
    rule: 'trust-missing-aud',
    name: 'aud StringLike "*"',
    fires: policy([{ ...TRUST, Condition: { ...TRUST.Condition, StringEquals: undefined, StringLike: { 'cognito-identity.amazonaws.com:aud': '*' } } }]),
    at: ['"cognito-identity.amazonaws.com:aud"'],
    silent: policy([
      {
        ...TRUST,
        Condition: {
          ...TRUST.Condition,
          StringEquals: undefined,
          StringLike: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
        },
      },
    ]),
  },
  {
    rule: 'trust-aud-format',
    name: 'a user pool ID as aud',
    fires: policy([{ ...TRUST, Condition: { ...TRUST.Condition, StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1_AbC123' } } }]),
    at: ['"us-east-1_AbC123"'],
    silent: policy([TRUST]),
  },
  {
    rule: 'trust-aud-format',
    name: 'a user pool ID as aud in a permission policy',
    fires: policy([{ ...S3_GET, Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1_AbC123' } } }]),
    at: ['"us-east-1_AbC123"'],
    silent: policy([{ ...S3_GET, Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' } } }]),
  },
  {
    rule: 'trust-missing-amr',
    name: 'a Cognito trust statement without amr',
    fires: policy([{ ...TRUST, Condition: { ...TRUST.Condition, 'ForAnyValue:StringLike': undefined } }]),
    at: ['"cognito-identity.amazonaws.com"'],
    silent: policy([TRUST]),
  },
  {
    rule: 'trust-missing-amr',
    name: 'amr admitting both authenticated and unauthenticated',
    fires: policy([
      { ...TRUST, Condition: { ...TRUST.Condition, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'unauthenticated'] } } },
    ]),
    at: ['"cognito-identity.amazonaws.com:amr"'],
    silent: policy([TRUST]),
  },
  {
    rule: 'trust-amr-value',
    name: 'amr "Authenticated" with a capital A',
    fires: policy([{ ...TRUST, Condition: { ...TRUST.Condition, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'Authenticated' } } }]),
    at: ['"Authenticated"'],
    silent: policy([TRUST]),
  },
  {
    rule: 'variable-never-set',
    name: '${aws:username} in a policy for identity-pool users',
    fires: policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { StringLike: { 's3:prefix': `${SUB}/*` } } },
    ]),
    at: ['${aws:username}'],
    silent: policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${SUB}/*` },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { StringLike: { 's3:prefix': `${SUB}/*` } } },
    ]),
  },
  {
    rule: 'shared-identity-data',
    name: 'S3 objects not scoped by the identity ID beside a statement that is',
    fires: policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/private/*' },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::bucket/private/${SUB}/*` },
    ]),
    at: ['"s3:GetObject"'],
    silent: policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::bucket/private/${SUB}/*` }]),
  },
  {
    rule: 'pool-credential-escalation',
    name: 'iam:PassRole for identity-pool users',
    fires: policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${SUB}/*` },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/worker' },
    ]),
    at: ['"iam:PassRole"'],
    silent: policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${SUB}/*` },
      { Effect: 'Deny', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/worker' },
    ]),
  },
  {
    rule: 'guest-broad-access',
    name: 'write access for the guest role',
    fires: policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/public/*' }]),
    at: ['"s3:PutObject"'],
    silent: policy([{ Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }]),
    options: { identityPool: { role: 'guest' } },
  },
  {
    rule: 'guest-outside-scope-down',
    name: 'S3 reads for the guest role',
    fires: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/public/*' }]),
    at: ['"s3:GetObject"'],
    silent: policy([{ Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }]),
    options: { identityPool: { role: 'guest' } },
  },
  {
    rule: 'yaml-syntax',
    name: 'a flow sequence without its closing bracket',
    template: 'yaml',
    fires: cfn(
      `  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: [s3:GetObject\n            Resource: '*'\n`,
    ),
    at: ['R'], // the parser notices where the next key starts
    silent: cfn(
      `  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: [s3:GetObject]\n            Resource: '*'\n`,
    ),
  },
  {
    rule: 'role-kind-mismatch',
    name: 'a guest-only role attached as the authenticated role',
    template: 'yaml',
    fires: cfn(POOL() + ROLE('AuthRole', { amr: 'unauthenticated' }) + ATTACH('authenticated: !GetAtt AuthRole.Arn')),
    at: ['unauthenticated'],
    silent: cfn(POOL() + ROLE('AuthRole') + ATTACH('authenticated: !GetAtt AuthRole.Arn')),
  },
  {
    rule: 'role-kind-mismatch',
    name: 'a signed-in-only role attached as the guest role of a pool with guest access',
    template: 'yaml',
    fires: cfn(POOL('AllowUnauthenticatedIdentities: true') + ROLE('GuestRole') + ATTACH('unauthenticated: !GetAtt GuestRole.Arn')),
    at: ['authenticated'],
    silent: cfn(POOL() + ROLE('GuestRole', { amr: 'unauthenticated' }) + ATTACH('unauthenticated: !GetAtt GuestRole.Arn')),
  },
  {
    rule: 'aud-pool-mismatch',
    name: 'aud naming another pool of the template',
    template: 'yaml',
    fires: cfn(POOL() + POOL(undefined, 'OtherPool') + ROLE('AuthRole', { aud: '!Ref OtherPool' }) + ATTACH('authenticated: !GetAtt AuthRole.Arn')),
    at: ['!Ref OtherPool'],
    silent: cfn(POOL() + POOL(undefined, 'OtherPool') + ROLE('AuthRole') + ATTACH('authenticated: !GetAtt AuthRole.Arn')),
  },
  {
    rule: 'cognito-variables-without-cognito-trust',
    name: 'the identity ID variable in a policy of a Lambda role',
    template: 'yaml',
    fires: cfn(ROLE('Worker', { principal: '{Service: lambda.amazonaws.com}', actions: 'sts:AssumeRole', statements: SUB_OBJECTS })),
    at: ['${cognito-identity.amazonaws.com:sub}'],
    silent: cfn(ROLE('Worker', { aud: 'us-east-1:12345678-1234-1234-1234-123456789012', statements: SUB_OBJECTS })),
  },
  {
    rule: 'principal-tags-without-tag-session',
    name: 'a principal tag without sts:TagSession in the trust policy',
    template: 'yaml',
    fires: cfn(
      POOL() + ROLE('AuthRole', { statements: `[{Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::bucket/\${aws:PrincipalTag/department}/*'}]` }),
    ),
    at: ['${aws:PrincipalTag/department}'],
    silent: cfn(
      POOL() +
        ROLE('AuthRole', {
          actions: '[sts:AssumeRoleWithWebIdentity, sts:TagSession]',
          statements: `[{Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::bucket/\${aws:PrincipalTag/department}/*'}]`,
        }),
    ),
  },
  {
    rule: 'role-mapping-rules-limit',
    name: '26 rules for one provider',
    template: 'yaml',
    fires: cfn(POOL() + ROLE('AuthRole') + ATTACH('authenticated: !GetAtt AuthRole.Arn', MAPPING_RULES(26))),
    at: ['{Claim: hd, MatchType: Equals, Value: team26, RoleARN: !GetAtt AuthRole.Arn}'],
    silent: cfn(POOL() + ROLE('AuthRole') + ATTACH('authenticated: !GetAtt AuthRole.Arn', MAPPING_RULES(25))),
  },
  {
    rule: 'principal-tag-map-without-tag-session',
    name: 'a principal tag map for the user pool, whose default authenticated role cannot tag sessions',
    template: 'yaml',
    fires: cfn(POOL() + ROLE('AuthRole') + ATTACH('authenticated: !GetAtt AuthRole.Arn') + TAG_MAP('PrincipalTags: {department: custom:dept}')),
    at: ['sts:AssumeRoleWithWebIdentity'],
    silent: cfn(
      POOL() +
        ROLE('AuthRole', { actions: '[sts:AssumeRoleWithWebIdentity, sts:TagSession]' }) +
        ATTACH('authenticated: !GetAtt AuthRole.Arn') +
        TAG_MAP('PrincipalTags: {department: custom:dept}'),
    ),
  },
  {
    rule: 'principal-tag-map-without-tag-session',
    name: "UseDefaults, and a role-mapping rule's role that cannot tag sessions (the default role can; Deny leaves it out)",
    template: 'yaml',
    fires: cfn(
      POOL() +
        ROLE('AuthRole', { actions: '[sts:AssumeRoleWithWebIdentity, sts:TagSession]' }) +
        ROLE('SalesRole') +
        ATTACH(
          'authenticated: !GetAtt AuthRole.Arn',
          USER_POOL_RULES('Deny', '{Claim: custom:dept, MatchType: Equals, Value: sales, RoleARN: !GetAtt SalesRole.Arn}'),
        ) +
        TAG_MAP('UseDefaults: true'),
    ),
    at: ['sts:AssumeRoleWithWebIdentity'],
    silent: cfn(
      POOL() +
        ROLE('AuthRole') +
        ROLE('SalesRole', { actions: '[sts:AssumeRoleWithWebIdentity, sts:TagSession]' }) +
        ATTACH(
          'authenticated: !GetAtt AuthRole.Arn',
          USER_POOL_RULES('Deny', '{Claim: custom:dept, MatchType: Equals, Value: sales, RoleARN: !GetAtt SalesRole.Arn}'),
        ) +
        TAG_MAP('UseDefaults: true'),
    ),
  },
  {
    rule: 'pool-role-without-pool-trust',
    name: 'the authenticated role of a pool trusts a Lambda function, not identity pools',
    template: 'yaml',
    fires: cfn(
      POOL() + ROLE('AuthRole', { principal: '{Service: lambda.amazonaws.com}', actions: 'sts:AssumeRole' }) + ATTACH('authenticated: !GetAtt AuthRole.Arn'),
    ),
    at: ['lambda.amazonaws.com'],
    silent: cfn(POOL() + ROLE('AuthRole') + ATTACH('authenticated: !GetAtt AuthRole.Arn')),
  },
  {
    rule: 'pool-role-without-pool-trust',
    name: "a role-mapping rule's role that trusts an AWS account, not identity pools",
    template: 'yaml',
    fires: cfn(
      POOL() +
        ROLE('AuthRole') +
        ROLE('AdminRole', { principal: "{AWS: 'arn:aws:iam::123456789012:root'}", actions: 'sts:AssumeRole' }) +
        ATTACH(
          'authenticated: !GetAtt AuthRole.Arn',
          USER_POOL_RULES('Deny', '{Claim: email, MatchType: StartsWith, Value: admin@, RoleARN: !GetAtt AdminRole.Arn}'),
        ),
    ),
    at: ["'arn:aws:iam::123456789012:root'"],
    silent: cfn(
      POOL() +
        ROLE('AuthRole') +
        ROLE('AdminRole') +
        ATTACH(
          'authenticated: !GetAtt AuthRole.Arn',
          USER_POOL_RULES('Deny', '{Claim: email, MatchType: StartsWith, Value: admin@, RoleARN: !GetAtt AdminRole.Arn}'),
        ),
    ),
  },
  {
    rule: 'pool-role-without-pool-trust',
    name: 'the role of a user pool group that a Token mapping hands out trusts a Lambda function, not identity pools',
    template: 'yaml',
    fires: cfn(
      POOL() +
        ROLE('AuthRole') +
        ROLE('AdminRole', { principal: '{Service: lambda.amazonaws.com}', actions: 'sts:AssumeRole' }) +
        GROUP('AdminRole') +
        ATTACH('authenticated: !GetAtt AuthRole.Arn', TOKEN_MAPPING),
    ),
    at: ['lambda.amazonaws.com'],
    silent: cfn(POOL() + ROLE('AuthRole') + ROLE('AdminRole') + GROUP('AdminRole') + ATTACH('authenticated: !GetAtt AuthRole.Arn', TOKEN_MAPPING)),
  },
  {
    rule: 'role-kind-mismatch',
    name: 'the role of a user pool group that a Token mapping hands out admits only guests',
    template: 'yaml',
    fires: cfn(
      POOL() +
        ROLE('AuthRole') +
        ROLE('AdminRole', { amr: 'unauthenticated' }) +
        GROUP('AdminRole') +
        ATTACH('authenticated: !GetAtt AuthRole.Arn', TOKEN_MAPPING),
    ),
    at: ['unauthenticated'],
    silent: cfn(POOL() + ROLE('AuthRole') + ROLE('AdminRole') + GROUP('AdminRole') + ATTACH('authenticated: !GetAtt AuthRole.Arn', TOKEN_MAPPING)),
  },
  {
    rule: 'role-mapping-rule-unreachable',
    name: 'a rule with the claim, match type and value of an earlier rule',
    template: 'yaml',
    fires: cfn(
      POOL() +
        ROLE('AuthRole') +
        ROLE('SalesRole') +
        ATTACH(
          'authenticated: !GetAtt AuthRole.Arn',
          USER_POOL_RULES(
            'Deny',
            '{Claim: custom:dept, MatchType: Equals, Value: sales, RoleARN: !GetAtt SalesRole.Arn}',
            '{Claim: custom:dept, MatchType: Equals, Value: sales, RoleARN: !GetAtt AuthRole.Arn}',
          ),
        ),
    ),
    at: ['{Claim: custom:dept, MatchType: Equals, Value: sales, RoleARN: !GetAtt AuthRole.Arn}'],
    silent: cfn(
      POOL() +
        ROLE('AuthRole') +
        ROLE('SalesRole') +
        ATTACH(
          'authenticated: !GetAtt AuthRole.Arn',
          USER_POOL_RULES(
            'Deny',
            '{Claim: custom:dept, MatchType: Equals, Value: sales, RoleARN: !GetAtt SalesRole.Arn}',
            '{Claim: custom:dept, MatchType: StartsWith, Value: sales, RoleARN: !GetAtt AuthRole.Arn}',
          ),
        ),
    ),
  },
  {
    rule: 'classic-flow-enabled',
    name: 'AllowClassicFlow: true',
    template: 'yaml',
    fires: cfn(POOL('AllowUnauthenticatedIdentities: false\nAllowClassicFlow: true')),
    at: ['true'],
    silent: cfn(POOL('AllowUnauthenticatedIdentities: false\nAllowClassicFlow: false')),
  },
  {
    rule: 'listbucket-not-scoped-per-identity',
    name: 's3:ListBucket without s3:prefix beside per-identity objects',
    fires: policy([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${SUB}/*` },
    ]),
    at: ['"s3:ListBucket"'],
    silent: policy([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { StringLike: { 's3:prefix': [`${SUB}/*`] } } },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${SUB}/*` },
    ]),
  },
  {
    rule: 'pool-users-permissions-management',
    name: 's3:* on the bucket for pool users',
    fires: policy([
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${SUB}/*` },
    ]),
    at: ['"s3:*"'],
    silent: policy([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { StringLike: { 's3:prefix': [`${SUB}/*`] } } },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${SUB}/*` },
    ]),
  },
  {
    rule: 'guest-access-enabled',
    name: 'AllowUnauthenticatedIdentities: true',
    template: 'yaml',
    fires: cfn(POOL('AllowUnauthenticatedIdentities: true')),
    at: ['true'],
    silent: cfn(POOL('AllowUnauthenticatedIdentities: false')),
  },
  {
    rule: 'document-too-large',
    name: 'a policy above the size limit',
    fires: policy([S3_GET]),
    at: ['{'],
    silent: policy([S3_GET]),
  },
  {
    rule: 'analysis-limit',
    name: 'a Statement nested 100,000 levels deep',
    fires: `{"Version": "2012-10-17", "Statement": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    firesShown: '{"Version": "2012-10-17", "Statement": [[[[[[[[ ... 100,000 "[" in all ... ]]]]]]]]}',
    at: ['['],
    silent: policy([S3_GET]),
  },
];

/** The findings of a case's document: a policy, or a template or a Terraform file when the case says so. */
async function findingsOf(c: RuleCase, text: string, options?: AnalyzeOptions) {
  if (c.terraform) return analyzeDocument({ text, fileName: c.terraform }, catalog, { ...options, hclParser: await hclParser() }).findings;
  if (!c.template) return analyze(text, options).findings;
  const result = analyzeTemplate(text, catalog, { format: c.template, rules: options?.rules });
  assert.ok(result, 'not read as a template');
  return result.findings;
}

describe('every rule fires on its mistake and is silent on the fix', () => {
  for (const c of CASES) {
    const options = c.rule === 'document-too-large' ? { ...c.options, maxDocumentChars: 50 } : c.options;
    test(`${c.rule} fires on ${c.name}`, async () => {
      const found =
        c.template || c.terraform
          ? (await findingsOf(c, c.fires)).filter((f) => f.ruleId === c.rule).map((f) => c.fires.slice(f.range.start, f.range.end))
          : hits(c.fires, c.rule, options);
      assert.deepEqual(found, c.at);
    });
    test(`${c.rule} is silent when ${c.name} is corrected`, async () => {
      const found =
        c.template || c.terraform
          ? (await findingsOf(c, c.silent)).map((f) => `${f.ruleId}: ${c.silent.slice(f.range.start, f.range.end)}`)
          : summary(c.silent, c.options);
      assert.deepEqual(found, []);
    });
  }
});

test('every rule in the registry has a firing case here', () => {
  const covered = new Set(CASES.map((c) => c.rule));
  assert.deepEqual(
    RULES.map((r) => r.id).filter((id) => !covered.has(id)),
    [],
  );
});

describe('rule settings', () => {
  const text = policy([S3_GET], {});
  test('off removes the rule', () => {
    assert.deepEqual(hits(text, 'missing-version', { rules: { 'missing-version': 'off' } }), []);
  });
  test('a configured severity replaces the default', () => {
    assert.equal(analyze(text, { rules: { 'missing-version': 'error' } }).findings[0].severity, 'error');
  });
  test('resource-mismatch is an error when nothing matches and a warning when only some actions cannot match', () => {
    const none = policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket/*' }]);
    const some = policy([{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' }]);
    assert.deepEqual(
      analyze(none).findings.map((f) => [f.ruleId, f.severity]),
      [['resource-mismatch', 'error']],
    );
    assert.deepEqual(
      analyze(some).findings.map((f) => [f.ruleId, f.severity]),
      [['resource-mismatch', 'warning']],
    );
  });
});

describe('condition-key-not-applicable with actions the catalog does not know', () => {
  test('a statement whose only actions are unknown is not judged (nothing says which keys they support)', () => {
    const text = policy([{ Effect: 'Allow', Action: ['s3:GetObjekt'], Resource: 'arn:aws:s3:::b/*', Condition: { StringLike: { 's3:prefix': 'home/*' } } }]);
    assert.deepEqual(summary(text), ['unknown-action: "s3:GetObjekt"']);
  });

  test('beside a known action, the unknown one is named as not counted', () => {
    const text = policy([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjekt'], Resource: 'arn:aws:s3:::b/*', Condition: { StringLike: { 's3:prefix': 'home/*' } } },
    ]);
    const message = analyze(text).findings.find((f) => f.ruleId === 'condition-key-not-applicable')?.message ?? '';
    assert.match(
      message,
      /^No action of this statement supports "s3:prefix": the condition can never match\. \(Not counting "s3:GetObjekt", which the IAM catalog does not know\.\) /,
    );
  });
});

describe('condition-key-not-applicable with keys the catalog lists under no action', () => {
  test('a key its service defines but lists for no action is not judged (the catalog cannot say which actions carry it)', () => {
    // The Service Authorization Reference defines iottwinmaker:linkedServices and lists it under no action.
    const text = policy([
      {
        Effect: 'Allow',
        Action: 'iottwinmaker:GetWorkspace',
        Resource: 'arn:aws:iottwinmaker:*:*:workspace/*',
        Condition: { 'ForAnyValue:StringEquals': { 'iottwinmaker:linkedServices': ['IOTSITEWISE'] } },
      },
    ]);
    assert.deepEqual(summary(text), []);
  });

  test('a key listed for other actions of its service is still judged', () => {
    const text = policy([
      {
        Effect: 'Allow',
        Action: 'aws-marketplace:Subscribe',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'aws-marketplace:ProductId': ['prod-x'] } },
      },
    ]);
    assert.deepEqual(summary(text), ['condition-key-not-applicable: "aws-marketplace:ProductId"']);
  });
});

describe('action-needs-star-resource: only where the catalog is sure', () => {
  const one = (statement: Record<string, unknown>) => policy([{ Effect: 'Allow', ...statement }]);
  const findings = (text: string) => analyze(text).findings.map((f) => [f.ruleId, f.severity, text.slice(f.range.start, f.range.end)]);

  test('error when no action of the statement is granted, with the message naming the action and the services', () => {
    const text = one({ Action: 'rekognition:DetectLabels', Resource: 'arn:aws:s3:::photos/*' });
    assert.deepEqual(findings(text), [['action-needs-star-resource', 'error', '"rekognition:DetectLabels"']]);
    assert.equal(
      analyze(text).findings[0].message,
      `"rekognition:DetectLabels" supports only "Resource": "*" (no resource types in the IAM catalog ${catalog.dataDate}), and this statement names only s3 resources: this statement grants nothing. Grant it in a statement with "Resource": "*".`,
    );
  });

  test('warning, naming each such action, when the statement grants its other actions', () => {
    const text = one({ Action: ['s3:GetObject', 'ec2:DescribeInstances', 'rekognition:DetectLabels'], Resource: 'arn:aws:s3:::photos/*' });
    assert.deepEqual(findings(text), [
      ['action-needs-star-resource', 'warning', '"ec2:DescribeInstances"'],
      ['action-needs-star-resource', 'warning', '"rekognition:DetectLabels"'],
    ]);
    assert.match(analyze(text).findings[0].message, /this statement does not grant it\./);
  });

  test('a bucket-wide ARN of another service still grants an EC2 action nothing', () => {
    assert.deepEqual(findings(one({ Action: 'ec2:DescribeInstances', Resource: 'arn:aws:s3:::*' })), [
      ['action-needs-star-resource', 'error', '"ec2:DescribeInstances"'],
    ]);
  });

  for (const [name, statement] of [
    ['"Resource": "*" beside the ARN', { Action: 'ec2:DescribeInstances', Resource: ['arn:aws:s3:::photos/*', '*'] }],
    ['an ARN whose service is a wildcard', { Action: 'ec2:DescribeInstances', Resource: 'arn:aws:*:*:*:*' }],
    ["its own service's ARN (the reference misses resource types there)", { Action: 'ec2:DescribeInstances', Resource: 'arn:aws:ec2:*:*:instance/*' }],
    [
      "an ARN namespace of its service's resource types (sagemaker-mlflow on sagemaker ARNs)",
      { Action: 'sagemaker-mlflow:AccessUI', Resource: 'arn:aws:sagemaker:*:*:mlflow-tracking-server/*' },
    ],
    ['a service with no resource types (ssmmessages on ssm session ARNs)', { Action: 'ssmmessages:OpenDataChannel', Resource: 'arn:aws:ssm:*:*:session/*' }],
    ['a wildcard action', { Action: 'ec2:Describe*', Resource: 'arn:aws:s3:::photos/*' }],
    ['NotResource', { Action: 'ec2:DescribeInstances', NotResource: 'arn:aws:s3:::photos/*' }],
    ['a Deny', { Effect: 'Deny', Action: 'ec2:DescribeInstances', Resource: 'arn:aws:s3:::photos/*' }],
    ['a variable for the whole ARN', { Action: 'ec2:DescribeInstances', Resource: '${aws:PrincipalTag/arn}' }],
  ] as const) {
    test(`silent on ${name}`, () => {
      assert.deepEqual(
        findings(one(statement)).filter(([rule]) => rule === 'action-needs-star-resource'),
        [],
      );
    });
  }

  const yaml = (resource: string) =>
    cfn(
      `  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: [s3:PutObject, rekognition:DetectLabels]\n            Resource: ${resource}\n  Bucket:\n    Type: AWS::S3::Bucket\n`,
    );
  const templateHits = (text: string) => {
    const result = analyzeTemplate(text, catalog, { format: 'yaml' });
    assert.ok(result, 'not read as a template');
    return result.findings.filter((f) => f.ruleId === 'action-needs-star-resource').map((f) => text.slice(f.range.start, f.range.end));
  };

  test('a CloudFormation template: an ARN built by Fn::Sub from a literal service is judged', () => {
    assert.deepEqual(templateHits(yaml("!Sub 'arn:aws:s3:::${Bucket}/*'")), ['rekognition:DetectLabels']);
  });

  test('a CloudFormation template: a resource the template leaves open is not', () => {
    assert.deepEqual(templateHits(yaml('!Sub "${Bucket.Arn}/*"')), []);
    assert.deepEqual(templateHits(yaml("!Sub 'arn:aws:${Service}:::photos/*'")), []);
  });

  const heredoc = (resource: string) =>
    `resource "aws_iam_policy" "p" {\n  policy = <<EOF\n${policy([{ Effect: 'Allow', Action: ['s3:PutObject', 'rekognition:DetectLabels'], Resource: resource }])}\nEOF\n}\n`;
  const terraformHits = async (text: string) =>
    analyzeDocument({ text, fileName: 'main.tf' }, catalog, { hclParser: await hclParser() })
      .findings.filter((f) => f.ruleId === 'action-needs-star-resource')
      .map((f) => text.slice(f.range.start, f.range.end));

  test('a Terraform heredoc: a literal ARN with an interpolated bucket is judged, an interpolated ARN is not', async () => {
    assert.deepEqual(await terraformHits(heredoc('arn:aws:s3:::${aws_s3_bucket.photos.id}/*')), ['"rekognition:DetectLabels"']);
    assert.deepEqual(await terraformHits(heredoc('${aws_s3_bucket.photos.arn}/*')), []);
  });
});
