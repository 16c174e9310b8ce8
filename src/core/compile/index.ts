// The compiler's public face: compileToEml and its rule table.
export { compileToEml, exactRational, type CompileOptions, type CompileResult } from './compileToEml';
export { COMPILE_MODES, RULES, findRule, type CompileMode, type Rule, type RuleForm } from './rules';
export { REWRITES, canonicalize } from './rewrites';
