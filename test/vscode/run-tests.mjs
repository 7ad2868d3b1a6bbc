#!/usr/bin/env node
// Runs test/vscode/suite inside a real VS Code extension host: code-server (the VS Code 1.96
// workbench served by node) opened in headless Chromium through playwright-core. Its extension
// host is a remote (node) one, as under Remote-SSH. See shared/recipes/real-vscode.md.
//
//   node test/vscode/run-tests.mjs        (runs test/vscode/install.sh first when needed)
//
// Prints each test, then `N passed, N failed`; exits non-zero on failure or timeout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, watch, writeFileSync, createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(ROOT, '.cache/code-server');
const CODE_SERVER = join(CACHE, 'node_modules/.bin/code-server');
// Inside the repo so the bundles' `require('mocha')` finds the repo's node_modules.
const SUITE_OUT = join(ROOT, '.cache/vscode-test/suite');
const TIMEOUT_MS = Number(process.env.CCWF_VSCODE_TEST_TIMEOUT_MS ?? 180_000);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The development folder VS Code loads the extension from; its own manifest until the root one has these fields. */
const EXTENSION_MANIFEST = {
  name: 'ccwf',
  publisher: 'ccwf',
  version: '0.0.0-test',
  engines: { vscode: '^1.96.0' },
  main: './dist/extension.cjs',
  activationEvents: ['onCommand:ccwf.hello'],
  contributes: { commands: [{ command: 'ccwf.hello', title: 'Hello', category: 'ccwf' }] },
};

const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), 'ccwf-vscode-test-'));
let codeServer;
let browser;
let exitCode = 1;
try {
  ensureInstalled();
  const extensionDir = await buildExtension(join(tmp, 'extension'));
  await buildSuite(SUITE_OUT);
  const resultsFile = join(tmp, 'results', 'results.json');
  mkdirSync(dirname(resultsFile));
  const workspace = join(tmp, 'workspace');
  mkdirSync(workspace);

  const port = await freePort();
  codeServer = await startCodeServer(port, workspace, resultsFile);
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${extensionDir}`],
    ['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${join(SUITE_OUT, 'index.cjs')}`],
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const { chromium } = createRequire(join(CACHE, 'package.json'))('playwright-core');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const browserLog = createWriteStream(join(tmp, 'browser.log'));
  page.on('console', (m) => browserLog.write(`[${m.type()}] ${m.text()}\n`));
  await page.goto(url);

  const results = await waitForFile(resultsFile, TIMEOUT_MS - (Date.now() - started), codeServer.extensionHostExited);
  if (!results) {
    console.error(`No results: the extension host exited without writing them, or ${TIMEOUT_MS / 1000} s passed.`);
    dumpLogs();
    console.log('0 passed, 1 failed');
  } else {
    exitCode = report(JSON.parse(results)) ? 0 : 1;
    if (exitCode) dumpLogs();
  }
} catch (e) {
  console.error(e);
  dumpLogs();
  console.log('0 passed, 1 failed');
} finally {
  await browser?.close().catch(() => {});
  if (codeServer?.pid) {
    try { process.kill(-codeServer.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (!process.env.CCWF_VSCODE_TEST_KEEP) rmSync(tmp, { recursive: true, force: true });
  else console.error(`kept ${tmp}`);
}
console.error(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(exitCode);

function ensureInstalled() {
  if (existsSync(CODE_SERVER) && readdirSync(CACHE).some((f) => f.startsWith('.installed-'))) return;
  const r = spawnSync('bash', [join(ROOT, 'test/vscode/install.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('test/vscode/install.sh failed');
}

async function buildExtension(dir) {
  await esbuild.build({
    entryPoints: [join(ROOT, 'src/extension/extension.ts')],
    outfile: join(dir, 'dist/extension.cjs'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'],
    sourcemap: true, logLevel: 'warning',
  });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(EXTENSION_MANIFEST, null, 2));
  return dir;
}

async function buildSuite(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  const suiteDir = join(ROOT, 'test/vscode/suite');
  const entries = readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
  await esbuild.build({
    entryPoints: entries.map((f) => join(suiteDir, f)),
    outdir, outExtension: { '.js': '.cjs' },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode', 'mocha'],
    sourcemap: true, logLevel: 'warning',
  });
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer().once('error', rej).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Starts code-server in its own process group (so it and its extension hosts die together). */
function startCodeServer(port, workspace, resultsFile) {
  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
  }));
  const log = createWriteStream(join(tmp, 'code-server.log'));
  const child = spawn(CODE_SERVER, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--config', join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', join(tmp, 'extensions'), workspace,
  ], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CCWF_VSCODE_TEST_RESULTS: resultsFile },
  });
  return new Promise((res, rej) => {
    let seen = '';
    const onData = (d) => {
      log.write(d);
      seen += d;
      if (seen.includes('HTTP server listening')) res(child);
      // The extension host exits once run() settles; if it exits without results, don't wait out the timeout.
      if (/Extension Host Process exited/.test(d)) child.emit('extension-host-exited');
    };
    child.extensionHostExited = new Promise((r) => child.once('extension-host-exited', r));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => rej(new Error(`code-server exited with ${code} before listening:\n${seen}`)));
  });
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

function dumpLogs() {
  for (const name of ['code-server.log', 'browser.log']) {
    const f = join(tmp, name);
    if (!existsSync(f)) continue;
    const lines = readFileSync(f, 'utf8').trimEnd().split('\n');
    console.error(`--- last lines of ${name} ---\n${lines.slice(-40).join('\n')}`);
  }
}
