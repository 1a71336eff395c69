/**
 * The language server in a Worker (dist/browser/server.js, started by the browser client): the connection of
 * vscode-languageserver/browser over postMessage and a runtime without a file system: the client hands over
 * the extension's own files at initialize (BrowserInitializationOptions) and reads the workspace's on request.
 * Nothing here goes to the network.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createCatalog } from '../core/catalog/catalog';
import { NO_RULE_DOCS, ruleDocLinks } from '../common/ruleDocs';
import { startServer } from '../common/server';
import type { BrowserInitializationOptions } from '../protocol';
import { clientRoleFiles } from './clientFiles';

declare const self: object;

const connection = createConnection(new BrowserMessageReader(self as never), new BrowserMessageWriter(self as never));

function options(params: { readonly initializationOptions?: unknown }): Partial<BrowserInitializationOptions> {
  const raw = params.initializationOptions;
  return raw && typeof raw === 'object' ? raw : {};
}

startServer(connection, {
  loadCatalog: async (params) => {
    const text = options(params).catalog;
    if (typeof text !== 'string') throw new Error('the extension did not hand over dist/catalog.json: reinstall the extension.');
    return createCatalog(JSON.parse(text));
  },
  loadRuleDocLinks: async (params) => {
    const readme = options(params).readme;
    return readme && typeof readme.text === 'string' ? ruleDocLinks(readme.text) : NO_RULE_DOCS;
  },
  roleFiles: clientRoleFiles(connection),
});
