/**
 * What the CLI's SARIF says besides its results: each rule's help (its summary, default severity and example,
 * as text and Markdown; `helpUri` to its page when the package names a homepage, `docs/rules/<id>.md` under it),
 * and the run's invocation (arguments, working directory, whether every file could be read and written, and
 * each I/O or config problem as a notification).
 */
import { pathToFileURL } from 'node:url';
import type { RuleInfo } from '../core';

/** The homepage of the cognito-pool-lint package (packages/cli/package.json), set by the build when it has one. */
declare const COGNITO_POOL_LINT_HOMEPAGE: string | undefined;

const homepage = typeof COGNITO_POOL_LINT_HOMEPAGE === 'string' && COGNITO_POOL_LINT_HOMEPAGE !== '' ? COGNITO_POOL_LINT_HOMEPAGE : undefined;

export function ruleHelp(rule: RuleInfo): { help: { text: string; markdown: string }; helpUri?: string } {
  return {
    help: {
      text: `${rule.summary}\nDefault severity: ${rule.defaultSeverity}.\nExample that fires: ${rule.example.replace(/`/g, '')}`,
      markdown: `**${rule.id}** (default: ${rule.defaultSeverity})\n\n${rule.summary}\n\nExample that fires: ${rule.example}`,
    },
    ...(homepage && { helpUri: `${homepage.replace(/\/+$/, '')}/docs/rules/${rule.id}.md` }),
  };
}

export interface SarifInvocation {
  readonly executionSuccessful: boolean;
  readonly arguments: readonly string[];
  readonly workingDirectory: { readonly uri: string };
  readonly toolExecutionNotifications: readonly { readonly level: 'error' | 'warning'; readonly message: { readonly text: string } }[];
}

export function sarifInvocation(argv: readonly string[], problems: readonly string[]): SarifInvocation {
  const cwd = pathToFileURL(process.cwd()).href;
  return {
    executionSuccessful: problems.length === 0,
    arguments: [...argv],
    workingDirectory: { uri: cwd.endsWith('/') ? cwd : `${cwd}/` },
    toolExecutionNotifications: problems.map((text) => ({ level: 'error', message: { text } })),
  };
}
