/**
 * The JSON files a .tf file's text names (`file("${path.module}/policies/guest.json")`, `templatefile("trust.json",
 * {...})`), for hosts: they read these into the module (ModuleFileInput.policyFile) rather than every .json file
 * under its folder, and analyse a .json document with its module only when one of its .tf files names it. A scan
 * of the text, not a parse (a host may not have loaded the HCL parser yet): it may find a name the parse would not
 * take (in a comment), never misses one it would (roles.ts: templateFileOf, which decides).
 */

import { MODULE_TEMPLATE_DEPTH } from '../source';

/** `${path.module}/` as the parse takes it, spaces inside the braces included (`${ path.module }/`). */
const MODULE_PREFIX = /^\$\{\s*path\.module\s*\}\//;

/** `file(` or `templatefile(` and a quoted string without escapes or line breaks. */
const CALL = /\b(?:file|templatefile)\s*\(\s*"([^"\\\n]*)"/g;

/**
 * The paths relative to the module's folder (`policies/guest.json`) of the `.json` files the text names, once each,
 * in order: in the folder or at most `MODULE_TEMPLATE_DEPTH` folders under it (a JSON file's module is the
 * nearest folder that many above it), as the template files hosts read.
 */
export function namedJsonFiles(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('file')) return out;
  for (const m of text.matchAll(CALL)) {
    let value = m[1];
    const module = MODULE_PREFIX.exec(value);
    if (module) value = value.slice(module[0].length);
    else if (value.startsWith('./')) value = value.slice(2);
    if (value.includes('${') || value.includes('%{') || !value.toLowerCase().endsWith('.json')) continue;
    const names = value.split('/');
    if (names.length - 1 > MODULE_TEMPLATE_DEPTH || names.some((n) => n === '' || n === '.' || n === '..')) continue;
    if (!out.includes(value)) out.push(value);
  }
  return out;
}
