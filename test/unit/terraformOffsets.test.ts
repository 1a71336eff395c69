/**
 * Offsets through Terraform's holes: the JSON of a heredoc is parsed with each `${...}` masked at its own length,
 * so every finding after a hole stays on its token. A JSON escape whose backslash stands right before a hole
 * (`"\${var.x}"`: the escaped character is the interpolation's first) must not shift what follows.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeDocument, type HclParser } from '../../server/src/core';
import { catalog, hclParser } from './helpers';

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

const policy = (resource: string) => `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "${resource}", "Action": "s3:GetObjekt"}]}
EOF
}
`;

/** "ruleId: covered text" for every finding. */
function summary(text: string): string[] {
  return analyzeDocument({ text, id: 'main.tf', fileName: 'main.tf' }, catalog, { hclParser: parser }).findings.map(
    (f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`,
  );
}

test('a finding after a hole is on its token, with or without a backslash right before the hole', () => {
  assert.deepEqual(summary(policy('arn:aws:s3:::b/${var.prefix}/*')), ['unknown-action: "s3:GetObjekt"']);
  assert.deepEqual(summary(policy('arn:aws:s3:::b/\\${var.prefix}/*')), ['unknown-action: "s3:GetObjekt"']);
  assert.deepEqual(summary(policy('arn:aws:s3:::b/x\\n${var.prefix}/*')), ['unknown-action: "s3:GetObjekt"']);
});
