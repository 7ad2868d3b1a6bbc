// The one protocol between the extension host and the workflow editor's webview. Both sides
// import it; every message is a member of one of the two unions below, discriminated on `type`.
// The webview speaks first (`ready`); the host sends nothing before that.
import type { EditOp, JobTextField } from '../core/edit/edit-op.js';
import { JOB_TEXT_FIELDS } from '../core/edit/edit-op.js';
import type { GraphModel } from '../core/graph/graph-model.js';
import type { HostKind } from '../core/model/workflow.js';
import type { JobStatus } from '../core/model/status.js';
import type { ViewPatch } from './view-patch.js';

export type { ListPatch, ViewPatch } from './view-patch.js';

/** What a job cell shows; everything plain data so it crosses postMessage unchanged. */
export interface JobCell {
  readonly name: string;
  readonly host: string;
  readonly hostKind: HostKind;
  /** Which key holds the command; `undefined` for a job that has neither yet. */
  readonly commandKey?: Extract<JobTextField, 'run' | 'script'>;
  /** The full `run` text or the script path. */
  readonly command: string;
  readonly needs: readonly string[];
  readonly description?: string;
  /** 0-based line of the job's key in the file, for "reveal in text". */
  readonly line: number;
}

/** A problem in the file, shown above the graph; the Problems panel has the full list. */
export interface ViewProblem {
  readonly message: string;
  readonly line: number;
  readonly severity: 'error' | 'warning';
}

/** The document as the editor shows it: sent whole in `init` and `view`, or as a `viewPatch` to the last one. */
export interface WorkflowView {
  /** The text document's version this view was computed from. */
  readonly version: number;
  readonly format: 'ccwf' | 'cloudmesh';
  readonly graph: GraphModel;
  /** Jobs in topological order (file order among equals); a cycle's members come last, in file order. */
  readonly cells: readonly JobCell[];
  readonly hosts: readonly string[];
  readonly problems: readonly ViewProblem[];
}

/** Live state of one job in the latest run of this file. */
export interface JobLiveState {
  readonly job: string;
  readonly status: JobStatus;
  /** Fill colour for the status (the workflow's `colors`, or the defaults). */
  readonly fill: string;
  readonly progress?: number;
  readonly durationMs?: number;
  /** The last few lines of the job's log, newest last. */
  readonly tail?: readonly string[];
}

/** Which actions the webview may offer, and why not when it may not. */
export interface Capabilities {
  /** Editing the graph and cells; false for cloudmesh-cc files (read-only, convert instead). */
  readonly editable: boolean;
  /** Running jobs: false in Restricted Mode or until the runner commands exist. */
  readonly canRun: boolean;
  /** Shown as the tooltip of disabled run buttons. */
  readonly runDisabledReason?: string;
}

export type ToWebview =
  /** First message, answering `ready`: draw this document with these capabilities. */
  | { readonly type: 'init'; readonly view: WorkflowView; readonly capabilities: Capabilities }
  /** The text changed (any source): replace the view, re-layout only if the graph's shape changed. */
  | { readonly type: 'view'; readonly view: WorkflowView }
  /**
   * The text changed, and this says how from the view sent last (`patch.base`): apply it as a
   * `view`. One that does not fit the view held (never expected) is dropped, and `ready` sent
   * again for a fresh `init`.
   */
  | { readonly type: 'viewPatch'; readonly patch: ViewPatch }
  /** Trust or runner availability changed. */
  | { readonly type: 'capabilities'; readonly capabilities: Capabilities }
  /** Live run state, batched: apply to nodes and cells without re-layout. `reset` clears older state first. */
  | { readonly type: 'runState'; readonly runId: string; readonly jobs: readonly JobLiveState[]; readonly reset?: boolean }
  /** The text editor's cursor moved into this job: select it (no message back). */
  | { readonly type: 'select'; readonly job: string | undefined }
  /** An edit the webview asked for could not be made: show the reason. */
  | { readonly type: 'editFailed'; readonly reason: string };

export const WEBVIEW_COMMANDS = ['runWorkflow', 'runJob', 'runFromJob', 'cancelJob', 'showJobLog', 'exportSvg', 'convert'] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

export type FromWebview =
  /** The webview has loaded and listens: send `init`. */
  | { readonly type: 'ready' }
  /** Apply this structural edit to the text document (one undo step). */
  | { readonly type: 'edit'; readonly edit: EditOp }
  /** The user selected a job: reveal its key in a text editor beside, if one is open. */
  | { readonly type: 'selectJob'; readonly job: string }
  /** Open the file as text at the job's line. */
  | { readonly type: 'openInText'; readonly job?: string }
  /** Run a ccwf command for the document, for a job when given. */
  | { readonly type: 'command'; readonly command: WebviewCommand; readonly job?: string }
  /** Something failed inside the webview: log it in the extension's output. */
  | { readonly type: 'error'; readonly message: string };

/* Validation: the webview is untrusted input; the host checks every message before acting. */

const isString = (v: unknown): v is string => typeof v === 'string';
const isName = (v: unknown): v is string => isString(v) && v.length > 0 && v.length <= 1000;
const isOptional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);

function isEditOp(v: unknown): v is EditOp {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  switch (o.op) {
    case 'addJob':
      return isName(o.name) && isOptional(o.run, isString) && isOptional(o.host, isName) &&
        isOptional(o.needs, (n) => Array.isArray(n) && n.length <= 10_000 && n.every(isName));
    case 'deleteJob':
      return isName(o.name);
    case 'renameJob':
      return isName(o.from) && isName(o.to);
    case 'addNeed':
    case 'removeNeed':
      return isName(o.job) && isName(o.need);
    case 'setField':
      return isName(o.job) && (JOB_TEXT_FIELDS as readonly unknown[]).includes(o.key) && isOptional(o.value, isString);
    default:
      return false;
  }
}

/** The message if it is a well-formed `FromWebview`, else undefined (the caller logs and ignores it). */
export function parseFromWebview(v: unknown): FromWebview | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'edit':
      return isEditOp(m.edit) ? { type: 'edit', edit: m.edit } : undefined;
    case 'selectJob':
      return isName(m.job) ? { type: 'selectJob', job: m.job } : undefined;
    case 'openInText':
      return isOptional(m.job, isName) ? { type: 'openInText', ...(m.job === undefined ? {} : { job: m.job as string }) } : undefined;
    case 'command':
      if (!(WEBVIEW_COMMANDS as readonly unknown[]).includes(m.command) || !isOptional(m.job, isName)) return undefined;
      return { type: 'command', command: m.command as WebviewCommand, ...(m.job === undefined ? {} : { job: m.job as string }) };
    case 'error':
      return isString(m.message) ? { type: 'error', message: m.message.slice(0, 10_000) } : undefined;
    default:
      return undefined;
  }
}
