/**
 * A FlowModel as a Mermaid `sequenceDiagram`, for documentation. Every text is escaped with Mermaid's entity
 * codes (`#59;` for `;`, `#35;` for `#`, `#lt;`/`#gt;` for angle brackets, `#37;` for `%`), so policy text can
 * neither end a statement, inject markup, start a `%%` comment nor a `%%{init}%%` directive. https://mermaid.js.org/syntax/sequenceDiagram.html#entity-codes-to-escape-characters
 */
import { decisionLabel, type FlowModel, type ParticipantId, type StepStatus } from './flowModel';

const ALIASES: Readonly<Record<ParticipantId, string>> = {
  app: 'App',
  idp: 'IdP',
  backend: 'Backend',
  cognito: 'Cognito',
  sts: 'STS',
  service: 'Service',
};

// `%` too: `%%` starts a comment and `%%{init: ...}%%` a directive that reconfigures the whole diagram (issue 15).
const ENTITIES: Readonly<Record<string, string>> = { '#': '#35;', ';': '#59;', '<': '#lt;', '>': '#gt;', '%': '#37;' };

/** Text safe inside a Mermaid message, note or participant label: one line, entity-coded specials. */
export function mermaidText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#;<>%]/g, (ch) => ENTITIES[ch]);
}

const MARK: Readonly<Record<StepStatus, string>> = { ok: '✓ ', fail: '✗ ', neutral: '', skipped: '(skipped) ' };

export function flowToMermaid(model: FlowModel): string {
  const lines = ['sequenceDiagram'];
  for (const p of model.participants) {
    const label = p.detail ? `${p.label} (${p.detail})` : p.label;
    lines.push(`  participant ${ALIASES[p.id]} as ${mermaidText(label)}`);
  }
  for (const step of model.steps) {
    if (step.kind === 'note') {
      const body = [step.label, ...step.lines.map((l) => `${MARK[l.status]}${l.text}`)].map(mermaidText).join('<br/>');
      lines.push(`  Note over ${ALIASES[step.over]}: ${body}`);
      continue;
    }
    const failed = step.status === 'fail' || step.status === 'skipped';
    const arrow = step.kind === 'call' ? (failed ? '-x' : '->>') : failed ? '--x' : '-->>';
    const text = step.detail ? `${MARK[step.status]}${step.label}: ${step.detail}` : `${MARK[step.status]}${step.label}`;
    lines.push(`  ${ALIASES[step.from]}${arrow}${ALIASES[step.to]}: ${mermaidText(text)}`);
  }
  const r = model.request;
  if (r.status === 'evaluated' && r.decision) {
    const deciding = r.statements.map((i) => model.locations[i]).map((l) => `${l.name}:${l.start.line + 1}`);
    const text = `${decisionLabel(r.decision)}${deciding.length ? ` by ${deciding.join(', ')}` : ''}`;
    lines.push(`  Note over App,Service: ${mermaidText(text)}`);
  }
  return lines.join('\n') + '\n';
}
