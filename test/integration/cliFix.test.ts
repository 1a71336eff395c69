/** cognito-pool-lint --fix, --fix-dry-run, --quiet, --max-warnings and a closed stdout, as a process on temp copies. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SUB, TUTORIAL, TUTORIAL_FIXED_MINIFIED } from '../fixtures/tutorialPolicy';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** One line per finding (`--format unix`): what these tests compare. */
function lint(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, '--format', 'unix', ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NO_VERSION = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2) + '\n';
const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2) + '\n';
/** An error (ListBucket on object ARNs) and a warning (no Version). */
const ERROR_AND_WARNING = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b/*' }] }, null, 2) + '\n';

const YAML_TEMPLATE = [
  'Resources:',
  '  Policy:',
  '    Type: AWS::IAM::ManagedPolicy',
  '    Properties:',
  '      PolicyDocument:',
  "        Version: '2008-10-17'",
  '        Statement:',
  '          - Effect: allow',
  '            Action: s3:GetObject',
  '            Resource: "arn:aws:s3:::photos/{cognito-identity.amazonaws.com:sub}/*"',
  '',
].join('\n');

describe('cognito-pool-lint --fix and --fix-dry-run', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-fix-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const put = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  test('--fix on the tutorial policy writes exactly the Fix All result (both rounds), nothing remains: exit 0', () => {
    const file = put('tutorial.json', JSON.stringify(TUTORIAL));
    assert.equal(lint([file], dir).status, 1); // the unfixed file has an error
    const r = lint(['--fix', file], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(read(file), TUTORIAL_FIXED_MINIFIED); // no final newline added: it had none
    assert.equal(r.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 1 policy of 1 file\n');
    assert.equal(r.stderr, '');
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  test('--fix keeps CRLF line endings and the final newline; the indented layout is the document’s', () => {
    const file = put('crlf.json', JSON.stringify(TUTORIAL, null, 2).replace(/\n/g, '\r\n') + '\r\n');
    assert.equal(lint(['--fix', file], dir).status, 0);
    const text = read(file);
    assert.ok(text.endsWith('}\r\n'), JSON.stringify(text.slice(-10)));
    assert.ok(!/[^\r]\n/.test(text), 'no lone LF');
    assert.equal(JSON.stringify(JSON.parse(text)), TUTORIAL_FIXED_MINIFIED);
  });

  test('--fix on a YAML template: the scalars keep their quoting', () => {
    const file = put('template.yaml', YAML_TEMPLATE);
    const r = lint(['--fix', file], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(
      read(file),
      YAML_TEMPLATE.replace("'2008-10-17'", "'2012-10-17'").replace('Effect: allow', 'Effect: Allow').replace('photos/{cognito', 'photos/${cognito'),
    );
  });

  test('--fix reports what remains, at its place in the fixed text: a did-you-mean guess is never applied', () => {
    const file = put('guess.json', JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjects', Resource: '*' }] }));
    const r = lint(['--fix', '--format', 'json', file], dir);
    assert.equal(read(file), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjects', Resource: '*' }] }));
    const [entry] = JSON.parse(r.stdout) as { fixed: boolean; diagnostics: { code: string; range: { start: { character: number } } }[] }[];
    assert.equal(entry.fixed, true);
    assert.deepEqual(
      entry.diagnostics.map((d) => [d.code, d.range.start.character]),
      [['unknown-action', read(file).indexOf('"s3:GetObjects"')]],
    );
  });

  test('--fix leaves a file with nothing to fix untouched (same inode)', () => {
    const good = put('good.json', GOOD);
    const inode = fs.statSync(path.join(dir, good)).ino;
    const r = lint(['--fix', '--format', 'json', good], dir);
    assert.equal(fs.statSync(path.join(dir, good)).ino, inode);
    assert.equal(read(good), GOOD);
    const entries = JSON.parse(r.stdout) as { file: string; fixed: boolean; diagnostics: { code: string }[] }[];
    assert.deepEqual(
      entries.map((e) => [e.file, e.fixed, e.diagnostics.length]),
      [['good.json', false, 0]],
    );
  });

  test("--fix on Terraform files (.tf, .tpl): each value in the file's notation ($${...}, &{...}), what needs new HCL left as it is", () => {
    const sub = '{cognito-identity.amazonaws.com:sub}';
    const tf = put(
      'tf/iam.tf',
      `resource "aws_iam_role_policy" "read" {\n  role   = "r"\n  policy = <<-EOF\n    {"Version": "2008-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${sub}/*"}]}\n  EOF\n}\n` +
        `data "aws_iam_policy_document" "d" {\n  statement {\n    effect    = "allow"\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/${sub}/*"]\n  }\n}\n` +
        `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })\n}\n`,
    );
    const before = read(tf);
    const tpl = put(
      'tf/policy.json.tpl',
      JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${arn}' }] }),
    );
    const r = lint(['--fix', '--format', 'json', tf, tpl], dir);
    assert.equal(
      read(tf),
      before
        .replace('"2008-10-17"', '"2012-10-17"')
        .replace('"allow"', '"Allow"')
        .replace(`/${sub}/*"}]}`, () => `/$$${sub}/*"}]}`)
        .replace('"allow"', '"Allow"')
        .replace(`["arn:aws:s3:::b/${sub}/*"]`, `["arn:aws:s3:::b/&${sub}/*"]`),
    );
    assert.equal(read(tpl), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${arn}' }] }));
    const entries = JSON.parse(r.stdout) as { file: string; fixed: boolean; diagnostics: { code: string }[] }[];
    // What remains: the jsonencode policy without Version (adding it would write HCL).
    assert.deepEqual(
      entries.map((e) => [e.file, e.fixed, e.diagnostics.map((d) => d.code)]),
      [
        ['tf/iam.tf', true, ['missing-version']],
        ['tf/policy.json.tpl', true, []],
      ],
    );
  });

  test('--fix-dry-run on a Terraform module: a file analysed before another file of its module was fixed is reported with the fix', () => {
    // a.tf attaches the guest role; b.tf's guest policy has a $-less variable, which its fix escapes as $${...}.
    put(
      'module/a.tf',
      `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}
`,
    );
    put(
      'module/b.tf',
      `resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {"cognito-identity.amazonaws.com:aud": "\${aws_cognito_identity_pool.main.id}"},
      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}
    }
  }]
}
EOF
}
resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public/{cognito-identity.amazonaws.com:sub}/*"}]}
EOF
}
`,
    );
    const guestAccess = (stdout: string) =>
      (JSON.parse(stdout) as { file: string; diagnostics: { code: string; message: string }[] }[])
        .find((e) => e.file === path.join('module', 'a.tf'))!
        .diagnostics.map((d) => d.message.split('Guests get role "aws_iam_role.guest": ')[1]?.split('. Grant')[0]);
    assert.deepEqual(guestAccess(lint(['--format', 'json', 'module'], dir).stdout), [
      's3:GetObject on arn:aws:s3:::public/{cognito-identity.amazonaws.com:sub}/*',
    ]);
    // The fixed resource as b.tf writes it: the summary speaks the file's notation, $${...}.
    assert.deepEqual(guestAccess(lint(['--fix-dry-run', '--format', 'json', 'module'], dir).stdout), [
      's3:GetObject on arn:aws:s3:::public/$${cognito-identity.amazonaws.com:sub}/*',
    ]);
  });

  test('--fix on a module whose guest policy is a template or a JSON file (in a sub-folder, or beside main.tf): main.tf is analysed again with the fixed file', () => {
    // main.tf attaches the guest role, whose policy is templatefile(); the template's $-less variable is fixed as $${...}.
    const mainTf = (template: string) => `resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "pool"
  allow_unauthenticated_identities = true
}
resource "aws_iam_role" "guest" {
  name = "guest"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals             = { "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.pool.id }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "unauthenticated" }
      }
    }]
  })
}
resource "aws_iam_role_policy" "g" {
  role   = aws_iam_role.guest.id
  policy = templatefile("\${path.module}/${template}", {})
}
resource "aws_cognito_identity_pool_roles_attachment" "a" {
  identity_pool_id = aws_cognito_identity_pool.pool.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}
`;
    const template =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public/{cognito-identity.amazonaws.com:sub}/*"}]}\n';
    const guestAccess = (stdout: string, module: string) =>
      (JSON.parse(stdout) as { file: string; diagnostics: { code: string; message: string }[] }[])
        .find((e) => e.file === path.join(module, 'main.tf'))!
        .diagnostics.filter((d) => d.code === 'guest-access-enabled')
        .map((d) => d.message.split('Guests get role "aws_iam_role.guest": ')[1]?.split('. Grant')[0]);
    for (const [module, file] of [
      ['tpl-sub', 'policies/guest.json.tpl'],
      ['tpl-beside', 'zguest.json.tpl'],
    ]) {
      put(`${module}/main.tf`, mainTf(file));
      put(`${module}/${file}`, template);
      const fixed = lint(['--fix', '--format', 'json', module], dir);
      assert.equal(
        fs.readFileSync(path.join(dir, module, file), 'utf8'),
        template.replace('/{', () => '/$${'),
        module,
      );
      assert.deepEqual(guestAccess(fixed.stdout, module), ['s3:GetObject on arn:aws:s3:::public/$${cognito-identity.amazonaws.com:sub}/*'], module);
      // The same as a run on the fixed files.
      assert.deepEqual(guestAccess(lint(['--format', 'json', module], dir).stdout, module), guestAccess(fixed.stdout, module), module);
    }
    // A JSON file that file() reads is JSON as it is: its variable is fixed as IAM writes it, ${...}, and main.tf sees that.
    for (const [module, file] of [
      ['json-sub', 'policies/guest.json'],
      ['json-beside', 'zguest.json'],
    ]) {
      put(`${module}/main.tf`, mainTf(file).replace(`templatefile("\${path.module}/${file}", {})`, `file("\${path.module}/${file}")`));
      put(`${module}/${file}`, template);
      const fixed = lint(['--fix', '--format', 'json', module], dir);
      assert.equal(
        fs.readFileSync(path.join(dir, module, file), 'utf8'),
        template.replace('/{', () => '/${'),
        module,
      );
      assert.deepEqual(guestAccess(fixed.stdout, module), ['s3:GetObject on arn:aws:s3:::public/${cognito-identity.amazonaws.com:sub}/*'], module);
      assert.deepEqual(guestAccess(lint(['--format', 'json', module], dir).stdout, module), guestAccess(fixed.stdout, module), module);
    }
  });

  test('--fix-dry-run writes nothing and prints a unified diff of each file that would change, then the findings of the fixed text', () => {
    const text = JSON.stringify(TUTORIAL, null, 2) + '\n';
    const file = put('dry.json', text);
    const good = put('dry-good.json', GOOD);
    const r = lint(['--fix-dry-run', file, good], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(read(file), text);
    assert.deepEqual(r.stdout.split('\n'), [
      '--- dry.json',
      '+++ dry.json',
      '@@ -4,13 +4,22 @@',
      '     {',
      '       "Effect": "Allow",',
      '       "Action": [',
      '-        "s3:ListBucket",',
      '         "s3:GetObject",',
      '         "s3:PutObject"',
      '       ],',
      '       "Resource": [',
      '-        "arn:aws:s3:::BUCKET/{cognito-identity.amazonaws.com:sub}/*"',
      `+        "arn:aws:s3:::BUCKET/${SUB}/*"`,
      '       ]',
      '+    },',
      '+    {',
      '+      "Effect": "Allow",',
      '+      "Action": "s3:ListBucket",',
      '+      "Resource": "arn:aws:s3:::BUCKET",',
      '+      "Condition": {',
      '+        "StringLike": {',
      `+          "s3:prefix": "${SUB}/*"`,
      '+        }',
      '+      }',
      '     }',
      '   ]',
      ' }',
      '0 problems (0 errors, 0 warnings, 0 info) in 2 policies of 2 files',
      '',
    ]);
  });

  test('--fix-dry-run on a YAML template with fixes far apart: one hunk each, with three lines of context', () => {
    const text = [
      'Resources:',
      '  Read:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: allow',
      '            Action: s3:GetObject',
      '            Resource: arn:aws:s3:::photos/*',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: photos',
      '      Tags:',
      '        - Key: team',
      '          Value: media',
      '  Write:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Action: s3:PutObject',
      '            Resource: "arn:aws:s3:::photos/{cognito-identity.amazonaws.com:sub}/*"',
      '',
    ].join('\n');
    const file = put('two.yaml', text);
    const r = lint(['--fix-dry-run', file], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(read(file), text);
    assert.deepEqual(r.stdout.split('\n'), [
      '--- two.yaml',
      '+++ two.yaml',
      '@@ -5,7 +5,7 @@',
      '       PolicyDocument:',
      "         Version: '2012-10-17'",
      '         Statement:',
      '-          - Effect: allow',
      '+          - Effect: Allow',
      '             Action: s3:GetObject',
      '             Resource: arn:aws:s3:::photos/*',
      '   Bucket:',
      '@@ -23,4 +23,4 @@',
      '         Statement:',
      '           - Effect: Allow',
      '             Action: s3:PutObject',
      '-            Resource: "arn:aws:s3:::photos/{cognito-identity.amazonaws.com:sub}/*"',
      `+            Resource: "arn:aws:s3:::photos/${SUB}/*"`,
      '0 problems (0 errors, 0 warnings, 0 info) in 2 policies of 1 file',
      '',
    ]);
  });

  test('--fix on a JSON template: the new statement at the template’s indentation', () => {
    const template = (statements: unknown[]) =>
      JSON.stringify(
        { Resources: { Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements } } } } },
        null,
        4,
      ) + '\n';
    const file = put('stack.template', template(TUTORIAL.Statement));
    const r = lint(['--fix', file], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(
      read(file),
      template([
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`arn:aws:s3:::BUCKET/${SUB}/*`] },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::BUCKET', Condition: { StringLike: { 's3:prefix': `${SUB}/*` } } },
      ]),
    );
  });

  test('--fix-dry-run: a file without a final newline is marked as diff marks it; json gives each entry its diff; not with sarif', () => {
    const file = put('dry-min.json', JSON.stringify(TUTORIAL));
    const r = lint(['--fix-dry-run', '--format', 'json', file], dir);
    assert.equal(read(file), JSON.stringify(TUTORIAL));
    const [entry] = JSON.parse(r.stdout) as { fixed: boolean; diff: string; diagnostics: unknown[] }[];
    assert.equal(entry.fixed, true);
    assert.deepEqual(entry.diagnostics, []);
    assert.deepEqual(entry.diff.split('\n'), [
      '--- dry-min.json',
      '+++ dry-min.json',
      '@@ -1 +1 @@',
      `-${JSON.stringify(TUTORIAL)}`,
      '\\ No newline at end of file',
      `+${TUTORIAL_FIXED_MINIFIED}`,
      '\\ No newline at end of file',
      '',
    ]);
    const sarif = lint(['--fix-dry-run', '--format', 'sarif', file], dir);
    assert.equal(sarif.status, 2);
    assert.match(sarif.stderr, /--fix-dry-run prints diffs: use --format text or json/);
  });

  test('a read-only file under --fix: exit 2, one line on stderr, the file unchanged, the other files still fixed', () => {
    const ro = put('readonly.json', NO_VERSION);
    const other = put('other.json', NO_VERSION);
    fs.chmodSync(path.join(dir, ro), 0o444);
    const r = lint(['--fix', ro, other], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'cognito-pool-lint: cannot write readonly.json: the file is read-only\n');
    assert.equal(read(ro), NO_VERSION);
    assert.equal(read(other), GOOD);
    assert.match(r.stdout, /^readonly\.json:2:3 warning .* missing-version$/m);
    assert.ok(!r.stdout.includes('other.json'), r.stdout);
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  test('--fix applies only the fixes of findings reported: a rule turned off is not fixed', () => {
    const file = put('off.json', NO_VERSION);
    const r = lint(['--fix', '--rule', 'missing-version=off', file], dir);
    assert.equal(r.status, 0);
    assert.equal(read(file), NO_VERSION);
    assert.equal(lint(['--fix', file], dir).status, 0);
    assert.equal(read(file), GOOD);
  });

  test('--fix through a symbolic link writes the file it points to; the link stays a link', () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.writeFileSync(path.join(dir, 'real', 'policy.json'), NO_VERSION);
    fs.symlinkSync(path.join('real', 'policy.json'), path.join(dir, 'link.json'));
    const r = lint(['--fix', 'link.json'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'link.json')).isSymbolicLink());
    assert.equal(read(path.join('real', 'policy.json')), GOOD);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'real')), ['policy.json']);
  });

  test('usage: --fix and --fix-dry-run exclude each other', () => {
    const r = lint(['--fix', '--fix-dry-run', 'x.json'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--fix and --fix-dry-run exclude each other/);
  });

  test('--help says what --fix fixes, Terraform files too', () => {
    const r = lint(['--help'], dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^ {2}--fix {16}apply the editor's Fix All/m);
    assert.match(r.stdout, /and Terraform files \(in YAML\n {23}and Terraform only fixes inside one value/);
    assert.match(r.stdout, /^ {2}--fix-dry-run {8}the same, writing nothing/m);
  });
});

describe('cognito-pool-lint --quiet, --max-warnings and a closed stdout', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-conventions-'));
    fs.writeFileSync(path.join(dir, 'warning.json'), NO_VERSION);
    fs.writeFileSync(path.join(dir, 'both.json'), ERROR_AND_WARNING);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--max-warnings 0 with one warning exits 1 and says why; 1 or no limit exits 0', () => {
    const r = lint(['--max-warnings', '0', 'warning.json'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'cognito-pool-lint: 1 warning, more than --max-warnings 0\n');
    assert.equal(lint(['--max-warnings=1', 'warning.json'], dir).status, 0);
    const none = lint(['warning.json'], dir);
    assert.equal(none.status, 0);
    assert.equal(none.stderr, '');
  });

  test('--max-warnings takes a number of 0 or more', () => {
    for (const value of ['-1', 'many', '']) {
      const r = lint([`--max-warnings=${value}`, 'warning.json'], dir);
      assert.equal(r.status, 2, value);
      assert.match(r.stderr, /--max-warnings takes a number of warnings, 0 or more/);
    }
  });

  test('--quiet reports errors only (text and json); the warnings still count for --max-warnings', () => {
    const loud = lint(['both.json'], dir).stdout.trim().split('\n');
    assert.deepEqual(
      loud.slice(0, 2).map((l) => l.split(' ').pop()),
      ['missing-version', 'resource-mismatch'],
    );
    assert.equal(loud[2], '2 problems (1 error, 1 warning, 0 info) in 1 policy of 1 file');
    const r = lint(['--quiet', 'both.json', 'warning.json'], dir);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /^both\.json:5:17 error .* resource-mismatch$/);
    assert.equal(lines[1], '1 problem (1 error, 0 warnings, 0 info) in 2 policies of 2 files');
    const json = JSON.parse(lint(['--quiet', '--format', 'json', 'warning.json'], dir).stdout) as { diagnostics: unknown[] }[];
    assert.deepEqual(json[0].diagnostics, []);
    const counted = lint(['--quiet', '--max-warnings', '0', 'warning.json'], dir);
    assert.equal(counted.status, 1);
    assert.equal(counted.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 1 policy of 1 file\n');
    assert.match(counted.stderr, /1 warning, more than --max-warnings 0/);
  });

  /** Runs the CLI with its stdout closed before it writes (as `| head -1` closes it after one line). */
  function withStdoutClosed(args: string[]): Promise<{ code: number | null; signal: string | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, '--format', 'unix', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    });
  }

  test('stdout closed early (EPIPE): no stack trace, the exit status is the findings’ (0 or 1), not an error', async () => {
    assert.deepEqual(await withStdoutClosed(['warning.json']), { code: 0, signal: null, stderr: '' });
    assert.deepEqual(await withStdoutClosed(['--format', 'json', 'both.json']), { code: 1, signal: null, stderr: '' });
    // The same runs with stdout read: the same status and the whole report.
    const open = lint(['--format', 'json', 'both.json'], dir);
    assert.equal(open.status, 1);
    assert.equal((JSON.parse(open.stdout) as unknown[]).length, 1);
  });

  test('a shell pipeline into head -1 with more output than a pipe holds: one line through, no stack trace, exit 0 for warnings', () => {
    const many = path.join(dir, 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(many, `p${String(i).padStart(4, '0')}.json`), NO_VERSION); // ~250 kB of text
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" --format unix many | head -1; echo "status \${PIPESTATUS[0]}"`], {
      cwd: dir,
      encoding: 'utf8',
    });
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /^many\/p0000\.json:2:3 warning .* missing-version$/);
    assert.equal(lines[1], 'status 0');
    assert.equal(r.stderr, '');
  });
});
