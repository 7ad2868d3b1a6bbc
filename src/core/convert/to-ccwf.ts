import { stringify } from 'yaml';
import type { Workflow } from '../model/workflow.js';

/** Writes any loaded workflow (cloudmesh-cc's format included) in the native `.ccwf` form. */
export function toCcwfText(workflow: Workflow, name?: string): string {
  const hosts: Record<string, unknown> = {};
  for (const host of workflow.hosts.values()) {
    if (host.name === 'local' && host.kind === 'local') continue;
    const { name: _name, range: _range, nameRange: _nameRange, ...rest } = host;
    hosts[host.name] = rest;
  }
  const jobs: Record<string, unknown> = {};
  for (const job of workflow.jobs.values()) {
    jobs[job.name] = {
      ...(job.description ? { description: job.description } : {}),
      ...(job.run !== undefined ? { run: job.run } : {}),
      ...(job.script !== undefined ? { script: job.script } : {}),
      ...(job.args.length ? { args: [...job.args] } : {}),
      ...(Object.keys(job.env).length ? { env: { ...job.env } } : {}),
      ...(job.host !== 'local' ? { host: job.host } : {}),
      ...(job.needs.length ? { needs: job.needs.map((n) => n.job) } : {}),
      ...(job.retries ? { retries: job.retries } : {}),
      ...(job.label !== undefined ? { label: job.label } : {}),
    };
  }
  const doc = {
    ...((workflow.name ?? name) ? { name: workflow.name ?? name } : {}),
    ...(Object.keys(hosts).length ? { hosts } : {}),
    jobs,
  };
  return stringify(doc, { lineWidth: 0 });
}
