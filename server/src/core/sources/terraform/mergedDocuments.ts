/**
 * `source_policy_documents` and `override_policy_documents` of a `data "aws_iam_policy_document"`, merged as the
 * AWS provider merges them (its `IAMPolicyDoc.Merge`, https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document):
 * the source documents' statements in order (Terraform rejects two source statements with the same Sid), then the
 * document's own (a statement with the Sid of an earlier one replaces it in its place, one without a Sid is added),
 * then each override document's the same way. The Version is the highest of them, the Id the last one written.
 *
 * Merged only when every document listed is a policy document of the same file, each read to the end (no
 * `dynamic "statement"`, no Sid Terraform computes, its own merges merged): the statements are the trees of the
 * documents that write them, so every finding on one points at its tokens. Otherwise the document keeps the open
 * statement policyDocument.ts gives each list, and the checks that would need it stay silent.
 */
import type { MutableNode } from '../../model/policy';
import { unwrap, type HclNode } from './hclTree';

/** A policy document of the module: its tree (policyDocument.ts) and the lists it merges, as written. */
export interface MergeableDocument {
  readonly tree: MutableNode;
  /** The file it is written in (a document merges only documents of its own file). */
  readonly file: string;
  readonly sources?: HclNode;
  readonly overrides?: HclNode;
}

/**
 * The merged tree of each document that merges others (by address), for those that can be merged; a document that
 * merges nothing is left out.
 */
export function mergedDocuments(
  documents: ReadonlyMap<string, MergeableDocument>,
  addressOf: (item: HclNode, text: string) => string | undefined,
  textOfFile: (file: string) => string,
): Map<string, MutableNode> {
  const out = new Map<string, MutableNode>();
  const memo = new Map<string, MutableNode[] | undefined>();
  const visiting = new Set<string>();

  /** The statements a document generates, merged; undefined when any of them is open. */
  const statementsOf = (address: string): MutableNode[] | undefined => {
    if (memo.has(address)) return memo.get(address);
    if (visiting.has(address)) return undefined; // a cycle: Terraform rejects it
    visiting.add(address);
    const result = merge(address);
    visiting.delete(address);
    memo.set(address, result);
    return result;
  };

  const merge = (address: string): MutableNode[] | undefined => {
    const d = documents.get(address)!;
    const own = ownStatements(d);
    if (!own) return undefined;
    if (!d.sources && !d.overrides) return own;
    const text = textOfFile(d.file);
    const listed = (list: HclNode | undefined): MutableNode[][] | undefined => {
      if (!list) return [];
      const node = unwrap(list);
      if (node.type !== 'tuple') return undefined;
      const docs: MutableNode[][] = [];
      for (const item of node.children.filter((c) => c.type === 'expression')) {
        const ref = addressOf(item, text);
        const other = ref !== undefined ? documents.get(ref) : undefined;
        const statements = other && other.file === d.file ? statementsOf(ref!) : undefined;
        if (!statements) return undefined;
        docs.push(statements);
      }
      return docs;
    };
    const sources = listed(d.sources);
    const overrides = listed(d.overrides);
    if (!sources || !overrides) return undefined;
    const merged: MutableNode[] = [];
    // Terraform stops on two source statements with the same Sid: nothing is generated.
    const sourceSids = new Set<string>();
    for (const statements of sources) {
      for (const s of statements) {
        const sid = sidOf(s)!;
        if (sid !== '' && sourceSids.has(sid)) return undefined;
        if (sid !== '') sourceSids.add(sid);
      }
      mergeInto(merged, statements);
    }
    mergeInto(merged, own);
    for (const statements of overrides) mergeInto(merged, statements);
    // The listed documents' Version and Id (a merged one's from its merge), for the provider's choice of them.
    const trees = (list: HclNode | undefined) =>
      list
        ? unwrap(list)
            .children.filter((c) => c.type === 'expression')
            .map((item) => {
              const ref = addressOf(item, text)!;
              return out.get(ref) ?? documents.get(ref)!.tree;
            })
        : [];
    out.set(address, rootWith(d, merged, [...trees(d.sources), d.tree, ...trees(d.overrides)]));
    return merged;
  };

  for (const address of documents.keys()) statementsOf(address);
  return out;
}

/** The provider's merge: a statement with the Sid of one already there replaces it; any other is added. */
function mergeInto(merged: MutableNode[], statements: readonly MutableNode[]): void {
  for (const s of statements) {
    const sid = sidOf(s)!;
    const at = sid === '' ? -1 : merged.findIndex((m) => sidOf(m) === sid);
    if (at >= 0) merged[at] = s;
    else merged.push(s);
  }
}

/** A document's own statement blocks; undefined when one is open or has a Sid Terraform computes. */
function ownStatements(d: MergeableDocument): MutableNode[] | undefined {
  const list = statementList(d.tree);
  if (!list) return [];
  const out: MutableNode[] = [];
  for (const s of list.children ?? []) {
    // The open statement standing for a merged list is replaced by the merge; any other (`dynamic`) stays open.
    if (s.type === 'string' && (s.offset === d.sources?.start || s.offset === d.overrides?.start)) continue;
    if (s.type !== 'object' || sidOf(s) === undefined) return undefined;
    out.push(s);
  }
  return out;
}

function statementList(tree: MutableNode): MutableNode | undefined {
  const prop = propertyOf(tree, 'Statement');
  const list = prop?.children?.[1];
  return list?.type === 'array' ? list : undefined;
}

function propertyOf(object: MutableNode, key: string): MutableNode | undefined {
  return object.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === key);
}

/** A statement's Sid: `''` when it has none (or an empty one), undefined when Terraform computes it. */
function sidOf(statement: MutableNode): string | undefined {
  const value = propertyOf(statement, 'Sid')?.children?.[1];
  if (!value) return '';
  return value.type === 'string' && !value.intrinsic ? String(value.value) : undefined;
}

/**
 * The document's tree with the merged statements (copies of the trees that write them, under its own Statement),
 * the highest Version of the documents and the last Id written.
 */
function rootWith(d: MergeableDocument, statements: readonly MutableNode[], order: readonly MutableNode[]): MutableNode {
  const root: MutableNode = { ...d.tree, parent: undefined, children: [] };
  let version = propertyOf(d.tree, 'Version');
  for (const t of order) {
    const v = propertyOf(t, 'Version');
    const value = v?.children?.[1];
    const current = version?.children?.[1];
    if (value?.type === 'string' && !value.intrinsic && current?.type === 'string' && !current.intrinsic && String(value.value) > String(current.value))
      version = v;
  }
  let id: MutableNode | undefined;
  for (const t of order) {
    const i = propertyOf(t, 'Id');
    const value = i?.children?.[1];
    if (i && !(value?.type === 'string' && !value.intrinsic && value.value === '')) id = i;
  }
  const statement = propertyOf(d.tree, 'Statement');
  for (const prop of [version, id, statement]) {
    if (!prop) continue;
    if (prop !== statement) {
      root.children!.push(copy(prop, root));
      continue;
    }
    const copied: MutableNode = { ...prop, parent: root, children: [] };
    const key = prop.children![0];
    const list = prop.children![1];
    const array: MutableNode = { ...list, parent: copied, children: [] };
    array.children = statements.map((s) => copy(s, array));
    copied.children = [copy(key, copied), array];
    root.children!.push(copied);
  }
  return root;
}

function copy(node: MutableNode, parent: MutableNode): MutableNode {
  const out: MutableNode = { ...node, parent };
  if (node.children) out.children = node.children.map((c) => copy(c, out));
  return out;
}
