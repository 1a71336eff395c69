/**
 * The language server's view of the config files (lintConfigs.ts): each document's config, loaded before the
 * document is analysed and then answered synchronously. The editor's settings win over the file: its
 * `cognitoPool.rules` go on top of the file's severities, and a folder's `cognitoPool.roles` replaces the file's
 * `roles` (the file's roles apply only where the setting is not set).
 */
import { CONFIG_FILE_NAME, withSettings, type FileConfig, type Finding, type RuleSeverities } from '../core';
import { LintConfigs } from './lintConfigs';
import type { FolderRoles, RoleFiles } from './workspaceRoles';

/** Whether a changed file is one a config may be read from (then every config is read again). */
export function isConfigFileUri(uri: string): boolean {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return name === CONFIG_FILE_NAME || name === 'package.json';
}

export class DocumentConfigs {
  private readonly configs: LintConfigs;
  private readonly byUri = new Map<string, FileConfig>();
  private readonly told = new Set<string>();

  constructor(
    private readonly files: RoleFiles,
    private readonly log: (message: string) => void,
  ) {
    this.configs = new LintConfigs(files);
  }

  /** Reads the document's config (once, until {@link clear}); never rejects. */
  async load(uri: string): Promise<void> {
    if (this.byUri.has(uri)) return;
    const file = this.files.toFile(uri);
    if (file === undefined) return; // untitled, or a file system this host cannot read
    try {
      const { ignored, rules, found } = await this.configs.fileConfig(file);
      for (const p of found?.problems ?? []) this.tell(`${found!.file}: ${p}`);
      this.byUri.set(uri, { ignored, rules });
    } catch (error) {
      this.tell(`Could not read the config file of ${uri}: ${(error as Error).message}`);
    }
  }

  /** The severities to analyse the document with: its config file's, then the settings'. */
  rulesFor(uri: string, settings: RuleSeverities): RuleSeverities {
    const fromFile = this.byUri.get(uri)?.rules;
    return fromFile && Object.keys(fromFile).length ? withSettings(fromFile, settings) : settings;
  }

  /** An `ignore` glob of its config file matches the document: it gets no diagnostics. */
  ignored(uri: string): boolean {
    return this.byUri.get(uri)?.ignored ?? false;
  }

  /** Findings of the rules across documents (made with the settings' severities) with the document's severities. */
  withSeverities(uri: string, settings: RuleSeverities, findings: readonly Finding[]): Finding[] {
    const rules = this.rulesFor(uri, settings);
    return findings.flatMap((f) => {
      const severity = rules[f.ruleId];
      if (severity === 'off') return [];
      return [severity ? { ...f, severity } : f];
    });
  }

  /** The `roles` of the config file that applies in a workspace folder, as the role models take a folder's setting. */
  async rolesOf(folderUri: string): Promise<FolderRoles | undefined> {
    const folder = this.files.toFile(folderUri);
    if (folder === undefined) return undefined;
    const found = await this.configs.forFolder(folder);
    if (found?.config.roles === undefined) return undefined;
    return { folder: found.folder, roles: found.config.roles, settingsFile: found.file.slice(found.file.replace(/\\/g, '/').lastIndexOf('/') + 1) };
  }

  closed(uri: string): void {
    this.byUri.delete(uri);
  }

  /** A config file changed: read them all again. */
  clear(): void {
    this.configs.clear();
    this.byUri.clear();
    this.told.clear();
  }

  private tell(message: string): void {
    if (this.told.has(message)) return;
    this.told.add(message);
    this.log(message);
  }
}
