/** cognito-pool-lint --fix and --fix-dry-run, as a process on temp copies. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SUB, TUTORIAL, TUTORIAL_FIXED_MINIFIED } from '../fixtures/tutorialPolicy';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function lint(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NO_VERSION = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2) + '\n';
const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2) + '\n';

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

  test('--fix leaves a file with nothing to fix untouched (same inode), and Terraform files unfixed', () => {
    const good = put('good.json', GOOD);
    const inode = fs.statSync(path.join(dir, good)).ino;
    const tf = put(
      'iam.tf',
      `resource "aws_iam_role_policy" "read" {\n  policy = <<-EOF\n    {"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}\n  EOF\n}\n`,
    );
    const before = read(tf);
    const r = lint(['--fix', '--format', 'json', good, tf], dir);
    assert.equal(fs.statSync(path.join(dir, good)).ino, inode);
    assert.equal(read(good), GOOD);
    assert.equal(read(tf), before);
    const entries = JSON.parse(r.stdout) as { file: string; fixed: boolean; diagnostics: { code: string }[] }[];
    assert.deepEqual(
      entries.map((e) => [e.file, e.fixed, e.diagnostics.length > 0]),
      [
        ['good.json', false, false],
        ['iam.tf', false, true],
      ],
    );
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

  test('usage: --fix and --fix-dry-run exclude each other', () => {
    const r = lint(['--fix', '--fix-dry-run', 'x.json'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--fix and --fix-dry-run exclude each other/);
  });

  test('--help says what --fix fixes and that Terraform files are not fixed', () => {
    const r = lint(['--help'], dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^ {2}--fix {16}apply the editor's Fix All/m);
    assert.match(r.stdout, /Terraform files are not fixed yet/);
    assert.match(r.stdout, /^ {2}--fix-dry-run {8}the same, writing nothing/m);
  });
});
