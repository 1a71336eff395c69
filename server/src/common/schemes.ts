/**
 * Which documents the server analyses, by URI scheme. Every scheme the editor opens a real document in is
 * analysed (`file`, `untitled`, `vscode-vfs`, `vscode-remote`, a test's `memfs`, ...), except the schemes of
 * read-only copies shown beside the real document: analysing those would list each finding twice, and the
 * copy of HEAD keeps a finding the user has already fixed. VS Code's own TypeScript support leaves the same
 * kinds of copies alone.
 */
const COPY_SCHEMES: ReadonlySet<string> = new Set([
  'git', // the Git extension: HEAD and index versions (diff editors, timeline)
  'gitlens', // GitLens: revisions
  'pr', // GitHub Pull Requests: the files of a pull request
  'review', // GitHub Pull Requests: the review copies
  'vsls', // Live Share: a guest's copy of the host's documents (the host analyses them)
  'chat-editing-snapshot-text-model', // chat edits: the snapshot before an edit
  'chat-editing-text-model',
  'vscode-chat-code-block', // code blocks in the chat view
  'output', // output channels
]);

/** Whether the server analyses the document at this URI (see COPY_SCHEMES for what it leaves alone). */
export function isAnalysedUri(uri: string): boolean {
  const colon = uri.indexOf(':');
  return colon <= 0 || !COPY_SCHEMES.has(uri.slice(0, colon).toLowerCase());
}
