/**
 * `cognitoPool.roles` through the language server: a workspace folder whose settings map standalone policy
 * files to identity-pool roles. The rules across documents fire in the file that is wrong, with a related
 * location in the folder's settings, and an unsaved edit counts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from './lspClient';

const examples = path.resolve(__dirname, '../../../examples');

describe('cognitoPool.roles in the language server', () => {
  let client: LspTestClient;
  let folder: string;
  const uriOf = (relative: string) => pathToFileURL(path.join(folder, relative)).href;
  const read = (relative: string) => fs.readFileSync(path.join(folder, relative), 'utf8');
  /**
   * The diagnostics of this version: an edit to one role file re-validates the role's other files too, so a
   * report for an older version of this document may still be on its way.
   */
  const changed = async (uri: string, version: number, text: string) => {
    let published = await client.change(uri, version, text);
    while (published.version !== version) {
      // Two reports in one chunk of output: the newer may already be in.
      published = client.published.find((p) => p.uri === uri && p.version === version) ?? (await client.nextDiagnostics(uri));
    }
    return published;
  };

  before(async () => {
    // A copy of the example role set (examples/roles and examples/.vscode/settings.json) as the workspace.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-roles-'));
    fs.cpSync(path.join(examples, 'roles'), path.join(folder, 'roles'), { recursive: true });
    fs.cpSync(path.join(examples, '.vscode'), path.join(folder, '.vscode'), { recursive: true });
    const settings = fs.readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8');
    // settings.json is JSONC: drop its comment lines for the client's answer to workspace/configuration.
    const roles = JSON.parse(
      settings
        .split('\n')
        .filter((l) => !l.trim().startsWith('//'))
        .join('\n'),
    )['cognitoPool.roles'];
    client = new LspTestClient();
    client.configuration = { roles };
    await client.initialize({ workspace: { configuration: true } }, [{ uri: pathToFileURL(folder).href, name: 'roles' }]);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('the example roles are clean', async () => {
    for (const file of ['roles/guest-trust.json', 'roles/signed-in-trust.json', 'roles/guest/read-aloud.json', 'roles/signed-in/own-photos.json']) {
      assert.deepEqual((await client.open(uriOf(file), read(file))).diagnostics, [], file);
    }
  });

  test("the guest role's trust policy admitting signed-in users: role-kind-mismatch, related to attachedAs in settings.json", async () => {
    const uri = uriOf('roles/guest-trust.json');
    const wrong = read('roles/guest-trust.json').replace('"unauthenticated"', '"authenticated"');
    assert.notEqual(wrong, read('roles/guest-trust.json'));
    const published = await changed(uri, 2, wrong);
    const mismatch = published.diagnostics.filter((d) => d.code === 'role-kind-mismatch');
    assert.equal(mismatch.length, 1, JSON.stringify(published.diagnostics.map((d) => d.code)));
    const related = mismatch[0].relatedInformation as { location: { uri: string; range: { start: { line: number } } } }[];
    assert.equal(related[0].location.uri, uriOf('.vscode/settings.json'));
    const settingsLines = read('.vscode/settings.json').split('\n');
    assert.match(settingsLines[related[0].location.range.start.line], /"attachedAs": "unauthenticated"/);
  });

  test('a guest permission policy that writes gets the guest rules', async () => {
    const uri = uriOf('roles/guest/read-aloud.json');
    const text = read('roles/guest/read-aloud.json');
    const writing = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' }] },
      null,
      2,
    );
    assert.notEqual(writing, text);
    const published = await changed(uri, 2, writing);
    assert.ok(
      published.diagnostics.some((d) => d.code === 'guest-broad-access'),
      JSON.stringify(published.diagnostics.map((d) => d.code)),
    );
  });
});
