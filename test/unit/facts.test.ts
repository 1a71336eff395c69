/**
 * The seed examples of ../shared/docs/identity-pool-facts.md, section 2 ("Condition keys and policy
 * variables with Cognito"), behave as described there.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { policy, summary } from './helpers';

const SUB = '${cognito-identity.amazonaws.com:sub}';
const BUCKET = 'arn:aws:s3:::photo-app-uploads';

describe('identity-pool facts, section 2', () => {
  test('sub and aud are single-valued and usable as policy variables', () => {
    const text = policy([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `${BUCKET}/${SUB}/*`,
        Condition: { StringEquals: { 's3:ExistingObjectTag/pool': '${cognito-identity.amazonaws.com:aud}' } },
      },
    ]);
    assert.deepEqual(summary(text), []);
  });

  test('amr is multi-valued and cannot be a policy variable', () => {
    const text = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/\${cognito-identity.amazonaws.com:amr}/*` }]);
    assert.deepEqual(summary(text), ['multi-valued-variable: cognito-identity.amazonaws.com:amr']);
  });

  test('variables are literal text without "Version": "2012-10-17"', () => {
    assert.deepEqual(summary(policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/${SUB}/*` }], {})), [
      `missing-version: "Statement"`,
      `variable-in-old-version: ${SUB}`,
    ]);
  });

  test('variables are substituted with String and Arn operators but not Numeric, Date, Bool or IpAddress ones', () => {
    const text = policy([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `${BUCKET}/*`,
        Condition: {
          StringEquals: { 'aws:PrincipalTag/owner': SUB },
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::${aws:PrincipalTag/bucket}' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': '${aws:PrincipalTag/maxAge}' },
          DateGreaterThan: { 'aws:CurrentTime': '${aws:TokenIssueTime}' },
          Bool: { 'aws:SecureTransport': '${aws:PrincipalTag/secure}' },
          IpAddress: { 'aws:SourceIp': '${aws:PrincipalTag/cidr}' },
        },
      },
    ]);
    assert.deepEqual(summary(text), [
      'variable-not-allowed-here: ${aws:PrincipalTag/maxAge}',
      'variable-not-allowed-here: ${aws:TokenIssueTime}',
      'variable-not-allowed-here: ${aws:PrincipalTag/secure}',
      'variable-not-allowed-here: ${aws:PrincipalTag/cidr}',
    ]);
  });

  test('variables are not substituted in Action or Sid', () => {
    const text = policy([{ Sid: 'Own${aws:userid}', Effect: 'Allow', Action: 's3:${aws:PrincipalTag/action}', Resource: `${BUCKET}/*` }]);
    assert.deepEqual(summary(text), [
      'invalid-sid: "Own${aws:userid}"',
      'variable-not-allowed-here: "Own${aws:userid}"',
      'variable-not-allowed-here: "s3:${aws:PrincipalTag/action}"',
    ]);
  });

  test("escapes ${*} ${?} ${$} and a default value ${aws:PrincipalTag/team, 'company-wide'} are valid; key names are case-insensitive", () => {
    const text = policy([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: [
          `${BUCKET}/literal\${*}\${?}\${$}/*`,
          `${BUCKET}/\${aws:PrincipalTag/team, 'company-wide'}/*`,
          `${BUCKET}/\${Cognito-Identity.amazonaws.com:SUB}/*`,
        ],
      },
    ]);
    assert.deepEqual(summary(text), []);
  });

  test("AWS's DynamoDB pattern ForAllValues:StringEquals on dynamodb:LeadingKeys in an Allow stays allowed", () => {
    const text = policy([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Notes',
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB] } },
      },
    ]);
    assert.deepEqual(summary(text), []);
  });

  test('S3 per-identity folders: ListBucket on the bucket with s3:prefix, Get/Put on the object prefix: no findings', () => {
    const text = policy([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLike: { 's3:prefix': [`${SUB}/*`] } } },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/${SUB}/*` },
    ]);
    assert.deepEqual(summary(text), []);
  });

  test('a ListBucket statement whose only Resource is an object ARN grants nothing: an error on the action', () => {
    const text = policy([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: `${BUCKET}/${SUB}/*`, Condition: { StringLike: { 's3:prefix': [`${SUB}/*`] } } },
    ]);
    assert.deepEqual(summary(text), ['resource-mismatch: "s3:ListBucket"']);
  });
});
