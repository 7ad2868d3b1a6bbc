// Plain results of the language features (STYLE habit 5): offsets into the text, our own types;
// src/extension/language/ converts them to VS Code's once, at the edge.
import type { EditResult, TextEdit } from '../core/edit/edit-op.js';
import type { Diagnostic } from '../core/model/diagnostic.js';
import type { HostKind } from '../core/model/workflow.js';
import type { SourceRange } from '../core/model/source-range.js';
import type { RunState } from '../core/store/run-state.js';

/** What the features may know beyond the text; all optional, so plain tests pass none. */
export interface LanguageContext {
  /** Hosts defined outside the file: the `ccwf.hosts` setting and `~/.ssh/config` aliases. */
  readonly extraHosts?: readonly ExternalHost[];
  /** Entries of a folder relative to the workflow's folder ('' = that folder), for script paths. */
  readonly listDir?: (relative: string) => readonly { readonly name: string; readonly isDirectory: boolean }[];
  readonly fileExists?: (relative: string) => boolean;
  /** The latest run of this workflow, for hovers and code lenses. */
  readonly lastRun?: RunState;
  /** Known Slurm partitions of a host, when something has asked the cluster. */
  readonly partitions?: (host: string) => readonly string[];
}

export interface ExternalHost {
  readonly name: string;
  readonly kind?: HostKind;
  /** Where it comes from, e.g. `~/.ssh/config` or `setting ccwf.hosts`. */
  readonly source: string;
}

export type CompletionKind = 'key' | 'job' | 'host' | 'host-kind' | 'file' | 'folder' | 'value' | 'partition';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Text to insert; a snippet (with $1 tab stops) when `snippet` is true. Defaults to the label. */
  readonly insertText?: string;
  readonly snippet?: boolean;
  /** What the insertion replaces; defaults to the word at the cursor. */
  readonly range?: SourceRange;
  readonly sortText?: string;
  /** Ask for completions again right after inserting (a folder path, `host: `), so typing can go on. */
  readonly retrigger?: boolean;
}

export interface HoverResult {
  /** Markdown. */
  readonly contents: string;
  readonly range: SourceRange;
}

export interface SymbolNode {
  readonly name: string;
  readonly kind: 'hosts' | 'host' | 'jobs' | 'job' | 'key';
  readonly detail?: string;
  readonly range: SourceRange;
  readonly selectionRange: SourceRange;
  readonly children: readonly SymbolNode[];
}

/** Above each job: what the lens shows and which job it is for. */
export interface JobLens {
  readonly job: string;
  /** The job's key. */
  readonly range: SourceRange;
  readonly status?: string;
  readonly durationMs?: number;
}

export interface CodeAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor';
  /** The diagnostic this fixes, if any. */
  readonly fixes?: Diagnostic;
  readonly preferred?: boolean;
  /** Text edits of this document... */
  readonly edits?: readonly TextEdit[];
  /** ...or a command to run instead (e.g. convert a cloudmesh-cc file). */
  readonly command?: { readonly id: string; readonly title: string };
}

export type RenameResult = EditResult;

/** A name under the cursor (`origin`, e.g. a `needs` entry) and where it is declared (`target`, the job's key). */
export interface DefinitionLink {
  readonly origin: SourceRange;
  readonly target: SourceRange;
}

/** Offsets of a foldable region; the adapter folds from `start`'s line to `end`'s line. */
export interface FoldingRange {
  readonly start: number;
  readonly end: number;
  readonly kind?: 'comment';
}

/** Ranges for expand-selection at one offset, innermost first; each contains the one before. */
export type SelectionChain = readonly SourceRange[];

export interface PrepareRename {
  readonly range: SourceRange;
  readonly placeholder: string;
}
