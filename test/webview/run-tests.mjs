#!/usr/bin/env node
// Runs the webview's browser tests (test/webview/*.test.ts) against the built bundle in headless
// Chromium. Rebuilds first when dist/webview/main.js is older than any source it is built from.
//
//   node test/webview/run-tests.mjs [mocha arguments, e.g. --grep "1,000"]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const BUNDLE = join(ROOT, 'dist/webview/main.js');
const SOURCES = ['webview', 'src/core', 'src/protocol', 'esbuild.config.mjs', 'package-lock.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const builtAt = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
if (sourcesAt > builtAt) {
  console.error('dist/webview is stale: building (node esbuild.config.mjs)…');
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const mocha = spawnSync(process.execPath, [
  join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--config', join(ROOT, 'test/webview/.mocharc.json'), ...process.argv.slice(2),
], { cwd: ROOT, stdio: 'inherit' });
process.exit(mocha.status ?? 1);
