/**
 * Template files a module's attributes name (core/sources/terraform/roles.ts, terraformSource.ts): `templatefile()`
 * variables bound to the literal text of its map (checked as that text, in the template file; a computed value
 * stays open), and templates in a sub-folder of the module (`"${path.module}/policies/x.json.tpl"`).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeDocument, type HclParser } from '../../server/src/core';
import { catalog, hclParser } from './helpers';

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

const main = (trust: string, policy: string) => `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = false
}

resource "aws_iam_role" "authenticated" {
  name               = "authenticated"
  assume_role_policy = ${trust}
}

resource "aws_iam_role_policy" "authenticated" {
  role   = aws_iam_role.authenticated.id
  policy = ${policy}
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated = aws_iam_role.authenticated.arn
  }
}
`;

const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {"cognito-identity.amazonaws.com:aud": "\${pool_id}"},
      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}
    }
  }]
}
`;
const PHOTOS = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:\${service}:::\${bucket}/$\${cognito-identity.amazonaws.com:sub}/*"}]}
`;

/** `rule: covered text` of one file, analysed with the other files of the module. */
function inModule(id: string, module: readonly { id: string; text: string; template?: boolean }[]): string[] {
  const file = module.find((f) => f.id === id)!;
  return analyzeDocument({ text: file.text, id, fileName: id }, catalog, {
    hclParser: parser,
    terraformModule: module.filter((f) => f.id !== id),
  }).findings.map((f) => `${f.ruleId}: ${file.text.slice(f.range.start, f.range.end)}`);
}

function messages(id: string, module: readonly { id: string; text: string; template?: boolean }[]): string[] {
  const file = module.find((f) => f.id === id)!;
  return analyzeDocument({ text: file.text, id, fileName: id }, catalog, {
    hclParser: parser,
    terraformModule: module.filter((f) => f.id !== id),
  }).findings.map((f) => f.message);
}

describe('templatefile() variables', () => {
  const module = (trustVars: string, policyVars: string) => [
    {
      id: '/m/main.tf',
      text: main(`templatefile("trust.json.tpl", ${trustVars})`, `templatefile("\${path.module}/photos.json.tpl", ${policyVars})`),
    },
    { id: '/m/trust.json.tpl', text: TRUST, template: true },
    { id: '/m/photos.json.tpl', text: PHOTOS, template: true },
  ];

  test('a literal value is checked as that text, the finding on the variable in the template file', () => {
    const m = module('{ pool_id = "not-a-pool" }', '{ service = "s3", bucket = "photos" }');
    assert.deepEqual(inModule('/m/trust.json.tpl', m), ['trust-aud-format: "${pool_id}"']);
    assert.deepEqual(messages('/m/trust.json.tpl', m), [
      '"not-a-pool" is not an identity pool ID: "cognito-identity.amazonaws.com:aud" is the identity pool ID, "<region>:<guid>" (e.g. "us-east-1:12345678-1234-1234-1234-123456789012"), so this value never matches.',
    ]);
    // The service bound: the ARN's service is checked against the action's.
    const wrongService = module('{ pool_id = "us-east-1:0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b" }', '{ service = "dynamodb", bucket = "photos" }');
    assert.deepEqual(inModule('/m/photos.json.tpl', wrongService), ['resource-mismatch: "s3:GetObject"']);
    assert.deepEqual(inModule('/m/trust.json.tpl', wrongService), []);
  });

  test('silent: a value Terraform computes, a variable the map does not bind, a value that would change the JSON', () => {
    assert.deepEqual(inModule('/m/trust.json.tpl', module('{ pool_id = aws_cognito_identity_pool.main.id }', '{}')), []);
    assert.deepEqual(inModule('/m/trust.json.tpl', module('{ other = "not-a-pool" }', '{}')), []);
    assert.deepEqual(inModule('/m/trust.json.tpl', module('{ pool_id = "not\\"a-pool" }', '{}')), []);
    assert.deepEqual(inModule('/m/photos.json.tpl', module('{ pool_id = "x" }', '{ service = var.service, bucket = "photos" }')), []);
    // Control: the same module with the literal pool ID gets nothing either, and the .tf file itself no template finding.
    assert.deepEqual(inModule('/m/trust.json.tpl', module('{ pool_id = "us-east-1:0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b" }', '{}')), []);
  });
});

describe('templates in a folder under the module', () => {
  const module = (path: string, id = '/m/policies/trust.json.tpl') => [
    { id: '/m/main.tf', text: main(`templatefile("${path}", { pool_id = "not-a-pool" })`, 'jsonencode({ Version = "2012-10-17", Statement = [] })') },
    { id, text: TRUST, template: true },
  ];

  test('named by its path from the module (with or without ${path.module}/): the role rules and the bound variables apply', () => {
    assert.deepEqual(inModule('/m/policies/trust.json.tpl', module('${path.module}/policies/trust.json.tpl')), ['trust-aud-format: "${pool_id}"']);
    assert.deepEqual(inModule('/m/policies/trust.json.tpl', module('policies/trust.json.tpl')), ['trust-aud-format: "${pool_id}"']);
  });

  test('silent: a path above the module, a template of another folder with the same name, a path the module has no file for', () => {
    assert.deepEqual(inModule('/m/policies/trust.json.tpl', module('../policies/trust.json.tpl')), []);
    assert.deepEqual(inModule('/m/other/trust.json.tpl', module('policies/trust.json.tpl', '/m/other/trust.json.tpl')), []);
    assert.deepEqual(inModule('/m/policies/trust.json.tpl', module('trust.json.tpl')), []);
  });
});
