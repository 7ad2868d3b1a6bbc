import { JOB_TEXT_FIELDS, type EditOp, type JobTextField } from './edit-op.js';
import { refuse } from './refusal.js';

/**
 * An op as the edit code uses it: checked at run time (ops arrive from a webview as JSON),
 * `needs` without repeats, and text with `\n` line breaks, the only kind a YAML value can hold
 * (the file's own line breaks are chosen when writing).
 */
export type NormalOp =
  | { readonly op: 'addJob'; readonly name: string; readonly run?: string; readonly needs: readonly string[]; readonly host?: string }
  | { readonly op: 'deleteJob'; readonly name: string }
  | { readonly op: 'renameJob'; readonly from: string; readonly to: string }
  | { readonly op: 'addNeed' | 'removeNeed'; readonly job: string; readonly need: string }
  | { readonly op: 'setField'; readonly job: string; readonly key: JobTextField; readonly value?: string };

export function normalizeOp(op: EditOp): NormalOp {
  const o = (typeof op === 'object' && op !== null ? op : {}) as Record<string, unknown>;
  switch (o.op as EditOp['op']) {
    case 'addJob': {
      const run = optionalText(o.run, 'run');
      const host = optionalText(o.host, 'host');
      if (o.needs !== undefined && !Array.isArray(o.needs)) refuse("'needs' must be a list of job names.");
      const needs = [...new Set(((o.needs ?? []) as unknown[]).map((n) => text(n, 'need')))];
      return { op: 'addJob', name: newName(o.name), needs, ...(run !== undefined ? { run } : {}), ...(host !== undefined ? { host } : {}) };
    }
    case 'deleteJob':
      return { op: 'deleteJob', name: text(o.name, 'name') };
    case 'renameJob':
      return { op: 'renameJob', from: text(o.from, 'from'), to: newName(o.to) };
    case 'addNeed':
    case 'removeNeed':
      return { op: o.op as 'addNeed' | 'removeNeed', job: text(o.job, 'job'), need: text(o.need, 'need') };
    case 'setField': {
      if (!(JOB_TEXT_FIELDS as readonly unknown[]).includes(o.key)) refuse(`Only ${JOB_TEXT_FIELDS.join(', ')} can be set this way.`);
      const value = optionalText(o.value, 'value');
      return { op: 'setField', job: text(o.job, 'job'), key: o.key as JobTextField, ...(value !== undefined ? { value } : {}) };
    }
    default:
      return refuse(`Unknown edit '${String(o.op)}'.`);
  }
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') refuse(`The edit's '${what}' must be text.`);
  return value;
}

function optionalText(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : text(value, what).replace(/\r\n?/g, '\n');
}

/** Names the graph creates: visible, one line, no edge spaces a person could not see. */
function newName(value: unknown): string {
  const name = text(value, 'name');
  if (name.length === 0 || /[\r\n]/.test(name) || name.trim() !== name) {
    refuse('A job name must be one line of text, not empty, without spaces at either end.');
  }
  return name;
}
