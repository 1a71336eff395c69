/**
 * Semantic tokens (core/features/semanticTokens.ts): policy variables where IAM substitutes them, and the
 * `${...}` of a template's Fn::Sub that are not policy variables (the grammar colours every `${...}`).
 * Each token is shown as `type «text»`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeDocument, parseTemplate } from '../../server/src/core';
import { semanticTokens } from '../../server/src/core/features/semanticTokens';
import { catalog } from './helpers';

function tokens(text: string, languageId: 'json' | 'yaml' = 'json'): string[] {
  const analysis = analyzeDocument({ text, languageId }, catalog);
  const templateRoot = analysis.kind === 'template' ? parseTemplate(text, languageId)?.root : undefined;
  return semanticTokens({ text, policies: analysis.policies, templateRoot }).map((t) => `${t.type} «${text.slice(t.start, t.end)}»`);
}

describe('semantic tokens in policy files', () => {
  test('the names of variables in Resource and Condition values are policy variables', () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::photos',
            Condition: { StringLike: { 's3:prefix': ['${cognito-identity.amazonaws.com:sub}/*'] } },
          },
          { Effect: 'Allow', Action: 's3:GetObject', NotResource: "arn:aws:s3:::photos/${aws:PrincipalTag/team, 'shared'}/*" },
        ],
      },
      null,
      2,
    );
    assert.deepEqual(tokens(text), ['policyVariable «cognito-identity.amazonaws.com:sub»', 'policyVariable «aws:PrincipalTag/team»']);
  });

  test('none where IAM does not substitute (Sid, Action, Principal), for escapes, or in a JSON file that is not a policy', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'x${aws:username}', Effect: 'Allow', Principal: { AWS: '${aws:userid}' }, Action: 's3:${x}', Resource: 'arn:aws:s3:::b/${*}' }],
    });
    assert.deepEqual(tokens(text), []);
    assert.deepEqual(tokens('{"program": "${workspaceFolder}/app.js"}'), []);
  });

  test('a variable written with an escape in its JSON string is left to the grammar (its characters are not placed one to one)', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/\\u0061/${aws:username}"}]}';
    assert.deepEqual(tokens(text), []);
  });
});

describe('semantic tokens in templates', () => {
  const TEMPLATE = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Parameters:',
    '  env:',
    '    Type: String',
    'Resources:',
    '  PhotosBucket:',
    '    Type: AWS::S3::Bucket',
    '  AuthRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      RoleName: !Sub photos-${env}-${!literal}',
    '      AssumeRolePolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    '            Principal: { Federated: cognito-identity.amazonaws.com }',
    '            Action: sts:AssumeRoleWithWebIdentity',
    '      Policies:',
    '        - PolicyName: Own',
    '          PolicyDocument:',
    "            Version: '2012-10-17'",
    '            Statement:',
    '              - Effect: Allow',
    '                Action: s3:GetObject',
    '                Resource: !Sub arn:${AWS::Partition}:s3:::${PhotosBucket}/${!cognito-identity.amazonaws.com:sub}/*',
    '              - Effect: Allow',
    '                Action: s3:ListBucket',
    '                Resource:',
    "                  Fn::Sub: ['arn:aws:s3:::${Name}', { Name: !Ref PhotosBucket }]",
    '                Condition:',
    '                  StringLike:',
    "                    s3:prefix: '${cognito-identity.amazonaws.com:sub}/*'",
    '',
  ].join('\n');

  test('Fn::Sub references are not policy variables, a ${!name} in a policy is one, outside a policy it is text', () => {
    assert.deepEqual(tokens(TEMPLATE, 'yaml'), [
      'notPolicyVariable «${env}»',
      'notPolicyVariable «${!literal}»',
      'notPolicyVariable «${AWS::Partition}»',
      'notPolicyVariable «${PhotosBucket}»',
      'policyVariable «cognito-identity.amazonaws.com:sub»',
      'notPolicyVariable «${Name}»',
      'policyVariable «cognito-identity.amazonaws.com:sub»',
    ]);
  });

  test('the JSON form of a template: the same tokens', () => {
    const text = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: {
              RoleName: { 'Fn::Sub': 'photos-${AWS::Region}' },
              Policies: [
                {
                  PolicyName: 'Own',
                  PolicyDocument: {
                    Version: '2012-10-17',
                    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:aws:s3:::${B}/${!aws:username}/*' } }],
                  },
                },
              ],
            },
          },
        },
      },
      null,
      2,
    );
    assert.deepEqual(tokens(text), ['notPolicyVariable «${AWS::Region}»', 'notPolicyVariable «${B}»', 'policyVariable «aws:username»']);
  });
});
