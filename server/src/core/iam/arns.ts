/**
 * ARNs of the IAM catalog's resource types: what the checks and the reference docs share beyond the string
 * helpers of text/arn.ts (splitting an ARN, matching it against a format).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import type { Catalog, CatalogAction, CatalogActionResourceType, CatalogResourceType } from '../catalog/types';
import { splitArn, type ArnParts } from '../text/arn';
import { CatalogMemo } from '../text/memo';

const extendedBySibling = new CatalogMemo<Catalog, boolean>();

/** True when another format of the service continues this one with `/` (S3 object after bucket). */
export function isExtendedBySibling(catalog: Catalog, service: string, format: string): boolean {
  if (!format.endsWith('}')) return false;
  const prefix = format + '/';
  return extendedBySibling.get(catalog, `${service}\u0000${format}`, () =>
    catalog.resourceTypesOf(service).some((t) => t.arnFormats.some((f) => f.startsWith(prefix))),
  );
}

/** A catalog ARN format with what matching a resource against it needs. */
export interface FormatFacts {
  readonly format: string;
  /** `splitArn(format)`. */
  readonly parts: ArnParts | undefined;
  /** `isExtendedBySibling` of the format in its type's service. */
  readonly noSlashAtEnd: boolean;
}

/** Per resource type of a catalog (a type belongs to one catalog, so this goes with it). */
const formatFacts = new WeakMap<CatalogResourceType, readonly FormatFacts[]>();

/**
 * The facts of each of a resource type's `arnFormats`, in order, worked out once per type: the checks match every
 * action's resource types against a statement's resources (hot path, ARCHITECTURE.md).
 */
export function formatsOf(catalog: Catalog, type: CatalogResourceType): readonly FormatFacts[] {
  let facts = formatFacts.get(type);
  if (!facts) {
    facts = type.arnFormats.map((format) => ({ format, parts: splitArn(format), noSlashAtEnd: isExtendedBySibling(catalog, type.service, format) }));
    formatFacts.set(type, facts);
  }
  return facts;
}

/** Per resource type reference of a catalog's actions (each belongs to one service of one catalog); null: none. */
const actionTypeFormats = new WeakMap<CatalogActionResourceType, readonly FormatFacts[] | null>();

/**
 * The format facts of one of an action's resource types, or undefined when the catalog cannot describe the type
 * (no such type, or no ARN formats): `formatsOf` of `catalog.resourceType(action.service, rt.name)`, looked up
 * once per reference.
 */
export function formatsOfActionType(catalog: Catalog, action: CatalogAction, rt: CatalogActionResourceType): readonly FormatFacts[] | undefined {
  let facts = actionTypeFormats.get(rt);
  if (facts === undefined) {
    const type = catalog.resourceType(action.service, rt.name);
    facts = type && type.arnFormats.length > 0 ? formatsOf(catalog, type) : null;
    actionTypeFormats.set(rt, facts);
  }
  return facts ?? undefined;
}
