import { JOB_STATUSES } from '../../src/core/model/status.js';
import type { Capabilities, JobLiveState, ToWebview, ViewPatch, WorkflowView } from '../../src/protocol/messages.js';

// The host is trusted, but a message from a newer or older extension, or a stray message from
// elsewhere, must not break the editor: anything that is not a well-formed `ToWebview` is dropped.

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const shape = (fields: Record<string, Check>): Check => (v) =>
  isObject(v) && Object.entries(fields).every(([key, check]) => check(v[key]));

const isStatus: Check = (v) => (JOB_STATUSES as readonly unknown[]).includes(v);

const isNode = shape({ id: isString, label: isString, host: isString, hostKind: isString, command: isString, status: isStatus, fill: isString });
const isEdge = shape({ id: isString, source: isString, target: isString });
const isGraph = shape({ title: optional(isString), nodes: arrayOf(isNode), edges: arrayOf(isEdge) });

const isCell = shape({
  name: isString,
  host: isString,
  hostKind: isString,
  commandKey: optional((v) => v === 'run' || v === 'script'),
  command: isString,
  needs: arrayOf(isString),
  description: optional(isString),
  line: isNumber,
});

const isProblem = shape({ message: isString, line: isNumber, severity: (v) => v === 'error' || v === 'warning' });

const isView = shape({
  version: isNumber,
  format: (v) => v === 'ccwf' || v === 'cloudmesh',
  graph: isGraph,
  cells: arrayOf(isCell),
  hosts: arrayOf(isString),
  problems: arrayOf(isProblem),
});

/** A `ListPatch`: `{ all }`, or `{ changed }` as [index, item] pairs (indices are checked on apply). */
const listPatchOf = (item: Check): Check => (v) =>
  isObject(v) && ('all' in v ? arrayOf(item)(v.all) : arrayOf((p) => Array.isArray(p) && p.length === 2 && isNumber(p[0]) && item(p[1]))(v.changed));

const isViewPatch = shape({
  base: isNumber,
  version: isNumber,
  nodes: optional(listPatchOf(isNode)),
  edges: optional(listPatchOf(isEdge)),
  cells: optional(listPatchOf(isCell)),
  hosts: optional(arrayOf(isString)),
  problems: optional(arrayOf(isProblem)),
});

const isCapabilities = shape({ editable: (v) => typeof v === 'boolean', canRun: (v) => typeof v === 'boolean', runDisabledReason: optional(isString) });

const isLiveState = shape({
  job: isString,
  status: isStatus,
  fill: isString,
  progress: optional(isNumber),
  durationMs: optional(isNumber),
  tail: optional(arrayOf(isString)),
});

/** The message if it is a well-formed `ToWebview`, else undefined. */
export function parseToWebview(v: unknown): ToWebview | undefined {
  if (!isObject(v)) return undefined;
  switch (v.type) {
    case 'init':
      return isView(v.view) && isCapabilities(v.capabilities)
        ? { type: 'init', view: v.view as WorkflowView, capabilities: v.capabilities as Capabilities }
        : undefined;
    case 'view':
      return isView(v.view) ? { type: 'view', view: v.view as WorkflowView } : undefined;
    case 'viewPatch':
      return isViewPatch(v.patch) ? { type: 'viewPatch', patch: v.patch as ViewPatch } : undefined;
    case 'capabilities':
      return isCapabilities(v.capabilities) ? { type: 'capabilities', capabilities: v.capabilities as Capabilities } : undefined;
    case 'runState':
      return isString(v.runId) && arrayOf(isLiveState)(v.jobs) && optional((r) => typeof r === 'boolean')(v.reset)
        ? { type: 'runState', runId: v.runId as string, jobs: v.jobs as JobLiveState[], ...(v.reset === true ? { reset: true } : {}) }
        : undefined;
    case 'select':
      return optional(isString)(v.job) ? { type: 'select', job: v.job as string | undefined } : undefined;
    case 'editFailed':
      return isString(v.reason) ? { type: 'editFailed', reason: v.reason as string } : undefined;
    default:
      return undefined;
  }
}
