/**
 * The input formats behind one dispatch (core/sources/): how a host's description of a document (an editor's
 * language id, the CLI's file name) becomes one syntax, what each source detects, the order the registry asks
 * them in, and analyzeDocument giving the same answer to both kinds of host.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeDocument, analyzePolicy, analyzeTemplate, isSourceFileName, policyAt, syntaxOfFileName, type DocumentInput } from '../../server/src/core';
import { templateSource } from '../../server/src/core/sources/cloudformation/templateSource';
import { policyFileSource } from '../../server/src/core/sources/json/policyFile';
import { SOURCES, syntaxOf } from '../../server/src/core/sources/registry';
import type { SourceDocument, Syntax } from '../../server/src/core/sources/source';
import { templateFileSource, terraformSource } from '../../server/src/core/sources/terraform/terraformSource';
import { catalog, hclParser as hclParserForTests, policy } from './helpers';

const doc = (text: string, syntax: Syntax, maxDocumentChars = 1_000_000): SourceDocument => ({ text, id: 'doc', syntax, maxDocumentChars });

const POLICY = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]);
const JSON_TEMPLATE = JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } });
const YAML_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: Read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObjects
                Resource: '*'
`;
const K8S = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
const PACKAGE_JSON = '{"name": "x", "version": "1.0.0"}';
const TERRAFORM = `resource "aws_iam_policy" "read" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::\${var.bucket}/*" }] })
}
`;

describe('the syntax a host describes', () => {
  test('an editor: yaml is YAML; terraform HCL; json, jsonc and any other language id are JSON', () => {
    assert.deepEqual(
      ['yaml', 'terraform', 'json', 'jsonc', 'plaintext'].map((languageId) => syntaxOf({ text: '', languageId })),
      ['yaml', 'hcl', 'json', 'json', 'json'],
    );
  });

  test('an editor: a language id no syntax claims (plaintext) leaves it to the file name: .tf, .tpl', () => {
    assert.equal(syntaxOf({ text: '', languageId: 'plaintext', fileName: 'file:///w/main.tf' }), 'hcl');
    assert.equal(syntaxOf({ text: '', languageId: 'plaintext', fileName: 'file:///w/policy.json.tpl' }), 'hcl-template');
    assert.equal(syntaxOf({ text: '', languageId: 'plaintext', fileName: 'file:///w/notes.txt' }), 'json');
  });

  test('the CLI: .json JSON; .yaml and .yml YAML (any case); .template by its first character; other names JSON', () => {
    const of = (fileName: string, text = '') => syntaxOf({ text, fileName });
    assert.deepEqual(
      [of('a.json'), of('a.yaml'), of('a.YML'), of('a.template', '  {"Resources": {}}'), of('a.template', 'Resources: {}'), of('notes.txt')],
      ['json', 'yaml', 'yaml', 'json', 'yaml', 'json'],
    );
  });

  test('the language id wins over the file name; with neither, JSON', () => {
    assert.equal(syntaxOf({ text: '', languageId: 'json', fileName: 'stack.yaml' }), 'json');
    assert.equal(syntaxOf({ text: 'Resources: {}' }), 'json');
  });

  test('the file names a source reads are those of a syntax: the CLI searches directories for them', () => {
    assert.deepEqual(
      ['a.json', 'a.yaml', 'a.yml', 'a.template', 'main.tf', 'p.json.tpl', 'p.tftpl', 'a.txt', 'json', 'a.json.bak', 'a.tfvars'].map(isSourceFileName),
      [true, true, true, true, true, true, true, false, false, false, false],
    );
    assert.equal(syntaxOfFileName('notes.txt', ''), undefined);
  });
});

describe('each source detects its own documents', () => {
  test('the registry asks the JSON policy-file source first, then the CloudFormation one, then the Terraform ones', () => {
    assert.deepEqual(
      SOURCES.map((s) => s.id),
      ['json', 'cloudformation', 'terraform', 'terraform-template'],
    );
  });

  test('JSON policy files: a policy is detected; other JSON only as a fallback; YAML never', () => {
    const detected = policyFileSource.detect(doc(POLICY, 'json'));
    assert.equal(detected?.fallback, false);
    assert.equal(detected?.parsed.policy?.kind, 'identity');
    assert.equal(policyFileSource.detect(doc(PACKAGE_JSON, 'json'))?.fallback, true);
    assert.equal(policyFileSource.detect(doc('Version: "2012-10-17"\nStatement: []\n', 'yaml')), undefined);
  });

  test('JSON policy files over the size limit: detected without parsing when the head names "Statement", else not', () => {
    assert.deepEqual(policyFileSource.detect(doc(POLICY, 'json', 20)), { parsed: {} });
    assert.equal(policyFileSource.detect(doc(PACKAGE_JSON, 'json', 20)), undefined);
    const read = policyFileSource.read(doc(POLICY, 'json', 20), {});
    assert.deepEqual([read.kind, read.policies, read.findings.map((f) => f.ruleId)], ['not-a-policy', [], ['document-too-large']]);
  });

  test('templates: JSON and YAML templates are detected, policies, manifests and oversized documents are not', () => {
    assert.ok(templateSource.detect(doc(JSON_TEMPLATE, 'json')));
    assert.ok(templateSource.detect(doc(YAML_TEMPLATE, 'yaml')));
    assert.equal(templateSource.detect(doc(POLICY, 'json')), undefined);
    assert.equal(templateSource.detect(doc(K8S, 'yaml')), undefined);
    assert.equal(templateSource.detect(doc(YAML_TEMPLATE, 'yaml', 100)), undefined);
  });

  test('a template reads into its embedded policies with the roles they belong to, and its role model under the document id', () => {
    const document = doc(YAML_TEMPLATE, 'yaml');
    const read = templateSource.read(document, templateSource.detect(document)!.parsed);
    assert.deepEqual(
      read.policies.map((p) => [p.kind, p.roles, YAML_TEMPLATE.slice(p.range.start, p.range.start + 8)]),
      [
        ['trust', ['Role'], 'Version:'],
        ['identity', ['Role'], 'Version:'],
      ],
    );
    assert.deepEqual(
      read.roles.roles.map((r) => [r.id, r.document]),
      [['Role', 'doc']],
    );
    assert.deepEqual([read.findings, read.checksBlocked], [[], undefined]);
  });

  test('template syntax: a YAML error is one yaml-syntax finding that blocks the checks; JSON errors are json-syntax findings that do not', () => {
    const yaml = doc(YAML_TEMPLATE.replace("Resource: '*'", 'Resource: [a'), 'yaml');
    const yamlRead = templateSource.read(yaml, templateSource.detect(yaml)!.parsed);
    assert.deepEqual([yamlRead.findings.map((f) => f.ruleId), yamlRead.checksBlocked, yamlRead.policies.length > 0], [['yaml-syntax'], true, true]);
    const json = doc(JSON_TEMPLATE.replace('}}}', '},}}'), 'json');
    const jsonRead = templateSource.read(json, templateSource.detect(json)!.parsed);
    assert.deepEqual([jsonRead.findings.map((f) => f.ruleId), jsonRead.checksBlocked], [['json-syntax'], undefined]);
  });

  test('Terraform: HCL documents with a host parser are detected; other syntaxes, no parser or oversized documents are not', async () => {
    const hclParser = await hclParserForTests();
    const tf = (text: string, syntax: Syntax, max = 1_000_000): SourceDocument => ({ ...doc(text, syntax, max), hclParser });
    assert.ok(terraformSource.detect(tf(TERRAFORM, 'hcl')));
    assert.equal(terraformSource.detect(doc(TERRAFORM, 'hcl')), undefined);
    assert.equal(terraformSource.detect(tf(TERRAFORM, 'json')), undefined);
    assert.equal(terraformSource.detect(tf(TERRAFORM, 'hcl', 10)), undefined);
    const read = terraformSource.read(tf(TERRAFORM, 'hcl'), terraformSource.detect(tf(TERRAFORM, 'hcl'))!.parsed);
    assert.deepEqual([read.kind, read.policies.map((p) => p.document.kind), read.findings], ['template', ['identity'], []]);
    // The other sources leave HCL alone.
    assert.equal(policyFileSource.detect(tf(TERRAFORM, 'hcl')), undefined);
    assert.equal(templateSource.detect(tf(TERRAFORM, 'hcl')), undefined);
  });

  test('Terraform template files: detected when their JSON is shaped like a policy, not otherwise', async () => {
    const hclParser = await hclParserForTests();
    const tpl = (text: string): SourceDocument => ({ ...doc(text, 'hcl-template'), hclParser });
    assert.ok(templateFileSource.detect(tpl(POLICY.replace('bucket', '${bucket}'))));
    assert.equal(templateFileSource.detect(tpl('{"name": "${name}"}')), undefined);
    assert.equal(templateFileSource.detect(tpl('echo ${name}')), undefined);
    assert.equal(templateFileSource.detect({ ...tpl(POLICY), syntax: 'json' }), undefined);
  });
});

describe('analyzeDocument: one dispatch for every host', () => {
  const both = (text: string, languageId: string, fileName: string) => {
    const editor = analyzeDocument({ text, id: 'doc', languageId }, catalog);
    const cli = analyzeDocument({ text, id: 'doc', fileName }, catalog);
    assert.deepEqual(cli, editor, `${languageId} / ${fileName}`);
    return editor;
  };
  const summary = (a: ReturnType<typeof analyzeDocument>) => [a.kind, a.syntax, a.source, a.policies.length, a.findings.map((f) => f.ruleId)];

  test('a policy file: the same analysis from a language id and from a file name, the findings analyzePolicy gives', () => {
    const text = POLICY.replace('s3:GetObject', 's3:GetObjects');
    const a = both(text, 'jsonc', 'read.json');
    assert.deepEqual(summary(a), ['identity', 'json', 'json', 1, ['unknown-action']]);
    assert.deepEqual(a.findings, analyzePolicy(text, catalog).findings);
  });

  test('a YAML template (yaml / stack.yml) and a JSON one (json / stack.template): the findings analyzeTemplate gives', () => {
    const yaml = both(YAML_TEMPLATE, 'yaml', 'stack.yml');
    assert.deepEqual(summary(yaml), ['template', 'yaml', 'cloudformation', 2, ['unknown-action']]);
    assert.deepEqual(yaml.findings, analyzeTemplate(YAML_TEMPLATE, catalog, { format: 'yaml', document: 'doc' })!.findings);
    assert.deepEqual(summary(both(JSON_TEMPLATE, 'json', 'stack.template')), ['template', 'json', 'cloudformation', 0, []]);
  });

  test('YAML documents are only templates: a policy written in YAML is not a policy', () => {
    const text = 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObjects\n    Resource: "*"\n';
    assert.deepEqual(summary(both(text, 'yaml', 'policy.yaml')), ['not-a-policy', 'yaml', undefined, 0, []]);
  });

  test('JSON documents are policies first: a policy that also has template Resources is a policy', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      Resources: { B: { Type: 'AWS::S3::Bucket' } },
    });
    const a = both(text, 'json', 'both.json');
    assert.deepEqual([a.kind, a.source], ['identity', 'json']);
  });

  test('JSON that is neither: not-a-policy without findings, its tree kept for the editing features (policyAt)', () => {
    const a = both(PACKAGE_JSON, 'json', 'package.json');
    assert.deepEqual(summary(a), ['not-a-policy', 'json', 'json', 1, []]);
    assert.equal(policyAt(a, 3)?.document.kind, 'not-a-policy');
    assert.deepEqual(summary(both(K8S, 'yaml', 'service.yaml')), ['not-a-policy', 'yaml', undefined, 0, []]);
  });

  test('a file named with another ending is read as JSON, as an editor language other than yaml is', () => {
    assert.deepEqual(summary(both(POLICY, 'plaintext', 'policy.txt')), ['identity', 'json', 'json', 1, []]);
  });

  test('policyAt: the embedded policy an offset is in, none between them', () => {
    const a = analyzeDocument({ text: YAML_TEMPLATE, languageId: 'yaml' }, catalog);
    assert.equal(policyAt(a, YAML_TEMPLATE.indexOf('s3:GetObjects'))?.document.kind, 'identity');
    assert.equal(policyAt(a, YAML_TEMPLATE.indexOf('sts:AssumeRole'))?.document.kind, 'trust');
    assert.equal(policyAt(a, YAML_TEMPLATE.indexOf('Policies:')), undefined);
  });

  test("the host's identity-pool role applies to a policy file; a template's own role model decides for its policies", () => {
    const text = policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/*' }]);
    const guest = analyzeDocument({ text, languageId: 'json' }, catalog, { identityPool: { role: 'guest' } });
    assert.deepEqual(
      [guest.policies[0].identityPool, guest.findings.map((f) => f.ruleId)],
      [{ role: 'guest' }, ['shared-identity-data', 'guest-broad-access', 'guest-outside-scope-down']],
    );
    assert.deepEqual(analyzeDocument({ text, languageId: 'json' }, catalog).findings, []);
    const template = analyzeDocument({ text: YAML_TEMPLATE, languageId: 'yaml' }, catalog, { identityPool: { role: 'guest' } });
    assert.deepEqual(
      template.policies.map((p) => p.identityPool),
      [undefined, undefined],
    );
  });
});

/** Keeps the DocumentInput type honest: every field but the text is optional. */
const _minimal: DocumentInput = { text: '' };
void _minimal;
