// Entry that VS Code's extension host calls (`extensionTestsPath`): runs the mocha suites beside
// this bundle and writes the results as JSON to $CCWF_VSCODE_TEST_RESULTS, because the extension
// host's console is not the harness's: a file is the one channel both sides see. The same run()
// works under @vscode/test-electron.
import type MochaClass from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// mocha 12's main entry is ESM, which the extension host's require() does not hand back as a
// constructor; its CommonJS build is.
const Mocha: typeof MochaClass = require('mocha/lib/mocha.cjs');

export interface TestResult {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
  /** Set when the suite could not run at all (load error, crash). */
  fatal?: string;
}

export async function run(): Promise<void> {
  const resultsFile = process.env.CCWF_VSCODE_TEST_RESULTS;
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, tests: [] };
  try {
    const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, reporter: 'spec', color: false });
    // One extension host is trusted, another is in Restricted Mode; each runs the suites meant for it.
    const restricted = process.env.CCWF_VSCODE_TEST_RESTRICTED === '1';
    for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.test.cjs') && f.endsWith('.restricted.test.cjs') === restricted).sort()) {
      mocha.addFile(join(__dirname, f));
    }
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => {
        results.passed++;
        results.tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 });
      });
      runner.on('fail', (t, err: Error) => {
        results.failed++;
        results.tests.push({
          title: t.title,
          fullTitle: t.fullTitle(),
          state: 'failed',
          durationMs: t.duration ?? 0,
          error: err.stack ?? String(err),
        });
      });
      runner.on('pending', (t) => {
        results.pending++;
        results.tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'pending', durationMs: 0 });
      });
    });
  } catch (e) {
    results.fatal = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  if (results.fatal || results.failed > 0) throw new Error(`${results.failed} test(s) failed${results.fatal ? `: ${results.fatal}` : ''}`);
}
