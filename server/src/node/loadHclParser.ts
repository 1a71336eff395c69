/** Node-only: the HCL parser from the .wasm files next to the running bundle (dist/), or from given paths (tests). */
import * as fs from 'fs';
import * as path from 'path';
import type { HclParser } from '../core';
import { createHclParser, HCL_WASM_FILES } from '../common/hclParser';

export async function loadHclParser(folder: string = __dirname): Promise<HclParser> {
  const read = (file: string) => {
    const full = path.join(folder, file);
    try {
      return fs.readFileSync(full);
    } catch (error) {
      throw new Error(`Cannot read ${full}: ${(error as Error).message}. Run "npm run build".`, { cause: error });
    }
  };
  return createHclParser({ runtime: read(HCL_WASM_FILES.runtime), grammar: read(HCL_WASM_FILES.grammar) });
}
