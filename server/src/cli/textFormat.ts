/**
 * `--format text` (the default): the findings grouped by file, as ESLint's default formatter prints them: the
 * file's path, then one row per finding (`line:col  severity  message  rule-id`, columns aligned), then the
 * summary. Colour only on a terminal, and as the conventions say: `NO_COLOR` (non-empty) turns it off,
 * `FORCE_COLOR` turns it on (`0` or `false`: off), FORCE_COLOR winning. `--format unix` keeps one
 * `file:line:col severity message rule-id` line per finding for scripts (cli.ts).
 */
import { LineIndex, type Finding, type Severity } from '../core';

export interface TextFileResult {
  readonly file: string;
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly policies: number;
}

/** Whether to colour the output written to a stream (`isTTY`), given the environment. */
export function useColour(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true;
}

const SGR = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', underline: '\x1b[4m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };

const SEVERITY_COLOUR: Record<Severity, string> = { error: SGR.red, warning: SGR.yellow, information: SGR.cyan, hint: SGR.dim };

export function formatText(results: readonly TextFileResult[], colour: boolean): string {
  const paint = (codes: string, text: string) => (colour ? `${codes}${text}${SGR.reset}` : text);
  const out: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const lines = new LineIndex(r.text);
    const rows = r.findings.map((f) => {
      const p = lines.positionAt(f.range.start);
      counts[f.severity]++;
      return { at: `${p.line + 1}:${p.character + 1}`, severity: f.severity, message: f.message, rule: f.ruleId };
    });
    // A loop, not Math.max(...rows): a file's rows are bounded, but no spread of a list the input sizes (issue 15).
    const atWidth = rows.reduce((w, row) => Math.max(w, row.at.length), 0);
    const severityWidth = rows.reduce((w, row) => Math.max(w, row.severity.length), 0);
    out.push(paint(SGR.underline, r.file));
    for (const row of rows)
      out.push(
        `  ${paint(SGR.dim, row.at.padEnd(atWidth))}  ${paint(SEVERITY_COLOUR[row.severity], row.severity.padEnd(severityWidth))}  ${row.message}  ${paint(SGR.dim, row.rule)}`,
      );
    out.push('');
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const policies = results.reduce((n, r) => n + r.policies, 0);
  const summary = `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} info) in ${policies} polic${policies === 1 ? 'y' : 'ies'} of ${results.length} file${results.length === 1 ? '' : 's'}`;
  out.push(total === 0 ? summary : paint(SGR.bold + (counts.error ? SGR.red : counts.warning ? SGR.yellow : ''), `✖ ${summary}`));
  return out.join('\n');
}
