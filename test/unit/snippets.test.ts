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
import { AUD_PLACEHOLDER, type AnalyzeOptions } from '../../server/src/core';
import { analyze } from './helpers';
import { expandSnippet, parseSnippet, SnippetSyntaxError, type SnippetNode } from './snippet';

const root = path.resolve(__dirname, '../../..');
const SNIPPETS_PATH = './snippets/policies.code-snippets';

interface Snippet {
  readonly prefix: string;
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
  'Permission policy of an identity-pool role': 'identity',
  'Authenticated-role trust policy': 'trust',
  'Guest-role trust policy': 'trust',
  'S3 folder per identity': 'identity',
  'DynamoDB items per identity': 'identity',
  'ABAC: S3 objects by principal tag': 'identity',
  'One statement scoped to the identity': 'identity',
};
/** Snippets that are one statement, not a whole policy: wrapped into a policy for the checks. */
const STATEMENT_SNIPPETS = new Set(['One statement scoped to the identity']);
/** The trust snippets' aud placeholder: the quick fix's, so it stays flagged (trust-aud-format) until replaced. */
const AUD_TABSTOP = `\${1:${AUD_PLACEHOLDER}}`;
const POOL_ID = 'us-east-2:1f3c2a9e-7b4d-4c1a-9e2f-5d6b7a8c9d0e';
const TRUST_SNIPPETS = Object.keys(EXPECTED_KIND).filter((name) => EXPECTED_KIND[name] === 'trust');

function wrapped(name: string, expansion: string): string {
  if (!STATEMENT_SNIPPETS.has(name)) return expansion;
  return `{\n"Version": "2012-10-17",\n"Statement": [\n${expansion}\n]\n}`;
}

/** The policy as inserted, every placeholder at its default (the trust snippets' aud placeholder unreplaced). */
function policyTextOf(name: string): string {
  return wrapped(name, expandSnippet(snippets[name].body));
}

/** The policy once the user filled what the snippet leaves to them: the trust snippets get a real pool ID. */
function filledPolicyTextOf(name: string): string {
  const body = (snippets[name].body as string[]).join('\n');
  return wrapped(name, expandSnippet(EXPECTED_KIND[name] === 'trust' ? body.replace(AUD_TABSTOP, `\${1:${POOL_ID}}`) : body));
}

function errorsAndWarnings(text: string, options?: AnalyzeOptions): string[] {
  return analyze(text, options)
    .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.severity} ${f.ruleId} at ${JSON.stringify(text.slice(f.range.start, f.range.end))}: ${f.message}`);
}

/** Tabstop numbers in the order the text shows them (each at its first occurrence; mirrors do not count again). */
function tabstopsInReadingOrder(body: readonly string[]): number[] {
  const order: number[] = [];
  const walk = (nodes: readonly SnippetNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'text') continue;
      if (!order.includes(node.index)) order.push(node.index);
      if (node.kind === 'placeholder') walk(node.children);
    }
  };
  walk(parseSnippet(body.join('\n')));
  return order;
}

test('the snippet file has exactly the expected snippets, each with one cognito- prefix, a description and a body', () => {
  assert.deepEqual(Object.keys(snippets).sort(), Object.keys(EXPECTED_KIND).sort());
  const seen = new Set<string>();
  for (const [name, snippet] of Object.entries(snippets)) {
    // One prefix: VS Code lists a snippet once per prefix, each entry with the same name and description.
    assert.equal(typeof snippet.prefix, 'string', `${name}: one prefix, one entry in the suggestion list`);
    assert.match(snippet.prefix, /^cognito-[a-z0-9-]+$/, `${name}: prefix ${snippet.prefix}`);
    assert.ok(!seen.has(snippet.prefix), `prefix ${snippet.prefix} is used twice`);
    seen.add(snippet.prefix);
    assert.ok(snippet.description.length >= 40, `${name}: the description should say what the snippet is for`);
    assert.ok(Array.isArray(snippet.body) && snippet.body.every((line) => typeof line === 'string'), `${name}: body must be an array of lines`);
  }
});

test('the entries are told apart where the suggestion list shows them: names differ in their first word, descriptions differ', () => {
  // VS Code shows the name next to the prefix, cut to the list's width, and the description in the details.
  const firstWords = Object.keys(snippets).map((name) => name.split(/[\s:]/)[0]);
  assert.equal(new Set(firstWords).size, firstWords.length, firstWords.join(', '));
  const descriptions = Object.values(snippets).map((s) => s.description);
  assert.equal(new Set(descriptions).size, descriptions.length);
});

for (const [name, kind] of Object.entries(EXPECTED_KIND)) {
  describe(`snippet "${name}"`, () => {
    test('expands to valid JSON', () => {
      const expansion = expandSnippet(snippets[name].body);
      assert.doesNotThrow(() => JSON.parse(expansion), expansion);
    });

    test('Tab visits the tabstops in reading order, 1, 2, ..., and ends with $0 after the snippet', () => {
      const body = snippets[name].body as string[];
      const order = tabstopsInReadingOrder(body);
      assert.deepEqual(order, [...order.slice(0, -1).map((_, i) => i + 1), 0]);
      assert.ok(order.length >= 2, `${name}: at least one value to fill in`);
      assert.ok(body[body.length - 1].endsWith('}$0'), `${name}: $0 after the closing brace`);
      assert.equal(body.join('\n').split('$0').length, 2, `${name}: one $0`);
    });

    test(`classifies as ${kind === 'identity' ? 'an identity' : 'a trust'} policy`, () => {
      assert.equal(analyze(policyTextOf(name)).kind, kind);
    });

    if (kind === 'trust') {
      test('as inserted, the aud placeholder is flagged by trust-aud-format and nothing else is reported', () => {
        const text = policyTextOf(name);
        assert.deepEqual(
          errorsAndWarnings(text).map((f) => f.replace(/: .*/s, '')),
          [`error trust-aud-format at ${JSON.stringify(`"${AUD_PLACEHOLDER}"`)}`],
          text,
        );
      });
    }

    test(kind === 'trust' ? 'with a real identity pool ID, the analyser reports no errors or warnings' : 'the analyser reports no errors or warnings', () => {
      const text = filledPolicyTextOf(name);
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

test('each trust snippet holds the aud placeholder once, as its first tabstop', () => {
  for (const name of TRUST_SNIPPETS) assert.equal((snippets[name].body as string[]).join('\n').split(AUD_TABSTOP).length, 2, name);
  assert.equal(TRUST_SNIPPETS.length, 2);
});

test('the policy variables survive expansion: the per-identity snippets hold ${cognito-identity.amazonaws.com:sub} and the ABAC one ${aws:PrincipalTag/department}', () => {
  const count = (text: string, needle: string) => text.split(needle).length - 1;
  const sub = '${cognito-identity.amazonaws.com:sub}';
  assert.equal(count(policyTextOf('S3 folder per identity'), sub), 2);
  assert.equal(count(policyTextOf('DynamoDB items per identity'), sub), 1);
  assert.equal(count(policyTextOf('Permission policy of an identity-pool role'), sub), 1);
  assert.equal(count(policyTextOf('One statement scoped to the identity'), sub), 1);
  const abac = policyTextOf('ABAC: S3 objects by principal tag');
  assert.ok(abac.includes('"s3:ExistingObjectTag/department": "${aws:PrincipalTag/department}"'), abac);
});

test('the trust snippets differ only in the amr value: authenticated for the signed-in role, unauthenticated for the guest role', () => {
  const authenticated = policyTextOf('Authenticated-role trust policy');
  const guest = policyTextOf('Guest-role trust policy');
  assert.equal(
    guest,
    authenticated.replace('"cognito-identity.amazonaws.com:amr": "authenticated"', '"cognito-identity.amazonaws.com:amr": "unauthenticated"'),
  );
  assert.notEqual(guest, authenticated);
});

test('package.json contributes the snippets to json, jsonc and the IAM Policy language', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.contributes.snippets, [
    { language: 'json', path: SNIPPETS_PATH },
    { language: 'jsonc', path: SNIPPETS_PATH },
    { language: 'iam-policy-json', path: SNIPPETS_PATH },
  ]);
});
