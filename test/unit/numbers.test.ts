/**
 * formatCount writes counts as toLocaleString('en-US') does, without loading ICU's number formatting (issue 15:
 * the first toLocaleString of a process costs about 7.5 MB of resident memory).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { formatCount } from '../../server/src/core/text/numbers';

test('formatCount groups the digits of integers by thousands, as en-US does', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [6144, '6,144'],
    [10240, '10,240'],
    [100000, '100,000'],
    [1000000, '1,000,000'],
    [1234567, '1,234,567'],
    [-4096, '-4,096'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
  ];
  for (const [n, text] of cases) {
    assert.equal(formatCount(n), text, String(n));
    assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
  }
});

test('formatCount writes a number that is no safe integer as String does', () => {
  assert.equal(formatCount(1.5), '1.5');
  assert.equal(formatCount(Number.NaN), 'NaN');
  assert.equal(formatCount(1e21), '1e+21');
});

test('the core and the language server call no ICU-backed formatting or collation (toLocaleString, localeCompare, Intl)', () => {
  // The first call loads ICU data into the process for good: several MB of resident memory (issue 15). The CLI
  // (server/src/cli) sorts the files it lists with localeCompare, a short-lived process's order of output.
  const root = path.resolve(__dirname, '../../../server/src');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path.relative(root, file) !== 'cli') walk(file);
      } else if (file.endsWith('.ts'))
        fs.readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/\.toLocale(String|LowerCase|UpperCase|DateString|TimeString)\(|\.localeCompare\(|\bIntl\./.test(line))
              found.push(`${path.relative(root, file)}:${i + 1}`);
          });
    }
  };
  walk(root);
  assert.deepEqual(found, []);
});
