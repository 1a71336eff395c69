/**
 * Answers a server without a file system (the browser server in a Worker): reads workspace files and lists
 * folders through vscode.workspace.fs, which serves every file system the editor has (file:, vscode-vfs:,
 * vscode-remote:, ...). The shapes are the protocol's READ_FILE_REQUEST and LIST_FILES_REQUEST.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  LIST_FILES_REQUEST,
  READ_FILE_REQUEST,
  type ListFilesParams,
  type ListFilesResult,
  type ReadFileParams,
  type ReadFileResult,
} from '../../../server/src/protocol';

export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable {
  const decoder = new TextDecoder();
  const read = client.onRequest(READ_FILE_REQUEST, async (params: ReadFileParams): Promise<ReadFileResult> => {
    try {
      return { text: decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(params.uri, true))) };
    } catch (error) {
      return { error: fileError(error) };
    }
  });
  const list = client.onRequest(LIST_FILES_REQUEST, (params: ListFilesParams) => listFiles(vscode.Uri.parse(params.uri, true), params.limit));
  return vscode.Disposable.from(read, list);
}

function fileError(error: unknown): string {
  if (error instanceof vscode.FileSystemError) {
    if (error.code === 'FileNotFound') return 'not found';
    if (error.code === 'FileIsADirectory') return 'a folder';
  }
  return error instanceof Error ? error.message : String(error);
}

/** As server/src/node/workspaceRoles.ts's listFiles does on disk: sorted, no node_modules or dot folders, at most `limit`. */
async function listFiles(folder: vscode.Uri, limit: number): Promise<ListFilesResult> {
  const files: string[] = [];
  let truncated = false;
  const walk = async (dir: vscode.Uri): Promise<void> => {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return;
    }
    for (const [name, type] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (truncated) return;
      const child = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        if (!name.startsWith('.') && name !== 'node_modules') await walk(child);
      } else if (type & vscode.FileType.File) {
        if (files.length >= limit) truncated = true;
        else files.push(child.toString());
      }
    }
  };
  await walk(folder);
  return { files, truncated };
}
