/**
 * The IAM Policy language mode: its manifest contribution agrees with the protocol's id and ships what a JSON
 * language has (grammar, brackets, snippets, suggestions in strings, no word-based suggestions); documents in
 * it are analysed as JSON; and its layout features (folding, formatting) on jsonc-parser's scanner and formatter.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument, foldingRanges, formatEdits, type Range, type TextEdit } from '../../server/src/core';
import { POLICY_LANGUAGE_ID } from '../../server/src/protocol';
import { catalog } from './helpers';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('the manifest contributes the IAM Policy language', () => {
  const contributes = manifest.contributes;

  test('with the protocol’s id, a name, and a language configuration with JSON’s brackets and no comment tokens', () => {
    const languages = contributes.languages.filter((l: { id: string }) => l.id === POLICY_LANGUAGE_ID);
    assert.equal(languages.length, 1);
    assert.equal(languages[0].aliases[0], 'IAM Policy');
    const configuration = JSON.parse(fs.readFileSync(path.join(root, languages[0].configuration), 'utf8'));
    assert.deepEqual(configuration.brackets, [
      ['{', '}'],
      ['[', ']'],
    ]);
    assert.equal(configuration.comments, undefined, 'IAM rejects comments: no toggle-comment in policies');
    assert.deepEqual(
      configuration.autoClosingPairs.map((p: { open: string }) => p.open),
      ['{', '[', '"'],
    );
    // Enter indents after a line whose last bracket outside strings opens; a closing line outdents.
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
    assert.deepEqual(
      ['{', '  "Statement": [', '{ "Effect": "Allow",', '"Sid": "a{b"', '{"Effect": "Allow"}', '"Resource": "arn:aws:s3:::b/[x"', '  },'].map((l) =>
        increase.test(l),
      ),
      [true, true, true, false, false, false, false],
    );
    assert.deepEqual(
      ['  },', ']', '  "Effect": "Allow",'].map((l) => decrease.test(l)),
      [true, true, false],
    );
  });

  test('with a grammar whose root scope is under source.json (themes and the policy-variable injection apply)', () => {
    const grammar = contributes.grammars.find((g: { language?: string }) => g.language === POLICY_LANGUAGE_ID);
    assert.equal(grammar.scopeName, 'source.json.iam-policy');
    const file = JSON.parse(fs.readFileSync(path.join(root, grammar.path), 'utf8'));
    assert.equal(file.scopeName, grammar.scopeName);
    assert.deepEqual(file.patterns, [{ include: 'source.json' }]);
    const injection = contributes.grammars.find((g: { injectTo?: string[] }) => g.injectTo);
    assert.ok(injection.injectTo.includes(grammar.scopeName));
  });

  test('with the policy snippets, an activation event, suggestions inside strings and no word-based suggestions', () => {
    const snippets = contributes.snippets.filter((s: { language: string }) => s.language === POLICY_LANGUAGE_ID);
    assert.deepEqual(
      snippets.map((s: { path: string }) => s.path),
      ['./snippets/policies.code-snippets'],
    );
    assert.ok(manifest.activationEvents.includes(`onLanguage:${POLICY_LANGUAGE_ID}`));
    assert.deepEqual(contributes.configurationDefaults[`[${POLICY_LANGUAGE_ID}]`], {
      'editor.quickSuggestions': { strings: 'on' },
      'editor.suggest.insertMode': 'replace',
      'editor.wordBasedSuggestions': 'off',
    });
  });

  test('with the switch as a setting that says what it does, on by default', () => {
    const setting = contributes.configuration.properties['cognitoPool.policyLanguageMode'];
    assert.equal(setting.type, 'boolean');
    assert.equal(setting.default, true);
    assert.match(setting.markdownDescription, /IAM Policy/);
  });

  test('the flow panel’s editor button and command are offered in it as in JSON', () => {
    for (const entry of [...contributes.menus['editor/title'], ...contributes.menus.commandPalette].filter(
      (m: { command: string }) => m.command === 'cognitoPool.showFlow',
    ))
      assert.match(entry.when, new RegExp(`LangId == ${POLICY_LANGUAGE_ID}`));
  });
});

test('a policy in the IAM Policy language is analysed as JSON: the same findings as in json', () => {
  const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}';
  const inJson = analyzeDocument({ text, languageId: 'json' }, catalog);
  const inPolicy = analyzeDocument({ text, languageId: POLICY_LANGUAGE_ID }, catalog);
  assert.equal(inPolicy.syntax, 'json');
  assert.equal(inPolicy.kind, 'identity');
  assert.deepEqual(
    inPolicy.findings.map((f) => f.ruleId),
    ['unknown-action'],
  );
  assert.deepEqual(inPolicy.findings, inJson.findings);
});

/** Each range as the text it covers. */
const covered = (text: string, ranges: readonly Range[]) => ranges.map((r) => text.slice(r.start, r.end));

describe('foldingRanges', () => {
  test('one range per object and array, outermost first, from the opening bracket to the closing one', () => {
    const text = '{\n "Statement": [\n  {"Effect": "Allow"}\n ]\n}';
    assert.deepEqual(covered(text, foldingRanges(text)), [text, '[\n  {"Effect": "Allow"}\n ]', '{"Effect": "Allow"}']);
  });

  test('brackets inside strings are text, not structure', () => {
    const text = '{"Sid": "a{[b", "Resource": ["x"]}';
    assert.deepEqual(covered(text, foldingRanges(text)), [text, '["x"]']);
  });

  test('a bracket left open runs to the end; a stray closing bracket closes nothing; the other kind closes those open inside', () => {
    assert.deepEqual(covered('{"a": [1, 2', foldingRanges('{"a": [1, 2')), ['{"a": [1, 2', '[1, 2']);
    assert.deepEqual(covered(']{"a": 1}', foldingRanges(']{"a": 1}')), ['{"a": 1}']);
    assert.deepEqual(covered('{"a": [1}', foldingRanges('{"a": [1}')), ['{"a": [1}', '[1}']);
  });

  test('no brackets, no ranges', () => {
    assert.deepEqual(foldingRanges(''), []);
    assert.deepEqual(foldingRanges('"Version"'), []);
  });
});

/** The text after applying the edits (from the last to the first, as an editor does). */
function applied(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

describe('formatEdits', () => {
  const minified = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}';

  test('a minified policy: one property per line, with the editor’s indentation and line break', () => {
    assert.equal(
      applied(minified, formatEdits(minified, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' })),
      [
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        "s3:GetObject"',
        '      ],',
        '      "Resource": "*"',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
    const tabs = applied(minified, formatEdits(minified, undefined, { tabSize: 4, insertSpaces: false, eol: '\r\n', insertFinalNewline: true }));
    assert.ok(tabs.startsWith('{\r\n\t"Version": "2012-10-17",\r\n\t"Statement": [\r\n\t\t{\r\n'));
    assert.ok(tabs.endsWith('\r\n}\r\n'));
  });

  test('formatting changes whitespace only, also in a document with a syntax error', () => {
    const broken = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow" "Action":"s3:*"}]}';
    const formatted = applied(broken, formatEdits(broken, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }));
    assert.equal(formatted.replace(/\s+/g, ''), broken.replace(/\s+/g, ''));
    assert.notEqual(formatted, broken);
  });

  test('a range formats only the lines it covers', () => {
    const text = '{\n"Version":"2012-10-17",\n"Statement":[{"Effect":"Allow"}]\n}';
    const start = text.indexOf('"Statement"');
    const edits = formatEdits(text, { start, end: text.indexOf('\n}') }, { tabSize: 2, insertSpaces: true, eol: '\n' });
    assert.ok(edits.length > 0);
    for (const e of edits) assert.ok(e.range.start >= start - 1, `an edit at ${e.range.start}, before the range`);
    assert.ok(applied(text, edits).startsWith('{\n"Version":"2012-10-17",\n'));
  });
});
