/**
 * The CLI's config files (`.cognito-pool-lint.json` or package.json's `cognitoPool`, found walking up from each
 * checked file: common/lintConfigs.ts over the disk): per file, whether it is ignored and its severities (the
 * file's, then `--rule`), and the role models of each config file's `roles` (node/workspaceRoles.ts, as the
 * editor's `cognitoPool.roles`, relative to the config file's folder): a checked file that is one of their
 * policies gets their findings and is analysed as its role's (guest rules for an `unauthenticated` role).
 */
import * as path from 'node:path';
import type { Finding, IdentityPoolContext, RuleSeverities } from '../core';
import { LintConfigs, type FoundConfig } from '../common/lintConfigs';
import { diskRoleFiles, WorkspaceRoles } from '../node/workspaceRoles';

export interface CheckedFileConfig {
  readonly ignored: boolean;
  /** The config file's severities for this file, then the command line's. */
  readonly rules: RuleSeverities;
  /** The role models of the config file's `roles`, when it has some. */
  readonly roles?: ProjectRoles;
}

export interface ProjectRoles {
  identityPoolFor(file: string): IdentityPoolContext | undefined;
  /** The findings of the rules across documents in the file, against its current text, with the file's severities. */
  findingsFor(file: string, rules: RuleSeverities): Finding[];
}

export class ProjectConfig {
  private readonly configs = new LintConfigs(diskRoleFiles());
  private readonly roles = new Map<string, Promise<ProjectRoles | undefined>>();
  /** The text a file has after --fix (the role models read it instead of the disk's). */
  private readonly texts = new Map<string, string>();
  private readonly told = new Set<string>();

  constructor(
    private readonly commandLineRules: RuleSeverities,
    /** Told each problem of a config file or of its roles once. */
    private readonly report: (problem: string, invalid: boolean) => void,
  ) {}

  async forFile(file: string): Promise<CheckedFileConfig> {
    const absolute = path.resolve(file);
    const { ignored, rules, found } = await this.configs.fileConfig(absolute);
    if (!found) return { ignored, rules: this.commandLineRules };
    for (const p of found.problems) this.tell(`${found.file}: ${p}`, true);
    return { ignored, rules: { ...rules, ...this.commandLineRules }, roles: await this.rolesOf(found) };
  }

  /** A file's text changed under --fix: the role models read the new text. */
  fixed(file: string, text: string): void {
    this.texts.set(path.resolve(file), text);
  }

  private rolesOf(found: FoundConfig): Promise<ProjectRoles | undefined> {
    let roles = this.roles.get(found.file);
    if (!roles) {
      roles = this.buildRoles(found);
      this.roles.set(found.file, roles);
    }
    return roles;
  }

  private async buildRoles(found: FoundConfig): Promise<ProjectRoles | undefined> {
    if (found.config.roles === undefined) return undefined;
    const models = new WorkspaceRoles({ openDocuments: () => [...this.texts].map(([uri, text]) => ({ uri, getText: () => text })) });
    const where = path.basename(found.file);
    const problems = await models.configure([{ folder: found.folder, roles: found.config.roles, settingsFile: where }]);
    for (const p of problems) this.tell(`${found.file}: ${p.replace(/cognitoPool\.roles/g, 'roles')}`, false);
    return {
      identityPoolFor: (file) => models.identityPoolFor(path.resolve(file)),
      findingsFor: (file, rules) =>
        models.findingsFor(path.resolve(file)).flatMap((f) => {
          const severity = rules[f.ruleId];
          if (severity === 'off') return [];
          return [severity ? { ...f, severity } : f];
        }),
    };
  }

  private tell(problem: string, invalid: boolean): void {
    if (this.told.has(problem)) return;
    this.told.add(problem);
    this.report(problem, invalid);
  }
}
