#!/usr/bin/env node
// The same extension-host suites under @vscode/test-electron, for machines that can download a
// desktop VS Code (this one cannot: see run-tests.mjs for the code-server route used in CI).
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSuite, ensureBuilt, ROOT, SUITE_FILES, SUITE_OUT } from './workbench.mjs';

ensureBuilt();
await buildSuite();

const workspace = mkdtempSync(join(tmpdir(), 'ccwf-electron-'));
for (const [name, from] of Object.entries(SUITE_FILES)) cpSync(join(ROOT, from), join(workspace, name), { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(SUITE_OUT, 'index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`@vscode/test-electron: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
