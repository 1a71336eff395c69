/**
 * Per-catalog memo tables for pure functions of (catalog, text): the same action or resource text
 * recurs across statements, documents and keystrokes. Bounded: a full table is cleared, so memory
 * stays flat however many distinct texts a session sees.
 */
export class CatalogMemo<C extends object, V> {
  private readonly tables = new WeakMap<C, Map<string, V>>();
  constructor(private readonly limit = 20_000) {}

  get(catalog: C, key: string, compute: () => V): V {
    let table = this.tables.get(catalog);
    if (!table) this.tables.set(catalog, (table = new Map<string, V>()));
    const cached = table.get(key);
    if (cached !== undefined || table.has(key)) return cached as V;
    const value = compute();
    if (table.size >= this.limit) table.clear();
    table.set(key, value);
    return value;
  }
}
