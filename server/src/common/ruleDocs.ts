/**
 * Where each rule is documented: its row in the README rules table, as the README's URI with a line fragment
 * (`#L42`), so clicking a diagnostic's code opens the README shipped with the extension at that rule, offline.
 * The host reads the README (node/ruleDocs.ts from disk, the browser client from the extension's files).
 */
export type RuleDocLinks = (ruleId: string) => string | undefined;

export const NO_RULE_DOCS: RuleDocLinks = () => undefined;

export function ruleDocLinks(readmeText: string, readmeUri: string): RuleDocLinks {
  const lines = new Map<string, number>();
  readmeText.split(/\r?\n/).forEach((line, index) => {
    const m = /<a id="rule-([a-z0-9-]+)"><\/a>/.exec(line);
    if (m) lines.set(m[1], index + 1);
  });
  return (ruleId) => {
    const line = lines.get(ruleId);
    return line ? `${readmeUri}#L${line}` : readmeUri;
  };
}
