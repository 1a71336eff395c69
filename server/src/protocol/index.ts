/**
 * The wire types between the extension (client/), its webview and the language server: the only module of
 * server/ that client/ imports. Plain data and pure validators; no core internals.
 */
export * from './flow';
export * from './requests';
