/**
 * The messages between the flow panel's webview and the extension, and their validation. Shared by both
 * sides; no vscode and no DOM here. Whatever arrives from the other side is untrusted JSON: it is checked
 * field by field, and anything unexpected is refused as a whole.
 */
import { flowInputsFrom, isPlainObject, type FlowDocument, type FlowInputs, type FlowModel, type FlowResult } from '../../../server/src/protocol';

export const VIEW_TYPE = 'cognitoPool.flow';

/** Longest URI accepted, and most documents added to one role. */
export const MAX_URI_CHARS = 4096;
export const MAX_ADDED_DOCUMENTS = 32;
/** URI schemes of documents the panel may follow (those the language server gets). */
const SCHEMES = ['file:', 'untitled:'];

/** What the panel remembers across reloads: the webview saves it, the WebviewPanelSerializer gets it back. */
export interface PanelState {
  /** The followed document. */
  readonly uri: string;
  /** Other open documents added to the role. */
  readonly with: readonly string[];
  /** Only what the user set: the rest follows the documents. */
  readonly inputs: FlowInputs;
}

/** Extension -> webview: everything to draw, and the state to save. */
export interface UpdateMessage {
  readonly type: 'update';
  readonly state: PanelState;
  /** The followed document's name. */
  readonly title: string;
  readonly kind: FlowResult['kind'] | 'no-server';
  readonly model?: FlowModel;
  readonly notes: readonly string[];
  readonly documents: readonly FlowDocument[];
}

export type HostMessage = UpdateMessage;

/** Webview -> extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  /** The inputs the user set (replacing the previous ones). */
  | { readonly type: 'inputs'; readonly inputs: FlowInputs }
  /** The documents added to the role (replacing the previous ones). */
  | { readonly type: 'documents'; readonly with: readonly string[] }
  /** Reveal FlowModel.locations[location] in the editor. */
  | { readonly type: 'reveal'; readonly location: number }
  | { readonly type: 'export'; readonly format: 'svg' | 'mermaid' }
  /** The Content-Security-Policy blocked something: logged, for whoever debugs the panel. */
  | { readonly type: 'cspViolation'; readonly directive: string; readonly blocked: string };

function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A document URI the panel may follow: a string of a known scheme. */
export function isDocumentUri(value: unknown): value is string {
  return isShortString(value, MAX_URI_CHARS) && SCHEMES.some((s) => value.startsWith(s));
}

function uriList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_ADDED_DOCUMENTS || !value.every(isDocumentUri)) return undefined;
  return [...new Set(value)];
}

/** A message from the webview, or undefined when it is not exactly one of WebviewMessage. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isPlainObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
      return hasOnlyKeys(raw, ['type']) ? { type: 'ready' } : undefined;
    case 'inputs': {
      const inputs = hasOnlyKeys(raw, ['type', 'inputs']) ? flowInputsFrom(raw.inputs) : undefined;
      return inputs ? { type: 'inputs', inputs } : undefined;
    }
    case 'documents': {
      const list = hasOnlyKeys(raw, ['type', 'with']) ? uriList(raw.with) : undefined;
      return list ? { type: 'documents', with: list } : undefined;
    }
    case 'reveal':
      return hasOnlyKeys(raw, ['type', 'location']) && Number.isSafeInteger(raw.location) && (raw.location as number) >= 0
        ? { type: 'reveal', location: raw.location as number }
        : undefined;
    case 'export':
      return hasOnlyKeys(raw, ['type', 'format']) && (raw.format === 'svg' || raw.format === 'mermaid') ? { type: 'export', format: raw.format } : undefined;
    case 'cspViolation':
      return hasOnlyKeys(raw, ['type', 'directive', 'blocked']) && isShortString(raw.directive, 200) && isShortString(raw.blocked, 500)
        ? { type: 'cspViolation', directive: raw.directive, blocked: raw.blocked }
        : undefined;
    default:
      return undefined;
  }
}

/** Saved panel state (from an older session, or a webview that misbehaved), or undefined when malformed. */
export function parsePanelState(raw: unknown): PanelState | undefined {
  if (!isPlainObject(raw) || !hasOnlyKeys(raw, ['uri', 'with', 'inputs']) || !isDocumentUri(raw.uri)) return undefined;
  const list = raw.with === undefined ? [] : uriList(raw.with);
  const inputs = raw.inputs === undefined ? {} : flowInputsFrom(raw.inputs);
  if (!list || !inputs) return undefined;
  return { uri: raw.uri, with: list.filter((u) => u !== raw.uri), inputs };
}
