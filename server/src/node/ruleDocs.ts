/** The rule documentation of the README shipped with the extension, read from disk (Node hosts). */
import * as fs from 'node:fs';
import { NO_RULE_DOCS, ruleDocLinks, type RuleDocLinks } from '../common/ruleDocs';

export function loadRuleDocLinks(readmePath: string): RuleDocLinks {
  let text: string;
  try {
    text = fs.readFileSync(readmePath, 'utf8');
  } catch {
    return NO_RULE_DOCS;
  }
  return ruleDocLinks(text);
}
