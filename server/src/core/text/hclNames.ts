/**
 * The characters of HCL names (identifiers: `Version`, `aws_iam_role`, a heredoc's `EOF`), ASCII only: the grammar
 * takes `\p{ID_Start}` and `\p{ID_Continue}`, and whoever reads a name here treats a character past ASCII as in
 * doubt (the host's HCL parser leaves such text to tree-sitter; completion writes such a key quoted).
 */

/** An ASCII character an HCL name starts with (the grammar's `\p{ID_Start}` or `_`; past ASCII is not judged here). */
export function isHclNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** An ASCII character an HCL name goes on with (`\p{ID_Continue}` or `-`). */
export function isHclNameChar(c: number): boolean {
  return isHclNameStart(c) || (c >= 48 && c <= 57) || c === 45;
}
