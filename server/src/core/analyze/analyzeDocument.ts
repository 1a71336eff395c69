/**
 * Any document, for every host: the server gives the editor's language id, the CLI the file name, and the same
 * registry (sources/registry.ts) decides which source reads it: a policy file (JSON), a CloudFormation/SAM
 * template (JSON or YAML) holding policies, or neither. The findings to publish, and the policies with their
 * parse trees (offsets into the document's text) for the editing features.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Catalog } from '../catalog/types';
import type { Finding } from '../model/findings';
import type { RoleWorkspace } from '../model/roles';
import { SOURCES, syntaxOf } from '../sources/registry';
import { DEFAULT_MAX_DOCUMENT_CHARS, type DocumentInput, type DocumentKind, type Source, type SourceDocument, type Syntax } from '../sources/source';
import { documentAt } from './variants';
import { runSource, type RunOptions, type RunPolicy } from './runSource';
import { applySuppressions } from './suppressions';

export type AnalyzedPolicy = RunPolicy;

export interface DocumentAnalysis {
  readonly kind: DocumentKind;
  readonly syntax: Syntax;
  /** The source that read the document (`json`, `cloudformation`); undefined when none did. */
  readonly source?: string;
  readonly findings: readonly Finding[];
  /** A policy file: one policy over the whole text; a template: its embedded policies. */
  readonly policies: readonly AnalyzedPolicy[];
  /** The source's whole-document tree, when it has one beside the policies (SourceRead.tree: a template's). */
  readonly tree?: JsonNode;
}

/** The first source that detects the document reads it; a fallback detection only when no source detects it. */
export function analyzeDocument(input: DocumentInput, catalog: Catalog, options: RunOptions = {}): DocumentAnalysis {
  const document: SourceDocument = {
    text: input.text,
    id: input.id ?? '',
    syntax: syntaxOf(input),
    maxDocumentChars: options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS,
    ...(options.hclParser && { hclParser: options.hclParser }),
    ...(options.terraformModule && { moduleFiles: options.terraformModule }),
  };
  let fallback: { readonly source: Source; readonly parsed: unknown } | undefined;
  for (const source of SOURCES) {
    const detected = source.detect(document);
    if (!detected) continue;
    if (!detected.fallback) return analyzeWith(source, detected.parsed);
    fallback ??= { source, parsed: detected.parsed };
  }
  if (fallback) return analyzeWith(fallback.source, fallback.parsed);
  return { kind: 'not-a-policy', syntax: document.syntax, findings: [], policies: [] };

  function analyzeWith(source: Source, parsed: unknown): DocumentAnalysis {
    const read = source.read(document, parsed);
    const run = runSource(document, read, catalog, options);
    const { policies } = run;
    const findings = applySuppressions(document.text, document.syntax, run.findings, options.rules, options.hclParser);
    return { kind: read.kind, syntax: document.syntax, source: source.id, findings, policies, ...(read.tree && { tree: read.tree }) };
  }
}

/** The policy the offset is in (the innermost for a template). */
export function policyAt(analysis: DocumentAnalysis, offset: number): AnalyzedPolicy | undefined {
  const p = analysis.policies.find((x) => x.range.start <= offset && offset <= x.range.end);
  // In a template's Fn::If branch: the reading that takes it.
  return p?.variants ? { ...p, document: documentAt(p, { start: offset, end: offset }) } : p;
}

export type { DocumentInput };

/** What a source reads of a document for the role model, without running a check (the simulator's input). */
export interface DocumentRoles {
  readonly kind: DocumentKind;
  /** The document's part of the role model; undefined when its source has none (a policy file). */
  readonly roles?: RoleWorkspace;
  /** The source's syntax findings (rule ids `json-syntax`, `yaml-syntax`), first first. */
  readonly syntax: readonly { readonly range: { readonly start: number; readonly end: number }; readonly message: string }[];
}

/**
 * The role model of a document (a template's), read by the source that detects it, as analyzeDocument picks it;
 * a `.tf` file's is its whole module's (`terraformModule`: the folder's other `.tf` files), with the host's parser.
 */
export function readRoleModel(input: DocumentInput, options: Pick<RunOptions, 'hclParser' | 'terraformModule'> = {}): DocumentRoles {
  const document: SourceDocument = {
    text: input.text,
    id: input.id ?? '',
    syntax: syntaxOf(input),
    maxDocumentChars: DEFAULT_MAX_DOCUMENT_CHARS,
    ...(options.hclParser && { hclParser: options.hclParser }),
    ...(options.terraformModule && { moduleFiles: options.terraformModule }),
  };
  let fallback: { readonly source: Source; readonly parsed: unknown } | undefined;
  for (const source of SOURCES) {
    const detected = source.detect(document);
    if (!detected) continue;
    if (!detected.fallback) return read(source, detected.parsed);
    fallback ??= { source, parsed: detected.parsed };
  }
  return fallback ? read(fallback.source, fallback.parsed) : { kind: 'not-a-policy', syntax: [] };

  function read(source: Source, parsed: unknown): DocumentRoles {
    const r = source.read(document, parsed);
    const syntax = r.findings.filter((f) => f.ruleId === 'json-syntax' || f.ruleId === 'yaml-syntax').map((f) => ({ range: f.range, message: f.message }));
    return { kind: r.kind, ...(r.roles && { roles: r.roles }), syntax };
  }
}
