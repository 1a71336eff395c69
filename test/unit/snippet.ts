/**
 * A strict expander for the subset of VS Code's snippet syntax our snippets and completion items use:
 * the text VS Code inserts when every placeholder keeps its default. Anything it does not understand throws,
 * so a test cannot pass on syntax VS Code would read differently.
 * https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar
 */

export type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number }
  | { readonly kind: 'placeholder'; readonly index: number; readonly children: readonly SnippetNode[] }
  | { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] };

export class SnippetSyntaxError extends Error {}

/**
 * Parses `$1`, `${1}`, `${1:default}` (defaults may nest), `${1|a,b|}` and the escapes `\$`, `\}`, `\\`
 * (and `\,` `\|` inside choices). Anything else (variables such as `$TM_FILENAME`, transforms, a `$`
 * that starts nothing, any other backslash) throws.
 */
export function parseSnippet(body: string): SnippetNode[] {
  let pos = 0;
  const fail = (problem: string): never => {
    throw new SnippetSyntaxError(`${problem} at offset ${pos}: ${JSON.stringify(body.slice(Math.max(0, pos - 10), pos + 30))}`);
  };

  const readIndex = (): number => {
    const start = pos;
    while (pos < body.length && body[pos] >= '0' && body[pos] <= '9') pos++;
    if (pos === start) fail('expected a tabstop number');
    return Number(body.slice(start, pos));
  };

  const readEscape = (allowed: string): string => {
    const next = body[pos + 1];
    if (next === undefined || !allowed.includes(next)) fail(`unsupported escape "\\${next ?? ''}"`);
    pos += 2;
    return next;
  };

  const parseChoice = (index: number): SnippetNode => {
    const options: string[] = [];
    let option = '';
    for (;;) {
      if (pos >= body.length) fail('unterminated choice');
      const ch = body[pos];
      if (ch === '\\') option += readEscape('$}\\,|');
      else if (ch === ',') {
        options.push(option);
        option = '';
        pos++;
      } else if (ch === '|') {
        if (body[pos + 1] !== '}') fail('a choice must end with "|}"');
        options.push(option);
        pos += 2;
        return { kind: 'choice', index, options };
      } else if (ch === '$') fail('a "$" inside a choice (write \\$)');
      else {
        option += ch;
        pos++;
      }
    }
  };

  const parseDollar = (): SnippetNode => {
    pos++; // the "$"
    const ch = body[pos];
    if (ch !== undefined && ch >= '0' && ch <= '9') return { kind: 'tabstop', index: readIndex() };
    if (ch !== '{') return fail('a "$" that starts no tabstop (write \\$ for a literal "$")');
    pos++;
    const index = readIndex();
    const after = body[pos];
    if (after === '}') {
      pos++;
      return { kind: 'tabstop', index };
    }
    if (after === ':') {
      pos++;
      const children = parseSequence(true);
      if (body[pos] !== '}') fail('unterminated placeholder');
      pos++;
      return { kind: 'placeholder', index, children };
    }
    if (after === '|') {
      pos++;
      return parseChoice(index);
    }
    return fail('unsupported ${...} form (transforms and variables are not used by these snippets)');
  };

  const parseSequence = (inPlaceholder: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < body.length) {
      const ch = body[pos];
      if (ch === '}' && inPlaceholder) break;
      if (ch === '\\') text += readEscape('$}\\');
      else if (ch === '$') {
        flush();
        nodes.push(parseDollar());
      } else {
        text += ch;
        pos++;
      }
    }
    flush();
    return nodes;
  };

  const nodes = parseSequence(false);
  if (pos !== body.length) fail('unexpected "}"');
  return nodes;
}

/** The text VS Code inserts when every placeholder keeps its default and every choice its first option. */
export function expandSnippet(body: string | readonly string[]): string {
  return expandSnippetAt(body).text;
}

/**
 * The inserted text and where VS Code puts the cursor: the start of the first tabstop (the lowest number above
 * 0; its placeholder's text is selected), else of `$0`, else the end of the text.
 */
export function expandSnippetAt(body: string | readonly string[]): { text: string; cursor: number } {
  const nodes = parseSnippet(typeof body === 'string' ? body : body.join('\n'));
  const values = new Map<number, string>();
  const define = (index: number, value: string) => {
    const known = values.get(index);
    if (known !== undefined && known !== value)
      throw new SnippetSyntaxError(`tabstop ${index} has two different defaults: ${JSON.stringify(known)} and ${JSON.stringify(value)}`);
    values.set(index, value);
  };
  const render = (list: readonly SnippetNode[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'tabstop':
            return values.get(node.index) ?? '';
          case 'placeholder':
            return render(node.children);
          case 'choice':
            return node.options[0];
        }
      })
      .join('');
  // Mirrors (`$1` next to `${1:x}`) take their placeholder's value, wherever the placeholder is.
  const collect = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'placeholder') {
        collect(node.children);
        define(node.index, render(node.children));
      } else if (node.kind === 'choice') define(node.index, node.options[0]);
    }
  };
  collect(nodes);
  const text = render(nodes);
  // Where each tabstop starts: the rendered length of everything before its first occurrence.
  const starts = new Map<number, number>();
  let at = 0;
  const walk = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'text') at += node.value.length;
      else {
        if (!starts.has(node.index)) starts.set(node.index, at);
        if (node.kind === 'placeholder') walk(node.children);
        else at += node.kind === 'tabstop' ? (values.get(node.index) ?? '').length : node.options[0].length;
      }
    }
  };
  walk(nodes);
  const first = [...starts.keys()].filter((i) => i > 0).sort((x, y) => x - y)[0] ?? (starts.has(0) ? 0 : undefined);
  return { text, cursor: first === undefined ? text.length : starts.get(first)! };
}
