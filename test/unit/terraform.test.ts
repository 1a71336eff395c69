/**
 * Terraform as a source (core/sources/terraform/): the policies of a .tf file in each form it is written in
 * (heredoc JSON, jsonencode, aws_iam_policy_document, inline_policy), Terraform's template files (.tpl), and
 * the interpolation rules: `${...}` and `%{...}` are Terraform's (open values: the checks that need them stay
 * silent, the literal text around them is still checked), `$${...}` is the IAM variable, and so is `&{...}` in
 * aws_iam_policy_document. Every case fires on the exact token and has a silent counterpart.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeDocument, complete, hover, type HclParser } from '../../server/src/core';
import { semanticTokens } from '../../server/src/core/features/semanticTokens';
import { syntaxOf } from '../../server/src/core/sources/registry';
import { catalog, hclParser } from './helpers';

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

function analyzeTf(text: string, fileName = 'main.tf') {
  return analyzeDocument({ text, id: fileName, fileName }, catalog, { hclParser: parser });
}

/** "ruleId: covered text" for every finding. */
function summary(text: string, fileName = 'main.tf'): string[] {
  return analyzeTf(text, fileName).findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`);
}

const TRUST_STATEMENT = (aud: string) => `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {"cognito-identity.amazonaws.com:aud": "${aud}"},
      "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}
    }
  }]
}`;

const role = (trust: string) => `resource "aws_iam_role" "authenticated" {
  name               = "authenticated"
  assume_role_policy = ${trust}
}
`;

describe('syntax and detection', () => {
  test('a .tf file is HCL by its language id (HashiCorp: terraform) or, for plaintext, by its name; .tpl and .tftpl are templates', () => {
    assert.equal(syntaxOf({ text: '', languageId: 'terraform' }), 'hcl');
    assert.equal(syntaxOf({ text: '', languageId: 'plaintext', fileName: '/w/main.tf' }), 'hcl');
    assert.equal(syntaxOf({ text: '', fileName: 'policy.json.tpl' }), 'hcl-template');
    assert.equal(syntaxOf({ text: '', fileName: 'policy.tftpl' }), 'hcl-template');
    // Controls: a language id that claims a syntax still decides; plaintext without a known name stays JSON.
    assert.equal(syntaxOf({ text: '', languageId: 'yaml', fileName: 'main.tf' }), 'yaml');
    assert.equal(syntaxOf({ text: '', languageId: 'plaintext', fileName: 'notes.txt' }), 'json');
  });

  test('a .tf file with policies is read by the terraform source; one without is not a policy', () => {
    const withPolicy = analyzeTf(role(`<<EOF\n${TRUST_STATEMENT('us-east-1:0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b')}\nEOF`));
    assert.equal(withPolicy.source, 'terraform');
    assert.equal(withPolicy.kind, 'template');
    assert.deepEqual(
      withPolicy.policies.map((p) => p.document.kind),
      ['trust'],
    );
    const without = analyzeTf('resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n');
    assert.equal(without.kind, 'not-a-policy');
    assert.deepEqual(without.findings, []);
  });

  test('without a parser from the host, a .tf file is not read', () => {
    const text = role(`<<EOF\n${TRUST_STATEMENT('not-a-pool')}\nEOF`);
    const result = analyzeDocument({ text, fileName: 'main.tf' }, catalog);
    assert.equal(result.kind, 'not-a-policy');
    assert.deepEqual(result.findings, []);
    // Control: with the parser the same text has its finding.
    assert.deepEqual(summary(text), ['trust-aud-format: "not-a-pool"']);
  });
});

describe('heredoc JSON', () => {
  test("<<EOF: a literal aud is checked; an interpolated one is Terraform's and silent", () => {
    assert.deepEqual(summary(role(`<<EOF\n${TRUST_STATEMENT('my-pool')}\nEOF`)), ['trust-aud-format: "my-pool"']);
    assert.deepEqual(summary(role(`<<EOF\n${TRUST_STATEMENT('${aws_cognito_identity_pool.main.id}')}\nEOF`)), []);
    assert.deepEqual(summary(role(`<<EOF\n${TRUST_STATEMENT('${var.pool_id}')}\nEOF`)), []);
  });

  test('<<-EOF with any delimiter and indentation: findings point into the file', () => {
    const text = `resource "aws_iam_role_policy" "read" {
  role   = aws_iam_role.authenticated.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::bucket/*"}]
    }
  POLICY
}
`;
    assert.deepEqual(summary(text), ['unknown-action: "s3:GetObjekt"']);
    assert.deepEqual(summary(text.replace('GetObjekt', 'GetObject')), []);
  });

  test('inline_policy { policy } of a role is read', () => {
    const text = `resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
  inline_policy {
    name   = "read"
    policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}
EOF
  }
}
`;
    assert.deepEqual(summary(text), ['unknown-action: "s3:GetObjekt"']);
  });

  test('an interpolated ARN: the open part is silent, the literal service and resource type still decide', () => {
    const statement = (action: string, resource: string) => `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "${resource}"}]}
EOF
}
`;
    assert.deepEqual(summary(statement('s3:GetObject', 'arn:aws:s3:::${var.bucket}/*')), []);
    assert.deepEqual(summary(statement('s3:GetObject', '${aws_s3_bucket.b.arn}/*')), []);
    // The literal `dynamodb` service of the ARN does not fit an S3 action, whatever the variable is.
    assert.deepEqual(summary(statement('s3:GetObject', 'arn:aws:dynamodb:${var.region}:${var.account}:table/t')), ['resource-mismatch: "s3:GetObject"']);
  });

  test('$${...} is the IAM policy variable: checked as one; ${...} is never one', () => {
    const text = (resource: string) => `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${resource}"}]}
EOF
}
`;
    assert.deepEqual(summary(text('arn:aws:s3:::b/$${aws:usernam}/*')), ['unknown-variable: aws:usernam']);
    assert.deepEqual(summary(text('arn:aws:s3:::b/$${aws:username}/*')), []);
    // `{aws:username}` without a dollar is still the IAM mistake it is in JSON.
    assert.deepEqual(summary(text('arn:aws:s3:::b/{aws:username}/*')), ['variable-missing-dollar: {aws:username}']);
  });

  test("%{...} directives: inside a string an open part; shaping the JSON itself, the policy is Terraform's and not read", () => {
    const inString = `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%{ if var.prod }prod%{ else }dev%{ endif }/*"}]}
EOF
}
`;
    assert.deepEqual(summary(inString), []);
    assert.equal(analyzeTf(inString).policies.length, 1);
    const shaping = `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [
%{ for b in var.buckets }{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::\${b}/*"},%{ endfor }
{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}
EOF
}
`;
    assert.deepEqual(summary(shaping), []);
    assert.equal(analyzeTf(shaping).policies.length, 0);
  });

  test('an interpolation standing for a whole JSON value is open', () => {
    const text = (resource: string) => `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": ${resource}}]}
EOF
}
`;
    // The action is still literal (and misspelt); the Resource is whatever the expression gives.
    assert.deepEqual(summary(text('${jsonencode(var.arns)}')), ['unknown-action: "s3:GetObjekt"']);
    assert.deepEqual(summary(text('"arn:aws:s3:::b/*"')), ['unknown-action: "s3:GetObjekt"']);
  });

  test('a JSON syntax error in a heredoc is a json-syntax finding on its token', () => {
    const text = `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",}]}
EOF
}
`;
    const findings = analyzeTf(text).findings.filter((f) => f.ruleId === 'json-syntax');
    assert.equal(findings.length, 1);
    assert.equal(text.slice(findings[0].range.start, findings[0].range.end), ',');
    assert.deepEqual(summary(text.replace('"*",}', '"*"}')), []);
  });

  test('a block with an HCL syntax error is not read (its structure is in doubt)', () => {
    const broken = `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObjekt" Resource = "*" }] }
}
`;
    assert.deepEqual(summary(broken), []);
    assert.deepEqual(summary(broken.replace('"s3:GetObjekt" Resource', '"s3:GetObjekt", Resource').replace('}] }', '}] })')), [
      'unknown-action: "s3:GetObjekt"',
    ]);
  });
});

describe('jsonencode', () => {
  test('keys as identifiers or strings, = or :, lists and nested objects; findings on the HCL tokens', () => {
    const text = `resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.r.id
  policy = jsonencode({
    Version = "2012-10-17"
    "Statement" : [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjekt"]
        Resource = "arn:aws:s3:::bucket/*"
        Condition = {
          StringEquals = { "aws:PrincipalTag/team" = "a" }
        }
      },
      { Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::bucket", Sidd = "x" }
    ]
  })
}
`;
    assert.deepEqual(summary(text), ['unknown-action: "s3:GetObjekt"', 'unknown-element: Sidd']);
    assert.deepEqual(summary(text.replace('"s3:GetObjekt"', '"s3:PutObject"').replace('Sidd', 'Sid')), []);
  });

  test('a reference, a function call or a conditional is an open value; the literal parts of a string are still checked', () => {
    const text = (resource: string, action = '"s3:GetObject"') => `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${action}, Resource = ${resource} }]
  })
}
`;
    assert.deepEqual(summary(text('var.arns')), []);
    assert.deepEqual(summary(text('"arn:aws:s3:::${var.bucket}/*"')), []);
    assert.deepEqual(summary(text('[for b in var.buckets : "arn:aws:s3:::${b}/*"]')), []);
    assert.deepEqual(summary(text('"arn:aws:s3:::b/*"', 'local.actions')), []);
    // A conditional is open as a whole, even where one branch alone would not fit the action.
    assert.deepEqual(summary(text('var.prod ? "arn:aws:dynamodb:us-east-1:123456789012:table/t" : "arn:aws:s3:::b/*"')), []);
    assert.deepEqual(summary(text('"arn:aws:dynamodb:${var.region}:${var.account}:table/t"')), ['resource-mismatch: "s3:GetObject"']);
    assert.deepEqual(summary(text('"arn:aws:s3:::${var.bucket}/*"', '"s3:GetObjekt"')), ['unknown-action: "s3:GetObjekt"']);
  });

  test('in a quoted string $${...} is the IAM variable, HCL escapes are decoded, and findings inside a value land on its characters', () => {
    const text = (resource: string) => `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${resource}" }]
  })
}
`;
    assert.deepEqual(summary(text('arn:aws:s3:::b/$${aws:usernam}/*')), ['unknown-variable: aws:usernam']);
    assert.deepEqual(summary(text('arn:aws:s3:::b/$${aws:username}/*')), []);
    // `\\u0024{` is HCL's escape of the dollar: the text IAM sees is still `${aws:usernam}`, its name at its characters.
    assert.deepEqual(summary(text('arn:aws:s3:::b/\\u0024{aws:usernam}/*')), ['unknown-variable: aws:usernam']);
  });

  test('offsets are UTF-16 offsets into the file, past non-ASCII text', () => {
    const text = `# Politique d'accès — lecture seule
resource "aws_iam_policy" "p" {
  description = "accès en lecture"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObjekt", Resource = "*" }] })
}
`;
    assert.deepEqual(summary(text), ['unknown-action: "s3:GetObjekt"']);
  });
});

describe('data "aws_iam_policy_document"', () => {
  const document = (statement: string) => `data "aws_iam_policy_document" "read" {
  statement {
${statement}
  }
}
`;

  test('statement attributes map to their elements, findings on the HCL tokens', () => {
    const text = document(`    sid       = "Read"
    actions   = ["s3:GetObject", "s3:GetObjekt"]
    resources = ["arn:aws:s3:::bucket/*"]`);
    assert.deepEqual(summary(text), ['unknown-action: "s3:GetObjekt"']);
    assert.deepEqual(summary(text.replace('"s3:GetObjekt"', '"s3:PutObject"')), []);
  });

  test('Version and Effect default as the provider writes them: variables are substituted, no missing-element', () => {
    const text = document(`    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket/&{aws:usernam}/*"]`);
    assert.deepEqual(summary(text), ['unknown-variable: aws:usernam']);
    assert.deepEqual(summary(text.replace('usernam}', 'username}')), []);
  });

  test('&{...} and $${...} are both the IAM variable; ${...} is an open Terraform value', () => {
    const text = (resource: string) =>
      document(`    actions   = ["s3:GetObject"]
    resources = ["${resource}"]`);
    assert.deepEqual(summary(text('arn:aws:s3:::bucket/$${aws:usernam}/*')), ['unknown-variable: aws:usernam']);
    assert.deepEqual(summary(text('arn:aws:s3:::bucket/&{aws:username}/*')), []);
    assert.deepEqual(summary(text('arn:aws:s3:::${var.bucket}/*')), []);
    assert.deepEqual(summary(text('arn:aws:dynamodb:${var.region}:123456789012:table/t')), ['resource-mismatch: "s3:GetObject"']);
  });

  test('condition { test variable values } is a Condition: StringLike on amr is reported on its test', () => {
    const text = (test: string) => `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.main.id]
    }
    condition {
      test     = "${test}"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
  }
}
`;
    const result = analyzeTf(text('StringLike'));
    assert.equal(result.policies[0].document.kind, 'trust');
    assert.deepEqual(summary(text('StringLike')), ['multi-valued-key-operator: "StringLike"']);
    assert.deepEqual(summary(text('ForAnyValue:StringLike')), []);
  });

  test('principals { type identifiers } is a Principal entry: a wrong trust principal is reported on its type', () => {
    const text = (identifier: string) => `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["${identifier}"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = ["us-east-1:0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b"]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
  }
}
`;
    assert.deepEqual(summary(text('cognito-identity.amazonaws.com')), []);
    assert.deepEqual(summary(text('accounts.google.com')), ['trust-principal-mismatch: "Federated"']);
  });
});

describe('what Terraform fills in a policy document: dynamic blocks, source_policy_documents, override_policy_documents', () => {
  const trust = (
    conditions: string,
    principals = `    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }`,
  ) => `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
${principals}
${conditions}
  }
}
`;
  const AMR = `    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }`;
  const DYNAMIC_CONDITION = `    dynamic "condition" {
      for_each = var.trust_conditions
      content {
        test     = condition.value.test
        variable = condition.value.variable
        values   = condition.value.values
      }
    }`;

  test('dynamic "condition": the Condition is open, so no condition is judged missing; without it the missing aud is reported', () => {
    assert.deepEqual(summary(trust(AMR)), ['trust-missing-aud: "cognito-identity.amazonaws.com"']);
    assert.deepEqual(summary(trust(`${AMR}\n${DYNAMIC_CONDITION}`)), []);
    assert.deepEqual(summary(trust(DYNAMIC_CONDITION)), []);
  });

  test('dynamic "principals": the Principal is open, so the trust is not judged', () => {
    const dynamicPrincipals = `    dynamic "principals" {
      for_each = var.principals
      content {
        type        = principals.value.type
        identifiers = principals.value.identifiers
      }
    }`;
    assert.deepEqual(summary(trust(AMR, dynamicPrincipals)), []);
  });

  test('dynamic "statement" and source/override documents are open statements: no "no Statement", the written statements still checked', () => {
    const document = (body: string) => `data "aws_iam_policy_document" "d" {\n${body}\n}\n`;
    assert.deepEqual(summary(document('')), ['missing-element: d']);
    assert.deepEqual(summary(document('  source_policy_documents = [data.aws_iam_policy_document.base.json]')), []);
    assert.deepEqual(summary(document('  override_policy_documents = var.overrides')), []);
    const dynamicStatement = `  dynamic "statement" {
    for_each = var.buckets
    content {
      actions   = ["s3:GetObject"]
      resources = ["\${statement.value}/*"]
    }
  }`;
    assert.deepEqual(summary(document(dynamicStatement)), []);
    const written = `  statement {
    actions   = ["s3:GetObjekt"]
    resources = ["*"]
  }`;
    assert.deepEqual(summary(document(`${written}\n${dynamicStatement}\n  source_policy_documents = [data.aws_iam_policy_document.base.json]`)), [
      'unknown-action: "s3:GetObjekt"',
    ]);
  });

  test('jsonencode: a Condition Terraform computes is open too (no missing aud); an absent one is reported', () => {
    const role = (condition: string) => `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Federated = "cognito-identity.amazonaws.com" }, Action = "sts:AssumeRoleWithWebIdentity"${condition} }]
  })
}
`;
    assert.deepEqual(summary(role(', Condition = var.trust_conditions')), []);
    assert.deepEqual(
      summary(
        role(', Condition = { StringEquals = var.aud_condition, "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "authenticated" } }'),
      ),
      [],
    );
    assert.deepEqual(
      summary(role('')).map((f) => f.split(':')[0]),
      ['trust-missing-aud', 'trust-missing-amr'],
    );
  });
});

describe('template files (.tpl)', () => {
  const tpl = (resource: string) => `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${resource}"}]
}
`;

  test('${name} is a template variable (open); $${...} the IAM variable; findings point into the file', () => {
    assert.deepEqual(summary(tpl('arn:aws:s3:::${bucket}/$${aws:usernam}/*'), 'policy.json.tpl'), ['unknown-variable: aws:usernam']);
    assert.deepEqual(summary(tpl('arn:aws:s3:::${bucket}/$${aws:username}/*'), 'policy.json.tpl'), []);
    assert.deepEqual(summary(tpl('arn:aws:dynamodb:${region}:${account}:table/t'), 'policy.tftpl'), ['resource-mismatch: "s3:GetObject"']);
  });

  test('a template that is not a policy is not read', () => {
    assert.equal(analyzeTf('#!/bin/bash\necho ${name}\nTEMPLATE\n', 'user_data.tpl').kind, 'not-a-policy');
    const policy = analyzeTf(tpl('arn:aws:s3:::b/*'), 'x.tpl');
    assert.equal(policy.source, 'terraform-template');
    assert.equal(policy.kind, 'identity');
  });
});

describe('terraform-unescaped-variable: ${aws:username} is an interpolation Terraform rejects', () => {
  const unescaped = (text: string, fileName = 'main.tf') =>
    analyzeTf(text, fileName)
      .findings.filter((f) => f.ruleId === 'terraform-unescaped-variable')
      .map((f) => text.slice(f.range.start, f.range.end));

  test('in a heredoc, a jsonencode string, a policy document and a template file; each occurrence once', () => {
    const heredoc = `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": ["arn:aws:s3:::b/\${aws:username}/*", "arn:aws:s3:::b/\${cognito-identity.amazonaws.com:sub}/*"]}]}
EOF
}
`;
    assert.deepEqual(unescaped(heredoc), ['${aws:username}', '${cognito-identity.amazonaws.com:sub}']);
    const jsonencoded = `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/\${aws:PrincipalTag/team}/*" }] })
}
`;
    assert.deepEqual(unescaped(jsonencoded), ['${aws:PrincipalTag/team}']);
    const document = `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/\${aws:username}/*"]
  }
}
`;
    assert.deepEqual(unescaped(document), ['${aws:username}']);
    const template =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/${aws:username}"}]}';
    assert.deepEqual(unescaped(template, 'p.json.tpl'), ['${aws:username}']);
  });

  test('silent on the escaped variable, on &{...}, and on valid interpolations that have a colon', () => {
    const text = (resource: string) => `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${resource}" }] })
}
`;
    assert.deepEqual(summary(text('arn:aws:s3:::b/$${aws:username}/*')), []);
    assert.deepEqual(summary(text('arn:aws:s3:::${var.prod ? "prod" : "dev"}/*')), []);
    assert.deepEqual(summary(text('arn:aws:s3:::${var.prod?"prod":"dev"}/*')), []);
    const document = `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/&{aws:username}/*"]
  }
}
`;
    assert.deepEqual(summary(document), []);
    assert.deepEqual(
      summary(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/$${aws:username}"}]}',
        'p.json.tpl',
      ),
      [],
    );
  });
});

describe('the roles of a .tf file', () => {
  const POOLS = `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_cognito_identity_pool" "staging" {
  identity_pool_name               = "staging"
  allow_unauthenticated_identities = false
}
`;
  const trustDocument = (name: string, amr: string, pool = 'main') => `data "aws_iam_policy_document" "${name}" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.${pool}.id]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["${amr}"]
    }
  }
}
`;
  const heredocTrust = (amr: string, pool = 'main') => `<<-EOF
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "\${aws_cognito_identity_pool.${pool}.id}"},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "${amr}"}}}]}
  EOF`;
  const attachment = (roles: string) => `resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    ${roles}
  }
}
`;
  const rules = (text: string) => summary(text).filter((f) => !f.startsWith('guest-access-enabled'));

  test('role-kind-mismatch: a signed-in-only trust (a policy document by .json) attached as the guest role', () => {
    const text = (amr: string) => `${POOLS}${trustDocument('guest_trust', amr)}
resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = data.aws_iam_policy_document.guest_trust.json
}
${attachment('unauthenticated = aws_iam_role.guest.arn')}`;
    assert.deepEqual(rules(text('authenticated')), ['role-kind-mismatch: "authenticated"']);
    assert.deepEqual(rules(text('unauthenticated')), []);
    const finding = analyzeTf(text('authenticated')).findings.find((f) => f.ruleId === 'role-kind-mismatch')!;
    const related = finding.related?.[0];
    assert.equal(text('authenticated').slice(related!.range.start, related!.range.end), 'aws_iam_role.guest.arn');
  });

  test('aud-pool-mismatch: an interpolated aud naming another pool of the file than the attachment', () => {
    const text = (pool: string) => `${POOLS}
resource "aws_iam_role" "authenticated" {
  name               = "authenticated"
  assume_role_policy = ${heredocTrust('authenticated', pool)}
}
${attachment('authenticated = aws_iam_role.authenticated.arn')}`;
    assert.deepEqual(rules(text('staging')), ['aud-pool-mismatch: "${aws_cognito_identity_pool.staging.id}"']);
    assert.deepEqual(rules(text('main')), []);
  });

  test("guest rules: a guest role's permission policies (inline, aws_iam_role_policy, attached managed policy) are checked as a guest's", () => {
    const text = (action: string) => `${POOLS}
resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = ${heredocTrust('unauthenticated')}
}

resource "aws_iam_policy" "uploads" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "${action}", Resource = "arn:aws:s3:::photos/public/*" }] })
}

resource "aws_iam_role_policy_attachment" "guest_uploads" {
  role       = aws_iam_role.guest.name
  policy_arn = aws_iam_policy.uploads.arn
}
${attachment('unauthenticated = aws_iam_role.guest.arn')}`;
    assert.deepEqual(
      rules(text('s3:PutObject')).map((f) => f.split(':')[0]),
      ['guest-broad-access', 'guest-outside-scope-down'],
    );
    assert.deepEqual(
      rules(text('s3:GetObject')).map((f) => f.split(':')[0]),
      ['guest-outside-scope-down'],
    );
    assert.deepEqual(rules(text('rum:PutRumEvents').replace('arn:aws:s3:::photos/public/*', 'arn:aws:rum:us-east-1:123456789012:appmonitor/app')), []);
  });

  test('pool settings: guest access and the classic flow, on the HCL attribute', () => {
    const text = (classic: string) => `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = false
  allow_classic_flow               = ${classic}
}
`;
    assert.deepEqual(summary(text('true')), ['classic-flow-enabled: true']);
    assert.deepEqual(summary(text('false')), []);
    assert.deepEqual(summary(text('var.classic')), []);
  });

  test('role_mapping { mapping_rule } roles are authenticated roles; a guest-only trust there is reported', () => {
    const text = (amr: string) => `${POOLS}
resource "aws_iam_role" "admin" {
  assume_role_policy = ${heredocTrust(amr)}
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  role_mapping {
    identity_provider         = "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client"
    type                      = "Rules"
    ambiguous_role_resolution = "AuthenticatedRole"
    mapping_rule {
      claim      = "cognito:groups"
      match_type = "Contains"
      value      = "admins"
      role_arn   = aws_iam_role.admin.arn
    }
  }
}
`;
    assert.deepEqual(rules(text('unauthenticated')), ['role-kind-mismatch: "unauthenticated"']);
    assert.deepEqual(rules(text('authenticated')), []);
  });

  test("a mapping_rule's claim, match_type and value are the model's: a rule shadowed by an identical earlier one is unreachable", () => {
    const rule = (value: string) => `    mapping_rule {
      claim      = "cognito:groups"
      match_type = "Contains"
      value      = "${value}"
      role_arn   = aws_iam_role.admin.arn
    }`;
    const text = (second: string) => `${POOLS}
resource "aws_iam_role" "admin" {
  assume_role_policy = ${heredocTrust('authenticated')}
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  role_mapping {
    identity_provider         = "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client"
    type                      = "Rules"
    ambiguous_role_resolution = "AuthenticatedRole"
${rule('admins')}
${rule(second)}
  }
}
`;
    assert.deepEqual(
      rules(text('admins')).map((f) => f.split(':')[0]),
      ['role-mapping-rule-unreachable'],
    );
    assert.deepEqual(rules(text('editors')), []);
  });
});

describe('aws_cognito_identity_pool_provider_principal_tag: the principal tag map of a provider', () => {
  const PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI';
  const module = (actions: string, tagMap: string) => `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name = "main"
  cognito_identity_providers {
    provider_name = "${PROVIDER}"
    client_id     = "1example23456789"
  }
}

resource "aws_iam_role" "authenticated" {
  name               = "authenticated"
  assume_role_policy = <<-EOF
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
      "Action": ${actions},
      "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "\${aws_cognito_identity_pool.main.id}"},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}
  EOF
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated = aws_iam_role.authenticated.arn
  }
}

resource "aws_cognito_identity_pool_provider_principal_tag" "tags" {
  identity_pool_id       = aws_cognito_identity_pool.main.id
  identity_provider_name = "${PROVIDER}"
${tagMap}
}
`;
  const CUSTOM = '  use_defaults = false\n  principal_tags = {\n    department = "custom:department"\n  }';
  const tagSession = (text: string) => summary(text).filter((f) => f.startsWith('principal-tag-map-without-tag-session'));

  test('principal-tag-map-without-tag-session: a custom map, or the defaults (use_defaults not written is true), and a trust without sts:TagSession', () => {
    assert.deepEqual(tagSession(module('"sts:AssumeRoleWithWebIdentity"', CUSTOM)), ['principal-tag-map-without-tag-session: "sts:AssumeRoleWithWebIdentity"']);
    const finding = analyzeTf(module('"sts:AssumeRoleWithWebIdentity"', CUSTOM)).findings.find((f) => f.ruleId === 'principal-tag-map-without-tag-session')!;
    assert.match(
      finding.message,
      /passes the principal tags "department" for "cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_AbCdEfGhI" \(aws_cognito_identity_pool_provider_principal_tag\.tags\)/,
    );
    const text = module('"sts:AssumeRoleWithWebIdentity"', CUSTOM);
    assert.deepEqual(
      finding.related?.map((r) => text.slice(r.range.start, r.range.end)),
      ['"tags"', 'aws_iam_role.authenticated.arn'],
    );
    const defaults = module('"sts:AssumeRoleWithWebIdentity"', '');
    assert.match(
      analyzeTf(defaults).findings.find((f) => f.ruleId === 'principal-tag-map-without-tag-session')?.message ?? '',
      /passes its default principal tags/,
    );
  });

  test('silent: the trust allows sts:TagSession; use_defaults = false without a map; a custom map with use_defaults not written (which one applies is not documented)', () => {
    assert.deepEqual(tagSession(module('["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]', CUSTOM)), []);
    assert.deepEqual(tagSession(module('"sts:AssumeRoleWithWebIdentity"', '  use_defaults = false')), []);
    assert.deepEqual(tagSession(module('"sts:AssumeRoleWithWebIdentity"', CUSTOM.replace('  use_defaults = false\n', ''))), []);
    // A computed map or provider is left open.
    assert.deepEqual(tagSession(module('"sts:AssumeRoleWithWebIdentity"', '  use_defaults = false\n  principal_tags = var.tags')), []);
  });
});

describe('templatefile() and file(): a template file of the module is the policy of the attribute that names it', () => {
  const MAIN = `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = templatefile("\${path.module}/guest-trust.json.tpl", { pool_id = aws_cognito_identity_pool.main.id })
}

resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = file("guest.json.tpl")
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
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
  const GUEST = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/public/*"}]}
`;
  const MODULE = [
    { id: '/m/main.tf', text: MAIN },
    { id: '/m/guest-trust.json.tpl', text: TRUST, template: true },
    { id: '/m/guest.json.tpl', text: GUEST, template: true },
  ];
  /** "ruleId: covered text" of one file of the module, analysed with the others. */
  const inModule = (id: string, module = MODULE) => {
    const file = module.find((f) => f.id === id)!;
    return analyzeDocument({ text: file.text, id, fileName: id }, catalog, {
      hclParser: parser,
      terraformModule: module.filter((f) => f.id !== id),
    }).findings.map((f) => `${f.ruleId}: ${file.text.slice(f.range.start, f.range.end)}`);
  };

  test("the role rules apply to a template's policy, reported in the template file; the .tf file's pool sees the guest role's grants", () => {
    assert.deepEqual(inModule('/m/guest-trust.json.tpl'), ['role-kind-mismatch: "authenticated"']);
    assert.deepEqual(inModule('/m/guest.json.tpl'), ['guest-broad-access: "s3:PutObject"', 'guest-outside-scope-down: "s3:PutObject"']);
    const pool = analyzeDocument({ text: MAIN, id: '/m/main.tf', fileName: '/m/main.tf' }, catalog, { hclParser: parser, terraformModule: MODULE.slice(1) });
    assert.match(
      pool.findings.find((f) => f.ruleId === 'guest-access-enabled')?.message ?? '',
      /Guests get role "aws_iam_role\.guest": s3:PutObject on arn:aws:s3:::photos\/public\/\*\./,
    );
  });

  test('silent: a template file alone (no module), or one the module does not name (another folder), gets no role rules', () => {
    assert.deepEqual(summary(GUEST, '/m/guest.json.tpl'), []);
    const elsewhere = MODULE.map((f) =>
      f.id === '/m/main.tf' ? { ...f, text: MAIN.replace('file("guest.json.tpl")', 'file("policies/guest.json.tpl")') } : f,
    );
    assert.deepEqual(inModule('/m/guest.json.tpl', elsewhere), []);
    assert.deepEqual(inModule('/m/guest-trust.json.tpl', elsewhere), ['role-kind-mismatch: "authenticated"']);
  });
});

describe('the roles of a module: the .tf files of one folder', () => {
  const ROLES_TF = `resource "aws_iam_role" "guest" {
  name = "guest"
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

resource "aws_iam_role_policy" "uploads" {
  role   = aws_iam_role.guest.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::photos/public/*" }] })
}
`;
  const POOL_TF = `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}
`;
  const inModule = (text: string, id: string, module: { id: string; text: string }[]) =>
    analyzeDocument({ text, id, fileName: id }, catalog, { hclParser: parser, terraformModule: module });
  const module = [
    { id: '/m/roles.tf', text: ROLES_TF },
    { id: '/m/pool.tf', text: POOL_TF },
  ];

  test('a role in one file, its attachment in another: each file gets its own findings, related to the other file', () => {
    const roles = inModule(ROLES_TF, '/m/roles.tf', module);
    assert.deepEqual(
      roles.findings.map((f) => `${f.ruleId}: ${ROLES_TF.slice(f.range.start, f.range.end)}`),
      ['role-kind-mismatch: "authenticated"', 'guest-broad-access: "s3:PutObject"', 'guest-outside-scope-down: "s3:PutObject"'],
    );
    const related = roles.findings[0].related![0];
    assert.equal(related.document, '/m/pool.tf');
    assert.equal(POOL_TF.slice(related.range.start, related.range.end), 'aws_iam_role.guest.arn');
    const pool = inModule(POOL_TF, '/m/pool.tf', module);
    assert.deepEqual(
      pool.findings.map((f) => `${f.ruleId}: ${POOL_TF.slice(f.range.start, f.range.end)}`),
      ['guest-access-enabled: true'],
    );
  });

  test('without the module, each file alone: no role rules across them', () => {
    assert.deepEqual(summary(ROLES_TF, '/m/roles.tf'), []);
    assert.deepEqual(summary(POOL_TF, '/m/pool.tf'), ['guest-access-enabled: true']);
  });
});

describe('editing features', () => {
  /** Completion at the `|` of a .tf text: the labels offered and the entries. */
  const completeAt = (marked: string, triggerCharacter?: string) => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    const analysis = analyzeTf(text);
    const policy = analysis.policies.find((p) => p.range.start <= offset && offset <= p.range.end);
    assert.ok(policy, 'the cursor is in a policy');
    const entries = complete(policy.document, offset, catalog, { syntax: analysis.syntax, triggerCharacter });
    return { text, offset, entries, labels: entries.map((e) => e.label) };
  };
  const jsonencoded = (action: string, resource: string) => `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "${action}", Resource = "${resource}" }]
  })
}
`;

  test("completion: actions inside a jsonencode string and inside a policy document's list, replacing the string's text", () => {
    const inJsonencode = completeAt(jsonencoded('s3:GetObj|', 'arn:aws:s3:::b/*'));
    assert.ok(inJsonencode.labels.includes('s3:GetObject'), inJsonencode.labels.slice(0, 5).join());
    const item = inJsonencode.entries.find((e) => e.label === 's3:GetObject')!;
    assert.equal(inJsonencode.text.slice(item.replace.start, item.replace.end), 's3:GetObj');
    const inDocument = completeAt(`data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObj|"]
    resources = ["arn:aws:s3:::b/*"]
  }
}
`);
    assert.ok(inDocument.labels.includes('s3:GetObject'));
  });

  test("completion: ARN templates are written with Terraform's escape $${...}", () => {
    const arns = completeAt(jsonencoded('s3:GetObject', 'arn:|'));
    const perIdentity = arns.entries.find((e) => e.label.includes('cognito-identity.amazonaws.com:sub'));
    assert.ok(perIdentity, arns.labels.join());
    assert.ok(perIdentity.insertText.includes('\\$\\${cognito-identity.amazonaws.com:sub'), perIdentity.insertText);
    // Control: in a JSON policy file the same template writes the variable as IAM does.
    assert.ok(!perIdentity.insertText.includes('/\\${cognito'), perIdentity.insertText);
    // Its label and the identity ID's text show the variable as it is inserted.
    assert.equal(perIdentity.label, 'arn:aws:s3:::BUCKET/$${cognito-identity.amazonaws.com:sub}/*');
    assert.ok(perIdentity.documentation?.includes('As `$${cognito-identity.amazonaws.com:sub}` it scopes'), perIdentity.documentation);
    const json = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:"}]}`;
    const inJson = complete(analyzeTf(json, 'policy.json').policies[0].document, json.indexOf('arn:') + 4, catalog, { syntax: 'json' });
    const jsonItem = inJson.find((e) => e.label.includes('cognito-identity.amazonaws.com:sub'));
    assert.equal(jsonItem?.label, 'arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*');
    assert.ok(jsonItem?.documentation?.includes('As `${cognito-identity.amazonaws.com:sub}` it scopes'), jsonItem?.documentation);
  });

  test('completion: nothing inside a Terraform interpolation, after a bare ${, or for a { that opens no variable', () => {
    assert.deepEqual(completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::${var.buck|}/*')).labels, []);
    assert.deepEqual(completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::b/${|}')).labels, []);
    assert.deepEqual(completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::b/$${cog|'), '{').labels, []);
    assert.deepEqual(completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::b/{|'), '{').labels, []);
  });

  /** The labels JSON gets at the same place of the same policy (a policy file). */
  const jsonLabels = (marked: string) => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    return complete(analyzeTf(text, 'policy.json').policies[0].document, offset, catalog, { syntax: 'json' }).map((e) => e.label);
  };
  const HEREDOC_POLICY = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

  test('completion: element names in heredoc JSON and .tpl files are JSON keys, the same items JSON gets there', () => {
    const statement = '{"Effect": "Allow", "|"}';
    const inHeredoc = completeAt(`resource "aws_iam_policy" "p" {\n  policy = <<EOF\n${HEREDOC_POLICY(statement)}\nEOF\n}\n`);
    assert.deepEqual(inHeredoc.labels, jsonLabels(HEREDOC_POLICY(statement)));
    assert.ok(inHeredoc.labels.includes('Action'), inHeredoc.labels.join());
    const action = inHeredoc.entries.find((e) => e.label === 'Action')!;
    assert.equal(action.insertText, '"Action": [\n\t"$1"\n]');
    const offset = HEREDOC_POLICY(statement).indexOf('|');
    const tplText = HEREDOC_POLICY(statement).replace('|', '');
    const tplAnalysis = analyzeTf(tplText, 'policy.json.tpl');
    const inTpl = complete(tplAnalysis.policies[0].document, offset, catalog, { syntax: tplAnalysis.syntax }).map((e) => e.label);
    assert.deepEqual(inTpl, jsonLabels(HEREDOC_POLICY(statement)));
  });

  test('completion: a jsonencode key is completed as the name alone, replacing the key as written (bare or quoted)', () => {
    const bare = completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::b/*').replace('Effect =', 'Eff|ect ='));
    assert.deepEqual(bare.labels, ['Sid', 'Effect', 'Condition']);
    const effect = bare.entries.find((e) => e.label === 'Effect')!;
    assert.equal(effect.insertText, 'Effect');
    assert.equal(bare.text.slice(effect.replace.start, effect.replace.end), 'Effect');
    const quoted = completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::b/*').replace('Effect =', '"Eff|ect" ='));
    assert.equal(quoted.entries.find((e) => e.label === 'Effect')?.insertText, 'Effect');
  });

  const documentWith = (body: string) => `data "aws_iam_policy_document" "d" {\n  statement {\n${body}\n  }\n}\n`;
  const TRUST_BODY = (test: string, variable: string, type = 'Federated') => `    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "${type}"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "${test}"
      variable = "${variable}"
      values   = ["authenticated"]
    }`;

  test("completion: a policy document's effect, condition test and variable and principal type, as CloudFormation gets them", () => {
    const effect = completeAt(documentWith('    effect = "|"\n    actions = ["s3:GetObject"]\n    resources = ["*"]'));
    assert.deepEqual(effect.labels, ['Allow', 'Deny']);
    const test = completeAt(documentWith(TRUST_BODY('ForAnyValue:String|', 'cognito-identity.amazonaws.com:amr')));
    assert.ok(test.labels.includes('ForAnyValue:StringLike'), test.labels.slice(0, 5).join());
    assert.equal(test.entries.find((e) => e.label === 'StringEquals')?.insertText, 'StringEquals');
    assert.equal(test.text.slice(test.entries[0].replace.start, test.entries[0].replace.end), 'ForAnyValue:String');
    const variable = completeAt(documentWith(TRUST_BODY('StringEquals', 'cognito-identity.amazonaws.com:a|')));
    assert.deepEqual(variable.labels.slice(0, 2), ['cognito-identity.amazonaws.com:aud', 'cognito-identity.amazonaws.com:amr']);
    assert.equal(variable.entries[0].insertText, 'cognito-identity.amazonaws.com:aud');
    const type = completeAt(documentWith(TRUST_BODY('StringEquals', 'cognito-identity.amazonaws.com:aud', 'Fed|')));
    assert.ok(type.labels.includes('Federated'), type.labels.join());
    assert.equal(type.entries.find((e) => e.label === 'Federated')?.insertText, 'Federated');
  });

  test('completion: IAM variables after $${ in jsonencode and heredocs and after &{ in a policy document, in Resource and condition values', () => {
    const sub = 'cognito-identity.amazonaws.com:sub';
    const inJsonencode = completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::b/$${cog|'));
    assert.equal(inJsonencode.labels[0], sub);
    assert.equal(inJsonencode.text.slice(inJsonencode.entries[0].replace.start, inJsonencode.entries[0].replace.end), 'cog');
    assert.equal(inJsonencode.entries[0].insertText, `${sub}\\}`);
    const triggered = completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::b/$${|'), '{');
    assert.equal(triggered.labels[0], sub);
    const inHeredoc = completeAt(
      `resource "aws_iam_policy" "p" {\n  policy = <<EOF\n${HEREDOC_POLICY('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/$${aws:user|}/*"}')}\nEOF\n}\n`,
    );
    assert.ok(inHeredoc.labels.includes('aws:username'), inHeredoc.labels.join());
    assert.equal(inHeredoc.entries.find((e) => e.label === 'aws:username')?.insertText, 'aws:username');
    const inDocument = completeAt(documentWith('    actions = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/&{|"]'), '{');
    assert.equal(inDocument.labels[0], sub);
    const inValues = completeAt(documentWith(TRUST_BODY('StringEquals', 'aws:userid').replace('["authenticated"]', '["&{aws:user|}"]')));
    assert.ok(inValues.labels.includes('aws:username'), inValues.labels.join());
    // Silent: not in an action, not after a lone `{` or Terraform's own `${`, and `&{` is no variable outside a policy document.
    assert.deepEqual(completeAt(jsonencoded('s3:Get$${|', 'arn:aws:s3:::b/*'), '{').labels, []);
    assert.deepEqual(completeAt(jsonencoded('s3:GetObject', 'arn:aws:s3:::b/&{|'), '{').labels, []);
  });

  test('semantic tokens: an IAM variable written $${...} or &{...} is a policy variable; a Terraform interpolation is none', () => {
    const text = `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::\${var.b}/$\${aws:username}/*" }] })
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::\${var.b}/&{aws:userid}/*"]
  }
}
`;
    const analysis = analyzeTf(text);
    const tokens = semanticTokens({ text, policies: analysis.policies }).map((t) => `${t.type} ${text.slice(t.start, t.end)}`);
    assert.deepEqual(tokens, ['policyVariable aws:username', 'policyVariable aws:userid']);
  });

  test('hover on an interpolated value says Terraform fills it in', () => {
    const text = `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = var.arns }] })
}
`;
    const analysis = analyzeTf(text);
    const offset = text.indexOf('var.arns') + 2;
    const result = hover(analysis.policies[0].document, offset, catalog);
    assert.match(result?.contents ?? '', /Terraform fills this value in/);
    assert.match(result?.contents ?? '', /`var.arns`/);
    // Control: a literal action's hover is the action's documentation.
    const action = hover(analysis.policies[0].document, text.indexOf('s3:GetObject') + 4, catalog);
    assert.match(action?.contents ?? '', /GetObject/);
    assert.doesNotMatch(action?.contents ?? '', /Terraform/);
  });
});

describe('messages write an IAM variable as the file does: $${...} in heredocs, jsonencode and .tpl, &{...} in policy documents', () => {
  /** The messages of the findings of one rule. */
  const messages = (text: string, ruleId: string, fileName = 'main.tf') =>
    analyzeTf(text, fileName)
      .findings.filter((f) => f.ruleId === ruleId)
      .map((f) => f.message);
  const policy = (resource: string, version = '"Version": "2012-10-17", ') =>
    `{${version}"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/${resource}/*"}]}`;
  const inHeredoc = (json: string) => `resource "aws_iam_policy" "p" {\n  policy = <<-EOF\n${json}\n  EOF\n}\n`;
  const inJsonencode = (resource: string) =>
    `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::photos/${resource}/*" }] })\n}\n`;
  const inDocument = (resource: string) =>
    `data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::photos/${resource}/*"]\n  }\n}\n`;
  const missingDollar = (written: string) =>
    `"{aws:username}" is missing its "$": write "${written}{aws:username}". Without it the text is literal and never matches.`;

  test('variable-missing-dollar: the variable to write, in each form; JSON unchanged', () => {
    assert.deepEqual(messages(policy('{aws:username}'), 'variable-missing-dollar', 'policy.json'), [missingDollar('$')]);
    assert.deepEqual(messages(inHeredoc(policy('{aws:username}')), 'variable-missing-dollar'), [missingDollar('$$')]);
    assert.deepEqual(messages(inJsonencode('{aws:username}'), 'variable-missing-dollar'), [missingDollar('$$')]);
    assert.deepEqual(messages(inDocument('{aws:username}'), 'variable-missing-dollar'), [missingDollar('&')]);
    assert.deepEqual(messages(policy('{aws:username}'), 'variable-missing-dollar', 'policy.json.tpl'), [missingDollar('$$')]);
  });

  test('unknown-variable: the variable cited and the one advised, in each form; JSON unchanged', () => {
    const unknown = (n: string) =>
      `"${n}{aws:usrname}" names no known condition key, so it never resolves (IAM catalog ${catalog.dataDate}). For the identity ID use ${n}{cognito-identity.amazonaws.com:sub}.`;
    assert.deepEqual(messages(policy('${aws:usrname}'), 'unknown-variable', 'policy.json'), [unknown('$')]);
    assert.deepEqual(messages(inHeredoc(policy('$${aws:usrname}')), 'unknown-variable'), [unknown('$$')]);
    assert.deepEqual(messages(inJsonencode('$${aws:usrname}'), 'unknown-variable'), [unknown('$$')]);
    assert.deepEqual(messages(inDocument('&{aws:usrname}'), 'unknown-variable'), [unknown('&')]);
    // `$${` in a policy document is the same IAM variable; the message keeps the document's `&{`.
    assert.deepEqual(messages(inDocument('$${aws:usrname}'), 'unknown-variable'), [unknown('&')]);
    assert.deepEqual(messages(policy('$${aws:usrname}'), 'unknown-variable', 'policy.tftpl'), [unknown('$$')]);
  });

  test('variable-syntax: the variable cited and the advice, in a .tpl and a heredoc; JSON unchanged', () => {
    const spaces = (n: string) => `The policy variable "${n}{aws:username }" contains spaces: write ${n}{aws:username}.`;
    assert.deepEqual(messages(policy('${aws:username }'), 'variable-syntax', 'policy.json'), [spaces('$')]);
    assert.deepEqual(messages(policy('$${aws:username }'), 'variable-syntax', 'policy.json.tpl'), [spaces('$$')]);
    assert.deepEqual(messages(inHeredoc(policy('$${aws:username }')), 'variable-syntax'), [spaces('$$')]);
    assert.deepEqual(messages(inDocument('&{aws:username }'), 'variable-syntax'), [spaces('&')]);
  });

  test('arn-region-not-allowed and arn-account-not-allowed: the ARN to write, in each form; JSON unchanged; silent on the fixed ARN', () => {
    const arn = (v: string, region = 'us-east-1', account = '123456789012') => `arn:aws:s3:${region}:${account}:photos/${v}{aws:userid}/*`;
    const withArn = (resource: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${resource}"}]}`;
    const region = (n: string) => `Amazon S3 ARNs of this type have no Region: write "${arn(n, '')}" (the Region part is empty).`;
    const account = (n: string) => `Amazon S3 ARNs of this type have no account ID: write "${arn(n, 'us-east-1', '')}" (the account part is empty).`;
    const both = (text: string, fileName = 'main.tf') => [
      ...messages(text, 'arn-region-not-allowed', fileName),
      ...messages(text, 'arn-account-not-allowed', fileName),
    ];
    assert.deepEqual(both(withArn(arn('$')), 'policy.json'), [region('$'), account('$')]);
    assert.deepEqual(both(inHeredoc(withArn(arn('$$')))), [region('$$'), account('$$')]);
    const documented = `data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["${arn('&')}"]\n  }\n}\n`;
    assert.deepEqual(both(documented), [region('&'), account('&')]);
    assert.deepEqual(both(inHeredoc(withArn(arn('$$', '', '')))), []);
    assert.deepEqual(both(documented.replace(arn('&'), arn('&', '', ''))), []);
  });

  test("guest-access-enabled: the guest role's resources as its policy writes them", () => {
    const pool = `resource "aws_cognito_identity_pool" "p" {\n  identity_pool_name = "p"\n  allow_unauthenticated_identities = true\n}\n`;
    const guest = (policy: string) =>
      `${pool}resource "aws_iam_role" "guest" {\n  name = "guest"\n}\n${policy}resource "aws_cognito_identity_pool_roles_attachment" "a" {\n  identity_pool_id = aws_cognito_identity_pool.p.id\n  roles = {\n    unauthenticated = aws_iam_role.guest.arn\n  }\n}\n`;
    const heredoc = `resource "aws_iam_role_policy" "g" {\n  role = aws_iam_role.guest.id\n  policy = <<-EOF\n${policy('$${cognito-identity.amazonaws.com:sub}')}\n  EOF\n}\n`;
    const documented = `data "aws_iam_policy_document" "g" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::photos/&{cognito-identity.amazonaws.com:sub}/*"]\n  }\n}\nresource "aws_iam_role_policy" "g" {\n  role = aws_iam_role.guest.id\n  policy = data.aws_iam_policy_document.g.json\n}\n`;
    const grants = (n: string) =>
      `Guest access is on for identity pool "aws_cognito_identity_pool.p": anyone who knows the pool ID (it is not a secret) can get guest credentials. Guests get role "aws_iam_role.guest": s3:GetObject on arn:aws:s3:::photos/${n}{cognito-identity.amazonaws.com:sub}/*. Grant guests only what you would grant anyone on the internet (https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html).`;
    assert.deepEqual(messages(guest(heredoc), 'guest-access-enabled'), [grants('$$')]);
    assert.deepEqual(messages(guest(documented), 'guest-access-enabled'), [grants('&')]);
  });

  test('variable-in-old-version: the variable cited, in a .tpl and a heredoc; JSON unchanged', () => {
    const literal = (n: string) => `"${n}{aws:userid}" is literal text because the policy has no Version: set "Version": "2012-10-17".`;
    assert.deepEqual(messages(policy('${aws:userid}', ''), 'variable-in-old-version', 'policy.json'), [literal('$')]);
    assert.deepEqual(messages(policy('$${aws:userid}', ''), 'variable-in-old-version', 'policy.json.tpl'), [literal('$$')]);
    assert.deepEqual(messages(inHeredoc(policy('$${aws:userid}', '')), 'variable-in-old-version'), [literal('$$')]);
  });

  test('variable-never-set: the variable cited and the identity ID advised; JSON unchanged', () => {
    const both = (n: string) => `${n}{cognito-identity.amazonaws.com:sub}/${n}{aws:username}`;
    const neverSet = (n: string) =>
      `"${n}{aws:username}" is never set for identity-pool users (it exists only for IAM users, never for role sessions such as identity-pool credentials), so this resource matches nothing for them. To scope per identity, use "${n}{cognito-identity.amazonaws.com:sub}": "${n}{cognito-identity.amazonaws.com:sub}" is the identity ID ("<region>:<guid>"), not the user pool's "sub".`;
    assert.deepEqual(messages(policy(both('$')), 'variable-never-set', 'policy.json'), [neverSet('$')]);
    assert.deepEqual(messages(inHeredoc(policy(both('$$'))), 'variable-never-set'), [neverSet('$$')]);
    assert.deepEqual(messages(inJsonencode(both('$$')), 'variable-never-set'), [neverSet('$$')]);
    assert.deepEqual(messages(inDocument(both('&')), 'variable-never-set'), [neverSet('&')]);
  });

  test('shared-identity-data: the scoping advised in a policy document; JSON unchanged', () => {
    const shared = (n: string) =>
      `"dynamodb:GetItem" on "arn:aws:dynamodb:us-east-1:123456789012:table/t" is not scoped per identity: every identity of the pool can reach every other identity's DynamoDB items. Scope it with "${n}{cognito-identity.amazonaws.com:sub}" with "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${n}{cognito-identity.amazonaws.com:sub}"]}, or ignore this if the data is shared by design.`;
    const json = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/\${cognito-identity.amazonaws.com:sub}/*"},
  {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/t"}]}`;
    const document = `data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::photos/&{cognito-identity.amazonaws.com:sub}/*"]
  }
  statement {
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:dynamodb:us-east-1:123456789012:table/t"]
  }
}
`;
    assert.deepEqual(messages(json, 'shared-identity-data', 'policy.json'), [shared('$')]);
    assert.deepEqual(messages(document, 'shared-identity-data'), [shared('&')]);
    assert.deepEqual(messages(inHeredoc(json.split('${').join('$${')), 'shared-identity-data'), [shared('$$')]);
  });

  test('hover on a variable, an escape and an element writes variables as the file does; JSON unchanged', () => {
    /** The hover's first line at the first occurrence of `at` (plus `shift`) in the file's first policy. */
    const hoverAt = (text: string, at: string, fileName = 'main.tf', shift = 1) => {
      const analysis = analyzeTf(text, fileName);
      return hover(analysis.policies[0].document, text.indexOf(at) + shift, catalog)?.contents ?? '';
    };
    const header = (n: string) => `**${n}{aws:userid}**: policy variable, replaced by the request's value of \`aws:userid\`.`;
    const absent = (n: string) => `When the key is absent, the statement does not match (add a default: \`${n}{key, 'default'}\`).`;
    for (const [text, fileName, n] of [
      [policy('${aws:userid}'), 'policy.json', '$'],
      [inHeredoc(policy('$${aws:userid}')), 'main.tf', '$$'],
      [inJsonencode('$${aws:userid}'), 'main.tf', '$$'],
      [inDocument('&{aws:userid}'), 'main.tf', '&'],
      [policy('$${aws:userid}'), 'policy.json.tpl', '$$'],
    ]) {
      const contents = hoverAt(text, 'aws:userid', fileName);
      assert.equal(contents.split('\n\n')[0], header(n), `${fileName}: ${contents}`);
      assert.ok(contents.includes(absent(n)), `${fileName}: ${contents}`);
    }
    // The identity ID's own text, and an escape.
    const sub = hoverAt(inDocument('&{cognito-identity.amazonaws.com:sub}'), 'cognito-identity.amazonaws.com:sub');
    assert.ok(sub.includes('As `&{cognito-identity.amazonaws.com:sub}` it scopes data per identity'), sub);
    assert.ok(!sub.includes('${'), sub);
    assert.equal(hoverAt(inHeredoc(policy('$${*}')), '{*}'), '`$${*}` is a literal `*` (not a wildcard).');
    assert.equal(hoverAt(policy('${*}'), '{*}', 'policy.json'), '`${*}` is a literal `*` (not a wildcard).');
    // The Resource element's example of per-identity data.
    const resource = (text: string, fileName = 'main.tf') => hoverAt(text, '"Resource"', fileName, 2);
    assert.ok(resource(policy('x'), 'policy.json').includes('`arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*`'));
    assert.ok(resource(inHeredoc(policy('x'))).includes('`arn:aws:s3:::BUCKET/$${cognito-identity.amazonaws.com:sub}/*`'));
    const document = `data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::photos/x/*"]
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:sub"
      values   = ["a"]
    }
  }
}
`;
    assert.ok(hoverAt(document, 'resources').includes('`arn:aws:s3:::BUCKET/&{cognito-identity.amazonaws.com:sub}/*`'));
    // A condition key's hover: the identity ID's text in the document's notation.
    assert.ok(hoverAt(document, 'cognito-identity.amazonaws.com:sub').includes('As `&{cognito-identity.amazonaws.com:sub}` it scopes'));
  });

  test('cognito-variables-without-cognito-trust: the variable cited, as the permission policy writes it', () => {
    const text = (policy: string) => `resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.worker.id
  policy = ${policy}
}
`;
    const message = (n: string) =>
      `Role "aws_iam_role.worker" is assumed by "ec2.amazonaws.com", not by an identity pool: its trust policy does not trust "cognito-identity.amazonaws.com", so for its sessions "${n}{cognito-identity.amazonaws.com:sub}" never resolves and this statement does not match as intended. Trust the identity pool ("Federated": "cognito-identity.amazonaws.com" with "sts:AssumeRoleWithWebIdentity") or use keys that the role's sessions carry.`;
    const jsonencoded = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::photos/$\${cognito-identity.amazonaws.com:sub}/*" }] })`;
    assert.deepEqual(messages(text(jsonencoded), 'cognito-variables-without-cognito-trust'), [message('$$')]);
    const documented = `data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::photos/&{cognito-identity.amazonaws.com:sub}/*"]\n  }\n}\n`;
    assert.deepEqual(messages(text('data.aws_iam_policy_document.p.json') + documented, 'cognito-variables-without-cognito-trust'), [message('&')]);
  });
});
