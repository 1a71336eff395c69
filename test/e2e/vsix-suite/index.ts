// Extension-host entry of the .vsix check (test/e2e/vsixInstall.ts): same runner as the main suite.
import { runMochaSuite } from '../suite/index';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
