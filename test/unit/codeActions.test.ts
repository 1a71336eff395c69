/** Quick fixes: each one applied to a tiny document, the result asserted exactly and re-analysed. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeTemplate, AUD_PLACEHOLDER, fixAll, quickFixes, type FixOptions } from '../../server/src/core';
import { analyze, catalog, summary, yamlManagedPolicy } from './helpers';
import { applyEdits } from './cursor';

/** The fixes offered for the findings of `ruleId`, with the document each one produces. */
function fixes(text: string, ruleId: string, options: FixOptions = {}) {
  const result = analyze(text);
  const findings = result.findings.filter((f) => f.ruleId === ruleId);
  assert.ok(findings.length > 0, `no ${ruleId} finding in ${text}`);
  return quickFixes(result.document!, findings, { start: 0, end: text.length }, options).map((fix) => ({
    title: fix.title,
    preferred: fix.isPreferred,
    result: applyEdits(text, fix.edits),
  }));
}

function only(text: string, ruleId: string, options: FixOptions = {}) {
  const all = fixes(text, ruleId, options);
  assert.equal(all.length, 1, JSON.stringify(all));
  return all[0];
}

const trustStatement = (condition?: unknown) => ({
  Effect: 'Allow',
  Principal: { Federated: 'cognito-identity.amazonaws.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(condition ? { Condition: condition } : {}),
});

describe('quick fixes', () => {
  test('variable-missing-dollar: adds the $', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/{cognito-identity.amazonaws.com:sub}/*"}]}';
    const fix = only(text, 'variable-missing-dollar');
    assert.equal(fix.title, 'Add the missing "$": ${cognito-identity.amazonaws.com:sub}');
    assert.equal(fix.preferred, true);
    assert.equal(fix.result, text.replace('/{cognito', '/${cognito'));
  });

  test("missing-version: inserts Version first, in the document's layout", () => {
    const text = '{\n  "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]\n}';
    const fix = only(text, 'missing-version');
    assert.equal(fix.result, '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]\n}');
    assert.deepEqual(summary(fix.result), []);
  });

  test('old-version: sets Version to 2012-10-17', () => {
    const text = '{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}';
    assert.equal(only(text, 'old-version').result, text.replace('2008-10-17', '2012-10-17'));
  });

  test('multi-valued-key-operator on amr: ForAnyValue: in front of the operator', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        trustStatement({
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
          StringLike: { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      ],
    });
    const fix = only(text, 'multi-valued-key-operator');
    assert.equal(fix.title, 'Use "ForAnyValue:StringLike"');
    assert.equal(fix.result, text.replace('"StringLike"', '"ForAnyValue:StringLike"'));
    assert.deepEqual(summary(fix.result), []);
  });

  test('no operator fix when the block also tests other keys (they would change too)', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        trustStatement({
          StringEquals: {
            'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012',
            'cognito-identity.amazonaws.com:amr': 'authenticated',
          },
        }),
      ],
    });
    assert.deepEqual(fixes(text, 'multi-valued-key-operator'), []);
  });

  test('unknown-action: replaces with the closest real action, offered but not preferred', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}]}';
    const fix = only(text, 'unknown-action');
    assert.equal(fix.title, 'Replace with "s3:GetObject"');
    assert.equal(fix.preferred, false);
    assert.equal(fix.result, text.replace('s3:GetObjects', 's3:GetObject'));
  });

  test('trust-missing-aud: adds a StringEquals aud condition with the configured pool ID (preferred)', () => {
    const text = JSON.stringify(
      { Version: '2012-10-17', Statement: [trustStatement({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } })] },
      null,
      2,
    );
    const fix = only(text, 'trust-missing-aud', { identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555' });
    assert.equal(fix.preferred, true);
    assert.deepEqual(JSON.parse(fix.result).Statement[0].Condition, {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:11111111-2222-3333-4444-555555555555' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    });
    assert.deepEqual(summary(fix.result), []);
  });

  test('trust-missing-aud without a configured pool: a placeholder that trust-aud-format keeps flagging, not preferred', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [trustStatement()] }, null, 2);
    const fix = only(text, 'trust-missing-aud');
    assert.equal(fix.preferred, false);
    assert.deepEqual(JSON.parse(fix.result).Statement[0].Condition, { StringEquals: { 'cognito-identity.amazonaws.com:aud': AUD_PLACEHOLDER } });
    assert.ok(summary(fix.result).some((s) => s.startsWith('trust-aud-format')));
  });

  test('resource-mismatch of s3:ListBucket on object ARNs: a ListBucket statement on the bucket with s3:prefix', () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*'] }],
      },
      null,
      2,
    );
    const fix = only(text, 'resource-mismatch');
    assert.equal(fix.title, 'Move s3:ListBucket to the bucket ARN with an s3:prefix condition');
    assert.deepEqual(JSON.parse(fix.result).Statement, [
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*'] },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::photos',
        Condition: { StringLike: { 's3:prefix': '${cognito-identity.amazonaws.com:sub}/*' } },
      },
    ]);
    assert.deepEqual(summary(fix.result), []);
  });

  test('resource-mismatch when ListBucket is the only action: the statement moves to the bucket', () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*' }],
      },
      null,
      2,
    );
    const fix = only(text, 'resource-mismatch');
    assert.deepEqual(JSON.parse(fix.result).Statement, [
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::photos',
        Condition: { StringLike: { 's3:prefix': '${cognito-identity.amazonaws.com:sub}/*' } },
      },
    ]);
    assert.deepEqual(summary(fix.result), []);
  });

  test('no ListBucket fix for other resource mismatches', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/t' }],
    });
    assert.deepEqual(fixes(text, 'resource-mismatch'), []);
  });

  test('duplicate-sid: renames to a free Sid', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}, {"Sid": "Read2", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}, {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}';
    const fix = only(text, 'duplicate-sid');
    assert.equal(fix.title, 'Rename to "Read3"');
    assert.equal(
      fix.result,
      text.replace(
        /"Sid": "Read", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "\*"}]}$/,
        '"Sid": "Read3", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}',
      ),
    );
  });

  test('element-not-allowed: removes a stray Principal from a permission policy with its comma', () => {
    const other = ',\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*"}';
    const text = `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"AWS": "*"},\n      "Action": "s3:ListAllMyBuckets",\n      "Resource": "*"\n    }${other},\n${other.slice(2)}\n  ]\n}`;
    const fix = only(text, 'element-not-allowed');
    assert.equal(fix.title, 'Remove "Principal"');
    assert.equal(fix.result, text.replace('\n      "Principal": {"AWS": "*"},', ''));
  });
});

describe('quick fixes added for issue 11', () => {
  const SUB = '${cognito-identity.amazonaws.com:sub}';
  const trust = (extra: Record<string, unknown>) =>
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            ...trustStatement({
              StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            }),
            ...extra,
          },
        ],
      },
      null,
      2,
    );

  test('element-not-allowed: Resource in a trust policy is removed (preferred), with its comma', () => {
    const text = trust({ Resource: '*' });
    const fix = only(text, 'element-not-allowed');
    assert.deepEqual([fix.title, fix.preferred], ['Remove "Resource"', true]);
    assert.equal(fix.result, text.replace(',\n      "Resource": "*"', ''));
    assert.deepEqual(summary(fix.result), []);
  });

  test('element-not-allowed: NotResource in a trust policy is removed too', () => {
    const text = trust({ NotResource: 'arn:aws:iam::111122223333:role/x' });
    assert.equal(only(text, 'element-not-allowed').result, text.replace(',\n      "NotResource": "arn:aws:iam::111122223333:role/x"', ''));
  });

  test('no element-not-allowed fix for a Resource in a YAML template (that would remove structure)', () => {
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Federated: cognito-identity.amazonaws.com }',
      '            Action: sts:AssumeRoleWithWebIdentity',
      "            Resource: '*'",
      '            Condition:',
      "              StringEquals: { 'cognito-identity.amazonaws.com:aud': us-east-1:12345678-1234-1234-1234-123456789012 }",
      "              ForAnyValue:StringLike: { 'cognito-identity.amazonaws.com:amr': authenticated }",
      '',
    ].join('\n');
    const analysis = analyzeTemplate(text, catalog, { format: 'yaml' })!;
    const notAllowed = analysis.findings.filter((f) => f.ruleId === 'element-not-allowed');
    assert.deepEqual(
      notAllowed.map((f) => text.slice(f.range.start, f.range.end)),
      ['Resource'],
    );
    assert.deepEqual(quickFixes(analysis.policies[0].document, notAllowed, { start: 0, end: text.length }, { syntax: 'yaml' }), []);
  });

  test('object actions on a bucket ARN: the object ARN of each identity or of the whole bucket, offered but never preferred', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::photos"}]}';
    assert.deepEqual(fixes(text, 'resource-mismatch'), [
      {
        title: `Use the object ARN "arn:aws:s3:::photos/${SUB}/*": each identity's own folder`,
        preferred: false,
        result: text.replace('"arn:aws:s3:::photos"', `"arn:aws:s3:::photos/${SUB}/*"`),
      },
      {
        title: 'Use the object ARN "arn:aws:s3:::photos/*": every object in the bucket',
        preferred: false,
        result: text.replace('"arn:aws:s3:::photos"', '"arn:aws:s3:::photos/*"'),
      },
    ]);
    assert.deepEqual(summary(text.replace('"arn:aws:s3:::photos"', `"arn:aws:s3:::photos/${SUB}/*"`)), []);
    const result = analyze(text);
    assert.deepEqual(fixAll(result.document!, result.findings), []); // no one right answer: Fix All leaves it
  });

  test('object actions next to s3:ListBucket on the bucket: they move to a statement of their own', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "s3:PutObject"], "Resource": "arn:aws:s3:::photos"}]}';
    assert.deepEqual(
      fixes(text, 'resource-mismatch').map((f) => [f.title, f.preferred, f.result]),
      [
        [
          `Move the object actions to a statement on the object ARN "arn:aws:s3:::photos/${SUB}/*": each identity's own folder`,
          false,
          `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": "arn:aws:s3:::photos"}, {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::photos/${SUB}/*"}]}`,
        ],
        [
          'Move the object actions to a statement on the object ARN "arn:aws:s3:::photos/*": every object in the bucket',
          false,
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": "arn:aws:s3:::photos"}, {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::photos/*"}]}',
        ],
      ],
    );
  });

  test('a Deny of object actions on buckets: only the whole buckets (a per-identity Deny would deny too little)', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::videos"]}]}';
    assert.deepEqual(fixes(text, 'resource-mismatch'), [
      {
        title: 'Use object ARNs (each bucket ARN + "/*"): every object in the bucket',
        preferred: false,
        result: text.replace('"arn:aws:s3:::photos", "arn:aws:s3:::videos"', '"arn:aws:s3:::photos/*", "arn:aws:s3:::videos/*"'),
      },
    ]);
  });

  test('no object-ARN fix when a condition may be about the bucket actions, nor for object ARNs or other services', () => {
    const withCondition =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::photos", "Condition": {"StringLike": {"s3:prefix": "a/*"}}}]}';
    assert.deepEqual(fixes(withCondition, 'resource-mismatch'), []);
    const table =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/t"}]}';
    assert.deepEqual(fixes(table, 'resource-mismatch'), []);
    const bucketAction = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetBucketPolicy", "Resource": "arn:aws:s3:::photos/*"}]}';
    assert.deepEqual(fixes(bucketAction, 'resource-mismatch'), []);
  });

  test('in a YAML template the object-ARN fix replaces the scalar and keeps it plain', () => {
    const text = yamlManagedPolicy([
      "Version: '2012-10-17'",
      'Statement:',
      '  - Effect: Allow',
      '    Action: s3:GetObject',
      '    Resource: arn:aws:s3:::photos',
    ]);
    assert.deepEqual(resourceLineAfterEachFix(text), [`            Resource: arn:aws:s3:::photos/${SUB}/*`, '            Resource: arn:aws:s3:::photos/*']);
  });

  test('in a YAML flow sequence a plain scalar with braces would end early: that one is quoted, the other stays plain', () => {
    const text = yamlManagedPolicy([
      "Version: '2012-10-17'",
      'Statement:',
      '  - Effect: Allow',
      '    Action: [s3:GetObject]',
      '    Resource: [arn:aws:s3:::photos]',
    ]);
    assert.deepEqual(resourceLineAfterEachFix(text), [
      `            Resource: ['arn:aws:s3:::photos/${SUB}/*']`,
      '            Resource: [arn:aws:s3:::photos/*]',
    ]);
  });

  test('fixes that add structure follow a one-line document: missing-version without spaces', () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}';
    assert.equal(
      only(text, 'missing-version').result,
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}',
    );
  });

  test('trust-missing-aud in a 4-space document: the new Condition indented as its siblings', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [trustStatement()] }, null, 4);
    const fix = only(text, 'trust-missing-aud');
    assert.equal(
      fix.result,
      text.replace(
        '"Action": "sts:AssumeRoleWithWebIdentity"',
        `"Action": "sts:AssumeRoleWithWebIdentity",\n            "Condition": {\n                "StringEquals": {\n                    "cognito-identity.amazonaws.com:aud": "${AUD_PLACEHOLDER}"\n                }\n            }`,
      ),
    );
  });
});

describe('fix all', () => {
  test('applies every preferred fix once and leaves suggestions alone', () => {
    const text = JSON.stringify(
      {
        Version: '2008-10-17',
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjects'], Resource: 'arn:aws:s3:::b/{cognito-identity.amazonaws.com:sub}/*' },
          { Sid: 'A', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
        ],
      },
      null,
      2,
    );
    const result = analyze(text);
    const fixed = applyEdits(text, fixAll(result.document!, result.findings));
    const policy = JSON.parse(fixed);
    assert.equal(policy.Version, '2012-10-17');
    assert.equal(policy.Statement[0].Resource, 'arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*');
    assert.equal(policy.Statement[1].Sid, 'A2');
    assert.deepEqual(policy.Statement[0].Action, ['s3:GetObject', 's3:GetObjects']); // a guess is never auto-applied
    assert.deepEqual(
      summary(fixed).map((s) => s.split(':')[0]),
      ['unknown-action'],
    );
  });
});

describe('quick fixes in templates', () => {
  /** Every fix offered for the template's findings, as the server asks for them (per embedded policy). */
  function templateFixes(text: string, format: 'json' | 'yaml') {
    const analysis = analyzeTemplate(text, catalog, { format })!;
    return analysis.policies.flatMap((p) => {
      const inside = analysis.findings.filter((f) => p.range.start <= f.range.start && f.range.end <= p.range.end);
      return quickFixes(p.document, inside, { start: 0, end: text.length }, { syntax: format }).map((fix) => ({
        rule: fix.ruleId,
        result: applyEdits(text, fix.edits),
      }));
    });
  }

  test('YAML: a policy without Version that uses variables gets no fix that would write JSON into it', () => {
    const text = yamlManagedPolicy([
      'Statement:',
      '  - Effect: Allow',
      '    Action: s3:GetObject',
      '    Resource: arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*',
    ]);
    const rules = analyzeTemplate(text, catalog, { format: 'yaml' })!.findings.map((f) => f.ruleId);
    assert.ok(rules.includes('variable-in-old-version') && rules.includes('missing-version'), rules.join());
    assert.deepEqual(templateFixes(text, 'yaml'), []);
  });

  test('JSON: s3:ListBucket on an intrinsic object ARN is not rewritten (the parameter would be lost)', () => {
    const text = JSON.stringify(
      {
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: {
              Policies: [
                {
                  PolicyName: 'P',
                  PolicyDocument: {
                    Version: '2012-10-17',
                    Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::Sub': 'arn:aws:s3:::mybucket/${Prefix}/*' } }],
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
    const rules = analyzeTemplate(text, catalog, { format: 'json' })!.findings.map((f) => f.ruleId);
    assert.ok(rules.includes('resource-mismatch'), rules.join());
    assert.deepEqual(
      templateFixes(text, 'json').filter((f) => f.rule === 'resource-mismatch'),
      [],
    );
  });
});

/** The Resource line (line 10) of a one-policy YAML template after each quick fix of its policy. */
function resourceLineAfterEachFix(text: string): string[] {
  const analysis = analyzeTemplate(text, catalog, { format: 'yaml' })!;
  const found = quickFixes(analysis.policies[0].document, analysis.findings, { start: 0, end: text.length }, { syntax: 'yaml' });
  return found.map((f) => applyEdits(text, f.edits).split('\n')[9]);
}

describe('statement-not-policy: wrap the bare statement in a policy', () => {
  test('an indented statement: the policy around it, the statement two levels in; the result is a policy with no findings', () => {
    const text = '{\n  "Effect": "Allow",\n  "Action": "s3:GetObject",\n  "Resource": "arn:aws:s3:::bucket/*"\n}\n';
    const fix = only(text, 'statement-not-policy');
    assert.equal(fix.title, 'Wrap the statement in a policy ("Version": "2012-10-17", "Statement")');
    assert.equal(fix.preferred, true);
    assert.equal(
      fix.result,
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::bucket/*"\n    }\n  ]\n}\n',
    );
    assert.deepEqual(summary(fix.result), []);
  });

  test('a statement on one line stays on one line, with its spacing', () => {
    const text = '{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}';
    assert.equal(only(text, 'statement-not-policy').result, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}');
  });
});
