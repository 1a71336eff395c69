/**
 * The language server in a Worker (dist/browser/server.js, started by the browser client): the connection of
 * vscode-languageserver/browser over postMessage and a runtime without a file system: the client hands over
 * the extension's own files at initialize (BrowserInitializationOptions) and reads the workspace's on request.
 * Nothing here goes to the network.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createCatalog } from '../core/catalog/catalog';
import { createHclParser } from '../common/hclParser';
import { NO_RULE_DOCS, ruleDocLinks } from '../common/ruleDocs';
import { startServer } from '../common/server';
import type { BrowserInitializationOptions } from '../protocol';
import { clientRoleFiles } from './clientFiles';

declare const self: object;
declare function atob(data: string): string;

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

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
  // Only the two base64 strings are kept (not the rest of the params, the catalog's text among them); they are
  // decoded on first need.
  hclParserLoader: (params) => {
    const wasm = options(params).hclWasm;
    return async () => {
      if (!wasm || typeof wasm.runtime !== 'string' || typeof wasm.grammar !== 'string') {
        throw new Error('the extension did not hand over the HCL parser (dist/*.wasm): reinstall the extension.');
      }
      return createHclParser({ runtime: fromBase64(wasm.runtime), grammar: fromBase64(wasm.grammar) });
    };
  },
  loadRuleDocLinks: async (params) => {
    const readme = options(params).readme;
    return readme && typeof readme.text === 'string' ? ruleDocLinks(readme.text) : NO_RULE_DOCS;
  },
  roleFiles: clientRoleFiles(connection),
});
