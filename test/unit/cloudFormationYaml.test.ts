/**
 * The one scan that finds what CloudFormation reads and strict YAML 1.2 rejects (cloudFormationYaml.ts): it
 * follows the `yaml` package's lexer everywhere else (block scalars, comments, plain scalars with quotes and
 * brackets in them), finds nothing in YAML that strict YAML reads, and the template it leads to is the one PyYAML
 * reads.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document, parseDocument, visit } from 'yaml';
import { analyzeTemplate } from '../../server/src/core';
import { scanAsCloudFormation } from '../../server/src/core/sources/cloudformation/cloudFormationYaml';
import { parseYamlTree } from '../../server/src/core/sources/cloudformation/yamlTree';
import type { SourceNode } from '../../server/src/core/model/policy';
import { managedPolicyTexts } from './corpus';
import { catalog } from './helpers';

/** The plain value of a tree (objects, arrays, scalars). */
function valueOf(node: SourceNode | undefined): unknown {
  if (!node) return null;
  if (node.type === 'object') return Object.fromEntries(node.children!.map((p) => [p.children![0].value, valueOf(p.children![1])]));
  if (node.type === 'array') return node.children!.map(valueOf);
  return node.value;
}

const covered = (text: string, range: { start: number; end: number }) => text.slice(range.start, range.end);

/**
 * A block scalar, a comment and a plain scalar with quotes and brackets in them (none starts a string or a list),
 * then an under-indented flow sequence, quoted string and flow mapping. PyYAML 6.0.3 (yaml.load, a SafeLoader
 * subclass with add_multi_constructor('!', ...)) reads this text as {"Resources": {"Instance": {"Properties":
 * {"UserData": "echo \"it's [not a list\n", "Note": "it's plain, [not a list", "Tags": ["a", "b"], "Description":
 * {"!Sub": "first second"}, "Other": "'folded", "Last": {"k": "v w", "z": [1, 2]}}}}}.
 */
const MIXED = [
  'Resources:',
  '  Instance:',
  '    Properties:',
  '      UserData: |',
  '        echo "it\'s [not a list',
  '      # a comment with "a quote',
  "      Note: it's plain, [not a list",
  '      Tags: &tags [ a,',
  'b ]',
  '      Description: !Sub "first',
  '  second"',
  '      Other: >-',
  "        'folded",
  '      Last: { k: "v',
  '       w",',
  ' z: [1,',
  '2] }',
].join('\n');

test('the scan finds each under-indented flow collection and quoted string, with its brackets or quotes and the line strict YAML rejects', () => {
  const at = (needle: string) => MIXED.indexOf(needle);
  assert.deepEqual(scanAsCloudFormation(MIXED), [
    { kind: 'flow', open: at('[ a,'), close: at('b ]') + 2, line: at('b ]'), comments: [] },
    { kind: 'quoted', open: at('"first'), close: at('second"') + 6, line: at('second"'), comments: [] },
    // `"v\n       w"` is indented deeper than `Last` (column 8 > 7): not a rejected line; ` z: [1,` is.
    { kind: 'flow', open: at('{ k:'), close: MIXED.length - 1, line: at('z: [1,'), comments: [] },
  ]);
});

test('the template is the one PyYAML reads, with a warning on each rejected line', () => {
  const tree = parseYamlTree(MIXED);
  assert.deepEqual(tree.errors, []);
  assert.deepEqual(valueOf(tree.root), {
    Resources: {
      Instance: {
        Properties: {
          UserData: 'echo "it\'s [not a list\n',
          Note: "it's plain, [not a list",
          Tags: ['a', 'b'],
          Description: { 'Fn::Sub': 'first second' },
          Other: "'folded",
          Last: { k: 'v w', z: [1, 2] },
        },
      },
    },
  });
  assert.deepEqual(
    tree.lenient.map((p) => covered(MIXED, p.range)),
    ['b ]', 'second"', 'z: [1,'],
  );
});

test("the issue's flow sequence, with \\n and with \\r\\n line breaks: one yaml-syntax warning on its second line, nothing else", () => {
  // PyYAML 6.0.3: {'Resources': {'R': {'Type': 'AWS::IAM::Role', 'Properties': {'ManagedPolicyArns':
  // ['arn:aws:iam::aws:policy/A', 'arn:aws:iam::aws:policy/B']}}}}
  const lf =
    'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      ManagedPolicyArns: [ "arn:aws:iam::aws:policy/A",\n"arn:aws:iam::aws:policy/B" ]\n';
  for (const text of [lf, lf.replace(/\n/g, '\r\n')]) {
    const result = analyzeTemplate(text, catalog, { format: 'yaml' })!;
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.severity, covered(text, f.range)]),
      [['yaml-syntax', 'warning', '"arn:aws:iam::aws:policy/B" ]']],
    );
    const arns = valueOf(parseYamlTree(text).root) as { Resources: { R: { Properties: { ManagedPolicyArns: string[] } } } };
    assert.deepEqual(arns.Resources.R.Properties.ManagedPolicyArns, ['arn:aws:iam::aws:policy/A', 'arn:aws:iam::aws:policy/B']);
  }
});

test('silent on YAML that strict YAML reads: the managed policies in block, flow, quoted, folded and literal styles, wrapped at 20-40 columns', () => {
  const styles = [
    {},
    { collectionStyle: 'flow', lineWidth: 40 },
    { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 30, minContentWidth: 10 },
    { defaultStringType: 'QUOTE_SINGLE', lineWidth: 30, minContentWidth: 10 },
    { defaultStringType: 'BLOCK_LITERAL', lineWidth: 30 },
    { defaultStringType: 'BLOCK_FOLDED', lineWidth: 20, indentSeq: false },
  ] as const;
  let checked = 0;
  const found: string[] = [];
  for (const [i, policy] of managedPolicyTexts().entries()) {
    if (i % 10 !== 0) continue;
    for (const [s, style] of styles.entries()) {
      const doc = new Document({ Resources: { P: { Properties: { PolicyDocument: JSON.parse(policy.text) as unknown } } } });
      // Lists nested in block mappings as flow sequences (their lines must be indented deeper than the key).
      if (s >= 2) visit(doc, { Seq: (_, seq) => void (seq.flow = true) });
      const text = doc.toString(style);
      assert.deepEqual(parseDocument(text).errors, [], `policy ${i}, style ${s}`);
      const scan = scanAsCloudFormation(text);
      if (!scan || scan.length > 0) found.push(`policy ${i}, style ${s}: ${JSON.stringify(scan)}`);
      checked++;
    }
  }
  assert.ok(checked >= 950, `only ${checked} texts`);
  assert.deepEqual(found, []);
});

test('outside brackets a plain scalar ends at a line indented no deeper than its key, for PyYAML too: still an error', () => {
  // PyYAML 6.0.3 on `Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      A: plain\nmore\n`:
  // ScannerError "while scanning a simple key ... could not find expected ':'" (line 6, column 1).
  const text = 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      A: plain\nmore\n';
  assert.deepEqual(scanAsCloudFormation(text), []);
  const result = analyzeTemplate(text, catalog, { format: 'yaml' })!;
  assert.deepEqual(
    result.findings.map((f) => [f.ruleId, f.severity]),
    [['yaml-syntax', 'error']],
  );
  assert.match(result.findings[0].message, /^YAML syntax error: Implicit map keys need to be followed by map values/);
});
