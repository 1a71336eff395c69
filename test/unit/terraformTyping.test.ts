/**
 * Completion of a new HCL name while it is typed (core/sources/terraform/recovery.ts, features/completion.ts): a
 * name standing alone in an `aws_iam_policy_document` block (`eff` in a statement) or in a `jsonencode` object is
 * no HCL, so the parser makes the block an ERROR; its structure is recovered from the parse tree's tokens and the
 * names offered are those a JSON policy gets at the same place, as Terraform spells them. What is recovered is
 * never checked. Exact lists at exact positions.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeDocument, complete, type HclParser } from '../../server/src/core';
import { catalog, hclParser } from './helpers';

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

function analyzeTf(text: string, fileName = 'main.tf') {
  return analyzeDocument({ text, id: fileName, fileName }, catalog, { hclParser: parser });
}

/** Completion at the `|` of a .tf text. */
function completeAt(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const analysis = analyzeTf(text);
  const policy = analysis.policies.find((p) => p.range.start <= offset && offset <= p.range.end);
  const entries = policy ? complete(policy.document, offset, catalog, { syntax: analysis.syntax }) : [];
  const replaced = entries.map((e) => text.slice(e.replace.start, e.replace.end));
  return { text, entries, labels: entries.map((e) => e.label), replaced: [...new Set(replaced)], findings: analysis.findings };
}

/** The element names a JSON policy file gets at the `|` (a key being typed in quotes). */
function jsonLabels(marked: string): string[] {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const analysis = analyzeDocument({ text, fileName: 'policy.json' }, catalog);
  return complete(analysis.policies[0].document, offset, catalog, { syntax: 'json' }).map((e) => e.label);
}

/** IAM's element names as a policy document's attributes and blocks. */
const HCL_NAME: Readonly<Record<string, string>> = {
  Sid: 'sid',
  Effect: 'effect',
  Principal: 'principals',
  NotPrincipal: 'not_principals',
  Action: 'actions',
  NotAction: 'not_actions',
  Resource: 'resources',
  NotResource: 'not_resources',
  Condition: 'condition',
};

const documentWith = (statement: string) => `data "aws_iam_policy_document" "d" {\n  statement {\n${statement}\n  }\n}\n`;

describe('aws_iam_policy_document: a name being typed', () => {
  test('in a statement after its actions: the names JSON offers there, replacing what is typed', () => {
    const typed = completeAt(documentWith('    actions = ["s3:GetObject"]\n    eff|'));
    assert.deepEqual(typed.labels, ['sid', 'effect', 'resources', 'not_resources', 'condition']);
    const json = jsonLabels('{"Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "|"}]}');
    assert.deepEqual(json, ['Sid', 'Effect', 'Resource', 'NotResource', 'Condition']);
    assert.deepEqual(
      typed.labels,
      json.map((l) => HCL_NAME[l]),
    );
    assert.deepEqual(typed.replaced, ['eff']);
    const effect = typed.entries.find((e) => e.label === 'effect')!;
    assert.equal(effect.insertText, 'effect = "${1|Allow,Deny|}"');
    assert.equal(effect.snippet, true);
    const resources = typed.entries.find((e) => e.label === 'resources')!;
    assert.equal(resources.insertText, 'resources = ["$1"]');
    assert.equal(resources.retrigger, true, 'the ARN templates open in the new list');
  });

  test('above an attribute (the parser reads the name as the start of that attribute): the same names', () => {
    const typed = completeAt(documentWith('    eff|\n    actions = ["s3:GetObject"]'));
    assert.deepEqual(typed.labels, ['sid', 'effect', 'resources', 'not_resources', 'condition']);
    assert.deepEqual(typed.replaced, ['eff']);
  });

  test('in an empty statement: every name; in a trust statement no resources, with the Cognito principal skeleton', () => {
    const empty = completeAt(documentWith('    act|'));
    assert.deepEqual(empty.labels, ['sid', 'effect', 'principals', 'actions', 'not_actions', 'resources', 'not_resources', 'condition']);
    assert.deepEqual(
      empty.labels,
      jsonLabels('{"Version": "2012-10-17", "Statement": [{"|"}]}').map((l) => HCL_NAME[l]),
    );
    const trust = completeAt(documentWith('    actions = ["sts:AssumeRoleWithWebIdentity"]\n    pri|'));
    assert.deepEqual(trust.labels, ['sid', 'effect', 'principals', 'condition']);
    assert.equal(
      trust.entries.find((e) => e.label === 'principals')?.insertText,
      'principals {\n\ttype        = "${1:Federated}"\n\tidentifiers = ["${2:cognito-identity.amazonaws.com}"]\n}',
    );
  });

  test('in a condition block: test, variable and values, but those written; in principals: type and identifiers', () => {
    const condition = completeAt(documentWith('    actions = ["sts:AssumeRoleWithWebIdentity"]\n    condition {\n      te|\n    }'));
    assert.deepEqual(condition.labels, ['test', 'variable', 'values']);
    assert.deepEqual(condition.replaced, ['te']);
    assert.equal(condition.entries[0].insertText, 'test = "$1"');
    assert.equal(condition.entries[0].retrigger, true, 'the operators open in the new string');
    const second = completeAt(documentWith('    condition {\n      test = "StringEquals"\n      va|\n    }'));
    assert.deepEqual(second.labels, ['variable', 'values']);
    const principals = completeAt(documentWith('    principals {\n      type = "Federated"\n      id|\n    }'));
    assert.deepEqual(principals.labels, ['identifiers']);
    assert.deepEqual(principals.replaced, ['id']);
  });

  test("in the data block: its attributes and the statement block, but a version written; after another file's block too", () => {
    const top = completeAt('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n\ndata "aws_iam_policy_document" "d" {\n  st|\n}\n');
    assert.deepEqual(top.labels, ['version', 'policy_id', 'statement', 'source_policy_documents', 'override_policy_documents']);
    assert.equal(top.entries.find((e) => e.label === 'statement')?.insertText, 'statement {\n\t$0\n}');
    const versioned = completeAt('data "aws_iam_policy_document" "d" {\n  version = "2012-10-17"\n  st|\n}\n');
    assert.deepEqual(versioned.labels, ['policy_id', 'statement', 'source_policy_documents', 'override_policy_documents']);
  });

  test('on a line of its own in a block that parses: the names too (Ctrl+Space, or after a statement snippet)', () => {
    const blank = completeAt(documentWith('    actions = ["sts:AssumeRoleWithWebIdentity"]\n    |'));
    assert.deepEqual(blank.labels, ['sid', 'effect', 'principals', 'condition']);
    assert.deepEqual(blank.replaced, ['']);
    // The data block's `}` not typed yet: the statement runs to the end of the text.
    const unclosed = completeAt('data "aws_iam_policy_document" "d" {\n    statement {\n        |\n    }\n');
    assert.deepEqual(unclosed.labels, ['sid', 'effect', 'principals', 'actions', 'not_actions', 'resources', 'not_resources', 'condition']);
    // Silent: after an attribute on its line (a name there is no HCL), and inside an attribute's value.
    assert.deepEqual(completeAt(documentWith('    actions = ["sts:AssumeRoleWithWebIdentity"] |')).labels, []);
    assert.deepEqual(completeAt(documentWith('    actions = [|"sts:AssumeRoleWithWebIdentity"]')).labels, []);
  });

  test('silent: a name typed right after another attribute on its line (HCL puts one item on a line)', () => {
    assert.deepEqual(completeAt(documentWith('    sid = "OwnAlbums"eff|')).labels, []);
    assert.deepEqual(completeAt(documentWith('    sid = "OwnAlbums" eff|')).labels, []);
    // The same name on a line of its own is offered.
    assert.ok(completeAt(documentWith('    sid = "OwnAlbums"\n    eff|')).labels.includes('effect'));
  });

  test('what is recovered is never checked: no finding while a name is typed; the same statement without it has one', () => {
    const typed = completeAt(documentWith('    actions   = ["s3:GetObjectt"]\n    resources = ["*"]\n    eff|'));
    assert.deepEqual(typed.findings, []);
    assert.ok(typed.labels.includes('effect'));
    const text = documentWith('    actions   = ["s3:GetObjectt"]\n    resources = ["*"]');
    assert.deepEqual(
      analyzeTf(text).findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`),
      ['unknown-action: "s3:GetObjectt"'],
    );
  });
});

describe('jsonencode: a key being typed', () => {
  const policy = (statement: string) =>
    `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n${statement}\n    }]\n  })\n}\n`;

  test('a statement key: the names JSON offers there, written `Name = value`', () => {
    const typed = completeAt(policy('      Action = "s3:GetObject"\n      Eff|'));
    assert.deepEqual(typed.labels, jsonLabels('{"Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "|"}]}'));
    assert.deepEqual(typed.labels, ['Sid', 'Effect', 'Resource', 'NotResource', 'Condition']);
    assert.deepEqual(typed.replaced, ['Eff']);
    assert.equal(typed.entries.find((e) => e.label === 'Effect')?.insertText, 'Effect = "${1|Allow,Deny|}"');
    assert.equal(typed.entries.find((e) => e.label === 'Condition')?.insertText, 'Condition = {\n\t$1\n}');
    assert.deepEqual(typed.findings, [], 'never checked');
  });

  test('an operator on a line of its own in Condition, quoted when it is no HCL name; a quoted condition key replaces its quotes', () => {
    const operators = completeAt(policy('      Action = "s3:GetObject"\n      Condition = {\n        |\n      }'));
    assert.equal(operators.entries.find((e) => e.label === 'StringEquals')?.insertText, 'StringEquals = {\n\t$1\n}');
    assert.equal(operators.entries.find((e) => e.label === 'ForAnyValue:StringLike')?.insertText, '"ForAnyValue:StringLike" = {\n\t$1\n}');
    const key = completeAt(
      policy('      Action = "s3:GetObject"\n      Condition = {\n        StringEquals = {\n          "aws:PrincipalTa|"\n        }\n      }'),
    );
    const tag = key.entries.find((e) => e.label === 'aws:PrincipalTag/${TagKey}');
    assert.ok(tag, key.labels.slice(0, 5).join());
    assert.equal(tag.insertText, '"aws:PrincipalTag/${1:TagKey}" = "$2"');
    assert.equal(key.text.slice(tag.replace.start, tag.replace.end), '"aws:PrincipalTa"');
  });

  test('silent: a new key right after another element on its line (HCL needs a line break or a comma there)', () => {
    const oneLine = (rest: string) =>
      `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Action = "s3:GetObject"${rest} }]\n  })\n}\n`;
    assert.deepEqual(completeAt(oneLine(' Eff|')).labels, []);
    assert.deepEqual(completeAt(oneLine(' |')).labels, []);
    // Control: after a comma the same key is completed.
    assert.deepEqual(completeAt(oneLine(', Eff|')).labels, ['Sid', 'Effect', 'Resource', 'NotResource', 'Condition']);
  });

  test('silent: a key that has its `=` is completed as the name alone; any other error leaves the policy unread', () => {
    const named = completeAt(policy('      Eff| = "Allow"\n      Action = "s3:GetObject"'));
    assert.equal(named.entries.find((e) => e.label === 'Effect')?.insertText, 'Effect');
    assert.deepEqual(completeAt(policy('      Action = "s3:GetObject"\n      Effect = |')).labels, []);
  });
});
