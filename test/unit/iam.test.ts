/**
 * The IAM language module (core/iam): versions and whether they substitute policy variables (one answer for the
 * checks, the evaluator and the flow), action parsing, ARN formats; and the import boundaries it makes possible.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { evaluateRequest, parsePolicy } from '../../server/src/core';
import { parseAction } from '../../server/src/core/iam/actions';
import { isExtendedBySibling } from '../../server/src/core/iam/arns';
import { CURRENT_VERSION, OLD_VERSION, POLICY_VERSIONS, isPolicyVersion, substitutesVariables } from '../../server/src/core/iam/versions';
import { catalog, hits } from './helpers';

const SUB = '${cognito-identity.amazonaws.com:sub}';
const ME = 'us-east-1:aaaaaaaa-1111-2222-3333-444444444444';
const POOL_ID = 'us-east-1:12345678-1234-1234-1234-123456789012';

/** A policy text with this Version element as written (`undefined`: none). */
function withVersion(version: unknown, statements: unknown): string {
  const top = version === undefined ? {} : { Version: version };
  return JSON.stringify({ ...top, Statement: statements }, null, 2);
}

describe('versions', () => {
  test('the current and the old policy language are the versions IAM accepts', () => {
    assert.equal(CURRENT_VERSION, '2012-10-17');
    assert.equal(OLD_VERSION, '2008-10-17');
    assert.deepEqual(POLICY_VERSIONS, ['2012-10-17', '2008-10-17']);
    assert.equal(isPolicyVersion('2012-10-17'), true);
    assert.equal(isPolicyVersion('2012-10-18'), false);
  });

  test('substitutesVariables: no Version or 2008-10-17 is literal text; 2012-10-17 and an invalid Version substitute', () => {
    const substitutes = (version: unknown) => substitutesVariables(parsePolicy(withVersion(version, [])));
    assert.equal(substitutes(undefined), false);
    assert.equal(substitutes('2008-10-17'), false);
    assert.equal(substitutes('2012-10-17'), true);
    assert.equal(substitutes('2012-10-18'), true);
    assert.equal(substitutes(20121017), true);
  });

  const OWN = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/private/${SUB}/*` }];

  test('variable-in-old-version: reported without a Version and for 2008-10-17, not for an invalid Version of any type', () => {
    assert.deepEqual(hits(withVersion(undefined, OWN), 'variable-in-old-version'), [SUB]);
    assert.deepEqual(hits(withVersion('2008-10-17', OWN), 'variable-in-old-version'), [SUB]);
    assert.deepEqual(hits(withVersion('2012-10-18', OWN), 'variable-in-old-version'), []);
    // A number used to read as "Version is 2008-10-17"; invalid-value is its one finding now.
    assert.deepEqual(hits(withVersion(20121017, OWN), 'variable-in-old-version'), []);
    assert.deepEqual(hits(withVersion(20121017, OWN), 'invalid-value'), ['20121017']);
  });

  test('variable-never-set: an invalid Version is read as the current one, like variable-in-old-version (it was skipped)', () => {
    const text = withVersion('2012-10-18', [...OWN, { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/home/${aws:username}/*' }]);
    assert.deepEqual(hits(text, 'variable-never-set'), ['${aws:username}']);
    assert.deepEqual(hits(withVersion('2008-10-17', JSON.parse(text).Statement), 'variable-never-set'), []);
  });

  test('the evaluator: an invalid Version substitutes variables (it used to compare the literal text)', () => {
    const decision = (version: unknown) =>
      evaluateRequest({
        policies: [{ name: 'p.json', document: parsePolicy(withVersion(version, OWN)) }],
        identity: { kind: 'authenticated', identityId: ME, poolId: POOL_ID },
        request: { action: 's3:GetObject', resource: `arn:aws:s3:::bucket/private/${ME}/photo.jpg` },
      }).decision;
    assert.equal(decision('2012-10-17'), 'allowed');
    assert.equal(decision('2012-10-18'), 'allowed');
    assert.equal(decision('2008-10-17'), 'implicit-deny');
    assert.equal(decision(undefined), 'implicit-deny');
  });
});

describe('actions and ARNs', () => {
  test('parseAction splits service and name, or says why it cannot', () => {
    assert.deepEqual(parseAction('*'), { kind: 'all' });
    assert.deepEqual(parseAction('s3:Get*'), { kind: 'action', service: 's3', name: 'Get*' });
    assert.deepEqual(parseAction('s3'), { kind: 'invalid', reason: '"s3" is not "service:action" (for example "s3:GetObject") or "*"' });
    assert.deepEqual(parseAction('s3:a:b'), { kind: 'invalid', reason: '"s3:a:b" has more than one ":"' });
  });

  test('isExtendedBySibling: the S3 bucket format is continued by the object format, the object format is not', () => {
    assert.equal(isExtendedBySibling(catalog, 's3', 'arn:${Partition}:s3:::${BucketName}'), true);
    assert.equal(isExtendedBySibling(catalog, 's3', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}'), false);
  });
});

describe('import boundaries', () => {
  const core = path.resolve(__dirname, '../../../server/src/core');
  const importsOf = (folder: string): { file: string; spec: string }[] =>
    fs
      .readdirSync(path.join(core, folder))
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...fs.readFileSync(path.join(core, folder, f), 'utf8').matchAll(/^import[^;]*?from '([^']+)'/gms)].map((m) => ({
          file: `${folder}/${f}`,
          spec: m[1],
        })),
      );
  const offending = (folders: string[], forbidden: RegExp) =>
    folders
      .flatMap(importsOf)
      .filter((i) => forbidden.test(i.spec))
      .map((i) => `${i.file} -> ${i.spec}`);

  test('the evaluator, the editing features, the flow model, the models and iam/ import no rule file', () => {
    assert.deepEqual(offending(['evaluate', 'features', 'flow', 'model', 'iam'], /\/checks\//), []);
  });

  test('the checks import no source format (no template helper)', () => {
    assert.deepEqual(offending(['checks', 'iam', 'model'], /\/sources\//), []);
  });
});
