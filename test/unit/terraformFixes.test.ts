/**
 * Quick fixes in Terraform files: the fixes that replace one string token (or insert characters inside one) work
 * in every form a policy is written in, each new value in the token's own notation: a JSON string in a heredoc or
 * a `.tpl` with `$${...}` for an IAM variable, an HCL quoted string in `jsonencode` (`$${...}`) and in
 * `aws_iam_policy_document` (`&{...}`), HCL's escapes respected; a bare `jsonencode` key stays bare. The fixes that
 * would write new HCL structure (an added element, a removed one, a new statement) are not offered.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeDocument, applyEdits, findingsOfPolicy, fixAllToFixedPoint, quickFixes, type HclParser } from '../../server/src/core';
import { catalog, hclParser } from './helpers';

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

function analyzeTf(text: string, fileName: string) {
  return analyzeDocument({ text, id: fileName, fileName }, catalog, { hclParser: parser });
}

/** Every fix offered for the findings of `ruleId`: its title, whether it is preferred, and the text it makes. */
function fixes(text: string, ruleId: string, fileName = 'main.tf') {
  const analysis = analyzeTf(text, fileName);
  const out: { title: string; preferred: boolean; result: string }[] = [];
  let found = 0;
  for (const p of analysis.policies) {
    const findings = findingsOfPolicy(analysis, p).filter((f) => f.ruleId === ruleId);
    found += findings.length;
    for (const fix of quickFixes(p.document, findings, { start: 0, end: text.length }, { syntax: analysis.syntax })) {
      out.push({ title: fix.title, preferred: fix.isPreferred, result: applyEdits(text, fix.edits) });
    }
  }
  assert.ok(found > 0, `no ${ruleId} finding in ${text}`);
  return out;
}

function only(text: string, ruleId: string, fileName = 'main.tf') {
  const all = fixes(text, ruleId, fileName);
  assert.equal(all.length, 1, JSON.stringify(all));
  return all[0];
}

const heredoc = (statement: string, version = '"Version": "2012-10-17", ') => `resource "aws_iam_policy" "p" {
  policy = <<EOF
{${version}"Statement": [${statement}]}
EOF
}
`;
const jsonencoded = (statement: string) => `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${statement}]
  })
}
`;
const policyDocument = (body: string, version = '') => `data "aws_iam_policy_document" "d" {
${version}  statement {
${body}
  }
}
`;

const SUB = 'cognito-identity.amazonaws.com:sub';

describe('quick fixes in heredoc JSON', () => {
  test('a did-you-mean action: the JSON string replaced, not preferred', () => {
    const text = heredoc('{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}');
    assert.deepEqual(fixes(text, 'unknown-action'), [
      { title: 'Replace with "s3:GetObject"', preferred: false, result: text.replace('GetObjekt', 'GetObject') },
    ]);
  });

  test("a $-less variable gets Terraform's escape $${, also beside an interpolation", () => {
    const text = heredoc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\${var.bucket}/{${SUB}}/*"}`);
    const fix = only(text, 'variable-missing-dollar');
    assert.equal(fix.title, `Add the missing "$": $\${${SUB}}`);
    assert.equal(fix.preferred, true);
    assert.equal(
      fix.result,
      text.replace(`/{${SUB}}`, () => `/$\${${SUB}}`),
    );
    assert.deepEqual(
      analyzeTf(fix.result, 'main.tf').findings.map((f) => f.ruleId),
      [],
    );
  });

  test('an object action on a bucket ARN: both object ARNs, each IAM variable written $${...}', () => {
    const text = heredoc('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos"}');
    assert.deepEqual(
      fixes(text, 'resource-mismatch').map((f) => [f.title, f.result]),
      [
        [
          `Use the object ARN "arn:aws:s3:::photos/\${${SUB}}/*": each identity's own folder`,
          text.replace('"arn:aws:s3:::photos"', () => `"arn:aws:s3:::photos/$\${${SUB}}/*"`),
        ],
        ['Use the object ARN "arn:aws:s3:::photos/*": every object in the bucket', text.replace('"arn:aws:s3:::photos"', '"arn:aws:s3:::photos/*"')],
      ],
    );
  });

  test('Effect and Version values replaced; a policy without Version gets no fix (it would add an element)', () => {
    const effect = heredoc('{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}');
    assert.equal(only(effect, 'invalid-value').result, effect.replace('"allow"', '"Allow"'));
    const old = heredoc('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}', '"Version": "2008-10-17", ');
    assert.equal(only(old, 'old-version').result, old.replace('2008-10-17', '2012-10-17'));
    assert.deepEqual(fixes(heredoc('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}', ''), 'missing-version'), []);
  });

  test('no fix that removes an element or adds a statement or a condition', () => {
    const principal = heredoc('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}');
    assert.deepEqual(fixes(principal, 'element-not-allowed'), []);
    const listBucket = heredoc('{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}');
    assert.deepEqual(fixes(listBucket, 'resource-mismatch'), []);
  });
});

describe('quick fixes in jsonencode', () => {
  test('an HCL string replaced by an HCL string; a bare key stays a bare key', () => {
    const text = jsonencoded('{ Effect = "allow", Actoin = "s3:GetObject", Resource = "*" }');
    assert.equal(only(text, 'invalid-value').result, text.replace('"allow"', '"Allow"'));
    assert.deepEqual(fixes(text, 'unknown-element'), [{ title: 'Replace with "Action"', preferred: false, result: text.replace('Actoin', 'Action') }]);
    // A quoted key stays quoted.
    const quoted = jsonencoded('{ "Effect" = "Allow", "Actoin" = "s3:GetObject", Resource = "*" }');
    assert.equal(only(quoted, 'unknown-element').result, quoted.replace('"Actoin"', '"Action"'));
  });

  test('a token written with an HCL escape is replaced whole', () => {
    const text = jsonencoded('{ Effect = "Allow", Action = "s3:Get\\u004fbjekt", Resource = "*" }');
    assert.equal(only(text, 'unknown-action').result, text.replace('"s3:Get\\u004fbjekt"', '"s3:GetObject"'));
  });

  test('a $-less variable and an object ARN: $${...}', () => {
    const missing = jsonencoded(`{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/{${SUB}}/*" }`);
    assert.equal(
      only(missing, 'variable-missing-dollar').result,
      missing.replace(`/{${SUB}}`, () => `/$\${${SUB}}`),
    );
    const bucket = jsonencoded('{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b" }');
    assert.equal(
      fixes(bucket, 'resource-mismatch')[0].result,
      bucket.replace('"arn:aws:s3:::b"', () => `"arn:aws:s3:::b/$\${${SUB}}/*"`),
    );
  });

  test('silent: a value Terraform computes is never replaced', () => {
    const text = jsonencoded('{ Effect = "Allow", Action = "s3:GetObject", Resource = var.bucket_arn }');
    assert.deepEqual(
      analyzeTf(text, 'main.tf').findings.map((f) => f.ruleId),
      [],
    );
    const open = jsonencoded('{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.bucket}" }');
    assert.deepEqual(analyzeTf(open, 'main.tf').findings, []);
    // Control: the same ARN written out is fixed.
    assert.equal(fixes(open.replace('${var.bucket}', 'b'), 'resource-mismatch').length, 2);
  });
});

describe('quick fixes in data "aws_iam_policy_document"', () => {
  test('effect, version, sid and a condition test replaced as HCL strings', () => {
    const text = policyDocument(
      `    sid     = "read-objects"
    effect  = "allow"
    actions = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }`,
      '  version = "2008-10-17"\n',
    );
    assert.equal(only(text, 'invalid-value').result, text.replace('"allow"', '"Allow"'));
    assert.equal(only(text, 'old-version').result, text.replace('"2008-10-17"', '"2012-10-17"'));
    assert.equal(only(text, 'invalid-sid').result, text.replace('"read-objects"', '"readobjects"'));
    assert.equal(only(text, 'multi-valued-key-operator').result, text.replace('"StringLike"', '"ForAnyValue:StringLike"'));
  });

  test('a $-less variable and an object ARN: &{...}, as the provider takes it', () => {
    const missing = policyDocument(`    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/{${SUB}}/*"]`);
    const fix = only(missing, 'variable-missing-dollar');
    assert.equal(fix.title, `Add the missing "$": &{${SUB}}`);
    assert.equal(fix.result, missing.replace(`/{${SUB}}`, `/&{${SUB}}`));
    const bucket = policyDocument(`    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b"]`);
    assert.equal(fixes(bucket, 'resource-mismatch')[0].result, bucket.replace('"arn:aws:s3:::b"', `"arn:aws:s3:::b/&{${SUB}}/*"`));
  });

  test('silent: a condition test shared by two blocks is not changed for one of them', () => {
    const text = policyDocument(`    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
    condition {
      test     = "StringLike"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = ["us-east-1:0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b"]
    }`);
    assert.deepEqual(fixes(text, 'multi-valued-key-operator'), []);
  });
});

describe('quick fixes in template files (.tpl)', () => {
  const tpl = (resource: string, action = 's3:GetObject') =>
    `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "${resource}"}]}\n`;

  test('a $-less variable, an object ARN and a did-you-mean action, in the template text', () => {
    const missing = tpl(`arn:aws:s3:::\${bucket}/{${SUB}}/*`);
    assert.equal(
      only(missing, 'variable-missing-dollar', 'policy.json.tpl').result,
      missing.replace(`/{${SUB}}`, () => `/$\${${SUB}}`),
    );
    const bucket = tpl('arn:aws:s3:::photos');
    assert.equal(
      fixes(bucket, 'resource-mismatch', 'policy.json.tpl')[0].result,
      bucket.replace('"arn:aws:s3:::photos"', () => `"arn:aws:s3:::photos/$\${${SUB}}/*"`),
    );
    const action = tpl('*', 's3:GetObjekt');
    assert.equal(only(action, 'unknown-action', 'policy.json.tpl').result, action.replace('GetObjekt', 'GetObject'));
  });

  test('silent: a string holding a template variable is not judged, so not rewritten; without Version no element is added', () => {
    assert.deepEqual(analyzeTf(tpl('arn:aws:s3:::${bucket}'), 'policy.json.tpl').findings, []);
    const noVersion = tpl('*').replace('"Version": "2012-10-17", ', '');
    assert.deepEqual(fixes(noVersion, 'missing-version', 'policy.json.tpl'), []);
  });
});

describe('Fix All in a .tf file', () => {
  test('every preferred fix of every form, to the fixed point; what needs structure stays', () => {
    const text = `${heredoc('{"Effect": "allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/{aws:username}/*"}')}${policyDocument(`    effect    = "deny"
    actions   = ["s3:DeleteObject"]
    resources = ["arn:aws:s3:::b/{aws:username}/*"]`)}`;
    const result = fixAllToFixedPoint({ text, id: 'main.tf', fileName: 'main.tf' }, catalog, { hclParser: parser });
    assert.equal(
      result.text,
      text
        .replace('"allow"', '"Allow"')
        .replace('"deny"', '"Deny"')
        .replace('"arn:aws:s3:::b/{aws:username}/*"}', () => '"arn:aws:s3:::b/$${aws:username}/*"}')
        .replace('["arn:aws:s3:::b/{aws:username}/*"]', '["arn:aws:s3:::b/&{aws:username}/*"]'),
    );
    assert.deepEqual(
      analyzeTf(result.text, 'main.tf').findings.map((f) => f.ruleId),
      [],
    );
  });
});
