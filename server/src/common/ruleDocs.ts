/**
 * Where each rule is documented and what the documentation says: its row of the README rules table (shipped
 * with the extension), served as a small Markdown document of its own. A diagnostic's code links to
 * `cognito-pool-docs:/rules/<id>.md` (protocol's ruleDocUri); the extension opens that link as a rendered,
 * read-only preview whose text it asks the server for (RULE_DOC_REQUEST). Offline in every host: the host
 * reads the README (node/ruleDocs.ts from disk, the browser client from the extension's files).
 */
import type { Connection } from 'vscode-languageserver';
import { RULE_DOC_REQUEST, ruleDocUri, type RuleDocResult } from '../protocol';

export interface RuleDocLinks {
  /** The documentation link of a rule; undefined when the README does not document it. */
  href(ruleId: string): string | undefined;
  /** The documentation of a rule as Markdown; undefined when the README does not document it. */
  markdown(ruleId: string): string | undefined;
}

export const NO_RULE_DOCS: RuleDocLinks = { href: () => undefined, markdown: () => undefined };

const ROW = /^\| <a id="rule-([a-z0-9-]+)"><\/a>/;

/** The cells of a Markdown table row (`\|` is a pipe inside a cell). */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

export function ruleDocLinks(readmeText: string): RuleDocLinks {
  const lines = readmeText.split(/\r?\n/);
  const rows = new Map<string, string[]>();
  for (const line of lines) {
    const m = ROW.exec(line);
    if (m) rows.set(m[1], cells(line));
  }
  // The README's words on severities: the paragraphs between "## Rules" and the generated table.
  const start = lines.findIndex((line) => line === '## Rules');
  const end = lines.findIndex((line, i) => i > start && line.startsWith('<!-- rules:start'));
  const severities =
    start >= 0 && end > start
      ? lines
          .slice(start + 1, end)
          .join('\n')
          .trim()
      : '';
  return {
    href: (ruleId) => (rows.has(ruleId) ? ruleDocUri(ruleId) : undefined),
    markdown: (ruleId) => {
      const row = rows.get(ruleId);
      if (!row || row.length < 5) return undefined;
      const [, family, severity, what, example] = row;
      return [
        `# \`${ruleId}\``,
        what,
        `**Family:** ${family} · **Default severity:** ${severity}`,
        `**Example that fires it:** ${example}`,
        `Change its severity, or turn it off, with the \`cognitoPool.rules\` setting: \`"cognitoPool.rules": { "${ruleId}": "warning" }\` (\`off\`, \`hint\`, \`information\`, \`warning\` or \`error\`).`,
        ...(severities ? ['## Severities', severities] : []),
        '*From the README of the Cognito Identity Pool Policies extension.*',
        '',
      ].join('\n\n');
    },
  };
}

/** Answers RULE_DOC_REQUEST with the documentation the host loaded (read at each request: it is set at initialize). */
export function registerRuleDocRequest(connection: Connection, docs: () => RuleDocLinks): void {
  connection.onRequest(RULE_DOC_REQUEST, (params: unknown): RuleDocResult => {
    const ruleId = (params as { ruleId?: unknown } | null)?.ruleId;
    return typeof ruleId === 'string' ? { markdown: docs().markdown(ruleId) } : {};
  });
}
