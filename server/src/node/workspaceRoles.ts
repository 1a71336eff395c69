/**
 * `cognitoPool.roles` on disk: the role models of common/workspaceRoles.ts over the Node file system (files are
 * known by their absolute paths; URIs of other schemes than `file:` are not read).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WorkspaceRoles as RoleModels, type FileListing, type FileText, type RoleFiles, type WorkspaceRolesHost } from '../common/workspaceRoles';

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

export function diskRoleFiles(host: Pick<DiskRolesHost, 'readFile' | 'listFiles'> = {}): RoleFiles {
  const read = host.readFile ?? ((file: string) => fs.readFileSync(file, 'utf8'));
  return {
    toFile: toPath,
    toUri: (file) => pathToFileURL(file).href,
    resolve: (folder, relative) => path.resolve(folder, relative),
    relative: (folder, file) => path.relative(folder, file).split(path.sep).join('/'),
    isInside: (file, dir) => {
      const relative = path.relative(dir, file);
      return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    },
    readFile: (file): FileText => {
      try {
        return { text: read(file) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { error: code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'a folder' : (error as Error).message };
      }
    },
    listFiles: host.listFiles ?? listFiles,
  };
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
