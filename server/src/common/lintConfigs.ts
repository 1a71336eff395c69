/**
 * Finds and reads the config file of a checked file (core/config/lintConfig.ts): walking up from its folder, the
 * first folder with a `.cognito-pool-lint.json`, or with a `package.json` that has a `cognitoPool` key, as ESLint
 * and cfn-lint find theirs. Used by the CLI (over the disk) and the language server (over its runtime's files, so
 * the browser host reads through the client too). Each folder is read once until {@link LintConfigs.clear}.
 */
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME, configForFile, readLintConfig, type FileConfig, type LintConfig } from '../core';
import type { RoleFiles } from './workspaceRoles';

export interface FoundConfig {
  /** The config file (a key of the RoleFiles: a path, or a URI). */
  readonly file: string;
  /** Its folder: the base of its globs and its roles' paths. */
  readonly folder: string;
  readonly config: LintConfig;
  readonly problems: readonly string[];
}

const EMPTY: LintConfig = { rules: {}, ignore: [], overrides: [] };

export class LintConfigs {
  private readonly byFolder = new Map<string, Promise<FoundConfig | undefined>>();
  private readonly matchers = new Map<string, (path: string) => boolean>();

  constructor(private readonly files: Pick<RoleFiles, 'resolve' | 'relative' | 'readFile'>) {}

  /** The config of a file: the nearest one in its folder or above; undefined when there is none. */
  forFile(file: string): Promise<FoundConfig | undefined> {
    return this.forFolder(this.files.resolve(file, '..'));
  }

  /** The config that applies in a folder: its own, or the nearest above. */
  forFolder(folder: string): Promise<FoundConfig | undefined> {
    let found = this.byFolder.get(folder);
    if (!found) {
      found = this.read(folder);
      this.byFolder.set(folder, found);
    }
    return found;
  }

  /** What the config says for the file (not ignored, no severities when it has none). */
  async fileConfig(file: string): Promise<FileConfig & { readonly found?: FoundConfig }> {
    const found = await this.forFile(file);
    if (!found) return { ignored: false, rules: {} };
    return { ...configForFile(found.config, this.files.relative(found.folder, file), (glob, path) => this.matcher(glob)(path)), found };
  }

  /** Forget every file read (a config file changed). */
  clear(): void {
    this.byFolder.clear();
  }

  private async read(folder: string): Promise<FoundConfig | undefined> {
    for (const name of [CONFIG_FILE_NAME, 'package.json']) {
      const file = this.files.resolve(folder, name);
      const { text } = await this.files.readFile(file);
      if (text === undefined) continue;
      const read = readLintConfig(name, text);
      // A package.json without the key does not stop the walk; a broken config file does (it is what was meant).
      if (read.config || read.problems.length) return { file, folder, config: read.config ?? EMPTY, problems: read.problems };
    }
    const parent = this.files.resolve(folder, '..');
    return parent === folder ? undefined : this.forFolder(parent);
  }

  private matcher(glob: string): (path: string) => boolean {
    let m = this.matchers.get(glob);
    if (!m) {
      m = picomatch(glob, { dot: true });
      this.matchers.set(glob, m);
    }
    return m;
  }
}
