// Runs inside a real VS Code: each syntax mistake is reported once across VS Code's built-in JSON service
// (the diagnostics whose source is not ours) and our json-syntax, in `json` and in `jsonc` documents. The
// policies stay in those languages (cognitoPool.policyLanguageMode off); in the IAM Policy mode every syntax
// mistake is ours alone (policyLanguage.test.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, SOURCE, waitFor } from './helpers';

/** A policy without Version (our missing-version says our server has published) around one statement. */
const policy = (statement: string) => `{\n  "Statement": [\n    ${statement}\n  ]\n}`;
const MISTAKES = {
  'a trailing comma': policy('{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },'),
  'a comment': policy('// why\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }'),
  'a stray quote': policy('{ "Effect": "Allow", "Action": "s3:GetObject"", "Resource": "arn:aws:s3:::photos/*" }'),
};
/** The built-in service starts with the first JSON document and reports asynchronously. */
const TIMEOUT_MS = 30_000;
/** After both have reported, how long the other may still add one (a settle, not an assertion on time). */
const SETTLE_MS = 2_000;

interface Seen {
  readonly builtIn: readonly vscode.Diagnostic[];
  readonly ours: readonly vscode.Diagnostic[];
}

async function diagnosticsOf(language: string, text: string, builtInExpected: boolean): Promise<Seen> {
  const document = await vscode.workspace.openTextDocument({ language, content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  const seen = (): Seen => {
    const all = vscode.languages.getDiagnostics(document.uri);
    return { builtIn: all.filter((d) => d.source !== SOURCE), ours: all.filter((d) => d.source === SOURCE) };
  };
  await waitFor(
    `our missing-version${builtInExpected ? ' and a built-in JSON diagnostic' : ''}`,
    () => {
      const s = seen();
      return s.ours.some((d) => codeOf(d) === 'missing-version') && (!builtInExpected || s.builtIn.length > 0) ? true : undefined;
    },
    TIMEOUT_MS,
  );
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const result = seen();
  const line = (d: vscode.Diagnostic) =>
    `${d.source}/${String(codeOf(d))} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
  console.log(`[syntax-probe] ${language}: ${JSON.stringify(text)}\n  ${[...result.builtIn, ...result.ours].map(line).join('\n  ')}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return result;
}

const syntaxOf = (s: Seen) => [...s.builtIn, ...s.ours.filter((d) => codeOf(d) === 'json-syntax')];
const at = (text: string, d: vscode.Diagnostic) => {
  const lines = text.split('\n');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
};

suite('One syntax finding per mistake with the built-in JSON service', () => {
  const setMode = (on: boolean | undefined) =>
    vscode.workspace.getConfiguration('cognitoPool').update('policyLanguageMode', on, vscode.ConfigurationTarget.Global);
  suiteSetup(() => setMode(false));
  suiteTeardown(() => setMode(undefined));

  test('json: the built-in service reports each mistake, json-syntax none of them', async () => {
    for (const [name, text] of Object.entries(MISTAKES)) {
      const s = await diagnosticsOf('json', text, true);
      assert.deepStrictEqual(
        s.ours.filter((d) => codeOf(d) === 'json-syntax').map((d) => d.message),
        [],
        name,
      );
      if (name !== 'a stray quote') assert.strictEqual(syntaxOf(s).length, 1, `${name}: one finding in all`);
      if (name === 'a trailing comma') assert.strictEqual(at(text, s.builtIn[0]), ',', 'the built-in service puts it on the comma');
    }
  });

  test('jsonc: the built-in service reports the stray quote; json-syntax the comment, and the trailing comma as the error IAM makes of it (the built-in says only warning)', async () => {
    const comma = await diagnosticsOf('jsonc', MISTAKES['a trailing comma'], true);
    assert.deepStrictEqual(
      syntaxOf(comma).map((d) => [d.source === SOURCE ? SOURCE : 'built-in', vscode.DiagnosticSeverity[d.severity], at(MISTAKES['a trailing comma'], d)]),
      [
        ['built-in', 'Warning', ','],
        [SOURCE, 'Error', ','],
      ],
    );
    const comment = await diagnosticsOf('jsonc', MISTAKES['a comment'], false);
    assert.deepStrictEqual(
      syntaxOf(comment).map((d) => [d.source, codeOf(d), at(MISTAKES['a comment'], d)]),
      [[SOURCE, 'json-syntax', '// why']],
    );
    const stray = await diagnosticsOf('jsonc', MISTAKES['a stray quote'], true);
    assert.deepStrictEqual(
      stray.ours.filter((d) => codeOf(d) === 'json-syntax'),
      [],
    );
  });
});
