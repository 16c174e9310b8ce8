// Shapes of the Compile view's host calls: a compilation result with its EML tree as a DAG (children
// before parents, shared subtrees stored once), the positioned parse error, and the primitive patterns
// the renderer matches subtrees against. Types only.

import type { CompileMode } from '../core/compile';
import type { CompilePrefer, FormulaCheck } from './project';

/** Syntaxes the Compile view accepts. */
export type InputSyntax = 'infix' | 'mathematica';

export interface CompileRequest {
  readonly text: string;
  readonly syntax?: InputSyntax;
  readonly mode?: CompileMode;
  readonly prefer?: CompilePrefer;
}

/** A node of a TreeDag: an operator over earlier nodes, or a leaf. */
export type DagNode =
  | { readonly op: string; readonly args: readonly number[] }
  | { readonly num: string }
  | { readonly var: string }
  | { readonly const: string };

/** A tree stored as unique nodes in postfix order: every argument index is smaller than its node's. */
export interface TreeDag {
  readonly nodes: readonly DagNode[];
  /** Index of the root (the last node). */
  readonly root: number;
}

export interface CompileSuccess {
  readonly ok: true;
  readonly text: string;
  readonly syntax: InputSyntax;
  readonly mode: CompileMode;
  readonly prefer: CompilePrefer;
  /** The parsed formula in infix and LaTeX. */
  readonly infix: string;
  readonly inputLatex: string;
  readonly K: number;
  readonly depth: number;
  readonly leaves: number;
  readonly semantics: 'ieee' | 'extended';
  readonly rulesUsed: readonly string[];
  /** The pure EML tree (null when it has more than MAX_DAG_NODES unique nodes). */
  readonly tree: TreeDag | null;
  /** eml(…) text and its LaTeX, or null when the tree is too large to print usefully. */
  readonly eml: string | null;
  readonly emlLatex: string | null;
  readonly check: FormulaCheck;
}

export interface CompileFailure {
  readonly ok: false;
  readonly error: {
    readonly message: string;
    readonly syntax: string;
    /** 0-based offset and 1-based column of the problem. */
    readonly pos: number;
    readonly column: number;
  };
}

export type CompileOutcome = CompileSuccess | CompileFailure;

export interface PrimitivesRequest {
  readonly mode?: CompileMode;
  readonly prefer?: CompilePrefer;
}

/** A calculator primitive compiled to EML: subtrees equal to `tree` (variables as holes) equal the primitive. */
export interface PrimitivePattern {
  /** Name in the reference table (sin, sub, log_base, golden_ratio ...). */
  readonly name: string;
  readonly formula: string;
  readonly arity: 0 | 1 | 2;
  readonly K: number;
  readonly tree: TreeDag;
}
