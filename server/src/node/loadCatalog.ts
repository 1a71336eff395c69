/**
 * Node-only loader for the IAM catalog (dist/catalog.json, written by scripts/generate-catalog.mjs).
 * The core never reads files; hosts (server, CLI, tests) load the catalog here and pass it on.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createCatalog } from '../core/catalog/catalog';
import type { Catalog } from '../core/catalog/types';

/**
 * Where the catalog is expected next to the running bundle: the server bundle is dist/server.js
 * and the catalog dist/catalog.json.
 */
export function defaultCatalogPath(): string {
  return path.join(__dirname, 'catalog.json');
}

/**
 * Reads and builds the catalog. `file` defaults to {@link defaultCatalogPath}; tests pass an
 * explicit path. Throws an Error with the path and a remedy when the file is missing or invalid.
 */
export function loadCatalogFromFile(file: string = defaultCatalogPath()): Catalog {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(`IAM catalog not found at ${file}: run "npm run build" (or "node scripts/generate-catalog.mjs") to generate it.`, { cause: err });
    }
    throw new Error(`Cannot read the IAM catalog at ${file}: ${(err as Error).message}`, { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`IAM catalog at ${file} is not valid JSON (${(err as Error).message}): run "npm run build".`, { cause: err });
  }
  try {
    return createCatalog(data);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
}
