/**
 * The language server under Node (dist/server.js, started by the extension over IPC, by tests over stdio):
 * the connection of vscode-languageserver/node and a runtime that reads the extension's and the workspace's
 * files from disk.
 */
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../common/server';
import { loadCatalogFromFile } from './loadCatalog';
import { loadHclParser } from './loadHclParser';
import { loadRuleDocLinks } from './ruleDocs';
import { diskRoleFiles } from './workspaceRoles';
import { idleCollector } from './idleCollection';

const collector = idleCollector();

startServer(createConnection(ProposedFeatures.all), {
  // dist/catalog.json next to the bundle; the README one folder up, at the extension's root.
  loadCatalog: async () => loadCatalogFromFile(),
  // dist/web-tree-sitter.wasm and dist/tree-sitter-terraform.wasm next to the bundle, read on first need.
  hclParserLoader: () => () => loadHclParser(),
  loadRuleDocLinks: async () => loadRuleDocLinks(path.join(__dirname, '..', 'README.md')),
  roleFiles: diskRoleFiles(),
  analysed: () => collector.busy(),
});
