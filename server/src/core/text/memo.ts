/**
 * Memo tables for pure functions of text: the same action or resource text recurs across statements,
 * documents and keystrokes.
 *
 * A key cut from a document must not keep the document alive. V8 represents a slice of 13 or more
 * characters as a view into its parent string and a concatenation as a pair of references, so a key
 * read from one version of an edited document (and any message built from it) would retain that whole
 * version for as long as the entry lives: every analysed version of a 190 KB policy stayed in memory
 * (issue 15). A memo therefore stores a flat copy of each key and hands that copy to `compute`, and is
 * bounded by the characters of its keys as well as by their number.
 */

/**
 * A copy of `text` that shares no memory with the string it was cut from: concatenating makes a new
 * string, and slicing it makes V8 flatten it into fresh storage.
 */
export function flatCopy(text: string): string {
  return (' ' + text).slice(1);
}

/** Keys longer than this are computed every time, never stored. */
export const MEMO_MAX_KEY_LENGTH = 2_048;

/**
 * A bounded memo of a pure function of a string. A full table (by entries or by the characters of its
 * keys) is cleared, so memory stays flat however many distinct texts a session sees.
 */
export class TextMemo<V> {
  private readonly table = new Map<string, V>();
  private chars = 0;
  constructor(
    private readonly limit = 20_000,
    private readonly maxChars = 1 << 20,
  ) {}

  /** `compute` receives the key as stored (a flat copy): build the value from it, not from the caller's text. */
  get(key: string, compute: (key: string) => V): V {
    if (key.length > MEMO_MAX_KEY_LENGTH) return compute(flatCopy(key));
    const cached = this.table.get(key);
    if (cached !== undefined || this.table.has(key)) return cached as V;
    const own = flatCopy(key);
    const value = compute(own);
    if (this.table.size >= this.limit || this.chars + own.length > this.maxChars) {
      this.table.clear();
      this.chars = 0;
    }
    this.table.set(own, value);
    this.chars += own.length;
    return value;
  }

  get size(): number {
    return this.table.size;
  }

  /** The characters of the stored keys. */
  get keyChars(): number {
    return this.chars;
  }
}

/** One `TextMemo` per catalog (a session can load a second catalog; the first's table goes with it). */
export class CatalogMemo<C extends object, V> {
  private readonly tables = new WeakMap<C, TextMemo<V>>();
  constructor(
    private readonly limit = 20_000,
    private readonly maxChars = 1 << 20,
  ) {}

  get(catalog: C, key: string, compute: (key: string) => V): V {
    let table = this.tables.get(catalog);
    if (!table) this.tables.set(catalog, (table = new TextMemo<V>(this.limit, this.maxChars)));
    return table.get(key, compute);
  }
}
