/** The flow panel's model: the token-to-credentials sequence of an identity-pool role, and its Mermaid text. */
export {
  buildFlowModel,
  parseContextLines,
  providerKindOf,
  decisionLabel,
  describeSeconds,
  type FlowCondition,
  type FlowCredentials,
  type FlowLocation,
  type FlowModel,
  type FlowNoteLine,
  type FlowOptions,
  type FlowParticipant,
  type FlowPolicy,
  type FlowProblem,
  type FlowRequestResult,
  type FlowSources,
  type FlowStep,
  type FlowTrust,
  type FlowTrustStatement,
  type ParticipantId,
  type ResolvedFlowInputs,
  type StepStatus,
} from './flowModel';
export { flowInputsFrom, IDENTITY_KINDS, IDENTITY_KIND_LABELS, FLOWS, FLOW_INPUT_NAMES, type FlowInputName, type FlowInputs, type IdentityKind } from './inputs';
export { flowToMermaid, mermaidText } from './mermaid';
