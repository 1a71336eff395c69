/**
 * The flow panel's wire format: the model the server sends and the inputs the webview sends back. The model is a
 * copy of the core's shape (core/flow/flowModel.ts) as plain data, so that the client and the webview depend on
 * this file only; server/src/common/flow.ts fails to compile when the core's model stops fitting it. The inputs
 * are the core's dependency-free inputs module, re-exported.
 */

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** 0-based line and UTF-16 character. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export type Effect = 'Allow' | 'Deny';
export type AccessDecision = 'allowed' | 'explicit-deny' | 'implicit-deny';
export type PoolFlow = 'enhanced' | 'basic';

// ---------------------------------------------------------------------------------------------
// Inputs: the core's own module (core/flow/inputs.ts), which is dependency-free for this purpose: one list of
// identity kinds, labels and limits, and one validator, for the webview, the client and the server.

export {
  IDENTITY_KINDS,
  FLOWS,
  SIGN_IN_MODES,
  IDENTITY_KIND_LABELS,
  FLOW_INPUT_NAMES,
  MAX_INPUT_CHARS,
  MAX_CONTEXT_CHARS,
  flowInputsFrom,
  isPlainObject,
  type IdentityKind,
  type SignInMode,
  type FlowInputs,
  type FlowInputName,
} from '../core/flow/inputs';
import type { FlowInputName, IdentityKind, SignInMode } from '../core/flow/inputs';

/** The inputs as evaluated, every default filled in ('' where there is none). */
export interface ResolvedFlowInputs {
  readonly identity: IdentityKind;
  readonly provider: string;
  readonly identityId: string;
  readonly poolId: string;
  readonly flow: PoolFlow;
  readonly action: string;
  readonly resource: string;
  readonly context: string;
  /** A whole pool's document; '' otherwise. */
  readonly pool: string;
  readonly signIn: SignInMode | '';
  readonly claims: string;
  readonly token: string;
  readonly role: string;
}

// The model

/** A place in a document: offsets and the same as line/character (0-based, UTF-16). */
export interface FlowLocation {
  readonly document: string;
  /** The policy's name (a file name). */
  readonly name: string;
  /** What is there: `Statement "ReadOwn"`, `Statement 2`, or a condition key. */
  readonly label: string;
  readonly range: Range;
  readonly start: Position;
  readonly end: Position;
}

export type ParticipantId = 'app' | 'idp' | 'backend' | 'cognito' | 'sts' | 'service';

export interface FlowParticipant {
  readonly id: ParticipantId;
  readonly label: string;
  readonly detail?: string;
}

/** ok: happens and succeeds; fail: refused here; neutral: happens, nothing to judge; skipped: never reached. */
export type StepStatus = 'ok' | 'fail' | 'neutral' | 'skipped';

export interface FlowNoteLine {
  readonly text: string;
  readonly status: StepStatus;
}

export type FlowStep =
  | {
      readonly kind: 'call' | 'return';
      readonly from: ParticipantId;
      readonly to: ParticipantId;
      readonly label: string;
      readonly detail?: string;
      readonly status: StepStatus;
    }
  | {
      readonly kind: 'note';
      readonly over: ParticipantId;
      readonly label: string;
      readonly lines: readonly FlowNoteLine[];
      readonly status: StepStatus;
    };

/** One key of one condition of a trust statement, tested alone against the identity's AssumeRoleWithWebIdentity call. */
export interface FlowCondition {
  /** Index into FlowModel.locations: the condition key. */
  readonly location: number;
  readonly operator: string;
  readonly key: string;
  /** `aud`, `amr`, `sub` for Cognito's keys. */
  readonly claim?: string;
  readonly values: readonly string[];
  readonly passed: boolean;
  /** What the request had, or why it failed (the evaluator's words). */
  readonly detail: string;
}

export interface FlowTrustStatement {
  readonly location: number;
  readonly label: string;
  readonly effect: Effect;
  /** All its conditions hold for this identity (or it has none). */
  readonly met: boolean;
  /** The evaluator names it among the statements that decided. */
  readonly decided: boolean;
  readonly conditions: readonly FlowCondition[];
}

export interface FlowTrust {
  /** not-checked: no trust policy is known for the role. */
  readonly status: 'allowed' | 'denied' | 'not-checked';
  readonly policy?: string;
  /** The statements that apply to sts:AssumeRoleWithWebIdentity (or sts:TagSession), in order. */
  readonly statements: readonly FlowTrustStatement[];
  readonly reasons: readonly string[];
}

export interface FlowCredentials {
  /** Whether STS hands out credentials; undefined when the trust policy is not known. */
  readonly issued: boolean | undefined;
  readonly lifetimeSeconds: number;
  readonly lifetime: string;
  /** The token exchanged for them in the basic or developer flow, with its lifetime. */
  readonly token?: { readonly name: string; readonly lifetimeSeconds: number; readonly lifetime: string };
  /** Guests in the enhanced flow: the session policy Cognito adds. */
  readonly sessionPolicy?: string;
  readonly notes: readonly string[];
}

export interface FlowRequestResult {
  /**
   * evaluated: a decision; no-request: no action or resource given; invalid: they cannot be evaluated;
   * no-policies: no permission policy of the role is known; no-credentials: the trust policy refuses the identity.
   */
  readonly status: 'evaluated' | 'no-request' | 'invalid' | 'no-policies' | 'no-credentials';
  readonly action: string;
  readonly resource: string;
  /** The service's name from the catalog (`Amazon S3`), or the action's prefix. */
  readonly service: string;
  readonly decision?: AccessDecision;
  /** The statements that decided: indexes into FlowModel.locations. */
  readonly statements: readonly number[];
  readonly reasons: readonly string[];
  readonly problem?: string;
}

export interface FlowProblem {
  readonly input?: FlowInputName;
  readonly message: string;
}

export interface FlowPoolRule {
  readonly number: number;
  readonly text: string;
  readonly role: string;
  readonly outcome: 'matched' | 'not-matched' | 'not-reached' | 'unknown';
  readonly reason: string;
  readonly location?: number;
}

export interface FlowPoolTag {
  readonly key: string;
  readonly claim: string;
  readonly value?: string;
  readonly location?: number;
}

/** A document of a whole identity pool: the pool, the sign-in, the role resolution and the principal tags. */
export interface FlowPoolView {
  readonly pools: readonly string[];
  readonly pool: string;
  readonly poolLocation?: number;
  readonly providers: readonly string[];
  readonly roles: readonly string[];
  readonly signIn?: { readonly provider: string; readonly mappingKey: string; readonly how: string };
  readonly claims?: string;
  readonly problem?: string;
  readonly role?: { readonly id: string; readonly by: 'default' | 'rules' | 'token' | 'app'; readonly rule?: number; readonly location?: number } | null;
  readonly mapping?: { readonly provider: string; readonly type: string; readonly ambiguousRoleResolution?: string; readonly location?: number };
  readonly rules: readonly FlowPoolRule[];
  readonly resolutionReasons: readonly string[];
  readonly tags: readonly FlowPoolTag[];
  readonly tagReasons: readonly string[];
  readonly tagMapLocation?: number;
  readonly decision?: AccessDecision;
  readonly uncertain?: string;
}

export interface FlowModel {
  readonly inputs: ResolvedFlowInputs;
  /** Where each default came from, for the inputs the user left to the documents. */
  readonly origins: Readonly<Partial<Record<FlowInputName, string>>>;
  readonly sources: { readonly trust?: string; readonly permissions: readonly string[] };
  readonly participants: readonly FlowParticipant[];
  readonly steps: readonly FlowStep[];
  readonly trust: FlowTrust;
  readonly credentials: FlowCredentials;
  readonly request: FlowRequestResult;
  /** Every statement and condition the model points at. */
  readonly locations: readonly FlowLocation[];
  readonly problems: readonly FlowProblem[];
  /** One sentence: the outcome, for screen readers and titles. */
  readonly summary: string;
  /** Set on a document of a whole identity pool. */
  readonly pool?: FlowPoolView;
}
