import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEditOp, applyTextEdits } from '../../src/core/edit/apply-edit-op.js';
import { JOB_TEXT_FIELDS, type EditOp, type JobTextField } from '../../src/core/edit/edit-op.js';
import { parseWorkflow } from '../../src/core/parse/parse-workflow.js';
import { EXAMPLES, FIXTURES } from './helpers.js';

/**
 * Property: any sequence of valid graph edits keeps the file readable, and after each one the
 * file describes exactly what a plain in-memory model of the jobs says it should. The model
 * here is kept by this test alone, from the op semantics, not by the code under test.
 */

interface ModelJob {
  name: string;
  needs: string[];
  fields: Partial<Record<JobTextField, string>>;
}

/** mulberry32: small, seeded, good enough to pick ops; a failure names its seed and step. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const NAMES = ['a b', 'foo:bar', '#x', 'true', '123', '- dash', "it's", 'x, y', '[z]', '{w}', 'ünï', 'key: v', '*star', '&amp', '!bang', '"dq"', 'null', '~'];
const VALUES = ['echo hi', 'two\nlines', 'ends with newline\n', '  leading\nspaces', 'colon: inside', '# hash', 'quote \' and "', '', 'trailing ', 'x  \ny', 'a\n\nb', 'ünï'];

function modelOf(text: string): ModelJob[] {
  return [...parseWorkflow(text).workflow.jobs.values()].map((job) => {
    const fields: ModelJob['fields'] = {};
    if (job.run !== undefined) fields.run = job.run;
    if (job.script !== undefined) fields.script = job.script;
    if ('host' in job.valueRanges) fields.host = job.host;
    if (job.description !== undefined) fields.description = job.description;
    return { name: job.name, needs: job.needs.map((n) => n.job), fields };
  });
}

/** Whether `from` reaches `to` through needs (so `to` needing `from` would close a loop). */
function reaches(model: ModelJob[], from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at === to) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...(model.find((j) => j.name === at)?.needs.filter((n) => model.some((j) => j.name === n)) ?? []));
  }
  return false;
}

/** A random op and what it should do to the model: `false` when it must be refused. */
function randomOp(model: ModelJob[], next: () => number, counter: { n: number }): { op: EditOp; apply: (m: ModelJob[]) => ModelJob[] | false } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const names = model.map((j) => j.name);
  const freshName = () => {
    const name = next() < 0.6 ? pick(NAMES) : `job${counter.n++}`;
    return names.includes(name) ? `${name}-${counter.n++}` : name;
  };
  const kind = names.length === 0 ? 'addJob' : pick(['addJob', 'deleteJob', 'renameJob', 'addNeed', 'addNeed', 'removeNeed', 'setField', 'setField'] as const);
  if (kind === 'addJob') {
    const name = freshName();
    const needs = names.filter(() => next() < 0.3).slice(0, 3);
    const run = next() < 0.8 ? pick(VALUES) : undefined;
    const host = next() < 0.2 ? 'local' : undefined;
    const op: EditOp = { op: 'addJob', name, needs, ...(run !== undefined ? { run } : {}), ...(host ? { host } : {}) };
    const fields = { ...(run !== undefined ? { run } : {}), ...(host ? { host } : {}) };
    return { op, apply: (m) => [...m, { name, needs, fields }] };
  }
  const job = pick(names);
  if (kind === 'deleteJob') {
    return { op: { op: 'deleteJob', name: job }, apply: (m) => m.filter((j) => j.name !== job).map((j) => ({ ...j, needs: j.needs.filter((n) => n !== job) })) };
  }
  if (kind === 'renameJob') {
    const to = freshName();
    const rename = (n: string) => (n === job ? to : n);
    return { op: { op: 'renameJob', from: job, to }, apply: (m) => m.map((j) => ({ ...j, name: rename(j.name), needs: j.needs.map(rename) })) };
  }
  if (kind === 'addNeed') {
    const need = pick(names);
    const apply = (m: ModelJob[]) => {
      const target = m.find((j) => j.name === job)!;
      if (need === job) return false;
      if (target.needs.includes(need)) return m;
      if (reaches(m, need, job)) return false;
      return m.map((j) => (j === target ? { ...j, needs: [...j.needs, need] } : j));
    };
    return { op: { op: 'addNeed', job, need }, apply };
  }
  if (kind === 'removeNeed') {
    const need = pick([...model.find((j) => j.name === job)!.needs, pick(names)]);
    return { op: { op: 'removeNeed', job, need }, apply: (m) => m.map((j) => (j.name === job ? { ...j, needs: j.needs.filter((n) => n !== need) } : j)) };
  }
  const key = pick(JOB_TEXT_FIELDS);
  const value = next() < 0.25 ? undefined : key === 'host' ? pick(['local', 'hpc', 'a b']) : pick(VALUES);
  const apply = (m: ModelJob[]) =>
    m.map((j) => {
      if (j.name !== job) return j;
      const fields = { ...j.fields };
      if (value === undefined) delete fields[key];
      else fields[key] = value;
      return { ...j, fields };
    });
  return { op: { op: 'setField', job, key, ...(value !== undefined ? { value } : {}) }, apply };
}

const read = (...path: string[]) => readFileSync(join(...path), 'utf8');
const SOURCES: Record<string, string> = {
  quickstart: read(EXAMPLES, 'quickstart', 'quickstart.ccwf'),
  pipeline: read(FIXTURES, 'edit', 'pipeline.ccwf'),
  'pipeline (CRLF)': read(FIXTURES, 'edit', 'pipeline.ccwf').replace(/\n/g, '\r\n'),
  'ok (jobs in {...})': read(FIXTURES, 'diagnostics', 'ok.ccwf'),
  cycle: read(FIXTURES, 'diagnostics', 'cycle.ccwf'),
  'bad-values': read(FIXTURES, 'diagnostics', 'bad-values.ccwf'),
  'unknown-need': read(FIXTURES, 'diagnostics', 'unknown-need.ccwf'),
  empty: '',
};

describe('random sequences of graph edits', () => {
  for (const [label, source] of Object.entries(SOURCES)) {
    it(`keep ${label} readable and equal to an independent model`, () => {
      const seed = [...label].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
      const next = prng(seed);
      const counter = { n: 0 };
      let text = source;
      let model = modelOf(text);
      for (let step = 0; step < 60; step++) {
        const { op, apply } = randomOp(model, next, counter);
        const expected = apply(model);
        const result = applyEditOp(text, op);
        const where = `seed ${seed}, step ${step}, ${JSON.stringify(op)}\n${text}`;
        if (expected === false) {
          assert.ok('error' in result, `should be refused: ${where}`);
          continue;
        }
        if ('error' in result) assert.fail(`refused (${result.error}): ${where}`);
        text = applyTextEdits(text, result.edits);
        const yamlErrors = parseWorkflow(text).diagnostics.filter((d) => d.code === 'yaml-syntax' || d.code === 'duplicate-key');
        assert.deepEqual(yamlErrors, [], where);
        assert.deepEqual(modelOf(text), expected, where);
        if (source.includes('\r\n')) assert.ok(!/[^\r]\n/.test(text), `a bare LF crept in: ${where}`);
        model = expected;
      }
    });
  }
});
