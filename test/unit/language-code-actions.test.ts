import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyTextEdits } from '../../src/core/edit/apply-edit-op.js';
import type { DiagnosticCode } from '../../src/core/model/diagnostic.js';
import { analyze } from '../../src/language/analysis.js';
import { codeActions } from '../../src/language/code-actions.js';
import type { CodeAction } from '../../src/language/types.js';
import { FIXTURES } from './helpers.js';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'diagnostics', name), 'utf8');

/** The actions offered for the first diagnostic with `code`, by title. */
function actionsFor(text: string, code: DiagnosticCode): CodeAction[] {
  const analysis = analyze(text);
  const diagnostic = analysis.diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} in ${text}`);
  return codeActions(analysis, diagnostic.range).filter((a) => a.fixes === diagnostic);
}

/** Applies the action's edits and checks the result reads cleanly and that problem is gone. */
function applyFix(text: string, action: CodeAction, code: DiagnosticCode, message: string): string {
  assert.ok(action.edits && action.edits.length > 0, action.title);
  const after = applyTextEdits(text, action.edits);
  const analysis = analyze(after);
  assert.equal(analysis.broken, false, `${action.title} broke the YAML:\n${after}`);
  assert.ok(!analysis.diagnostics.some((d) => d.code === code && d.message === message), `${action.title} left: ${message}\n${after}`);
  return after;
}

describe('language: quick fixes', () => {
  it('unknown job: take the suggested name, or create the job', () => {
    const text = fixture('unknown-need.ccwf');
    const message = analyze(text).diagnostics.find((d) => d.code === 'unknown-job')!.message;
    const [change, create] = actionsFor(text, 'unknown-job');
    assert.equal(change!.title, "Change to 'fetch'");
    assert.equal(change!.preferred, true);
    assert.match(applyFix(text, change!, 'unknown-job', message), /needs: \[fetch\]/);
    assert.equal(create!.title, "Create job 'fecth'");
    const created = applyFix(text, create!, 'unknown-job', message);
    assert.equal(analyze(created).workflow.jobs.get('fecth')?.run, 'echo TODO');
    assert.ok(analyze(created).diagnostics.length === 0, created);
  });

  it('unknown job without a close name: only create it', () => {
    const text = 'jobs:\n  train:\n    needs: [zzz]\n    run: echo\n';
    assert.deepEqual(actionsFor(text, 'unknown-job').map((a) => a.title), ["Create job 'zzz'"]);
  });

  it('unknown key: take the suggested key', () => {
    const text = fixture('unknown-key.ccwf');
    const analysis = analyze(text);
    const unknown = analysis.diagnostics.filter((d) => d.code === 'unknown-key');
    assert.equal(unknown.length, 2);
    const edits = unknown.flatMap((d) => {
      const [action] = codeActions(analysis, d.range).filter((a) => a.fixes === d);
      assert.equal(action!.title, `Change to '${d.data!.suggestion}'`);
      applyFix(text, action!, 'unknown-key', d.message);
      return action!.edits!;
    });
    assert.match(applyTextEdits(text, edits), /needs: \[train\]\n {4}timeout: 10m/);
  });

  it('unknown key: no rename onto a key the mapping already has', () => {
    const text = 'jobs:\n  a:\n    run: echo\n    rnu: echo\n';
    assert.deepEqual(actionsFor(text, 'unknown-key'), []);
  });

  it('cycle: one action per edge, each of which breaks the cycle', () => {
    const text = fixture('cycle.ccwf');
    const cycle = analyze(text).diagnostics.find((d) => d.code === 'cycle')!;
    const actions = actionsFor(text, 'cycle');
    assert.deepEqual(actions.map((a) => a.title), ['Remove dependency a → c', 'Remove dependency c → b', 'Remove dependency b → a']);
    for (const action of actions) applyFix(text, action, 'cycle', cycle.message);
  });

  it('self-dependency: remove it', () => {
    const text = fixture('cycle.ccwf');
    const message = analyze(text).diagnostics.find((d) => d.code === 'self-dependency')!.message;
    const [action] = actionsFor(text, 'self-dependency');
    assert.equal(action!.title, "Remove 'd' from its own needs");
    const after = applyFix(text, action!, 'self-dependency', message);
    assert.match(after, / {2}d:\n {4}run: echo d\n$/);
  });

  it('unknown host and unknown host kind: take the suggestion', () => {
    const text = fixture('bad-values.ccwf');
    for (const [code, title] of [['unknown-host', "Change to 'hpc'"], ['bad-host-kind', "Change to 'slurm'"]] as const) {
      const message = analyze(text).diagnostics.find((d) => d.code === code)!.message;
      const [action] = actionsFor(text, code);
      assert.equal(action!.title, title);
      applyFix(text, action!, code, message);
    }
  });

  it('offers only the fixes of diagnostics that touch the range', () => {
    const text = fixture('cycle.ccwf');
    const analysis = analyze(text);
    assert.deepEqual(codeActions(analysis, { start: 0, end: 0 }), []);
    assert.ok(codeActions(analysis, { start: 0, end: text.length }).length >= 4);
  });

  it('a cloudmesh-cc file: convert it to .ccwf (a command, not an edit)', () => {
    const text = readFileSync(join(FIXTURES, 'cloudmesh', 'workflow-abc.yaml'), 'utf8');
    const actions = codeActions(analyze(text), { start: 0, end: 0 });
    assert.deepEqual(actions, [{ title: 'Convert to .ccwf', kind: 'refactor', command: { id: 'ccwf.convert', title: 'Convert to .ccwf' } }]);
  });

  it('a cloudmesh-cc dependency on a misspelt node: take the suggestion inside the chain', () => {
    const text = 'workflow:\n  nodes:\n    start: { exec: echo }\n    train: { exec: echo }\n  dependencies:\n    - trian,start\n';
    const analysis = analyze(text);
    const d = analysis.diagnostics.find((x) => x.code === 'unknown-job')!;
    const [change] = codeActions(analysis, d.range).filter((a) => a.fixes === d);
    assert.equal(change!.title, "Change to 'train'");
    assert.equal(applyTextEdits(text, change!.edits!).split('\n')[5], '    - train,start');
  });
});
