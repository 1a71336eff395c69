/**
 * The rule cases of IAM Access Analyzer's offline checks (issue 14), run by rules.test.ts with the others: each
 * fires on the smallest document that shows the mistake (the exact text of each finding) and is silent on the fix.
 */
import type { AnalyzeOptions } from '../../server/src/core';
import { policy } from './helpers';

export interface AccessAnalyzerCase {
  readonly rule: string;
  readonly name: string;
  readonly fires: string;
  readonly at: readonly string[];
  readonly silent: string;
  readonly options?: AnalyzeOptions;
}

const PREFIX_LIST = (operator: string, prefix: string) =>
  policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { [operator]: { 's3:prefix': prefix } } }]);

const TAGGED = (effect: string, action: string) =>
  policy([{ Effect: effect, Action: action, Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } }]);

export const ACCESS_ANALYZER_CASES: readonly AccessAnalyzerCase[] = [
  {
    rule: 'condition-wildcard-without-like',
    name: 'a folder wildcard under StringEquals',
    fires: PREFIX_LIST('StringEquals', '${cognito-identity.amazonaws.com:sub}/*'),
    at: ['"StringEquals"'],
    silent: PREFIX_LIST('StringLike', '${cognito-identity.amazonaws.com:sub}/*'),
  },
  {
    rule: 'tag-key-not-supported',
    name: 'a Deny on a resource tag that cognito-identity:GetId never carries',
    fires: TAGGED('Deny', 'cognito-identity:GetId'),
    at: ['"aws:ResourceTag/team"'],
    silent: TAGGED('Deny', 'cognito-identity:DescribeIdentityPool'),
  },
];
