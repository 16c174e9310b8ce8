// The field checks of the project validator (its Checker class in projectSchema.ts) that the validators of
// each run kind use, so every failure names the file and the field the same way.

export type Obj = Record<string, unknown>;

export interface RunChecker {
  fail(path: string, problem: string): never;
  object(v: unknown, path: string): Obj;
  array(o: Obj, key: string, path: string): unknown[];
  string(o: Obj, key: string, path: string, opts?: { nullable?: boolean; nonEmpty?: boolean }): void;
  number(o: Obj, key: string, path: string, opts?: { nullable?: boolean; integer?: boolean; min?: number }): void;
  boolean(o: Obj, key: string, path: string): void;
  oneOf(o: Obj, key: string, path: string, allowed: readonly string[]): void;
  strings(o: Obj, key: string, path: string): void;
}
