#!/usr/bin/env node
// Runs the suites inside a real VS Code (see workbench.mjs):
//   1. test/vscode/suite/*.test.ts — mocha inside the extension host, real `vscode` API;
//   2. test/vscode/ui/*.test.ts    — mocha in node driving the workbench page with Playwright.
//
//   node test/vscode/run-tests.mjs [--host-only | --ui-only]
//
// Prints each test, then `N passed, N failed`; exits non-zero on failure or timeout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSuite, ensureBuilt, ensureInstalled, openWorkbench, ROOT, SUITE_FILES, SUITE_OUT } from './workbench.mjs';

const TIMEOUT_MS = Number(process.env.CCWF_VSCODE_TEST_TIMEOUT_MS ?? 300_000);

const started = Date.now();
const only = process.argv[2];
ensureInstalled();
ensureBuilt();
process.env.CCWF_SKIP_BUILD = '1';
let ok = true;
if (only !== '--ui-only') {
  // The ssh suite runs against a real sshd on 127.0.0.1 (loaded through tsx: the fixture is TypeScript).
  const { withSshWorkspace } = await import('./ssh-workspace.ts');
  ok = (await withSshWorkspace(ROOT, ({ folder, settings }) => runHostSuites({ trusted: true, files: { remote: folder }, settings }))) && ok;
  ok = (await runHostSuites({ trusted: false })) && ok;
}
if (only !== '--host-only') ok = runUiSuites() && ok;
console.error(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(ok ? 0 : 1);

async function runHostSuites({ trusted, files = {}, settings = {} }) {
  console.log(`\nExtension-host suites, ${trusted ? 'trusted workspace' : 'Restricted Mode'}:`);
  await buildSuite();
  const resultsDir = join(ROOT, '.cache/vscode-test/results');
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, 'results.json');
  const workbench = await openWorkbench({
    files: { ...SUITE_FILES, ...files },
    settings,
    trusted,
    tests: join(SUITE_OUT, 'index.cjs'),
    env: { CCWF_VSCODE_TEST_RESULTS: resultsFile, CCWF_VSCODE_TEST_RESTRICTED: trusted ? '0' : '1' },
  });
  try {
    const results = await waitForFile(resultsFile, TIMEOUT_MS - (Date.now() - started), workbench.server.extensionHostExited);
    if (!results) {
      console.error(`No results: the extension host exited without writing them, or ${TIMEOUT_MS / 1000} s passed.`);
      console.error(workbench.logs());
      console.log('0 passed, 1 failed');
      return false;
    }
    const passed = report(JSON.parse(results));
    if (!passed) console.error(workbench.logs());
    return passed;
  } finally {
    await workbench.close();
  }
}

function runUiSuites() {
  const r = spawnSync(process.execPath, [
    join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--config', join(ROOT, 'test/vscode/ui/.mocharc.json'),
  ], { cwd: ROOT, stdio: 'inherit' });
  return r.status === 0;
}

/** Resolves with the file's text once it is written, or undefined after ms or once `giveUp` settles. */
function waitForFile(file, ms, giveUp) {
  return new Promise((res) => {
    const dir = dirname(file);
    const done = (v) => { clearTimeout(timer); watcher.close(); res(v); };
    const check = () => {
      if (!existsSync(file)) return;
      const text = readFileSync(file, 'utf8');
      try { JSON.parse(text); done(text); } catch { /* still being written */ }
    };
    const watcher = watch(dir, check);
    const timer = setTimeout(() => done(undefined), Math.max(ms, 0));
    giveUp.then(() => { check(); done(undefined); });
    check();
  });
}

function report(results) {
  console.log('extension host suites');
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? '  ✔' : t.state === 'failed' ? '  ✘' : '  -';
    console.log(`${mark} ${t.fullTitle}${t.state === 'passed' ? ` (${t.durationMs} ms)` : ''}`);
    if (t.error) console.log(t.error.replace(/^/gm, '      '));
  }
  if (results.fatal) console.log(`suite could not run:\n${results.fatal}`);
  const failed = results.failed + (results.fatal ? 1 : 0);
  console.log(`\n${results.passed} passed, ${failed} failed${results.pending ? `, ${results.pending} skipped` : ''}`);
  return failed === 0 && results.passed > 0;
}
