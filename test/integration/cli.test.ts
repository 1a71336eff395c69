/** cognito-pool-lint (dist/cli.js) as CI runs it: formats, exit codes, directories, bad input. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** One line per finding (`--format unix`): what these tests compare. */
function lint(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, '--format', 'unix', ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
const NO_VERSION = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
const LIST_ON_OBJECT = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b/*' }] },
  null,
  2,
);

describe('cognito-pool-lint', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-'));
    fs.mkdirSync(path.join(dir, 'policies', 'nested'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.hidden'));
    fs.writeFileSync(path.join(dir, 'policies', 'good.json'), GOOD);
    fs.writeFileSync(path.join(dir, 'policies', 'nested', 'no-version.json'), NO_VERSION);
    fs.writeFileSync(path.join(dir, 'policies', 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    fs.writeFileSync(path.join(dir, 'policies', 'notes.txt'), 'not json');
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'bad.json'), LIST_ON_OBJECT);
    fs.writeFileSync(path.join(dir, '.hidden', 'bad.json'), LIST_ON_OBJECT);
    fs.writeFileSync(path.join(dir, 'list.json'), LIST_ON_OBJECT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--format json: one entry per *.json file of a directory, recursively, skipping node_modules and dot folders', () => {
    const r = lint(['--format', 'json', 'policies'], dir);
    assert.equal(r.status, 0, r.stderr);
    const entries = JSON.parse(r.stdout) as { file: string; kind: string; diagnostics: { code: string; severity: string; range: unknown }[] }[];
    assert.deepEqual(
      entries.map((e) => [e.file, e.kind, e.diagnostics.map((d) => `${d.code}/${d.severity}`)]),
      [
        [path.join('policies', 'good.json'), 'identity', []],
        [path.join('policies', 'nested', 'no-version.json'), 'identity', ['missing-version/warning']],
        [path.join('policies', 'package.json'), 'not-a-policy', []],
      ],
    );
    assert.deepEqual(entries[1].diagnostics[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 13 } });
  });

  test('exit 1 and ESLint-like text lines when a file has errors', () => {
    const r = lint(['list.json'], dir);
    assert.equal(r.status, 1);
    const [line, summary] = r.stdout.trim().split('\n');
    assert.match(line, /^list\.json:6:17 error "s3:ListBucket" matches none of this statement's resources: .* resource-mismatch$/);
    assert.equal(summary, '1 problem (1 error, 0 warnings, 0 info) in 1 policy of 1 file');
  });

  test('a Terraform policy document with a name standing alone (no HCL yet) is not counted as a checked policy', () => {
    // The editor reads such a block for completion only; the CLI checks nothing in it and must not say it did.
    fs.writeFileSync(
      path.join(dir, 'typing.tf'),
      'data "aws_iam_policy_document" "x" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/*"]\n    effect\n  }\n}\n',
    );
    const r = lint(['typing.tf'], dir);
    assert.equal(r.stdout.trim(), '0 problems (0 errors, 0 warnings, 0 info) in 0 policies of 1 file');
    fs.rmSync(path.join(dir, 'typing.tf'));
  });

  test('--rule turns a rule off or changes its severity', () => {
    assert.equal(lint(['--rule', 'resource-mismatch=off', 'list.json'], dir).status, 0);
    const r = lint(['--format=json', '--rule', 'missing-version=error', 'policies/nested/no-version.json'], dir);
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout)[0].diagnostics[0].severity, 'error');
  });

  test('--format sarif is SARIF 2.1.0 with the rules and a result per finding', () => {
    const r = lint(['--format', 'sarif', 'list.json', 'policies'], dir);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'cognito-pool-lint');
    const results = run.results.map(
      (x: {
        ruleId: string;
        level: string;
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
        ruleIndex: number;
      }) => [
        x.ruleId,
        x.level,
        x.locations[0].physicalLocation.artifactLocation.uri,
        x.locations[0].physicalLocation.region.startLine,
        x.locations[0].physicalLocation.region.startColumn,
        run.tool.driver.rules[x.ruleIndex].id,
      ],
    );
    assert.deepEqual(results, [
      ['resource-mismatch', 'error', 'list.json', 6, 17, 'resource-mismatch'],
      ['missing-version', 'warning', 'policies/nested/no-version.json', 2, 3, 'missing-version'],
    ]);
  });

  test('a missing file is reported and the others are still checked: exit 2', () => {
    const r = lint(['--format', 'json', 'nope.json', 'policies/good.json'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read nope\.json: no such file or directory/);
    assert.deepEqual(
      JSON.parse(r.stdout).map((e: { file: string }) => e.file),
      [path.join('policies', 'good.json')],
    );
  });

  test('usage errors exit 2 with a clear message', () => {
    for (const [args, message] of [
      [[], /No PATH given/],
      [['--format', 'xml', 'x.json'], /--format must be text, unix, json or sarif, not "xml"/],
      [['--rule', 'no-such-rule=off', 'x.json'], /Unknown rule "no-such-rule"/],
      [['--rule', 'missing-version=loud', 'x.json'], /Severity "loud" for missing-version/],
      [['--bogus', 'x.json'], /Unknown option "--bogus"/],
    ] as [string[], RegExp][]) {
      const r = lint(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  test('--list-rules prints every rule with its default severity', () => {
    const r = lint(['--list-rules'], dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^missing-version\s+warning\s+No `Version`/m);
  });
});

describe('cognito-pool-lint on CloudFormation templates', () => {
  const examples = path.resolve(__dirname, '../../../examples');
  const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {cognito-identity.amazonaws.com:aud: !Ref Pool}
              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: unauthenticated}
      Policies:
        - PolicyName: Own
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:ListBucket
                Resource: !Sub 'arn:aws:s3:::\${Bucket}/\${!cognito-identity.amazonaws.com:sub}/*'
  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: {authenticated: !GetAtt AuthRole.Arn}
`;
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-cfn-'));
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'infra', 'auth.yaml'), TEMPLATE);
    fs.writeFileSync(path.join(dir, 'infra', 'stack.template'), fs.readFileSync(path.join(examples, 'amplify-template.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'infra', 'stack.json'), fs.readFileSync(path.join(examples, 'amplify-template.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'infra', 'service.yml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
    fs.writeFileSync(path.join(dir, 'infra', 'broken.yaml'), "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P: [1\n");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a directory: YAML, .template and JSON templates are one entry each with positions inside the template; other YAML is not a policy', () => {
    const r = lint(['--format', 'json', 'infra'], dir);
    assert.equal(r.status, 1, r.stderr);
    const entries = JSON.parse(r.stdout) as {
      file: string;
      kind: string;
      diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[];
    }[];
    assert.deepEqual(
      entries.map((e) => [e.file, e.kind, e.diagnostics.map((d) => `${d.code}/${d.severity}@${d.range.start.line}:${d.range.start.character}`)]),
      [
        [path.join('infra', 'auth.yaml'), 'template', ['role-kind-mismatch/error@17:75', 'resource-mismatch/error@24:24']],
        [path.join('infra', 'broken.yaml'), 'template', ['yaml-syntax/error@3:0']],
        [path.join('infra', 'service.yml'), 'not-a-policy', []],
        [path.join('infra', 'stack.json'), 'template', []],
        [path.join('infra', 'stack.template'), 'template', []],
      ],
    );
  });

  test('text lines point into the template and the summary counts its embedded policies', () => {
    const r = lint(['infra/auth.yaml'], dir);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.replace(/ (error|warning|information) .* ([a-z-]+)$/, ' $1 $2')),
      [
        'infra/auth.yaml:18:76 error role-kind-mismatch',
        'infra/auth.yaml:25:25 error resource-mismatch',
        '2 problems (2 errors, 0 warnings, 0 info) in 2 policies of 1 file',
      ],
    );
  });

  test('SARIF results of a template carry their region in the template and the related location', () => {
    const r = lint(['--format', 'sarif', 'infra/auth.yaml'], dir);
    const results = JSON.parse(r.stdout).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[];
      relatedLocations?: { physicalLocation: { region: { startLine: number } } }[];
    }[];
    assert.deepEqual(
      results.map((x) => [
        x.ruleId,
        x.locations[0].physicalLocation.region.startLine,
        x.locations[0].physicalLocation.region.startColumn,
        x.relatedLocations?.map((l) => l.physicalLocation.region.startLine),
      ]),
      [
        ['role-kind-mismatch', 18, 76, [31]],
        ['resource-mismatch', 25, 25, undefined],
      ],
    );
  });

  test('the examples: the Amplify templates pass, the mistakes template fails with one finding per mistake', () => {
    assert.equal(lint([path.join(examples, 'amplify-template.yaml'), path.join(examples, 'amplify-template.json')], dir).status, 0);
    const r = lint(['--format', 'json', path.join(examples, 'mistakes-template.yaml')], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(
      JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string }) => d.code),
      [
        'guest-access-enabled',
        'classic-flow-enabled',
        'aud-pool-mismatch',
        'resource-mismatch',
        'principal-tags-without-tag-session',
        'role-kind-mismatch',
        'cognito-variables-without-cognito-trust',
        'role-mapping-rules-limit',
      ],
    );
  });
});
