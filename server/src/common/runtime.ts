/**
 * What a host supplies to the language server besides its connection (see startServer): the extension's own
 * files (the IAM catalog, the README that documents the rules) and the workspace's files (cognitoPool.roles).
 * node/main.ts reads them from disk; browser/main.ts, in a Worker with no file system, gets them from the client.
 */
import type { InitializeParams } from 'vscode-languageserver';
import type { Catalog, HclParser } from '../core';
import type { RuleDocLinks } from './ruleDocs';
import type { RoleFiles } from './workspaceRoles';

export interface ServerRuntime {
  /**
   * The IAM catalog, loaded once while the server initializes (the client waits for the answer, so every
   * document is analysed with it). Rejects with a message that says what to do when it cannot be loaded.
   */
  loadCatalog(params: InitializeParams): Promise<Catalog>;
  /**
   * How to load the HCL parser for Terraform documents (WebAssembly). Called once while the server initializes,
   * it loads nothing: it keeps what a load needs (the browser host its WebAssembly from `initializationOptions`)
   * and returns the load, which the server calls on first need (a Terraform document), at most once
   * (lazyHclParser.ts). The load rejects when the parser cannot be loaded: Terraform files are not analysed then.
   */
  hclParserLoader(params: InitializeParams): () => Promise<HclParser>;
  /** Where each rule is documented (codeDescription.href of the diagnostics); never rejects: no links then. */
  loadRuleDocLinks(params: InitializeParams): Promise<RuleDocLinks>;
  /**
   * The workspace files the role models of cognitoPool.roles read. Used only after `initialized` (a server
   * cannot ask the client anything before).
   */
  readonly roleFiles: RoleFiles;
  /**
   * Called on each use of a document's analysis (an edit's, or a cached one a hover or completion asks for):
   * the Node host collects garbage once the server is idle
   * (node/idleCollection.ts). Optional.
   */
  readonly analysed?: () => void;
}
