// Runs inside a real VS Code: a finding on the token being typed waits until typing pauses
// (cognitoPool.typingPauseMs), while a finding away from the edit is shown at once.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor } from './helpers';

const TEXT = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*" }
  ]
}`;
const TIMEOUT_MS = 30_000;

suite('Calm diagnostics while typing in a real VS Code', () => {
  test('one edit in two places: the far finding at once, the one on the typed action after the pause', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: TEXT });
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const codes = () =>
      ours(document.uri)
        .map((d) => String(codeOf(d)))
        .sort();
    // Every state VS Code shows for the document, in order.
    const states: string[][] = [];
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === document.uri.toString())) states.push(codes());
    });
    try {
      // Our server has published for the document (nothing to report).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const version = TEXT.indexOf('"Version": "2012-10-17",\n');
      const action = TEXT.indexOf('s3:GetObject') + 's3:GetObject'.length;
      // One event with two changes: "Version" removed (missing-version, on "Statement": away from both edits) and
      // an "X" typed at the end of the action (unknown-action, on the token being typed).
      assert.ok(
        await editor.edit((b) => {
          b.delete(new vscode.Range(document.positionAt(version), document.positionAt(version + '"Version": "2012-10-17",\n  '.length)));
          b.insert(document.positionAt(action), 'X');
        }),
      );
      await waitFor('unknown-action after the pause', () => (codes().includes('unknown-action') ? true : undefined), TIMEOUT_MS);
      const firstWithMissingVersion = states.find((s) => s.includes('missing-version'));
      assert.deepStrictEqual(firstWithMissingVersion, ['missing-version'], `states: ${JSON.stringify(states)}`);
      assert.deepStrictEqual(codes(), ['missing-version', 'unknown-action']);
    } finally {
      listener.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
