/**
 * IP ranges as `aws:SourceIp` compares them: an address or a CIDR block, the private blocks that never reach AWS
 * as a request's source, and the canonical form of an IPv4 block. Only what Access Analyzer's "Private IP
 * address" and "Improve IP range" checks need; whether a value is an IP at all is the condition-value parser's
 * business (conditionValueFormats.ts, whose reading this is).
 * Private: IPv4's RFC 1918 blocks, loopback and link-local; IPv6's loopback `::1`, unique local `fc00::/7`
 * (RFC 4193, IPv6's counterpart of RFC 1918) and link-local `fe80::/10` (RFC 4291). Access Analyzer's check
 * reference says "private IP addresses" without listing them, so only these unambiguous ones count: not the
 * documentation block `2001:db8::/32` (AWS's own `aws:SourceIp` examples use it) nor IPv4-mapped addresses
 * (`::ffff:10.0.0.1`; how IAM compares those is not documented).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { parseIpRange, type IpRange } from './conditionValueFormats';

export interface Ipv4Range {
  /** The first address of the block as written (host bits as written), as an unsigned 32-bit number. */
  readonly address: number;
  /** The prefix length: 32 for a single address. */
  readonly prefix: number;
}

/** An IPv4 address or CIDR block (`203.0.113.0/24`), or undefined for anything else. */
export function parseIpv4Range(text: string): Ipv4Range | undefined {
  const range = parseIpRange(text);
  return range && ipv4RangeOf(range);
}

/** The IPv4 range a parsed range is, or undefined for IPv6. */
export function ipv4RangeOf(range: IpRange): Ipv4Range | undefined {
  if (range.bytes.length !== 4) return undefined;
  return { address: range.bytes.reduce((n, b) => n * 256 + b, 0), prefix: range.prefix };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The block with its host bits cleared, written `a.b.c.d/n`; the same text when it is already canonical. */
export function canonicalIpv4Range(r: Ipv4Range): string {
  const base = (r.address & mask(r.prefix)) >>> 0;
  const text = [24, 16, 8, 0].map((shift) => (base >>> shift) & 255).join('.');
  return r.prefix === 32 ? text : `${text}/${r.prefix}`;
}

/** Whether the block has host bits set (`10.0.0.1/8`): IAM reads it as its network, so it is not what it says. */
export function hasHostBits(r: Ipv4Range): boolean {
  return (r.address & ~mask(r.prefix)) >>> 0 !== 0;
}

/** The blocks whose addresses are never the public source of a request to AWS (RFC 1918, loopback, link-local). */
const PRIVATE_BLOCKS: readonly Ipv4Range[] = [
  { address: 10 << 24, prefix: 8 },
  { address: ((172 << 24) | (16 << 16)) >>> 0, prefix: 12 },
  { address: ((192 << 24) | (168 << 16)) >>> 0, prefix: 16 },
  { address: 127 << 24, prefix: 8 },
  { address: ((169 << 24) | (254 << 16)) >>> 0, prefix: 16 },
];

/** Whether every address of the range is in a private block. */
export function isPrivateIpv4Range(r: Ipv4Range): boolean {
  return PRIVATE_BLOCKS.some((b) => r.prefix >= b.prefix && (r.address & mask(b.prefix)) >>> 0 === b.address);
}

/** IPv6's blocks that are never a request's public source: loopback, unique local (RFC 4193), link-local. */
const PRIVATE_IPV6_BLOCKS: readonly IpRange[] = [
  { bytes: [...Array<number>(15).fill(0), 1], prefix: 128 },
  { bytes: [0xfc, ...Array<number>(15).fill(0)], prefix: 7 },
  { bytes: [0xfe, 0x80, ...Array<number>(14).fill(0)], prefix: 10 },
];

/** Whether every address of an IPv4 or IPv6 range is in a private block (see the module comment). */
export function isPrivateIpRange(r: IpRange): boolean {
  const v4 = ipv4RangeOf(r);
  if (v4) return isPrivateIpv4Range(v4);
  return PRIVATE_IPV6_BLOCKS.some((b) => r.prefix >= b.prefix && samePrefix(r.bytes, b.bytes, b.prefix));
}

function samePrefix(a: readonly number[], b: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const m = 0x80 >> (bit % 8);
    if ((a[bit >> 3] & m) !== (b[bit >> 3] & m)) return false;
  }
  return true;
}
