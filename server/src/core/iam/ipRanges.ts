/**
 * IPv4 ranges as `aws:SourceIp` compares them: an address or a CIDR block, the private blocks of RFC 1918 (and
 * loopback and link-local) that never reach AWS as a request's source, and the canonical form of a block. Only
 * what Access Analyzer's "Private IP address" and "Improve IP range" checks need; whether a value is an IP at all
 * is the condition-value parser's business (conditionValueFormats.ts, whose reading this is). IPv6 is not judged here.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
 */
import { parseIpRange } from './conditionValueFormats';

export interface Ipv4Range {
  /** The first address of the block as written (host bits as written), as an unsigned 32-bit number. */
  readonly address: number;
  /** The prefix length: 32 for a single address. */
  readonly prefix: number;
}

/** An IPv4 address or CIDR block (`203.0.113.0/24`), or undefined for anything else. */
export function parseIpv4Range(text: string): Ipv4Range | undefined {
  const range = parseIpRange(text);
  if (!range || range.bytes.length !== 4) return undefined;
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
