/**
 * Tabs restored after a window reload whose documents the editor has not opened (it opens only the visible
 * ones): the client hands their text over (RESTORED_TAB_NOTIFICATION) and the server publishes their
 * diagnostics, so a reload does not make them vanish until each tab is shown. Once the document is opened, the
 * editor's text is the one analysed; a restored tab closed unopened has its diagnostics cleared.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RESTORED_TAB_CLOSED_NOTIFICATION, RESTORED_TAB_NOTIFICATION, type RestoredTabParams } from '../protocol';
import { isAnalysedUri } from './schemes';

export interface RestoredTabsHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** The diagnostics of a restored tab's text. */
  diagnosticsOf(document: TextDocument): Diagnostic[];
}

/** At most this many restored tabs are kept (a window rarely has more JSON and YAML tabs). */
const MAX_RESTORED = 200;
const LANGUAGES: ReadonlySet<string> = new Set(['json', 'jsonc', 'yaml']);

export interface RestoredTabs {
  /** Publishes every restored tab's diagnostics again (settings or roles changed). */
  revalidate(): void;
  /** The document was opened: the editor's text takes over. */
  opened(uri: string): void;
  /** The text of a restored tab, for related locations in other documents. */
  get(uri: string): TextDocument | undefined;
}

export function registerRestoredTabs(host: RestoredTabsHost): RestoredTabs {
  const { connection, documents } = host;
  const restored = new Map<string, TextDocument>();

  const publish = (document: TextDocument) => {
    let diagnostics: Diagnostic[] = [];
    try {
      diagnostics = host.diagnosticsOf(document);
    } catch (error) {
      connection.console.error(`Analysis of ${document.uri} failed: ${(error as Error).stack ?? String(error)}`);
    }
    void connection.sendDiagnostics({ uri: document.uri, diagnostics });
  };

  connection.onNotification(RESTORED_TAB_NOTIFICATION, (params: unknown) => {
    const p = restoredTabParams(params);
    if (!p || documents.get(p.uri) || !isAnalysedUri(p.uri)) return;
    if (!restored.has(p.uri) && restored.size >= MAX_RESTORED) return;
    const document = TextDocument.create(p.uri, p.languageId, 0, p.text);
    restored.set(p.uri, document);
    publish(document);
  });

  connection.onNotification(RESTORED_TAB_CLOSED_NOTIFICATION, (params: unknown) => {
    const uri = params && typeof params === 'object' ? (params as { uri?: unknown }).uri : undefined;
    if (typeof uri !== 'string' || !restored.delete(uri) || documents.get(uri)) return;
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  return {
    // One document a turn, so requests about open documents are answered in between.
    revalidate: () => {
      for (const document of restored.values()) {
        setTimeout(() => {
          if (restored.get(document.uri) === document) publish(document);
        }, 0);
      }
    },
    opened: (uri) => void restored.delete(uri),
    get: (uri) => restored.get(uri),
  };
}

/** The params of a restored tab, or undefined when they are not (untrusted JSON). */
function restoredTabParams(raw: unknown): RestoredTabParams | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { uri, languageId, text } = raw as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof text !== 'string' || typeof languageId !== 'string' || !LANGUAGES.has(languageId)) return undefined;
  return { uri, languageId: languageId as RestoredTabParams['languageId'], text };
}
