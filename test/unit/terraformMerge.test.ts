/**
 * `source_policy_documents` / `override_policy_documents` of `aws_iam_policy_document`, merged as the AWS provider
 * merges them (core/sources/terraform/mergedDocuments.ts): the source statements added, a statement with the same
 * non-empty Sid replaced by the document's own, then by the override documents' in order. Merged only when every
 * listed document is a policy document of the same file; otherwise the list stays an open statement, silent.
 * Findings point at the statements' own tokens, once each.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeDocument, type HclParser } from '../../server/src/core';
import { catalog, hclParser } from './helpers';

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

/** A guest role of a pool that lets guests in, whose inline policy is `data.aws_iam_policy_document.guest`. */
const GUEST_ROLE = `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}

data "aws_iam_policy_document" "guest_trust" {
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
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["unauthenticated"]
    }
  }
}

resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = data.aws_iam_policy_document.guest_trust.json
}

resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = data.aws_iam_policy_document.guest.json
}
`;

const statement = (sid: string, action: string) => `  statement {
${sid ? `    sid       = "${sid}"\n` : ''}    actions   = ["${action}"]
    resources = ["${action.startsWith('s3:') ? 'arn:aws:s3:::photos/public/*' : '*'}"]
  }`;
const document = (name: string, body: string) => `data "aws_iam_policy_document" "${name}" {\n${body}\n}\n`;

/** The findings of /m/main.tf (its pool's `guest-access-enabled` aside): rule, covered text, offset. */
function summary(text: string, module?: { id: string; text: string }[]) {
  const result = analyzeDocument({ text, id: '/m/main.tf', fileName: '/m/main.tf' }, catalog, {
    hclParser: parser,
    ...(module && { terraformModule: module }),
  });
  return result.findings
    .filter((f) => f.ruleId !== 'guest-access-enabled')
    .map((f) => ({ rule: f.ruleId, text: text.slice(f.range.start, f.range.end), at: f.range.start }));
}

describe('source_policy_documents and override_policy_documents', () => {
  test("a source document's statements are the role's: the guest rules fire on the source's own token", () => {
    const text =
      GUEST_ROLE +
      document('uploads', statement('Upload', 's3:PutObject')) +
      document('guest', `  source_policy_documents = [data.aws_iam_policy_document.uploads.json]\n${statement('Read', 'polly:SynthesizeSpeech')}`);
    const put = text.indexOf('"s3:PutObject"');
    assert.deepEqual(summary(text), [
      { rule: 'guest-broad-access', text: '"s3:PutObject"', at: put },
      { rule: 'guest-outside-scope-down', text: '"s3:PutObject"', at: put },
    ]);
    const message = analyzeDocument({ text, id: '/m/main.tf', fileName: '/m/main.tf' }, catalog, { hclParser: parser }).findings.find(
      (f) => f.ruleId === 'guest-broad-access',
    )!.message;
    assert.equal(
      message,
      '"s3:PutObject" gives guests Write access. Anyone can get guest credentials (the identity pool ID is not a secret): grant guests only what you would grant anyone on the internet.',
    );
  });

  test("the document's own statement with the same Sid replaces the source's: silent", () => {
    const text =
      GUEST_ROLE +
      document('uploads', statement('Upload', 's3:PutObject')) +
      document('guest', `  source_policy_documents = [data.aws_iam_policy_document.uploads.json]\n${statement('Upload', 'polly:SynthesizeSpeech')}`);
    assert.deepEqual(summary(text), []);
    // Control: another Sid keeps the source's statement, and its findings.
    const kept = text.replace(
      'sid       = "Upload"\n    actions   = ["polly:SynthesizeSpeech"]',
      'sid       = "Read"\n    actions   = ["polly:SynthesizeSpeech"]',
    );
    assert.deepEqual(
      summary(kept).map((f) => f.rule),
      ['guest-broad-access', 'guest-outside-scope-down'],
    );
    // A statement without a Sid replaces nothing.
    const noSid = text.replace('sid       = "Upload"\n    actions   = ["polly:SynthesizeSpeech"]', 'actions   = ["polly:SynthesizeSpeech"]');
    assert.deepEqual(
      summary(noSid).map((f) => f.rule),
      ['guest-broad-access', 'guest-outside-scope-down'],
    );
  });

  test('an override document replaces the statement with its Sid last, in the order listed', () => {
    const text =
      GUEST_ROLE +
      document('read', statement('Objects', 'polly:SynthesizeSpeech')) +
      document('write', statement('Objects', 's3:DeleteObject')) +
      document(
        'guest',
        `  override_policy_documents = [data.aws_iam_policy_document.read.json, data.aws_iam_policy_document.write.json]\n${statement('Objects', 's3:PutObject')}`,
      );
    const del = text.indexOf('"s3:DeleteObject"');
    assert.deepEqual(summary(text), [
      { rule: 'guest-broad-access', text: '"s3:DeleteObject"', at: del },
      { rule: 'guest-outside-scope-down', text: '"s3:DeleteObject"', at: del },
    ]);
    // The other order: the read document's statement wins, and nothing is written.
    const reversed = text.replace(
      '[data.aws_iam_policy_document.read.json, data.aws_iam_policy_document.write.json]',
      '[data.aws_iam_policy_document.write.json, data.aws_iam_policy_document.read.json]',
    );
    assert.deepEqual(summary(reversed), []);
  });

  test("a source document's own finding is reported once, though two policies hold its statement", () => {
    const text = document('base', statement('', 's3:GetObjectt')) + document('merged', '  source_policy_documents = [data.aws_iam_policy_document.base.json]');
    assert.deepEqual(summary(text), [{ rule: 'unknown-action', text: '"s3:GetObjectt"', at: text.indexOf('"s3:GetObjectt"') }]);
  });

  test('open, silent: a document of another file, a computed list, a source with a dynamic statement, two source statements with one Sid', () => {
    const guest = `  source_policy_documents = [data.aws_iam_policy_document.uploads.json]\n${statement('Read', 'polly:SynthesizeSpeech')}`;
    // Another file of the module.
    const other = document('uploads', statement('Upload', 's3:PutObject'));
    const main = GUEST_ROLE + document('guest', guest);
    const module = [
      { id: '/m/main.tf', text: main },
      { id: '/m/uploads.tf', text: other },
    ];
    assert.deepEqual(summary(main, module), []);
    // Control: the same document in the same file merges.
    assert.equal(summary(GUEST_ROLE + other + document('guest', guest)).length, 2);
    // A list Terraform computes.
    assert.deepEqual(summary(GUEST_ROLE + other + document('guest', guest.replace('[data.aws_iam_policy_document.uploads.json]', 'var.sources'))), []);
    // A source whose statements Terraform generates.
    const dynamic = other.replace(
      statement('Upload', 's3:PutObject'),
      `${statement('Upload', 's3:PutObject')}\n  dynamic "statement" {\n    for_each = var.extra\n    content {\n      actions = statement.value\n    }\n  }`,
    );
    assert.deepEqual(summary(GUEST_ROLE + dynamic + document('guest', guest)), []);
    // Two source statements with one Sid: Terraform rejects the document.
    const twice =
      GUEST_ROLE +
      other +
      document('more', statement('Upload', 's3:PutObject')).replace('"more"', '"more"') +
      document(
        'guest',
        guest.replace('[data.aws_iam_policy_document.uploads.json]', '[data.aws_iam_policy_document.uploads.json, data.aws_iam_policy_document.more.json]'),
      );
    assert.deepEqual(summary(twice), []);
  });
});
