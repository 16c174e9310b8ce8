// Shapes of the Library's host calls: saving, editing and exporting formulas. Types only.

import type { CompileMode } from '../core/compile';
import type { InputSyntax } from './compile';
import type { CompilePrefer } from './project';

export interface FormulaSaveRequest {
  readonly text: string;
  readonly syntax?: InputSyntax;
  readonly mode?: CompileMode;
  readonly prefer?: CompilePrefer;
  readonly name?: string;
  readonly tags?: readonly string[];
  readonly notes?: string;
}

export interface FormulaUpdateRequest {
  readonly id: string;
  readonly name?: string;
  readonly tags?: readonly string[];
  readonly notes?: string;
}

export interface FormulaDeleteRequest {
  readonly ids: readonly string[];
}

/** Export formats: a LaTeX document, Mathematica, SymPy, JavaScript, C, Python, RPN, or a JSON bundle of all. */
export type ExportFormat = 'latex' | 'mathematica' | 'sympy' | 'js' | 'c' | 'python' | 'rpn' | 'bundle';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['latex', 'mathematica', 'sympy', 'js', 'c', 'python', 'rpn', 'bundle'];

export interface ExportRequest {
  readonly ids: readonly string[];
  readonly format: ExportFormat;
}

/** A written export file: its name, where it lies in the project, and its text. */
export interface ExportedFile {
  readonly name: string;
  readonly path: string;
  readonly mediaType: string;
  readonly content: string;
}

export interface ExportResult {
  readonly format: ExportFormat;
  readonly files: readonly ExportedFile[];
}
