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
}
