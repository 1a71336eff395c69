// CloudFormation templates inside a real VS Code: YAML and JSON, diagnostics at their place in the template.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { requestScreenshot, screenshotsEnabled } from './index';
import { codeOf, describe, open, ours, waitFor, workspaceUri } from './helpers';
import { MISTAKES_TEMPLATE_FINDINGS } from '../../fixtures/mistakesTemplate';
import { MISTAKES_TERRAFORM_FINDINGS } from '../../fixtures/mistakesTerraform';

const TIMEOUT_MS = 45_000;

/** `rule line:col` with 1-based positions, as examples/mistakes-template.yaml documents them. */
const at = (d: vscode.Diagnostic) => `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}`;

suite('CloudFormation templates in a real VS Code', () => {
  test("Terraform without HashiCorp's extension: a .tf file (plaintext) gets each deliberate mistake; the clean module none", async () => {
    const editor = await open(workspaceUri('terraform/mistakes/main.tf'));
    assert.strictEqual(editor.document.languageId, 'plaintext', 'no Terraform extension here: the file name decides');
    const uri = editor.document.uri;
    const count = MISTAKES_TERRAFORM_FINDINGS.length;
    const diagnostics = await waitFor(
      `${count} diagnostics on terraform/mistakes/main.tf`,
      () => (ours(uri).length >= count ? ours(uri) : undefined),
      TIMEOUT_MS,
    ).catch(() => {
      throw new Error(`got ${describe(ours(uri))}`);
    });
    assert.deepStrictEqual(diagnostics.map(at), MISTAKES_TERRAFORM_FINDINGS);
    // The clean module: only the information that its pool lets guests in.
    const clean = await open(workspaceUri('terraform/identity-pool/main.tf'));
    const cleanDiagnostics = await waitFor(
      'the clean module analysed',
      () => (ours(clean.document.uri).length > 0 ? ours(clean.document.uri) : undefined),
      TIMEOUT_MS,
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // no more arrive
    assert.deepStrictEqual(ours(clean.document.uri).map(at), ['guest-access-enabled 32:38'], describe(cleanDiagnostics));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test("Terraform: the $-less variable's quick fix writes $${...}, and variables are suggested after $${", async () => {
    const sub = 'cognito-identity.amazonaws.com:sub';
    // The file itself, edited without saving (reverted at the end).
    const editor = await open(workspaceUri('terraform/mistakes/main.tf'));
    const uri = editor.document.uri;
    const [diagnostic] = await waitFor(
      'variable-missing-dollar',
      () => {
        const found = ours(uri).filter((d) => codeOf(d) === 'variable-missing-dollar');
        return found.length ? found : undefined;
      },
      TIMEOUT_MS,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === `Add the missing "$": $\${${sub}}`);
    assert.ok(fix?.edit, `the fix is offered; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const line = editor.document.lineAt(diagnostic.range.start.line).text;
    assert.strictEqual(line.trim(), `Resource = "arn:aws:s3:::mistakes-photos/private/$\${${sub}}/*"`);
    await waitFor('the finding to clear', () => (ours(uri).some((d) => codeOf(d) === 'variable-missing-dollar') ? undefined : true), TIMEOUT_MS);
    // Completion right after `$${` (the variable's name replaced): the identity ID first.
    const position = new vscode.Position(diagnostic.range.start.line, line.indexOf('$${') + 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, '{');
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes(sub), labels.slice(0, 5).join(', '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('mistakes-template.yaml opens as YAML and gets each deliberate mistake at its place in the template', async () => {
    const editor = await open(workspaceUri('mistakes-template.yaml'));
    assert.strictEqual(editor.document.languageId, 'yaml');
    const uri = editor.document.uri;
    const diagnostics = await waitFor('8 diagnostics on mistakes-template.yaml', () => (ours(uri).length >= 8 ? ours(uri) : undefined), TIMEOUT_MS).catch(
      () => {
        throw new Error(`got ${describe(ours(uri))}`);
      },
    );
    assert.deepStrictEqual(diagnostics.map(at), MISTAKES_TEMPLATE_FINDINGS);
    const kind = diagnostics.find((d) => codeOf(d) === 'role-kind-mismatch')!;
    assert.strictEqual(kind.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(editor.document.getText(kind.range), 'authenticated');
    assert.strictEqual(kind.relatedInformation?.[0].location.range.start.line, 94, 'the related location is the role attachment');

    if (screenshotsEnabled()) {
      await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
      editor.selection = new vscode.Selection(kind.range.start, kind.range.start);
      editor.revealRange(kind.range, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await new Promise((r) => setTimeout(r, 1_500));
      const file = await requestScreenshot('template');
      assert.ok(file && fs.statSync(file).size > 10_000, `a real screenshot at ${file}`);
    }
  });

  test('the Amplify-style templates, YAML and JSON, get no diagnostics; an untitled YAML template is checked too', async () => {
    const yaml = workspaceUri('amplify-template.yaml');
    const json = workspaceUri('amplify-template.json');
    await open(yaml);
    await open(json);
    // A template with a mistake, opened last: once it has its diagnostic, the server has had the clean ones.
    const probe = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content:
        'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: P\n          PolicyDocument:\n            Version: "2012-10-17"\n            Statement:\n              - Effect: Allow\n                Action: s3:GetObjects\n                Resource: "*"\n',
    });
    await vscode.window.showTextDocument(probe, { preview: false });
    const [typo] = await waitFor(
      'unknown-action in the untitled template',
      () => {
        const found = ours(probe.uri).filter((d) => codeOf(d) === 'unknown-action');
        return found.length ? found : undefined;
      },
      TIMEOUT_MS,
    );
    assert.strictEqual(probe.getText(typo.range), 's3:GetObjects');
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual(describe(ours(yaml)), '[]');
    assert.strictEqual(describe(ours(json)), '[]');
  });
});
