/**
 * How the extension starts the Node language server (dist/server.js): its command-line flags and environment.
 * Tests and benchmarks start it the same way (test/integration/lspClient.ts). No `vscode` import, so they can.
 */

/**
 * V8's young generation at most 2 x 4 MB: V8 grows it to 2 x 16 MB when many objects survive (the catalog as it
 * loads, a workspace's documents opened at once) and keeps it, 24 MB of resident memory an idle server does not
 * need (issue 15). 4 MB semi-spaces keep keystroke and completion latency as they are; 1 or 2 MB cost 30-50%
 * more per keystroke (more scavenges copy the analysis's intermediate objects).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];

/**
 * The environment of the server process: the extension's, less what the server does not need, plus:
 * - no NODE_EXTRA_CA_CERTS: the server never opens a network connection, and loading a bundle named by it costs
 *   Node ~140 ms at every start;
 * - MALLOC_ARENA_MAX=2 (glibc; other C libraries ignore it): glibc gives each thread that allocates its own
 *   malloc arena, and V8's worker threads (concurrent compilation and collection) each kept 3-4 MB of freed
 *   memory in theirs, about 8 MB of the idle server's resident memory (issue 15). A value the user set stays.
 */
export function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.NODE_EXTRA_CA_CERTS;
  out.MALLOC_ARENA_MAX ??= '2';
  return out;
}
