/**
 * The sequence diagram of a FlowModel as a tree of SVG elements (plain data). The webview turns the tree
 * into DOM nodes with createElementNS and textContent; the extension serializes the same tree, escaped, to
 * export it as an .svg file. Policy text only ever ends up as text content (or escaped attribute values),
 * never as markup. Colours come from CSS classes (diagram.css): the theme's in the panel, built-in
 * light and dark palettes in an exported file.
 */
import type { FlowModel, FlowStep, ParticipantId, StepStatus } from '../../../server/src/protocol';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The elements and attributes the diagram uses; nothing else is ever created or serialized. */
export const SVG_TAGS = ['svg', 'defs', 'marker', 'path', 'g', 'rect', 'line', 'text', 'title', 'desc', 'style'] as const;
export type SvgTag = (typeof SVG_TAGS)[number];
export const SVG_ATTRIBUTES: ReadonlySet<string> = new Set([
  'xmlns',
  'viewBox',
  'width',
  'height',
  'class',
  'role',
  'aria-labelledby',
  'id',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'rx',
  'd',
  'markerWidth',
  'markerHeight',
  'refX',
  'refY',
  'orient',
  'marker-end',
  'text-anchor',
]);

export interface SvgNode {
  readonly tag: SvgTag;
  readonly attrs?: Readonly<Record<string, string | number>>;
  /** Text content (escaped when serialized); a node has text or children. */
  readonly text?: string;
  readonly children?: readonly SvgNode[];
}

const COLUMN = 176;
const PAD = 12;
const BOX_HEIGHT = 44;
const ROW = 46;
const LINE = 16;
/** Average width of a character at the diagram's 12px font, to cut labels before they overflow. */
const CHAR_WIDTH = 6.4;

const MARK: Readonly<Record<StepStatus, string>> = { ok: '✓ ', fail: '✗ ', neutral: '', skipped: '' };

/** The text, cut to `max` characters with an ellipsis. */
export function fit(text: string, max: number): string {
  const limit = Math.max(4, Math.floor(max));
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function layoutFlow(model: FlowModel): SvgNode {
  const ids = model.participants.map((p) => p.id);
  const width = Math.max(ids.length * COLUMN, 2 * COLUMN);
  const x = (id: ParticipantId) => ids.indexOf(id) * COLUMN + COLUMN / 2;
  const body: SvgNode[] = [];

  model.participants.forEach((p, i) => {
    const left = i * COLUMN + 8;
    const box: SvgNode[] = [{ tag: 'rect', attrs: { x: left, y: PAD, width: COLUMN - 16, height: BOX_HEIGHT, rx: 4 } }];
    box.push(textNode(left + (COLUMN - 16) / 2, PAD + (p.detail ? 18 : 27), p.label, (COLUMN - 20) / CHAR_WIDTH, 'participant-label'));
    if (p.detail) box.push(textNode(left + (COLUMN - 16) / 2, PAD + 35, p.detail, (COLUMN - 20) / (CHAR_WIDTH * 0.9), 'participant-detail'));
    body.push({ tag: 'g', attrs: { class: 'participant' }, children: box });
  });

  let y = PAD + BOX_HEIGHT + 16;
  const rows: SvgNode[] = [];
  for (const step of model.steps) {
    if (step.kind === 'note') {
      const lines = [step.label, ...step.lines.map((l) => `${MARK[l.status]}${l.text}`)];
      const noteWidth = Math.min(width - 2 * PAD, 2 * COLUMN + 60);
      const left = Math.min(Math.max(PAD, x(step.over) - noteWidth / 2), width - PAD - noteWidth);
      const height = lines.length * LINE + 12;
      const children: SvgNode[] = [{ tag: 'rect', attrs: { x: left, y, width: noteWidth, height, rx: 3 } }];
      lines.forEach((text, i) => {
        const status = i === 0 ? step.status : step.lines[i - 1].status;
        children.push(
          textNode(left + 8, y + 16 + i * LINE, text, (noteWidth - 16) / CHAR_WIDTH, i === 0 ? `note-title ${status}` : `note-line ${status}`, 'start'),
        );
      });
      rows.push({ tag: 'g', attrs: { class: `note ${step.status}` }, children });
      y += height + 14;
      continue;
    }
    rows.push(message(step, x(step.from), x(step.to), y + 18));
    y += ROW;
  }
  const height = y + PAD;
  const lifelines: SvgNode[] = model.participants.map((p) => ({
    tag: 'line',
    attrs: { class: 'lifeline', x1: x(p.id), y1: PAD + BOX_HEIGHT, x2: x(p.id), y2: height - PAD },
  }));

  return {
    tag: 'svg',
    attrs: {
      xmlns: SVG_NS,
      class: 'flow-svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': 'flow-svg-title flow-svg-desc',
    },
    children: [
      { tag: 'title', attrs: { id: 'flow-svg-title' }, text: 'Token-to-credentials flow' },
      { tag: 'desc', attrs: { id: 'flow-svg-desc' }, text: model.summary },
      { tag: 'defs', children: (['ok', 'fail', 'neutral', 'skipped'] as const).map(arrowMarker) },
      { tag: 'g', attrs: { class: 'lifelines' }, children: lifelines },
      ...body,
      ...rows,
    ],
  };
}

function textNode(x: number, y: number, text: string, maxChars: number, cls: string, anchor: 'middle' | 'start' = 'middle'): SvgNode {
  const shown = fit(text, maxChars);
  const attrs = { x, y, class: cls, 'text-anchor': anchor };
  // A text element holds either its text, or (when cut) a title with the full text and the cut text as a second node.
  if (shown === text) return { tag: 'text', attrs, text };
  return {
    tag: 'g',
    attrs: { class: 'cut' },
    children: [
      { tag: 'title', text },
      { tag: 'text', attrs, text: shown },
    ],
  };
}

function arrowMarker(status: StepStatus): SvgNode {
  return {
    tag: 'marker',
    attrs: { id: `arrow-${status}`, class: `arrow ${status}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    children: [{ tag: 'path', attrs: { d: 'M 0 0 L 10 5 L 0 10 z' } }],
  };
}

function message(step: Extract<FlowStep, { kind: 'call' | 'return' }>, x1: number, x2: number, y: number): SvgNode {
  const span = Math.abs(x2 - x1);
  const mid = (x1 + x2) / 2;
  const max = Math.max(span, COLUMN) / CHAR_WIDTH - 1;
  const direction = x2 > x1 ? -1 : 1;
  const children: SvgNode[] = [
    { tag: 'line', attrs: { x1, y1: y, x2: x2 + direction * 2, y2: y, 'marker-end': `url(#arrow-${step.status})` } },
    textNode(mid, y - 6, `${MARK[step.status]}${step.label}`, max, 'message-label'),
  ];
  if (step.detail) children.push(textNode(mid, y + 14, step.detail, max / 0.9, 'message-detail'));
  return { tag: 'g', attrs: { class: `message ${step.kind} ${step.status}` }, children };
}

/** XML 1.0 allows no control characters but tab, newline and carriage return: they are dropped, not escaped. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeText = (s: string) => s.replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/**
 * The tree as SVG markup: every text and attribute value escaped, only the known elements and attributes.
 * `css` (the diagram's stylesheet) goes into a <style> element so the file draws the same outside VS Code.
 */
export function svgToString(node: SvgNode, css?: string): string {
  const withStyle: SvgNode = css === undefined ? node : { ...node, children: [{ tag: 'style', text: css }, ...(node.children ?? [])] };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(withStyle)}\n`;
}

function serialize(node: SvgNode): string {
  if (!(SVG_TAGS as readonly string[]).includes(node.tag)) throw new Error(`unexpected SVG element ${node.tag}`);
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([name]) => SVG_ATTRIBUTES.has(name))
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
  const inner = node.text !== undefined ? escapeText(node.text) : (node.children ?? []).map(serialize).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
