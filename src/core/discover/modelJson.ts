// Models as plain data, so they cross thread (and machine) boundaries: the structure and exact constants as
// expression JSON (syntax/json.ts), the fitted values as numbers. The placeholders $k of the constants are
// spelled _k there (an identifier no input can have: input names start with a letter).

import { type Expr, substitute, variable, variables } from '../expr';
import { type ExprJson, exprFromJson, exprToJson } from '../syntax';
import type { Model, ModelOrigin } from './model';

/** A model as plain data. */
export interface ModelJson {
  readonly structure: ExprJson;
  readonly constants: ReadonlyArray<{ readonly value: number; readonly exact?: ExprJson }>;
  readonly origin: ModelOrigin;
}

function rename(t: Expr, from: string, to: string): Expr {
  const map: Record<string, Expr> = {};
  for (const v of variables(t)) if (v.startsWith(from)) map[v] = variable(to + v.slice(from.length));
  return substitute(t, map);
}

/** Returns the model as plain data. */
export function modelToJson(m: Model): ModelJson {
  return {
    structure: exprToJson(rename(m.structure, '$', '_')),
    constants: m.constants.map((c) => (c.exact ? { value: c.value, exact: exprToJson(c.exact) } : { value: c.value })),
    origin: m.origin,
  };
}

/** Returns the model of its plain data (throws a clear error for malformed data). */
export function modelFromJson(j: ModelJson): Model {
  if (!j || typeof j !== 'object' || !Array.isArray(j.constants)) throw new Error('discover: a model needs a structure and a list of constants');
  return {
    structure: rename(exprFromJson(j.structure), '_', '$'),
    constants: j.constants.map((c, k) => {
      if (typeof c?.value !== 'number' || !Number.isFinite(c.value)) throw new Error(`discover: constant ${k} of a model is not a finite number`);
      return c.exact !== undefined ? { value: c.value, exact: exprFromJson(c.exact) } : { value: c.value };
    }),
    origin: j.origin,
  };
}
