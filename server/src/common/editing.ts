/**
 * LSP wiring of the core's editing features: completion, hover, quick fixes and Fix All, the
 * outline, and the folding and formatting of the IAM Policy language mode. Conversions between offsets and
 * positions and between core and LSP types only.
 */
import {
  CodeActionKind,
  CodeActionTriggerKind,
  CompletionItemKind,
  CompletionTriggerKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type FormattingOptions,
  type TextDocuments,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  complete,
  documentSymbols,
  readingsOfPolicy,
  fixAllToFixedPoint,
  foldingRanges,
  formatEdits,
  hover,
  quickFixes,
  type Catalog,
  type CompletionEntry,
  type CompletionKind,
  type Finding,
  type PolicyDocument,
  type PolicySymbol,
  type Range,
  type RunOptions,
} from '../core';
import { policyAt, type DocumentAnalysis } from '../core/analyze/analyzeDocument';
import { COMPLETED_IN_POLICY_COMMAND, JSON_LANGUAGE_IDS } from '../protocol';
import { documentInputOf } from './documents';
import type { Settings } from './server';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cognitoPool`;

export interface EditingHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  catalog(): Catalog | undefined;
  settings(): Settings;
  /** The (cached) analysis of the document's current version. */
  analyze(document: TextDocument): DocumentAnalysis | undefined;
  /** The options `analyze` uses (Fix All re-analyses each round with them). */
  runOptions(document: TextDocument): RunOptions;
  toDiagnostic(document: TextDocument, finding: Finding): Diagnostic;
  /** The client has COMPLETED_IN_POLICY_COMMAND (its initializationOptions said so). */
  completedInPolicyCommand(): boolean;
}

const COMPLETION_KINDS: Readonly<Record<CompletionKind, CompletionItemKind>> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  service: CompletionItemKind.Module,
  action: CompletionItemKind.Function,
  wildcard: CompletionItemKind.Constant,
  arn: CompletionItemKind.Reference,
  operator: CompletionItemKind.Operator,
  key: CompletionItemKind.Field,
  variable: CompletionItemKind.Variable,
  principal: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

const SYMBOL_KINDS: Readonly<Record<PolicySymbol['kind'], SymbolKind>> = {
  'policy-element': SymbolKind.Property,
  statement: SymbolKind.Object,
  condition: SymbolKind.Operator,
  'condition-key': SymbolKind.Key,
};

export function registerEditingFeatures(host: EditingHost): void {
  const { connection, documents } = host;

  /** Runs a feature; a bug of ours is logged, never thrown at the editor. */
  const guarded = <T>(what: string, uri: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      connection.console.error(`${what} in ${uri} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  };

  /** The policy at the offset (a policy file's, or one embedded in a template). */
  const policyOf = (document: TextDocument, offset: number) => {
    const analysis = host.analyze(document);
    const policy = analysis && policyAt(analysis, offset);
    return policy && analysis ? { analysis, doc: policy.document } : undefined;
  };

  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    const catalog = host.catalog();
    if (!document || !catalog) return null;
    return guarded('Completion', document.uri, null, () => {
      const offset = document.offsetAt(params.position);
      const found = policyOf(document, offset);
      if (!found) return null;
      const doc = found.doc;
      if (doc.kind === 'not-a-policy' && !isPolicyInTheMaking(doc, document.uri)) return null;
      const entries = complete(doc, offset, catalog, {
        identityPoolId: host.settings().identityPoolId,
        syntax: found.analysis.syntax,
        triggerCharacter: params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined,
      });
      // In a JSON policy file (not a template), accepting one of ours switches it to the IAM Policy mode.
      // (A JSON file with a `Version` key of its own, a manifest, is completed but never switched.)
      const inPolicyFile =
        host.completedInPolicyCommand() &&
        JSON_LANGUAGE_IDS.includes(document.languageId) &&
        found.analysis.source === 'json' &&
        (doc.kind !== 'not-a-policy' || isFreshPolicyObject(doc, document.uri));
      return { isIncomplete: false, items: entries.map((e) => toCompletionItem(document, e, inPolicyFile)) };
    });
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    const catalog = host.catalog();
    if (!document || !catalog) return null;
    return guarded('Hover', document.uri, null, () => {
      const offset = document.offsetAt(params.position);
      const doc = policyOf(document, offset)?.doc;
      if (!doc || doc.kind === 'not-a-policy') return null;
      const result = hover(doc, offset, catalog);
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: toRange(document, result.range) } : null;
    });
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return guarded('Code actions', document.uri, null, () => {
      const analysis = host.analyze(document);
      if (!analysis || analysis.policies.length === 0) return null;
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const options = { identityPoolId: host.settings().identityPoolId, syntax: analysis.syntax };
      // Each policy's fixes from the findings inside it (a template's findings span several policies).
      const perPolicy = analysis.policies.flatMap((p) => readingsOfPolicy(analysis, p));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        const range = { start: document.offsetAt(params.range.start), end: document.offsetAt(params.range.end) };
        for (const fix of perPolicy.flatMap((p) => quickFixes(p.doc, p.findings, range, options))) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            isPreferred: fix.isPreferred,
            diagnostics: [host.toDiagnostic(document, fix.finding)],
            edit: { changes: { [document.uri]: fix.edits.map((e) => ({ range: toRange(document, e.range), newText: e.newText })) } },
          });
        }
      }
      const catalog = host.catalog();
      // The lightbulb's automatic requests (on every cursor move, no `only`) never show source actions: the
      // fixed point, which may analyse the document again, is computed only when asked for.
      const automatic = !only && params.context.triggerKind === CodeActionTriggerKind.Automatic;
      if (wants(FIX_ALL_KIND) && catalog && !automatic) {
        // To the fixed point: the fixes a fix makes possible are in the same edit (core/analyze/fixAll.ts).
        const { edits } = fixAllToFixedPoint(
          documentInputOf(document),
          catalog,
          { ...host.runOptions(document), identityPoolId: options.identityPoolId },
          analysis,
        );
        if (edits.length > 0) {
          actions.push({
            title: 'Fix all auto-fixable identity-pool policy problems',
            kind: FIX_ALL_KIND,
            edit: { changes: { [document.uri]: edits.map((e) => ({ range: toRange(document, e.range), newText: e.newText })) } },
          });
        }
      }
      return actions;
    });
  });

  // The IAM Policy language mode only (policyLanguage.ts registers them for it): JSON documents keep the
  // editor's own folding and formatter.
  connection.onFoldingRanges((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return guarded('Folding', document.uri, null, () =>
      foldingRanges(document.getText()).flatMap((r): FoldingRange[] => {
        // From the opening bracket's line to the line before the closing one (which stays visible).
        const startLine = document.positionAt(r.start).line;
        const endLine = document.positionAt(r.end).line - 1;
        return endLine > startLine ? [{ startLine, endLine }] : [];
      }),
    );
  });
  const format = (uri: string, options: FormattingOptions, range?: LspRange) => {
    const document = documents.get(uri);
    if (!document) return null;
    return guarded('Formatting', document.uri, null, () => {
      const offsets = range && { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
      const formatOptions = { tabSize: options.tabSize, insertSpaces: options.insertSpaces, insertFinalNewline: options.insertFinalNewline };
      return formatEdits(document.getText(), offsets, formatOptions).map((e): LspTextEdit => ({ range: toRange(document, e.range), newText: e.newText }));
    });
  };
  connection.onDocumentFormatting((params) => format(params.textDocument.uri, params.options));
  connection.onDocumentRangeFormatting((params) => format(params.textDocument.uri, params.options, params.range));

  connection.onDocumentSymbol((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return guarded('Outline', document.uri, null, () => {
      const analysis = host.analyze(document);
      // The outline of a policy file; templates keep the editor's own YAML/JSON outline.
      const doc = analysis?.kind !== 'template' ? analysis?.policies[0]?.document : undefined;
      if (!doc || doc.kind === 'not-a-policy') return null;
      return documentSymbols(doc).map((s) => toDocumentSymbol(document, s));
    });
  });
}

/**
 * A policy being written is not classified as one until it has statements: complete it anyway when it
 * already has Version or Statement, or is a fresh object (no key yet but the one being typed, e.g. the `""` of
 * `{ "| }`) in a file named like a policy or an untitled document. Other JSON files (package.json, settings)
 * get nothing from us.
 */
function isPolicyInTheMaking(doc: PolicyDocument, uri: string): boolean {
  if (doc.root?.type !== 'object') return false;
  return doc.elements.some((e) => e.key === 'Version' || e.key === 'Statement') || isFreshPolicyObject(doc, uri);
}

/** An object with only policy elements being typed (or none yet), in a file named like a policy or untitled. */
function isFreshPolicyObject(doc: PolicyDocument, uri: string): boolean {
  if (doc.root?.type !== 'object') return false;
  const name = uri.slice(uri.lastIndexOf('/') + 1).toLowerCase();
  const named = uri.startsWith('untitled:') || name.includes('policy') || name.includes('trust') || name.includes('role');
  return named && doc.elements.every((e) => isElementInTheMaking(e.key));
}

/** A key being typed towards a policy element: empty, or the start of `Version`, `Id` or `Statement`. */
function isElementInTheMaking(key: string): boolean {
  const lower = key.toLowerCase();
  return ['version', 'id', 'statement'].some((element) => element.startsWith(lower));
}

function toRange(document: TextDocument, range: Range) {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

function toCompletionItem(document: TextDocument, e: CompletionEntry, inPolicyFile: boolean): CompletionItem {
  return {
    label: e.label,
    kind: COMPLETION_KINDS[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
    textEdit: { range: toRange(document, e.replace), newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: e.sortText,
    filterText: e.filterText,
    preselect: e.preselect,
    additionalTextEdits: e.additionalEdits?.map((a) => ({ range: toRange(document, a.range), newText: a.newText })),
    command: inPolicyFile
      ? { title: 'Open as IAM Policy', command: COMPLETED_IN_POLICY_COMMAND, arguments: [document.uri, e.retrigger === true] }
      : e.retrigger
        ? RETRIGGER
        : undefined,
  };
}

function toDocumentSymbol(document: TextDocument, s: PolicySymbol): DocumentSymbol {
  return {
    name: s.name || ' ',
    detail: s.detail,
    kind: SYMBOL_KINDS[s.kind],
    range: toRange(document, s.range),
    selectionRange: toRange(document, s.selectionRange),
    children: s.children.map((c) => toDocumentSymbol(document, c)),
  };
}
