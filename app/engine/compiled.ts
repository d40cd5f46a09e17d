/**
 * Per-program data computed once and reused by every evaluation of the same program object: programs are data that
 * do not change while a caseload is evaluated (the built-ins are frozen; an edit creates a new version, i.e. a new
 * object). Keyed by object identity in WeakMaps, so nothing is kept alive and evaluate() stays pure: a cached value
 * is exactly what would be computed again. Treat a Program passed to evaluate() as immutable.
 */

/** Two-level identity cache: (outer, inner) → value, e.g. (pain model, criterion) → its fixed texts. */
export class PairCache<O extends object, I extends object, V> {
  private readonly store = new WeakMap<O, WeakMap<I, V>>();

  get(outer: O, inner: I): V | undefined {
    return this.store.get(outer)?.get(inner);
  }

  set(outer: O, inner: I, value: V): V {
    let m = this.store.get(outer);
    if (!m) this.store.set(outer, (m = new WeakMap()));
    m.set(inner, value);
    return value;
  }
}
