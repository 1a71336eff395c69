/**
 * The language status item of JSON, JSONC, YAML and Terraform documents: what the server thinks the active document is
 * (an identity, trust or resource policy, a template and its policies, or not a policy), the identity-pool
 * role its permission policies are analysed as when something says (cognitoPool.roles, a template's pool
 * attachment), and a link to the flow panel where the panel applies. The answer is the server's
 * (DOCUMENT_KIND_REQUEST's summary); nothing is decided here.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DOCUMENT_KIND_REQUEST, DOCUMENT_LANGUAGES, type DocumentKindResult, type DocumentSummary } from '../../../server/src/protocol';
import { SHOW_FLOW_COMMAND } from './flowPanel';

const SELECTOR: vscode.DocumentSelector = DOCUMENT_LANGUAGES.map((language) => ({ language }));
/** Asked again after the server published the document's diagnostics (a new analysis), at most this often. */
const DEBOUNCE_MS = 200;
/** Asked again while typing (a document with no findings publishes no change of diagnostics). */
const TYPING_MS = 600;

const KIND_TEXT: Record<DocumentSummary['kind'], string> = {
  identity: 'IAM permission policy',
  trust: 'IAM trust policy',
  resource: 'IAM resource policy',
  template: 'CloudFormation template',
  'not-a-policy': 'Not an IAM policy',
};

/** A template's text by its format. */
const TEMPLATE_TEXT: Record<NonNullable<DocumentSummary['templateFormat']>, string> = {
  cloudformation: 'CloudFormation template',
  terraform: 'Terraform file',
};

/** The item's text and detail for the server's answer. */
function statusOf(result: DocumentKindResult | undefined): { text: string; detail: string } {
  if (!result || result.kind === 'closed') return { text: 'Cognito Pool: not analysed yet', detail: '' };
  if (result.kind === 'too-large') return { text: 'Not analysed: too large', detail: 'longer than cognitoPool.maxDocumentSize' };
  const summary = result.summary;
  if (!summary) return { text: KIND_TEXT[result.kind], detail: 'Cognito Pool' };
  const { identity, trust, resource } = summary.policies;
  const parts = [
    plural(identity, 'permission policy', 'permission policies'),
    plural(trust, 'trust policy', 'trust policies'),
    plural(resource, 'resource policy', 'resource policies'),
  ].filter((p) => p !== undefined);
  const text =
    summary.kind === 'template'
      ? `${TEMPLATE_TEXT[summary.templateFormat ?? 'cloudformation']}: ${plural(identity + trust + resource, 'IAM policy', 'IAM policies') ?? 'no IAM policies'}`
      : KIND_TEXT[summary.kind];
  const details: string[] = [];
  if (summary.kind === 'template' && parts.length) details.push(parts.join(', '));
  const roles = summary.identityPoolRoles;
  if (roles.length) details.push(`for the identity pool's ${roles.join(' and ')} role${roles.length > 1 ? 's' : ''}`);
  return { text, detail: details.join('; ') || 'Cognito Pool' };
}

function plural(n: number, one: string, many: string): string | undefined {
  return n === 0 ? undefined : n === 1 ? `1 ${one}` : `${n} ${many}`;
}

export function registerLanguageStatus(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const item = vscode.languages.createLanguageStatusItem('cognitoPool.document', SELECTOR);
  item.name = 'Cognito Pool: document';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  const refresh = async () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !vscode.languages.match(SELECTOR, document)) return;
    const mine = ++seq;
    item.busy = true;
    let result: DocumentKindResult | undefined;
    try {
      result = await client.sendRequest<DocumentKindResult>(DOCUMENT_KIND_REQUEST, { uri: client.code2ProtocolConverter.asUri(document.uri) });
    } catch {
      result = undefined; // the server is starting, restarting or stopped
    }
    if (mine !== seq) return; // a newer question is on its way
    item.busy = false;
    const { text, detail } = statusOf(result);
    item.text = text;
    item.detail = detail;
    item.command = result?.flow
      ? { title: 'Show flow', command: SHOW_FLOW_COMMAND, arguments: [document.uri], tooltip: 'Show the token-to-credentials flow of this policy' }
      : undefined;
  };
  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), delay);
  };

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => schedule(0)),
    // The server publishes diagnostics after each analysis: the summary is current then.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((uri) => uri.toString() === active)) schedule(DEBOUNCE_MS);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) schedule(TYPING_MS);
    }),
    client.onDidChangeState(() => {
      if (client.isRunning()) schedule(0);
    }),
    { dispose: () => clearTimeout(timer) },
  );
  schedule(0);
}
