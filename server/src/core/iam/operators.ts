/**
 * The condition operator grammar: base operators, the `IfExists` suffix and the `ForAllValues:` /
 * `ForAnyValue:` set prefixes.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

const BASE_OPERATORS: Readonly<Record<string, OperatorFamily>> = {
  StringEquals: 'String',
  StringNotEquals: 'String',
  StringEqualsIgnoreCase: 'String',
  StringNotEqualsIgnoreCase: 'String',
  StringLike: 'String',
  StringNotLike: 'String',
  NumericEquals: 'Numeric',
  NumericNotEquals: 'Numeric',
  NumericLessThan: 'Numeric',
  NumericLessThanEquals: 'Numeric',
  NumericGreaterThan: 'Numeric',
  NumericGreaterThanEquals: 'Numeric',
  DateEquals: 'Date',
  DateNotEquals: 'Date',
  DateLessThan: 'Date',
  DateLessThanEquals: 'Date',
  DateGreaterThan: 'Date',
  DateGreaterThanEquals: 'Date',
  Bool: 'Bool',
  BinaryEquals: 'Binary',
  IpAddress: 'IpAddress',
  NotIpAddress: 'IpAddress',
  ArnEquals: 'Arn',
  ArnLike: 'Arn',
  ArnNotEquals: 'Arn',
  ArnNotLike: 'Arn',
  Null: 'Null',
};

export const BASE_OPERATOR_NAMES: readonly string[] = Object.keys(BASE_OPERATORS);
const BY_LOWER = new Map(BASE_OPERATOR_NAMES.map((n) => [n.toLowerCase(), n]));

export interface ParsedOperator {
  /** Canonical spelling of the base operator, e.g. `StringLike`. */
  readonly base: string;
  readonly family: OperatorFamily;
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
  /** Negated operators (StringNotEquals, NotIpAddress, ...) match when the key is absent. */
  readonly negated: boolean;
}

/** Parses an operator as written (case-insensitive); undefined when it is not a valid operator. */
export function parseOperator(text: string): ParsedOperator | undefined {
  let rest = text;
  let set: ParsedOperator['set'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') set = 'ForAllValues';
    else if (prefix === 'foranyvalue') set = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const base = BY_LOWER.get(rest.toLowerCase());
  if (!base) return undefined;
  const family = BASE_OPERATORS[base];
  if (family === 'Null' && (ifExists || set)) return undefined;
  return { base, family, set, ifExists, negated: base.includes('Not') };
}

/** Every spelled-out operator (for suggestions and completion). */
export function allOperatorNames(): string[] {
  const out: string[] = [];
  for (const base of BASE_OPERATOR_NAMES) {
    if (base === 'Null') {
      out.push(base);
      continue;
    }
    for (const prefix of ['', 'ForAnyValue:', 'ForAllValues:']) {
      out.push(prefix + base, prefix + base + 'IfExists');
    }
  }
  return out;
}
