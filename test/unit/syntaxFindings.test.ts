/**
 * json-syntax: one finding per syntax mistake (no cascade from jsonc-parser's error recovery), its range on the
 * offending character, and none for what the host's editor reports itself (AnalyzeOptions.syntaxReportedByEditor).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeDocument, type SyntaxProblemKind } from '../../server/src/core';
import { parsePolicy } from '../../server/src/core/parse/parsePolicy';
import { catalog } from './helpers';

const HEAD = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    ';
const TAIL = '\n  ]\n}';
/** A one-statement policy around `statement`, as a user has it in the editor. */
const doc = (statement: string) => HEAD + statement + TAIL;

/** [kind, covered text, message] of every syntax problem. */
function problems(text: string): [SyntaxProblemKind | undefined, string, string][] {
  return parsePolicy(text).syntaxProblems.map((p) => [p.kind, text.slice(p.range.start, p.range.end), p.message]);
}

/** The start offset of every syntax problem. */
const starts = (text: string) => parsePolicy(text).syntaxProblems.map((p) => p.range.start);

describe('one syntax finding per mistake, on the offending character', () => {
  test('a trailing comma: on the comma itself, not on the bracket two lines below it', () => {
    const text = doc('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},');
    assert.deepEqual(problems(text), [['trailing-comma', ',', 'Trailing comma: IAM accepts strict JSON only. Remove this comma.']]);
    assert.deepEqual(starts(text), [text.indexOf('},') + 1]);
  });

  test('a trailing comma in an object, with a comment between it and the brace: the comma and the comment, each once', () => {
    const text = doc('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", // done\n    }');
    assert.deepEqual(
      problems(text).map(([kind, covered]) => [kind, covered]),
      [
        ['trailing-comma', ','],
        ['comment', '// done'],
      ],
    );
    assert.equal(starts(text)[0], text.indexOf('"*",') + 3);
  });

  test('a stray quote after a value: one finding on the stray quote, not the cascade after it', () => {
    const text = doc('{"Effect": "Allow", "Action": "s3:GetObject"", "Resource": "*"}');
    assert.deepEqual(problems(text), [
      ['error', '"', 'Stray double quote: text follows the closing quote of a string. Remove the stray quote, or add the missing comma.'],
    ]);
    assert.deepEqual(starts(text), [text.indexOf('""') + 1]);
  });

  test('a stray quote before a value: one finding on the quote that, removed, mends it', () => {
    const text = doc('{"Effect": "Allow", "Action": ""s3:GetObject", "Resource": "*"}');
    assert.deepEqual(
      problems(text).map(([kind, covered]) => [kind, covered]),
      [['error', '"']],
    );
    const at = starts(text)[0];
    assert.equal(at, text.indexOf('""') + 1);
    const mended = text.slice(0, at) + text.slice(at + 1);
    assert.deepEqual(problems(mended), []);
  });

  test('a stray quote before a key', () => {
    const text = doc('{""Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}');
    assert.deepEqual(
      problems(text).map(([kind, covered]) => [kind, covered]),
      [['error', '"']],
    );
    assert.equal(starts(text)[0], text.indexOf('""') + 1);
  });

  test('an unterminated string (a key being typed): one finding on its opening quote', () => {
    const text = doc('{"Eff\n    }');
    assert.deepEqual(problems(text), [
      ['error', '"', 'This string has no closing double quote on its line: add the closing quote, or remove a stray opening one.'],
    ]);
    assert.deepEqual(starts(text), [text.indexOf('"Eff')]);
  });

  test('a missing comma between two elements: one finding on the element after it', () => {
    const text = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';
    assert.deepEqual(problems(text), [['error', '"Statement"', 'A comma is expected before this.']]);
  });

  test('a missing colon between a key and its string value keeps the parser word: not a stray quote', () => {
    const text = doc('{"Effect""Allow", "Action": "s3:GetObject", "Resource": "*"}');
    assert.deepEqual(
      problems(text).map(([kind, covered, message]) => [kind, covered, message]),
      [['error', '"Allow"', 'A colon is expected after the property name.']],
    );
  });

  test('comments: one finding per run of adjacent comments; an unterminated one is one finding', () => {
    const text = '{\n  // one\n  // run\n  "Version": "2012-10-17", /* two */\n  "Statement": []\n}';
    assert.deepEqual(problems(text), [
      ['comment', '// one\n  // run', 'Comments are not allowed: IAM accepts strict JSON only. Remove the comment.'],
      ['comment', '/* two */', 'Comments are not allowed: IAM accepts strict JSON only. Remove the comment.'],
    ]);
    const open = '{"Version": "2012-10-17", /* x \n "Statement": []}';
    assert.deepEqual(
      problems(open).map(([kind, covered]) => [kind, covered]),
      [['comment', '/* x \n "Statement": []}']],
    );
  });

  test('silent on strict JSON', () => {
    assert.deepEqual(problems(doc('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}')), []);
  });
});

describe('syntaxReportedByEditor: what the editor reports is not reported again', () => {
  const COMMENTED_TRAILING = '{\n  // note\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]\n}';
  const run = (text: string, languageId: string, syntaxReportedByEditor?: readonly SyntaxProblemKind[]) =>
    analyzeDocument({ text, languageId }, catalog, { syntaxReportedByEditor })
      .findings.filter((f) => f.ruleId === 'json-syntax')
      .map((f) => text.slice(f.range.start, f.range.end));

  test('no editor (the CLI): every kind', () => {
    assert.deepEqual(run(COMMENTED_TRAILING, 'json'), ['// note', ',']);
  });

  test('an editor that reports errors and trailing commas (VS Code, jsonc): only the comment', () => {
    assert.deepEqual(run(COMMENTED_TRAILING, 'jsonc', ['error', 'trailing-comma']), ['// note']);
  });

  test('an editor that reports everything (VS Code, json): none', () => {
    assert.deepEqual(run(COMMENTED_TRAILING, 'json', ['error', 'trailing-comma', 'comment']), []);
  });

  test('a JSON template: the same; a YAML template keeps its own yaml-syntax finding', () => {
    const template =
      '{"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",}]}}}}}';
    assert.deepEqual(run(template, 'json'), [',']);
    assert.deepEqual(run(template, 'json', ['error', 'trailing-comma', 'comment']), []);
    const yaml = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties: {PolicyDocument: [\n';
    assert.deepEqual(
      analyzeDocument({ text: yaml, languageId: 'yaml' }, catalog, { syntaxReportedByEditor: ['error', 'trailing-comma', 'comment'] }).findings.map(
        (f) => f.ruleId,
      ),
      ['yaml-syntax'],
    );
  });
});

describe('no cascade from the checks: a statement a parse error runs through gets only the syntax finding', () => {
  const findings = (text: string) =>
    analyzeDocument({ text, fileName: 'policy.json' }, catalog).findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`);
  const two = (first: string, second: string) => `${HEAD}${first},\n    ${second}${TAIL}`;
  const WRONG_ACTION = '{ "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::photos/*" }';

  test('a stray quote: no "missing Resource" and no element named `", "` on its statement', () => {
    const text = doc('{ "Effect": "Allow", "Action": "s3:GetObject"", "Resource": "arn:aws:s3:::photos/*" }');
    assert.deepEqual(findings(text), ['json-syntax: "']);
  });

  test('a missing comma in a statement: what follows it there is left to the syntax finding, the next statement is checked', () => {
    const text = two('{ "Effect": "Allow", "Action": "s3:GetObjekt" "Resource": "arn:aws:s3:::photos/*" }', WRONG_ACTION);
    // The first statement's action comes before the error: still checked; no "missing Resource" for it.
    assert.deepEqual(findings(text), ['unknown-action: "s3:GetObjekt"', 'json-syntax: "Resource"', 'unknown-action: "s3:GetObjekt"']);
  });

  test('what comes before the error in its statement is still checked: typing a new key hides no other finding', () => {
    const text = doc('{ "Effect": "Alow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*", "Con }');
    assert.deepEqual(findings(text), ['invalid-value: "Alow"', 'json-syntax: "']);
  });

  test('a missing comma between two statements damages neither: both are checked', () => {
    const text = `${HEAD}${WRONG_ACTION}
    ${WRONG_ACTION.replace('GetObjekt', 'PutObjekt')}${TAIL}`;
    assert.deepEqual(findings(text), ['unknown-action: "s3:GetObjekt"', 'json-syntax: {', 'unknown-action: "s3:PutObjekt"']);
  });

  test('a statement of a JSON template: the same, from the template’s own syntax finding', () => {
    const statement = '{ "Effect": "Allow", "Action": "s3:GetObject"", "Resource": "arn:aws:s3:::photos/*" }';
    const text = `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [${statement}]}}}}}`;
    assert.deepEqual(
      analyzeDocument({ text, fileName: 'template.json' }, catalog).findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`),
      ['json-syntax: "'],
    );
  });

  test('a statement before the damaged one keeps its findings; a trailing comma or a comment damages nothing', () => {
    const before = two(WRONG_ACTION, '{ "Effect": "Allow", "Action": "s3:GetObject"", "Resource": "*" }');
    assert.deepEqual(findings(before), ['unknown-action: "s3:GetObjekt"', 'json-syntax: "']);
    const comma = doc('{ "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::photos/*", }');
    assert.deepEqual(findings(comma), ['unknown-action: "s3:GetObjekt"', 'json-syntax: ,']);
  });
});
