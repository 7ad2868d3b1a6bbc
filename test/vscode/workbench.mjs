// Starts a real VS Code workbench for tests: code-server (the VS Code 1.96 workbench served by
// node) in headless Chromium through playwright-core, with this repository loaded as the extension
// under development. Its extension host is a remote (node) one, as under Remote-SSH. Used by the
// extension-host suites (run-tests.mjs) and the UI suites (ui/*.test.ts).
// See shared/recipes/real-vscode.md for why each step is there.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(ROOT, '.cache/code-server');
const CODE_SERVER = join(CACHE, 'node_modules/.bin/code-server');
// Inside the repo so the bundles' `require('mocha')` finds the repo's node_modules.
export const SUITE_OUT = join(ROOT, '.cache/vscode-test/suite');
/** The workspace the extension-host suites open: copies, so tests may edit them. */
export const SUITE_FILES = { quickstart: 'examples/quickstart', cloudmesh: 'test/fixtures/cloudmesh', runs: 'test/fixtures/runs' };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const BASE_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

export function ensureInstalled() {
  if (existsSync(CODE_SERVER) && readdirSync(CACHE).some((f) => f.startsWith('.installed-'))) return;
  const r = spawnSync('bash', [join(ROOT, 'test/vscode/install.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('test/vscode/install.sh failed');
}

/** Builds dist/ (extension, webview) unless the caller already did (`npm test` builds first). */
export function ensureBuilt() {
  if (process.env.CCWF_SKIP_BUILD && existsSync(join(ROOT, 'dist/extension.cjs'))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'esbuild.config.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the build failed');
}

/** Bundles test/vscode/suite (index + *.test.ts) into SUITE_OUT as CommonJS for the extension host. */
export async function buildSuite() {
  rmSync(SUITE_OUT, { recursive: true, force: true });
  const suiteDir = join(ROOT, 'test/vscode/suite');
  const entries = readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
  await esbuild.build({
    entryPoints: entries.map((f) => join(suiteDir, f)),
    outdir: SUITE_OUT, outExtension: { '.js': '.cjs' },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode', 'mocha'],
    sourcemap: true, logLevel: 'warning',
  });
}

/**
 * Opens a workbench on a fresh workspace holding copies of `files` ({name in workspace: path in
 * the repo}). `trusted: false` opens it in Restricted Mode. `tests` is the extension-host test
 * entry (extensionTestsPath), if any. Resolves once the page is loaded (not yet the workbench).
 */
export async function openWorkbench({ files = {}, trusted = true, settings = {}, tests, env = {}, theme } = {}) {
  ensureInstalled();
  const tmp = mkdtempSync(join(process.env.CCWF_TEST_TMP ?? tmpdir(), 'ccwf-workbench-'));
  const workspace = join(tmp, 'workspace');
  mkdirSync(workspace);
  for (const [name, from] of Object.entries(files)) cpSync(resolve(ROOT, from), join(workspace, name), { recursive: true });
  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
    ...BASE_SETTINGS,
    'security.workspace.trust.enabled': !trusted,
    ...(theme ? { 'workbench.colorTheme': theme } : {}),
    ...settings,
  }, null, 2));
  const port = await freePort();
  const server = await startCodeServer({ tmp, port, workspace, userData, env });
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${ROOT}`]];
  if (tests) payload.push(['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${tests}`]);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const { chromium } = createRequire(join(CACHE, 'package.json'))('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const browserLog = createWriteStream(join(tmp, 'browser.log'));
  page.on('console', (m) => browserLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => browserLog.write(`[pageerror] ${e.message}\n`));
  await page.goto(url);

  return {
    page, workspace, tmp, server,
    /** Last lines of code-server's and the browser's logs, for failure reports. */
    logs() {
      return ['code-server.log', 'browser.log'].map((name) => {
        const f = join(tmp, name);
        const lines = existsSync(f) ? readFileSync(f, 'utf8').trimEnd().split('\n') : [];
        return `--- last lines of ${name} ---\n${lines.slice(-40).join('\n')}`;
      }).join('\n');
    },
    async close() {
      await browser.close().catch(() => {});
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
      if (!process.env.CCWF_VSCODE_TEST_KEEP) rmSync(tmp, { recursive: true, force: true });
      else console.error(`kept ${tmp}`);
    },
  };
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
function startCodeServer({ tmp, port, workspace, userData, env }) {
  const log = createWriteStream(join(tmp, 'code-server.log'));
  const child = spawn(CODE_SERVER, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--config', join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', join(tmp, 'extensions'), workspace,
  ], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  return new Promise((res, rej) => {
    let seen = '';
    const onData = (d) => {
      log.write(d);
      seen += d;
      if (seen.includes('HTTP server listening')) res(child);
      // In test mode the extension host exits once run() settles; if it exits without results, don't wait out the timeout.
      if (/Extension Host Process exited/.test(d)) child.emit('extension-host-exited');
    };
    child.extensionHostExited = new Promise((r) => child.once('extension-host-exited', r));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => rej(new Error(`code-server exited with ${code} before listening:\n${seen}`)));
  });
}
