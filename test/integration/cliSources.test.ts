/** cognito-pool-lint picks each file's source with the core's file-name rules (sources/registry.ts), as a process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MISTAKES_TERRAFORM_FINDINGS } from '../fixtures/mistakesTerraform';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const LIST_ON_OBJECT = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b/*' }] },
  null,
  2,
);
const YAML_POLICY = 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:ListBucket\n    Resource: arn:aws:s3:::b/*\n';

function lintJson(args: string[], cwd: string): { status: number | null; entries: [string, string, string[]][] } {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  const entries = (JSON.parse(r.stdout) as { file: string; kind: string; diagnostics: { code: string }[] }[]).map((e): [string, string, string[]] => [
    e.file,
    e.kind,
    e.diagnostics.map((d) => d.code),
  ]);
  return { status: r.status, entries };
}

describe('cognito-pool-lint: which source reads a file', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-sources-'));
    fs.writeFileSync(path.join(dir, 'policy.txt'), LIST_ON_OBJECT);
    fs.writeFileSync(path.join(dir, 'policy.yaml'), YAML_POLICY);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a file named on the command line with another ending is read as JSON; a directory search skips it', () => {
    assert.deepEqual(lintJson(['policy.txt'], dir), { status: 1, entries: [['policy.txt', 'identity', ['resource-mismatch']]] });
    assert.deepEqual(
      lintJson(['.'], dir).entries.map((e) => e[0]),
      ['policy.yaml'],
    );
  });

  test('a YAML file is only ever a template: a policy written in YAML is not a policy', () => {
    assert.deepEqual(lintJson(['policy.yaml'], dir), { status: 0, entries: [['policy.yaml', 'not-a-policy', []]] });
  });
});

describe('cognito-pool-lint: Terraform', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-terraform-'));
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(
      path.join(dir, 'infra', 'iam.tf'),
      `resource "aws_iam_role_policy" "read" {
  role   = aws_iam_role.authenticated.id
  policy = <<-EOF
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::\${var.bucket}/*"}]}
  EOF
}
`,
    );
    fs.writeFileSync(path.join(dir, 'infra', 'buckets.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n');
    fs.writeFileSync(path.join(dir, 'infra', 'policy.json.tpl'), LIST_ON_OBJECT.replace('arn:aws:s3:::b/*', 'arn:aws:s3:::${bucket}/*'));
    fs.writeFileSync(path.join(dir, 'infra', 'terraform.tfvars'), 'bucket = "b"\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a directory search takes *.tf and *.tpl files, one entry each; a literal resource type decides around an interpolation', () => {
    assert.deepEqual(lintJson(['.'], dir), {
      status: 1,
      entries: [
        [path.join('infra', 'buckets.tf'), 'not-a-policy', []],
        [path.join('infra', 'iam.tf'), 'template', ['resource-mismatch']],
        [path.join('infra', 'policy.json.tpl'), 'identity', ['resource-mismatch']],
      ],
    });
  });

  test('the examples: the identity-pool module has only the reminder that its pool lets guests in, the mistakes module has one finding per mistake', () => {
    const examples = path.resolve(__dirname, '../../../examples/terraform');
    assert.deepEqual(lintJson([path.join(examples, 'identity-pool')], dir), {
      status: 0,
      entries: [[path.join(examples, 'identity-pool', 'main.tf'), 'template', ['guest-access-enabled']]],
    });
    const r = spawnSync(process.execPath, [CLI, '--format', 'unix', path.join(examples, 'mistakes')], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1);
    // `file:line:col severity message rule-id`, as `rule line:col`.
    const found = r.stdout
      .split('\n')
      .filter((line) => line.startsWith(path.join(examples, 'mistakes', 'main.tf')))
      .map((line) => `${line.split(' ').pop()} ${line.split(' ')[0].split(':').slice(-2).join(':')}`);
    assert.deepEqual(found, MISTAKES_TERRAFORM_FINDINGS);
  });

  test('the .tf files of one folder are one module: a role and its attachment in two files, named alone or found in the folder', () => {
    const module = path.join(dir, 'module');
    fs.mkdirSync(module);
    fs.writeFileSync(
      path.join(module, 'roles.tf'),
      `resource "aws_iam_role" "guest" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Federated = "cognito-identity.amazonaws.com" }, Action = "sts:AssumeRoleWithWebIdentity",
      Condition = {
        StringEquals             = { "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.main.id }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "authenticated" }
      } }]
  })
}
`,
    );
    fs.writeFileSync(
      path.join(module, 'pool.tf'),
      `resource "aws_cognito_identity_pool" "main" {
  allow_unauthenticated_identities = true
}
resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = { unauthenticated = aws_iam_role.guest.arn }
}
`,
    );
    const kind = ['role-kind-mismatch'];
    assert.deepEqual(lintJson([path.join('module', 'roles.tf')], dir), { status: 1, entries: [[path.join('module', 'roles.tf'), 'template', kind]] });
    assert.deepEqual(lintJson(['module'], dir).entries, [
      [path.join('module', 'pool.tf'), 'template', ['guest-access-enabled']],
      [path.join('module', 'roles.tf'), 'template', kind],
    ]);
  });

  test('positions are inside the .tf file', () => {
    const r = spawnSync(process.execPath, [CLI, '--format', 'unix', path.join('infra', 'iam.tf')], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1);
    // Line 4, column 75: the `"s3:ListBucket"` token of the heredoc (1-based, as compilers print it).
    assert.ok(r.stdout.startsWith(`${path.join('infra', 'iam.tf')}:4:75 error "s3:ListBucket" matches none`), r.stdout);
  });

  test('a template in a folder under the module, named by templatefile() with literal variables: its finding, in the template file, whether the folder or the template is named', () => {
    const module = path.join(dir, 'templated');
    fs.mkdirSync(path.join(module, 'policies'), { recursive: true });
    fs.writeFileSync(
      path.join(module, 'main.tf'),
      `resource "aws_iam_role" "authenticated" {
  name               = "authenticated"
  assume_role_policy = templatefile("\${path.module}/policies/trust.json.tpl", { pool_id = "not-a-pool" })
}
`,
    );
    fs.writeFileSync(
      path.join(module, 'policies', 'trust.json.tpl'),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "${pool_id}"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}\n',
    );
    const template = path.join('templated', 'policies', 'trust.json.tpl');
    assert.deepEqual(lintJson(['templated'], dir), {
      status: 1,
      entries: [
        [path.join('templated', 'main.tf'), 'template', []],
        [template, 'trust', ['trust-aud-format']],
      ],
    });
    assert.deepEqual(lintJson([template], dir), { status: 1, entries: [[template, 'trust', ['trust-aud-format']]] });
    // Run from the template's own folder (the module above it): the same finding, the file named as given.
    assert.deepEqual(lintJson(['trust.json.tpl'], path.join(module, 'policies')), { status: 1, entries: [['trust.json.tpl', 'trust', ['trust-aud-format']]] });
    // Silent: the template alone in a folder with no module above it (its `${pool_id}` is open).
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-template-alone-'));
    fs.copyFileSync(path.join(module, 'policies', 'trust.json.tpl'), path.join(alone, 'trust.json.tpl'));
    assert.deepEqual(lintJson(['trust.json.tpl'], alone), { status: 0, entries: [['trust.json.tpl', 'trust', []]] });
    fs.rmSync(alone, { recursive: true, force: true });
  });

  test("JSON files that file() names are the role's policies: the guest rules in the JSON file and the .tf file; a JSON file no .tf file names stays alone", () => {
    const module = path.join(dir, 'jsonfiles');
    fs.mkdirSync(path.join(module, 'policies'), { recursive: true });
    fs.writeFileSync(
      path.join(module, 'main.tf'),
      `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = file("\${path.module}/policies/trust.json")
}

resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = file("guest.json")
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles            = { unauthenticated = aws_iam_role.guest.arn }
}
`,
    );
    fs.writeFileSync(
      path.join(module, 'policies', 'trust.json'),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}}}]}\n',
    );
    const GUEST =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*"}]}\n';
    fs.writeFileSync(path.join(module, 'guest.json'), GUEST);
    // Not named by main.tf: a policy file alone, even beside the module.
    fs.writeFileSync(path.join(module, 'other.json'), GUEST);
    const guest = path.join('jsonfiles', 'guest.json');
    const trust = path.join('jsonfiles', 'policies', 'trust.json');
    // Warnings and information only: exit status 0.
    assert.deepEqual(lintJson(['jsonfiles'], dir), {
      status: 0,
      entries: [
        [guest, 'identity', ['guest-broad-access', 'guest-outside-scope-down']],
        [path.join('jsonfiles', 'main.tf'), 'template', ['guest-access-enabled']],
        [path.join('jsonfiles', 'other.json'), 'identity', []],
        [trust, 'trust', []],
      ],
    });
    // The JSON file named alone on the command line is read with its module; its position is in the JSON file.
    const r = spawnSync(process.execPath, [CLI, '--format', 'unix', guest], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.ok(r.stdout.startsWith(`${guest}:1:71 warning "s3:PutObject" gives guests Write access.`), r.stdout);
    // Written with ./ (the module's files are read as jsonfiles/...): the same file of the same module.
    const dotted = `.${path.sep}${guest}`;
    assert.deepEqual(lintJson([dotted], dir), { status: 0, entries: [[dotted, 'identity', ['guest-broad-access', 'guest-outside-scope-down']]] });
    assert.deepEqual(lintJson([path.join('jsonfiles', 'other.json')], dir), { status: 0, entries: [[path.join('jsonfiles', 'other.json'), 'identity', []]] });
    // The guest trust policy, named by file(): the pool mismatch rules see it (an amr of "authenticated" is the wrong kind).
    fs.writeFileSync(
      path.join(module, 'policies', 'trust.json'),
      fs.readFileSync(path.join(module, 'policies', 'trust.json'), 'utf8').replace('"unauthenticated"', '"authenticated"'),
    );
    assert.deepEqual(lintJson([trust], dir), { status: 1, entries: [[trust, 'trust', ['role-kind-mismatch']]] });
  });
});
