import { formatDuration } from '../core/parse/duration.js';
import type { Analysis } from './analysis.js';
import { durationOf } from './describe.js';
import type { JobLens, LanguageContext } from './types.js';

/** One lens per job, on its key, with how the job did in the last run when there was one. */
export function jobLenses(analysis: Analysis, context: LanguageContext = {}): JobLens[] {
  const lenses: JobLens[] = [];
  const run = context.lastRun; // may read the run record from disk: once
  for (const job of analysis.workflow.jobs.values()) {
    const state = run?.jobs.get(job.name);
    const took = state && durationOf(state);
    lenses.push({
      job: job.name,
      range: job.nameRange,
      ...(state ? { status: state.status } : {}),
      ...(took !== undefined ? { durationMs: took } : {}),
    });
  }
  return lenses;
}

/** The lens's text: `done · 1.2s`, `failed · 3.0s`, `running`, or `not run yet`. */
export function lensTitle(lens: JobLens): string {
  if (lens.status === undefined) return 'not run yet';
  return lens.durationMs === undefined ? lens.status : `${lens.status} · ${formatDuration(lens.durationMs)}`;
}
