/**
 * JSON policy files a module's attributes name (core/sources/terraform/terraformSource.ts: policyFileInModule,
 * templateReader; namedFiles.ts): `file("guest.json")` reads the JSON as it is (`${...}` an IAM policy variable),
 * `templatefile("guest.json", {...})` renders it as a template (`${name}` a template variable); either way the file
 * is the policy of that attribute, as a template file is. A JSON file no .tf file names is a policy file alone.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeDocument, namedJsonFiles, type HclParser, type ModuleFileInput } from '../../server/src/core';
import { catalog, hclParser } from './helpers';

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

const POOL_ID = 'us-east-1:0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b';

const main = (trust: string, policy: string) => `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = ${trust}
}

resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = ${policy}
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}
`;

/** A trust policy for authenticated identities (the guest role's should say unauthenticated). */
const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {"cognito-identity.amazonaws.com:aud": "${POOL_ID}"},
      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}
    }
  }]
}
`;
/** Guests may write under their own identity's prefix: `${...}` is IAM's policy variable in a file `file()` reads. */
const GUEST = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/\${cognito-identity.amazonaws.com:sub}/*"}]}
`;

/** "ruleId: covered text" of one file, analysed with the other files of the module. */
function inModule(id: string, module: readonly ModuleFileInput[]): string[] {
  return findings(id, module).map((f) => `${f.ruleId}: ${f.covered}`);
}

function findings(id: string, module: readonly ModuleFileInput[]) {
  const file = module.find((f) => f.id === id)!;
  const others = module.filter((f) => f.id !== id);
  const analysis = analyzeDocument({ text: file.text, id, fileName: id }, catalog, { hclParser: parser, ...(others.length && { terraformModule: others }) });
  return analysis.findings.map((f) => ({ ruleId: f.ruleId, covered: file.text.slice(f.range.start, f.range.end), message: f.message, range: f.range }));
}

describe('a JSON file that file() names is the policy of that attribute', () => {
  const module = (trust = 'file("${path.module}/policies/trust.json")', policy = 'file("guest.json")'): ModuleFileInput[] => [
    { id: '/m/main.tf', text: main(trust, policy) },
    { id: '/m/policies/trust.json', text: TRUST, policyFile: true },
    { id: '/m/guest.json', text: GUEST, policyFile: true },
  ];

  test("the role rules apply in the JSON file (the guest role's write access, its trust policy's kind); its ${...} is IAM's variable", () => {
    assert.deepEqual(inModule('/m/guest.json', module()), ['guest-broad-access: "s3:PutObject"', 'guest-outside-scope-down: "s3:PutObject"']);
    assert.deepEqual(inModule('/m/policies/trust.json', module()), ['role-kind-mismatch: "authenticated"']);
    const [write] = findings('/m/guest.json', module());
    assert.deepEqual(write.range, { start: GUEST.indexOf('"s3:PutObject"'), end: GUEST.indexOf('"s3:PutObject"') + '"s3:PutObject"'.length });
    assert.equal(
      write.message,
      '"s3:PutObject" gives guests Write access. Anyone can get guest credentials (the identity pool ID is not a secret): grant guests only what you would grant anyone on the internet.',
    );
  });

  test("the .tf file's pool sees the guest role's grants read from the JSON file", () => {
    const pool = findings('/m/main.tf', module()).find((f) => f.ruleId === 'guest-access-enabled');
    assert.match(
      pool?.message ?? '',
      /Guests get role "aws_iam_role\.guest": s3:PutObject on arn:aws:s3:::photos\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*\./,
    );
  });

  test('ids written as paths with ./ or name/.. (as a command line gives them) name the same files', () => {
    const [tf, trust, guest] = module();
    const written = [
      { ...tf, id: 'm/main.tf' },
      { ...trust, id: './m/policies/../policies/trust.json' },
      { ...guest, id: './m/guest.json' },
    ];
    assert.deepEqual(inModule('./m/guest.json', written), ['guest-broad-access: "s3:PutObject"', 'guest-outside-scope-down: "s3:PutObject"']);
    assert.deepEqual(inModule('./m/policies/../policies/trust.json', written), ['role-kind-mismatch: "authenticated"']);
  });

  test('a policy the module does not let us read (a missing file, a variable, an AWS managed policy): never "allows nothing"', () => {
    const summary = (policy: string, extra = '') => {
      const [tf, trust] = module(undefined, policy);
      const text = tf.text.replace('  assume_role_policy', `${extra}  assume_role_policy`);
      return findings('/m/main.tf', [{ ...tf, text }, trust]).find((f) => f.ruleId === 'guest-access-enabled')?.message ?? '';
    };
    assert.match(
      summary('file("missing.json")'),
      /Guests get role "aws_iam_role\.guest": what the policy "aws_iam_role_policy\.guest" allows \(not read here\)\./,
    );
    assert.match(summary('var.policy'), /Guests get role "aws_iam_role\.guest": what the policy "aws_iam_role_policy\.guest" allows \(not read here\)\./);
    assert.match(
      summary('file("missing.json")', '  managed_policy_arns = var.arns\n'),
      /what the policy "aws_iam_role_policy\.guest" allows \(not read here\); what the managed policies var\.arns gives allows \(not read here\)\./,
    );
    assert.match(
      summary('file("missing.json")', '  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]\n'),
      /what the policy "aws_iam_role_policy\.guest" allows \(not read here\); what the managed policy arn:aws:iam::aws:policy\/AmazonS3FullAccess allows \(not read here\)\./,
    );
  });

  test('URIs (the editor’s ids) are percent-encoded, the names a .tf file writes are not: `guest policy.json` is `guest%20policy.json`', () => {
    const [tf, trust, guest] = module(undefined, 'file("${path.module}/guest policy.json")');
    const uris = [
      { ...tf, id: 'file:///m/main.tf' },
      { ...trust, id: 'file:///m/policies/trust.json' },
      { ...guest, id: 'file:///m/guest%20policy.json' },
    ];
    assert.deepEqual(inModule('file:///m/guest%20policy.json', uris), ['guest-broad-access: "s3:PutObject"', 'guest-outside-scope-down: "s3:PutObject"']);
  });

  test('silent: the same JSON files alone, or beside a module that names other files, get only their standalone findings', () => {
    assert.deepEqual(inModule('/m/guest.json', [module()[2]]), []);
    assert.deepEqual(inModule('/m/policies/trust.json', [module()[1]]), []);
    const elsewhere = module('file("trust.json")', 'file("policies/guest.json")');
    assert.deepEqual(inModule('/m/guest.json', elsewhere), []);
    assert.deepEqual(inModule('/m/policies/trust.json', elsewhere), []);
    // A path above the module, or a computed one.
    assert.deepEqual(inModule('/m/guest.json', module(undefined, 'file("../m/guest.json")')), []);
    assert.deepEqual(inModule('/m/guest.json', module(undefined, 'file(var.policy_file)')), []);
  });
});

describe('a JSON file that templatefile() names is a template', () => {
  const module = (policy: string, text: string): ModuleFileInput[] => [
    { id: '/m/main.tf', text: main('file("${path.module}/policies/trust.json")', policy) },
    { id: '/m/policies/trust.json', text: TRUST, policyFile: true },
    { id: '/m/guest.json', text, policyFile: true },
  ];

  test('${name} is a template variable: bound to literal text, checked as that text; $${ is the literal ${', () => {
    const templated = GUEST.split('arn:aws:s3').join('arn:aws:${service}').split('${cognito').join('$${cognito');
    const bound = (service: string) => inModule('/m/guest.json', module(`templatefile("guest.json", { service = "${service}" })`, templated));
    assert.deepEqual(bound('s3'), ['guest-broad-access: "s3:PutObject"', 'guest-outside-scope-down: "s3:PutObject"']);
    // Bound to another service: the ARN's service is checked against the action's, in the JSON file.
    assert.deepEqual(bound('dynamodb'), [
      'resource-mismatch: "s3:PutObject"',
      'guest-broad-access: "s3:PutObject"',
      'guest-outside-scope-down: "s3:PutObject"',
    ]);
    // The same text read by file() is JSON as it is: ${service} is an IAM policy variable, where IAM takes none.
    assert.deepEqual(inModule('/m/guest.json', module('file("guest.json")', templated)), [
      'guest-broad-access: "s3:PutObject"',
      'guest-outside-scope-down: "s3:PutObject"',
      'variable-not-allowed-here: ${service}',
    ]);
    // Alone: a JSON policy file, no role rules.
    assert.deepEqual(inModule('/m/guest.json', [module('file("x.json")', templated)[2]]), ['variable-not-allowed-here: ${service}']);
  });

  test("an unescaped ${aws:...} variable is Terraform's error in a template: reported in the JSON file, nothing else", () => {
    const found = findings('/m/guest.json', module('templatefile("guest.json", {})', GUEST));
    assert.deepEqual(
      found.map((f) => `${f.ruleId}: ${f.covered}`),
      ['terraform-unescaped-variable: ${cognito-identity.amazonaws.com:sub}'],
    );
    // Read by file(), the same text is the IAM policy variable: no such finding (the test above).
  });
});

describe('namedJsonFiles: the JSON files a .tf file names, for the hosts to read', () => {
  test('file() and templatefile() with a literal path, ./ or ${path.module}/; other endings, computed paths, paths above and deeper than MODULE_TEMPLATE_DEPTH are not named', () => {
    const text = `a = file("\${path.module}/policies/guest.json")
b = templatefile("./trust.json", { x = 1 })
c = file( "guest.json" )
d = file("policy.json.tpl")
e = file("\${var.dir}/x.json")
f = file("../up.json")
g = jsonencode({})
h = file("Policy.JSON")
i = file("a/b/two-down.json")
j = file("a/b/c/three-down.json")
k = file("\${ path.module }/spaced.json")
`;
    assert.deepEqual(namedJsonFiles(text), ['policies/guest.json', 'trust.json', 'guest.json', 'Policy.JSON', 'a/b/two-down.json', 'spaced.json']);
    assert.deepEqual(namedJsonFiles('resource "aws_iam_role" "r" {}\n'), []);
  });
});
