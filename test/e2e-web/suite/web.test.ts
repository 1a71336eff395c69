// The web build (package.json `browser`) in code-server's web worker extension host, as on vscode.dev: the
// browser client, the server in a Worker, the workspace read through vscode.workspace.fs. Runs against a copy of
// examples/ plus the web-roles/ role set that test/e2e-web/runTest.ts writes.
import * as vscode from 'vscode';
import { MISTAKES_TEMPLATE_FINDINGS } from '../../fixtures/mistakesTemplate';
import { MISTAKES_TERRAFORM_FINDINGS } from '../../fixtures/mistakesTerraform';
import { codeOf, describe, open, ours, waitFor as waitForWithin, workspaceUri } from '../../e2e/suite/helpers';
import { deepEqual, equal, match, ok } from './assert';

const EXTENSION_ID = 'cognito-pool-policies.cognito-pool-policies';
/** The first start (worker, catalog handed over) can be slow on 2 cores. */
const TIMEOUT_MS = 45_000;

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = <T>(what: string, probe: () => T | undefined) => waitForWithin(what, probe, TIMEOUT_MS);

/** Asks again until the answer is there (the first request may come before the server has started). */
async function until<T>(ask: () => Thenable<T>, good: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await ask();
    if (good(value) || Date.now() > deadline) return value;
    await delay(500);
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

const completions = (uri: vscode.Uri, position: vscode.Position) =>
  until(
    () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position),
    (list) => list.items.some((i) => labelOf(i) === 's3:GetObject' || labelOf(i) === 'cognito-identity.amazonaws.com:sub'),
  );
const hoverAt = (uri: vscode.Uri, position: vscode.Position) =>
  until(
    async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)),
    (text) => text.includes('s3:GetObject'),
  );

/** `rule line:col`, 1-based. */
const at = (d: vscode.Diagnostic) => `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}`;

suite('The web build in the web worker extension host', () => {
  test('the extension runs there: no Node (no process), extension kind UI, the browser entry active', async () => {
    equal(typeof process, 'undefined', 'typeof process in the web worker extension host');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    equal(extension.isActive, true, 'active');
    equal(extension.extensionKind, vscode.ExtensionKind.UI, 'extensionKind');
    equal(extension.packageJSON.browser, './dist/browser/client.js', 'package.json browser');
    equal(vscode.workspace.workspaceFolders?.[0].uri.scheme === 'file', false, 'the workspace is not on a file: URI in the web host');
  });

  test('a policy file: its diagnostic, linked to the rule documentation the extension serves (read-only, from its README)', async () => {
    const uri = workspaceUri('missing-version.json');
    await open(uri);
    const [diagnostic] = await waitFor('missing-version on missing-version.json', () => {
      const found = ours(uri).filter((d) => codeOf(d) === 'missing-version');
      return found.length ? found : undefined;
    }).catch((error) => {
      throw new Error(`${error.message}; got ${describe(ours(uri))}`);
    });
    equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning, 'severity');
    const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
    ok(target, 'the code links to its documentation');
    equal(target.toString(), 'cognito-pool-docs:/rules/missing-version.md', 'a document of ours');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    ok(text.startsWith('# `missing-version`\n\n'), `the rule's documentation: ${text.slice(0, 200)}`);
    const refused = await Promise.resolve(vscode.workspace.fs.writeFile(target, new TextEncoder().encode('x'))).then(
      () => false,
      () => true,
    );
    ok(refused, 'the documentation is read-only');
    // As the Problems panel opens it: an editor of the resource, which the extension turns into the preview.
    await vscode.commands.executeCommand('vscode.open', target);
    const views = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .map((tab) => tab.input)
        .filter((input) => (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && input.uri.toString() === target.toString())
        .map((input) => (input instanceof vscode.TabInputCustom ? input.viewType : 'text'));
    const deadline = Date.now() + 20_000;
    while (JSON.stringify(views()) !== JSON.stringify(['vscode.markdown.preview.editor']) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    equal(JSON.stringify(views()), JSON.stringify(['vscode.markdown.preview.editor']), 'the rendered preview, and no text editor of it');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a policy file switches to the IAM Policy language mode, where Format Document is ours', async () => {
    const document = (await open(workspaceUri('missing-version.json'))).document;
    await waitFor('missing-version.json in the IAM Policy mode', () => (document.languageId === 'iam-policy-json' ? true : undefined));
    const minified = await vscode.workspace.openTextDocument({
      language: 'json',
      content: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    });
    await vscode.window.showTextDocument(minified, { preview: false });
    await waitFor('the untitled policy in the IAM Policy mode', () => (minified.languageId === 'iam-policy-json' ? true : undefined));
    await vscode.commands.executeCommand('editor.action.formatDocument');
    await waitFor('the formatted policy', () => (minified.getText().includes('\n') ? true : undefined));
    equal(minified.getText().split('\n').slice(0, 3).join('|'), '{|    "Statement": [|        {', 'formatted with the editor’s indentation');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a policy file: completion of ${ offers cognito-identity.amazonaws.com:sub; hover on an action describes it', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::photos/${"\n    }\n  ]\n}';
    const scratch = await vscode.workspace.openTextDocument({ language: 'json', content: text });
    await vscode.window.showTextDocument(scratch, { preview: false });
    const list = await completions(scratch.uri, new vscode.Position(6, scratch.lineAt(6).text.indexOf('${') + 2));
    const sub = list.items.find((i) => labelOf(i) === 'cognito-identity.amazonaws.com:sub');
    ok(sub, `completion offers the sub variable; got ${list.items.slice(0, 10).map(labelOf).join(', ')}`);
    equal(sub.kind, vscode.CompletionItemKind.Variable, 'kind');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const policy = await open(workspaceUri('s3-per-identity.json'));
    const hover = await hoverAt(policy.document.uri, policy.document.positionAt(policy.document.getText().indexOf('"s3:GetObject"') + 4));
    match(hover, /\*\*s3:GetObject\*\* \(Read\)/);
    match(hover, /Grants permission to retrieve objects from Amazon S3/);
  });

  test('a YAML template: every deliberate mistake at its place; completion and hover inside its policies', async () => {
    const editor = await open(workspaceUri('mistakes-template.yaml'));
    equal(editor.document.languageId, 'yaml', 'language');
    const uri = editor.document.uri;
    const diagnostics = await waitFor('8 diagnostics on mistakes-template.yaml', () => (ours(uri).length >= 8 ? ours(uri) : undefined)).catch((error) => {
      throw new Error(`${error.message}; got ${describe(ours(uri))}`);
    });
    deepEqual(diagnostics.map(at), MISTAKES_TEMPLATE_FINDINGS);

    const template = await open(workspaceUri('amplify-template.yaml'));
    const line = template.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('s3:GetObject'));
    ok(line >= 0, 'amplify-template.yaml grants s3:GetObject');
    const column = template.document.lineAt(line).text.indexOf('s3:GetObject');
    match(await hoverAt(template.document.uri, new vscode.Position(line, column + 4)), /^\*\*s3:GetObject\*\* \(Read\)/);
    const list = await completions(template.document.uri, new vscode.Position(line, column + 's3:Get'.length));
    const item = list.items.find((i) => labelOf(i) === 's3:GetObject');
    ok(item, `completion offers s3:GetObject in YAML; got ${list.items.slice(0, 10).map(labelOf).join(', ')}`);
    equal(item.insertText instanceof vscode.SnippetString ? item.insertText.value : (item.insertText ?? labelOf(item)), 's3:GetObject', 'a plain YAML scalar');
  });

  test('Terraform: the HCL parser handed to the Worker reads a .tf file; every deliberate mistake at its place', async () => {
    const editor = await open(workspaceUri('terraform/mistakes/main.tf'));
    const uri = editor.document.uri;
    const count = MISTAKES_TERRAFORM_FINDINGS.length;
    const diagnostics = await waitFor(`${count} diagnostics on terraform/mistakes/main.tf`, () => (ours(uri).length >= count ? ours(uri) : undefined)).catch(
      (error) => {
        throw new Error(`${error.message}; got ${describe(ours(uri))} (language ${editor.document.languageId})`);
      },
    );
    deepEqual(diagnostics.map(at), MISTAKES_TERRAFORM_FINDINGS);
  });

  test('cognitoPool.roles: a finding across documents, its other file read through vscode.workspace.fs', async () => {
    // web-roles/worker-trust.json stays closed: the server has its text only from the client's file reads, and
    // web-roles/worker/*.json is a glob the client lists.
    const trustUri = workspaceUri('web-roles/worker-trust.json');
    ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === trustUri.toString()), 'the trust policy is not open');
    const editor = await open(workspaceUri('web-roles/worker/read.json'));
    const uri = editor.document.uri;
    const [finding] = await waitFor('cognito-variables-without-cognito-trust on web-roles/worker/read.json', () => {
      const found = ours(uri).filter((d) => codeOf(d) === 'cognito-variables-without-cognito-trust');
      return found.length ? found : undefined;
    }).catch((error) => {
      throw new Error(`${error.message}; got ${describe(ours(uri))}`);
    });
    equal(editor.document.getText(finding.range), '${cognito-identity.amazonaws.com:sub}', 'the variable is flagged');
    const related = finding.relatedInformation?.[0]?.location;
    ok(related, 'the finding points at the trust policy');
    equal(related.uri.toString(), trustUri.toString(), 'related file');
    // The whole trust policy: its end position comes from the text the server got through the client.
    const trustLines = new TextDecoder()
      .decode(await vscode.workspace.fs.readFile(trustUri))
      .trimEnd()
      .split('\n');
    deepEqual(
      [related.range.start.line, related.range.start.character, related.range.end.line, related.range.end.character],
      [0, 0, trustLines.length - 1, trustLines[trustLines.length - 1].length],
      'the related range spans the trust policy',
    );
    equal(finding.relatedInformation![0].message, 'The trust policy of "WebWorkerRole" is here.', 'related message');

    // For the README and the reviewer: the extension at work in the web worker host.
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await delay(1_500);
    console.log('[[screenshot:web-worker-host]]');
    await delay(1_500);
  });
});
