/**
 * ARNs of the IAM catalog's resource types: what the checks and the reference docs share beyond the string
 * helpers of text/arn.ts (splitting an ARN, matching it against a format).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import type { Catalog } from '../catalog/types';
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
