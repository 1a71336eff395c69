/**
 * The flow panel's requests from the extension to the language server: names and shapes only, shared by
 * both sides (the client imports this file; it has no runtime dependency).
 */
import type { FlowInputs, FlowModel, PolicyKind } from './core';

/** `FlowParams` -> `FlowResult`: the flow model of the role the document belongs to. */
export const FLOW_REQUEST = 'cognitoPool/flow';
/** `{ uri }` -> `DocumentKindResult`: whether the document is a policy the panel can show (for the CodeLens). */
export const DOCUMENT_KIND_REQUEST = 'cognitoPool/documentKind';

export interface FlowParams {
  /** The document the panel follows: a role's trust policy or one of its permission policies. */
  readonly uri: string;
  /**
   * Other open documents the user added to the same role. Until the workspace role model knows the role, the
   * role is these documents; later a role model can supply them (and this list adds to it).
   */
  readonly with?: readonly string[];
  readonly inputs?: FlowInputs;
}

/** An open trust or permission policy that can be added to the role. */
export interface FlowDocument {
  readonly uri: string;
  readonly name: string;
  readonly kind: 'trust' | 'identity';
}

export interface FlowResult {
  /** The followed document's kind; `closed` when the server does not have it open, `too-large` past the size limit. */
  readonly kind: PolicyKind | 'closed' | 'too-large';
  /** The document version the model was built from. */
  readonly version?: number;
  /** Absent when the document is not a trust or permission policy. */
  readonly model?: FlowModel;
  /** The model as a Mermaid sequenceDiagram. */
  readonly mermaid?: string;
  /** Why there is no model, or which added documents were not used. */
  readonly notes: readonly string[];
  /** Every other open trust or permission policy (the ones in `with` included). */
  readonly documents: readonly FlowDocument[];
}

export interface DocumentKindResult {
  readonly kind: PolicyKind | 'closed' | 'too-large';
  /** A trust policy that lets identity pools in, or a permission (identity) policy: the panel applies. */
  readonly flow: boolean;
}
