/**
 * The server's side of the IAM Policy language mode (POLICY_LANGUAGE_ID): it registers the layout features
 * (folding, formatting) for that language only, so JSON documents keep the editor's own and no second JSON
 * formatter appears, and it tells the client which `json`/`jsonc` documents are policy files, once per open
 * document, so the client can switch them (client/src/common/policyLanguage.ts). Which documents are policies
 * is the analysis's answer; nothing is decided here.
 */
import {
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  FoldingRangeRequest,
  type ClientCapabilities,
  type Connection,
} from 'vscode-languageserver';
import type { DocumentAnalysis } from '../core';
import { JSON_LANGUAGE_IDS, POLICY_DOCUMENT_NOTIFICATION, POLICY_LANGUAGE_ID, type PolicyDocumentParams } from '../protocol';

const POLICY_SELECTOR = [{ language: POLICY_LANGUAGE_ID }];

/**
 * Registers folding and formatting for the IAM Policy language (dynamic registration: a static capability would
 * apply to every language of the client's selector, JSON included). A client that cannot register them
 * dynamically does not get them.
 */
export function registerPolicyLanguageFeatures(connection: Connection, capabilities: ClientCapabilities): void {
  const text = capabilities.textDocument;
  const options = { documentSelector: POLICY_SELECTOR };
  // A client that refuses a registration loses that feature, not the server (an unhandled rejection would end it).
  const refused = (error: unknown) => connection.console.warn(`The client refused a registration of the IAM Policy language: ${String(error)}`);
  if (text?.foldingRange?.dynamicRegistration) connection.client.register(FoldingRangeRequest.type, options).catch(refused);
  if (text?.formatting?.dynamicRegistration) connection.client.register(DocumentFormattingRequest.type, options).catch(refused);
  if (text?.rangeFormatting?.dynamicRegistration) connection.client.register(DocumentRangeFormattingRequest.type, options).catch(refused);
}

/** Tells the client, once per open document, that a `json`/`jsonc` document is a policy file. */
export class PolicyDocuments {
  private readonly told = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** After each analysis of an open document. */
  analysed(document: { readonly uri: string; readonly languageId: string }, analysis: DocumentAnalysis): void {
    if (!JSON_LANGUAGE_IDS.includes(document.languageId) || this.told.has(document.uri) || !isPolicyFile(analysis)) return;
    this.told.add(document.uri);
    this.connection.sendNotification(POLICY_DOCUMENT_NOTIFICATION, { uri: document.uri } satisfies PolicyDocumentParams).catch(() => undefined); // a closed connection
  }

  closed(uri: string): void {
    this.told.delete(uri);
  }
}

/** A policy file (the JSON source read it as a permission, trust or resource policy); templates are not. */
function isPolicyFile(analysis: DocumentAnalysis): boolean {
  return analysis.source === 'json' && (analysis.kind === 'identity' || analysis.kind === 'trust' || analysis.kind === 'resource');
}
