// The search engine's public face: re-exports only. Start with enumerate.ts (levels by K, functional
// deduplication), then recognize.ts (shortest forms, meet-in-the-middle in match.ts; upper bounds beyond the
// decided sizes in spine.ts), shortestTable.ts (with compositions of verified forms, compose.ts), bootstrap.ts
// (basis verification) and sheffer.ts (operator discovery).
export { type BackendConfig, LocalBackend, type SearchBackend } from './backend';
export { type BudgetLevel, type BudgetOptions, GROWTH, type SearchBudget, estimateDistinct, estimateSearchBudget, precisionDigits } from './budget';
export { type BasisCategory, type BasisOptions, type BasisProgress, type BasisReport, type ChainStep, verifyBasis } from './bootstrap';
export { CALCULATOR_TARGETS, CATALOGUE, type Primitive, primitive } from './catalogue';
export { type Composition, type ComposeOptions, type UnaryForm, composeForms } from './compose';
export { type CompiledLanguage, compileLanguage } from './compiledLanguage';
export { type Domain, Enumerator, type EnumeratorOptions, type GrowStop, type LevelStats } from './enumerate';
export { Fingerprinter, type Quantizer, RELATIVE_40 } from './fingerprint';
export { FingerprintSet } from './fingerprintSet';
export { type GridCheck, checkFormOnGrid, suiteCaseOf } from './formGrid';
export { type LanguageSpec, type Leaf, type Operator, type SearchLanguage, EML_OPERATOR, buildLanguage, builtinOperator, parseLeaf, parseOperator, pureEmlLanguage, pureEmlSpec } from './language';
export { type Level, LevelStore, type Segment } from './levelStore';
export { type MatchShape, type MatchTarget, Matcher, isEmlShaped, matchExpr, matchTarget } from './match';
export { CATALAN, GAMMA, GLAISHER, KHINCHIN, type ProbePoint, type ProbeSet, searchProbes, verificationPoints } from './probes';
export {
  type RecognizeManyOptions, type RecognizeManyReport, type RecognizeOptions, type RecognizeProgress, type RecognizeReport,
  type RecognizedTree, type TargetReport, type UpperBoundOptions, type UpperBoundReport, recognize, recognizeMany,
} from './recognize';
export { FAMILIES, type ShefferHit, type ShefferOptions, type ShefferReport, printFullForm, shefferSearch } from './sheffer';
export { type PrimitiveRow, type TableCell, type TableOptions, type TableReport, type TableRow, type TableUpper, shortestTable } from './shortestTable';
export { type SpineCandidate, type SpineOptions, SpineSearch } from './spine';
export { type StopReason, describeStop } from './stopReason';
export { type SearchTarget, constantTarget, functionTarget, targetValues } from './target';
export { type HitVerification, agreeingDigitsOf, verifyHit } from './verifyHit';
