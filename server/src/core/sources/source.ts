/**
 * An input format: a source detects whether a document is in its format and reads it into what the analysis
 * needs (plain data, offsets into the document's text): the policies in it with their ranges, its part of the
 * role model, its own findings (syntax, size). It never runs checks: the runners in analyze/ do, the same for
 * every source. The sources are listed, in the order they are asked, in sources/registry.ts.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { PolicyDocument, PolicyKind, PolicyVariant, Range } from '../model/policy';
import type { DocumentId, RoleWorkspace } from '../model/roles';
import type { Reported } from '../rules/report';
import type { HclParser } from './terraform/hclTree';

/** Larger documents are not analysed (IAM's own limit is 10,240 characters for a managed policy). */
export const DEFAULT_MAX_DOCUMENT_CHARS = 1_000_000;

import type { Syntax } from '../model/policy';

/** The syntaxes sources read (model/policy.ts); how hosts name them (language ids, file names) is in sources/registry.ts. */
export type { Syntax };

/** What a document is, as the analysis reports it: a policy file's kind, or the format holding policies. */
export type DocumentKind = PolicyKind | 'template';

/** A document as a host knows it. Hosts say what they know: an editor its language id, the CLI the file name. */
export interface DocumentInput {
  readonly text: string;
  /** The document's name in the role model and in related locations (`DocumentId`: a URI, a path). Default `''`. */
  readonly id?: DocumentId;
  /** The editor's language id (`json`, `jsonc`, `yaml`), when the host is an editor. */
  readonly languageId?: string;
  /** The file's name or path, when the host knows the file but no language id (the CLI). */
  readonly fileName?: string;
}

/** A document as sources see it: the host's description resolved to one syntax (sources/registry.ts: syntaxOf). */
export interface SourceDocument {
  readonly text: string;
  readonly id: DocumentId;
  readonly syntax: Syntax;
  /** Larger documents are not analysed (`cognitoPool.maxDocumentSize`). */
  readonly maxDocumentChars: number;
  /** The host's HCL parser (RunOptions.hclParser); without it, Terraform documents are not read. */
  readonly hclParser?: HclParser;
  /** The other files of the document's Terraform module (RunOptions.terraformModule). */
  readonly moduleFiles?: readonly ModuleFileInput[];
}

/** A file of a Terraform module as a host read it: its name in the role model and its text. */
export interface ModuleFileInput {
  readonly id: DocumentId;
  readonly text: string;
  /**
   * A template file of the module's folder (`.tpl`, `.tftpl`: what `templatefile()` and `file()` read), not a
   * `.tf` file: its policy is the policy of the attribute that names it.
   */
  readonly template?: boolean;
  /**
   * A JSON file a .tf file of the module names (`file("policies/guest.json")`), not a .tf file: its policy is the
   * policy of the attribute that names it. Hosts pass only the .json files the module's .tf files name
   * (namedJsonFiles), and a .json document its module only when one of them names it.
   */
  readonly policyFile?: boolean;
}

/**
 * How many folders under a module's folder the hosts read its template files from (`policies/guest.json.tpl`),
 * and the JSON files its .tf files name (`policies/guest.json`): the CLI and the language server put those into
 * the module, and a template or JSON file's module is the nearest folder this many above it (or its own) that has
 * .tf files.
 */
export const MODULE_TEMPLATE_DEPTH = 2;

/** A policy a source found, with its range in the document (the whole text for a policy file). */
export interface SourcePolicy {
  readonly range: Range;
  /** The parsed policy; its ranges are offsets into the document's text. */
  readonly document: PolicyDocument;
  /**
   * The roles of the source's role model (`SourceRead.roles`) the policy belongs to: the runner analyses an
   * identity policy as the identity-pool role they give it. Undefined: the source cannot say, the host's word
   * (AnalyzeOptions.identityPool) or the document decides.
   */
  readonly roles?: readonly string[];
  /**
   * The policy's readings under each condition of a template's `Fn::If`s around whole parts (model/policy.ts):
   * the runner checks these instead of `document`, which has those parts open (analyze/variants.ts).
   */
  readonly variants?: readonly PolicyVariant[];
  /**
   * Read for the editing features only, no check runs on it: a policy being typed that the parser could not read
   * (a Terraform block with a name standing alone), whose structure is in doubt.
   */
  readonly editingOnly?: boolean;
}

/** Whether the checks run on a policy a source read: a policy (not a document that is none) not read for editing only. */
export function isChecked(policy: Pick<SourcePolicy, 'document' | 'editingOnly'>): boolean {
  return policy.document.kind !== 'not-a-policy' && !policy.editingOnly;
}

export interface SourceRead<P extends SourcePolicy = SourcePolicy> {
  readonly kind: DocumentKind;
  readonly policies: readonly P[];
  /** The document's part of the role model (its document ids: `SourceDocument.id`); undefined: it has none. */
  readonly roles?: RoleWorkspace;
  /** The source's own findings (syntax errors, size notices), before the user's severities. */
  readonly findings: readonly Reported[];
  /**
   * The syntax errors leave the structure in doubt: only `findings` are reported, no checks run (the policies
   * are still listed for the editing features).
   */
  readonly checksBlocked?: boolean;
  /**
   * The whole document's parse tree when it is more than its policies (a template: intrinsic functions as
   * `{"Fn::Sub": ...}` objects), for features that look outside the policies (semantic tokens).
   */
  readonly tree?: JsonNode;
}

/** What detect found: whatever it parsed to decide, handed to read so nothing is parsed twice. */
export interface Detection<T> {
  readonly parsed: T;
  /**
   * Not clearly this format, but this source reads the document when no other source detects it (a JSON
   * document that is not a policy yet: completion needs its tree).
   */
  readonly fallback?: boolean;
}

export interface Source<T = unknown, P extends SourcePolicy = SourcePolicy> {
  /** A short name (`json`, `cloudformation`). */
  readonly id: string;
  /** Whether the document is in this source's format; undefined when it is not. Precision first. */
  detect(document: SourceDocument): Detection<T> | undefined;
  read(document: SourceDocument, parsed: T): SourceRead<P>;
}
