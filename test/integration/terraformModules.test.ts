/**
 * Terraform modules through the language server: a .tf document is analysed with the other .tf files of its
 * folder, read from disk when they are not open (the open document's text when they are, unsaved edits too), and
 * a template file with the .tf files that name it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, type PublishedDiagnostics } from './lspClient';

const ROLES_TF = `resource "aws_iam_role" "guest" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals             = { "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.main.id }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "authenticated" }
      }
    }]
  })
}
`;
const POOL_TF = (as: string) => `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    ${as} = aws_iam_role.guest.arn
  }
}
`;

describe('Terraform modules in the language server', () => {
  let client: LspTestClient;
  let folder: string;
  const uriOf = (name: string) => pathToFileURL(path.join(folder, name)).href;
  /** Publishes for the uri until one satisfies `done` (the module is read after the first analysis). */
  const until = async (uri: string, first: Promise<PublishedDiagnostics>, done: (p: PublishedDiagnostics) => boolean) => {
    let published = await first;
    while (!done(published)) published = await client.nextDiagnostics(uri);
    return published;
  };
  const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => d.code);

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-tf-module-'));
    fs.writeFileSync(path.join(folder, 'roles.tf'), ROLES_TF);
    fs.writeFileSync(path.join(folder, 'pool.tf'), POOL_TF('unauthenticated'));
    client = new LspTestClient();
    await client.initialize({ workspace: { configuration: true } }, [{ uri: pathToFileURL(folder).href, name: 'module' }]);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('a role whose attachment is in another file of the folder (not open): the finding, related to that file', async () => {
    const published = await until(uriOf('roles.tf'), client.open(uriOf('roles.tf'), ROLES_TF, 'plaintext'), (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(published), ['role-kind-mismatch']);
    const related = published.diagnostics[0].relatedInformation?.[0] as { location: { uri: string; range: unknown } } | undefined;
    assert.equal(related?.location.uri, uriOf('pool.tf'));
    assert.deepEqual(related?.location.range, { start: { line: 8, character: 22 }, end: { line: 8, character: 44 } });
  });

  test("the other file opened and edited (unsaved): the document's findings follow its text", async () => {
    const pool = uriOf('pool.tf');
    assert.deepEqual(codes(await client.open(pool, POOL_TF('unauthenticated'), 'terraform')), ['guest-access-enabled']);
    const roles = uriOf('roles.tf');
    const next = client.nextDiagnostics(roles);
    await client.change(pool, 2, POOL_TF('authenticated'));
    const published = await until(roles, next, (p) => p.diagnostics.length === 0);
    assert.deepEqual(codes(published), []);
  });

  test('a template file that templatefile() names (not open) is the policy of that attribute: the role rules apply to it', async () => {
    const trust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
  "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "\${pool_id}"},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}
`;
    const module = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-tf-template-'));
    try {
      fs.writeFileSync(
        path.join(module, 'main.tf'),
        `${POOL_TF('unauthenticated')}
resource "aws_iam_role" "guest" {
  assume_role_policy = templatefile("\${path.module}/trust.json.tpl", { pool_id = aws_cognito_identity_pool.main.id })
}
`,
      );
      const uri = pathToFileURL(path.join(module, 'trust.json.tpl')).href;
      const published = await until(uri, client.open(uri, trust, 'plaintext'), (p) => p.diagnostics.length > 0);
      assert.deepEqual(codes(published), ['role-kind-mismatch']);
      assert.deepEqual(published.diagnostics[0].range, { start: { line: 3, character: 81 }, end: { line: 3, character: 96 } });
    } finally {
      fs.rmSync(module, { recursive: true, force: true });
    }
  });

  test("a template file in a folder under the module's: analysed with the module above it, its bound variable checked", async () => {
    const trust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
  "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "\${pool_id}"},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}
`;
    const module = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-tf-subfolder-'));
    try {
      fs.mkdirSync(path.join(module, 'policies'));
      fs.writeFileSync(
        path.join(module, 'main.tf'),
        `resource "aws_iam_role" "authenticated" {
  assume_role_policy = templatefile("\${path.module}/policies/trust.json.tpl", { pool_id = "not-a-pool" })
}
`,
      );
      const uri = pathToFileURL(path.join(module, 'policies', 'trust.json.tpl')).href;
      const published = await until(uri, client.open(uri, trust, 'plaintext'), (p) => p.diagnostics.length > 0);
      assert.deepEqual(codes(published), ['trust-aud-format']);
      assert.deepEqual(published.diagnostics[0].range, { start: { line: 2, character: 71 }, end: { line: 2, character: 83 } });
    } finally {
      fs.rmSync(module, { recursive: true, force: true });
    }
  });
});
