/**
 * LSP wiring of the flow panel: `cognitoPool/flow` builds the token-to-credentials flow model of a role from
 * open documents (the followed one and those the user added), `cognitoPool/documentKind` says whether a
 * document is a policy the panel applies to. Parsing and conversions only; the model comes from core/flow.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  buildFlowModel,
  buildPoolFlowModel,
  flowInputsFrom,
  flowToMermaid,
  hasPool,
  isChecked,
  parsePolicy,
  readRoleModel,
  type Catalog,
  type FlowPolicy,
  type PolicyDocument,
  type RoleWorkspace,
  type RunOptions,
} from '../core';
import { letsIdentityPoolsAssume } from '../core/iam/principals';
import type { DocumentAnalysis } from '../core/analyze/analyzeDocument';
import { isAnalysedUri } from './schemes';
import { DOCUMENT_KIND_REQUEST, FLOW_REQUEST, type DocumentKindResult, type DocumentSummary, type FlowDocument, type FlowResult } from '../protocol';

export interface FlowHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  catalog(): Catalog | undefined;
  settings(): { readonly maxDocumentChars: number; readonly identityPoolId?: string };
  /** The server's (cached) analysis of a document, for its summary; undefined without a catalog. */
  analyze(document: TextDocument): DocumentAnalysis | undefined;
  /**
   * What reading a document's role model takes besides its text: a Terraform document's parser and module files
   * (their texts also place the panel's links), and a key that changes when they do.
   */
  roleModelOptions(document: TextDocument): Pick<RunOptions, 'hclParser' | 'terraformModule'> & { readonly key: string };
}

/** What the language status item says about a document, from its analysis. */
export function documentSummary(analysis: DocumentAnalysis): DocumentSummary {
  const policies = { identity: 0, trust: 0, resource: 0 };
  const roles = new Set<'authenticated' | 'guest'>();
  for (const p of analysis.policies) {
    const kind = p.document.kind;
    // A policy read only for completion while a name is typed in it is not one yet: nothing in it is checked.
    if (kind === 'not-a-policy' || !isChecked(p)) continue; // (the kind's test narrows it for the count)
    policies[kind]++;
    if (kind === 'identity' && p.identityPool?.role) roles.add(p.identityPool.role);
  }
  const kind = analysis.kind;
  const summary = { kind, policies, identityPoolRoles: [...roles].sort() };
  if (kind !== 'template') return summary;
  return { ...summary, templateFormat: analysis.source === 'terraform' ? 'terraform' : 'cloudformation' };
}

/** At most this many documents are added to one role (a role has one trust policy and at most 20 managed policies plus inline ones). */
const MAX_WITH = 32;

export function registerFlowRequests(host: FlowHost): void {
  const { connection, documents } = host;
  const parsed = new Map<string, { version: number; policy: PolicyDocument }>();
  documents.onDidClose((e) => parsed.delete(e.document.uri));

  /** The document's policy model, parsed once per version; undefined past the size limit. */
  const policyOf = (document: TextDocument): PolicyDocument | undefined => {
    const cached = parsed.get(document.uri);
    if (cached?.version === document.version) return cached.policy;
    if (document.getText().length > host.settings().maxDocumentChars) return undefined;
    const policy = parsePolicy(document.getText());
    parsed.set(document.uri, { version: document.version, policy });
    return policy;
  };
  interface PoolDocument {
    readonly workspace: RoleWorkspace;
    /** The texts of the module's other files (Terraform), for positions. */
    readonly texts: ReadonlyMap<string, string>;
  }
  const pools = new Map<string, { version: number; key: string; pool: PoolDocument | undefined }>();
  documents.onDidClose((e) => pools.delete(e.document.uri));
  /**
   * The role model of a document of a whole identity pool (a template or a Terraform module with a pool), read
   * once per version (and module); undefined for other documents.
   */
  const poolOf = (document: TextDocument): PoolDocument | undefined => {
    const { key, ...options } = host.roleModelOptions(document);
    const cached = pools.get(document.uri);
    if (cached?.version === document.version && cached.key === key) return cached.pool;
    const read = readRoleModel({ text: document.getText(), id: document.uri, languageId: document.languageId }, options);
    const workspace = read.kind === 'template' && read.roles && read.syntax.length === 0 && hasPool(read.roles) ? read.roles : undefined;
    const pool = workspace && { workspace, texts: new Map((options.terraformModule ?? []).map((f) => [f.id, f.text])) };
    pools.set(document.uri, { version: document.version, key, pool });
    return pool;
  };
  const usable = (policy: PolicyDocument): 'trust' | 'identity' | undefined =>
    policy.kind === 'identity' ? 'identity' : policy.kind === 'trust' && letsIdentityPoolsAssume(policy) ? 'trust' : undefined;

  connection.onRequest(DOCUMENT_KIND_REQUEST, (params: unknown): DocumentKindResult => {
    const uri = uriOf(params);
    const document = uri === undefined || !isAnalysedUri(uri) ? undefined : documents.get(uri);
    if (!document) return { kind: 'closed', flow: false };
    return guarded<DocumentKindResult>(connection, 'documentKind', document.uri, { kind: 'closed', flow: false }, () => {
      const policy = policyOf(document);
      if (!policy) return { kind: 'too-large', flow: false };
      const analysis = host.analyze(document);
      const pool = policy.kind === 'not-a-policy' && poolOf(document) !== undefined;
      return {
        kind: policy.kind,
        flow: pool || usable(policy) !== undefined,
        ...(pool && { pool: true }),
        ...(analysis ? { summary: documentSummary(analysis) } : {}),
      };
    });
  });

  connection.onRequest(FLOW_REQUEST, (params: unknown): FlowResult => {
    const uri = uriOf(params);
    const p = (params ?? {}) as Record<string, unknown>;
    const inputs = p.inputs === undefined ? {} : flowInputsFrom(p.inputs);
    const added = Array.isArray(p.with) ? p.with.filter((u): u is string => typeof u === 'string').slice(0, MAX_WITH) : [];
    const document = uri === undefined ? undefined : documents.get(uri);
    if (!document || !inputs) return { kind: 'closed', notes: [!document ? 'The document is not open.' : 'The inputs are malformed.'], documents: [] };
    return guarded<FlowResult>(
      connection,
      'Flow',
      document.uri,
      { kind: 'closed', notes: ['The flow could not be built; see the output channel.'], documents: [] },
      () => {
        const names = new DocumentNames();
        const candidates: FlowDocument[] = [];
        for (const other of documents.all()) {
          if (other.uri === document.uri || !isAnalysedUri(other.uri)) continue;
          const policy = policyOf(other);
          const kind = policy && usable(policy);
          if (kind) candidates.push({ uri: other.uri, name: names.of(other.uri), kind });
        }
        const policy = policyOf(document);
        if (!policy)
          return {
            kind: 'too-large',
            notes: [`The document is longer than cognitoPool.maxDocumentSize (${host.settings().maxDocumentChars} characters).`],
            documents: candidates,
          };
        const pool = policy.kind === 'not-a-policy' ? poolOf(document) : undefined;
        if (pool) {
          const model = buildPoolFlowModel(
            {
              workspace: pool.workspace,
              text: (id) => (id === document.uri ? document.getText() : (documents.get(id)?.getText() ?? pool.texts.get(id))),
              name: (id) => names.of(id),
            },
            inputs,
            { catalog: host.catalog(), now: new Date(), identityPoolId: host.settings().identityPoolId },
          );
          return { kind: policy.kind, version: document.version, pool: true, model, mermaid: flowToMermaid(model), notes: [], documents: [] };
        }
        const kind = usable(policy);
        if (!kind) {
          const why =
            policy.kind === 'trust'
              ? 'This trust policy does not let identity pools (cognito-identity.amazonaws.com) assume the role.'
              : policy.kind === 'resource'
                ? 'This is a resource-based policy: the flow panel shows the trust and permission policies of identity-pool roles.'
                : 'This document is neither an IAM policy nor a template with an identity pool (an AWS::Cognito::IdentityPool, or roles attached to one).';
          return { kind: policy.kind, version: document.version, notes: [why], documents: candidates };
        }
        const notes: string[] = [];
        const main: FlowPolicy = { document: document.uri, name: names.of(document.uri), policy };
        let trust = kind === 'trust' ? main : undefined;
        const permissions = kind === 'identity' ? [main] : [];
        for (const u of new Set(added)) {
          const candidate = candidates.find((c) => c.uri === u);
          if (!candidate) continue; // closed since, or no longer a policy: the list the panel gets says so
          const source: FlowPolicy = { document: u, name: candidate.name, policy: policyOf(documents.get(u)!)! };
          if (candidate.kind === 'identity') permissions.push(source);
          else if (!trust) trust = source;
          else notes.push(`${candidate.name} is not used: a role has one trust policy, and ${trust.name} is it.`);
        }
        const model = buildFlowModel({ trust, permissions }, inputs, {
          catalog: host.catalog(),
          now: new Date(),
          identityPoolId: host.settings().identityPoolId,
        });
        return { kind: policy.kind, version: document.version, model, mermaid: flowToMermaid(model), notes, documents: candidates };
      },
    );
  });
}

function uriOf(params: unknown): string | undefined {
  const uri = (params as { uri?: unknown } | null | undefined)?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

/** Runs a request; a bug of ours is logged, never thrown at the client. */
function guarded<T>(connection: Connection, what: string, uri: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    connection.console.error(`${what} for ${uri} failed: ${(error as Error).stack ?? String(error)}`);
    return fallback;
  }
}

/** Short names for documents: the file name, with the parent folder when two open files share a name. */
class DocumentNames {
  private readonly names = new Map<string, string>();

  of(uri: string): string {
    let name = this.names.get(uri);
    if (name === undefined) {
      name = fileName(uri);
      const taken = new Set(this.names.values());
      if (taken.has(name)) name = `${fileName(uri, 2)}`;
      this.names.set(uri, name);
    }
    return name;
  }
}

/** The last `parts` segments of a URI's path, decoded (`untitled:Untitled-1` -> `Untitled-1`). */
function fileName(uri: string, parts = 1): string {
  const path = uri.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '').split(/[?#]/)[0];
  const segments = path.split('/').filter(Boolean);
  const picked = segments.slice(-parts).join('/') || uri;
  try {
    return decodeURIComponent(picked);
  } catch {
    return picked;
  }
}

// The wire format (protocol/flow.ts) copies the core's model; it is checked where FlowResult is built above.
