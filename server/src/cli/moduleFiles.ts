/**
 * The JSON policy files a Terraform module's .tf files name (`file("policies/guest.json")`: namedJsonFiles), read
 * from the module's folder for the CLI's lint and its `simulate --template`: only those, not every .json under the
 * folder. A named file that is missing or unreadable lends nothing (Terraform reports it; it is not one of ours).
 */
import * as path from 'node:path';
import { namedJsonFiles, type ModuleFileInput } from '../core';
import { readRegularFile } from '../node/workspaceRoles';

export function readNamedPolicyFiles(dir: string, configurations: readonly { readonly text: string }[]): ModuleFileInput[] {
  const out: ModuleFileInput[] = [];
  // A name written in two .tf files is one file.
  for (const name of new Set(configurations.flatMap((f) => namedJsonFiles(f.text)))) {
    const id = path.join(dir, ...name.split('/'));
    try {
      out.push({ id, text: readRegularFile(id), policyFile: true });
    } catch {
      // missing or unreadable: nothing
    }
  }
  return out;
}
