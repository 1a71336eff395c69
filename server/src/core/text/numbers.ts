/**
 * A count or size in English with thousands separators, `1234567` as `1,234,567`: what
 * `toLocaleString('en-US')` writes for an integer, without it. The first `toLocaleString` of a process loads
 * ICU's number-formatting data, about 7.5 MB of resident memory that the server and the CLI would then keep
 * (issue 15). Integers only (counts, lengths, quotas); anything else is written as `String` writes it.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
