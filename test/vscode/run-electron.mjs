#!/usr/bin/env node
// The same extension-host suites under @vscode/test-electron, for machines that can download a
// desktop VS Code (this one cannot: see run-tests.mjs for the code-server route used in CI).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSuite, ensureBuilt, ROOT, SUITE_FILES, SUITE_OUT } from './workbench.mjs';

ensureBuilt();
await buildSuite();

const { withSshWorkspace } = await import('./ssh-workspace.ts');
const tmp = mkdtempSync(join(tmpdir(), 'ccwf-electron-'));
const workspace = join(tmp, 'workspace');
const userData = join(tmp, 'user-data');
try {
  await withSshWorkspace(ROOT, async ({ folder, settings }) => {
    for (const [name, from] of Object.entries({ ...SUITE_FILES, remote: folder })) cpSync(resolve(ROOT, from), join(workspace, name), { recursive: true });
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings));
    await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(SUITE_OUT, 'index.cjs'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData],
    });
  });
} catch (e) {
  console.error(`@vscode/test-electron: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
