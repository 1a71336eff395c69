/**
 * The server's host-side decisions for calm diagnostics (server/src/common): which findings wait while the user
 * types (typing.ts) and which syntax problems the editor's JSON service reports itself (editorSyntax.ts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readEditorJsonValidation, syntaxReportedByEditor } from '../../server/src/common/editorSyntax';
import { editedSpans, HELD_WHILE_TYPING, heldWhileTyping } from '../../server/src/common/typing';
import { ruleInfo, type Finding } from '../../server/src/core';

const finding = (ruleId: string, start: number, end: number): Finding => ({ ruleId, severity: 'error', message: '', range: { start, end } });

describe('findings held back while typing', () => {
  test('every rule of the set is in the registry, and no syntax or structure-wide rule is', () => {
    for (const id of HELD_WHILE_TYPING) assert.ok(ruleInfo(id), id);
    for (const id of ['json-syntax', 'yaml-syntax', 'missing-element', 'duplicate-key', 'missing-version']) assert.equal(HELD_WHILE_TYPING.has(id), false, id);
  });

  test("the README's list of the rules that wait is the set", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const start = readme.indexOf('- **Calm while typing.**');
    assert.ok(start >= 0, 'README has the Calm while typing paragraph');
    const paragraph = readme.slice(start, readme.indexOf('\n- **', start + 1));
    const listed = [...paragraph.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]).filter((id) => ruleInfo(id) && id !== 'json-syntax');
    assert.deepEqual(listed.sort(), [...HELD_WHILE_TYPING].sort());
  });

  test('held: a rule of the set whose range touches the edit (either end included)', () => {
    const spans = [{ start: 10, end: 11 }];
    assert.equal(heldWhileTyping(finding('unknown-element', 5, 10), spans), true); // the edit right after the token
    assert.equal(heldWhileTyping(finding('unknown-action', 11, 20), spans), true); // right before it
    assert.equal(heldWhileTyping(finding('unknown-action', 12, 20), spans), false); // away from it
    assert.equal(heldWhileTyping(finding('json-syntax', 5, 12), spans), false); // never a syntax error
  });

  test('editedSpans: where the inserted text is in the new document; deletions are a point; a full-text change is none', () => {
    const doc = TextDocument.create('file:///a.json', 'json', 1, '{"Eff"}');
    assert.deepEqual(editedSpans(doc, [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, text: 'ect' }]), [{ start: 5, end: 8 }]);
    assert.deepEqual(editedSpans(doc, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } }, text: '' }]), [{ start: 2, end: 2 }]);
    assert.equal(editedSpans(doc, [{ text: '{}' }]), undefined);
  });

  test('editedSpans: several changes in one event (multi-cursor) move the earlier spans', () => {
    const doc = TextDocument.create('file:///a.json', 'json', 1, 'abcdef');
    // "X" at 4, then "YY" at 1 (in the text after the first change): the first span moves by 2.
    const spans = editedSpans(doc, [
      { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: 'X' },
      { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'YY' },
    ]);
    assert.deepEqual(spans, [
      { start: 6, end: 7 },
      { start: 1, end: 3 },
    ]);
    assert.equal('aYYbcdXef'.slice(6, 7), 'X');
    assert.equal(doc.getText(), 'abcdef'); // the document itself is left as it was: the server applies the changes once
    assert.equal(doc.version, 1);
  });
});

describe("the editor's own JSON validation", () => {
  test('VS Code defaults: json reports every kind as an error; jsonc only errors (trailing commas are warnings there, comments nothing); yaml none', () => {
    const vscode = readEditorJsonValidation({ validate: { enable: true } });
    assert.deepEqual(syntaxReportedByEditor('json', vscode), ['error', 'trailing-comma', 'comment']);
    assert.deepEqual(syntaxReportedByEditor('jsonc', vscode), ['error']);
    assert.deepEqual(syntaxReportedByEditor('yaml', vscode), []);
  });

  test('json.validate.comments / trailingCommas other than "error" leave those to us; enable false or no JSON service leaves everything', () => {
    const ignoring = readEditorJsonValidation({ validate: { enable: true, comments: 'ignore', trailingCommas: 'warning' } });
    assert.deepEqual(syntaxReportedByEditor('json', ignoring), ['error']);
    assert.deepEqual(syntaxReportedByEditor('jsonc', readEditorJsonValidation({ validate: { enable: true, comments: 'error', trailingCommas: 'error' } })), [
      'error',
      'trailing-comma',
      'comment',
    ]);
    for (const section of [{ validate: { enable: false } }, null, {}, 'json'])
      assert.deepEqual(syntaxReportedByEditor('json', readEditorJsonValidation(section)), []);
  });
});
