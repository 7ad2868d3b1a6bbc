// The language features of `.ccwf` (and, where they apply, cloudmesh-cc YAML): plain functions
// over one `Analysis` per document version. The VS Code adapter imports from here only.
export { analyze, type Analysis, type NameRef } from './analysis.js';
export { diagnosticsOf } from './diagnostics.js';
export { completions } from './completion.js';
export { hover } from './hover.js';
export { definition, references, prepareRename, rename } from './navigation.js';
export { documentSymbols, foldingRanges, selectionRanges } from './symbols.js';
export { jobLenses, lensTitle } from './code-lenses.js';
export { codeActions, CONVERT_COMMAND } from './code-actions.js';
export { LineIndex } from '../core/util/line-index.js';
export type * from './types.js';
