/**
 * The ONE reading of the values that Numeric, Date, Bool and IpAddress condition operators compare, used by the
 * checks (whether a policy value can ever match) and by the evaluator (what it compares). Decided from the IAM
 * User Guide, "IAM JSON policy elements: Condition operators"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 *
 * - Numeric: "comparing a key to an integer or decimal value". So `-12`, `0`, `3.5` are numbers; exponents
 *   (`1e3`), a leading `+`, a bare `.5` or `5.` and hexadecimal are not.
 * - Date: "one of the W3C implementations of the ISO 8601 date formats or the epoch (UNIX) time". The W3C profile
 *   (https://www.w3.org/TR/NOTE-datetime) is `YYYY-MM`, `YYYY-MM-DD`, and `YYYY-MM-DDThh:mm[:ss[.s+]]TZD` with
 *   TZD `Z` or `+hh:mm`/`-hh:mm`; epoch time is whole seconds since 1970-01-01T00:00:00Z. A bare `YYYY` is read as
 *   epoch seconds (digits only), as IAM's epoch form is. Leniency kept, since no false error is better than a
 *   strict one: a time without TZD is read as UTC and an offset without its colon (`+0100`) is accepted. The date
 *   must be on the calendar: `2026-13-45` and `2026-02-30` are no dates.
 * - Bool: `true` or `false`, in any case.
 * - IpAddress: an IPv4 or IPv6 address or CIDR range ("IPv4 or IPv6 CIDR format as specified in RFC 4632"), an
 *   address without a prefix being the one-address range.
 *
 * Static patterns only: policy text is never compiled into a RegExp.
 */

const NUMBER = /^-?\d+(\.\d+)?$/;

/** A Numeric operator's value (an integer or decimal), or undefined. */
export function parseNumericValue(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** A Bool operator's value, or undefined. */
export function parseBoolValue(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

const EPOCH_SECONDS = /^\d+$/;
const W3C_DATE = /^(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A Date operator's value read: epoch milliseconds, or why it is no date. */
export type DateReading = { readonly millis: number } | { readonly problem: string };

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A Date operator's value as epoch milliseconds, or the reason it is no date (a sentence without the value). */
export function readDateValue(text: string): DateReading {
  if (EPOCH_SECONDS.test(text)) return { millis: Number(text) * 1000 };
  const m = W3C_DATE.exec(text);
  if (!m) return { problem: 'use ISO 8601 ("2026-01-31T23:59:59Z") or epoch seconds' };
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3] ?? '1', m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12) return { problem: `there is no month ${m[2]}` };
  const days = daysIn(year, month);
  if (day < 1 || day > days) return { problem: `${MONTHS[month - 1]} ${m[1]} has ${days} days` };
  if (hour > 23 || minute > 59 || second > 60) return { problem: `there is no time ${m[4]}:${m[5]}${m[6] === undefined ? '' : `:${m[6]}`}` };
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const [h, min] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    if (h > 23 || min > 59) return { problem: `there is no time zone offset ${zone}` };
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (h * 60 + min);
  }
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return { millis: Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000 };
}

/** A Date operator's value as epoch milliseconds, or undefined. */
export function parseDateValue(text: string): number | undefined {
  const r = readDateValue(text);
  return 'millis' in r ? r.millis : undefined;
}

/** An IP range: the address's bytes (4 for IPv4, 16 for IPv6) as written, and the prefix length. */
export interface IpRange {
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/** An IpAddress operator's value: an IPv4 or IPv6 address or CIDR range (`203.0.113.0/24`, `2001:db8::/32`). */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIpAddress(slash >= 0 ? text.slice(0, slash) : text);
  if (!bytes) return undefined;
  if (slash < 0) return { bytes, prefix: bytes.length * 8 };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bytes.length * 8) return undefined;
  return { bytes, prefix: Number(prefixText) };
}

/** Whether the address (text) is in the range; an address of the other IP version never is. */
export function ipRangeContains(range: IpRange, address: string): boolean {
  const bytes = parseIpAddress(address);
  if (!bytes || bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== (range.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}

/** 4 bytes for IPv4, 16 for IPv6 (with `::` and an embedded dotted quad), or undefined. */
export function parseIpAddress(text: string): number[] | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

function parseIpv6(text: string): number[] | undefined {
  let body = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  const needed = 8 - tail.length / 2;
  if (![...head, ...rest].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = needed - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) => parseInt(g, 16));
  return [...groups.flatMap((g) => [g >> 8, g & 0xff]), ...tail];
}
