/** Completion in each context, on tiny documents with a `|` cursor; items are applied and the result asserted. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeTemplate, complete, type CompletionEntry } from '../../server/src/core';
import { catalog } from './helpers';
import { applyEdits, marked, parsed } from './cursor';
import { expandSnippet, expandSnippetAt } from './snippet';

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

/**
 * Accepts `label` as VS Code does: the document after it with `|` where the cursor lands (the first tabstop), and
 * whether the item asks the editor to suggest again there.
 */
function accept(withCursor: string, label: string, options = {}): { after: string; retrigger: boolean } {
  const { text, doc, offset } = parsed(withCursor);
  const item = complete(doc, offset, catalog, options).find((i) => i.label === label);
  assert.ok(item, `no item "${label}"`);
  const { text: insert, cursor } = item.snippet ? expandSnippetAt(item.insertText) : { text: item.insertText, cursor: item.insertText.length };
  const edits = item.additionalEdits ?? [];
  const shift = edits.filter((e) => e.range.end <= item.replace.start).reduce((n, e) => n + e.newText.length - (e.range.end - e.range.start), 0);
  const result = applyEdits(text, [{ range: item.replace, newText: insert }, ...edits]);
  const at = item.replace.start + shift + cursor;
  return { after: `${result.slice(0, at)}|${result.slice(at)}`, retrigger: item.retrigger === true };
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

  test('a statement of a policy not yet shaped by a resource or a non-STS action offers Principal (a trust policy being written)', () => {
    assert.deepEqual(labels('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", |}]}'), [
      'Sid',
      'Principal',
      'Action',
      'NotAction',
      'Resource',
      'NotResource',
      'Condition',
    ]);
    assert.ok(labels('{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", |}]}').includes('Principal'));
    assert.ok(!labels('{"Statement": [{"Effect": "Allow", "Resource": "*", |}]}').includes('Principal'));
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

describe('completion adds the commas between siblings', () => {
  test('a key typed in the quotes the editor auto-inserts after a sibling: a comma after the sibling', () => {
    assert.equal(choose('{"Statement": [{\n  "Effect": "Allow"\n  "|"\n}]}', 'Action'), '{"Statement": [{\n  "Effect": "Allow",\n  "Action": [\n\t""\n]\n}]}');
    assert.equal(choose('{\n  "Version": "2012-10-17"\n  "St|"\n}', 'Statement'), '{\n  "Version": "2012-10-17",\n  "Statement": [\n\t{\n\t\t\n\t}\n]\n}');
  });

  test('a key typed in quotes before an existing sibling: a comma after the new key', () => {
    assert.equal(choose('{"Statement": [{\n  "|"\n  "Effect": "Allow"\n}]}', 'Sid'), '{"Statement": [{\n  "Sid": "",\n  "Effect": "Allow"\n}]}');
  });

  test('no comma where the siblings are already separated', () => {
    assert.equal(choose('{"Statement": [{\n  "Effect": "Allow",\n  "|"\n}]}', 'Sid'), '{"Statement": [{\n  "Effect": "Allow",\n  "Sid": ""\n}]}');
    assert.equal(choose('{"Statement": [{\n  "|",\n  "Effect": "Allow"\n}]}', 'Sid'), '{"Statement": [{\n  "Sid": "",\n  "Effect": "Allow"\n}]}');
  });

  test('JSONC: the comma goes after the previous value, before its line comment, never into it', () => {
    assert.equal(
      choose('{\n  "Version": "2012-10-17" // the current version\n  "|"\n}', 'Id'),
      '{\n  "Version": "2012-10-17", // the current version\n  "Id": ""\n}',
    );
    assert.equal(choose('{\n  "Version": "2012-10-17" // current\n  |\n}', 'Id'), '{\n  "Version": "2012-10-17", // current\n  "Id": ""\n}');
    assert.equal(choose('{ "Version": "2012-10-17" /* current */ | }', 'Id'), '{ "Version": "2012-10-17", /* current */ "Id": "" }');
  });

  test('JSONC: a comma inside a comment does not separate; one after a comment-ended sibling does', () => {
    assert.equal(choose('{\n  "Version": "2012-10-17" // a, b,\n  "|"\n}', 'Id'), '{\n  "Version": "2012-10-17", // a, b,\n  "Id": ""\n}');
    assert.equal(choose('{\n  "Version": "2012-10-17", // current\n  "|"\n}', 'Id'), '{\n  "Version": "2012-10-17", // current\n  "Id": ""\n}');
  });

  test('a value in an array typed in quotes: commas around it', () => {
    assert.equal(choose('{"Statement": [{"Action": [\n  "s3:GetObject"\n  "s|"\n]}]}', 's3:'), '{"Statement": [{"Action": [\n  "s3:GetObject",\n  "s3:"\n]}]}');
    assert.equal(choose('{"Statement": [{"Action": [\n  "s|"\n  "s3:GetObject"\n]}]}', 's3:'), '{"Statement": [{"Action": [\n  "s3:",\n  "s3:GetObject"\n]}]}');
    assert.equal(choose('{"Statement": [{"Action": ["s3:GetObject", "s|"]}]}', 's3:'), '{"Statement": [{"Action": ["s3:GetObject", "s3:"]}]}');
  });

  test('a value completed in a property that lacks its commas gets them (after the property, and before its key)', () => {
    assert.equal(
      choose('{"Statement": [{\n  "Effect": "A|"\n  "Action": "s3:GetObject"\n}]}', 'Allow'),
      '{"Statement": [{\n  "Effect": "Allow",\n  "Action": "s3:GetObject"\n}]}',
    );
    assert.equal(
      choose('{"Statement": [{\n  "Effect": "A|\n  "Action": "s3:GetObject"\n}]}', 'Allow'),
      '{"Statement": [{\n  "Effect": "Allow",\n  "Action": "s3:GetObject"\n}]}',
    );
    assert.equal(choose('{"Statement": [{\n  "Sid": "x"\n  "Effect": |\n}]}', 'Deny'), '{"Statement": [{\n  "Sid": "x",\n  "Effect": "Deny"\n}]}');
    assert.equal(
      choose('{"Statement": [{"Sid": "x", "Effect": "A|", "Action": "s3:GetObject"}]}', 'Allow'),
      '{"Statement": [{"Sid": "x", "Effect": "Allow", "Action": "s3:GetObject"}]}',
    );
  });

  test('a new statement after one without a comma gets it', () => {
    assert.equal(
      choose('{"Statement": [\n  {"Effect": "Allow"}\n  |\n]}', 'Statement').split('\n').slice(0, 3).join('\n'),
      '{"Statement": [\n  {"Effect": "Allow"},\n  {',
    );
  });
});

describe('completion on a fresh document', () => {
  test('in the quotes of a fresh object: Version first, written with its value, then Id and Statement', () => {
    assert.deepEqual(sorted(items('{"|"}')), ['Version', 'Id', 'Statement']);
    // Selected when the list opens (the JSON service's `$schema` sorts first in a json document): Version, then
    // Statement; never Id.
    assert.deepEqual(
      items('{"|"}')
        .filter((i) => i.preselect)
        .map((i) => i.label),
      ['Version'],
    );
    assert.deepEqual(
      items('{"Version": "2012-10-17", "|"}')
        .filter((i) => i.preselect)
        .map((i) => i.label),
      ['Statement'],
    );
    assert.deepEqual(
      items('{"Version": "2012-10-17", "Statement": [], "|"}')
        .filter((i) => i.preselect)
        .map((i) => i.label),
      [],
    );
    assert.deepEqual(
      items('{"Statement": [{"|"}]}').filter((i) => i.preselect),
      [],
    );
    assert.equal(choose('{"|"}', 'Version'), '{"Version": "2012-10-17"}');
    assert.equal(choose('{\n  "|"\n}', 'Version'), '{\n  "Version": "2012-10-17"\n}');
  });

  test('in a string without its closing quote, the rest of the line is kept and the string closed', () => {
    assert.equal(choose('{ "| }', 'Version'), '{ "Version": "2012-10-17" }');
    assert.equal(choose('{"Statement": [{"Effect": "A|}]}', 'Allow'), '{"Statement": [{"Effect": "Allow"}]}');
    assert.equal(choose('{"Statement": [{"Action": ["s3:GetObject", "s|]}]}', 's3:'), '{"Statement": [{"Action": ["s3:GetObject", "s3:"]}]}');
    assert.equal(choose('{"Statement": [{"Action": [\n  "s|\n  "s3:GetObject"\n]}]}', 's3:'), '{"Statement": [{"Action": [\n  "s3:",\n  "s3:GetObject"\n]}]}');
    // The parser closes the string at the next key's opening quote: that quote is the next key's, not ours.
    assert.equal(
      choose('{"Statement": [{"Effect": "A|, "Action": "s3:GetObject", "Resource": "*"}]}', 'Allow'),
      '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
    );
  });

  test('an empty document offers nothing (the snippets are contributed for it)', () => {
    assert.deepEqual(labels('|'), []);
    assert.deepEqual(labels('  |\n'), []);
  });

  test('a { trigger answers only for ${: Enter after a new object brace stays a line break', () => {
    assert.deepEqual(labels('{|}', { triggerCharacter: '{' }), []);
    assert.deepEqual(labels('{"Version": "2012-10-17", "Statement": [{|}]}', { triggerCharacter: '{' }), []);
    assert.equal(
      sorted(items('{"Statement": [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${|"}]}', { triggerCharacter: '{' }))[0],
      'cognito-identity.amazonaws.com:sub',
    );
    // Asked for otherwise (Ctrl+Space, or typing `"`), the same place offers the elements.
    assert.deepEqual(labels('{|}'), ['Version', 'Id', 'Statement']);
    assert.deepEqual(labels('{"|"}', { triggerCharacter: '"' }), ['Version', 'Id', 'Statement']);
  });
});

describe('completion re-opens where the next thing is a choice', () => {
  const trustStatement = (rest: string) =>
    `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", ${rest}}]}`;

  test('which statement elements ask for suggestions again: those whose skeleton ends on a choice', () => {
    const again = items('{"Statement": [{ | }]}')
      .filter((i) => i.retrigger)
      .map((i) => i.label);
    assert.deepEqual(again, ['Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
    assert.equal(items('{ | }').find((i) => i.label === 'Statement')?.retrigger, true);
    assert.equal(items('{ | }').find((i) => i.label === 'Version')?.retrigger, undefined);
  });

  test('"Action" lands in the array\'s quotes with the list open (service prefixes there)', () => {
    assert.deepEqual(accept('{"Statement": [{"Effect": "Allow", "|"}]}', 'Action'), {
      after: '{"Statement": [{"Effect": "Allow", "Action": [\n\t"|"\n]}]}',
      retrigger: true,
    });
    assert.ok(labels('{"Statement": [{"Effect": "Allow", "Action": [\n\t"|"\n]}]}').includes('s3:'));
  });

  test('Condition, then an operator, then a key, then its value: each step opens the next list', () => {
    const condition = accept(trustStatement('"|"'), 'Condition');
    assert.deepEqual(condition, { after: trustStatement('"Condition": {\n\t"|"\n}'), retrigger: true });
    const operator = accept(condition.after, 'StringEquals');
    assert.deepEqual(operator, { after: trustStatement('"Condition": {\n\t"StringEquals": {\n\t"|"\n}\n}'), retrigger: true });
    assert.deepEqual(sorted(items(operator.after)).slice(0, 3), [
      'cognito-identity.amazonaws.com:aud',
      'cognito-identity.amazonaws.com:amr',
      'cognito-identity.amazonaws.com:sub',
    ]);
    const key = accept(operator.after, 'cognito-identity.amazonaws.com:aud');
    assert.deepEqual(key, {
      after: trustStatement('"Condition": {\n\t"StringEquals": {\n\t"cognito-identity.amazonaws.com:aud": "|"\n}\n}'),
      retrigger: true,
    });
    const value = accept(key.after, 'us-east-1:12345678-1234-1234-1234-123456789012');
    assert.equal(
      value.after,
      trustStatement('"Condition": {\n\t"StringEquals": {\n\t"cognito-identity.amazonaws.com:aud": "|us-east-1:12345678-1234-1234-1234-123456789012"\n}\n}'),
    );
  });

  test('a condition key without suggested values does not re-open the list', () => {
    const text = '{"Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": { | }}}]}';
    assert.equal(items(text).find((i) => i.label === 's3:prefix')?.retrigger, undefined);
    assert.equal(items(text).find((i) => i.label === 'aws:SecureTransport')?.retrigger, true);
  });
});

describe('ARN templates', () => {
  const resourceItem = (action: string, label: string) => {
    const item = items(`{"Statement": [{"Action": "${action}", "Resource": "|"}]}`).find((i) => i.label === label);
    assert.ok(item, `no ARN "${label}" for ${action}`);
    return item;
  };

  test('the first tabstop is the resource name, then region and account; the partition is written aws', () => {
    assert.equal(
      resourceItem('dynamodb:GetItem', 'arn:aws:dynamodb:Region:Account:table/TableName').insertText,
      'arn:aws:dynamodb:${2:Region}:${3:Account}:table/${1:TableName}',
    );
    assert.equal(resourceItem('s3:GetObject', 'arn:aws:s3:::BucketName/ObjectName').insertText, 'arn:aws:s3:::${1:BucketName}/${2:ObjectName}');
    assert.equal(
      resourceItem('s3:GetObject', 'arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*').insertText,
      'arn:aws:s3:::${1:BUCKET}/\\${cognito-identity.amazonaws.com:sub}/*',
    );
    assert.deepEqual(
      accept('{"Statement": [{"Action": "dynamodb:GetItem", "Resource": "|"}]}', 'arn:aws:dynamodb:Region:Account:table/TableName').after,
      '{"Statement": [{"Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:Region:Account:table/|TableName"}]}',
    );
  });

  test('bucket actions offer the bucket ARN before the access point; object actions the object ARNs first', () => {
    assert.deepEqual(sorted(items('{"Statement": [{"Action": "s3:ListBucket", "Resource": "|"}]}')), [
      'arn:aws:s3:::BucketName',
      'arn:aws:s3:Region:Account:accesspoint/AccessPointName',
      '*',
    ]);
    assert.deepEqual(sorted(items('{"Statement": [{"Action": "s3:GetObject", "Resource": "|"}]}')), [
      'arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*',
      'arn:aws:s3:::BucketName/ObjectName',
      'arn:aws:s3:Region:Account:accesspoint/AccessPointName/object/ObjectName',
      '*',
    ]);
  });

  test('with bucket and object actions, each keeps its best rank', () => {
    assert.deepEqual(sorted(items('{"Statement": [{"Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "|"}]}')), [
      'arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*',
      'arn:aws:s3:::BucketName',
      'arn:aws:s3:::BucketName/ObjectName',
      'arn:aws:s3:Region:Account:accesspoint/AccessPointName',
      'arn:aws:s3:Region:Account:accesspoint/AccessPointName/object/ObjectName',
      '*',
    ]);
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
