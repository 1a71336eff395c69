/**
 * The one reading of Numeric, Date, Bool and IpAddress condition values (core/iam/conditionValueFormats.ts):
 * each format valid and invalid, then one table of values through both the checker (condition-type-mismatch)
 * and the evaluator (a value that "matches nothing"), which must agree on every row.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateRequest, parsePolicy } from '../../server/src/core';
import {
  parseBoolValue,
  parseDateValue,
  parseIpAddress,
  parseIpRange,
  parseNumericValue,
  readDateValue,
} from '../../server/src/core/iam/conditionValueFormats';
import { parseIpv4Range } from '../../server/src/core/iam/ipRanges';
import { ME, POOL } from './evaluateCases';
import { analyze, policy } from './helpers';

describe('numbers: integers and decimals, as IAM documents them', () => {
  test('integers and decimals, negative too', () => {
    assert.equal(parseNumericValue('10'), 10);
    assert.equal(parseNumericValue('-12'), -12);
    assert.equal(parseNumericValue('0'), 0);
    assert.equal(parseNumericValue('3.5'), 3.5);
  });

  test('"1e3" is no number (an exponent is neither an integer nor a decimal), nor are +5, .5, 5., 0x10, "" and words', () => {
    for (const t of ['1e3', '1E3', '+5', '.5', '5.', '0x10', '', ' 5', 'ten', 'Infinity', 'NaN']) assert.equal(parseNumericValue(t), undefined, t);
  });
});

describe('dates: the W3C profile of ISO 8601, or epoch seconds', () => {
  test('date, month, minutes, seconds, fractions, Z and offsets (with or without colon); no zone is UTC', () => {
    assert.equal(parseDateValue('2026-01-31'), Date.UTC(2026, 0, 31));
    assert.equal(parseDateValue('2026-03'), Date.UTC(2026, 2, 1));
    assert.equal(parseDateValue('2014-11-30T12:00Z'), Date.UTC(2014, 10, 30, 12));
    assert.equal(parseDateValue('2026-01-01T01:00:00+01:00'), Date.UTC(2026, 0, 1, 0, 0, 0));
    assert.equal(parseDateValue('2026-01-01T00:00:00-0130'), Date.UTC(2026, 0, 1, 1, 30, 0));
    assert.equal(parseDateValue('2026-01-01T00:00:00'), Date.UTC(2026, 0, 1));
    assert.equal(parseDateValue('2026-01-01T00:00:00.25Z'), Date.UTC(2026, 0, 1, 0, 0, 0, 250));
    assert.equal(parseDateValue('2024-02-29'), Date.UTC(2024, 1, 29));
  });

  test('epoch seconds are digits only', () => {
    assert.equal(parseDateValue('1767225600'), Date.UTC(2026, 0, 1));
    assert.equal(parseDateValue('0'), 0);
    assert.equal(parseDateValue('1767225600.5'), undefined);
    assert.equal(parseDateValue('-1'), undefined);
  });

  test('dates off the calendar say why', () => {
    assert.deepEqual(readDateValue('2026-13-45'), { problem: 'there is no month 13' });
    assert.deepEqual(readDateValue('2026-02-30'), { problem: 'February 2026 has 28 days' });
    assert.deepEqual(readDateValue('2025-02-29'), { problem: 'February 2025 has 28 days' });
    assert.deepEqual(readDateValue('2026-04-31T00:00:00Z'), { problem: 'April 2026 has 30 days' });
    assert.deepEqual(readDateValue('2026-01-00'), { problem: 'January 2026 has 31 days' });
    assert.deepEqual(readDateValue('2026-00-10'), { problem: 'there is no month 00' });
    assert.deepEqual(readDateValue('2026-01-01T24:00:00Z'), { problem: 'there is no time 24:00:00' });
    assert.deepEqual(readDateValue('2026-01-01T12:60Z'), { problem: 'there is no time 12:60' });
    assert.deepEqual(readDateValue('2026-01-01T00:00:00+24:00'), { problem: 'there is no time zone offset +24:00' });
  });

  test('other forms are no dates', () => {
    for (const t of ['tomorrow', '31/12/2026', '2026-1-5', '2026-01-01 00:00:00', '2026-01-01T00Z', '20260101', 'T12:00Z', ''])
      assert.deepEqual(readDateValue(t), t === '20260101' ? { millis: 20260101000 } : { problem: 'use ISO 8601 ("2026-01-31T23:59:59Z") or epoch seconds' }, t);
  });
});

describe('Bool values', () => {
  test('true and false in any case, nothing else', () => {
    assert.equal(parseBoolValue('true'), true);
    assert.equal(parseBoolValue('FALSE'), false);
    for (const t of ['yes', '1', '', 'truee']) assert.equal(parseBoolValue(t), undefined, t);
  });
});

describe('IP addresses and CIDR ranges (IPv4 and IPv6)', () => {
  test('addresses: IPv4, IPv6 with :: and an embedded IPv4', () => {
    assert.deepEqual(parseIpAddress('203.0.113.7'), [203, 0, 113, 7]);
    assert.deepEqual(parseIpAddress('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]);
    assert.deepEqual(parseIpAddress('2001:db8::1'), [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    for (const t of ['1:2:3:4:5:6:7:8:9', '256.1.1.1', '1.2.3', '2001:db8:::1', '2001:db8::g', '1::2::3', ':::', '10.0.0.0.1'])
      assert.equal(parseIpAddress(t), undefined, t);
  });

  test('ranges: the prefix within the address size; an address alone is its one-address range', () => {
    assert.deepEqual(parseIpRange('10.0.0.0/8'), { bytes: [10, 0, 0, 0], prefix: 8 });
    assert.deepEqual(parseIpRange('203.0.113.7'), { bytes: [203, 0, 113, 7], prefix: 32 });
    assert.equal(parseIpRange('2001:db8::/32')?.prefix, 32);
    assert.equal(parseIpRange('::/0')?.prefix, 0);
    for (const t of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/x', '10.0.0.0/8/8']) assert.equal(parseIpRange(t), undefined, t);
  });

  test('the IPv4 ranges of aws:SourceIp are the same reading, IPv6 left out', () => {
    assert.deepEqual(parseIpv4Range('10.0.0.1/8'), { address: (10 << 24) + 1, prefix: 8 });
    assert.equal(parseIpv4Range('2001:db8::/32'), undefined);
    assert.equal(parseIpv4Range('10.0.0.0/33'), undefined);
  });
});

/** One value for an operator and key: what the checker says of it, and whether the evaluator can use it. */
interface Row {
  readonly operator: 'NumericEquals' | 'DateEquals' | 'IpAddress' | 'Bool';
  readonly value: string;
  /** The checker's condition-type-mismatch message on the value, or undefined when it is valid. */
  readonly problem?: string;
}

const KEY: Record<Row['operator'], { key: string; action: string; resource: string }> = {
  NumericEquals: { key: 's3:max-keys', action: 's3:ListBucket', resource: 'arn:aws:s3:::b' },
  DateEquals: { key: 'aws:CurrentTime', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
  IpAddress: { key: 'aws:SourceIp', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
  Bool: { key: 'aws:SecureTransport', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
};

const NOT_A_NUMBER = (t: string) => `"${t}" is not a number: Numeric operators compare integers and decimals ("10", "2.5").`;
const NOT_A_DATE = (t: string) => `"${t}" is not a date: use ISO 8601 ("2026-01-31T23:59:59Z") or epoch seconds.`;
const NOT_AN_IP = (t: string) => `"${t}" is not an IP address or CIDR range (e.g. "203.0.113.0/24").`;

const TABLE: readonly Row[] = [
  { operator: 'NumericEquals', value: '100' },
  { operator: 'NumericEquals', value: '-2.5' },
  { operator: 'NumericEquals', value: '1e3', problem: NOT_A_NUMBER('1e3') },
  { operator: 'NumericEquals', value: '+5', problem: NOT_A_NUMBER('+5') },
  { operator: 'NumericEquals', value: '.5', problem: NOT_A_NUMBER('.5') },
  { operator: 'NumericEquals', value: 'ten', problem: NOT_A_NUMBER('ten') },
  { operator: 'DateEquals', value: '2026-01-31T23:59:59Z' },
  { operator: 'DateEquals', value: '2026-01-31' },
  { operator: 'DateEquals', value: '2026-01' },
  { operator: 'DateEquals', value: '2026-01-31T23:59:59' },
  { operator: 'DateEquals', value: '2026-01-31T23:59:59.123+0200' },
  { operator: 'DateEquals', value: '1767225600' },
  { operator: 'DateEquals', value: '2024-02-29' },
  { operator: 'DateEquals', value: '2026-13-45', problem: '"2026-13-45" is not a date: there is no month 13.' },
  { operator: 'DateEquals', value: '2026-02-30', problem: '"2026-02-30" is not a date: February 2026 has 28 days.' },
  { operator: 'DateEquals', value: '2026-01-01T25:00:00Z', problem: '"2026-01-01T25:00:00Z" is not a date: there is no time 25:00:00.' },
  { operator: 'DateEquals', value: '31/12/2026', problem: NOT_A_DATE('31/12/2026') },
  { operator: 'DateEquals', value: '1767225600.5', problem: NOT_A_DATE('1767225600.5') },
  { operator: 'IpAddress', value: '203.0.113.0/24' },
  { operator: 'IpAddress', value: '203.0.113.7' },
  { operator: 'IpAddress', value: '2001:db8::/32' },
  { operator: 'IpAddress', value: '::ffff:203.0.113.7' },
  { operator: 'IpAddress', value: '203.0.113.0/33', problem: NOT_AN_IP('203.0.113.0/33') },
  { operator: 'IpAddress', value: '2001:db8:::1', problem: NOT_AN_IP('2001:db8:::1') },
  { operator: 'IpAddress', value: '1:2:3:4:5:6:7:8:9', problem: NOT_AN_IP('1:2:3:4:5:6:7:8:9') },
  { operator: 'IpAddress', value: '203.0.113', problem: NOT_AN_IP('203.0.113') },
  { operator: 'Bool', value: 'True' },
  { operator: 'Bool', value: 'yes', problem: '"yes" is not a Bool value: use "true" or "false".' },
];

const statementOf = (row: Row) => {
  const k = KEY[row.operator];
  return { Sid: 'S', Effect: 'Allow', Action: k.action, Resource: k.resource, Condition: { [row.operator]: { [k.key]: row.value } } };
};

describe('the checker and the evaluator agree on every value', () => {
  for (const row of TABLE) {
    test(`${row.operator} "${row.value}": ${row.problem ? 'no value' : 'a value'} to both`, () => {
      const text = policy([statementOf(row)]);
      const checker = analyze(text)
        .findings.filter((f) => f.ruleId === 'condition-type-mismatch')
        .map((f) => [text.slice(f.range.start, f.range.end), f.message]);
      assert.deepEqual(checker, row.problem ? [[JSON.stringify(row.value), row.problem]] : []);

      const k = KEY[row.operator];
      const result = evaluateRequest({
        policies: [{ name: 'p.json', document: parsePolicy(text) }],
        identity: { kind: 'authenticated', identityId: ME, poolId: POOL },
        // The request carries the policy's own value: an address for IpAddress (the range's first address as written).
        request: { action: k.action, resource: k.resource, context: { [k.key]: row.operator === 'IpAddress' ? row.value.split('/')[0] : row.value } },
      });
      const unusable = result.reasons.some((r) => r.includes(`the policy value ${JSON.stringify(row.value)} matches nothing`));
      assert.equal(unusable, row.problem !== undefined, result.reasons.join('\n'));
      assert.equal(result.decision, row.problem ? 'implicit-deny' : 'allowed', result.reasons.join('\n'));
    });
  }
});

describe('the evaluator says why a date matches nothing', () => {
  test('a date off the calendar: the reason names the month', () => {
    const text = policy([statementOf({ operator: 'DateEquals', value: '2026-02-30' })]);
    const result = evaluateRequest({
      policies: [{ name: 'p.json', document: parsePolicy(text) }],
      identity: { kind: 'authenticated', identityId: ME, poolId: POOL },
      request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:CurrentTime': '2026-03-02T00:00:00Z' } },
    });
    assert.ok(
      result.reasons.some((r) => r.endsWith('the policy value "2026-02-30" matches nothing: it is not a date: February 2026 has 28 days.')),
      result.reasons.join('\n'),
    );
  });
});
