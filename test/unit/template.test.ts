/**
 * CloudFormation templates (core/template): which documents are templates, YAML read into jsonc-parser's
 * node shape, exact positions inside YAML scalars, intrinsic functions in every policy position (never a false
 * error), Fn::Sub's two kinds of `${}`, aud resolved through Ref, the role model, syntax errors.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { getNodeValue, parseTree, type Node as JsonNode } from 'jsonc-parser';
import {
  analyzeDocument,
  analyzeTemplate,
  LineIndex,
  parseTemplate,
  policyAt,
  quickFixes,
  readingsOfPolicy,
  syntaxOfFileName as templateFormatOf,
  type Finding,
  type PolicyDocument,
  type TemplateFormat,
} from '../../server/src/core';
import { parseYamlTree } from '../../server/src/core/sources/cloudformation/yamlTree';
import { descriptionsTemplate } from './lenientYaml';
import { catalog } from './helpers';

const examples = path.resolve(__dirname, '../../../examples');
const example = (name: string) => fs.readFileSync(path.join(examples, name), 'utf8');

function analyzeT(text: string, format: TemplateFormat = 'yaml') {
  const result = analyzeTemplate(text, catalog, { format });
  assert.ok(result, 'not read as a template');
  return result;
}

/** "rule L:C-L:C covered text" (1-based lines and columns) for every finding. */
function located(text: string, format: TemplateFormat = 'yaml'): string[] {
  const lines = new LineIndex(text);
  return analyzeT(text, format).findings.map((f) => {
    const s = lines.positionAt(f.range.start);
    const e = lines.positionAt(f.range.end);
    return `${f.ruleId} ${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${text.slice(f.range.start, f.range.end)}`;
  });
}

/** A YAML template with one managed policy whose PolicyDocument is `policy` (indented by the caller's 6 spaces). */
function yamlPolicy(statementYaml: string, extraResources = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statementYaml}${extraResources}`;
}

describe('which documents are templates', () => {
  test('AWSTemplateFormatVersion, a SAM Transform, or an AWS:: resource type makes a template, in JSON and YAML', () => {
    assert.ok(parseTemplate('AWSTemplateFormatVersion: "2010-09-09"\n', 'yaml'));
    assert.ok(parseTemplate('Transform: AWS::Serverless-2016-10-31\nResources: {}\n', 'yaml'));
    assert.ok(parseTemplate('Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n', 'yaml'));
    assert.ok(parseTemplate('{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}', 'json'));
  });

  test('Kubernetes manifests, CI workflows, package.json and policies are not templates', () => {
    assert.equal(parseTemplate('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n', 'yaml'), undefined);
    assert.equal(parseTemplate('on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n', 'yaml'), undefined);
    assert.equal(parseTemplate('{"name": "x", "version": "1.0.0"}', 'json'), undefined);
    assert.equal(parseTemplate('{"Version": "2012-10-17", "Statement": []}', 'json'), undefined);
    assert.equal(parseTemplate('Resources:\n  Thing:\n    Type: Custom::Thing\n', 'yaml'), undefined);
  });

  test('the format follows the file name; .template files by their first character', () => {
    assert.equal(templateFormatOf('stack.yml', ''), 'yaml');
    assert.equal(templateFormatOf('stack.YAML', ''), 'yaml');
    assert.equal(templateFormatOf('stack.json', ''), 'json');
    assert.equal(templateFormatOf('stack.template', '  {"Resources": {}}'), 'json');
    assert.equal(templateFormatOf('stack.template', 'Resources: {}'), 'yaml');
    assert.equal(templateFormatOf('notes.txt', ''), undefined);
  });
});

describe('YAML as jsonc-parser nodes', () => {
  const strip = (n: JsonNode): unknown => ({
    type: n.type,
    value: n.value,
    offset: n.offset,
    length: n.length,
    colonOffset: n.colonOffset,
    children: n.children?.map(strip),
  });

  test('JSON text read as YAML gives exactly the tree jsonc-parser gives (types, values, offsets, lengths, colons)', () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject', 1, true, null], Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
        ],
      },
      null,
      2,
    );
    assert.deepEqual(strip(parseYamlTree(text).root!), strip(parseTree(text)!));
  });

  test('every node links to its parent', () => {
    const root = parseYamlTree('A:\n  - b\n  - {c: !Ref D}\n').root!;
    const check = (n: JsonNode) => n.children?.forEach((c) => (assert.equal(c.parent, n), check(c)));
    check(root);
    assert.equal(root.parent, undefined);
  });

  test('a short-form tag is the object it stands for, its key spanning the tag', () => {
    const text = 'A: !GetAtt Role.Arn\n';
    const value = parseYamlTree(text).root!.children![0].children![1];
    assert.equal(value.type, 'object');
    assert.equal(text.slice(value.offset, value.offset + value.length), '!GetAtt Role.Arn');
    const [key, arg] = value.children![0].children!;
    assert.deepEqual([key.value, text.slice(key.offset, key.offset + key.length), arg.value], ['Fn::GetAtt', '!GetAtt', 'Role.Arn']);
  });

  test('block mappings: a property spans key to value, its colon where it is written', () => {
    const text = 'Effect:   Allow\n';
    const property = parseYamlTree(text).root!.children![0];
    assert.deepEqual([property.offset, property.length, property.colonOffset], [0, 15, 6]);
  });
});

describe('positions inside YAML templates', () => {
  test('plain, single-quoted and double-quoted values are reported on their own text, line and column', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: s3:GetObjects
            Resource: 'bucket/*'
          - Effect: "allow"
            Action: s3:GetObject
            Resource: arn:aws:s3:::b/*
`);
    assert.deepEqual(located(text), ['unknown-action 15:21-15:34 s3:GetObjects', "invalid-arn 16:23-16:33 'bucket/*'", 'invalid-value 17:21-17:28 "allow"']);
  });

  test('a policy variable is located inside plain, quoted and escaped scalars', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: s3:GetObject
            Resource:
              - arn:aws:s3:::b/\${cognito-identity.amazonaws.com:id}/*
              - 'arn:aws:s3:::b/it''s/\${aws:usrname}/*'
              - "arn:aws:s3:::b/\\x41/\${aws:PrincipalTagg/x}/*"
`);
    assert.deepEqual(located(text), [
      'unknown-variable 17:34-17:67 cognito-identity.amazonaws.com:id',
      'unknown-variable 18:41-18:52 aws:usrname',
      'unknown-variable 19:40-19:59 aws:PrincipalTagg/x',
    ]);
  });

  test('in a folded block scalar the variable cannot be located: the whole value is reported', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: s3:GetObject
            Resource: >-
              arn:aws:s3:::b/\${aws:usrname}/*
`);
    assert.deepEqual(located(text), ['unknown-variable 16:23-18:1 >-\n              arn:aws:s3:::b/${aws:usrname}/*\n']);
  });
});

describe('intrinsic functions in policies', () => {
  const CLEAN_STATEMENT = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
  const TRUST_STATEMENT = {
    Effect: 'Allow',
    Principal: { Federated: 'cognito-identity.amazonaws.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    },
  };
  const FUNCTIONS: Record<string, unknown> = {
    Ref: { Ref: 'Env' },
    'Fn::Sub': { 'Fn::Sub': '${Env}' },
    'Fn::Sub with a map': { 'Fn::Sub': ['${A}', { A: { Ref: 'Env' } }] },
    'Fn::GetAtt': { 'Fn::GetAtt': ['Bucket', 'Arn'] },
    'Fn::Join': { 'Fn::Join': ['', [{ Ref: 'Env' }]] },
    'Fn::If': { 'Fn::If': ['IsProd', 'a', 'b'] },
    'Fn::Select': { 'Fn::Select': [0, { Ref: 'List' }] },
    'Fn::ImportValue': { 'Fn::ImportValue': 'shared-value' },
    'Fn::FindInMap': { 'Fn::FindInMap': ['Map', 'Key', 'Value'] },
    'Fn::Split': { 'Fn::Split': [',', { Ref: 'Env' }] },
    'Fn::Base64': { 'Fn::Base64': { Ref: 'Env' } },
  };
  /** Where an intrinsic function replaces a value of a clean identity or trust policy. */
  const PLACES: Record<string, { trust: boolean; put: (f: unknown) => unknown }> = {
    Action: { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Action: f }) },
    'an Action item': { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Action: ['s3:GetObject', f] }) },
    Resource: { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Resource: f }) },
    'a Resource item beside a bucket ARN': { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Resource: ['arn:aws:s3:::bucket', f] }) },
    NotResource: { trust: false, put: (f) => ({ Effect: 'Deny', Action: 's3:GetObject', NotResource: f }) },
    Effect: { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Effect: f }) },
    Sid: { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Sid: f }) },
    'a Bool condition value': { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Condition: { Bool: { 'aws:SecureTransport': f } } }) },
    'an IpAddress condition value': { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Condition: { IpAddress: { 'aws:SourceIp': f } } }) },
    'a Date condition value': { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Condition: { DateLessThan: { 'aws:CurrentTime': f } } }) },
    'an operator block': { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Condition: { StringEquals: f } }) },
    Condition: { trust: false, put: (f) => ({ ...CLEAN_STATEMENT, Condition: f }) },
    'a statement': { trust: false, put: (f) => [CLEAN_STATEMENT, f] },
    Statement: { trust: false, put: (f) => f },
    'the aud value': {
      trust: true,
      put: (f) => ({ ...TRUST_STATEMENT, Condition: { ...TRUST_STATEMENT.Condition, StringEquals: { 'cognito-identity.amazonaws.com:aud': f } } }),
    },
    'the aud value, with StringLike': {
      trust: true,
      put: (f) => ({
        ...TRUST_STATEMENT,
        Condition: { ...TRUST_STATEMENT.Condition, StringEquals: undefined, StringLike: { 'cognito-identity.amazonaws.com:aud': f } },
      }),
    },
    'the amr value': {
      trust: true,
      put: (f) => ({ ...TRUST_STATEMENT, Condition: { ...TRUST_STATEMENT.Condition, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': f } } }),
    },
    'the Federated principal': { trust: true, put: (f) => ({ ...TRUST_STATEMENT, Principal: { Federated: f } }) },
    Principal: { trust: true, put: (f) => ({ ...TRUST_STATEMENT, Principal: f }) },
    'the trust Action': { trust: true, put: (f) => ({ ...TRUST_STATEMENT, Action: f }) },
  };

  function template(place: { trust: boolean; put: (f: unknown) => unknown }, f: unknown): string {
    const put = place.put(f);
    const statements = Array.isArray(put) || (put && typeof put === 'object' && !('Effect' in put)) ? put : [put];
    const document = { Version: '2012-10-17', Statement: statements };
    const resource = place.trust
      ? { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: document } }
      : { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: document } };
    return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Subject: resource } }, null, 2);
  }

  for (const [placeName, place] of Object.entries(PLACES)) {
    test(`no finding for any intrinsic function in ${placeName} (JSON and YAML short forms)`, () => {
      const found: string[] = [];
      for (const [fnName, fn] of Object.entries(FUNCTIONS)) {
        // Each branch of an Fn::If Effect is judged as an Effect (see below): give it valid ones.
        const f = placeName === 'Effect' && fnName === 'Fn::If' ? { 'Fn::If': ['IsProd', 'Allow', 'Deny'] } : fn;
        const json = template(place, f);
        for (const x of analyzeT(json, 'json').findings) found.push(`${fnName} (JSON): ${x.ruleId} ${json.slice(x.range.start, x.range.end)}`);
        const yaml = toShortForms(json);
        for (const x of analyzeT(yaml, 'yaml').findings) found.push(`${fnName} (YAML): ${x.ruleId} ${yaml.slice(x.range.start, x.range.end)}`);
      }
      assert.deepEqual(found, []);
    });
  }

  test('the intrinsic-free form of each place is clean, so the tests above judge the functions alone', () => {
    for (const [placeName, place] of Object.entries(PLACES)) {
      const literal = placeName.startsWith('the aud')
        ? 'us-east-1:12345678-1234-1234-1234-123456789012'
        : placeName === 'the amr value'
          ? 'authenticated'
          : placeName === 'the Federated principal'
            ? 'cognito-identity.amazonaws.com'
            : placeName === 'the trust Action'
              ? 'sts:AssumeRoleWithWebIdentity'
              : undefined;
      if (!literal) continue;
      assert.deepEqual(
        analyzeT(template(place, literal), 'json').findings.map((x) => x.ruleId),
        [],
        placeName,
      );
    }
  });

  test('an inexact Resource is a wildcard for resource-mismatch: s3:ListBucket on !Sub "arn:aws:s3:::${Bucket}/*" grants nothing', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: s3:ListBucket
            Resource: !Sub arn:\${AWS::Partition}:s3:::\${Bucket}/*
`);
    assert.deepEqual(located(text), ['resource-mismatch 15:21-15:34 s3:ListBucket']);
  });

  test('an ARN put together with Fn::Join or Fn::Sub from literal service and resource type and Ref AWS::Region/AccountId is judged by resource-mismatch', () => {
    const message = (text: string) => analyzeT(text).findings.map((f) => f.message);
    const located1 = (resource: string, action = 's3:GetObject') =>
      located(yamlPolicy(`          - Effect: Allow\n            Action: ${action}\n            Resource: ${resource}\n`));
    // s3:GetObject on a DynamoDB table ARN: the literal service part can never match an S3 object.
    const join = `!Join ['', ['arn:aws:dynamodb:', !Ref AWS::Region, ':', !Ref AWS::AccountId, ':table/Books']]`;
    assert.deepEqual(located1(join), ['resource-mismatch 15:21-15:33 s3:GetObject']);
    assert.deepEqual(located1(`!Join [':', ['arn:aws:dynamodb', !Ref AWS::Region, !Ref AWS::AccountId, 'table/Books']]`), [
      'resource-mismatch 15:21-15:33 s3:GetObject',
    ]);
    assert.deepEqual(located1(`!Sub 'arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/Books'`), [
      'resource-mismatch 15:21-15:33 s3:GetObject',
    ]);
    assert.deepEqual(message(yamlPolicy(`          - Effect: Allow\n            Action: s3:GetObject\n            Resource: ${join}\n`)), [
      '"s3:GetObject" matches none of this statement\'s resources: this statement grants nothing. It acts on object (arn:aws:s3:::${BucketName}/${ObjectName}), accesspointobject (arn:aws:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}).',
    ]);
    // The literal resource type prefix: dynamodb:GetItem acts on tables, not on global tables.
    assert.deepEqual(located1(`!Sub 'arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:global-table/Books'`, 'dynamodb:GetItem'), [
      'resource-mismatch 15:21-15:37 dynamodb:GetItem',
    ]);
    // Silent: the part the action needs comes from an open part (the whole resource part, or the service).
    assert.deepEqual(located1(`!Join ['', ['arn:aws:dynamodb:', !Ref AWS::Region, ':', !Ref AWS::AccountId, ':', !Ref Env]]`, 'dynamodb:GetItem'), []);
    assert.deepEqual(located1(`!Sub 'arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:\${Env}/Books'`, 'dynamodb:GetItem'), []);
    assert.deepEqual(located1(`!Join ['', ['arn:aws:', !Ref Env, ':', !Ref AWS::Region, ':', !Ref AWS::AccountId, ':table/Books']]`), []);
    assert.deepEqual(located1(join, 'dynamodb:GetItem'), []);
  });

  test('resource-mismatch on a statement whose Effect is an Fn::If says what holds in both branches', () => {
    const text = yamlPolicy(`          - Effect: !If [IsProd, Allow, Deny]
            Action: s3:ListBucket
            Resource: arn:aws:s3:::bucket/*
`);
    assert.deepEqual(located(text), ['resource-mismatch 15:21-15:34 s3:ListBucket']);
    assert.match(
      analyzeT(text).findings[0].message,
      /^"s3:ListBucket" matches none of this statement's resources: this statement applies to nothing, whichever its Effect\. /,
    );
    const partly = yamlPolicy(`          - Effect: !If [IsProd, Allow, Deny]
            Action: [s3:ListBucket, s3:GetObject]
            Resource: arn:aws:s3:::bucket/*
`);
    assert.match(
      analyzeT(partly).findings[0].message,
      /^"s3:ListBucket" matches none of this statement's resources: this statement does not apply to it, whichever its Effect\. /,
    );
  });

  test('an Effect written as Fn::If is judged in each branch that is text; open branches and AWS::NoValue are not', () => {
    const effect = (value: string) =>
      located(yamlPolicy(`          - Effect: ${value}\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::bucket/*\n`));
    assert.deepEqual(effect('!If [IsProd, Allow, Dney]'), ['invalid-value 14:41-14:45 Dney']);
    assert.deepEqual(effect('!If [IsProd, allow, Deny]'), ['invalid-value 14:34-14:39 allow']);
    assert.deepEqual(
      analyzeT(
        yamlPolicy(`          - Effect: !If [IsProd, allow, Dney]\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::bucket/*\n`),
      ).findings.map((f) => f.message),
      ['Effect is case-sensitive: write "Allow".', 'Effect must be "Allow" or "Deny".'],
    );
    assert.deepEqual(effect(`{'Fn::If': [IsProd, "Allow", 'Deny']}`), []);
    assert.deepEqual(effect('!If [IsProd, Allow, !Ref Env]'), []);
    assert.deepEqual(effect('!If [IsProd, !Sub "${Env}", !Ref AWS::NoValue]'), []);
    assert.deepEqual(effect('!If [IsProd, !Join ["", [De, ny]], Allow]'), []);
    assert.deepEqual(effect('!If [IsProd, !Join ["", [De, nie]], Allow]'), ['invalid-value 14:34-14:55 !Join ["", [De, nie]]']);
  });

  test('an exact intrinsic function (Fn::Join of literal text) is checked like a literal', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: !Join [':', [s3, GetObjects]]
            Resource: '*'
`);
    assert.deepEqual(located(text), ["unknown-action 15:21-15:50 !Join [':', [s3, GetObjects]]"]);
  });
});

describe('Fn::If around whole parts of a policy: each branch checked as what it would be', () => {
  /** A managed policy whose PolicyDocument is `doc` (indented by 6 spaces, after `PolicyDocument:`). */
  const docTemplate = (doc: string) => `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  IsProd: !Equals [!Ref AWS::StackName, prod]
  IsTest: !Equals [!Ref AWS::StackName, test]
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:${doc}`;
  const GOOD = (indent: string) => `Effect: Allow\n${indent}Action: s3:GetObject\n${indent}Resource: arn:aws:s3:::bucket/*`;

  test('a statement of the list under Fn::If, with AWS::NoValue as the other branch, is checked in its branch', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::bucket/*
          - !If
            - IsProd
            - Effect: Allow
              Action: s3:GetObjects
              Resource: arn:aws:s3:::bucket/*
            - !Ref AWS::NoValue
`);
    assert.deepEqual(located(text), ['unknown-action 20:23-20:36 s3:GetObjects']);
    assert.deepEqual(
      located(yamlPolicy(`          - !If\n            - IsProd\n            - ${GOOD('              ')}\n            - !Ref AWS::NoValue\n`)),
      [],
    );
  });

  test('the Statement list as an Fn::If of two lists: each list is checked, with the ranges of its branch', () => {
    const text = docTemplate(`
        Version: '2012-10-17'
        Statement: !If
          - IsProd
          - - Effect: Allow
              Action: s3:GetObjects
              Resource: arn:aws:s3:::bucket/*
          - - Effect: Allow
              Action: s3:ListBucket
              Resource: arn:aws:s3:::bucket/*
`);
    assert.deepEqual(located(text), ['unknown-action 14:23-14:36 s3:GetObjects', 'resource-mismatch 17:23-17:36 s3:ListBucket']);
  });

  test('a PolicyDocument that is an Fn::If of two documents is two policies; AWS::NoValue and an open branch are none', () => {
    const text = docTemplate(` !If
        - IsProd
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: s3:GetObjects
              Resource: arn:aws:s3:::bucket/*
        - Statement:
            - ${GOOD('              ')}
`);
    // The second document has no Version: missing-version is about that branch. No finding on the Fn::If itself.
    assert.deepEqual(located(text), ['unknown-action 14:23-14:36 s3:GetObjects', 'missing-version 16:11-16:20 Statement']);
    for (const other of ['!Ref AWS::NoValue', '!Ref DocumentParameter']) {
      assert.deepEqual(
        located(
          docTemplate(
            ` !If\n        - IsProd\n        - Version: '2012-10-17'\n          Statement:\n            - ${GOOD('              ')}\n        - ${other}\n`,
          ),
        ),
        [],
        other,
      );
    }
  });

  test('a Condition block under Fn::If is checked in its branch; AWS::NoValue removes it', () => {
    const condition = (block: string) =>
      located(
        yamlPolicy(
          `          - ${GOOD('            ')}\n            Condition: !If\n              - IsProd\n              - ${block}\n              - !Ref AWS::NoValue\n`,
        ),
      );
    assert.deepEqual(condition('StringEquals: {aws:SourceVpc: vpc-123}'), ['invalid-identifier-value 19:47-19:54 vpc-123']);
    assert.deepEqual(condition('StringEquals: {aws:SourceVpc: vpc-1a2b3c4d}'), []);
  });

  test('in JSON templates too', () => {
    const json = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Policy: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ 'Fn::If': ['IsProd', { Effect: 'Allow', Action: 's3:GetObjects', Resource: '*' }, { Ref: 'AWS::NoValue' }] }],
            },
          },
        },
      },
    });
    assert.deepEqual(located(json, 'json'), ['unknown-action 1:213-1:228 "s3:GetObjects"']);
  });

  test('a finding outside the branches is listed once; one about a branch and the rest of the policy is kept in its branch', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: s3:GetObjects
            Resource: arn:aws:s3:::bucket/*
          - !If
            - IsProd
            - Effect: Allow
              Action: s3:GetObject
              Resource: arn:aws:s3:::bucket/*
            - Effect: Allow
              Action: s3:PutObject
              Resource: arn:aws:s3:::bucket/*
          - !If
            - IsTest
            - Effect: Allow
              Action: s3:GetObjects
              Resource: arn:aws:s3:::bucket/*
            - !Ref AWS::NoValue
`);
    // The literal statement's unknown action once (it is in every reading); the IsTest branch repeats the first
    // statement (redundant when IsTest holds) and has its own unknown action.
    assert.deepEqual(
      located(text).filter((f) => !f.startsWith('redundant-statement')),
      ['unknown-action 15:21-15:34 s3:GetObjects', 'unknown-action 28:23-28:36 s3:GetObjects'],
    );
    assert.deepEqual(
      located(text)
        .filter((f) => f.startsWith('redundant-statement'))
        .map((f) => f.split(' ')[1]),
      ['27:15-27:16'],
    );
  });

  test('hover, completion and quick fixes inside a branch use the reading that takes it', () => {
    const text = yamlPolicy(`          - !If
            - IsProd
            - Effect: Allow
              Action: s3:GetObjects
              Resource: arn:aws:s3:::bucket/*
            - !Ref AWS::NoValue
`);
    const input = { text, id: 'template.yaml', fileName: 'template.yaml' };
    const at = text.indexOf('s3:GetObjects');
    const policy = policyAt(analyzeDocument(input, catalog), at)!;
    assert.deepEqual(
      policy.document.statements.map((s) => s.actions?.map((a) => a.value)),
      [['s3:GetObjects']],
    );
    // The did-you-mean fix needs the statement: the policy with the branch open has none.
    const analysis = analyzeDocument(input, catalog);
    const titles = (doc: PolicyDocument, findings: readonly Finding[]) =>
      quickFixes(doc, findings, { start: 0, end: text.length }, { syntax: analysis.syntax }).map((f) => [
        f.title,
        text.slice(f.edits[0].range.start, f.edits[0].range.end),
      ]);
    assert.deepEqual(titles(analysis.policies[0].document, analysis.findings), []);
    assert.deepEqual(
      readingsOfPolicy(analysis, analysis.policies[0]).flatMap((r) => titles(r.doc, r.findings)),
      [['Replace with "s3:GetObject"', 's3:GetObjects']],
    );
  });

  test('an Fn::If inside a branch of another is read too; statements under two conditions are never compared', () => {
    const nested = yamlPolicy(`          - !If
            - IsProd
            - !If [IsEu, {Effect: Allow, Action: s3:GetObjectz, Resource: '*'}, {${GOOD(' ').replace(/\n/g, ',')}}]
            - !Ref AWS::NoValue
`);
    assert.deepEqual(located(nested), ['unknown-action 16:50-16:63 s3:GetObjectz']);
    // The same Sid under IsProd and under IsTest: the two are in one policy only if both hold, which may never be.
    const twoConditions = yamlPolicy(`          - !If [IsProd, {Sid: A, ${GOOD(' ').replace(/\n/g, ',')}}, !Ref AWS::NoValue]
          - !If [IsTest, {Sid: A, Effect: Allow, Action: s3:PutObject, Resource: 'arn:aws:s3:::bucket/*'}, !Ref AWS::NoValue]
`);
    assert.deepEqual(located(twoConditions), []);
    // Under one condition both are there when it holds.
    assert.deepEqual(
      located(twoConditions.replace('IsTest', 'IsProd')).map((f) => f.split(' ')[0]),
      ['duplicate-sid'],
    );
  });

  test('two statements that are the two branches of one Fn::If are never both in the policy: no redundant-statement', () => {
    const text = yamlPolicy(`          - !If
            - IsProd
            - ${GOOD('              ')}
            - ${GOOD('              ')}
`);
    assert.deepEqual(located(text), []);
  });
});

describe('a trust Condition written with an intrinsic function', () => {
  const template = (condition: string) => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Federated: cognito-identity.amazonaws.com
            Action: sts:AssumeRoleWithWebIdentity
${condition}`;
  const rules = (text: string) => analyzeTemplate(text, catalog, { format: 'yaml' })!.findings.map((f) => f.ruleId);

  test('is open: no aud or amr condition is judged missing (the template may hold them); an absent Condition is reported', () => {
    assert.deepEqual(rules(template('            Condition: !Ref TrustConditions\n')), []);
    assert.deepEqual(rules(template('            Condition:\n              StringEquals: !Ref AudCondition\n')), []);
    assert.deepEqual(rules(template('')), ['trust-missing-aud', 'trust-missing-amr']);
  });
});

describe('Fn::Sub: ${!Literal} is IAM text, ${Name} is a template variable', () => {
  test('${!aws:username} is the IAM variable ${aws:username}: variable-never-set points at it in the template', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub 'arn:aws:s3:::\${Bucket}/\${!aws:username}/*'
          - Effect: Allow
            Action: s3:PutObject
            Resource: !Sub 'arn:aws:s3:::\${Bucket}/\${!cognito-identity.amazonaws.com:sub}/*'
`);
    assert.deepEqual(located(text), ['variable-never-set 16:52-16:68 ${!aws:username}']);
  });

  test('${AWS::Region}, ${Bucket} and ${Bucket.Arn} are template variables, never policy variables', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: !Sub 'arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Env}-notes'
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/\${Env}/*'
`);
    assert.deepEqual(located(text), []);
  });

  test('a variable of the Fn::Sub map with literal text is substituted exactly (and then checked)', () => {
    const text = yamlPolicy(`          - Effect: Allow
            Action: !Sub ['s3:\${Verb}Object', { Verb: Gett }]
            Resource: '*'
`);
    assert.deepEqual(located(text), ["unknown-action 15:21-15:62 !Sub ['s3:${Verb}Object', { Verb: Gett }]"]);
  });

  test('in JSON, a Fn::Sub variable is located through JSON escapes', () => {
    const text = JSON.stringify(
      {
        Resources: {
          P: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:aws:s3:::b/\t/${!aws:usrname}/*' } }],
              },
            },
          },
        },
      },
      null,
      2,
    );
    const f = analyzeT(text, 'json').findings;
    assert.deepEqual(
      f.map((x) => `${x.ruleId} ${text.slice(x.range.start, x.range.end)}`),
      ['unknown-variable aws:usrname'],
    );
  });
});

describe('the role model of a template', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: 'true'
      AllowClassicFlow: !If [Classic, true, false]
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: photo-auth
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
      Policies:
        - PolicyName: Inline
          PolicyDocument: {Version: '2012-10-17', Statement: []}
      ManagedPolicyArns: [!Ref Managed, arn:aws:iam::aws:policy/ReadOnlyAccess]
      Tags: [{Key: team, Value: photos}]
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
      Tags: [{Key: !Ref TagName, Value: x}]
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: '2012-10-17', Statement: []}
  Shared:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: shared
      Roles: [!Ref AuthRole, !Ref GuestRole]
      PolicyDocument: {Version: '2012-10-17', Statement: []}
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles:
        authenticated: arn:aws:iam::123456789012:role/photo-auth
        unauthenticated: !GetAtt GuestRole.Arn
      RoleMappings:
        google:
          IdentityProvider: accounts.google.com
          Type: Rules
          AmbiguousRoleResolution: Deny
          RulesConfiguration:
            Rules:
              - {Claim: hd, MatchType: Equals, Value: example.com, RoleARN: !GetAtt AuthRole.Arn}
              - {Claim: hd, MatchType: Equals, Value: other.com, RoleARN: arn:aws:iam::123456789012:role/elsewhere}
`;
  const result = analyzeT(text);
  const ws = result.model;

  test('roles get their trust policy and every permission policy: inline, AWS::IAM::Policy Roles, ManagedPolicyArns', () => {
    assert.deepEqual(
      ws.roles.map((r) => [r.id, r.trust?.name, r.permissions.map((p) => p.name), r.tagKeys, r.names]),
      [
        [
          'AuthRole',
          'the trust policy of role "AuthRole"',
          ['the inline policy "Inline" of role "AuthRole"', 'the policy "Shared"', 'the managed policy "Managed"'],
          ['team'],
          ['photo-auth'],
        ],
        ['GuestRole', 'the trust policy of role "GuestRole"', ['the policy "Shared"'], undefined, []],
      ],
    );
  });

  test('pools get their flags: strings count, intrinsic functions are unknown', () => {
    assert.deepEqual(
      ws.pools.map((p) => [
        p.id,
        p.allowUnauthenticated?.value,
        p.allowClassicFlow?.value,
        text.slice(p.allowClassicFlow!.range.start, p.allowClassicFlow!.range.end),
      ]),
      [['Pool', true, undefined, '!If [Classic, true, false]']],
    );
  });

  test('attachments resolve the pool by Ref, roles by GetAtt Arn or by a literal ARN naming a RoleName; mapping rules are kept', () => {
    const a = ws.attachments[0];
    assert.deepEqual([a.pool.poolModelId, a.pool.text], ['Pool', '!Ref Pool']);
    assert.deepEqual(
      a.roles.map((r) => [r.as, r.role.roleId, r.role.text]),
      [
        ['authenticated', 'AuthRole', 'arn:aws:iam::123456789012:role/photo-auth'],
        ['unauthenticated', 'GuestRole', '!GetAtt GuestRole.Arn'],
      ],
    );
    assert.deepEqual(
      a.mappings.map((m) => [m.provider, m.rules?.length, m.ruleRoles.map((r) => r.roleId ?? r.text)]),
      [['accounts.google.com', 2, ['AuthRole', 'arn:aws:iam::123456789012:role/elsewhere']]],
    );
  });

  test('embedded policies are trust or identity, with the identity-pool role the attachments give their roles', () => {
    assert.deepEqual(
      result.policies.map((p) => [p.name, p.kind, p.roles, p.identityPool?.role ?? (p.identityPool ? 'identity pool' : 'none'), p.path.join('/')]),
      [
        ['the trust policy of role "AuthRole"', 'trust', ['AuthRole'], 'none', 'Resources/AuthRole/Properties/AssumeRolePolicyDocument'],
        ['the inline policy "Inline" of role "AuthRole"', 'identity', ['AuthRole'], 'authenticated', 'Resources/AuthRole/Properties/Policies/0/PolicyDocument'],
        ['the trust policy of role "GuestRole"', 'trust', ['GuestRole'], 'none', 'Resources/GuestRole/Properties/AssumeRolePolicyDocument'],
        ['the managed policy "Managed"', 'identity', ['AuthRole'], 'authenticated', 'Resources/Managed/Properties/PolicyDocument'],
        ['the policy "Shared"', 'identity', ['AuthRole', 'GuestRole'], 'guest', 'Resources/Shared/Properties/PolicyDocument'],
      ],
    );
  });

  test('the guest role of a pool with guest access off is no guest role for the guest rules', () => {
    const off = example('amplify-template.yaml');
    const unauth = analyzeT(off).policies.find((p) => p.roles.includes('UnauthRole') && p.kind === 'identity')!;
    assert.deepEqual(unauth.identityPool, {});
  });
});

describe('role mappings, providers and principal tags in the model', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
      CognitoIdentityProviders:
        - {ProviderName: cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123, ClientId: client1}
        - {ProviderName: !GetAtt UserPool.ProviderName, ClientId: !Ref Client}
      SupportedLoginProviders: {accounts.google.com: 123.apps.googleusercontent.com}
      OpenIdConnectProviderARNs: [arn:aws:iam::123456789012:oidc-provider/login.example.com]
      SamlProviderARNs: [arn:aws:iam::123456789012:saml-provider/Corp]
      DeveloperProviderName: login.photoapp
  OpenPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
      CognitoIdentityProviders: !If [Prod, [], []]
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      RoleMappings:
        userpool:
          IdentityProvider: cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:client1
          Type: Rules
          AmbiguousRoleResolution: AuthenticatedRole
          RulesConfiguration:
            Rules:
              - {Claim: custom:dept, MatchType: StartsWith, Value: sales, RoleARN: arn:aws:iam::123456789012:role/sales}
              - {Claim: !Ref ClaimName, MatchType: Equals, Value: x, RoleARN: arn:aws:iam::123456789012:role/x}
        open:
          IdentityProvider: !Sub cognito-idp.\${AWS::Region}.amazonaws.com/\${UserPool}:\${Client}
          Type: Token
          AmbiguousRoleResolution: Deny
        accounts.google.com:
          Type: Token
          AmbiguousRoleResolution: !Ref Resolution
  Tags:
    Type: AWS::Cognito::IdentityPoolPrincipalTag
    Properties:
      IdentityPoolId: !Ref Pool
      IdentityProviderName: cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123
      PrincipalTags: {department: custom:dept, user: sub}
  DefaultTags:
    Type: AWS::Cognito::IdentityPoolPrincipalTag
    Properties:
      IdentityPoolId: !Ref Pool
      IdentityProviderName: accounts.google.com
      UseDefaults: true
  Admins:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref UserPool, RoleArn: arn:aws:iam::123456789012:role/admins}
  OpenTags:
    Type: AWS::Cognito::IdentityPoolPrincipalTag
    Properties:
      IdentityPoolId: !Ref OpenPool
      IdentityProviderName: !GetAtt UserPool.ProviderName
      PrincipalTags: !If [Prod, {a: b}, {c: d}]
`;
  const ws = analyzeT(text).model;

  test('the pool lists its providers; a part written with intrinsic functions is unknown; a list written as one is no list', () => {
    assert.deepEqual(
      ws.pools[0].providers?.map((p) => [p.kind, p.name.value, p.name.text, p.clientId?.value]),
      [
        ['user-pool', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123', 'client1'],
        ['user-pool', undefined, '!GetAtt UserPool.ProviderName', undefined],
        ['public', 'accounts.google.com', 'accounts.google.com', '123.apps.googleusercontent.com'],
        ['oidc', 'login.example.com', 'arn:aws:iam::123456789012:oidc-provider/login.example.com', undefined],
        ['saml', 'arn:aws:iam::123456789012:saml-provider/Corp', 'arn:aws:iam::123456789012:saml-provider/Corp', undefined],
        ['developer', 'login.photoapp', 'login.photoapp', undefined],
      ],
    );
    assert.equal(ws.pools[1].providers, undefined);
  });

  test("role mappings keep Type, AmbiguousRoleResolution and each rule's Claim, MatchType, Value and role; intrinsic values stay unknown", () => {
    const mappings = ws.attachments[0].mappings;
    assert.deepEqual(
      mappings.map((m) => [m.key, m.provider, m.providerName, m.type?.value, m.ambiguousRoleResolution?.value, m.ambiguousRoleResolution?.text]),
      [
        [
          'userpool',
          'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:client1',
          'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:client1',
          'Rules',
          'AuthenticatedRole',
          'AuthenticatedRole',
        ],
        ['open', '!Sub cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}:${Client}', undefined, 'Token', 'Deny', 'Deny'],
        ['accounts.google.com', 'accounts.google.com', 'accounts.google.com', 'Token', undefined, '!Ref Resolution'],
      ],
    );
    // What an unknown value is made of, to tell it names the same thing as another value written alike.
    assert.deepEqual(mappings[1].providerRefs, ['AWS::Region', 'UserPool', 'Client']);
    assert.deepEqual(ws.pools[0].providers?.[1].name.refs, ['UserPool.ProviderName']);
    assert.deepEqual(
      mappings[0].rules?.map((r) => [r.claim?.value, r.claim?.text, r.matchType?.value, r.value?.value, r.role?.text]),
      [
        ['custom:dept', 'custom:dept', 'StartsWith', 'sales', 'arn:aws:iam::123456789012:role/sales'],
        [undefined, '!Ref ClaimName', 'Equals', 'x', 'arn:aws:iam::123456789012:role/x'],
      ],
    );
  });

  test('user pool groups: their user pool (a reference keeps what it names) and role', () => {
    assert.deepEqual(
      ws.groups?.map((g) => [g.id, g.userPool.value, g.userPool.refs, g.role?.text]),
      [['Admins', undefined, ['UserPool'], 'arn:aws:iam::123456789012:role/admins']],
    );
  });

  test('principal tag maps: tag key to claim, UseDefaults, a map written with intrinsic functions is unknown', () => {
    assert.deepEqual(
      ws.principalTags?.map((m) => [
        m.id,
        m.pool.poolModelId,
        m.provider.value,
        m.useDefaults?.value,
        m.tags?.map((t) => [t.key, t.claim, text.slice(t.range.start, t.range.end)]),
      ]),
      [
        [
          'Tags',
          'Pool',
          'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123',
          undefined,
          [
            ['department', 'custom:dept', 'department: custom:dept'],
            ['user', 'sub', 'user: sub'],
          ],
        ],
        ['DefaultTags', 'Pool', 'accounts.google.com', true, []],
        ['OpenTags', 'OpenPool', undefined, undefined, undefined],
      ],
    );
  });
});

describe('aud resolved through the template', () => {
  const trustWithAud = (aud: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
  OtherPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {cognito-identity.amazonaws.com:aud: ${aud}}
              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: authenticated}
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: {authenticated: !GetAtt Role.Arn}
`;
  test('!Ref, !GetAtt Id and !Sub "${Pool}" of the attached pool are that pool: no finding', () => {
    for (const aud of ['!Ref Pool', '!GetAtt Pool.Id', '!Sub "${Pool}"', '[!Ref OtherPool, !Ref Pool]']) assert.deepEqual(located(trustWithAud(aud)), [], aud);
  });

  test('a Ref to another pool of the template is aud-pool-mismatch, on the aud value', () => {
    assert.deepEqual(located(trustWithAud('!Ref OtherPool')), ['aud-pool-mismatch 21:66-21:80 !Ref OtherPool']);
    assert.deepEqual(located(trustWithAud('!GetAtt OtherPool.Id')), ['aud-pool-mismatch 21:66-21:86 !GetAtt OtherPool.Id']);
  });

  test('a literal pool ID, a parameter or an import cannot be compared with a pool the stack creates: silent', () => {
    for (const aud of ['us-east-1:12345678-1234-1234-1234-123456789012', '!Ref PoolIdParameter', '!ImportValue shared-pool-id', '!Sub "${Pool}-x"'])
      assert.deepEqual(located(trustWithAud(aud)), [], aud);
  });
});

describe('syntax errors', () => {
  test('a YAML template with errors gets one yaml-syntax finding at the first error, naming the others, and nothing else', () => {
    const text =
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: {Statement: [\n  X: [1\n";
    const result = analyzeT(text);
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.severity]),
      [['yaml-syntax', 'error']],
    );
    assert.match(result.findings[0].message, /^YAML syntax error: .+ \(\d+ more errors? after it\)\. CloudFormation cannot read the template/);
  });

  describe('YAML that CloudFormation reads though strict YAML 1.2 rejects it', () => {
    /** A managed policy with a Description and a statement whose action is misspelt (unknown-action: the checks ran). */
    const withDescription = (description: string, resource = 'arn:aws:s3:::bucket/*') => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: ${description}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObjects
            Resource: ${resource}
`;
    const WARNING =
      'This line of a multi-line quoted string is indented no deeper than its key: CloudFormation reads it (as one string, its lines joined by spaces), strict YAML parsers and editors do not. Indent it deeper than the key, or use a block scalar (| or >).';

    test('a multi-line quoted string with an under-indented line: a yaml-syntax warning on that line, and every check runs', () => {
      const text = withDescription('"first line\n  second"');
      assert.deepEqual(located(text), ['yaml-syntax 7:3-7:10 second"', 'unknown-action 12:21-12:34 s3:GetObjects']);
      const warning = analyzeT(text).findings[0];
      assert.deepEqual([warning.severity, warning.message], ['warning', WARNING]);
      // Single quotes, a closing quote at column 0, and two such strings (one in the policy, read as CloudFormation reads it).
      assert.deepEqual(located(withDescription("'it''s first\nsecond'")), ["yaml-syntax 7:1-7:8 second'", 'unknown-action 12:21-12:34 s3:GetObjects']);
      assert.deepEqual(located(withDescription('"first line\n        second\n"')), ['yaml-syntax 8:1-8:2 "', 'unknown-action 13:21-13:34 s3:GetObjects']);
      assert.deepEqual(located(withDescription('"a\n b"', "'arn:aws:s3:::bucket/\n*'")), [
        'yaml-syntax 7:2-7:4 b"',
        'unknown-action 12:21-12:34 s3:GetObjects',
        "yaml-syntax 14:1-14:3 *'",
      ]);
    });

    test('the string is the value CloudFormation reads: its lines folded as YAML folds them', () => {
      const description = (yaml: string) => {
        const template = parseTemplate(withDescription(yaml), 'yaml')!;
        const props = template.resources[0].properties!;
        return props.children!.find((p) => p.children![0].value === 'Description')!.children![1].value;
      };
      assert.equal(description('"first line\n  second"'), 'first line second');
      assert.equal(description("'it''s first\nsecond'"), "it's first second");
      assert.equal(description('"first line\n        second\n"'), 'first line second ');
      assert.equal(description('"joined\\\n  here"'), 'joinedhere');
    });

    test('silent on a string indented deeper than its key; still an error where CloudFormation rejects it too', () => {
      assert.deepEqual(located(withDescription('"first line\n        second"')), ['unknown-action 12:21-12:34 s3:GetObjects']);
      // A document marker inside the string, or no closing quote: PyYAML-style scanners reject these as well.
      for (const description of ['"first line\n---\n  second"', '"first line\n...\n  second"', '"first line\n  second']) {
        const findings = analyzeT(withDescription(description)).findings;
        assert.deepEqual(
          findings.map((f) => [f.ruleId, f.severity]),
          [['yaml-syntax', 'error']],
          description,
        );
        assert.match(findings[0].message, /^YAML syntax error: Missing closing "quote/);
      }
    });

    test('150 under-indented strings in a 3,000-line template: all read in one reading, one warning each, no limit', () => {
      // Before, each string cost a parse of the whole template, and past 100 the template was a yaml-syntax error.
      const { text, underIndentedLines } = descriptionsTemplate(270, 150);
      assert.equal(underIndentedLines.length, 150);
      assert.deepEqual(
        located(text),
        underIndentedLines.map((line) => `yaml-syntax ${line}:3-${line}:15 second line"`),
      );
      const props = parseTemplate(text, 'yaml')!.resources.map(
        (r) => r.properties!.children!.find((p) => p.children![0].value === 'Description')!.children![1].value,
      );
      assert.deepEqual(
        [props[0], props[149], props[150]],
        ['Policy 0, first line second line', 'Policy 149, first line second line', 'Policy 150, first line second line'],
      );
    });

    /**
     * A flow collection (`[...]`, `{...}`) with a line indented no deeper than its key. Checked with PyYAML 6.0.3
     * (Debian python3-yaml; yaml.load with a SafeLoader subclass whose add_multi_constructor('!', ...) reads
     * CloudFormation's tags) on this template with each `Action:` value below:
     *   `[ s3:GetObject,\ns3:PutObjects ]`                 -> ['s3:GetObject', 's3:PutObjects']
     *   `[ "s3:GetObject",\n  "s3:PutObjects"\n]`          -> ['s3:GetObject', 's3:PutObjects']
     *   `{ Ref: X,\n}`                                     -> {'Ref': 'X'}
     *   `[ s3:GetObject, # read\n# note\ns3:PutObjects ]`  -> ['s3:GetObject', 's3:PutObjects']
     *   `[ s3:Get\n\nObject ]`                             -> ['s3:Get\nObject']
     *   `!If [ C, "s3:GetObject",\n"s3:PutObject" ]`       -> {'!If': ['C', 's3:GetObject', 's3:PutObject']}
     *   `[ "s3:GetObject",\n  "s3:Put\nObjects" ]`         -> ['s3:GetObject', 's3:Put Objects']
     * and rejects: `---` or `...` at the start of a line inside ("expected the node content, but found '<document
     * start>'" / "'<document end>'"), a tab before the line's first token ("found character '\t' that cannot start
     * any token"), `- s3:PutObjects` ("expected the node content, but found '-'"), no closing bracket ("expected
     * ',' or ']', but got '<stream end>'"), and such a collection as a key, `[ s3:GetObject,\ns3:PutObjects ]: x`
     * ("mapping values are not allowed here"). PyYAML ignores indentation inside brackets; the `yaml` package ends
     * the collection at the line ("Flow sequence in block collection must be sufficiently indented").
     */
    const withAction = (action: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ${action}
            Resource: '*'
`;
    const FLOW_WARNING =
      'This line of a flow collection ([...] or {...}) is indented no deeper than its key: CloudFormation reads it (indentation does not count inside brackets for its parser), strict YAML parsers and editors do not. Indent it deeper than the key.';
    const action = (yaml: string): unknown => {
      const value = (object: JsonNode, key: string) => object.children!.find((p) => p.children![0].value === key)!.children![1];
      const document = value(parseTemplate(withAction(yaml), 'yaml')!.resources[0].properties!, 'PolicyDocument');
      return getNodeValue(value(value(document, 'Statement').children![0], 'Action'));
    };

    test('a flow collection with an under-indented line: a yaml-syntax warning on that line, read as CloudFormation reads it, every check runs', () => {
      const text = withAction('[ s3:GetObject,\ns3:PutObjects ]');
      assert.deepEqual(located(text), ['yaml-syntax 11:1-11:16 s3:PutObjects ]', 'unknown-action 11:1-11:14 s3:PutObjects']);
      const warning = analyzeT(text).findings[0];
      assert.deepEqual([warning.severity, warning.message], ['warning', FLOW_WARNING]);
      assert.deepEqual(located(withAction('[ "s3:GetObject",\n  "s3:PutObjects"\n]')), [
        'yaml-syntax 11:3-11:18 "s3:PutObjects"',
        'unknown-action 11:3-11:18 "s3:PutObjects"',
      ]);
      assert.deepEqual(located(withAction('{ Ref: X,\n}')), ['yaml-syntax 11:1-11:2 }']);
      // Comments inside, and a comment line at column 0 (strict YAML allows that one): the warning is on the first line it rejects.
      assert.deepEqual(located(withAction('[ s3:GetObject, # read\n# note\ns3:PutObjects ]')), [
        'yaml-syntax 12:1-12:16 s3:PutObjects ]',
        'unknown-action 12:1-12:14 s3:PutObjects',
      ]);
      assert.deepEqual(located(withAction('!If [ C, "s3:GetObject",\n"s3:PutObject" ]')), ['yaml-syntax 11:1-11:17 "s3:PutObject" ]']);
      // A quoted string inside, itself under-indented: one warning for each, each on its line.
      assert.deepEqual(located(withAction('[ "s3:GetObject",\n  "s3:Put\nObjects" ]')), [
        'yaml-syntax 11:3-11:10 "s3:Put',
        'invalid-action-format 11:3-12:9 "s3:Put\nObjects"',
        'yaml-syntax 12:1-12:9 Objects"',
      ]);
    });

    test('a flow collection is the value CloudFormation reads: multi-line scalars folded as PyYAML folds them', () => {
      assert.deepEqual(action('[ s3:GetObject,\ns3:PutObjects ]'), ['s3:GetObject', 's3:PutObjects']);
      assert.deepEqual(action('[ s3:GetObject, # read\n# note\ns3:PutObjects ]'), ['s3:GetObject', 's3:PutObjects']);
      assert.deepEqual(action('[ s3:Get\n\nObject ]'), ['s3:Get\nObject']);
      assert.deepEqual(action('[ "s3:GetObject",\n  "s3:Put\nObjects" ]'), ['s3:GetObject', 's3:Put Objects']);
      assert.deepEqual({ ...(action('{ Ref: X,\n}') as object) }, { Ref: 'X' });
    });

    test('silent on a flow collection indented deeper than its key, or closed one column short; an error where PyYAML rejects it too', () => {
      assert.deepEqual(located(withAction('[ s3:GetObject,\n              s3:PutObjects ]')), ['unknown-action 11:15-11:28 s3:PutObjects']);
      assert.deepEqual(located(withAction('[ s3:GetObject,\n              s3:PutObjects\n            ]')), ['unknown-action 11:15-11:28 s3:PutObjects']);
      for (const [value, at] of [
        ['[ s3:GetObject,\n---\ns3:PutObjects ]', '11:1-11:2 -'],
        ['[ s3:GetObject,\n...\ns3:PutObjects ]', '11:1-11:2 .'],
        ['[ s3:GetObject,\n\ts3:PutObjects ]', '11:2-11:3 s'],
        ['[ s3:GetObject,\n- s3:PutObjects ]', '11:1-11:2 -'],
        ['[ s3:GetObject,\ns3:PutObjects', '11:1-11:2 s'],
        ['[ s3:GetObject,\ns3:PutObjects ]: x', '11:1-11:2 s'],
      ]) {
        const text = withAction(value);
        assert.deepEqual(located(text), [`yaml-syntax ${at}`], value);
        const finding = analyzeT(text).findings[0];
        assert.equal(finding.severity, 'error', value);
        assert.match(finding.message, /^YAML syntax error: Flow sequence in block collection must be sufficiently indented/, value);
      }
    });
  });

  test('a JSON template with a trailing comma gets json-syntax and its policies are still analysed', () => {
    const text =
      '{"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*",}]}}}}}';
    assert.deepEqual(
      analyzeT(text, 'json').findings.map((f) => `${f.ruleId} ${text.slice(f.range.start, f.range.end)}`),
      ['unknown-action "s3:GetObjects"', 'json-syntax ,'],
    );
  });
});

describe('robustness', () => {
  test('every prefix of the example templates (as while typing) is analysed without an exception', () => {
    for (const [name, format] of [
      ['amplify-template.yaml', 'yaml'],
      ['amplify-template.json', 'json'],
      ['mistakes-template.yaml', 'yaml'],
    ] as const) {
      const text = example(name);
      for (let end = 0; end <= text.length; end += 17) {
        assert.doesNotThrow(() => analyzeTemplate(text.slice(0, end), catalog, { format }), `${name} up to ${end}`);
      }
    }
  });
});

describe('examples', () => {
  test('amplify-template.yaml and amplify-template.json have no findings', () => {
    assert.deepEqual(located(example('amplify-template.yaml')), []);
    assert.deepEqual(located(example('amplify-template.json'), 'json'), []);
  });

  test('the JSON and YAML Amplify templates have the same role model', () => {
    const shape = (format: TemplateFormat) => {
      const r = analyzeT(example(`amplify-template.${format}`), format);
      return {
        roles: r.model.roles.map((x) => [x.id, x.trust?.name, x.permissions.map((p) => p.name)]),
        attachments: r.model.attachments.map((a) => [a.pool.poolModelId, a.roles.map((x) => [x.as, x.role.roleId])]),
        policies: r.policies.map((p) => [p.name, p.identityPool]),
      };
    };
    assert.deepEqual(shape('json'), shape('yaml'));
  });

  test('mistakes-template.yaml: each deliberate mistake, at its line and column', () => {
    assert.deepEqual(located(example('mistakes-template.yaml')), [
      'guest-access-enabled 11:39-11:43 true',
      'classic-flow-enabled 12:25-12:29 true',
      'aud-pool-mismatch 31:53-31:77 !Ref StagingIdentityPool',
      'resource-mismatch 40:25-40:38 s3:ListBucket',
      'principal-tags-without-tag-session 44:67-44:98 ${!aws:PrincipalTag/department}',
      'role-kind-mismatch 60:53-60:66 authenticated',
      'cognito-variables-without-cognito-trust 87:72-87:110 ${!cognito-identity.amazonaws.com:sub}',
      'role-mapping-rules-limit 128:17-128:104 { Claim: custom:team, MatchType: Equals, Value: team26, RoleARN: !GetAtt AuthRole.Arn }',
    ]);
  });
});

/**
 * The JSON template as flow-style YAML with every intrinsic function in short form (`{"Ref": "X"}` -> `!Ref "X"`);
 * a function directly inside a short form keeps its full name (YAML allows one tag per node: `!Base64 {"Ref": "X"}`).
 */
function toShortForms(json: string): string {
  const intrinsic = (v: unknown) => {
    const entries = v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
    return entries.length === 1 && (entries[0] === 'Ref' || entries[0].startsWith('Fn::')) ? entries[0] : undefined;
  };
  const write = (v: unknown, tagged = false): string => {
    if (Array.isArray(v)) return `[${v.map((x) => write(x)).join(', ')}]`;
    const fn = intrinsic(v);
    const arg = fn && (v as Record<string, unknown>)[fn];
    if (fn && !tagged) return `!${fn.replace('Fn::', '')} ${write(arg, true)}`;
    if (v && typeof v === 'object')
      return `{${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}: ${write(x)}`)
        .join(', ')}}`;
    return JSON.stringify(v);
  };
  return write(JSON.parse(json)) + '\n';
}
