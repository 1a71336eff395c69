/** Completion in each context, on tiny documents with a `|` cursor; items are applied and the result asserted. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeTemplate, complete, type CompletionEntry } from '../../server/src/core';
import { catalog } from './helpers';
import { applyEdits, marked, parsed } from './cursor';
import { expandSnippet } from './snippet';

function items(withCursor: string, options = {}) {
  const { doc, offset } = parsed(withCursor);
  return complete(doc, offset, catalog, options);
}

function labels(withCursor: string, options = {}): string[] {
  return items(withCursor, options).map((i) => i.label);
}

/** The document after choosing `label` with every tabstop at its default. */
function choose(withCursor: string, label: string, options = {}): string {
  const { text, doc, offset } = parsed(withCursor);
  const item = complete(doc, offset, catalog, options).find((i) => i.label === label);
  assert.ok(item, `no item "${label}"`);
  return applyItem(text, item);
}

function applyItem(text: string, item: CompletionEntry): string {
  const insert = item.snippet ? expandSnippet(item.insertText) : item.insertText;
  return applyEdits(text, [{ range: item.replace, newText: insert }, ...(item.additionalEdits ?? [])]);
}

const sorted = (list: CompletionEntry[]) => [...list].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0)).map((i) => i.label);

describe('completion of element names', () => {
  test('the policy level offers Version, Id and Statement, and inserts key, colon and value', () => {
    assert.deepEqual(labels('{ | }'), ['Version', 'Id', 'Statement']);
    assert.equal(choose('{ | }', 'Version'), '{ "Version": "2012-10-17" }');
  });

  test('keys the object already has are not offered again', () => {
    assert.deepEqual(labels('{ "Version": "2012-10-17", | }'), ['Id', 'Statement']);
  });

  test('a statement of a permission policy offers no Principal and not the partner of an existing Action', () => {
    assert.deepEqual(labels('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", |}]}'), [
      'Sid',
      'Resource',
      'NotResource',
      'Condition',
    ]);
  });

  test('a statement of a trust policy offers Principal, not Resource', () => {
    assert.deepEqual(
      labels(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, |}]}',
      ),
      ['Sid', 'Condition'],
    );
  });

  test('a key typed inside quotes without a colon gets the colon and value skeleton', () => {
    assert.equal(choose('{"Statement": [{"Eff|"}]}', 'Effect'), '{"Statement": [{"Effect": "Allow"}]}');
  });

  test('a key typed inside quotes before an existing colon is only renamed', () => {
    assert.equal(choose('{"Statement": [{"Eff|": "Allow"}]}', 'Effect'), '{"Statement": [{"Effect": "Allow"}]}');
  });

  test('commas: one after the new key when a sibling follows, one after the previous sibling when it lacks one', () => {
    assert.equal(choose('{ "Version": "2012-10-17" | }', 'Id'), '{ "Version": "2012-10-17", "Id": "" }');
    assert.equal(choose('{ | "Version": "2012-10-17" }', 'Id'), '{ "Id": "", "Version": "2012-10-17" }');
  });

  test('principal types inside Principal', () => {
    assert.deepEqual(labels('{"Statement": [{"Principal": { | }}]}'), ['AWS', 'Service', 'Federated', 'CanonicalUser']);
  });
});

describe('completion of values', () => {
  test('Version and Effect offer their values; after a colon the value is quoted', () => {
    assert.deepEqual(labels('{ "Version": | }'), ['2012-10-17', '2008-10-17']);
    assert.equal(choose('{"Statement": [{"Effect": |}]}', 'Deny'), '{"Statement": [{"Effect": "Deny"}]}');
    assert.equal(choose('{"Statement": [{"Effect": "A|"}]}', 'Allow'), '{"Statement": [{"Effect": "Allow"}]}');
  });

  test('Action without a colon offers service prefixes that ask for completion again, and *', () => {
    const list = items('{"Statement": [{"Action": "s|"}]}');
    const s3 = list.find((i) => i.label === 's3:');
    assert.equal(s3?.detail, 'Amazon S3');
    assert.equal(s3?.retrigger, true);
    assert.ok(list.some((i) => i.label === '*'));
    assert.equal(choose('{"Statement": [{"Action": "s|"}]}', 's3:'), '{"Statement": [{"Action": "s3:"}]}');
  });

  test('Action after the service prefix offers its actions with access level and documentation, and verb wildcards', () => {
    const list = items('{"Statement": [{"Action": "s3:GetOb|"}]}');
    const get = list.find((i) => i.label === 's3:GetObject');
    assert.equal(get?.detail, 'Read');
    assert.match(get?.documentation ?? '', /^\*\*s3:GetObject\*\* \(Read\)/);
    assert.match(get?.documentation ?? '', /list_amazons3\.html/);
    const getWildcard = list.find((i) => i.label === 's3:Get*');
    assert.equal(getWildcard?.detail, `matches ${catalog.matchActions('s3:Get*').length} actions`);
    assert.deepEqual(sorted(list).slice(0, 1), ['s3:*']);
    assert.equal(choose('{"Statement": [{"Action": "s3:GetOb|"}]}', 's3:GetObject'), '{"Statement": [{"Action": "s3:GetObject"}]}');
  });

  test('an action in an array after an item without a comma gets the comma', () => {
    assert.equal(choose('{"Statement": [{"Action": ["s3:GetObject" |]}]}', 's3:'), '{"Statement": [{"Action": ["s3:GetObject", "s3:"]}]}');
  });

  test("Resource offers ARN templates of the statement's actions, the per-identity S3 prefix first", () => {
    const text = '{"Statement": [{"Action": "s3:GetObject", "Resource": "|"}]}';
    const list = items(text);
    assert.equal(sorted(list)[0], 'arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*');
    assert.ok(list.some((i) => i.label === 'arn:aws:s3:::BucketName/ObjectName'));
    assert.equal(
      choose(text, 'arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*'),
      '{"Statement": [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*"}]}',
    );
  });

  test('${ inside a Resource offers Cognito sub and aud first, never amr, and closes the brace', () => {
    const text = '{"Statement": [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${|"}]}';
    const list = items(text);
    assert.deepEqual(sorted(list).slice(0, 2), ['cognito-identity.amazonaws.com:sub', 'cognito-identity.amazonaws.com:aud']);
    assert.ok(!list.some((i) => i.label.endsWith(':amr')));
    assert.equal(
      choose(text, 'cognito-identity.amazonaws.com:sub'),
      '{"Statement": [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}"}]}',
    );
  });

  test('the Federated principal offers cognito-identity.amazonaws.com', () => {
    assert.deepEqual(labels('{"Statement": [{"Principal": {"Federated": "|"}}]}'), ['cognito-identity.amazonaws.com']);
  });

  test('nothing is offered in values without a vocabulary (Sid) or outside the document', () => {
    assert.deepEqual(labels('{"Statement": [{"Sid": "a|"}]}'), []);
    assert.deepEqual(labels('|{"Statement": []}'), []);
  });
});

describe('completion in conditions', () => {
  const trust = (condition: string) =>
    `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": ${condition}}]}`;

  test('operators with their set and IfExists forms, documented', () => {
    const list = items(trust('{ | }'));
    const labelsOf = list.map((i) => i.label);
    for (const op of ['StringEquals', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'StringLikeIfExists', 'Null'])
      assert.ok(labelsOf.includes(op), op);
    assert.match(list.find((i) => i.label === 'ForAllValues:StringEquals')!.documentation!, /true when the key is absent or empty/);
  });

  test('keys in a trust policy: aud, amr and sub of Cognito first', () => {
    assert.deepEqual(sorted(items(trust('{"StringEquals": { | }}'))).slice(0, 3), [
      'cognito-identity.amazonaws.com:aud',
      'cognito-identity.amazonaws.com:amr',
      'cognito-identity.amazonaws.com:sub',
    ]);
  });

  test("keys of the statement's actions come before global keys", () => {
    const list = sorted(items('{"Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": { | }}}]}'));
    assert.ok(list.indexOf('s3:prefix') >= 0);
    assert.ok(list.indexOf('s3:prefix') < list.indexOf('aws:SourceIp'));
  });

  test('a templated key inserts its placeholder as a tabstop', () => {
    const text = '{"Statement": [{"Action": "s3:GetObject", "Condition": {"StringEquals": { | }}}]}';
    assert.equal(
      choose(text, 'aws:PrincipalTag/${TagKey}'),
      '{"Statement": [{"Action": "s3:GetObject", "Condition": {"StringEquals": { "aws:PrincipalTag/TagKey": "" }}}]}',
    );
  });

  test('amr values: authenticated, unauthenticated, then provider names', () => {
    assert.deepEqual(labels(trust('{"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "|"}}')).slice(0, 3), [
      'authenticated',
      'unauthenticated',
      'graph.facebook.com',
    ]);
  });

  test('aud offers the configured identity pool ID, or a placeholder', () => {
    const text = trust('{"StringEquals": {"cognito-identity.amazonaws.com:aud": |}}');
    assert.deepEqual(labels(text, { identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555' }), ['eu-west-1:11111111-2222-3333-4444-555555555555']);
    assert.deepEqual(labels(text), ['us-east-1:12345678-1234-1234-1234-123456789012']);
  });

  test('Bool and Null operators offer true and false', () => {
    assert.deepEqual(labels('{"Statement": [{"Condition": {"Bool": {"aws:SecureTransport": "|"}}}]}'), ['true', 'false']);
    assert.deepEqual(labels('{"Statement": [{"Condition": {"Null": {"aws:TokenIssueTime": |}}}]}'), ['true', 'false']);
  });

  test('${ in a condition value offers policy variables', () => {
    assert.equal(sorted(items('{"Statement": [{"Condition": {"StringLike": {"s3:prefix": "${|"}}}]}'))[0], 'cognito-identity.amazonaws.com:sub');
  });
});

describe('completion in a policy of a YAML template', () => {
  const template = (statement: string) =>
    `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: P\n          PolicyDocument:\n            Version: '2012-10-17'\n            Statement:\n              - ${statement.split('\n').join('\n                ')}\n`;

  /** The embedded policy at the cursor, completed as YAML; the chosen item applied. */
  function yamlItems(withCursor: string) {
    const { text, offset } = marked(withCursor);
    const analysis = analyzeTemplate(text, catalog, { format: 'yaml' });
    const policy = analysis?.policies.find((p) => p.range.start <= offset && offset <= p.range.end);
    assert.ok(policy, 'the cursor is in an embedded policy');
    return { text, list: complete(policy.document, offset, catalog, { syntax: 'yaml' }) };
  }
  function chooseYaml(withCursor: string, label: string): string {
    const { text, list } = yamlItems(withCursor);
    const item = list.find((i) => i.label === label);
    assert.ok(
      item,
      `no item "${label}" among ${list
        .slice(0, 5)
        .map((i) => i.label)
        .join(', ')}`,
    );
    return applyItem(text, item);
  }

  test('an action in a plain scalar is completed as plain text', () => {
    const result = chooseYaml(template('Effect: Allow\nAction: s3:GetOb|\nResource: "*"'), 's3:GetObject');
    assert.ok(result.includes('\n                Action: s3:GetObject\n'), result);
  });

  test('after "Resource: " the per-identity ARN is written plain, and * is quoted (a bare * is a YAML alias)', () => {
    const text = template('Effect: Allow\nAction: s3:GetObject\nResource: |');
    assert.ok(
      chooseYaml(text, 'arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*').includes(
        'Resource: arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*\n',
      ),
    );
    assert.ok(chooseYaml(text, '*').includes("Resource: '*'\n"));
  });

  test('inside a single-quoted scalar the value stays in its quotes', () => {
    const result = chooseYaml(template("Effect: 'Al|'\nAction: s3:GetObject\nResource: '*'"), 'Allow');
    assert.ok(result.includes("Effect: 'Allow'\n"), result);
  });

  test('a key typed before its colon is completed by name; no new YAML structure is offered', () => {
    assert.ok(chooseYaml(template('Eff|: Allow\nAction: s3:GetObject\nResource: "*"'), 'Effect').includes('- Effect: Allow\n'));
    assert.deepEqual(yamlItems(template('Effect: Allow\n|\nAction: s3:GetObject\nResource: "*"')).list, []);
  });
});

test('YAML completion inside a flow sequence quotes values holding , [ ] { }', () => {
  const withCursor =
    "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: P\n          PolicyDocument:\n            Version: '2012-10-17'\n            Statement:\n              - Effect: Allow\n                Action: s3:GetObject\n                Resource: [|]\n";
  const { text, offset } = marked(withCursor);
  const analysis = analyzeTemplate(text, catalog, { format: 'yaml' })!;
  const policy = analysis.policies.find((p) => p.range.start <= offset && offset <= p.range.end)!;
  const item = complete(policy.document, offset, catalog, { syntax: 'yaml' }).find(
    (i) => i.label === 'arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*',
  );
  assert.ok(item);
  const result = applyItem(text, item);
  assert.ok(result.includes("Resource: ['arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*']\n"), result);
  assert.deepEqual(
    analyzeTemplate(result, catalog, { format: 'yaml' })!
      .findings.map((f) => f.ruleId)
      .filter((r) => r === 'yaml-syntax'),
    [],
  );
});
