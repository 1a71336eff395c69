/**
 * The sequence diagram of a FlowModel as a tree of SVG elements (plain data), in the editor's font size (no text
 * below 11 px), as wide as the panel, every text wrapped onto as many lines as it needs (nothing is cut). The webview turns the tree
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
  'font-size',
]);

export interface SvgNode {
  readonly tag: SvgTag;
  readonly attrs?: Readonly<Record<string, string | number>>;
  /** Text content (escaped when serialized); a node has text or children. */
  readonly text?: string;
  readonly children?: readonly SvgNode[];
}

/** How the diagram is laid out: the font size (the editor's), the width to fill, and how wide a text is. */
export interface LayoutOptions {
  /** The text's size in px (the editor's font size); smaller texts are 0.9 of it, never below MIN_FONT_SIZE. */
  readonly fontSize?: number;
  /** The width to fill (the panel's); the diagram never gets narrower than its texts need. */
  readonly width?: number;
  /** The width of a text in px at a size: the webview measures with its own font; the default is a generous estimate. */
  readonly measure?: (text: string, size: number) => number;
}

export const DEFAULT_FONT_SIZE = 13;
/** No text of the diagram is smaller. */
export const MIN_FONT_SIZE = 11;
/** Wider than the average character of the sans-serif fonts the panel and SVG viewers use, so that nothing overflows. */
const CHAR_EM = 0.62;
const PAD = 12;

const MARK: Readonly<Record<StepStatus, string>> = { ok: '✓ ', fail: '✗ ', neutral: '', skipped: '' };

/** An estimate of a text's width: wide enough for the usual fonts, wider for characters of East Asian scripts. */
export function estimateWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! > 0x2e80 ? 1.05 : CHAR_EM;
  return em * size;
}

/**
 * The text in lines no wider than `max` (px): broken at spaces, and a word longer than a line (an ARN) after a
 * `/`, `:`, `,` or, failing those, anywhere. Nothing is left out.
 */
export function wrapText(text: string, max: number, size: number, measure: (text: string, size: number) => number = estimateWidth): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (t: string) => measure(t, size) <= max;
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (!fits(rest)) {
      let cut = 1;
      while (cut < rest.length && fits(rest.slice(0, cut + 1))) cut++;
      const soft = Math.max(...['/', ':', ','].map((c) => rest.lastIndexOf(c, cut - 1)));
      if (soft > cut / 2) cut = soft + 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

export function layoutFlow(model: FlowModel, options: LayoutOptions = {}): SvgNode {
  const size = Math.max(MIN_FONT_SIZE, Math.round(options.fontSize ?? DEFAULT_FONT_SIZE));
  const small = Math.max(MIN_FONT_SIZE, Math.round(size * 0.9));
  const lineHeight = Math.round(size * 1.4);
  const smallLine = Math.round(small * 1.4);
  const measure = options.measure ?? estimateWidth;
  const wrap = (text: string, max: number, at: number) => wrapText(text, max, at, measure);
  const ids = model.participants.map((p) => p.id);
  const n = Math.max(ids.length, 2);
  // A column is wide enough for its participant's label on at most two lines, and shares the panel's width.
  const labelWidth = Math.max(...model.participants.map((p) => Math.max(...p.label.split(' ').map((w) => measure(w, size)), measure(p.label, size) / 2)));
  const column = Math.ceil(Math.max(size * 13, labelWidth + 28, (options.width ?? 0) / n));
  const width = n * column;
  const x = (id: ParticipantId) => ids.indexOf(id) * column + column / 2;
  const body: SvgNode[] = [];

  const boxes = model.participants.map((p) => ({
    label: wrap(p.label, column - 28, size),
    detail: p.detail ? wrap(p.detail, column - 28, small) : [],
  }));
  const boxHeight = Math.max(...boxes.map((b) => b.label.length * lineHeight + b.detail.length * smallLine)) + 14;
  model.participants.forEach((_, i) => {
    const left = i * column + 8;
    const { label, detail } = boxes[i];
    const box: SvgNode[] = [{ tag: 'rect', attrs: { x: left, y: PAD, width: column - 16, height: boxHeight, rx: 4 } }];
    const centre = left + (column - 16) / 2;
    let y = PAD + 7 + size;
    for (const line of label) {
      box.push(textNode(centre, y, line, 'participant-label', size));
      y += lineHeight;
    }
    y += small - size;
    for (const line of detail) {
      box.push(textNode(centre, y, line, 'participant-detail', small));
      y += smallLine;
    }
    body.push({ tag: 'g', attrs: { class: 'participant' }, children: box });
  });

  let y = PAD + boxHeight + 16;
  const rows: SvgNode[] = [];
  for (const step of model.steps) {
    if (step.kind === 'note') {
      const noteWidth = Math.min(width - 2 * PAD, Math.max(2 * column + 60, Math.min(width - 2 * PAD, size * 40)));
      const left = Math.min(Math.max(PAD, x(step.over) - noteWidth / 2), width - PAD - noteWidth);
      const lines: { text: string; cls: string }[] = [];
      for (const t of wrap(step.label, noteWidth - 16, size)) lines.push({ text: t, cls: `note-title ${step.status}` });
      for (const l of step.lines)
        for (const t of wrap(`${MARK[l.status]}${l.text}`, noteWidth - 24, size)) lines.push({ text: t, cls: `note-line ${l.status}` });
      const height = lines.length * lineHeight + 12;
      const children: SvgNode[] = [{ tag: 'rect', attrs: { x: left, y, width: noteWidth, height, rx: 3 } }];
      lines.forEach((l, i) => children.push(textNode(left + 8, y + 6 + size + i * lineHeight, l.text, l.cls, size, 'start')));
      rows.push({ tag: 'g', attrs: { class: `note ${step.status}` }, children });
      y += height + 14;
      continue;
    }
    const span = Math.max(Math.abs(x(step.to) - x(step.from)), column) - 16;
    const label = wrap(`${MARK[step.status]}${step.label}`, span, size);
    const detail = step.detail ? wrap(step.detail, span, small) : [];
    const arrowY = y + label.length * lineHeight + 2;
    rows.push(message(step, x(step.from), x(step.to), arrowY, label, detail, size, small, lineHeight, smallLine));
    y = arrowY + detail.length * smallLine + 14;
  }
  const height = y + PAD;
  const lifelines: SvgNode[] = model.participants.map((p) => ({
    tag: 'line',
    attrs: { class: 'lifeline', x1: x(p.id), y1: PAD + boxHeight, x2: x(p.id), y2: height - PAD },
  }));

  return {
    tag: 'svg',
    attrs: {
      xmlns: SVG_NS,
      class: 'flow-svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      'font-size': size,
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

function textNode(x: number, y: number, text: string, cls: string, size: number, anchor: 'middle' | 'start' = 'middle'): SvgNode {
  return { tag: 'text', attrs: { x, y, class: cls, 'font-size': size, 'text-anchor': anchor }, text };
}

function arrowMarker(status: StepStatus): SvgNode {
  return {
    tag: 'marker',
    attrs: { id: `arrow-${status}`, class: `arrow ${status}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    children: [{ tag: 'path', attrs: { d: 'M 0 0 L 10 5 L 0 10 z' } }],
  };
}

function message(
  step: Extract<FlowStep, { kind: 'call' | 'return' }>,
  x1: number,
  x2: number,
  y: number,
  label: readonly string[],
  detail: readonly string[],
  size: number,
  small: number,
  lineHeight: number,
  smallLine: number,
): SvgNode {
  const mid = (x1 + x2) / 2;
  const direction = x2 > x1 ? -1 : 1;
  const children: SvgNode[] = [{ tag: 'line', attrs: { x1, y1: y, x2: x2 + direction * 2, y2: y, 'marker-end': `url(#arrow-${step.status})` } }];
  label.forEach((line, i) => children.push(textNode(mid, y - 6 - (label.length - 1 - i) * lineHeight, line, 'message-label', size)));
  detail.forEach((line, i) => children.push(textNode(mid, y + small + 4 + i * smallLine, line, 'message-detail', small)));
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
