/**
 * Markdown for catalog entries (actions, condition keys, ARNs) and policy variables, shared by
 * completion and hover so that both say the same thing.
 */
import type { Catalog, CatalogAction, CatalogConditionKey, CatalogService } from '../catalog/types';
import { COGNITO_CLAIM_DOCS, KEYS_NEVER_SET_FOR_IDENTITY_POOLS, cognitoClaimOf } from '../cognito/knowledge';
import { isExtendedBySibling } from '../iam/arns';
import { resourceMatchesFormat, splitArn } from '../text/arn';
import { inNotation, writeVariable, type VariableNotation } from '../model/variableNotation';

/**
 * The Service Authorization Reference page of a service. The catalog data has no URLs; the page name is
 * `list_` + the service name in lower case without spaces or punctuation (Amazon Cognito Identity ->
 * list_amazoncognitoidentity.html), which holds for the pages the docs link to.
 */
export function serviceReferenceUrl(service: CatalogService): string {
  if (service.referenceUrl) return service.referenceUrl;
  let slug = '';
  for (const ch of service.name.toLowerCase()) if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) slug += ch;
  return `https://docs.aws.amazon.com/service-authorization/latest/reference/list_${slug}.html`;
}

export function actionDoc(catalog: Catalog, action: CatalogAction): string {
  const service = catalog.service(action.service);
  const lines = [
    `**${action.service}:${action.name}** (${action.accessLevel})`,
    action.description.endsWith('.') ? action.description : `${action.description}.`,
  ];
  if (action.resourceTypes.length) {
    const types = action.resourceTypes.map((rt) => {
      const formats = catalog.resourceType(action.service, rt.name)?.arnFormats ?? [];
      return `- \`${rt.name}\`${rt.required ? ' (required)' : ''}${formats.length ? `: \`${formats[0]}\`` : ''}`;
    });
    lines.push(`Resource types:\n${types.join('\n')}`);
  } else {
    lines.push('Resource types: none (use `"Resource": "*"`).');
  }
  if (action.conditionKeys.length) lines.push(`Condition keys: ${action.conditionKeys.map((k) => `\`${k}\``).join(', ')}`);
  if (action.dependentActions.length) lines.push(`Dependent actions: ${action.dependentActions.map((k) => `\`${k}\``).join(', ')}`);
  if (service) lines.push(`[${service.name} in the Service Authorization Reference](${serviceReferenceUrl(service)})`);
  return lines.join('\n\n');
}

/** How many actions a pattern matches, with the list (shortened past `limit`). */
export function wildcardDoc(catalog: Catalog, pattern: string, limit = 40): string {
  const actions = catalog.matchActions(pattern);
  if (actions.length === 0) return `\`${pattern}\` matches no action in the IAM catalog (${catalog.dataDate}).`;
  const shown = actions.slice(0, limit).map((a) => `- \`${a.service}:${a.name}\` (${a.accessLevel})`);
  const more = actions.length > limit ? `\n- … and ${actions.length - limit} more` : '';
  const levels = new Map<string, number>();
  for (const a of actions) levels.set(a.accessLevel, (levels.get(a.accessLevel) ?? 0) + 1);
  const summary = [...levels].map(([level, n]) => `${n} ${level}`).join(', ');
  return `\`${pattern}\` matches ${actions.length} action${actions.length === 1 ? '' : 's'} (${summary}):\n\n${shown.join('\n')}${more}`;
}

/** A condition key; `notation`: how the document writes a policy variable, for the identity-pool claims' text. */
export function conditionKeyDoc(key: CatalogConditionKey, notation?: VariableNotation): string {
  const claim = cognitoClaimOf(key.name);
  const description = (claim && COGNITO_CLAIM_DOCS[claim] && inNotation(COGNITO_CLAIM_DOCS[claim], notation)) || key.description;
  const kind = key.multiValued ? 'multi-valued: use `ForAnyValue:` or `ForAllValues:`' : 'single-valued';
  const scope = key.global ? 'global key' : `${key.service} key`;
  const never = KEYS_NEVER_SET_FOR_IDENTITY_POOLS.find((k) => k.key.toLowerCase() === key.name.toLowerCase());
  const lines = [`**${key.name}**: ${key.type}, ${kind} (${scope}).`, description];
  if (never) lines.push(`Identity-pool sessions never carry this key: ${never.why}.`);
  return lines.join('\n\n');
}

/**
 * A policy variable: what it resolves to (for identity-pool sessions in particular), written as the document
 * writes a variable (`notation`: `$${...}` in a Terraform string, `&{...}` in a policy document).
 */
export function variableDoc(catalog: Catalog, name: string, defaultValue?: string, notation?: VariableNotation): string {
  const claim = cognitoClaimOf(name);
  const key = catalog.conditionKey(name);
  const lines = [`**${writeVariable(name, notation)}**: policy variable, replaced by the request's value of \`${name}\`.`];
  if (claim && COGNITO_CLAIM_DOCS[claim]) lines.push(inNotation(COGNITO_CLAIM_DOCS[claim], notation));
  else if (key) lines.push(key.description);
  else lines.push('No condition key of this name is known: the variable never resolves.');
  const never = KEYS_NEVER_SET_FOR_IDENTITY_POOLS.find((k) => k.key.toLowerCase() === name.toLowerCase());
  if (never) lines.push(`Identity-pool sessions never carry it (${never.why}), so for them the text never matches.`);
  lines.push(
    defaultValue !== undefined
      ? `When the key is absent, \`${defaultValue}\` is used.`
      : `When the key is absent, the statement does not match (add a default: \`${writeVariable("key, 'default'", notation)}\`).`,
  );
  lines.push('[Policy variables](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)');
  return lines.join('\n\n');
}

const ESCAPE_DOCS: Readonly<Record<string, string>> = {
  '*': '`${*}` is a literal `*` (not a wildcard).',
  '?': '`${?}` is a literal `?` (not a wildcard).',
  $: '`${$}` is a literal `$`.',
};

export function escapeDoc(char: string, notation?: VariableNotation): string {
  return inNotation(ESCAPE_DOCS[char] ?? '', notation);
}

/** The parts of an ARN and the catalog resource types it can name. */
export function arnDoc(catalog: Catalog, text: string): string | undefined {
  const arn = splitArn(text);
  if (!arn) return undefined;
  const part = (v: string, empty: string) => (v === '' ? `_${empty}_` : `\`${v}\``);
  const lines = [
    `**ARN**`,
    `- partition: ${part(arn.partition, 'empty')}\n- service: ${part(arn.service, 'empty')}\n- region: ${part(arn.region, 'none (global)')}\n- account: ${part(arn.account, 'none')}\n- resource: ${part(arn.resource, 'empty')}`,
  ];
  const service = catalog.service(arn.service);
  if (service) {
    const types = catalog
      .resourceTypesOf(service.prefix)
      .filter((t) => t.arnFormats.some((f) => resourceMatchesFormat(text, f, isExtendedBySibling(catalog, service.prefix, f))))
      .map((t) => `\`${t.name}\``);
    lines.push(
      types.length
        ? `${service.name} resource type${types.length > 1 ? 's' : ''}: ${types.join(', ')}`
        : `Matches no ${service.name} resource type in the catalog.`,
    );
  }
  return lines.join('\n\n');
}
