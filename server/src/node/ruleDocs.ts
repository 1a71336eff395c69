/**
 * Where each rule is documented: its row in the README rules table, as a file URI with a line
 * fragment (`#L42`), so clicking a diagnostic's code opens the README shipped with the extension
 * at that rule, offline. Node-only (reads the README once).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export type RuleDocLinks = (ruleId: string) => string | undefined;

export function loadRuleDocLinks(readmePath: string): RuleDocLinks {
  let text: string;
  try {
    text = fs.readFileSync(readmePath, 'utf8');
  } catch {
    return () => undefined;
  }
  const base = pathToFileURL(path.resolve(readmePath)).toString();
  const lines = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, index) => {
    const m = /<a id="rule-([a-z0-9-]+)"><\/a>/.exec(line);
    if (m) lines.set(m[1], index + 1);
  });
  return (ruleId) => {
    const line = lines.get(ruleId);
    return line ? `${base}#L${line}` : base;
  };
}
