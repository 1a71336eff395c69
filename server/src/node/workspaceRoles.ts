/**
 * `cognitoPool.roles` on disk: the role models of common/workspaceRoles.ts over the Node file system (files are
 * known by their absolute paths; URIs of other schemes than `file:` are not read).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WorkspaceRoles as RoleModels, type FileListing, type FileText, type RoleFiles, type WorkspaceRolesHost } from '../common/workspaceRoles';
import { formatCount } from '../core';

export { MAX_LISTED_FILES, type FileListing, type FolderRoles, type OpenDocument, type RolesConfiguration } from '../common/workspaceRoles';

export interface DiskRolesHost extends WorkspaceRolesHost {
  /** Reads a file (throws when it cannot, as fs.readFileSync does). Default: fs.readFileSync, UTF-8. */
  readonly readFile?: (file: string) => string;
  /** The files under a folder, as absolute paths, at most `limit`. Default: {@link listFiles}. */
  readonly listFiles?: (dir: string, limit: number) => FileListing;
}

/** The role models of the workspace folders on disk. */
export class WorkspaceRoles extends RoleModels {
  constructor(host: DiskRolesHost = {}) {
    super(diskRoleFiles(host), host);
  }
}

/** The largest role file read (4 bytes per character of the 1,000,000-character document limit). */
export const MAX_ROLE_FILE_BYTES = 4_000_000;

export function diskRoleFiles(host: Pick<DiskRolesHost, 'readFile' | 'listFiles'> = {}): RoleFiles {
  const read = host.readFile ?? readRegularFile;
  const list = host.listFiles ?? listFiles;
  return {
    toFile: toPath,
    toUri: (file) => pathToFileURL(file).href,
    resolve: (folder, relative) => path.resolve(folder, relative),
    relative: (folder, file) => path.relative(folder, file).split(path.sep).join('/'),
    isInside,
    readFile: (file, workspace): FileText => {
      try {
        if (workspace !== undefined && !realPathInside(file, workspace)) return { error: 'a symbolic link to outside the workspace folder' };
        return { text: read(file) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { error: code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'a folder' : (error as Error).message };
      }
    },
    listFiles: (dir, limit, workspace) => {
      try {
        if (workspace !== undefined && !realPathInside(dir, workspace, true)) return { files: [], truncated: false };
      } catch {
        return { files: [], truncated: false };
      }
      return list(dir, limit);
    },
  };
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Whether the file's real path (symbolic links resolved) is inside the folder's real path (or is it, with `orSame`). */
function realPathInside(file: string, folder: string, orSame = false): boolean {
  const real = fs.realpathSync(file);
  const realFolder = fs.realpathSync(folder);
  return (orSame && real === realFolder) || isInside(real, realFolder);
}

/**
 * A regular file's text, UTF-8: a FIFO, a device (`/dev/zero`) or a file over MAX_ROLE_FILE_BYTES is refused
 * before anything is read. Opened non-blocking, so a FIFO cannot block the server, then checked on the open file.
 */
export function readRegularFile(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    if (!stat.isFile()) throw new Error('not a regular file: a FIFO, a socket or a device');
    if (stat.size > MAX_ROLE_FILE_BYTES) throw new Error(`larger than ${formatCount(MAX_ROLE_FILE_BYTES)} bytes`);
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The files under a folder, sorted, as absolute paths: not inside `node_modules` or folders whose name starts
 * with a dot; at most `limit` (then `truncated`). A missing folder has none.
 */
export function listFiles(dir: string, limit: number): FileListing {
  const files: string[] = [];
  let truncated = false;
  const walk = (folder: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (truncated) return;
      const full = path.join(folder, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') walk(full);
      } else if (e.isFile()) {
        if (files.length >= limit) truncated = true;
        else files.push(full);
      }
    }
  };
  walk(dir);
  return { files, truncated };
}

/** A file URI or a path as an absolute path; undefined for other URI schemes (untitled:, vscode-vfs:). */
function toPath(uriOrPath: string): string | undefined {
  if (uriOrPath.startsWith('file:')) {
    try {
      return path.resolve(fileURLToPath(uriOrPath));
    } catch {
      return undefined;
    }
  }
  if (/^[a-zA-Z][\w+.-]+:/.test(uriOrPath)) return undefined; // another scheme (a drive letter has one character)
  return path.resolve(uriOrPath);
}
