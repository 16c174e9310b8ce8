// The field checks that the request validators share (src/node/api.ts, src/node/search/searchInput.ts):
// each subclass says how a failure is reported (its error class and how it names the field).

export abstract class FieldReader {
  constructor(readonly obj: Record<string, unknown>) {}

  /** Throws the subclass's error naming `field` and the problem. */
  abstract fail(field: string, problem: string): never;

  /** One of `allowed`; `fallback` when the field is absent and a fallback is given. */
  choice<T extends string>(field: string, allowed: readonly T[], fallback?: T): T {
    const v = this.obj[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) this.fail(field, `must be one of ${allowed.join(', ')}`);
    return v as T;
  }

  /** An integer in [min, max]; `fallback` when the field is absent and a fallback is given. */
  integer(field: string, min: number, max: number, fallback?: number): number {
    const v = this.obj[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.fail(field, `must be an integer from ${min} to ${max}`);
    return v;
  }

  /**
   * The array `v` of field `field` as trimmed strings of 1 to maxLength characters, at most maxItems of them; a
   * repeated string is dropped ('drop') or refused ('refuse').
   */
  protected stringItems(field: string, v: unknown, maxItems: number, maxLength: number, repeats: 'drop' | 'refuse'): string[] {
    if (!Array.isArray(v)) this.fail(field, 'must be an array of strings');
    if (v.length > maxItems) this.fail(field, `must have at most ${maxItems} items`);
    const out: string[] = [];
    v.forEach((s: unknown, i) => {
      if (typeof s !== 'string') this.fail(`${field}[${i}]`, 'must be a string');
      const t = s.trim();
      if (t === '' || t.length > maxLength) this.fail(`${field}[${i}]`, `must have 1 to ${maxLength} characters`);
      if (out.includes(t)) {
        if (repeats === 'refuse') this.fail(`${field}[${i}]`, `repeats '${t}'`);
      } else out.push(t);
    });
    return out;
  }
}
