import assert from 'node:assert/strict';
import { join } from 'node:path';
import { JOB_KEYS } from '../../src/core/model/keys.js';
import { analyze } from '../../src/language/analysis.js';
import { completions } from '../../src/language/completion.js';
import type { CompletionItem } from '../../src/language/types.js';
import { assertGolden, fixtureFiles, LANGUAGE_FIXTURES, readCursorFixture, TEST_CONTEXT } from './language-fixtures.js';

/** Items in the order the editor shows them, with what each inserts and replaces. */
function show(text: string, items: readonly CompletionItem[]) {
  return [...items]
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label))
    .map((item) => {
      const replaces = item.range ? text.slice(item.range.start, item.range.end) : '';
      return {
        label: item.label,
        kind: item.kind,
        ...(item.insertText !== undefined && item.insertText !== item.label ? { insertText: item.insertText } : {}),
        ...(item.snippet ? { snippet: true } : {}),
        ...(item.retrigger ? { retrigger: true } : {}),
        ...(item.detail !== undefined ? { detail: item.detail } : {}),
        ...(replaces ? { replaces } : {}),
      };
    });
}

describe('language: completion (golden fixtures)', () => {
  const dir = join(LANGUAGE_FIXTURES, 'completion');
  for (const file of fixtureFiles('completion')) {
    it(file, () => {
      const { text, offset } = readCursorFixture(join(dir, file));
      assertGolden(join(dir, file), show(text, completions(text, offset, analyze(text, TEST_CONTEXT), TEST_CONTEXT)));
    });
  }
});

describe('language: completion', () => {
  it('documents each key with its text and example from keys.ts', () => {
    const text = 'jobs:\n  a:\n    \n';
    const items = completions(text, text.indexOf('    \n') + 4, analyze(text));
    const needs = items.find((i) => i.label === 'needs')!;
    assert.equal(needs.documentation, `${JOB_KEYS.needs!.doc}\n\n\`\`\`yaml\n${JOB_KEYS.needs!.example}\n\`\`\``);
    assert.deepEqual(new Set(items.map((i) => i.label)), new Set(Object.keys(JOB_KEYS)));
  });

  it('reads the cursor from the current text and only names from a stale analysis (it does not parse)', () => {
    // The analysis is of the text before the person added job `report` and started its needs.
    const before = 'jobs:\n  fetch:\n    run: echo fetch\n  train:\n    needs: fetch\n    run: echo train\n';
    const after = `${before}  report:\n    needs: [tr]\n    run: echo report\n`;
    const stale = analyze(before);
    const offset = after.indexOf('[tr') + 3;
    const items = completions(after, offset, stale);
    // The place (a need of `report`, after "tr") comes from the new text: the stale analysis has no `report`.
    assert.deepEqual(items.map((i) => i.label).sort(), ['fetch', 'train']);
    assert.ok(items.every((i) => after.slice(i.range!.start, i.range!.end) === 'tr'));
    // Jobs that exist only in the new text are not offered: the names come from the analysis alone.
    const newer = `${after}  publish:\n    needs: [\n    run: echo publish\n`;
    const labels = completions(newer, newer.indexOf('[\n    run: echo publish') + 1, stale).map((i) => i.label);
    assert.ok(!labels.includes('report') && labels.includes('fetch'));
  });

  it('reads Windows line breaks as well as Unix ones', () => {
    for (const file of ['needs-flow.ccwf', 'needs-block-list.ccwf', 'job-keys.ccwf', 'host-keys-flow.ccwf']) {
      const { text, offset } = readCursorFixture(join(LANGUAGE_FIXTURES, 'completion', file));
      const crlf = text.replace(/\n/g, '\r\n');
      const shift = text.slice(0, offset).split('\n').length - 1;
      const unix = completions(text, offset, analyze(text), TEST_CONTEXT);
      const windows = completions(crlf, offset + shift, analyze(crlf), TEST_CONTEXT);
      assert.deepEqual(show(crlf, windows), show(text, unix), file);
    }
  });

  it('survives an analysis of a completely different text', () => {
    const text = 'jobs:\n  a:\n    ne';
    const items = completions(text, text.length, analyze('name: x\n'));
    // The editor filters by what is typed; we offer the job's keys, replacing "ne".
    assert.deepEqual(items.map((i) => i.label), Object.keys(JOB_KEYS));
    assert.ok(items.every((i) => text.slice(i.range!.start, i.range!.end) === 'ne'));
  });

  // Its speed is measured by `npm run bench` (completion-5000), not here: tests are not timers.
  it('answers in a 5,000-job workflow, at the end of the file and in the middle', () => {
    const jobs = Array.from({ length: 5000 }, (_, i) =>
      [`  job${i}:`, `    description: step ${i}`, ...(i > 0 ? [`    needs: [job${i - 1}]`] : []), `    run: |`, `      echo ${i}`, `      sleep 1`].join('\n'),
    );
    const text = `name: big\nhosts:\n  hpc: { kind: slurm, ssh: hpc }\njobs:\n${jobs.join('\n')}\n`;
    const analysis = analyze(text);
    const edited = `${text}  last:\n    needs: [job4999, ]\n    ho\n\n`;
    const spots = [
      edited.indexOf('[job4999, ') + 10, // job names
      edited.length - 2, // keys of a job
      edited.length, // top-level keys: every line of the file is a possible sibling
      edited.indexOf('needs: [job2499]') + 'needs: [job24'.length, // a need in the middle
    ];
    for (const offset of spots) {
      assert.ok(completions(edited, offset, analysis, TEST_CONTEXT).length > 0, `no completions at ${offset}`);
    }
  });
});
