/**
 * Documents that used to freeze the server (issue 15), all under the 1 MB document limit: the work per
 * document is bounded (wildcard expansion, findings listed, hover text, the flow's notes) and the limit is
 * reported where it is reached. Tests never assert on time: `npm run bench` and these exact results do.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeDocument, buildFlowModel, complete, flowInputsFrom, flowToMermaid, hover, parsePolicy } from '../../server/src/core';
import { quote } from '../../server/src/core/text/quote';
import { MAX_EXPANDED_NAMES } from '../../server/src/core/catalog/expansion';
import { MAX_FINDINGS_PER_DOCUMENT } from '../../server/src/core/analyze/runSource';
import { MAX_HOVER_CHARS } from '../../server/src/core/features/hover';
import { scanVariables } from '../../server/src/core/text/variables';
import { catalog } from './helpers';

const policyOf = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

/** 4,096 distinct patterns with a wildcard service, each of which needs every catalog action matched. */
function wildcardActions(suffix = ''): string[] {
  const out: string[] = [];
  for (let i = 0; i < 4_096; i++) {
    let p = '*:';
    for (let b = 0; b < 12; b++) p += (i >> b) & 1 ? '?*' : '*?';
    out.push(p + suffix);
  }
  return out;
}

describe('bounded work per document', () => {
  test('wildcard actions are matched within the budget, then one analysis-limit finding says the rest are not checked', () => {
    const actions = wildcardActions('zzq');
    const text = policyOf([{ Effect: 'Allow', Action: actions, Resource: '*' }]);
    const { findings } = analyzeDocument({ text, id: 'file:///wild.json' }, catalog);
    // The budget allows floor(250,000 / 22,091) = 11 such patterns: each is reported as matching nothing, the 12th is refused.
    const perPattern = catalog.actionCount();
    assert.equal(perPattern, catalog.matchActions('*').length);
    const allowed = Math.floor(MAX_EXPANDED_NAMES / perPattern);
    const nothing = findings.filter((f) => f.ruleId === 'action-wildcard-matches-nothing');
    assert.equal(nothing.length, allowed);
    // The 4,096 patterns' service-name-wildcard findings also reach the findings cap: its own analysis-limit finding comes last.
    const limit = findings.filter((f) => f.ruleId === 'analysis-limit' && f.message.startsWith('The wildcard actions'));
    assert.equal(limit.length, 1);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'analysis-limit').map((f) => f.message.split(':')[0]),
      ['The wildcard actions from here on are not checked', '3,109 more findings in this document are not listed'],
    );
    assert.equal(text.slice(limit[0].range.start, limit[0].range.end), JSON.stringify(actions[allowed]));
    assert.equal(
      limit[0].message,
      'The wildcard actions from here on are not checked: the analysis matches at most 250,000 catalog action names per document against wildcards.',
    );
  });

  test('a policy with usual wildcards (one service each) stays within the budget', () => {
    const actions = ['s3:Get*', 's3:List*', 'dynamodb:Query*', 'ec2:Describe*', 'cognito-identity:*', 'iam:Get*'];
    const { findings } = analyzeDocument({ text: policyOf([{ Effect: 'Allow', Action: actions, Resource: '*' }]), id: 'file:///usual.json' }, catalog);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'analysis-limit'),
      [],
    );
  });

  test('completion in a statement of thousands of wildcard actions answers (the expansion is bounded per request)', () => {
    const text = policyOf([{ Effect: 'Allow', Action: wildcardActions('q'), Resource: '*', Condition: { StringEquals: { '': 'x' } } }]);
    const items = complete(parsePolicy(text), text.indexOf('"": "x"') + 1, catalog);
    assert.ok(items.length > 0);
  });

  test('100,000 empty statements: 1,000 findings listed and one analysis-limit finding counting the rest', () => {
    const text = `{"Version":"2012-10-17","Statement":[${Array(100_000).fill('{}').join(',')}]}`;
    const { findings } = analyzeDocument({ text, id: 'file:///empty.json' }, catalog);
    assert.equal(findings.length, MAX_FINDINGS_PER_DOCUMENT + 1);
    const last = findings[findings.length - 1];
    assert.equal(last.ruleId, 'analysis-limit');
    // 100,000 x 3 missing elements, and the policy's size above IAM's 6,144-character quota: 300,001, of which 1,000 listed.
    assert.equal(last.message, '299,001 more findings in this document are not listed: the analysis lists at most 1,000 per document. Fix these first.');
    assert.deepEqual(last.range, findings[MAX_FINDINGS_PER_DOCUMENT - 1].range);
  });

  test('a Resource with 495,000 "${": findings capped, and the flow model is built with its notes bounded', () => {
    const text = policyOf([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${'${'.repeat(495_000)}` }]);
    assert.ok(text.length < 1_000_000);
    const { findings } = analyzeDocument({ text, id: 'file:///dollar.json' }, catalog);
    assert.equal(findings.length, MAX_FINDINGS_PER_DOCUMENT + 1);
    assert.equal(findings.filter((f) => f.ruleId === 'variable-syntax').length, MAX_FINDINGS_PER_DOCUMENT);
    const model = buildFlowModel({ permissions: [{ document: 'file:///dollar.json', name: 'dollar.json', policy: parsePolicy(text) }] }, flowInputsFrom({})!, {
      catalog,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    // The flow answer was 5.9 MB: the 990 KB Resource was suggested as the request's resource and quoted in full.
    assert.equal(model.inputs.resource, '');
    assert.ok(JSON.stringify(model).length < 20_000, `${JSON.stringify(model).length} characters`);
    assert.ok(flowToMermaid(model).length < 20_000);
  });

  test('a hover on a 990 KB string is cut at the hover limit, saying so', () => {
    const text = policyOf([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${'x'.repeat(990_000)}` }]);
    const result = hover(parsePolicy(text), text.indexOf('xxxx') + 100, catalog);
    assert.ok(result);
    assert.equal(result.contents.length, MAX_HOVER_CHARS + '…\n\n(cut at 4,000 characters)'.length);
    assert.ok(result.contents.endsWith('…\n\n(cut at 4,000 characters)'));
  });

  test('a document nested 100,000 levels deep gets one analysis-limit finding where the nesting passes 1,000', () => {
    const text = `{"Statement": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const { findings } = analyzeDocument({ text, id: 'file:///deep.json' }, catalog);
    const limit = findings.filter((f) => f.ruleId === 'analysis-limit');
    assert.equal(limit.length, 1);
    // The outer object is the first level: the 1,000th bracket opens the 1,001st.
    assert.deepEqual(limit[0].range, { start: 14 + 999, end: 14 + 1_000 });
    assert.equal(
      limit[0].message,
      'This document nests more than 1,000 levels deep here, more than the analyser reads (IAM policies nest a few levels). It was not analysed.',
    );
  });

  test('deeply nested JSON that is no policy (no "Statement") gets nothing', () => {
    const text = `{"a": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    assert.deepEqual(analyzeDocument({ text, id: 'file:///data.json' }, catalog).findings, []);
  });
});

describe('scanVariables stays linear', () => {
  test('unterminated variables before, between and after terminated ones', () => {
    const tokens = scanVariables('${a${b}x${c}${d');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.start, t.end]),
      [
        ['error', 0, 3],
        ['variable', 3, 7],
        ['variable', 8, 12],
        ['error', 12, 15],
      ],
    );
  });

  test('495,000 "${" without a "}" are 495,000 unterminated tokens', () => {
    const tokens = scanVariables('${'.repeat(495_000));
    assert.equal(tokens.length, 495_000);
    assert.ok(tokens.every((t, i) => t.kind === 'error' && t.start === 2 * i && t.end === (i === 494_999 ? 990_000 : 2 * i + 2)));
  });
});

describe('explanations quote long texts cut', () => {
  test('up to 200 characters in full, longer ones cut with their length', () => {
    assert.equal(quote('arn:aws:s3:::b/*'), '"arn:aws:s3:::b/*"');
    assert.equal(quote('x'.repeat(990_000)), `"${'x'.repeat(200)}"… (990,000 characters)`);
  });
});
