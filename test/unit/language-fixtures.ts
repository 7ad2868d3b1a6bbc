// Shared by the language feature tests: the `|` cursor fixtures, golden files, and one
// context (files, hosts, partitions, a last run) every fixture is answered against.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRange } from '../../src/core/model/source-range.js';
import type { RunState } from '../../src/core/store/run-state.js';
import { LineIndex } from '../../src/core/util/line-index.js';
import type { LanguageContext } from '../../src/language/types.js';
import { FIXTURES } from './helpers.js';

export const LANGUAGE_FIXTURES = join(FIXTURES, 'language');

/** Workflow files of one feature's fixture folder (`.ccwf`, and `.yaml` for cloudmesh-cc). */
export function fixtureFiles(feature: string): string[] {
  return readdirSync(join(LANGUAGE_FIXTURES, feature)).filter((f) => /\.(ccwf|yaml)$/.test(f) && !f.includes('.expected.'));
}

/** The fixture's text without its one `|` marker, and the marker's offset (the cursor). */
export function readCursorFixture(path: string): { text: string; offset: number } {
  const marked = readFileSync(path, 'utf8');
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0 && marked.indexOf('|', offset + 1) < 0, `${path} must have exactly one | (the cursor)`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Compares with `X.expected.json` beside the fixture; UPDATE_GOLDEN=1 (or a missing file) writes it. Review the diff. */
export function assertGolden(fixturePath: string, actual: unknown): void {
  const golden = fixturePath.replace(/\.(ccwf|yaml)$/, '.expected.json');
  const json = JSON.stringify(actual, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, json);
  assert.deepEqual(JSON.parse(json), JSON.parse(readFileSync(golden, 'utf8')));
}

/** `LINE:COL-LINE:COL text`, 1-based, so golden files say where and what. */
export function showRange(text: string, range: SourceRange): string {
  const index = new LineIndex(text);
  const a = index.position(range.start);
  const b = index.position(range.end);
  return `${a.line}:${a.column}-${b.line}:${b.column} ${text.slice(range.start, range.end)}`;
}

const FILES: Record<string, Array<{ name: string; isDirectory: boolean }>> = {
  '': [
    { name: 'fetch.sh', isDirectory: false },
    { name: 'train.py', isDirectory: false },
    { name: 'README.md', isDirectory: false },
    { name: 'scripts', isDirectory: true },
    { name: 'data', isDirectory: true },
    { name: '.ccwf', isDirectory: true },
  ],
  scripts: [
    { name: 'clean.sh', isDirectory: false },
    { name: 'report.ipynb', isDirectory: false },
    { name: 'lib', isDirectory: true },
  ],
};

const lastRun: RunState = {
  runId: '20240501-120000-ab12',
  status: 'failed',
  workflowFile: '/work/flow.ccwf',
  startedAt: 1_000,
  endedAt: 9_000,
  pid: 1,
  hostname: 'here',
  jobs: new Map([
    ['fetch', { name: 'fetch', status: 'done', attempt: 1, values: {}, startedAt: 1_000, endedAt: 2_200, exitCode: 0 }],
    ['train', { name: 'train', status: 'failed', attempt: 2, values: {}, startedAt: 2_300, endedAt: 5_300, exitCode: 1 }],
    ['report', { name: 'report', status: 'skipped', attempt: 0, values: {} }],
  ]),
};

/** What the editor would know: a folder of files, hosts from ~/.ssh/config, a cluster's partitions, the last run. */
export const TEST_CONTEXT: LanguageContext = {
  extraHosts: [
    { name: 'gpu-box', kind: 'ssh', source: '~/.ssh/config' },
    { name: 'shared', kind: 'slurm', source: 'setting ccwf.hosts' },
  ],
  listDir: (relative) => FILES[relative] ?? [],
  fileExists: (relative) => Object.entries(FILES).some(([dir, entries]) => entries.some((e) => (dir ? `${dir}/${e.name}` : e.name) === relative)),
  partitions: (host) => (host === 'hpc' ? ['debug', 'gpu', 'long'] : []),
  lastRun,
};
