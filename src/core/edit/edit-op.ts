/**
 * Structural edits a person makes in the graph or the job cells. Each becomes a minimal text
 * edit of the workflow file (see `apply-edit-op.ts`), so the text stays the one source of truth.
 */
export type EditOp =
  /** Append a job at the end of `jobs:`; `needs` and `run` optional. Refused if the name is taken or a need is not a job. */
  | { readonly op: 'addJob'; readonly name: string; readonly run?: string; readonly needs?: readonly string[]; readonly host?: string }
  /** Remove the job (with the comment lines directly above it) and every `needs` entry that names it. */
  | { readonly op: 'deleteJob'; readonly name: string }
  /** Rename the job's key and every `needs` entry that names it. */
  | { readonly op: 'renameJob'; readonly from: string; readonly to: string }
  /** `job` gets `need` in its `needs` (no-op if already there); refused for itself, an unknown job or a cycle. */
  | { readonly op: 'addNeed'; readonly job: string; readonly need: string }
  /** `job` no longer needs `need` (no-op if it did not); a `needs` left empty is removed. */
  | { readonly op: 'removeNeed'; readonly job: string; readonly need: string }
  /** Set (or, with `value` undefined, remove) one scalar field of a job: `run`, `script`, `host`, `description`. */
  | { readonly op: 'setField'; readonly job: string; readonly key: JobTextField; readonly value?: string };

export const JOB_TEXT_FIELDS = ['run', 'script', 'host', 'description'] as const;
export type JobTextField = (typeof JOB_TEXT_FIELDS)[number];

/** Replace `length` characters at `offset` (UTF-16 offsets into the original text) with `text`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/** Either the edits (non-overlapping, in any order) or why the op cannot be applied. */
export type EditResult = { readonly edits: readonly TextEdit[] } | { readonly error: string };
