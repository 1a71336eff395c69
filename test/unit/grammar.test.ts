/**
 * The policy-variable injection grammar (syntaxes/policy-variables.injection.tmLanguage.json), tokenized with
 * vscode-textmate and vscode-oniguruma (VS Code's own tokenizer) on top of the JSON, JSONC and YAML grammars of
 * the tm-grammars package. Asserts the exact scopes of variables, defaults and escapes inside string values,
 * and that keys, comments and text outside strings get none.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
const INJECTION_PATH = './syntaxes/policy-variables.injection.tmLanguage.json';
const INJECTION_SCOPE = 'iam-policy-variables.injection';

/** VS Code's scope names for the host languages (extensions/json and extensions/yaml) -> the tm-grammars file. */
const HOST_GRAMMARS: Record<string, string> = {
  'source.json': 'node_modules/tm-grammars/grammars/json.json',
  'source.json.comments': 'node_modules/tm-grammars/grammars/jsonc.json',
  'source.yaml': 'node_modules/tm-grammars/grammars/yaml.json',
};

/** The IAM Policy language mode's grammar (JSON's, under a root scope of its own). */
const POLICY_SCOPE = 'source.json.iam-policy';
const POLICY_GRAMMAR_PATH = './syntaxes/iam-policy-json.tmLanguage.json';
/** Every root scope the injection is contributed to, in the manifest's order. */
const INJECTED_INTO = ['source.json', 'source.json.comments', POLICY_SCOPE, 'source.yaml'];

let registry: textmate.Registry;

before(async () => {
  const wasm = fs.readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = { ...HOST_GRAMMARS, [POLICY_SCOPE]: POLICY_GRAMMAR_PATH, [INJECTION_SCOPE]: INJECTION_PATH };
  registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      if (!file) return null;
      const full = path.join(root, file);
      return textmate.parseRawGrammar(fs.readFileSync(full, 'utf8'), full);
    },
    // What VS Code does with the manifest's `injectTo`.
    getInjections: (scopeName) => (INJECTED_INTO.includes(scopeName) ? [INJECTION_SCOPE] : undefined),
  });
});

/** Each token of each line as [text, scopes without the root scope]. */
async function tokenize(scopeName: string, lines: readonly string[]): Promise<[string, string[]][][]> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `no grammar for ${scopeName}`);
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t): [string, string[]] => [line.slice(t.startIndex, t.endIndex), t.scopes.slice(1)]);
  });
}

/** The tokens that carry a scope of the injection (`*.iam`), as "text: those scopes". */
function injected(tokens: readonly [string, string[]][]): string[] {
  return tokens
    .filter(([, scopes]) => scopes.some((s) => s.endsWith('.iam')))
    .map(([text, scopes]) => `${text}: ${scopes.filter((s) => s.endsWith('.iam')).join(' ')}`);
}

/** The full scopes (root excluded) of the first token whose text is `text`. */
function scopesOf(tokens: readonly [string, string[]][], text: string): string[] {
  const token = tokens.find(([t]) => t === text);
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map(([t]) => t))}`);
  return token[1];
}

const VARIABLE = (name: string) => [
  '${: meta.template.expression.iam punctuation.definition.template-expression.begin.iam',
  `${name}: meta.template.expression.iam variable.other.iam`,
  '}: meta.template.expression.iam punctuation.definition.template-expression.end.iam',
];
const SUB = 'cognito-identity.amazonaws.com:sub';

describe('the grammar files', () => {
  test('the tm-grammars host grammars have the scope names VS Code gives json, jsonc and yaml', () => {
    for (const [scopeName, file] of Object.entries(HOST_GRAMMARS)) {
      assert.equal(JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')).scopeName, scopeName);
    }
  });

  test('package.json contributes the IAM Policy grammar, and the injection grammar into those scopes and the IAM Policy one', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.grammars, [
      { language: 'iam-policy-json', scopeName: POLICY_SCOPE, path: POLICY_GRAMMAR_PATH },
      { scopeName: INJECTION_SCOPE, path: INJECTION_PATH, injectTo: INJECTED_INTO },
    ]);
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, INJECTION_PATH), 'utf8')).scopeName, INJECTION_SCOPE);
  });
});

describe('the IAM Policy language', () => {
  test('tokenizes as JSON, with the policy variables of string values injected', async () => {
    const text = `{"Resource": "arn:aws:s3:::bucket/\${${SUB}}/*"}`;
    const [policyLine] = await tokenize(POLICY_SCOPE, [text]);
    const [jsonLine] = await tokenize('source.json', [text]);
    assert.deepEqual(policyLine, jsonLine);
    assert.deepEqual(injected(policyLine), VARIABLE(SUB));
  });
});

describe('JSON', () => {
  test('a variable in a string value: ${, the key name and } get template-expression scopes inside the string', async () => {
    const [line] = await tokenize('source.json', [`{"Resource": "arn:aws:s3:::bucket/\${${SUB}}/*"}`]);
    const inString = ['meta.structure.dictionary.json', 'meta.structure.dictionary.value.json', 'string.quoted.double.json'];
    assert.deepEqual(scopesOf(line, '${'), [...inString, 'meta.template.expression.iam', 'punctuation.definition.template-expression.begin.iam']);
    assert.deepEqual(scopesOf(line, SUB), [...inString, 'meta.template.expression.iam', 'variable.other.iam']);
    assert.deepEqual(scopesOf(line, '}'), [...inString, 'meta.template.expression.iam', 'punctuation.definition.template-expression.end.iam']);
    assert.deepEqual(scopesOf(line, 'arn:aws:s3:::bucket/'), inString);
    assert.deepEqual(scopesOf(line, '/*'), inString);
    assert.deepEqual(injected(line), VARIABLE(SUB));
  });

  test('a variable with a default: the comma, the quoted default and its quotes', async () => {
    const [line] = await tokenize('source.json', [`{"s3:prefix": "\${aws:PrincipalTag/team, 'company-wide'}/*"}`]);
    assert.deepEqual(injected(line), [
      '${: meta.template.expression.iam punctuation.definition.template-expression.begin.iam',
      'aws:PrincipalTag/team: meta.template.expression.iam variable.other.iam',
      ',: meta.template.expression.iam punctuation.separator.default-value.iam',
      ' : meta.template.expression.iam',
      "': meta.template.expression.iam string.quoted.single.default-value.iam punctuation.definition.string.begin.iam",
      'company-wide: meta.template.expression.iam string.quoted.single.default-value.iam',
      "': meta.template.expression.iam string.quoted.single.default-value.iam punctuation.definition.string.end.iam",
      '}: meta.template.expression.iam punctuation.definition.template-expression.end.iam',
    ]);
    assert.deepEqual(scopesOf(line, 'company-wide'), [
      'meta.structure.dictionary.json',
      'meta.structure.dictionary.value.json',
      'string.quoted.double.json',
      'meta.template.expression.iam',
      'string.quoted.single.default-value.iam',
    ]);
  });

  test('each escape ${*} ${?} ${$} is one constant.character.escape token', async () => {
    const [line] = await tokenize('source.json', ['["${*}a${?}b${$}"]']);
    assert.deepEqual(injected(line), ['${*}: constant.character.escape.iam', '${?}: constant.character.escape.iam', '${$}: constant.character.escape.iam']);
    assert.deepEqual(scopesOf(line, '${$}'), ['meta.structure.array.json', 'string.quoted.double.json', 'constant.character.escape.iam']);
  });

  test('a "$" without "{", an unterminated "${" and a variable with spaces are plain string text', async () => {
    const [line] = await tokenize('source.json', ['["price $5 a$b", "${aws:username", "${ aws:username }"]']);
    assert.deepEqual(injected(line), []);
    assert.deepEqual(scopesOf(line, 'price $5 a$b'), ['meta.structure.array.json', 'string.quoted.double.json']);
    assert.deepEqual(scopesOf(line, '${aws:username'), ['meta.structure.array.json', 'string.quoted.double.json']);
  });

  test('a property name is never a variable, and nothing outside strings is', async () => {
    const [line] = await tokenize('source.json', ['{"${aws:username}": 1}']);
    assert.deepEqual(injected(line), []);
    assert.deepEqual(scopesOf(line, '${aws:username}'), ['meta.structure.dictionary.json', 'string.json', 'support.type.property-name.json']);
  });
});

describe('JSONC', () => {
  test('a variable in a string value is highlighted; the same text in a line or block comment is not', async () => {
    const [comment, code] = await tokenize('source.json.comments', ['// ${aws:username}', '{"Resource": "arn:aws:s3:::b/${aws:userid}" /* ${aws:userid} */}']);
    assert.deepEqual(injected(comment), []);
    assert.deepEqual(injected(code), VARIABLE('aws:userid'));
    assert.deepEqual(scopesOf(code, 'aws:userid'), [
      'meta.structure.dictionary.json.comments',
      'meta.structure.dictionary.value.json.comments',
      'string.quoted.double.json.comments',
      'meta.template.expression.iam',
      'variable.other.iam',
    ]);
    assert.deepEqual(scopesOf(code, ' ${aws:userid} '), [
      'meta.structure.dictionary.json.comments',
      'meta.structure.dictionary.value.json.comments',
      'comment.block.json.comments',
    ]);
  });
});

describe('YAML', () => {
  test('plain, double-quoted and single-quoted scalars; keys and comments get nothing', async () => {
    const lines = await tokenize('source.yaml', [
      `Resource: arn:aws:s3:::bucket/\${${SUB}}/*`,
      'Double: "home/${aws:userid}/${*}"',
      "Single: 'home/${aws:PrincipalTag/team, ''shared''}'",
      'home/${aws:username}: value # ${aws:username}',
    ]);
    const [plain, double, single, keyAndComment] = lines;

    assert.deepEqual(injected(plain), VARIABLE(SUB));
    assert.deepEqual(scopesOf(plain, SUB), ['string.unquoted.plain.out.yaml', 'meta.template.expression.iam', 'variable.other.iam']);
    assert.deepEqual(scopesOf(plain, '/*'), ['string.unquoted.plain.out.yaml']);

    assert.deepEqual(injected(double), [...VARIABLE('aws:userid'), '${*}: constant.character.escape.iam']);
    assert.deepEqual(scopesOf(double, 'aws:userid'), ['string.quoted.double.yaml', 'meta.template.expression.iam', 'variable.other.iam']);

    // Inside a single-quoted scalar a ' is written '': the default's quotes are doubled.
    assert.deepEqual(injected(single), [
      '${: meta.template.expression.iam punctuation.definition.template-expression.begin.iam',
      'aws:PrincipalTag/team: meta.template.expression.iam variable.other.iam',
      ',: meta.template.expression.iam punctuation.separator.default-value.iam',
      ' : meta.template.expression.iam',
      "'': meta.template.expression.iam string.quoted.single.default-value.iam punctuation.definition.string.begin.iam",
      'shared: meta.template.expression.iam string.quoted.single.default-value.iam',
      "'': meta.template.expression.iam string.quoted.single.default-value.iam punctuation.definition.string.end.iam",
      '}: meta.template.expression.iam punctuation.definition.template-expression.end.iam',
    ]);
    assert.deepEqual(scopesOf(single, 'aws:PrincipalTag/team'), ['string.quoted.single.yaml', 'meta.template.expression.iam', 'variable.other.iam']);

    assert.deepEqual(injected(keyAndComment), []);
    assert.deepEqual(scopesOf(keyAndComment, ' ${aws:username}'), ['comment.line.number-sign.yaml']);
  });

  test('a block scalar line', async () => {
    const [, content] = await tokenize('source.yaml', ['Prefix: |', '  home/${aws:userid}']);
    assert.deepEqual(injected(content), VARIABLE('aws:userid'));
    assert.deepEqual(scopesOf(content, 'home/'), ['string.unquoted.block.yaml']);
  });
});
