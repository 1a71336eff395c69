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
  test("JSON files that file() names (the .tf file not open): the guest role's rules in them; the .tf file's unsaved edit moves them; an unnamed JSON file stays alone", async () => {
    const guest = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/\${cognito-identity.amazonaws.com:sub}/*"}]}
`;
    const main = (policy: string) => `${POOL_TF('unauthenticated')}
resource "aws_iam_role" "guest" {
  assume_role_policy = file("\${path.module}/policies/trust.json")
}

resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = file("${policy}")
}
`;
    const trust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
  "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b"},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}
`;
    const module = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-tf-json-'));
    try {
      fs.mkdirSync(path.join(module, 'policies'));
      fs.writeFileSync(path.join(module, 'main.tf'), main('guest.json'));
      fs.writeFileSync(path.join(module, 'policies', 'trust.json'), trust);
      fs.writeFileSync(path.join(module, 'guest.json'), guest);
      fs.writeFileSync(path.join(module, 'other.json'), guest);
      const at = (name: string) => pathToFileURL(path.join(module, name)).href;
      const column = guest.indexOf('"s3:PutObject"');
      const write = { start: { line: 0, character: column }, end: { line: 0, character: column + '"s3:PutObject"'.length } };

      const published = await until(at('guest.json'), client.open(at('guest.json'), guest), (p) => p.diagnostics.length > 0);
      assert.deepEqual(codes(published), ['guest-broad-access', 'guest-outside-scope-down']);
      assert.deepEqual(published.diagnostics[0].range, write);
      assert.equal(
        published.diagnostics[0].message,
        '"s3:PutObject" gives guests Write access. Anyone can get guest credentials (the identity pool ID is not a secret): grant guests only what you would grant anyone on the internet.',
      );
      // The trust policy in a folder under the module: the guest role's trust allows authenticated identities.
      const trustPublished = await until(at('policies/trust.json'), client.open(at('policies/trust.json'), trust), (p) => p.diagnostics.length > 0);
      assert.deepEqual(codes(trustPublished), ['role-kind-mismatch']);
      assert.deepEqual(trustPublished.diagnostics[0].range, { start: { line: 3, character: 81 }, end: { line: 3, character: 96 } });
      // Silent: the same JSON beside the module, which no .tf file names (the module is read already).
      assert.deepEqual(codes(await client.open(at('other.json'), guest)), []);

      // The .tf file opened: its pool sees the grant read from guest.json. Then, unsaved, it names other.json instead.
      const tf = await until(at('main.tf'), client.open(at('main.tf'), main('guest.json'), 'terraform'), (p) => p.diagnostics.length > 0);
      assert.match(
        tf.diagnostics.find((d) => d.code === 'guest-access-enabled')?.message ?? '',
        /s3:PutObject on arn:aws:s3:::photos\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*/,
      );
      const guestAfter = client.nextDiagnostics(at('guest.json'));
      const otherAfter = client.nextDiagnostics(at('other.json'));
      await client.change(at('main.tf'), 2, main('other.json'));
      assert.deepEqual(codes(await guestAfter), []);
      assert.deepEqual(codes(await otherAfter), ['guest-broad-access', 'guest-outside-scope-down']);
      // An unsaved edit of the named JSON file: the .tf file's pool sees its new grant.
      const tfAfter = until(at('main.tf'), client.nextDiagnostics(at('main.tf')), (p) =>
        (p.diagnostics.find((d) => d.code === 'guest-access-enabled')?.message ?? '').includes('s3:GetObject'),
      );
      await client.change(at('other.json'), 2, guest.replace('s3:PutObject', 's3:GetObject'));
      assert.match(
        (await tfAfter).diagnostics.find((d) => d.code === 'guest-access-enabled')?.message ?? '',
        /Guests get role "aws_iam_role\.guest": s3:GetObject on /,
      );
    } finally {
      fs.rmSync(module, { recursive: true, force: true });
    }
  });
});
