/**
 * The HCL parser every host hands the core (RunOptions.hclParser): web-tree-sitter (MIT) with the Terraform
 * dialect of the tree-sitter HCL grammar (@tree-sitter-grammars/tree-sitter-hcl, Apache-2.0), both WebAssembly,
 * so the same parser runs under Node (the server, the CLI, the tests) and in the browser server's Worker.
 * Initialising WebAssembly is asynchronous and the analysis is not: each host creates the parser once (the
 * language server on first need, lazyHclParser.ts; the CLI when it has a Terraform file) from the two .wasm files' bytes (dist/web-tree-sitter.wasm, dist/tree-sitter-terraform.wasm) and
 * passes it in. Each parse hands the core a plain copy of the tree and frees tree-sitter's (it lives in the
 * WebAssembly heap), so nothing of web-tree-sitter reaches the core.
 */
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import type { HclNode, HclParser } from '../core';
import { NO_CHILDREN } from './hclLiteralCollections';
import { literalRunsHold, maskTemplateLiterals, shiftedEnd, shiftedStart, TEMPLATE_TYPES, type LiteralMask } from './hclLiteralMask';

/** The two WebAssembly modules: web-tree-sitter's runtime and the grammar. */
export interface HclWasm {
  readonly runtime: Uint8Array;
  readonly grammar: Uint8Array;
}

/** The file names the build copies next to each bundle (scripts/build.mjs). */
export const HCL_WASM_FILES = { runtime: 'web-tree-sitter.wasm', grammar: 'tree-sitter-terraform.wasm' } as const;

let initialised: Promise<void> | undefined;

export interface HclParserOptions {
  /**
   * Parse every text as written and ask tree-sitter for every node of the copy (`copyTree`): the reference the
   * tests compare the parser with, which parses the mask's shorter text (hclLiteralMask.ts) and copies the nodes
   * the grammar fixes without asking (`copyErrorFree`). Default false.
   */
  readonly reference?: boolean;
}

/**
 * How the parser read a text: `masked` (the mask's shorter text, hclLiteralMask.ts, its literal collections
 * included) or `written` (the text as written: a syntax error, a mask refused, or the reference).
 */
export type HclReading = 'masked' | 'written';

/** The hosts' parser: the core's interface, and how it read the text it parsed last (for the tests and the bench). */
export interface HostHclParser extends HclParser {
  readonly lastReading: HclReading | undefined;
}

export async function createHclParser(wasm: HclWasm, options: HclParserOptions = {}): Promise<HostHclParser> {
  const reference = options.reference ?? false;
  // The bytes are handed in; `locateFile` keeps the ES module build from resolving the file against
  // `import.meta.url`, which a bundle in a Worker started from a blob: URL does not have.
  initialised ??= Parser.init({ wasmBinary: wasm.runtime, locateFile: (file: string) => file });
  await initialised;
  const language = await Language.load(wasm.grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  const types = nodeTypes(language);
  // The trees of the texts parsed last, most recent last: a .tf document is analysed with its module's other
  // files, which do not change while one of them is edited (the trees are plain data that no reader changes).
  const recent = new Map<string, { readonly tree: HclNode; readonly reading: HclReading }>();
  let lastReading: HclReading | undefined;
  return {
    get lastReading() {
      return lastReading;
    },
    parse(text: string): HclNode {
      const cached = recent.get(text);
      if (cached) {
        recent.delete(text);
        recent.set(text, cached);
        lastReading = cached.reading;
        return cached.tree;
      }
      // The mask's shorter text (hclLiteralMask.ts: each template run one space, each literal collection's inside
      // left out, its tree built without asking tree-sitter for each node, hclLiteralCollections.ts), when the tree
      // it gives is the text's own: without an error, each collection where tree-sitter has an empty one, each run
      // in a template's literal text. Otherwise the text as written.
      const mask = reference ? undefined : maskTemplateLiterals(text);
      const masked = mask && maskedCopy(text, mask);
      const copy = masked ?? parseCopy(text, false, undefined)!;
      const reading: HclReading = masked ? 'masked' : 'written';
      const tree = deeperThan(copy, MAX_TREE_DEPTH) ? tooDeep(text) : copy;
      recent.set(text, { tree, reading });
      if (recent.size > RECENT_TREES) recent.delete(recent.keys().next().value!);
      lastReading = reading;
      return tree;
    },
  };

  /**
   * The tree of the masked text with the mask's collections in it, when it is the text's own; undefined when it
   * has an error, tree-sitter's tree has no empty collection where the mask has one, or a masked run is not a
   * template's literal text.
   */
  function maskedCopy(text: string, mask: LiteralMask): HclNode | undefined {
    const templates: HclNode[] = [];
    const collections = { at: new Map(mask.collections.map((c) => [c.start, c])), used: 0 };
    const shifts = mask.shifts;
    // The root's end is the text's, white space after a collapse point included.
    const offsets: Offsets =
      shifts.length === 0
        ? SAME_OFFSETS
        : { start: (o) => shiftedStart(shifts, o), end: (o) => (o === mask.text.length ? text.length : shiftedEnd(shifts, o)) };
    const tree = parseCopy(mask.text, true, templates, collections, offsets);
    if (!tree || tree.hasError) return undefined;
    if (collections.used !== mask.collections.length) return undefined;
    return literalRunsHold(templates, mask.runs, text) ? tree : undefined;
  }

  /**
   * The plain copy of the text's tree, its template nodes also pushed to `templates` when given, and the literal
   * collections of `collections` put where the tree has them (counted), its offsets the document's (`offsets`:
   * the text may be a mask's, shorter); undefined when `errorFree` is asked and the tree has an error.
   */
  function parseCopy(
    text: string,
    errorFree: boolean,
    templates: HclNode[] | undefined,
    collections?: Collections,
    offsets: Offsets = SAME_OFFSETS,
  ): HclNode | undefined {
    const tree = parser.parse(text);
    if (!tree) throw new Error('the HCL parser returned no tree');
    try {
      const hasError = tree.rootNode.hasError;
      if (errorFree && hasError) return undefined;
      const cursor = tree.walk();
      try {
        if (hasError || reference) return copyTree(cursor, types, cursor.nodeTypeId, cursor.startIndex, cursor.endIndex);
        // The root spans the whole text, white space at its ends included: its offsets are asked.
        const root = copyErrorFree(cursor, { types, templates: templates ?? [], collections, offsets }, cursor.nodeTypeId);
        return { ...root, start: offsets.start(cursor.startIndex), end: offsets.end(cursor.endIndex) };
      } catch (error) {
        // The copy recurses once per level: nesting some thousands deep (`jsonencode({a={a={...}}})`) overflows the
        // stack. Such a text is read as one that does not parse (nothing of it is read), not as an internal error
        // that ends the analysis of the whole module.
        if (!(error instanceof RangeError)) throw error;
        return tooDeep(text);
      } finally {
        cursor.delete();
      }
    } finally {
      tree.delete();
    }
  }
}

/**
 * How deep a tree may nest (1,000 nodes: some 200 nested objects in `jsonencode`, where an IAM policy nests a few):
 * a deeper one is read as a text that does not parse, whichever way it was read (the core's readers recurse once
 * per level, and a copy that overflows the stack on the way, hclParser.ts `parseCopy`, gives the same).
 */
export const MAX_TREE_DEPTH = 1000;

/** The tree of a text nested too deep to read: one ERROR node over it all. */
function tooDeep(text: string): HclNode {
  return { type: 'ERROR', start: 0, end: text.length, named: true, error: true, hasError: true, children: NO_CHILDREN };
}

/** Whether a node more than `max` levels under the root (the root is level 1) is in the tree. */
function deeperThan(root: HclNode, max: number): boolean {
  const nodes: HclNode[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (node.children.length === 0) continue;
    if (depth === max) return true;
    for (const child of node.children) {
      // A leaf is one level down; only a node with children goes deeper.
      if (child.children.length === 0) continue;
      nodes.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}

/** The literal collections of a mask by the offset of their `{` or `[`, and how many of them the copy took. */
interface Collections {
  readonly at: ReadonlyMap<number, HclNode>;
  used: number;
}

/** The document's offsets of a node's start and end in the parsed text (a mask's is shorter: hclLiteralMask.ts). */
interface Offsets {
  start(offset: number): number;
  end(offset: number): number;
}

const SAME_OFFSETS: Offsets = { start: (o) => o, end: (o) => o };

/** What `copyErrorFree` copies with. */
interface CopyContext {
  readonly types: NodeTypes;
  readonly templates: HclNode[];
  readonly collections: Collections | undefined;
  readonly offsets: Offsets;
}

/** How many parsed texts the parser keeps (a module's files; a 16-file folder re-parses only the edited one). */
export const RECENT_TREES = 16;

/** The grammar's node types by type id: the name (as `TreeCursor.nodeType` gives it) and whether it is named. */
interface NodeTypes {
  readonly names: readonly string[];
  readonly named: readonly boolean[];
  /** The type ids of `template_literal` and `string_lit`. */
  readonly templateLiteral: number;
  readonly stringLit: number;
  /** By type id: a node that ends with a token of no node (`legacy_index`: `.` and `/[0-9]+/`), whose end is asked. */
  readonly hiddenEnd: readonly boolean[];
  /** By type id: the type ids of a collection's (`object`, `tuple`) first and last child, its `{` and `}` or `[` and `]`. */
  readonly collection: readonly (readonly [number, number] | undefined)[];
  /** By type id: a template (TEMPLATE_TYPES). */
  readonly template: readonly boolean[];
  /** By type id: the one token a node of the type is made of (`block_start` is `{`, `tuple_end` is `]`). */
  readonly token: readonly (string | undefined)[];
}

/** The rules of make_grammar.js that end with an unnamed pattern, which is no node of the tree (`legacy_index: seq(".", /[0-9]+/)`). */
const HIDDEN_END: readonly string[] = ['legacy_index'];

/** The named nodes of the grammar that are one token each (make_grammar.js: `block_start: ($) => "{"`). */
const ONE_TOKEN: Readonly<Record<string, string>> = {
  block_start: '{',
  block_end: '}',
  object_start: '{',
  object_end: '}',
  tuple_start: '[',
  tuple_end: ']',
};

function nodeTypes(language: Language): NodeTypes {
  const names: string[] = [];
  const named: boolean[] = [];
  for (let id = 0; id < language.types.length; id++) {
    names.push(language.types[id] || 'ERROR');
    named.push(language.nodeTypeIsNamed(id));
  }
  const idOf = (name: string) => language.idForNodeType(name, true) ?? -1;
  const template = names.map((name, id) => named[id] && TEMPLATE_TYPES.includes(name));
  const token = names.map((name, id) => (named[id] && Object.hasOwn(ONE_TOKEN, name) ? ONE_TOKEN[name] : undefined));
  const collection: (readonly [number, number] | undefined)[] = [];
  collection[idOf('object')] = [idOf('object_start'), idOf('object_end')];
  collection[idOf('tuple')] = [idOf('tuple_start'), idOf('tuple_end')];
  const hiddenEnd = names.map((name) => HIDDEN_END.includes(name));
  return { names, named, templateLiteral: idOf('template_literal'), stringLit: idOf('string_lit'), template, token, collection, hiddenEnd };
}

/**
 * The node at the cursor and everything under it, as plain data (the cursor ends where it started). Every
 * property read is a call into WebAssembly, so each node costs the fewest: its type id (the name and whether it
 * is named come from the grammar's table, an ERROR node's id is past its end), its two offsets, and whether it is
 * a missing token only when it is empty (a missing token always is). Only named nodes are asked for children: the
 * grammar has no aliases, so an anonymous node is one of its tokens, a leaf. A tree without an error is copied by
 * `copyErrorFree`.
 */
function copyTree(cursor: TreeCursor, types: NodeTypes, id: number, start: number, end: number): HclNode {
  const known = id < types.names.length;
  const type = known ? types.names[id] : 'ERROR';
  const named = known ? types.named[id] : true;
  const error = type === 'ERROR' || (start === end && cursor.nodeIsMissing);
  let children: readonly HclNode[] = NO_CHILDREN;
  let hasError = error;
  if (named && cursor.gotoFirstChild()) {
    const list: HclNode[] = [];
    do {
      const child = cursor.nodeTypeId;
      // A template's literal text is not a node of the copy: the readers take it between the template's
      // delimiters and holes, and a parse of the masked text has none where the document has one.
      if (child !== types.templateLiteral) {
        const node = copyTree(cursor, types, child, cursor.startIndex, cursor.endIndex);
        hasError ||= node.hasError;
        list.push(node);
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
    children = list;
  }
  return { type, start, end, named, error, hasError, children };
}

/**
 * `copyTree` for a tree without an error, where the grammar fixes more and those facts are not asked for: a node
 * with children spans from its first child's start to its last child's end (tree-sitter keeps leading and trailing
 * extras out of a node, but for the root, whose offsets the caller asks; only a leaf is asked for its offsets), an anonymous node, a token written as its type's name (`=`, `,`), ends that many
 * characters after its start, a `string_lit` is its two quotes (`"`, one character each) around its literal text,
 * and a `block_start` (and the like, ONE_TOKEN) is its one token. Its template nodes are also pushed to
 * `templates`. The tests compare this copy with the reference's, which asks every node.
 */
function copyErrorFree(cursor: TreeCursor, context: CopyContext, id: number): HclNode {
  const { types, templates, offsets } = context;
  const type = types.names[id];
  if (!types.named[id]) {
    const at = offsets.start(cursor.startIndex);
    return { type, start: at, end: at + type.length, named: false, error: false, hasError: false, children: NO_CHILDREN };
  }
  const ends = context.collections && types.collection[id];
  if (ends) {
    const literal = literalCollection(cursor, context.collections, ends, offsets);
    if (literal) return literal;
  }
  let start: number;
  let end: number;
  let children: readonly HclNode[] = NO_CHILDREN;
  const token = types.token[id];
  if (id === types.stringLit) {
    start = offsets.start(cursor.startIndex);
    end = offsets.end(cursor.endIndex);
    children = [leaf('quoted_template_start', start, start + 1), leaf('quoted_template_end', end - 1, end)];
  } else if (token !== undefined) {
    start = offsets.start(cursor.startIndex);
    end = start + token.length;
    children = [{ type: token, start, end, named: false, error: false, hasError: false, children: NO_CHILDREN }];
  } else if (cursor.gotoFirstChild()) {
    const list: HclNode[] = [];
    // A left-out `template_literal` at either end leaves that offset to be asked.
    let first = true;
    let lastLeftOut: boolean;
    do {
      const child = cursor.nodeTypeId;
      lastLeftOut = child === types.templateLiteral;
      if (lastLeftOut) first &&= list.length > 0;
      else list.push(copyErrorFree(cursor, context, child));
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
    children = list;
    if (first && !lastLeftOut && list.length > 0 && !types.hiddenEnd[id]) {
      start = list[0].start;
      end = list[list.length - 1].end;
    } else {
      start = offsets.start(cursor.startIndex);
      end = offsets.end(cursor.endIndex);
    }
  } else {
    start = offsets.start(cursor.startIndex);
    end = offsets.end(cursor.endIndex);
  }
  const node: HclNode = { type, start, end, named: true, error: false, hasError: false, children };
  if (types.template[id]) templates.push(node);
  return node;
}

/**
 * The literal collection (hclLiteralCollections.ts) of the mask at the cursor's collection, when the mask has one
 * there and tree-sitter's is an empty one (its `{` and `}` only) ending where the literal one ends; counted.
 */
function literalCollection(cursor: TreeCursor, collections: Collections, ends: readonly [number, number], offsets: Offsets): HclNode | undefined {
  const literal = collections.at.get(offsets.start(cursor.startIndex));
  if (!literal || offsets.end(cursor.endIndex) !== literal.end || !cursor.gotoFirstChild()) return undefined;
  const empty = cursor.nodeTypeId === ends[0] && cursor.gotoNextSibling() && cursor.nodeTypeId === ends[1] && !cursor.gotoNextSibling();
  cursor.gotoParent();
  if (!empty) return undefined;
  collections.used++;
  return literal;
}

/** A named token of a tree without an error. */
function leaf(type: string, start: number, end: number): HclNode {
  return { type, start, end, named: true, error: false, hasError: false, children: NO_CHILDREN };
}
