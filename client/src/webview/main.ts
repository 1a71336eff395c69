/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The flow panel's webview (bundled to dist/webview/webview.js, runs in the browser): the controls for the
 * identity and the request, and what the extension sends back, drawn with DOM APIs only. It never parses a
 * policy: the model comes from the language server. Every text that may come from a policy is set with
 * textContent (or as a control's value property), never as markup; no inline handlers, no remote content.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import {
  IDENTITY_KIND_LABELS,
  IDENTITY_KINDS,
  type FlowInputName,
  type FlowInputs,
  type FlowLocation,
  type FlowModel,
  type FlowPoolView,
} from '../../../server/src/protocol';
import { DEFAULT_FONT_SIZE, layoutFlow, SVG_ATTRIBUTES, SVG_NS, type SvgNode } from './diagram';
import type { UpdateMessage, WebviewMessage } from './messages';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage) => vscode.postMessage(message);

/** A vscode-elements control: its value is a property (never markup). */
type Control = HTMLElement & { value: string; disabled: boolean; invalid: boolean; placeholder: string };

// ---------------------------------------------------------------------------------------------
// DOM helpers: text only

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; id?: string; text?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.id) node.id = options.id;
  if (options.text !== undefined) node.textContent = options.text;
  node.append(...children);
  return node;
}

function custom<T extends HTMLElement = Control>(tag: string, id?: string): T {
  const node = document.createElement(tag) as T;
  if (id) node.id = id;
  return node;
}

/** The SVG tree as DOM nodes: known elements and attributes only, texts through textContent. */
function svgDom(node: SvgNode): SVGElement {
  const element = document.createElementNS(SVG_NS, node.tag);
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    if (SVG_ATTRIBUTES.has(name) && name !== 'xmlns') element.setAttribute(name, String(value));
  }
  if (node.text !== undefined) element.textContent = node.text;
  else for (const child of node.children ?? []) element.append(svgDom(child));
  return element;
}

// ---------------------------------------------------------------------------------------------
// The page

const root = document.getElementById('flow-root')!;
const header = el('header');
const notes = el('div', { className: 'notes', id: 'notes' });
const documentsBox = el('div', { className: 'documents', id: 'documents' });
const verdict = el('section', { className: 'verdict unknown', id: 'verdict' });
verdict.setAttribute('aria-live', 'polite');
const trustBox = el('section', { id: 'trust' });
const poolBox = el('section', { id: 'pool-view' });
const credentialsBox = el('section', { id: 'credentials' });
const diagram = el('figure', { className: 'diagram', id: 'diagram' });

interface Field {
  readonly name: FlowInputName;
  readonly wrapper: HTMLElement;
  readonly control: Control;
  readonly origin: HTMLElement;
  readonly problem: HTMLElement;
}
const fields = new Map<FlowInputName, Field>();

const PLACEHOLDERS: Readonly<Record<string, string>> = {
  'user-pool': 'cognito-idp.<region>.amazonaws.com/<userPoolId>',
  social: 'accounts.google.com, graph.facebook.com, ...',
  oidc: 'the issuer host, e.g. login.example.com',
  saml: 'arn:aws:iam::<account>:saml-provider/<name>',
  developer: 'your developer provider name',
  guest: 'guests sign in nowhere',
};

function field(name: FlowInputName, labelText: string, control: Control, wide = false): HTMLElement {
  control.id = name;
  const label = custom<HTMLElement & { htmlFor: string }>('vscode-label');
  label.htmlFor = name;
  label.textContent = labelText;
  const origin = el('span', { className: 'origin', id: `${name}-origin` });
  const problem = el('span', { className: 'problem', id: `${name}-problem` });
  problem.setAttribute('role', 'status');
  const wrapper = el('div', { className: wide ? 'field wide' : 'field' }, label, control, origin, problem);
  fields.set(name, { name, wrapper, control, origin, problem });
  return wrapper;
}

function textField(name: FlowInputName, labelText: string, placeholder: string, wide = false): HTMLElement {
  const control = custom('vscode-textfield');
  control.placeholder = placeholder;
  control.addEventListener('input', () => edited(name, control.value, true));
  control.addEventListener('change', () => edited(name, control.value, false));
  return field(name, labelText, control, wide);
}

function identitySelect(): HTMLElement {
  const control = custom('vscode-single-select');
  for (const kind of IDENTITY_KINDS) {
    const option = custom<HTMLElement & { value: string }>('vscode-option');
    option.value = kind;
    option.textContent = IDENTITY_KIND_LABELS[kind];
    control.append(option);
  }
  control.addEventListener('change', () => edited('identity', control.value, false));
  return field('identity', 'Identity', control);
}

/** Radio buttons as one control (`value` is its checked radio's); each radio's id is `<name>-<value>`. */
function radios(name: FlowInputName, labelText: string, options: readonly (readonly [string, string])[]): HTMLElement {
  const group = custom('vscode-radio-group');
  group.setAttribute('variant', 'vertical');
  for (const [value, text] of options) {
    const radio = custom<HTMLElement & { value: string; checked: boolean; name: string }>('vscode-radio', `${name}-${value}`);
    radio.name = name;
    radio.value = value;
    radio.textContent = text;
    group.append(radio);
  }
  // The group has no value of its own: its checked radio's.
  const all = () => [...group.querySelectorAll<HTMLElement & { value: string; checked: boolean }>('vscode-radio')];
  Object.defineProperty(group, 'value', {
    get: () => all().find((r) => r.checked)?.value ?? '',
    set: (v: string) => all().forEach((r) => (r.checked = r.value === v)),
  });
  group.addEventListener('change', () => {
    const checked = all().find((r) => r.checked);
    if (checked) edited(name, checked.value, false);
  });
  return field(name, labelText, group);
}

function flowRadios(): HTMLElement {
  return radios('flow', 'Flow', [
    ['enhanced', 'Enhanced: GetCredentialsForIdentity'],
    ['basic', 'Basic: GetOpenIdToken, then AssumeRoleWithWebIdentity'],
  ]);
}

/** A list whose options come from the model (the pools, the roles of a template). */
function dynamicSelect(name: FlowInputName, labelText: string): HTMLElement {
  const control = custom('vscode-single-select');
  control.addEventListener('change', () => edited(name, control.value, false));
  return field(name, labelText, control);
}

function setOptions(name: FlowInputName, values: readonly string[]): void {
  const control = fields.get(name)!.control;
  const current = [...control.querySelectorAll<HTMLElement & { value: string }>('vscode-option')].map((o) => o.value);
  if (current.length === values.length && current.every((v, i) => v === values[i])) return;
  control.replaceChildren(
    ...values.map((v) => {
      const option = custom<HTMLElement & { value: string }>('vscode-option');
      option.value = v;
      option.textContent = v;
      return option;
    }),
  );
}

function longText(name: FlowInputName, labelText: string, placeholder: string, rows: number): HTMLElement {
  const control = custom('vscode-textarea');
  control.placeholder = placeholder;
  control.setAttribute('rows', String(rows));
  control.addEventListener('input', () => edited(name, control.value, true));
  control.addEventListener('change', () => edited(name, control.value, false));
  return field(name, labelText, control, true);
}

function contextArea(): HTMLElement {
  const control = custom('vscode-textarea');
  control.placeholder = 'one key=value a line, e.g. s3:prefix=private/';
  control.setAttribute('rows', '2');
  control.addEventListener('input', () => edited('context', control.value, true));
  control.addEventListener('change', () => edited('context', control.value, false));
  return field('context', 'Request context keys', control, true);
}

function button(id: string, text: string, onClick: () => void, secondary = true): HTMLElement & { disabled: boolean } {
  const b = custom<HTMLElement & { secondary: boolean; disabled: boolean }>('vscode-button', id);
  b.textContent = text;
  b.secondary = secondary;
  b.addEventListener('click', onClick);
  return b;
}

/** Said where a token or claims are entered: they are data for this panel only. */
const privacy = el('p', {
  className: 'muted wide-note',
  id: 'token-note',
  text: 'The token is decoded on this machine by the extension: its signature is not checked, and it is not sent anywhere.',
});

const controls = el(
  'section',
  { className: 'controls', id: 'controls' },
  dynamicSelect('pool', 'Identity pool'),
  radios('signIn', 'Identity', [
    ['guest', 'Guest (no login)'],
    ['token', 'Signed in: paste a token (JWT)'],
    ['claims', 'Signed in: enter claims (JSON)'],
  ]),
  longText('token', 'ID token', 'eyJraWQiOi… (header.payload.signature)', 3),
  longText('claims', 'Claims', '{"iss": "https://cognito-idp.<region>.amazonaws.com/<userPoolId>", "aud": "<app client ID>", "sub": "…"}', 4),
  privacy,
  identitySelect(),
  textField('provider', 'Provider (Logins key)', PLACEHOLDERS['user-pool']),
  textField('identityId', 'Identity ID', '<region>:<guid>'),
  textField('poolId', 'Identity pool ID', '<region>:<guid>'),
  flowRadios(),
  dynamicSelect('role', 'Role the app assumes (basic flow)'),
  textField('action', 'Action', 'service:Action, e.g. s3:GetObject'),
  textField('resource', 'Resource ARN', 'arn:aws:s3:::bucket/key, or *', true),
  contextArea(),
);
controls.setAttribute('aria-label', 'Identity and request');

const exportSvg = button('export-svg', 'Export SVG…', () => post({ type: 'export', format: 'svg' }));
const exportMermaid = button('export-mermaid', 'Export Mermaid', () => post({ type: 'export', format: 'mermaid' }));

// The verdict and the sequence first; then, in two columns when the panel is wide (flow.css), what the user sets
// on the left and what the documents say on the right; one column otherwise, in this order (also the Tab order).
root.replaceChildren(
  header,
  notes,
  verdict,
  el(
    'section',
    { className: 'sequence', id: 'sequence' },
    el('h2', { text: 'Sequence' }),
    diagram,
    el('div', { className: 'buttons' }, exportSvg, exportMermaid),
  ),
  el(
    'div',
    { className: 'columns' },
    el(
      'div',
      { className: 'column' },
      el('h2', { text: 'Identity and request' }),
      controls,
      el(
        'div',
        { className: 'buttons' },
        button('reset', 'Use document defaults', () => {
          explicit = {};
          refill = true;
          sendInputs();
        }),
      ),
      el('h2', { id: 'documents-title', text: 'Documents of the role' }),
      documentsBox,
    ),
    el('div', { className: 'column' }, poolBox, trustBox, credentialsBox),
  ),
);
root.removeAttribute('aria-busy');

// ---------------------------------------------------------------------------------------------
// Inputs

/** Only what the user set; everything else follows the documents. */
let explicit: FlowInputs = {};
/** The next update fills every control (a new document, or back to the defaults). */
let refill = true;
let followed: string | undefined;
let typing: ReturnType<typeof setTimeout> | undefined;

function edited(name: FlowInputName, value: string, debounce: boolean): void {
  explicit = { ...explicit, [name]: value };
  if (name === 'identity') updateProviderField(value);
  if (name === 'signIn' || name === 'flow') updateVisibility();
  clearTimeout(typing);
  if (debounce) typing = setTimeout(sendInputs, 300);
  else sendInputs();
}

function sendInputs(): void {
  clearTimeout(typing);
  post({ type: 'inputs', inputs: explicit });
}

function updateProviderField(kind: string): void {
  const provider = fields.get('provider')!.control;
  provider.disabled = kind === 'guest';
  provider.placeholder = PLACEHOLDERS[kind] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Drawing an update

let model: FlowModel | undefined;

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as UpdateMessage | undefined;
  if (message?.type === 'update') render(message);
});

function render(message: UpdateMessage): void {
  vscode.setState(message.state);
  if (message.state.uri !== followed) {
    followed = message.state.uri;
    explicit = { ...message.state.inputs };
    refill = true;
  }
  model = message.model;
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;

  renderHeader(message);
  notes.replaceChildren(...message.notes.map((n) => el('p', { text: n })));
  notes.hidden = message.notes.length === 0;
  renderDocuments(message);
  renderControls(message);
  renderVerdict();
  renderPool();
  renderTrust();
  renderCredentials();
  drawDiagram();
  exportSvg.disabled = !model;
  exportMermaid.disabled = !model || message.kind === 'no-server';
  refill = false;

  // Redrawn buttons replace the old ones: keep the keyboard focus where it was.
  if (focusKey) [...document.querySelectorAll<HTMLElement>('[data-focus-key]')].find((e) => e.dataset.focusKey === focusKey)?.focus();
}

function renderHeader(message: UpdateMessage): void {
  const sources = model
    ? `Trust policy: ${model.sources.trust ?? 'none (add one below)'} · Permission policies: ${model.sources.permissions.join(', ') || 'none (add one below)'}`
    : `Document: ${message.title}`;
  const pool = model?.pool;
  const title = pool ? `Sign-in to verdict: identity pool ${pool.pool}` : 'Token-to-credentials flow';
  header.replaceChildren(el('h1', { text: title }), el('p', { className: 'sources', id: 'sources', text: sources }));
}

function renderDocuments(message: UpdateMessage): void {
  const items: Node[] = [el('span', { className: 'muted', text: `Following ${message.title}.` })];
  if (message.documents.length === 0)
    items.push(el('span', { className: 'muted', text: "Open the role's other trust or permission policies to add them here." }));
  for (const d of message.documents) {
    const box = custom<HTMLElement & { checked: boolean; value: string }>('vscode-checkbox');
    box.checked = message.state.with.includes(d.uri);
    box.dataset.uri = d.uri;
    box.dataset.focusKey = `document:${d.uri}`;
    box.textContent = `${d.name} (${d.kind === 'trust' ? 'trust policy' : 'permission policy'})`;
    box.addEventListener('change', () => {
      const checked = [...documentsBox.querySelectorAll<HTMLElement & { checked: boolean }>('vscode-checkbox')]
        .filter((b) => b.checked)
        .map((b) => b.dataset.uri!);
      post({ type: 'documents', with: checked });
    });
    items.push(box);
  }
  documentsBox.replaceChildren(...items);
}

function renderControls(message: UpdateMessage): void {
  const inputs = model?.inputs;
  for (const f of fields.values()) {
    const userSet = explicit[f.name] !== undefined;
    const value = userSet ? explicit[f.name]! : (inputs?.[f.name] ?? '');
    // Never overwrite what the user is typing, nor a value the user set (the host's echo may be older).
    if ((refill || !userSet) && document.activeElement !== f.control && f.control.value !== value) f.control.value = value;
    f.origin.textContent = !userSet && model?.origins[f.name] ? model.origins[f.name]! : '';
    const problems = model?.problems.filter((p) => p.input === f.name).map((p) => p.message) ?? [];
    f.problem.textContent = problems.join(' ');
    f.control.invalid = problems.length > 0;
  }
  updateProviderField(fields.get('identity')!.control.value);
  for (const f of fields.values()) f.control.disabled = f.name === 'provider' ? f.control.disabled || !model : !model;
  if (message.kind === 'no-server') fields.forEach((f) => (f.control.disabled = true));
  updateVisibility();
}

/** A whole pool's document shows its own controls (pool, sign-in, token or claims); a policy's, the identity kind. */
function updateVisibility(): void {
  const pool = model?.pool;
  const value = (name: FlowInputName) => fields.get(name)!.control.value;
  const show = (name: FlowInputName, visible: boolean) => (fields.get(name)!.wrapper.hidden = !visible);
  if (pool) {
    setOptions('pool', pool.pools);
    setOptions('role', pool.roles);
    const pick = (name: FlowInputName, v: string) => {
      const c = fields.get(name)!.control;
      if (c.value !== v && document.activeElement !== c) c.value = v;
    };
    pick('pool', explicit.pool ?? model!.inputs.pool);
    if (model!.inputs.role || explicit.role) pick('role', explicit.role ?? model!.inputs.role);
    fields.get('pool')!.control.disabled = pool.pools.length < 2;
    // A signed-in identity's provider comes from the token; the field overrides it.
    fields.get('provider')!.control.disabled = value('signIn') === 'guest';
    fields.get('provider')!.control.placeholder = "from the token's iss (a user pool: and aud)";
  }
  show('pool', !!pool);
  show('signIn', !!pool);
  show('token', !!pool && value('signIn') === 'token');
  show('claims', !!pool && value('signIn') === 'claims');
  privacy.hidden = !pool || value('signIn') === 'guest';
  show('role', !!pool && value('flow') === 'basic');
  show('identity', !pool);
  document.getElementById('documents-title')!.hidden = !!pool;
  documentsBox.hidden = !!pool;
}

// ---------------------------------------------------------------------------------------------
// The diagram: the editor's font size, as wide as the panel, every text measured in the panel's font

let measureContext: CanvasRenderingContext2D | null | undefined;

function measure(text: string, size: number): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * size * 0.62;
  measureContext.font = `600 ${size}px ${getComputedStyle(document.body).fontFamily}`;
  // Bold (participants, note titles) is the widest weight the diagram uses; a little more for the SVG's own rendering.
  return measureContext.measureText(text).width * 1.04;
}

function editorFontSize(): number {
  const px = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-size'));
  return Number.isFinite(px) && px > 0 ? px : DEFAULT_FONT_SIZE;
}

let drawnWidth = 0;

function drawDiagram(): void {
  drawnWidth = diagram.clientWidth;
  diagram.replaceChildren(
    ...(model
      ? [svgDom(layoutFlow(model, { fontSize: editorFontSize(), width: drawnWidth, measure }))]
      : [el('p', { className: 'muted', text: 'No sequence to draw.' })]),
  );
}

// The diagram follows the panel's width.
let resizeFrame = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    if (model && Math.abs(diagram.clientWidth - drawnWidth) > 8) drawDiagram();
  });
}).observe(diagram);

/** A button that reveals a place of a document in the editor (Enter or Space activates it). */
function revealButton(index: number, text: string): HTMLButtonElement {
  const location: FlowLocation = model!.locations[index];
  const b = el('button', { className: 'link', text });
  b.type = 'button';
  b.dataset.location = String(index);
  b.dataset.focusKey = `location:${location.document}:${location.range.start}:${text}`;
  b.title = `Show it in ${location.name}, line ${location.start.line + 1}`;
  b.addEventListener('click', () => post({ type: 'reveal', location: index }));
  return b;
}

function renderVerdict(): void {
  if (!model) {
    verdict.className = 'verdict unknown';
    verdict.replaceChildren(el('p', { className: 'verdict-title', id: 'verdict-title', text: 'Nothing to evaluate' }));
    return;
  }
  const r = model.request;
  const denied = r.decision !== undefined && r.decision !== 'allowed';
  const pool = model.pool;
  verdict.className = `verdict ${pool?.uncertain !== undefined ? 'unknown' : r.decision === 'allowed' ? 'allowed' : denied ? 'denied' : 'unknown'}`;
  const title =
    pool?.problem !== undefined
      ? 'Enter the identity'
      : pool && pool.role === undefined
        ? 'Cannot tell'
        : r.decision === 'allowed'
          ? 'Allowed'
          : r.decision === 'explicit-deny'
            ? 'Denied explicitly'
            : r.decision === 'implicit-deny'
              ? r.status === 'no-credentials'
                ? 'Denied: no credentials'
                : 'Denied implicitly'
              : r.status === 'no-policies'
                ? 'No permission policy'
                : r.status === 'invalid'
                  ? 'Cannot evaluate the request'
                  : 'No request';
  const children: Node[] = [el('p', { className: 'verdict-title', id: 'verdict-title', text: title }), el('p', { id: 'verdict-summary', text: model.summary })];
  if (r.statements.length) {
    const heading = r.decision === 'allowed' ? 'Allowed by' : 'Denied by';
    children.push(
      el(
        'div',
        { className: 'statements', id: 'deciding' },
        el('span', { text: `${heading}:` }),
        ...r.statements.map((i) => revealButton(i, statementText(i))),
      ),
    );
  }
  // The banner's sentence already says some reasons (the identity still missing, the role that cannot be told): not twice.
  const reasons = [...(r.problem ? [r.problem] : []), ...r.reasons].filter((text) => !model!.summary.includes(text));
  if (reasons.length) children.push(el('ul', { className: 'reasons', id: 'reasons' }, ...reasons.map((text) => el('li', { text }))));
  verdict.replaceChildren(...children);
}

/** `Statement "Sid" (s3.json:17)`: the Sid is policy text, shown as text. */
function statementText(index: number): string {
  const l = model!.locations[index];
  return `${l.label} (${l.name}:${l.start.line + 1})`;
}

const OUTCOME: Readonly<Record<FlowPoolView['rules'][number]['outcome'], [string, string]>> = {
  matched: ['pass', '✓ matched'],
  'not-matched': ['fail', '✗ not matched'],
  'not-reached': ['skip', '– not reached'],
  unknown: ['skip', '? cannot be told'],
};

function byText(role: NonNullable<FlowPoolView['role']>): string {
  return role.by === 'rules'
    ? `rule ${role.rule} of the role mapping`
    : role.by === 'token'
      ? "the token's role"
      : role.by === 'app'
        ? 'named by the app'
        : 'default role';
}

/** A whole pool's document: the sign-in, the role resolution rule by rule, the principal tags. */
function renderPool(): void {
  const pool = model?.pool;
  poolBox.hidden = !pool;
  if (!pool) {
    poolBox.replaceChildren();
    return;
  }
  const link = (index: number | undefined, text: string): Node => (index === undefined ? el('span', { text }) : revealButton(index, text));
  const children: Node[] = [el('h2', { text: 'Identity pool' }), el('p', { id: 'pool-name' }, link(pool.poolLocation, pool.pool))];

  children.push(el('h2', { text: 'Sign-in' }));
  if (pool.signIn) {
    children.push(el('p', { id: 'sign-in', text: `Provider ${pool.signIn.provider}, role-mapping key ${pool.signIn.mappingKey} (${pool.signIn.how}).` }));
    if (pool.claims !== undefined) children.push(el('pre', { className: 'claims', id: 'claims-read', text: pool.claims }));
  } else children.push(el('p', { className: 'muted', text: pool.problem ?? (model!.inputs.signIn === 'guest' ? 'A guest: GetId without logins.' : '') }));

  children.push(el('h2', { text: 'Role resolution' }));
  const role = pool.role;
  children.push(
    el(
      'p',
      { id: 'pool-role' },
      ...(role
        ? [el('span', { text: 'Role: ' }), link(role.location, role.id), el('span', { text: ` (${byText(role)})` })]
        : [el('span', { text: role === null ? 'No role: no credentials.' : 'Not resolved.' })]),
    ),
  );
  if (pool.mapping) {
    const m = pool.mapping;
    children.push(
      el(
        'p',
        {},
        link(m.location, `Role mapping for ${m.provider}`),
        el('span', { className: 'muted', text: ` Type ${m.type}${m.ambiguousRoleResolution ? `, AmbiguousRoleResolution ${m.ambiguousRoleResolution}` : ''}` }),
      ),
    );
  }
  if (pool.rules.length) {
    const rows = pool.rules.map((r) =>
      el(
        'tr',
        {},
        el('td', { className: OUTCOME[r.outcome][0], text: OUTCOME[r.outcome][1] }),
        el('td', {}, link(r.location, `Rule ${r.number}`)),
        el('td', { className: 'mono', text: r.text }),
        el('td', { className: 'mono', text: r.role }),
      ),
    );
    const head = el('tr', {}, ...['Result', 'Rule', 'Claim, match, value', 'Role'].map((h) => el('th', { text: h })));
    children.push(el('table', { className: 'conditions', id: 'rules' }, el('thead', {}, head), el('tbody', {}, ...rows)));
  }
  if (pool.resolutionReasons.length) children.push(el('ul', { className: 'reasons' }, ...pool.resolutionReasons.map((text) => el('li', { text }))));

  if (pool.tags.length || pool.tagReasons.length) {
    children.push(el('h2', { text: 'Principal tags' }));
    if (pool.tags.length) {
      const rows = pool.tags.map((t) =>
        el(
          'tr',
          {},
          el('td', {}, link(t.location, t.key)),
          el('td', { className: 'mono', text: t.claim }),
          el('td', { className: t.value === undefined ? 'detail' : 'mono', text: t.value ?? 'not set: no such claim' }),
        ),
      );
      const head = el('tr', {}, ...['Tag (aws:PrincipalTag/…)', 'From claim', 'Value'].map((h) => el('th', { text: h })));
      children.push(el('table', { className: 'conditions', id: 'tags' }, el('thead', {}, head), el('tbody', {}, ...rows)));
    }
    children.push(el('ul', { className: 'reasons' }, ...pool.tagReasons.map((text) => el('li', { text }))));
  }
  if (pool.uncertain !== undefined) children.push(el('p', { className: 'notes', text: `As far as can be told: ${pool.uncertain}` }));
  poolBox.replaceChildren(...children);
}

function renderTrust(): void {
  if (!model) {
    trustBox.replaceChildren();
    return;
  }
  const t = model.trust;
  const status = t.status === 'allowed' ? 'lets this identity in' : t.status === 'denied' ? 'refuses this identity' : 'not checked';
  const children: Node[] = [el('h2', { text: `Trust policy${t.policy ? ` (${t.policy})` : ''}: ${status}` })];
  if (t.status === 'not-checked') children.push(el('p', { className: 'muted', text: t.reasons[0] }));
  for (const s of t.statements) {
    children.push(
      el(
        'p',
        {},
        revealButton(s.location, `${s.label} (${s.effect})`),
        el('span', { className: 'muted', text: s.decided ? ' decides' : s.met ? ' applies' : ' does not apply' }),
      ),
    );
    if (s.conditions.length === 0) continue;
    const rows = s.conditions.map((c) =>
      el(
        'tr',
        {},
        el('td', { className: c.passed ? 'pass' : 'fail', text: c.passed ? '✓ pass' : '✗ fail' }),
        el('td', {}, revealButton(c.location, c.claim ?? c.key)),
        el('td', { className: 'mono', text: c.operator }),
        el('td', { className: 'mono', text: c.values.join(', ') }),
        el('td', { className: 'detail', text: c.detail }),
      ),
    );
    const head = el('tr', {}, ...['Result', 'Key', 'Operator', 'Values', 'For this identity'].map((h) => el('th', { text: h })));
    children.push(el('table', { className: 'conditions' }, el('thead', {}, head), el('tbody', {}, ...rows)));
  }
  if (t.status !== 'not-checked') children.push(el('ul', { className: 'reasons' }, ...t.reasons.map((text) => el('li', { text }))));
  trustBox.replaceChildren(...children);
}

function renderCredentials(): void {
  if (!model) {
    credentialsBox.replaceChildren();
    return;
  }
  const c = model.credentials;
  const lines = [
    `Temporary credentials: ${c.lifetime}${c.issued === false ? ' (not issued)' : ''}.`,
    ...(c.token ? [`${c.token.name[0].toUpperCase()}${c.token.name.slice(1)}: valid for ${c.token.lifetime}.`] : []),
    ...c.notes,
  ];
  credentialsBox.replaceChildren(el('h2', { text: 'Credentials' }), el('ul', { className: 'reasons' }, ...lines.map((text) => el('li', { text }))));
}

// What the Content-Security-Policy blocks is reported to the extension's log (nothing should ever be).
document.addEventListener('securitypolicyviolation', (e) =>
  post({ type: 'cspViolation', directive: e.violatedDirective.slice(0, 200), blocked: String(e.blockedURI).slice(0, 500) }),
);

post({ type: 'ready' });
