/**
 * `cognito-pool-lint simulate`: the core's evaluator on the command line, so that CI can pin down what an
 * identity-pool identity may do (guests cannot write, one identity cannot read another's data). Two forms: the
 * role's policy files (`--policy`/`--trust`, the identity as told), or the whole identity pool of a template or
 * `cognitoPool.roles` settings file (`--template`: the pool chooses the role from the identity's claims).
 * Exit 0: evaluated (and --expect holds); 1: --expect does not hold; 2: bad input, or --expect given and the
 * decision cannot be told.
 */
import {
  claimsOfJson,
  claimsOfJwt,
  describeIdentity,
  evaluateRequest,
  firstClaimValue,
  LineIndex,
  poolChoices,
  signInOf,
  simulatePool,
  type PoolSignIn,
  type PoolSimulation,
  type HclParser,
  parsePolicy,
  requestProblem,
  type AccessDecision,
  type ContextValue,
  type Evaluation,
  type NamedPolicy,
  type PoolFlow,
  type PoolIdentity,
} from '../core';
import { IDENTITY_POOL_ID_EXAMPLE, isIdentityPoolId } from '../core/cognito/knowledge';
import { loadHclParser } from '../node/loadHclParser';
import { isTerraformModulePath, ModelError, readPoolModel } from './poolModel';
import { pushAll } from '../core';
import { readRegularFile } from '../node/workspaceRoles';

export const SIMULATE_USAGE = `Usage: cognito-pool-lint simulate --policy FILE [--policy FILE]... [--trust FILE]
         --identity guest|authenticated[:PROVIDER] [--identity-id ID] [--pool-id ID]
         [--flow enhanced|basic] --action ACTION --resource ARN [--context KEY=VALUE]...
         [--expect allow|deny] [--format text|json]
       cognito-pool-lint simulate --template PATH [--pool NAME]
         (--identity guest | --claims FILE | --token JWT) [--provider NAME] [--identity-id ID]
         [--pool-id ID] [--flow enhanced|basic [--role NAME]] --action ACTION --resource ARN
         [--context KEY=VALUE]... [--expect allow|deny] [--format text|json]

Evaluates whether an identity-pool identity may perform ACTION on ARN with the role's permission
policies (explicit Deny > Allow > implicit deny), the role's trust policy (sts:AssumeRoleWithWebIdentity
with the identity's aud/amr/sub, and sts:TagSession when principal tags are passed) and, for guests in
the enhanced flow, Cognito's guest session policy. With --template, the identity pool of a template, a
Terraform module or a settings file with cognitoPool.roles chooses the role first: its default roles, the provider's role
mapping (rules in order, or the token's cognito:preferred_role / cognito:roles), AmbiguousRoleResolution,
guest access; and sets the principal tags from the claims.

Options:
  --policy FILE        a permission policy of the role (repeatable)
  --trust FILE         the role's trust policy; a denied trust means no credentials (implicit deny)
  --identity KIND      guest, authenticated, or authenticated:PROVIDER (e.g. accounts.google.com);
                       with --template only guest (a signed-in identity is given by its claims)
  --template PATH      a CloudFormation/SAM template, a Terraform module (a folder of .tf files, or
                       one of its .tf files), or a settings file with cognitoPool.roles
  --pool NAME          the identity pool: its logical ID (Terraform: its address), or a pool ID
                       (needed when PATH has several)
  --claims FILE        the signed-in identity's token claims as a JSON object
  --token JWT          a JWT (an ID token), decoded here: its signature is not checked
  --provider NAME      the provider the claims come from (a Logins name, or a user pool's
                       <provider>:<app client ID>); default: from the token's iss and aud
  --role NAME          the basic flow only: the role the app assumes (the pool does not choose it)
  --identity-id ID     the identity ID, value of \${cognito-identity.amazonaws.com:sub}
  --pool-id ID         the identity pool ID, value of cognito-identity.amazonaws.com:aud (default: the
                       trust policy's aud; with --template, the pool's ID when the template has none)
  --flow FLOW          enhanced (default) or basic
  --action ACTION      service:Action, e.g. s3:GetObject
  --resource ARN       the resource ARN, or * for actions without resource-level permissions
  --context KEY=VALUE  a request context key (repeat a key for several values; VALUE may be a
                       JSON array of strings, e.g. 'aws:TagKeys=["a","b"]' or 'KEY=[]')
  --expect allow|deny  exit 1 unless the decision is allowed (allow) or a deny (deny)
  --format FORMAT      text (default) or json

Exit status: 0 evaluated (and --expect holds), 1 --expect does not hold, 2 bad input
(or --expect given and the decision cannot be told: a trust statement that cannot be judged, or,
with --template, a part of the pool the template leaves open).`;

class InputError extends Error {}

interface SimulateOptions {
  policies: string[];
  template?: string;
  pool?: string;
  claims?: string;
  token?: string;
  provider?: string;
  role?: string;
  trust?: string;
  identity?: PoolIdentity;
  identityId?: string;
  poolId?: string;
  flow: PoolFlow;
  action?: string;
  resource?: string;
  context: Map<string, { key: string; values: string[]; multiValued: boolean }>;
  expect?: 'allow' | 'deny';
  format: 'text' | 'json';
}

function parseSimulateArgs(argv: readonly string[]): SimulateOptions | 'help' {
  const o: SimulateOptions = { policies: [], flow: 'enhanced', context: new Map(), format: 'text' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new InputError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--policy':
        o.policies.push(value());
        break;
      case '--trust':
        if (o.trust !== undefined) throw new InputError('--trust is given twice: a role has one trust policy.');
        o.trust = value();
        break;
      case '--template':
        if (o.template !== undefined) throw new InputError('--template is given twice: simulate one template or settings file.');
        o.template = value();
        break;
      case '--pool':
        o.pool = value();
        break;
      case '--claims':
        o.claims = value();
        break;
      case '--token':
        o.token = value();
        break;
      case '--provider':
        o.provider = value();
        break;
      case '--role':
        o.role = value();
        break;
      case '--identity':
        o.identity = parseIdentity(value());
        break;
      case '--identity-id':
        o.identityId = poolFormatted('--identity-id', 'an identity ID', value());
        break;
      case '--pool-id':
        o.poolId = poolFormatted('--pool-id', 'an identity pool ID', value());
        break;
      case '--flow': {
        const f = value();
        if (f !== 'enhanced' && f !== 'basic') throw new InputError(`--flow must be enhanced or basic, not "${f}".`);
        o.flow = f;
        break;
      }
      case '--action':
        o.action = value();
        break;
      case '--resource':
        o.resource = value();
        break;
      case '--context':
        addContext(o.context, value());
        break;
      case '--expect': {
        const e = value();
        if (e !== 'allow' && e !== 'deny') throw new InputError(`--expect must be allow or deny, not "${e}".`);
        o.expect = e;
        break;
      }
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json') throw new InputError(`--format must be text or json, not "${f}".`);
        o.format = f;
        break;
      }
      default:
        throw new InputError(arg.startsWith('-') ? `Unknown option "${arg}".` : `Unexpected argument "${arg}": policies are given with --policy FILE.`);
    }
  }
  if (o.template !== undefined) checkTemplateForm(o);
  else {
    for (const [flag, given] of [
      ['--pool', o.pool],
      ['--claims', o.claims],
      ['--token', o.token],
      ['--provider', o.provider],
      ['--role', o.role],
    ] as const)
      if (given !== undefined) throw new InputError(`${flag} needs --template (the identity pool it belongs to).`);
    if (o.policies.length === 0) throw new InputError('No --policy FILE given: name at least one permission policy of the role.');
    if (!o.identity) throw new InputError('No --identity given: use guest, authenticated or authenticated:PROVIDER.');
  }
  if (o.action === undefined) throw new InputError('No --action given, e.g. --action s3:GetObject.');
  if (o.resource === undefined) throw new InputError('No --resource given: an ARN, or * for actions without resource-level permissions.');
  const problem = requestProblem(o.action, o.resource);
  if (problem) throw new InputError(`Cannot evaluate: ${problem}.`);
  return o;
}

/** The --template form: one identity (a guest, claims or a token), no policy files. */
function checkTemplateForm(o: SimulateOptions): void {
  if (o.policies.length || o.trust !== undefined)
    throw new InputError('--template reads the roles and policies from PATH: it does not take --policy or --trust (use one form or the other).');
  const given = [o.identity && '--identity', o.claims !== undefined && '--claims', o.token !== undefined && '--token'].filter(Boolean);
  if (given.length === 0) throw new InputError('No identity given: use --identity guest, --claims FILE or --token JWT.');
  if (given.length > 1) throw new InputError(`${given.join(' and ')} are given: simulate one identity (--identity guest, --claims FILE or --token JWT).`);
  if (o.identity && o.identity.kind !== 'guest')
    throw new InputError('With --template a signed-in identity is given by its claims: use --claims FILE or --token JWT (--identity takes only guest).');
  if (o.identity && o.provider !== undefined) throw new InputError('--provider names where a signed-in identity comes from: a guest has none.');
  if (o.role !== undefined && o.flow !== 'basic')
    throw new InputError('--role is for the basic flow (--flow basic), where the app names the role; in the enhanced flow the pool chooses it.');
}

function parseIdentity(text: string): PoolIdentity {
  if (text === 'guest') return { kind: 'guest' };
  if (text === 'authenticated') return { kind: 'authenticated' };
  if (text.startsWith('authenticated:') && text.length > 'authenticated:'.length)
    return { kind: 'authenticated', provider: text.slice('authenticated:'.length) };
  if (text.startsWith('guest:')) throw new InputError(`--identity "${text}": a guest has no login provider; use --identity guest.`);
  throw new InputError(`--identity must be guest, authenticated or authenticated:PROVIDER, not "${text}".`);
}

function poolFormatted(flag: string, what: string, text: string): string {
  if (!isIdentityPoolId(text)) throw new InputError(`${flag} "${text}" is not ${what}: <region>:<guid>, e.g. ${IDENTITY_POOL_ID_EXAMPLE}.`);
  return text;
}

/** KEY=VALUE; a repeated key (any case) becomes multi-valued; a VALUE starting with "[" is a JSON array of strings. */
function addContext(context: SimulateOptions['context'], spec: string): void {
  const eq = spec.indexOf('=');
  const key = eq > 0 ? spec.slice(0, eq) : '';
  if (!key || !key.includes(':') || /\s/.test(key)) throw new InputError(`--context takes KEY=VALUE with a condition key such as s3:prefix (got "${spec}").`);
  const raw = spec.slice(eq + 1);
  let values: string[];
  let multiValued = false;
  if (raw.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string'))
      throw new InputError(`--context ${key}: "${raw}" is not a JSON array of strings.`);
    values = parsed;
    multiValued = true;
  } else values = [raw];
  const existing = context.get(key.toLowerCase());
  if (existing) {
    pushAll(existing.values, values);
    existing.multiValued = true;
  } else context.set(key.toLowerCase(), { key, values, multiValued });
}

/** Reads and parses one policy file; `role` says which kind it must be. */
function readPolicy(file: string, role: 'permission' | 'trust'): NamedPolicy & { text: string } {
  let text: string;
  try {
    text = readRegularFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}.`);
  }
  const document = parsePolicy(text);
  const syntax = document.syntaxProblems[0];
  if (syntax) {
    const p = new LineIndex(text).positionAt(syntax.range.start);
    throw new InputError(`${file}:${p.line + 1}:${p.character + 1}: invalid JSON: ${syntax.message}`);
  }
  if (document.kind === 'not-a-policy') throw new InputError(`${file} is not an IAM policy (it needs a "Statement").`);
  if (role === 'permission' && document.kind === 'trust') throw new InputError(`${file} is a trust policy: pass it with --trust.`);
  if (role === 'permission' && document.kind === 'resource')
    throw new InputError(`${file} is a resource-based policy (its statements have a Principal): --policy takes the role's permission policies.`);
  if (role === 'trust' && document.kind !== 'trust')
    throw new InputError(`${file} is not a role trust policy (a Principal with sts:AssumeRoleWithWebIdentity): pass permission policies with --policy.`);
  return { name: file, document, text };
}

function toJson(result: Evaluation, texts: ReadonlyMap<string, string>): unknown {
  return {
    trust: result.trust
      ? { decision: result.trust.decision, reasons: result.trust.reasons, ...(result.trust.uncertain !== undefined && { uncertain: result.trust.uncertain }) }
      : null,
    decision: DECISION_WORD[result.decision],
    statements: result.statements.map((s) => {
      const lines = new LineIndex(texts.get(s.file) ?? '');
      return { file: s.file, sid: s.sid ?? null, range: { start: lines.positionAt(s.range.start), end: lines.positionAt(s.range.end) } };
    }),
    reasons: result.reasons,
  };
}

function toText(result: Evaluation, o: SimulateOptions, texts: ReadonlyMap<string, string>): string {
  const out = [`Request: ${describeIdentity(o.identity!)}, ${o.flow} flow: ${o.action} on ${o.resource}`];
  if (result.trust) {
    out.push(`Trust: ${result.trust.decision}${result.trust.uncertain !== undefined ? ' as far as can be told' : ''} (${o.trust})`);
    for (const r of result.trust.reasons) out.push(`  - ${r}`);
  } else out.push('Trust: not evaluated (no --trust)');
  out.push(`Decision: ${DECISION_WORD[result.decision]}`);
  for (const s of result.statements) {
    const p = new LineIndex(texts.get(s.file) ?? '').positionAt(s.range.start);
    out.push(`  ${s.file}:${p.line + 1}:${p.character + 1} ${s.sid ?? `(statement ${s.index + 1})`}`);
  }
  for (const r of result.reasons) out.push(`  - ${r}`);
  return out.join('\n');
}

export async function runSimulate(argv: readonly string[]): Promise<number> {
  let o: SimulateOptions | 'help';
  const texts = new Map<string, string>();
  const policies: NamedPolicy[] = [];
  let trust: NamedPolicy | undefined;
  try {
    o = parseSimulateArgs(argv);
    if (o === 'help') {
      process.stdout.write(SIMULATE_USAGE + '\n');
      return 0;
    }
    if (o.template !== undefined) {
      // A Terraform module needs the HCL parser (WebAssembly, loaded only then).
      let hclParser: HclParser | undefined;
      if (isTerraformModulePath(o.template)) {
        try {
          hclParser = await loadHclParser();
        } catch (error) {
          throw new ModelError(`the HCL parser could not be loaded: ${(error as Error).message}`);
        }
      }
      return runPoolSimulation(o, hclParser);
    }
    for (const file of o.policies) {
      const p = readPolicy(file, 'permission');
      texts.set(file, p.text);
      policies.push(p);
    }
    if (o.trust !== undefined) {
      const t = readPolicy(o.trust, 'trust');
      texts.set(o.trust, t.text);
      trust = t;
    }
  } catch (error) {
    if (!(error instanceof InputError) && !(error instanceof ModelError)) throw error;
    process.stderr.write(`cognito-pool-lint simulate: ${error.message}\n`);
    return 2;
  }
  const context = contextOf(o);
  // As the panel does: without --pool-id, the identity belongs to the pool the trust policy names (its aud).
  const poolId = o.poolId ?? (trust ? firstClaimValue(trust.document, 'aud', isIdentityPoolId) : undefined);
  const result = evaluateRequest({
    policies,
    trust,
    identity: { ...o.identity!, identityId: o.identityId, poolId },
    flow: o.flow,
    request: { action: o.action!, resource: o.resource!, context },
    now: new Date(),
  });
  // A denial that an unjudged Allow statement might have turned holds neither expectation.
  const uncertain = result.trust?.uncertain;
  const holds = o.expect === undefined || (uncertain === undefined && (o.expect === 'allow') === (result.decision === 'allowed'));
  const poolNote = o.poolId === undefined && poolId !== undefined ? `The pool ID is the trust policy's aud, "${poolId}" (no --pool-id).` : undefined;
  const shown = poolNote ? { ...result, reasons: [...result.reasons, poolNote] } : result;
  if (o.format === 'json') process.stdout.write(JSON.stringify(toJson(shown, texts), null, 2) + '\n');
  else process.stdout.write(toText(shown, o, texts) + (o.expect ? `\nExpected ${o.expect}: ${holds ? 'holds' : 'does NOT hold'}` : '') + '\n');
  return expectationStatus(o, holds, uncertain === undefined ? undefined : `the trust decision cannot be told: ${uncertain}`, DECISION_WORD[result.decision]);
}

function expectationStatus(o: SimulateOptions, holds: boolean, uncertain: string | undefined, decision: string): number {
  if (!holds && uncertain !== undefined) {
    process.stderr.write(`cognito-pool-lint simulate: expected ${o.expect}, but ${uncertain}\n`);
    return 2;
  }
  if (!holds) {
    process.stderr.write(`cognito-pool-lint simulate: expected ${o.expect}, but the decision is ${decision}.\n`);
    return 1;
  }
  return 0;
}

function contextOf(o: SimulateOptions): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const c of o.context.values()) context[c.key] = c.multiValued ? c.values : c.values[0];
  return context;
}

// ---------------------------------------------------------------------------------------------
// --template: the whole identity pool

/** The decision words of the output, both forms (allow, explicit-deny, implicit-deny: the words `--expect` takes). */
const DECISION_WORD: Readonly<Record<AccessDecision, string>> = { allowed: 'allow', 'explicit-deny': 'explicit-deny', 'implicit-deny': 'implicit-deny' };

function runPoolSimulation(o: SimulateOptions, hclParser: HclParser | undefined): number {
  const model = readPoolModel(o.template!, hclParser);
  const choices = poolChoices(model.workspace);
  if (choices.length === 0)
    throw new InputError(`${o.template} defines no identity pool (an AWS::Cognito::IdentityPool, or roles attached to a literal pool ID).`);
  let pool = choices[0];
  if (o.pool !== undefined) {
    const named = choices.find((c) => c.name === o.pool || (c.poolId !== undefined && c.poolId === o.pool));
    if (!named) throw new InputError(`--pool "${o.pool}" is not an identity pool of ${o.template}: ${choices.map((c) => c.name).join(', ')}.`);
    pool = named;
  } else if (choices.length > 1)
    throw new InputError(`${o.template} has ${choices.length} identity pools: choose one with --pool (${choices.map((c) => c.name).join(', ')}).`);
  let identity: PoolSignIn;
  if (o.identity) identity = { kind: 'guest' };
  else {
    let claims;
    if (o.claims !== undefined) {
      let text: string;
      try {
        text = readRegularFile(o.claims);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(
          `cannot read ${o.claims}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}.`,
        );
      }
      const r = claimsOfJson(text);
      if (r.problem !== undefined) throw new InputError(`--claims ${o.claims}: ${r.problem}.`);
      claims = r.claims;
    } else {
      const r = claimsOfJwt(o.token!);
      if (r.problem !== undefined) throw new InputError(`--token: ${r.problem}.`);
      claims = r.claims;
    }
    const signIn = signInOf(claims, o.provider);
    if ('problem' in signIn) throw new InputError(`${signIn.problem} (--provider NAME).`);
    identity = { kind: 'authenticated', claims, signIn };
  }
  if (o.role !== undefined && !model.workspace.roles.some((r) => r.id === o.role))
    throw new InputError(`--role "${o.role}" is not a role of ${o.template}: ${model.workspace.roles.map((r) => r.id).join(', ') || 'it has none'}.`);
  const result = simulatePool({
    workspace: model.workspace,
    pool,
    identity,
    poolId: o.poolId,
    identityId: o.identityId,
    flow: o.flow,
    role: o.role,
    request: { action: o.action!, resource: o.resource!, context: contextOf(o) },
    now: new Date(),
  });
  const holds = o.expect === undefined || (result.uncertain === undefined && (o.expect === 'allow') === (result.decision === 'allowed'));
  if (o.format === 'json') process.stdout.write(JSON.stringify(poolJson(result, model.texts), null, 2) + '\n');
  else
    process.stdout.write(poolText(result, o, pool.name, model.texts) + (o.expect ? `\nExpected ${o.expect}: ${holds ? 'holds' : 'does NOT hold'}` : '') + '\n');
  return expectationStatus(
    o,
    holds,
    result.uncertain === undefined ? undefined : `the decision cannot be told: ${result.uncertain}`,
    DECISION_WORD[result.decision],
  );
}

function poolReasons(result: PoolSimulation): string[] {
  return [...result.resolution.reasons, ...result.principalTags.reasons, ...result.reasons];
}

function poolJson(result: PoolSimulation, texts: ReadonlyMap<string, string>): unknown {
  const role = result.resolution.role;
  return {
    role: role ? { id: role.id, by: role.by, rule: role.rule ?? null } : null,
    principalTags: result.principalTags.tags,
    trust: result.trust
      ? { decision: result.trust.decision, reasons: result.trust.reasons, ...(result.trust.uncertain !== undefined && { uncertain: result.trust.uncertain }) }
      : null,
    decision: DECISION_WORD[result.decision],
    statements: result.statements.map((s) => {
      const lines = new LineIndex(texts.get(s.source.document) ?? '');
      return { file: s.source.document, sid: s.sid ?? null, range: { start: lines.positionAt(s.range.start), end: lines.positionAt(s.range.end) } };
    }),
    reasons: poolReasons(result),
    rules: result.resolution.rules.map((r) => ({ number: r.number, outcome: r.outcome, reason: r.reason })),
    ...(result.uncertain !== undefined && { uncertain: result.uncertain }),
  };
}

function poolText(result: PoolSimulation, o: SimulateOptions, poolName: string, texts: ReadonlyMap<string, string>): string {
  const role = result.resolution.role;
  const who = o.identity ? 'guest' : 'signed in';
  const out = [`Request: ${who}, identity pool ${poolName} (${o.template}), ${o.flow} flow: ${o.action} on ${o.resource}`];
  const by =
    role &&
    (role.by === 'rules'
      ? `rule ${role.rule} of the role mapping`
      : role.by === 'token'
        ? 'from the token'
        : role.by === 'app'
          ? 'named by the app'
          : 'default');
  out.push(`Role: ${role ? `${role.id} (${by})` : 'none: no credentials'}${result.uncertain !== undefined && !result.trust ? ' (cannot be told)' : ''}`);
  for (const r of result.resolution.rules) out.push(`  rule ${r.number}: ${r.outcome}`);
  for (const r of result.resolution.reasons) out.push(`  - ${r}`);
  const tags = Object.entries(result.principalTags.tags);
  out.push(`Principal tags: ${tags.length ? tags.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ') : 'none'}`);
  for (const r of result.principalTags.reasons) out.push(`  - ${r}`);
  if (result.trust) {
    out.push(`Trust: ${result.trust.decision}${result.trust.uncertain !== undefined ? ' as far as can be told' : ''}`);
    for (const r of result.trust.reasons) out.push(`  - ${r}`);
  } else out.push('Trust: not evaluated');
  out.push(`Decision: ${DECISION_WORD[result.decision]}${result.uncertain !== undefined ? ' as far as can be told' : ''}`);
  for (const s of result.statements) {
    const p = new LineIndex(texts.get(s.source.document) ?? '').positionAt(s.range.start);
    out.push(`  ${s.source.document}:${p.line + 1}:${p.character + 1} ${s.sid ?? `(statement ${s.index + 1})`}`);
  }
  for (const r of result.reasons) out.push(`  - ${r}`);
  return out.join('\n');
}
