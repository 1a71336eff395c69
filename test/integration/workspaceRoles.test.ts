/**
 * The `cognitoPool.roles` setting on disk (server/src/node/workspaceRoles.ts), over a temporary workspace folder:
 * paths and globs relative to the folder (node_modules and dot-folders skipped, bounded listings), findings of
 * the rules across documents with related locations as file URIs and positions in the other file, the
 * identity-pool role of permission files, missing files and globs as problems, the open documents' unsaved
 * text, files created and changed on disk, and one model per workspace folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';
import { analyzePolicy } from '../../server/src/core';
import { loadCatalogFromFile } from '../../server/src/node/loadCatalog';
import type { Finding } from '../../server/src/core';
import { LineIndex } from '../../server/src/core/text/positions';
import { globMatcher } from '../../server/src/common/globMatch';
import { listFiles, MAX_ROLE_FILE_BYTES, readRegularFile, WorkspaceRoles, type OpenDocument } from '../../server/src/node/workspaceRoles';

const POOL = 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21';
const trust = (amr: string) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } },
        },
      ],
    },
    null,
    2,
  );
const permissions = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: 'arn:aws:s3:::photos/public/*' }] }, null, 2);

const SETTING = {
  AuthRole: { trust: 'iam/auth-trust.json', permissions: ['iam/auth/*.json'], attachedAs: 'authenticated', identityPoolId: POOL },
  GuestRole: { trust: 'iam/guest-trust.json', permissions: ['iam/guest/**/*.json'], attachedAs: 'unauthenticated', identityPoolId: POOL },
};

let root: string;
const uri = (folder: string, file: string) => pathToFileURL(path.join(folder, file)).href;
function write(folder: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
  fs.writeFileSync(path.join(folder, file), text);
}

/** A folder with an authenticated and a guest role, their settings file and a few files the globs must not match. */
function workspace(name: string, settingsText = JSON.stringify({ 'editor.tabSize': 2, 'cognitoPool.roles': SETTING }, null, 2)): string {
  const folder = path.join(root, name);
  write(folder, 'iam/auth-trust.json', trust('authenticated'));
  write(folder, 'iam/guest-trust.json', trust('unauthenticated'));
  write(folder, 'iam/auth/read.json', permissions('s3:GetObject'));
  write(folder, 'iam/guest/read.json', permissions('s3:GetObject'));
  write(folder, 'iam/guest/nested/upload.json', permissions('s3:PutObject'));
  write(folder, 'iam/guest/node_modules/dep/policy.json', permissions('s3:DeleteObject'));
  write(folder, 'iam/guest/.cache/policy.json', permissions('s3:DeleteObject'));
  write(folder, '.vscode/settings.json', settingsText);
  return folder;
}

/**
 * "rule «text» -> file L:C «text»" for findings of a document: the related location's text and 1-based position
 * from the text `roles.textOf` gives for its URI (the text the model read).
 */
function describeFindings(roles: WorkspaceRoles, text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => {
    const where = (f.related ?? []).map((r) => {
      assert.ok(r.document, 'related locations here are in other files');
      const target = roles.textOf(r.document)!;
      const start = new LineIndex(target).positionAt(r.range.start);
      return ` -> ${path.basename(new URL(r.document).pathname)} ${start.line + 1}:${start.character + 1} «${target.slice(r.range.start, r.range.end)}»`;
    });
    return `${f.ruleId} «${text.slice(f.range.start, f.range.end)}»${where.join('')}`;
  });
}

describe('WorkspaceRoles', () => {
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pool-roles-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test("globs match under their folder, skipping node_modules and dot-folders; permission files get their role's kind", async () => {
    const folder = workspace('globs');
    const roles = new WorkspaceRoles();
    assert.deepEqual(await roles.configure([{ folder: pathToFileURL(folder).href, roles: SETTING }]), []);
    assert.deepEqual(roles.identityPoolFor(uri(folder, 'iam/auth/read.json')), { role: 'authenticated' });
    assert.deepEqual(roles.identityPoolFor(uri(folder, 'iam/guest/read.json')), { role: 'guest' });
    assert.deepEqual(roles.identityPoolFor(uri(folder, 'iam/guest/nested/upload.json')), { role: 'guest' });
    for (const outside of ['iam/guest/node_modules/dep/policy.json', 'iam/guest/.cache/policy.json', 'iam/guest-trust.json']) {
      assert.equal(roles.identityPoolFor(uri(folder, outside)), undefined, outside);
    }
    assert.equal(roles.contains(uri(folder, 'iam/guest/nested/upload.json')), true);
    assert.equal(roles.contains(uri(folder, 'iam/guest-trust.json')), true);
    assert.equal(roles.contains(uri(folder, '.vscode/settings.json')), true);
    assert.equal(roles.contains(uri(folder, 'iam/guest/node_modules/dep/policy.json')), false);
    assert.equal(roles.contains('untitled:Untitled-1'), false);
    assert.deepEqual(roles.findingsFor(uri(folder, 'iam/guest-trust.json')), []);
  });

  test('a finding in the trust file points at attachedAs in .vscode/settings.json, with positions in that file', async () => {
    const folder = workspace('mismatch');
    const swapped = { ...SETTING, GuestRole: { ...SETTING.GuestRole, trust: 'iam/auth-trust.json' } };
    write(
      folder,
      '.vscode/settings.json',
      `{\n  // roles from standalone files\n  "cognitoPool.roles": ${JSON.stringify(swapped, null, 2).replace(/\n/g, '\n  ')}\n}\n`,
    );
    const roles = new WorkspaceRoles();
    assert.deepEqual(await roles.configure([{ folder, roles: swapped }]), []);
    const trustUri = uri(folder, 'iam/auth-trust.json');
    const findings = roles.findingsFor(trustUri);
    assert.deepEqual(describeFindings(roles, fs.readFileSync(path.join(folder, 'iam/auth-trust.json'), 'utf8'), findings), [
      'role-kind-mismatch «"authenticated"» -> settings.json 17:21 «"unauthenticated"»',
    ]);
    assert.equal(findings[0].related![0].document, uri(folder, '.vscode/settings.json'));
    assert.equal(roles.textOf(uri(folder, '.vscode/settings.json')), fs.readFileSync(path.join(folder, '.vscode/settings.json'), 'utf8'));
    assert.equal(roles.textOf(uri(folder, 'README.json')), undefined);
  });

  test("when the setting is not written in the folder's settings file, the related location is left out", async () => {
    const folder = workspace('elsewhere', '{}');
    const swapped = { GuestRole: { ...SETTING.GuestRole, trust: 'iam/auth-trust.json' } };
    const roles = new WorkspaceRoles();
    await roles.configure([{ folder, roles: swapped }]);
    const [finding] = roles.findingsFor(uri(folder, 'iam/auth-trust.json'));
    assert.equal(finding.ruleId, 'role-kind-mismatch');
    assert.deepEqual(finding.related, []);
  });

  test('missing files, globs that match nothing and bad values are problems, each told once', async () => {
    const folder = workspace('missing');
    const told: string[] = [];
    const roles = new WorkspaceRoles({ log: (m) => told.push(m) });
    const problems = await roles.configure([
      {
        folder,
        roles: {
          Lost: { trust: 'iam/nope.json', permissions: ['iam/none/*.json', 'iam/missing.json'] },
          Bad: { trust: 'iam/auth-trust.json', attachedAs: 'guest' },
        },
      },
    ]);
    const expected = [
      'cognitoPool.roles: "Bad": "attachedAs" must be "authenticated" or "unauthenticated", not "guest"; ignored.',
      `cognitoPool.roles: "Lost": "permissions" entry "iam/none/*.json" matches no file under ${path.join(folder, 'iam/none')}.`,
      `cognitoPool.roles: "Lost": ${path.join(folder, 'iam/nope.json')} cannot be read (not found); left out.`,
      `cognitoPool.roles: "Lost": ${path.join(folder, 'iam/missing.json')} cannot be read (not found); left out.`,
    ];
    assert.deepEqual(problems, expected);
    assert.deepEqual([...told].sort(), [...expected].sort());
    // Asking again tells nothing new.
    roles.findingsFor(uri(folder, 'iam/auth-trust.json'));
    assert.equal(told.length, expected.length);
  });

  test("the open documents' unsaved text counts, and the file's text again once closed", async () => {
    const folder = workspace('unsaved');
    const open = new Map<string, OpenDocument>();
    const roles = new WorkspaceRoles({ openDocuments: () => open.values() });
    await roles.configure([{ folder, roles: SETTING }]);
    const guestTrust = uri(folder, 'iam/guest-trust.json');
    assert.deepEqual(roles.findingsFor(guestTrust), []);
    // The guest trust policy edited to admit signed-in identities only, not saved.
    const edited = trust('authenticated');
    open.set(guestTrust, { uri: guestTrust, getText: () => edited });
    assert.deepEqual(describeFindings(roles, edited, roles.findingsFor(guestTrust)), [
      'role-kind-mismatch «"authenticated"» -> settings.json 17:21 «"unauthenticated"»',
    ]);
    // A permission file of the guest role, edited: the model reads the open text (a trust policy now: no longer a permission policy).
    const guestRead = uri(folder, 'iam/guest/read.json');
    open.set(guestRead, { uri: guestRead, getText: () => trust('unauthenticated') });
    assert.equal(roles.identityPoolFor(guestRead), undefined);
    open.clear();
    assert.deepEqual(roles.findingsFor(guestTrust), []);
    assert.deepEqual(roles.identityPoolFor(guestRead), { role: 'guest' });
  });

  test("a related location in an open document names it by the editor's URI, which may encode the path differently", async () => {
    const folder = workspace('at@sign');
    write(
      folder,
      'iam/worker-trust.json',
      JSON.stringify(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        null,
        2,
      ),
    );
    write(
      folder,
      'iam/worker.json',
      JSON.stringify(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*' }] },
        null,
        2,
      ),
    );
    const setting = { Worker: { trust: 'iam/worker-trust.json', permissions: ['iam/worker.json'] } };
    // VS Code writes "@" as %40; Node's pathToFileURL leaves it.
    const editorUri = uri(folder, 'iam/worker-trust.json').replace('at@sign', 'at%40sign');
    const open: OpenDocument[] = [];
    const roles = new WorkspaceRoles({ openDocuments: () => open });
    await roles.configure([{ folder, roles: setting }]);
    const permissionUri = uri(folder, 'iam/worker.json');
    assert.deepEqual(
      roles.findingsFor(permissionUri).map((f) => [f.ruleId, f.related?.map((r) => r.document)]),
      [['cognito-variables-without-cognito-trust', [uri(folder, 'iam/worker-trust.json')]]],
    );
    open.push({ uri: editorUri, getText: () => fs.readFileSync(path.join(folder, 'iam/worker-trust.json'), 'utf8') });
    assert.deepEqual(
      roles.findingsFor(permissionUri).map((f) => [f.ruleId, f.related?.map((r) => r.document)]),
      [['cognito-variables-without-cognito-trust', [editorUri]]],
    );
    assert.equal(roles.contains(editorUri), true);
  });

  test('files created and changed on disk are picked up after filesChanged', async () => {
    const folder = workspace('watched');
    const roles = new WorkspaceRoles();
    await roles.configure([{ folder, roles: SETTING }]);
    const created = uri(folder, 'iam/auth/write.json');
    write(folder, 'iam/auth/write.json', permissions('s3:PutObject'));
    assert.equal(roles.identityPoolFor(created), undefined, 'the listing is cached until told');
    assert.equal(await roles.filesChanged([{ uri: created, type: 1 }]), true);
    assert.deepEqual(roles.identityPoolFor(created), { role: 'authenticated' });

    const authTrust = uri(folder, 'iam/auth-trust.json');
    write(folder, 'iam/auth-trust.json', trust('unauthenticated'));
    assert.deepEqual(roles.findingsFor(authTrust), [], 'the text is cached until told');
    assert.equal(await roles.filesChanged([{ uri: authTrust, type: 2 }]), true);
    assert.deepEqual(
      roles.findingsFor(authTrust).map((f) => f.ruleId),
      ['role-kind-mismatch'],
    );
    // A file nothing reads.
    assert.equal(await roles.filesChanged([{ uri: uri(folder, 'README.json'), type: 2 }]), false);
  });

  test('each workspace folder has its own roles, paths relative to it', async () => {
    const a = workspace('multi-a');
    const b = workspace('multi-b');
    const roles = new WorkspaceRoles();
    await roles.configure([
      { folder: a, roles: SETTING },
      { folder: b, roles: { Readers: { permissions: ['iam/guest/read.json'], attachedAs: 'authenticated' } } },
    ]);
    assert.deepEqual(roles.identityPoolFor(uri(a, 'iam/guest/read.json')), { role: 'guest' });
    assert.deepEqual(roles.identityPoolFor(uri(b, 'iam/guest/read.json')), { role: 'authenticated' });
    assert.equal(roles.identityPoolFor(uri(b, 'iam/guest/nested/upload.json')), undefined);
  });

  test("the examples' role set (examples/.vscode/settings.json) reads without problems and has no findings; the guest role's file is a guest policy", async () => {
    const examples = path.resolve(__dirname, '../../../examples');
    const settings = parseTree(fs.readFileSync(path.join(examples, '.vscode/settings.json'), 'utf8'));
    const roles = new WorkspaceRoles();
    assert.deepEqual(await roles.configure([{ folder: examples, roles: getNodeValue(findNodeAtLocation(settings!, ['cognitoPool.roles'])!) }]), []);
    const files = ['roles/signed-in-trust.json', 'roles/guest-trust.json', 'roles/signed-in/own-photos.json', 'roles/guest/read-aloud.json'];
    assert.deepEqual(
      files.map((f) => [f, roles.contains(uri(examples, f)), roles.findingsFor(uri(examples, f)).length, roles.identityPoolFor(uri(examples, f))]),
      [
        ['roles/signed-in-trust.json', true, 0, undefined],
        ['roles/guest-trust.json', true, 0, undefined],
        ['roles/signed-in/own-photos.json', true, 0, { role: 'authenticated' }],
        ['roles/guest/read-aloud.json', true, 0, { role: 'guest' }],
      ],
    );
    // Clean with the role the setting gives them, too (the guest rules on the guest role's file).
    const catalog = loadCatalogFromFile(path.resolve(__dirname, '../../../dist/catalog.json'));
    for (const f of files)
      assert.deepEqual(
        analyzePolicy(fs.readFileSync(path.join(examples, f), 'utf8'), catalog, { identityPool: roles.identityPoolFor(uri(examples, f)) }).findings,
        [],
        f,
      );
    // The other examples are not part of it (their diagnostics stay as the e2e tests pin them).
    assert.equal(roles.contains(uri(examples, 'mistakes-s3-folders.json')), false);
    assert.equal(roles.contains(uri(examples, 'trust-authenticated.json')), false);
  });

  test("a glob's folder listing is bounded, and a truncated listing is a problem", async () => {
    const folder = workspace('bounded');
    assert.deepEqual(
      listFiles(path.join(folder, 'iam'), 3).files.map((f) => path.relative(folder, f).split(path.sep).join('/')),
      ['iam/auth/read.json', 'iam/auth-trust.json', 'iam/guest/nested/upload.json'],
    );
    assert.equal(listFiles(path.join(folder, 'iam'), 3).truncated, true);
    assert.deepEqual(listFiles(path.join(folder, 'iam'), 5), {
      files: ['iam/auth/read.json', 'iam/auth-trust.json', 'iam/guest/nested/upload.json', 'iam/guest/read.json', 'iam/guest-trust.json'].map((f) =>
        path.join(folder, f),
      ),
      truncated: false,
    });
    assert.deepEqual(listFiles(path.join(folder, 'no-such-folder'), 5), { files: [], truncated: false });
    const roles = new WorkspaceRoles({ listFiles: (dir, limit) => ({ files: listFiles(dir, limit).files.slice(0, 1), truncated: true }) });
    assert.deepEqual(await roles.configure([{ folder, roles: { GuestRole: SETTING.GuestRole } }]), [
      `cognitoPool.roles: "GuestRole": the files under ${path.join(folder, 'iam/guest')} were listed up to 5,000 only, so "iam/guest/**/*.json" may miss some: make the folder part of the glob more specific.`,
    ]);
  });

  test('files are read only inside the folder, as regular files of a bounded size: symbolic links out, FIFOs and devices are refused (issue 15)', async () => {
    const folder = workspace('hostile');
    const outside = path.join(root, 'outside');
    write(outside, 'secret-trust.json', trust('authenticated'));
    write(outside, 'policies/read.json', permissions('s3:GetObject'));
    fs.symlinkSync(path.join(outside, 'secret-trust.json'), path.join(folder, 'iam/linked-trust.json'));
    fs.symlinkSync(path.join(outside, 'policies'), path.join(folder, 'iam/linked'));
    fs.symlinkSync('/dev/zero', path.join(folder, 'iam/zero.json'));
    execFileSync('mkfifo', [path.join(folder, 'iam/fifo.json')]);
    fs.writeFileSync(path.join(folder, 'iam/huge.json'), Buffer.alloc(MAX_ROLE_FILE_BYTES + 1, 32));
    const roles = new WorkspaceRoles();
    const problems = await roles.configure([
      {
        folder,
        roles: {
          Linked: { trust: 'iam/linked-trust.json', permissions: ['iam/linked/*.json'] },
          Zero: { trust: 'iam/zero.json', permissions: ['iam/fifo.json', 'iam/huge.json'] },
        },
      },
    ]);
    assert.deepEqual(problems, [
      `cognitoPool.roles: "Linked": "permissions" entry "iam/linked/*.json" matches no file under ${path.join(folder, 'iam/linked')}.`,
      `cognitoPool.roles: "Linked": ${path.join(folder, 'iam/linked-trust.json')} cannot be read (a symbolic link to outside the workspace folder); left out.`,
      `cognitoPool.roles: "Zero": ${path.join(folder, 'iam/zero.json')} cannot be read (a symbolic link to outside the workspace folder); left out.`,
      `cognitoPool.roles: "Zero": ${path.join(folder, 'iam/fifo.json')} cannot be read (not a regular file: a FIFO, a socket or a device); left out.`,
      `cognitoPool.roles: "Zero": ${path.join(folder, 'iam/huge.json')} cannot be read (larger than 4,000,000 bytes); left out.`,
    ]);
    assert.throws(() => readRegularFile('/dev/zero'), /not a regular file/);
  });

  test('a glob that makes a regular expression backtrack is matched in linear time; other glob syntax with many "*" is refused', async () => {
    const folder = workspace('globs');
    write(folder, `iam/many/${'a'.repeat(40)}.json`, permissions('s3:GetObject'));
    write(folder, 'iam/many/ab.json', permissions('s3:GetObject'));
    const roles = new WorkspaceRoles();
    const hostile = `iam/many/${'*a'.repeat(12)}*b.json`;
    const braces = 'iam/many/{*a*a*,x}.json';
    const problems = await roles.configure([
      { folder, roles: { Hostile: { permissions: [hostile] }, Braces: { permissions: [braces, 'iam/many/{ab,cd}.json'] } } },
    ]);
    assert.deepEqual(problems, [
      `cognitoPool.roles: "Hostile": "permissions" entry "${hostile}" matches no file under ${path.join(folder, 'iam/many')}.`,
      `cognitoPool.roles: "Braces": "permissions" entry "${braces}" has more than 2 "*" in "{*a*a*,x}.json" together with other glob syntax ({}, [], ()): write it with fewer.`,
    ]);
    const matches = globMatcher('**/a?/*.json');
    assert.ok(typeof matches === 'function');
    assert.deepEqual(
      ['x/ab/p.json', 'ab/p.json', 'x/y/ab/p.json', 'x/abc/p.json', '.git/ab/p.json', 'ab/.p.json'].map((p) => matches(p)),
      [true, true, true, false, false, false],
    );
  });
});
