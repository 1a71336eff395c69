// The extension's presence in a real VS Code: its snippets in the suggestion list (once each, in JSON and JSONC),
// rule documentation opened from a diagnostic's link (rendered, read-only) and the semantic tokens of a template.
// (The language status item's text is not readable through the API: its content is tested over LSP, in
// test/integration/flow.test.ts.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { requestScreenshot, screenshotsEnabled } from './index';
import { codeOf, describe, open, ours, waitFor, workspaceUri } from './helpers';
import { inWebview, probeAvailable } from './webviewProbe';

const TIMEOUT_MS = 45_000;
const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';
const SNIPPETS_FILE = path.resolve(__dirname, '../../../../snippets/policies.code-snippets');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined | PromiseLike<T | undefined>, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const nameOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? undefined : item.label.description);

suite('Presence in a real VS Code', () => {
  const snippets = JSON.parse(fs.readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, { prefix: string }>;

  for (const language of ['json', 'jsonc']) {
    test(`an empty ${language} document lists each snippet once, with its own name`, async () => {
      const document = await vscode.workspace.openTextDocument({ language, content: '' });
      await vscode.window.showTextDocument(document, { preview: false });
      const items = await until(`the snippets in an empty ${language} document`, async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          document.uri,
          new vscode.Position(0, 0),
        );
        const found = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet && labelOf(item).startsWith('cognito-'));
        return found.length ? found : undefined;
      });
      console.log(`[presence] ${language}: ${items.length} snippet entries: ${items.map((i) => `${labelOf(i)} (${nameOf(i)})`).join(', ')}`);
      assert.deepStrictEqual(
        items.map(labelOf).sort(),
        Object.values(snippets)
          .map((s) => s.prefix)
          .sort(),
      );
      assert.deepStrictEqual(items.map(nameOf).sort(), Object.keys(snippets).sort());
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }

  test("a diagnostic's rule link opens the rule's documentation as a rendered, read-only Markdown preview", async () => {
    const uri = workspaceUri('missing-version.json');
    await open(uri);
    const [diagnostic] = await waitFor(
      'missing-version on missing-version.json',
      () => {
        const found = ours(uri).filter((d) => codeOf(d) === 'missing-version');
        return found.length ? found : undefined;
      },
      TIMEOUT_MS,
    ).catch((error) => {
      throw new Error(`${error.message}; got ${describe(ours(uri))}`);
    });
    const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
    assert.ok(target, 'the code links to its documentation');
    assert.strictEqual(target.toString(), 'cognito-pool-docs:/rules/missing-version.md');
    const refused = await Promise.resolve(vscode.workspace.fs.writeFile(target, new TextEncoder().encode('x'))).then(
      () => false,
      () => true,
    );
    assert.ok(refused, 'the documentation is read-only');

    // What the Problems panel and the hover do with the link: the opener service opens it as an editor.
    await vscode.commands.executeCommand('vscode.open', target);
    const same = (input: unknown) =>
      (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && input.uri.toString() === target.toString();
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => same(tab.input));
    await until('the Markdown preview of the rule documentation, and no text editor of it', () => {
      const open = tabs();
      return open.length === 1 && open[0].input instanceof vscode.TabInputCustom && open[0].input.viewType === MARKDOWN_PREVIEW_EDITOR ? true : undefined;
    }).catch((error) => {
      throw new Error(`${error.message}; tabs: ${JSON.stringify(tabs().map((t) => [t.label, (t.input as { viewType?: string }).viewType ?? 'text']))}`);
    });
    if (probeAvailable()) {
      const [heading, body] = await inWebview(
        [
          { op: 'text', selector: '.markdown-body h1' },
          { op: 'text', selector: '.markdown-body' },
        ],
        '.markdown-body h1',
      );
      assert.deepStrictEqual(heading, ['missing-version']);
      assert.match(String(body), /Default severity: warning/);
    }
    if (screenshotsEnabled()) {
      await sleep(1_000);
      const file = await requestScreenshot('rule-docs');
      assert.ok(file && fs.statSync(file).size > 10_000, `a real screenshot at ${file}`);
    }
  });

  test('semantic tokens of the Amplify template: Fn::Sub references are template text, the identity-pool variable a policy variable (screenshots)', async () => {
    const editor = await open(workspaceUri('amplify-template.yaml'));
    const legend = await until('the semantic tokens legend', () =>
      vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', editor.document.uri),
    );
    assert.deepStrictEqual(legend.tokenTypes, ['policyVariable', 'templateText']);
    const tokens = await until('semantic tokens of amplify-template.yaml', async () => {
      const result = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', editor.document.uri);
      return result && result.data.length > 0 ? result : undefined;
    });
    const decoded: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      character = tokens.data[i] === 0 ? character + tokens.data[i + 1] : tokens.data[i + 1];
      const text = editor.document.lineAt(line).text.slice(character, character + tokens.data[i + 2]);
      decoded.push(`${line + 1}: ${legend.tokenTypes[tokens.data[i + 3]]} «${text}»`);
    }
    const line85 = decoded.filter((t) => t.startsWith('85: '));
    assert.deepStrictEqual(line85, [
      '85: templateText «${AWS::Partition}»',
      '85: templateText «${PhotoBucket}»',
      '85: policyVariable «cognito-identity.amazonaws.com:sub»',
    ]);
    assert.ok(decoded.includes('97: templateText «${env}»'), decoded.join('\n'));

    if (screenshotsEnabled()) {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      const at = new vscode.Position(84, 0);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
      const settings = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' });
      await settings.update('semanticHighlighting.enabled', false, vscode.ConfigurationTarget.Global);
      await sleep(1_500);
      await requestScreenshot('semantic-tokens-off');
      await settings.update('semanticHighlighting.enabled', undefined, vscode.ConfigurationTarget.Global);
      await sleep(2_000);
      const file = await requestScreenshot('semantic-tokens-on');
      assert.ok(file && fs.statSync(file).size > 10_000, `a real screenshot at ${file}`);
    }
  });
});
