/**
 * Action and NotAction values against the IAM catalog. Unknown services and actions are warnings:
 * IAM accepts them (they grant nothing) and the catalog can lag behind AWS.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import type { Catalog, CatalogAction } from '../catalog/types';
import { isExact, type StringValue } from '../model/policy';
import { closest } from '../text/didYouMean';
import { CatalogMemo } from '../text/memo';
import { hasWildcard } from '../text/wildcard';
import { parseAction } from '../iam/actions';
import type { Check, CheckContext } from './context';

/**
 * The catalog actions an action value stands for: undefined when it is invalid, unknown or a
 * variable (so callers skip it rather than guess).
 */
export function resolveAction(catalog: Catalog, text: string): readonly CatalogAction[] | undefined {
  const facts = factsOf(catalog, text);
  if (facts.resolved === PENDING) facts.resolved = computeResolveAction(catalog, facts.text);
  return facts.resolved;
}

/** `resolveAction` within the document's expansion budget: undefined (not checked) past it. */
export function resolveActionIn(ctx: CheckContext, value: StringValue): readonly CatalogAction[] | undefined {
  return ctx.expansion.allows(ctx.catalog, value) ? resolveAction(ctx.catalog, value.value) : undefined;
}

/** `catalog.matchActions` within the document's expansion budget: nothing past it (callers stay silent on nothing). */
export function matchActionsIn(ctx: CheckContext, value: StringValue): readonly CatalogAction[] {
  return ctx.expansion.allows(ctx.catalog, value) ? ctx.catalog.matchActions(value.value) : [];
}

/**
 * What the checks need to know of an action text, each part worked out on first need: one memo entry per text,
 * so the checks that ask about a value (its problem, the actions it stands for) look it up once each in the same
 * table (hot path: every action value of every statement).
 */
interface ActionFacts {
  /** The text as the memo stores it (a flat copy). */
  readonly text: string;
  problem: ActionProblem | null | typeof PENDING;
  resolved: readonly CatalogAction[] | undefined | typeof PENDING;
}

const PENDING: unique symbol = Symbol('pending');
const facts = new CatalogMemo<Catalog, ActionFacts>();

function factsOf(catalog: Catalog, text: string): ActionFacts {
  return facts.get(catalog, text, (key) => ({ text: key, problem: PENDING, resolved: PENDING }));
}

function computeResolveAction(catalog: Catalog, text: string): readonly CatalogAction[] | undefined {
  const parsed = parseAction(text);
  if (parsed.kind === 'invalid' || text.includes('${')) return undefined;
  if (parsed.kind === 'all' || hasWildcard(text)) {
    const matches = catalog.matchActions(text);
    return matches.length ? matches : undefined;
  }
  const action = catalog.action(parsed.service, parsed.name);
  return action ? [action] : undefined;
}

export const checkActions: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    for (const value of s.actions ?? []) checkActionValue(ctx, value);
    for (const value of s.notActions ?? []) checkActionValue(ctx, value);
  }
};

/** What is wrong with an action value (the same for every occurrence of the text), or null. */
interface ActionProblem {
  readonly ruleId: string;
  readonly message: string;
  readonly replacement?: string;
}

function checkActionValue(ctx: CheckContext, value: StringValue): void {
  if (!isExact(value)) return; // an intrinsic function with parts the template leaves open
  if (!ctx.expansion.allows(ctx.catalog, value)) return;
  const f = factsOf(ctx.catalog, value.value);
  if (f.problem === PENDING) f.problem = actionProblem(ctx.catalog, f.text);
  const problem = f.problem;
  if (problem) ctx.report(problem.ruleId, value.range, problem.message, problem.replacement ? { data: { replacement: problem.replacement } } : undefined);
}

function actionProblem(catalog: Catalog, text: string): ActionProblem | null {
  if (text.includes('${')) {
    return { ruleId: 'variable-not-allowed-here', message: 'Policy variables are not substituted in Action or NotAction: write the action name.' };
  }
  const parsed = parseAction(text);
  if (parsed.kind === 'all') return null;
  if (parsed.kind === 'invalid') return { ruleId: 'invalid-action-format', message: `Invalid action: ${parsed.reason}.` };
  if (hasWildcard(parsed.service)) {
    return catalog.matchActions(text).length === 0
      ? { ruleId: 'action-wildcard-matches-nothing', message: `"${text}" matches no action of any service.` }
      : null;
  }
  const service = catalog.service(parsed.service);
  if (!service) {
    const suggestion = closest(
      parsed.service,
      catalog.services().map((s) => s.prefix),
    );
    return {
      ruleId: 'unknown-service',
      message: `Unknown service prefix "${parsed.service}" (IAM catalog ${catalog.dataDate}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      replacement: suggestion ? `${suggestion}:${parsed.name}` : undefined,
    };
  }
  if (hasWildcard(parsed.name)) {
    return catalog.matchActions(text).length === 0
      ? {
          ruleId: 'action-wildcard-matches-nothing',
          message: `"${text}" matches no ${service.prefix} action: check the spelling of the part before the wildcard.`,
        }
      : null;
  }
  if (catalog.action(parsed.service, parsed.name)) return null;
  const suggestion = closest(
    parsed.name,
    catalog.actionsOf(service.prefix).map((a) => a.name),
  );
  const full = suggestion ? `${service.prefix}:${suggestion}` : undefined;
  return {
    ruleId: 'unknown-action',
    message: `${service.name} has no action "${parsed.name}" (IAM catalog ${catalog.dataDate}).${full ? ` Did you mean "${full}"?` : ''}`,
    replacement: full,
  };
}
