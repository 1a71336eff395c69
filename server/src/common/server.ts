/**
 * The language server: wires the analysis core to LSP. Documents, settings, debouncing and the
 * conversion of findings to diagnostics live here; every decision about policies lives in core/.
 * Host-neutral: node/main.ts and browser/main.ts supply the connection and a ServerRuntime (files).
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  isIdentityPoolId,
  isSeveritySetting,
  readsHcl,
  type Catalog,
  type Finding,
  type RelatedLocation,
  type RunOptions,
  type SeveritySetting,
} from '../core';
import { analyzeDocument, type DocumentAnalysis } from '../core/analyze/analyzeDocument';
import { documentInputOf } from './documents';
import { isAnalysedUri } from './schemes';
import { registerEditingFeatures, FIX_ALL_KIND } from './editing';
import { readEditorJsonValidation, syntaxReportedByEditor, type EditorJsonValidation } from './editorSyntax';
import { registerFlowRequests } from './flow';
import { NO_RULE_DOCS, registerRuleDocRequest, type RuleDocLinks } from './ruleDocs';
import { registerSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './semanticTokens';
import { registerRestoredTabs } from './restoredTabs';
import { PolicyDocuments, registerPolicyLanguageFeatures } from './policyLanguage';
import { COMPLETION_TRIGGER_CHARACTERS, hasCompletedInPolicyCommand } from '../protocol';
import type { ServerRuntime } from './runtime';
import { WorkspaceRoles } from './workspaceRoles';
import { isTerraformUri, TerraformModules } from './terraformModules';
import { DocumentConfigs, isConfigFileUri } from './documentConfigs';
import { LazyHclParser } from './lazyHclParser';
import { editedSpans, heldWhileTyping, type Span } from './typing';

const SOURCE = 'cognito-pool';

export interface Settings {
  readonly rules: Record<string, SeveritySetting>;
  readonly maxDocumentChars: number;
  readonly debounceMs: number;
  /** `cognitoPool.typingPauseMs`: findings on the text being typed wait this long after the last edit (0: never). */
  readonly typingPauseMs: number;
  /** `cognitoPool.identityPoolId`: offered for aud in completion and quick fixes. */
  readonly identityPoolId?: string;
}
const DEFAULT_SETTINGS: Settings = { rules: {}, maxDocumentChars: 1_000_000, debounceMs: 150, typingPauseMs: 1000 };
const MAX_TYPING_PAUSE_MS = 10_000;

/** How long a closed document's diagnostics wait before they are cleared, in case it is reopened (a language change). */
const REOPEN_GRACE_MS = 300;

/** Where the last edit of a document was (its version and spans): the text the user is typing. */
interface LastEdit {
  readonly version: number;
  readonly spans: readonly Span[];
}

/**
 * Wires everything to the connection and starts listening. One server per connection: its state lives in
 * this call.
 */
export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const lastEdit = new Map<string, LastEdit>();
  const documents = new TextDocuments({
    create: TextDocument.create,
    update(document, changes, version) {
      const spans = editedSpans(document, changes);
      if (spans) lastEdit.set(document.uri, { version, spans });
      else lastEdit.delete(document.uri);
      return TextDocument.update(document, changes, version);
    },
  });
  let ruleDocs: RuleDocLinks = NO_RULE_DOCS;
  /** Roles put together from standalone files by `cognitoPool.roles`, per workspace folder. */
  const roles = new WorkspaceRoles(runtime.roleFiles, { openDocuments: () => documents.all(), log: (message) => connection.console.warn(message) });
  /** The Terraform modules of the open .tf documents: their folders' other .tf files, templates and the JSON files they name. */
  const modules = new TerraformModules(runtime.roleFiles, {
    openDocuments: () => documents.all(),
    workspaceFolders: () => workspaceFolders.map((f) => f.uri),
    onLoaded: (inFolder) => {
      for (const doc of documents.all()) if (inFolder(doc.uri)) schedule(doc, 0);
    },
    log: (message) => connection.console.warn(message),
  });
  /** The config file (`.cognito-pool-lint.json`, package.json's `cognitoPool`) of each document; the settings win over it. */
  const configs = new DocumentConfigs(runtime.roleFiles, (message) => connection.console.warn(message));
  let workspaceFolders: readonly WorkspaceFolder[] = [];
  let hasWatchedFilesCapability = false;
  let hasWorkspaceFoldersCapability = false;
  let settings: Settings = DEFAULT_SETTINGS;
  /** The editor's own JSON validation (`json.validate`), when it has one: those syntax problems are its to report. */
  let editorJson: EditorJsonValidation | undefined;
  let catalog: Catalog | undefined;
  /**
   * The HCL parser for Terraform documents, loaded when the first one is analysed (lazyHclParser.ts); they wait for
   * it, then are analysed with it, or without it when it could not be loaded (no findings then).
   */
  let hcl: LazyHclParser | undefined;
  let hasConfigurationCapability = false;
  let clientCapabilities: ClientCapabilities = {};
  let completedInPolicyCommand = false;
  const policyDocuments = new PolicyDocuments(connection);
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The publish of the full set once typing pauses, for documents whose last publish held findings back. */
  const pausing = new Map<string, ReturnType<typeof setTimeout>>();

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    clientCapabilities = params.capabilities;
    completedInPolicyCommand = hasCompletedInPolicyCommand(params.initializationOptions);
    hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    hasWatchedFilesCapability = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    hasWorkspaceFoldersCapability = !!params.capabilities.workspace?.workspaceFolders;
    workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri.replace(/\/+$/, '').split('/').pop()! }] : []);
    const started = Date.now();
    try {
      catalog = await runtime.loadCatalog(params);
      connection.console.info(`IAM catalog ${catalog.dataVersion} (data of ${catalog.dataDate}) loaded in ${Date.now() - started} ms.`);
    } catch (error) {
      connection.console.error(`The IAM catalog could not be loaded, so policies are not analysed: ${(error as Error).message}`);
    }
    hcl = new LazyHclParser({
      load: runtime.hclParserLoader(params),
      onSettled: () => {
        for (const doc of documents.all()) {
          if (!needsHcl(doc)) continue;
          analyses.delete(doc.uri);
          schedule(doc, 0);
        }
      },
      info: (message) => connection.console.info(message),
      error: (message) => connection.console.error(message),
    });
    ruleDocs = await runtime.loadRuleDocLinks(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentSymbolProvider: { label: 'IAM policy' },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cognito-pool-policies' },
    };
  });

  connection.onInitialized(async () => {
    registerPolicyLanguageFeatures(connection, clientCapabilities);
    if (hasConfigurationCapability) await refreshSettings();
    await refreshRoles();
    // Role files may change on disk without being open: watch JSON files to re-read them.
    if (hasWatchedFilesCapability) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.json' }] });
    // Only a client that sends folder changes: the call throws for the others, and the documents opened before
    // the settings arrived would keep the diagnostics of the defaults.
    if (hasWorkspaceFoldersCapability)
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        workspaceFolders = [...workspaceFolders.filter((f) => !e.removed.some((r) => r.uri === f.uri)), ...e.added];
        await refreshRoles();
        revalidateAll();
      });
    revalidateAll(); // documents opened before the settings and the roles were read
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    if (params.changes.some((c) => isConfigFileUri(c.uri))) {
      configs.clear();
      await refreshRoles();
      revalidateAll();
      return;
    }
    if (await roles.filesChanged(params.changes)) revalidateRoleDocuments();
  });

  connection.onDidChangeConfiguration(async (change) => {
    // What a client pushes is untrusted JSON (LSPAny): readSettings and refreshRoles check it.
    const pushed = (change.settings as { cognitoPool?: { roles?: unknown } } | null | undefined)?.cognitoPool;
    if (hasConfigurationCapability) await refreshSettings();
    else settings = readSettings(pushed);
    await refreshRoles(pushed?.roles);
    revalidateAll();
  });

  function revalidateAll(): void {
    analyses.clear();
    for (const doc of documents.all()) schedule(doc, 0);
    restoredTabs.revalidate();
  }

  /** `cognitoPool.roles` of each workspace folder (resource scope: each folder may have its own). */
  async function refreshRoles(pushed?: unknown): Promise<void> {
    try {
      const values: unknown[] = hasConfigurationCapability
        ? workspaceFolders.length
          ? (
              (await connection.workspace.getConfiguration(workspaceFolders.map((f) => ({ scopeUri: f.uri, section: 'cognitoPool' })))) as ({
                roles?: unknown;
              } | null)[]
            ).map((section) => section?.roles)
          : []
        : workspaceFolders.map(() => pushed);
      // A folder without the setting takes the roles of its config file (the settings win over it).
      const folders = await Promise.all(
        workspaceFolders.map(async (f, i) =>
          isUnset(values[i]) ? ((await configs.rolesOf(f.uri)) ?? { folder: f.uri, roles: values[i] }) : { folder: f.uri, roles: values[i] },
        ),
      );
      await roles.configure(folders, { rules: settings.rules, maxDocumentChars: settings.maxDocumentChars });
    } catch (error) {
      connection.console.warn(`Could not read cognitoPool.roles: ${(error as Error).message}`);
    }
  }

  /** `cognitoPool.roles` not set for a folder: absent, or the default `{}`. */
  function isUnset(value: unknown): boolean {
    return value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0);
  }

  /** The other files of the roles changed: their findings across documents and their role may have too. */
  function revalidateRoleDocuments(except?: string): void {
    for (const doc of documents.all()) {
      if (doc.uri === except || !roles.contains(doc.uri)) continue;
      analyses.delete(doc.uri); // same version, but its identity-pool role may have changed
      schedule(doc, settings.debounceMs);
    }
  }

  async function refreshSettings(): Promise<void> {
    try {
      const [section, json] = (await connection.workspace.getConfiguration([{ section: 'cognitoPool' }, { section: 'json' }])) as unknown[];
      settings = readSettings(section);
      editorJson = readEditorJsonValidation(json);
    } catch (error) {
      connection.console.warn(`Could not read the cognitoPool settings, using defaults: ${(error as Error).message}`);
    }
  }

  /** Settings come from users' JSON: keep what is valid, say what is not. */
  function readSettings(raw: unknown): Settings {
    const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const rules: Record<string, SeveritySetting> = {};
    const rawRules = section.rules;
    if (rawRules && typeof rawRules === 'object') {
      for (const [id, value] of Object.entries(rawRules)) {
        if (isSeveritySetting(value)) rules[id] = value;
        else connection.console.warn(`cognitoPool.rules: "${id}": "${String(value)}" is not one of off, hint, information, warning, error; ignored.`);
      }
    }
    const max = typeof section.maxDocumentSize === 'number' && section.maxDocumentSize > 0 ? section.maxDocumentSize : DEFAULT_SETTINGS.maxDocumentChars;
    let identityPoolId: string | undefined;
    if (typeof section.identityPoolId === 'string' && section.identityPoolId.trim() !== '') {
      if (isIdentityPoolId(section.identityPoolId.trim())) identityPoolId = section.identityPoolId.trim();
      else connection.console.warn(`cognitoPool.identityPoolId: "${section.identityPoolId}" is not an identity pool ID (<region>:<guid>); ignored.`);
    }
    const pause = section.typingPauseMs;
    const typingPauseMs = typeof pause === 'number' && pause >= 0 ? Math.min(pause, MAX_TYPING_PAUSE_MS) : DEFAULT_SETTINGS.typingPauseMs;
    return { rules, maxDocumentChars: max, debounceMs: DEFAULT_SETTINGS.debounceMs, typingPauseMs, identityPoolId };
  }

  /** The version each document was opened with: its first content event is the open itself. */
  const openedVersion = new Map<string, number>();
  /**
   * Documents just closed, for REOPEN_GRACE_MS: a language change (the IAM Policy mode switch) is a close and an
   * open of the same document, and then its diagnostics are not cleared in between (no flicker) and the findings
   * on the text being typed stay held.
   */
  const justClosed = new Map<string, { readonly edit?: LastEdit; readonly clear: ReturnType<typeof setTimeout> }>();
  documents.onDidOpen((e) => {
    restoredTabs.opened(e.document.uri);
    openedVersion.set(e.document.uri, e.document.version);
    const closed = justClosed.get(e.document.uri);
    justClosed.delete(e.document.uri);
    if (closed) clearTimeout(closed.clear);
    if (closed?.edit?.version === e.document.version) {
      lastEdit.set(e.document.uri, closed.edit);
      schedule(e.document, 0, true);
    } else schedule(e.document, 0);
    if (roles.contains(e.document.uri)) revalidateRoleDocuments(e.document.uri);
    if (isTerraformUri(e.document.uri)) void modules.refresh(e.document.uri);
    revalidateModuleDocuments(e.document.uri);
  });
  // TextDocuments also reports the open as a content change: only real edits are debounced.
  documents.onDidChangeContent((e) => {
    if (openedVersion.get(e.document.uri) === e.document.version) return;
    schedule(e.document, settings.debounceMs, true);
    if (roles.contains(e.document.uri)) revalidateRoleDocuments(e.document.uri);
    revalidateModuleDocuments(e.document.uri);
  });
  documents.onDidClose((e) => {
    openedVersion.delete(e.document.uri);
    configs.closed(e.document.uri);
    policyDocuments.closed(e.document.uri);
    analyses.delete(e.document.uri);
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    clearTimeout(pausing.get(e.document.uri));
    pausing.delete(e.document.uri);
    const uri = e.document.uri;
    const edit = lastEdit.get(uri);
    lastEdit.delete(uri);
    clearTimeout(justClosed.get(uri)?.clear);
    justClosed.set(uri, {
      edit,
      clear: setTimeout(() => {
        justClosed.delete(uri);
        void connection.sendDiagnostics({ uri, diagnostics: [] });
      }, REOPEN_GRACE_MS),
    });
    if (roles.contains(e.document.uri)) revalidateRoleDocuments(e.document.uri);
    revalidateModuleDocuments(e.document.uri);
  });

  /** The other open .tf documents of a changed document's Terraform module: their role model changed with it. */
  function revalidateModuleDocuments(changed: string): void {
    if (!isTerraformUri(changed)) return;
    for (const doc of documents.all()) if (doc.uri !== changed && modules.sameModule(doc.uri, changed)) schedule(doc, settings.debounceMs);
  }

  /** `typing`: the publish after an edit, which holds back the findings on the text being typed (typing.ts). */
  function schedule(document: TextDocument, delay: number, typing = false): void {
    clearTimeout(pending.get(document.uri));
    clearTimeout(pausing.get(document.uri));
    pausing.delete(document.uri);
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        // Its config file first (read once, then cached): its severities and ignore globs are part of the analysis.
        void configs.load(document.uri).then(() => validate(document, typing));
      }, delay),
    );
  }

  /**
   * The latest analysis of the documents used most recently, shared by diagnostics and the editing features.
   * Bounded: a workspace with hundreds of open policies keeps only the trees someone is working with.
   */
  const analyses = new Map<string, { version: number; module: string; result: DocumentAnalysis }>();
  const MAX_CACHED_ANALYSES = 32;

  function analyze(document: TextDocument): DocumentAnalysis | undefined {
    if (!catalog || !isAnalysedUri(document.uri) || waitsForHcl(document)) return undefined;
    // Any use counts as work, a cached answer too (hover, completion, code actions ask for it): the idle
    // collection waits for a pause in all of them, not only in the edits.
    runtime.analysed?.();
    const cached = analyses.get(document.uri);
    analyses.delete(document.uri); // re-inserted below: the Map's order is the order of use
    // A .tf document's analysis also depends on the other files of its module.
    const module = modules.keyOf(document.uri);
    if (cached?.version === document.version && cached.module === module) {
      analyses.set(document.uri, cached);
      return cached.result;
    }
    const result = analyzeDocument(documentInputOf(document), catalog, runOptions(document));
    analyses.set(document.uri, { version: document.version, module, result });
    if (analyses.size > MAX_CACHED_ANALYSES) analyses.delete(analyses.keys().next().value!);
    return result;
  }

  /** Whether a document is one the HCL parser reads while the parser loads; asking starts the load. */
  function waitsForHcl(document: TextDocument): boolean {
    return needsHcl(document) && (hcl?.pending() ?? false);
  }

  /** Whether a document's analysis reads HCL: a Terraform document, or a JSON file a module's .tf file names. */
  function needsHcl(document: TextDocument): boolean {
    return readsHcl(documentInputOf(document)) || modules.moduleOf(document.uri) !== undefined;
  }

  /** The analysis options of a document (Fix All analyses its rounds with the same). */
  function runOptions(document: TextDocument): RunOptions {
    return {
      rules: configs.rulesFor(document.uri, settings.rules),
      maxDocumentChars: settings.maxDocumentChars,
      identityPool: roles.identityPoolFor(document.uri),
      syntaxReportedByEditor: syntaxReportedByEditor(document.languageId, editorJson),
      hclParser: hcl?.loaded,
      terraformModule: modules.moduleOf(document.uri),
    };
  }

  /**
   * The diagnostics of a tab restored unopened (restoredTabs.ts): analysed outside the cache of open documents,
   * and with every kind of syntax problem ours, since the editor validates only open documents.
   */
  function restoredDiagnostics(document: TextDocument): Diagnostic[] {
    if (!catalog || !isAnalysedUri(document.uri)) return [];
    const result = analyzeDocument(documentInputOf(document), catalog, { ...runOptions(document), syntaxReportedByEditor: [] });
    runtime.analysed?.();
    return findingsOf(document, result).map((f) => toDiagnostic(document, f));
  }

  /** The document's findings: its analysis's and those of the rules across documents, in document order. */
  function findingsOf(document: TextDocument, result: DocumentAnalysis): Finding[] {
    if (configs.ignored(document.uri)) return [];
    const across = configs.withSeverities(document.uri, settings.rules, roles.findingsFor(document.uri));
    return [...result.findings, ...across].sort((a, b) => a.range.start - b.range.start);
  }

  function validate(document: TextDocument, typing = false): void {
    if (!catalog) return;
    const current = documents.get(document.uri);
    if (!current || current.version !== document.version) return; // a newer version is scheduled
    if (isAnalysedUri(document.uri) && waitsForHcl(document)) return; // published once the HCL parser is loaded
    let diagnostics: Diagnostic[] = [];
    try {
      const result = analyze(document);
      if (result) {
        policyDocuments.analysed(document, result);
        let findings = findingsOf(document, result);
        const edit = lastEdit.get(document.uri);
        if (typing && settings.typingPauseMs > 0 && edit?.version === document.version) {
          const shown = findings.filter((f) => !heldWhileTyping(f, edit.spans));
          if (shown.length < findings.length) {
            // The full set once typing pauses: typingPauseMs after the edit, this publish came debounceMs after it.
            const delay = Math.max(0, settings.typingPauseMs - settings.debounceMs);
            pausing.set(
              document.uri,
              setTimeout(() => {
                pausing.delete(document.uri);
                validate(document);
              }, delay),
            );
          }
          findings = shown;
        }
        diagnostics = findings.map((f) => toDiagnostic(document, f));
      }
    } catch (error) {
      // A bug of ours must not take the server down or leave stale diagnostics: log it and clear.
      connection.console.error(`Analysis of ${document.uri} failed: ${(error as Error).stack ?? String(error)}`);
    }
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    information: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint,
  };

  function toDiagnostic(document: TextDocument, f: Finding): Diagnostic {
    const range = { start: document.positionAt(f.range.start), end: document.positionAt(f.range.end) };
    const href = ruleDocs.href(f.ruleId);
    return {
      range,
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      codeDescription: href ? { href } : undefined,
      source: SOURCE,
      message: f.message,
      relatedInformation: f.related?.flatMap((r) => {
        const location = relatedLocation(document, r);
        return location ? [{ location, message: r.message }] : [];
      }),
      data: f.data,
    };
  }

  registerEditingFeatures({
    connection,
    documents,
    catalog: () => catalog,
    settings: () => settings,
    analyze,
    runOptions,
    toDiagnostic,
    completedInPolicyCommand: () => completedInPolicyCommand,
  });
  registerFlowRequests({
    connection,
    documents,
    catalog: () => catalog,
    settings: () => settings,
    analyze,
    roleModelOptions: (document) => ({
      key: modules.keyOf(document.uri),
      ...(hcl?.loaded && { hclParser: hcl.loaded }),
      ...(modules.moduleOf(document.uri) && { terraformModule: modules.moduleOf(document.uri) }),
    }),
  });
  registerRuleDocRequest(connection, () => ruleDocs);
  registerSemanticTokens({ connection, documents, analyze });
  const restoredTabs = registerRestoredTabs({ connection, documents, diagnosticsOf: restoredDiagnostics });

  /**
   * Where a related location is. Another document (a role's trust policy in another file) needs its own text to
   * turn offsets into positions: the open document, or the text the role model read; without it, left out.
   */
  function relatedLocation(document: TextDocument, r: RelatedLocation) {
    const source =
      !r.document || r.document === document.uri ? document : (documents.get(r.document) ?? restoredTabs.get(r.document) ?? otherDocumentText(r.document));
    return source ? { uri: source.uri, range: { start: source.positionAt(r.range.start), end: source.positionAt(r.range.end) } } : undefined;
  }

  /** Texts of documents that are not open, as the role model read them. */
  function otherDocumentText(uri: string): TextDocument | undefined {
    const text = roles.textOf(uri) ?? modules.textOf(uri);
    return text === undefined ? undefined : TextDocument.create(uri, 'json', 0, text);
  }

  documents.listen(connection);
  connection.listen();
}
