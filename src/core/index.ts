// The EML engine's public face: re-exports only. Start with compileToEml (compile/), evaluate and
// evaluateBatchInto (numbers), parseFormula and the print* family (syntax/), runSuite (verify/).
export * from './ops';
export * from './expr';
export * from './semantics';
export * from './rng';
export * from './complex';
export * from './complexInverse';
export { applyOpTo } from './applyOp';
export * from './evaluate';
export * from './flat';
export * from './evaluateBatch';
export * from './syntax';
export * from './compile';
export { PRIMITIVE_FORMULAS } from './compile/primitives';
export { evaluatePrecise, preciseConstants, type PreciseResult, type PreciseValue } from './precise/evaluatePrecise';
export * from './verify/suites';
export * from './verify/identities';
export { ulpDistance } from './verify/ulp';
