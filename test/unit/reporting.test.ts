/**
 * The one reporting path (core/rules/report.ts): the user's severity over the finding's own default over the
 * registry's, `off` dropping the finding, for the checks, a source's own findings and the rules across
 * documents alike.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePolicy, analyzeRoles, analyzeTemplate, ruleInfo } from '../../server/src/core';
import { Reporter, resolveSeverity } from '../../server/src/core/rules/report';
import { catalog, policy } from './helpers';

const R = { start: 0, end: 1 };

describe('Reporter', () => {
  test('the registry default when nothing else says; the finding default over it; the user setting over both', () => {
    assert.equal(ruleInfo('resource-mismatch')!.defaultSeverity, 'error');
    assert.equal(resolveSeverity('resource-mismatch', undefined), 'error');
    assert.equal(resolveSeverity('resource-mismatch', 'warning'), 'warning');
    assert.equal(resolveSeverity('resource-mismatch', 'warning', { 'resource-mismatch': 'hint' }), 'hint');
  });

  test("'off' drops the finding: report returns undefined and collects nothing", () => {
    const reporter = new Reporter({ 'missing-version': 'off' });
    assert.equal(reporter.report('missing-version', R, 'm'), undefined);
    assert.deepEqual(reporter.findings, []);
  });

  test('findings keep the order they were reported in, with only the keys that are set', () => {
    const reporter = new Reporter({ 'unknown-action': 'information' });
    reporter.report('unknown-action', R, 'a', { data: { replacement: 's3:GetObject' } });
    reporter.add({ ruleId: 'json-syntax', range: R, message: 'b' });
    assert.deepEqual(reporter.findings, [
      { ruleId: 'unknown-action', severity: 'information', message: 'a', range: R, data: { replacement: 's3:GetObject' } },
      { ruleId: 'json-syntax', severity: 'error', message: 'b', range: R },
    ]);
  });

  test('a rule id missing from the registry is a bug: it throws', () => {
    assert.throws(() => new Reporter().report('no-such-rule', R, 'm'), /"no-such-rule", which is not in the rule registry/);
  });
});

describe('every runner reports through it', () => {
  test('the checks of a policy: severity override and off', () => {
    const text = policy([{ Effect: 'Allow', Action: 's3:GetObjects', Resource: '*' }], {});
    const f = analyzePolicy(text, catalog, { rules: { 'unknown-action': 'error', 'missing-version': 'off' } }).findings;
    assert.deepEqual(
      f.map((x) => `${x.ruleId}/${x.severity}`),
      ['unknown-action/error'],
    );
  });

  test("the checks' own finding defaults: resource-mismatch is a warning when some actions match, unless the user says", () => {
    const text = policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::bucket/*' }]);
    const severity = (rules?: Record<string, 'error'>) =>
      analyzePolicy(text, catalog, { rules }).findings.find((x) => x.ruleId === 'resource-mismatch')?.severity;
    assert.equal(severity(), 'warning');
    assert.equal(severity({ 'resource-mismatch': 'error' }), 'error');
  });

  test("a source's own findings: a template's yaml-syntax error as configured, or off", () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nResources: [a\n";
    const f = (rules?: Record<string, 'off' | 'warning'>) =>
      analyzeTemplate(text, catalog, { format: 'yaml', rules })!.findings.map((x) => `${x.ruleId}/${x.severity}`);
    assert.deepEqual([f(), f({ 'yaml-syntax': 'warning' }), f({ 'yaml-syntax': 'off' })], [['yaml-syntax/error'], ['yaml-syntax/warning'], []]);
  });

  test('the rules across documents: severity override and off', () => {
    const text =
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      AllowUnauthenticatedIdentities: false\n      AllowClassicFlow: true\n";
    const ws = analyzeTemplate(text, catalog, { format: 'yaml' })!.model;
    const f = (rules?: Record<string, 'off' | 'hint'>) => analyzeRoles(ws, rules).map((x) => `${x.finding.ruleId}/${x.finding.severity}`);
    assert.deepEqual(
      [f(), f({ 'classic-flow-enabled': 'hint' }), f({ 'classic-flow-enabled': 'off' })],
      [['classic-flow-enabled/information'], ['classic-flow-enabled/hint'], []],
    );
  });
});
