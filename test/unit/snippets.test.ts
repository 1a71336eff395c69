/**
 * The policy snippets (snippets/policies.code-snippets): each body, expanded the way VS Code inserts it with
 * its defaults, is valid JSON, is the kind of policy it claims to be, and the analyser finds nothing wrong in
 * it. The expander understands exactly the snippet syntax the file uses and rejects anything else, so a
 * snippet with an unescaped `$` (a policy variable VS Code would eat) fails here instead of passing silently.
 * https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { AnalyzeOptions } from '../../server/src/core';
import { analyze } from './helpers';
import { expandSnippet, SnippetSyntaxError } from './snippet';

const root = path.resolve(__dirname, '../../..');
const SNIPPETS_PATH = './snippets/policies.code-snippets';

interface Snippet {
  readonly prefix: string | string[];
  readonly description: string;
  readonly body: string | string[];
}

const snippets: Record<string, Snippet> = JSON.parse(fs.readFileSync(path.join(root, SNIPPETS_PATH), 'utf8'));

describe('the snippet expander', () => {
  test('replaces placeholders and their mirrors by the default, choices by the first option, bare tabstops by nothing', () => {
    assert.equal(expandSnippet('arn:aws:s3:::$1/x and ${1:bucket} ${2|Allow,Deny|} $2 $3${0}'), 'arn:aws:s3:::bucket/x and bucket Allow Allow ');
  });

  test('turns \\$, \\} and \\\\ into literal characters, also inside a placeholder default', () => {
    assert.equal(expandSnippet('\\${a:b} ${1:x/\\${c\\}/y} \\\\'), '${a:b} x/${c}/y \\');
  });

  test('keeps a "}" outside any placeholder as text and joins body lines with newlines', () => {
    assert.equal(expandSnippet(['{', '\t"a": 1', '}']), '{\n\t"a": 1\n}');
  });

  test('nested placeholders expand to their defaults', () => {
    assert.equal(expandSnippet('${1:a ${2:b} c}|$2'), 'a b c|b');
  });

  for (const [name, body, problem] of [
    ['an unescaped policy variable', '"${cognito-identity.amazonaws.com:sub}"', /expected a tabstop number/],
    ['a snippet variable', '$TM_FILENAME', /starts no tabstop/],
    ['a snippet variable in braces', '${TM_FILENAME}', /expected a tabstop number/],
    ['a transform', '${1/(.*)/x/}', /unsupported \$\{\.\.\.\} form/],
    ['a lone "$"', 'a $ b', /starts no tabstop/],
    ['an unknown escape', 'a \\n b', /unsupported escape/],
    ['an unterminated placeholder', '${1:abc', /unterminated placeholder/],
    ['an unterminated choice', '${1|a,b', /unterminated choice/],
    ['two different defaults for one tabstop', '${1:a} ${1:b}', /two different defaults/],
  ] as const) {
    test(`rejects ${name}`, () => {
      assert.throws(
        () => expandSnippet(body),
        (e: unknown) => e instanceof SnippetSyntaxError && problem.test(e.message),
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The snippets themselves

/** Snippet name -> the policy kind its expansion must classify as. */
const EXPECTED_KIND: Record<string, 'identity' | 'trust'> = {
  'Identity-pool role: permission policy': 'identity',
  'Identity-pool role: trust policy of the authenticated role': 'trust',
  'Identity-pool role: trust policy of the guest (unauthenticated) role': 'trust',
  'Identity-pool role: S3 folder per identity': 'identity',
  'Identity-pool role: DynamoDB items per identity': 'identity',
  'Identity-pool role: access by principal tag (ABAC)': 'identity',
  'Identity-pool role: policy statement': 'identity',
};
/** Snippets that are one statement, not a whole policy: wrapped into a policy for the checks. */
const STATEMENT_SNIPPETS = new Set(['Identity-pool role: policy statement']);

function policyTextOf(name: string): string {
  const expansion = expandSnippet(snippets[name].body);
  if (!STATEMENT_SNIPPETS.has(name)) return expansion;
  return `{\n"Version": "2012-10-17",\n"Statement": [\n${expansion}\n]\n}`;
}

function errorsAndWarnings(text: string, options?: AnalyzeOptions): string[] {
  return analyze(text, options)
    .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.severity} ${f.ruleId} at ${JSON.stringify(text.slice(f.range.start, f.range.end))}: ${f.message}`);
}

test('the snippet file has exactly the expected snippets, each with cognito- prefixes, a description and a body', () => {
  assert.deepEqual(Object.keys(snippets).sort(), Object.keys(EXPECTED_KIND).sort());
  const seen = new Set<string>();
  for (const [name, snippet] of Object.entries(snippets)) {
    const prefixes = typeof snippet.prefix === 'string' ? [snippet.prefix] : snippet.prefix;
    assert.ok(prefixes.length > 0, `${name}: no prefix`);
    for (const prefix of prefixes) {
      assert.match(prefix, /^cognito-[a-z0-9-]+$/, `${name}: prefix ${prefix}`);
      assert.ok(!seen.has(prefix), `prefix ${prefix} is used twice`);
      seen.add(prefix);
    }
    assert.ok(snippet.description.length >= 40, `${name}: the description should say what the snippet is for`);
    assert.ok(Array.isArray(snippet.body) && snippet.body.every((line) => typeof line === 'string'), `${name}: body must be an array of lines`);
  }
});

for (const [name, kind] of Object.entries(EXPECTED_KIND)) {
  describe(`snippet "${name}"`, () => {
    test('expands to valid JSON', () => {
      const expansion = expandSnippet(snippets[name].body);
      assert.doesNotThrow(() => JSON.parse(expansion), expansion);
    });

    test(`classifies as ${kind === 'identity' ? 'an identity' : 'a trust'} policy`, () => {
      assert.equal(analyze(policyTextOf(name)).kind, kind);
    });

    test('the analyser reports no errors or warnings', () => {
      const text = policyTextOf(name);
      assert.deepEqual(errorsAndWarnings(text), [], text);
    });

    if (kind === 'identity') {
      test('no errors or warnings either as the permission policy of an authenticated identity-pool role', () => {
        const text = policyTextOf(name);
        assert.deepEqual(errorsAndWarnings(text, { identityPool: { role: 'authenticated' } }), [], text);
      });
    }
  });
}

test('the policy variables survive expansion: the per-identity snippets hold ${cognito-identity.amazonaws.com:sub} and the ABAC one ${aws:PrincipalTag/department}', () => {
  const count = (text: string, needle: string) => text.split(needle).length - 1;
  const sub = '${cognito-identity.amazonaws.com:sub}';
  assert.equal(count(policyTextOf('Identity-pool role: S3 folder per identity'), sub), 2);
  assert.equal(count(policyTextOf('Identity-pool role: DynamoDB items per identity'), sub), 1);
  assert.equal(count(policyTextOf('Identity-pool role: permission policy'), sub), 1);
  assert.equal(count(policyTextOf('Identity-pool role: policy statement'), sub), 1);
  const abac = policyTextOf('Identity-pool role: access by principal tag (ABAC)');
  assert.ok(abac.includes('"s3:ExistingObjectTag/department": "${aws:PrincipalTag/department}"'), abac);
});

test('the trust snippets differ only in the amr value: authenticated for the signed-in role, unauthenticated for the guest role', () => {
  const authenticated = policyTextOf('Identity-pool role: trust policy of the authenticated role');
  const guest = policyTextOf('Identity-pool role: trust policy of the guest (unauthenticated) role');
  assert.equal(
    guest,
    authenticated.replace('"cognito-identity.amazonaws.com:amr": "authenticated"', '"cognito-identity.amazonaws.com:amr": "unauthenticated"'),
  );
  assert.notEqual(guest, authenticated);
});

test('package.json contributes the snippets to json and jsonc', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.contributes.snippets, [
    { language: 'json', path: SNIPPETS_PATH },
    { language: 'jsonc', path: SNIPPETS_PATH },
  ]);
});
