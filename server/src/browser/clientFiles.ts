/**
 * The workspace's files for a server in a Worker: the client reads them (vscode.workspace.fs, so virtual file
 * systems work too) and answers READ_FILE_REQUEST / LIST_FILES_REQUEST. Files are known by their URIs
 * (`scheme://authority/path`, dot segments resolved, as the editor writes them).
 */
import type { Connection } from 'vscode-languageserver';
import type { RoleFiles } from '../common/workspaceRoles';
import { LIST_FILES_REQUEST, READ_FILE_REQUEST, type ListFilesParams, type ListFilesResult, type ReadFileParams, type ReadFileResult } from '../protocol';

const HIERARCHICAL_URI = /^([a-zA-Z][\w+.-]*:\/\/[^/?#]*)([^?#]*)$/;

export function clientRoleFiles(connection: Connection): RoleFiles {
  return {
    toFile: (uri) => {
      const m = HIERARCHICAL_URI.exec(uri);
      return m ? m[1] + normalizePath(m[2].split('/')) : undefined; // untitled: and queries are no files
    },
    toUri: (file) => file,
    resolve: (folder, relative) => {
      const m = HIERARCHICAL_URI.exec(folder)!;
      return m[1] + normalizePath([...m[2].split('/'), ...relative.split('/').map(encodeSegment)]);
    },
    relative: (folder, file) =>
      file
        .slice(folder.length + 1)
        .split('/')
        .map(decodeSegment)
        .join('/'),
    isInside: (file, folder) => file.startsWith(`${folder}/`) && file.length > folder.length + 1,
    readFile: async (file) => {
      try {
        return await connection.sendRequest<ReadFileResult>(READ_FILE_REQUEST, { uri: file } satisfies ReadFileParams);
      } catch (error) {
        return { error: (error as Error).message };
      }
    },
    listFiles: async (folder, limit) => {
      try {
        return await connection.sendRequest<ListFilesResult>(LIST_FILES_REQUEST, { uri: folder, limit } satisfies ListFilesParams);
      } catch {
        return { files: [], truncated: false };
      }
    },
  };
}

/** `/a/./b/../c/` as `/a/c`: the segments of an absolute path, `.` and `..` resolved, no empty ones. */
function normalizePath(segments: readonly string[]): string {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

/** A file name as VS Code's URI.toString() writes it: everything but [A-Za-z0-9-._~] percent-encoded. */
function encodeSegment(segment: string): string {
  if (segment === '.' || segment === '..') return segment;
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
