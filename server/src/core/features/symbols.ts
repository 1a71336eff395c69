/**
 * The outline: the policy's statements (named by Sid, or Effect and first action) and, inside each,
 * its condition blocks with their keys.
 */
import type { PolicyDocument, Range, Statement } from '../model/policy';

export interface PolicySymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'policy-element' | 'statement' | 'condition' | 'condition-key';
  /** The whole construct. */
  readonly range: Range;
  /** What to select when the symbol is picked (its key or Sid). */
  readonly selectionRange: Range;
  readonly children: readonly PolicySymbol[];
}

export function documentSymbols(doc: PolicyDocument): PolicySymbol[] {
  const out: PolicySymbol[] = [];
  for (const e of doc.elements) {
    if (e.key === 'Statement') {
      out.push({
        name: 'Statement',
        detail: `${doc.statements.length} statement${doc.statements.length === 1 ? '' : 's'}`,
        kind: 'policy-element',
        range: e.range,
        selectionRange: e.keyRange,
        children: doc.statements.map(statementSymbol),
      });
    } else if (e.key === 'Version' || e.key === 'Id') {
      out.push({
        name: e.key,
        detail: typeof e.value?.value === 'string' ? e.value.value : undefined,
        kind: 'policy-element',
        range: e.range,
        selectionRange: e.keyRange,
        children: [],
      });
    }
  }
  return out;
}

function statementSymbol(s: Statement): PolicySymbol {
  const effect = s.effect?.value ?? 'Statement';
  const first = s.actions?.[0] ?? s.notActions?.[0];
  const more = (s.actions?.length ?? s.notActions?.length ?? 0) - 1;
  const what = first ? `${s.notActions && !s.actions ? 'NotAction ' : ''}${first.value}${more > 0 ? ` +${more}` : ''}` : undefined;
  const name = s.sid?.value || [effect, what].filter(Boolean).join(' ');
  const detail = s.sid?.value ? [effect, what].filter(Boolean).join(' ') : undefined;
  const children: PolicySymbol[] = (s.conditions ?? []).map((block) => ({
    name: block.operator.value,
    kind: 'condition',
    range: block.element.range,
    selectionRange: block.operator.range,
    children: block.entries.map((entry) => ({
      name: entry.key.value,
      detail: entry.values.map((v) => v.text).join(', '),
      kind: 'condition-key',
      range: entry.element.range,
      selectionRange: entry.key.range,
      children: [],
    })),
  }));
  return { name, detail, kind: 'statement', range: s.range, selectionRange: s.sid?.range ?? { start: s.range.start, end: s.range.start + 1 }, children };
}
