/**
 * The flow panel over a whole identity pool (a template): the identity as the user gives it (a guest, claims,
 * or a pasted JWT decoded here: the signature is not checked, nothing leaves the host), the role the pool gives
 * it and why (the core's resolveRole: default role, each rule of the provider's mapping, the token's roles), the
 * principal tags from the claims (principalTagsFor), then that role's flow (buildFlowModel over the role's
 * policies with the pool's references bound to the simulated pool ID and the tags as session tags), with the
 * verdict from simulatePool. Every part of the pool the answer rests on is a location the panel links to.
 * Pure: the role model and the documents' texts in, a FlowModel out.
 */
import { DEFAULT_PRINCIPAL_TAGS, IDENTITY_POOL_ID_EXAMPLE, isUserPoolProviderName } from '../cognito/knowledge';
import {
  bindPool,
  poolChoices,
  principalTagsFor,
  resolveRole,
  simulatePool,
  type PoolChoice,
  type PoolSignIn,
  type RoleResolution,
} from '../evaluate/resolveRole';
import { claimsOfJson, claimsOfJwt, signInOf, type SignIn } from '../evaluate/signIn';
import type { Range } from '../model/policy';
import type { DocumentId, Located, PolicySource, RoleWorkspace } from '../model/roles';
import { LineIndex } from '../text/positions';
import {
  buildFlowModel,
  decisionLabel,
  parseContextLines,
  providerKindOf,
  type FlowLocation,
  type FlowModel,
  type FlowNoteLine,
  type FlowOptions,
  type FlowPolicy,
  type FlowPoolRule,
  type FlowPoolTag,
  type FlowPoolView,
  type FlowStep,
  type StepStatus,
} from './flowModel';
import type { FlowInputName, FlowInputs, IdentityKind, SignInMode } from './inputs';
import { pushAll } from '../text/lists';

/** A document's role model with what the panel needs to point into its documents. */
export interface PoolDocuments {
  readonly workspace: RoleWorkspace;
  /** The text of a document of the model, for positions; undefined when the host does not have it. */
  text(document: DocumentId): string | undefined;
  /** A short name of a document (a file name). */
  name(document: DocumentId): string;
}

/** Whether the model has an identity pool to simulate (a pool resource, or roles attached to a literal pool ID). */
export function hasPool(ws: RoleWorkspace): boolean {
  return poolChoices(ws).length > 0;
}

const EXAMPLE_GUID = '00000000-0000-0000-0000-000000000000';
const OUTCOME_STATUS: Readonly<Record<FlowPoolRule['outcome'], StepStatus>> = {
  matched: 'ok',
  'not-matched': 'fail',
  'not-reached': 'skipped',
  unknown: 'neutral',
};
const OUTCOME_TEXT: Readonly<Record<FlowPoolRule['outcome'], string>> = {
  matched: 'matched',
  'not-matched': 'not matched',
  'not-reached': 'not reached',
  unknown: 'cannot be told',
};

export function buildPoolFlowModel(docs: PoolDocuments, given: FlowInputs, options: FlowOptions = {}): FlowModel {
  const ws = docs.workspace;
  const choices = poolChoices(ws);
  const problems: { input?: FlowInputName; message: string }[] = [];
  let pool: PoolChoice = choices[0];
  if (given.pool !== undefined && given.pool !== '') {
    const named = choices.find((c) => c.name === given.pool);
    if (named) pool = named;
    else problems.push({ input: 'pool', message: `"${given.pool}" is not an identity pool of this document: ${choices.map((c) => c.name).join(', ')}.` });
  }
  const origins: Partial<Record<FlowInputName, string>> = {};

  // The identity: a guest by default where the pool lets guests in, else a token to paste.
  const mode: SignInMode = given.signIn ?? (pool.model?.allowUnauthenticated?.value === false ? 'token' : 'guest');
  if (given.signIn === undefined)
    origins.signIn = mode === 'guest' ? 'the pool does not turn guest access off' : `identity pool ${pool.name} turns guest access off`;
  let identity: PoolSignIn | undefined;
  let claimsText: string | undefined;
  let identityProblem: string | undefined;
  if (mode === 'guest') identity = { kind: 'guest' };
  else {
    const text = (mode === 'claims' ? given.claims : given.token)?.trim() ?? '';
    if (text === '')
      identityProblem =
        mode === 'token'
          ? 'Paste an ID token (a JWT): it is decoded here, its signature is not checked, and nothing leaves this machine.'
          : 'Enter the claims as a JSON object, e.g. {"iss": "https://cognito-idp.<region>.amazonaws.com/<userPoolId>", "aud": "<app client ID>", "sub": "..."}.';
    else {
      const read = mode === 'claims' ? claimsOfJson(text) : claimsOfJwt(text);
      if (read.problem !== undefined) {
        identityProblem = `${read.problem[0].toUpperCase()}${read.problem.slice(1)}.`;
        problems.push({ input: mode, message: identityProblem });
      } else {
        claimsText = JSON.stringify(read.claims, null, 2);
        const signIn = signInOf(read.claims, given.provider || undefined);
        if ('problem' in signIn) {
          identityProblem = `${signIn.problem[0].toUpperCase()}${signIn.problem.slice(1)} (the Provider field).`;
          problems.push({ input: 'provider', message: identityProblem });
        } else identity = { kind: 'authenticated', claims: read.claims, signIn };
      }
    }
  }
  const signIn: SignIn | undefined = identity?.kind === 'authenticated' ? identity.signIn : undefined;

  // A template's pool has no ID until the stack exists: an example one, which its references stand for.
  let poolId = pool.poolId;
  if (poolId !== undefined) origins.poolId = `the ID of identity pool ${pool.name}`;
  else if (given.poolId) poolId = given.poolId;
  else {
    const region = signIn && isUserPoolProviderName(signIn.provider) ? signIn.provider.split('.')[1] : IDENTITY_POOL_ID_EXAMPLE.split(':')[0];
    poolId = `${region}:${EXAMPLE_GUID}`;
    origins.poolId = `an example: the stack gives identity pool ${pool.name} its ID`;
  }
  const flow = given.flow ?? 'enhanced';
  // In the basic flow the app names the role: the pool's default role for the identity, unless the user names another.
  let appRole = given.role || undefined;
  if (flow === 'basic' && appRole === undefined && identity) {
    const as = identity.kind === 'guest' ? 'unauthenticated' : 'authenticated';
    appRole = pool.attachments.flatMap((a) => a.roles).find((r) => r.as === as)?.role.roleId;
    if (appRole !== undefined) origins.role = `the pool's ${as} role (the app may name another)`;
  }
  const resolution: RoleResolution | undefined = identity ? resolveRole(ws, pool, identity, flow, appRole) : undefined;
  const tags = identity && flow === 'enhanced' ? principalTagsFor(ws, pool, identity) : undefined;
  const role = resolution?.role?.model;

  const bound = (source: PolicySource): FlowPolicy => ({
    document: source.document,
    name: source.name,
    policy: pool.model ? bindPool(source.policy, pool.model.id, poolId) : source.policy,
  });
  const developer = signIn !== undefined && pool.model?.providers?.some((p) => p.kind === 'developer' && p.name.value === signIn.provider);
  const kind: IdentityKind = !identity ? 'user-pool' : identity.kind === 'guest' ? 'guest' : developer ? 'developer' : providerKindOf(identity.signIn.provider);
  const base = buildFlowModel(
    role
      ? { trust: role.trust && bound(role.trust), permissions: role.permissions.map(bound), ...(role.unread && { unread: role.unread }) }
      : { permissions: [] },
    { ...requestInputs(given), identity: kind, provider: signIn?.provider ?? '', poolId, flow },
    { ...options, sessionTags: tags?.uncertain === undefined ? tags?.tags : undefined },
  );

  // The verdict: simulatePool over the same inputs (the request the model settled on, defaults included).
  const hasRequest = base.inputs.action !== '' && base.inputs.resource !== '' && base.request.status !== 'invalid';
  const simulation =
    identity && role && hasRequest
      ? simulatePool({
          workspace: ws,
          pool,
          identity,
          poolId,
          identityId: base.inputs.identityId || undefined,
          flow,
          role: appRole,
          request: { action: base.inputs.action, resource: base.inputs.resource, context: parseContextLines(base.inputs.context).context },
          now: options.now,
        })
      : undefined;

  // Locations of the pool's parts, after the role's own.
  const locations: FlowLocation[] = [...base.locations];
  const lines = new Map<string, LineIndex | undefined>();
  const locate = (part: Located | undefined, label: string, range: Range | undefined = part?.range): number | undefined => {
    if (!part || !range) return undefined;
    if (!lines.has(part.document)) {
      const text = docs.text(part.document);
      lines.set(part.document, text === undefined ? undefined : new LineIndex(text));
    }
    const index = lines.get(part.document);
    if (!index) return undefined;
    locations.push({
      document: part.document,
      name: docs.name(part.document),
      label,
      range: { ...range },
      start: index.positionAt(range.start),
      end: index.positionAt(range.end),
    });
    return locations.length - 1;
  };

  const chosen = resolution?.role;
  const mapping = resolution?.mapping;
  const rules: FlowPoolRule[] = (resolution?.rules ?? []).map((r) => ({
    number: r.number,
    text: `${r.rule.claim?.text ?? '(no Claim)'} ${r.rule.matchType?.text ?? '(no MatchType)'} ${r.rule.value ? JSON.stringify(r.rule.value.value ?? r.rule.value.text) : '(no Value)'}`,
    role: r.rule.role?.roleId ?? r.rule.role?.text ?? '(no RoleARN)',
    outcome: r.outcome,
    reason: r.reason,
    location: locate(r.rule, `Rule ${r.number}`),
  }));
  const tagMap = tags?.map;
  // A map's rows: its own tags, or (UseDefaults) the provider's default map, each with its value for this identity.
  const tagList: readonly { key: string; claim: string; range?: Range }[] =
    tagMap?.useDefaults?.value === true
      ? tags?.uncertain !== undefined
        ? [] // the provider's default tag names are not documented: none shown
        : Object.entries(DEFAULT_PRINCIPAL_TAGS).map(([key, claim]) => ({ key, claim }))
      : (tagMap?.tags ?? []);
  const tagRows: FlowPoolTag[] = tagList.map((t) => ({
    key: t.key,
    claim: t.claim,
    ...(tags!.tags[t.key] !== undefined && { value: tags!.tags[t.key] }),
    location: locate(tagMap, `Principal tag "${t.key}"`, t.range),
  }));
  const uncertain = simulation?.uncertain ?? resolution?.uncertain ?? tags?.uncertain;
  const view: FlowPoolView = {
    pools: choices.map((c) => c.name),
    pool: pool.name,
    poolLocation: locate(pool.model, `Identity pool ${pool.name}`),
    providers: (pool.model?.providers ?? []).flatMap((p) => (p.name.value === undefined ? [] : [p.name.value])),
    roles: ws.roles.map((r) => r.id),
    ...(signIn && { signIn: { provider: signIn.provider, mappingKey: signIn.mappingKey, how: signIn.how } }),
    ...(claimsText !== undefined && { claims: claimsText }),
    ...(identityProblem !== undefined && { problem: identityProblem }),
    ...(resolution && {
      role:
        chosen === null || chosen === undefined
          ? resolution.uncertain === undefined
            ? null
            : undefined
          : { id: chosen.id, by: chosen.by, ...(chosen.rule !== undefined && { rule: chosen.rule }), location: locate(chosen.model, `Role ${chosen.id}`) },
    }),
    ...(mapping && {
      mapping: {
        provider: mapping.provider,
        type: mapping.type?.text ?? '(no Type)',
        ...(mapping.ambiguousRoleResolution && { ambiguousRoleResolution: mapping.ambiguousRoleResolution.text }),
        location: locate(mapping, `Role mapping for ${mapping.provider}`),
      },
    }),
    rules,
    resolutionReasons: resolution?.reasons ?? [],
    tags: tagRows,
    tagReasons: tags?.reasons ?? [],
    ...(tagMap && { tagMapLocation: locate(tagMap, `Principal tags ${tagMap.id}`) }),
    ...(simulation && { decision: simulation.decision }),
    ...(uncertain !== undefined && { uncertain }),
  };

  const noRole = !role;
  const reasonNoRole = identityProblem ?? resolution?.uncertain ?? resolution?.reasons[resolution.reasons.length - 1] ?? '';
  return {
    ...base,
    inputs: {
      ...base.inputs,
      pool: pool.name,
      signIn: mode,
      claims: given.claims ?? claimsText ?? '',
      token: given.token ?? '',
      role: given.role ?? appRole ?? '',
    },
    origins: { ...base.origins, ...origins, ...(given.identityId === undefined && base.origins.identityId && { identityId: base.origins.identityId }) },
    participants: base.participants.map((p) => (p.id === 'cognito' ? { ...p, detail: pool.poolId ?? pool.name } : p)),
    steps: poolSteps(base.steps, view, mode, noRole, reasonNoRole, flow),
    trust: noRole ? { status: 'not-checked', statements: [], reasons: [`No role: ${reasonNoRole}`] } : base.trust,
    credentials: noRole ? { ...base.credentials, issued: view.role === null ? false : undefined } : base.credentials,
    // No credentials when the pool gives none; when the identity is incomplete or the role cannot be told, no request is made.
    request: !noRole
      ? base.request
      : view.role === null
        ? { ...base.request, status: 'no-credentials', decision: 'implicit-deny', statements: [], reasons: [reasonNoRole] }
        : { ...base.request, status: 'no-request', decision: undefined, statements: [], reasons: [reasonNoRole] },
    locations,
    problems: [...base.problems.filter((p) => p.input !== 'identity'), ...problems],
    summary: verdictOf(view, base, mode, noRole, reasonNoRole),
    pool: view,
  };
}

/** Only the request's inputs and the identity ID go to the role's flow model; the identity is the pool's. */
function requestInputs(given: FlowInputs): FlowInputs {
  const { action, resource, context, identityId } = given;
  return { action, resource, context, identityId };
}

function byText(role: NonNullable<FlowPoolView['role']>): string {
  switch (role.by) {
    case 'rules':
      return `rule ${role.rule} of the role mapping`;
    case 'token':
      return "the token's role";
    case 'app':
      return 'named by the app';
    default:
      return 'default role';
  }
}

/**
 * The role's sequence with the pool's steps in it: after GetId, Cognito resolves the role (each rule) and the
 * principal tags; without a role, GetCredentialsForIdentity is refused and nothing follows.
 */
function poolSteps(steps: readonly FlowStep[], view: FlowPoolView, mode: SignInMode, noRole: boolean, why: string, flow: string): FlowStep[] {
  const out: FlowStep[] = [];
  const getId = steps.findIndex((s) => s.kind === 'return' && s.to === 'app' && s.label === 'IdentityId');
  const head = getId < 0 ? [...steps] : steps.slice(0, getId + 1);
  pushAll(
    out,
    head.map((s) => (s.kind === 'return' && s.from === 'idp' && mode === 'claims' ? { ...s, detail: 'its claims, as entered' } : s)),
  );
  const lines: FlowNoteLine[] = [];
  if (view.problem !== undefined) lines.push({ text: 'waiting for the identity: enter a token or claims', status: 'neutral' });
  if (view.mapping) lines.push({ text: `role mapping for ${view.mapping.provider}: Type ${view.mapping.type}`, status: 'neutral' });
  for (const r of view.rules) lines.push({ text: `rule ${r.number}: ${r.text} → ${r.role}: ${OUTCOME_TEXT[r.outcome]}`, status: OUTCOME_STATUS[r.outcome] });
  for (const t of view.tags)
    lines.push({
      text: `principal tag ${t.key} = ${t.claim}${t.value === undefined ? ' (no such claim: not set)' : ` "${t.value}"`}`,
      status: t.value === undefined ? 'skipped' : 'ok',
    });
  const label =
    view.role === undefined
      ? view.problem !== undefined
        ? 'Role: needs the identity'
        : 'Role: cannot be told'
      : view.role === null
        ? 'Role: none, no credentials'
        : `Role: ${view.role.id} (${byText(view.role)})`;
  if (flow === 'enhanced' || view.role === null)
    out.push({ kind: 'note', over: 'cognito', label, lines, status: view.role ? 'ok' : view.role === null ? 'fail' : 'neutral' });
  if (noRole) {
    if (view.problem === undefined) {
      out.push({ kind: 'call', from: 'app', to: 'cognito', label: flow === 'enhanced' ? 'GetCredentialsForIdentity' : 'GetOpenIdToken', status: 'neutral' });
      out.push({
        kind: 'return',
        from: 'cognito',
        to: 'app',
        label: 'No credentials',
        detail: view.role === undefined ? 'cannot be told' : shortReason(why),
        status: view.role === null ? 'fail' : 'neutral',
      });
    }
    return out;
  }
  for (const s of steps.slice(getId + 1)) {
    if (s.kind === 'call' && s.from === 'cognito' && s.to === 'sts' && view.role) {
      const tags = view.tags.filter((t) => t.value !== undefined).map((t) => `${t.key}=${t.value}`);
      out.push({
        ...s,
        detail: `role ${view.role.id}${s.detail?.includes('session policy') ? ', with the guest session policy' : ''}${tags.length ? `; session tags ${tags.join(', ')}` : ''}`,
      });
    } else out.push(s);
  }
  return out;
}

/** The first clause of a reason, for an arrow's detail and the verdict. */
function shortReason(why: string): string {
  const cut = why.indexOf(': ');
  const clause = (cut > 0 ? why.slice(0, cut) : why).trim().replace(/\.$/, '');
  // A closing parenthesis (the setting as written) stays in the reasons.
  return clause.replace(/ \([^()]*\)$/, '');
}

function lowerFirst(text: string): string {
  return text === '' ? text : `${text[0].toLowerCase()}${text.slice(1)}`;
}

/** The verdict banner's sentence. */
function verdictOf(view: FlowPoolView, base: FlowModel, mode: SignInMode, noRole: boolean, why: string): string {
  const who = mode === 'guest' ? 'A guest' : view.signIn ? `An identity signed in through ${view.signIn.provider}` : 'The identity';
  if (view.problem !== undefined) return `Enter the identity: ${view.problem}`;
  if (view.role === undefined) return `Which role identity pool ${view.pool} gives cannot be told: ${why}`;
  if (noRole) return `${who} gets no credentials: ${lowerFirst(shortReason(why))}.`;
  const role = `role ${view.role!.id} (${byText(view.role!)})`;
  const t = base.trust;
  if (t.status === 'denied') {
    const failed = t.statements.flatMap((s) => s.conditions.filter((c) => !c.passed)).map((c) => `${c.claim ?? c.key} ${c.operator} ${c.values.join(', ')}`);
    return `${who} gets no credentials: the trust policy of ${role} refuses it${failed.length ? ` (it requires ${failed.join(' and ')})` : ''}.`;
  }
  const r = base.request;
  const unsure = view.uncertain !== undefined ? ` As far as can be told: ${view.uncertain}` : '';
  if (r.status === 'evaluated') {
    const decision = view.decision ?? r.decision!;
    return `${decisionLabel(decision)}: ${r.action} on ${r.resource} for ${who[0].toLowerCase()}${who.slice(1)} with ${role}.${unsure}`;
  }
  if (r.status === 'invalid') return r.problem!;
  const trustNote = t.status === 'not-checked' ? ' (its trust policy is not known)' : '';
  // A request given to a role with no policy read: what the model says of its policies, not "give an action".
  if (r.status === 'no-policies') return `${who} gets ${role}${trustNote}; ${lowerFirst(r.reasons[0])}${unsure}`;
  return `${who} gets ${role}${trustNote}; give an action and a resource to see what it may do.${unsure}`;
}
