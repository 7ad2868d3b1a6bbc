import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EXAMPLES, FIXTURES } from './helpers.js';

/**
 * The TextMate grammar, tokenized as VS Code tokenizes it: with VS Code's own tokenizer
 * (vscode-textmate, vscode-oniguruma) and its own YAML and shell grammars, all taken from the
 * VS Code that `bash test/vscode/install.sh` installs (CI runs it before the tests). Nothing to
 * add to package.json, and the versions are the ones the grammar meets in VS Code 1.96.
 */
const VSCODE = new URL('../../.cache/code-server/node_modules/code-server/lib/vscode/', import.meta.url).pathname;
const GRAMMARS: Record<string, string> = {
  'source.ccwf': new URL('../../syntaxes/ccwf.tmLanguage.json', import.meta.url).pathname,
  'source.yaml': join(VSCODE, 'extensions/yaml/syntaxes/yaml.tmLanguage.json'),
  'source.shell': join(VSCODE, 'extensions/shellscript/syntaxes/shell-unix-bash.tmLanguage.json'),
};

/** The parts of vscode-textmate used here. */
interface TextMate {
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scopeName: string): Promise<unknown>;
  }) => { loadGrammar(scopeName: string): Promise<Grammar | null> };
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: Array<{ startIndex: number; endIndex: number; scopes: string[] }>; ruleStack: unknown };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}

interface Token {
  readonly line: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

async function loadGrammar(): Promise<{ grammar: Grammar; initial: unknown }> {
  const require = createRequire(join(VSCODE, 'package.json'));
  const textmate = require('vscode-textmate') as TextMate;
  const oniguruma = require('vscode-oniguruma') as Oniguruma;
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const path = GRAMMARS[scopeName];
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
  });
  const grammar = await registry.loadGrammar('source.ccwf');
  assert.ok(grammar, 'the ccwf grammar did not load');
  return { grammar, initial: textmate.INITIAL };
}

function tokenize({ grammar, initial }: { grammar: Grammar; initial: unknown }, text: string): Token[] {
  const out: Token[] = [];
  let state = initial;
  for (const line of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) out.push({ line, start: t.startIndex, end: t.endIndex, scopes: t.scopes });
    state = result.ruleStack;
  }
  return out;
}

/** The tokens that make up the first `word` on the first line containing `line`. */
function tokensOf(tokens: readonly Token[], line: string, word: string): Token[] {
  const target = tokens.find((t) => t.line.includes(line))?.line;
  assert.ok(target !== undefined, `no line with ${JSON.stringify(line)}`);
  const at = target.indexOf(word);
  assert.ok(at >= 0, `no ${JSON.stringify(word)} on ${JSON.stringify(target)}`);
  return tokens.filter((t) => t.line === target && t.start < at + word.length && t.end > at);
}

function assertScope(tokens: readonly Token[], line: string, word: string, scope: string): void {
  for (const t of tokensOf(tokens, line, word)) {
    assert.ok(t.scopes.includes(scope), `${JSON.stringify(word)} on ${JSON.stringify(line)}: ${t.scopes.join(' ')} lacks ${scope}`);
  }
}

function assertNoScope(tokens: readonly Token[], line: string, word: string, prefix: string): void {
  for (const t of tokensOf(tokens, line, word)) {
    assert.ok(!t.scopes.some((s) => s.startsWith(prefix)), `${JSON.stringify(word)} on ${JSON.stringify(line)}: ${t.scopes.join(' ')} has ${prefix}`);
  }
}

describe('TextMate grammar (with VS Code’s own YAML and shell grammars)', function () {
  let grammar: { grammar: Grammar; initial: unknown };

  before(async function () {
    // VS Code's own tokenizer and grammars come with the code-server install (scripts/setup.sh).
    const missing = Object.values(GRAMMARS).filter((f) => !existsSync(f));
    assert.deepEqual(missing, [], 'run `bash test/vscode/install.sh` (scripts/setup.sh does) first');
    grammar = await loadGrammar();
  });

  it('scopes the quickstart: sections, job names, needs, durations, and leaves the rest to YAML', () => {
    const tokens = tokenize(grammar, readFileSync(join(EXAMPLES, 'quickstart', 'quickstart.ccwf'), 'utf8'));
    for (const key of ['name', 'description', 'jobs']) assertScope(tokens, `${key}:`, key, 'keyword.control.section.ccwf');
    for (const job of ['fetch', 'train', 'report']) assertScope(tokens, `  ${job}:`, job, 'entity.name.function.job.ccwf');
    assertScope(tokens, 'needs: [fetch]', 'fetch', 'variable.other.job-reference.ccwf');
    assertScope(tokens, 'needs: [train]', 'train', 'variable.other.job-reference.ccwf');
    assertScope(tokens, 'timeout: 5m', '5m', 'constant.numeric.duration.ccwf');
    // Keys inside a job are not jobs; values and comments are YAML's.
    assertNoScope(tokens, 'script: train.py', 'script', 'entity.name.function');
    assertScope(tokens, 'retries: 1', '1', 'constant.numeric.integer.yaml');
    assertScope(tokens, 'env: { SEED: "1" }', 'SEED', 'entity.name.tag.yaml');
    assertScope(tokens, '# The three-job quickstart', '#', 'comment.line.number-sign.ccwf');
  });

  it('scopes hosts, host kinds, host references and durations in every spelling', () => {
    const tokens = tokenize(grammar, readFileSync(join(FIXTURES, 'grammar', 'run-blocks.ccwf'), 'utf8'));
    assertScope(tokens, '  cluster:', 'cluster', 'entity.name.type.host.ccwf');
    assertScope(tokens, '  lab: {', 'lab', 'entity.name.type.host.ccwf');
    assertScope(tokens, '"win box":', '"win box"', 'entity.name.type.host.ccwf');
    assertScope(tokens, 'kind: slurm', 'slurm', 'support.type.host-kind.ccwf');
    assertScope(tokens, 'kind: wsl', 'wsl', 'support.type.host-kind.ccwf');
    assertScope(tokens, '{ kind: ssh, ssh: alice@lab }', 'ssh', 'support.type.host-kind.ccwf');
    assertScope(tokens, '  host: cluster', 'cluster', 'variable.other.host-reference.ccwf');
    assertScope(tokens, '    host: lab', 'lab', 'variable.other.host-reference.ccwf');
    assertScope(tokens, 'host: lab, timeout: 5m }', 'lab', 'variable.other.host-reference.ccwf');
    for (const [line, value] of [
      ['timeout: 2h', '2h'],
      ['retry_delay: 30s', '30s'],
      ['timeout: 90s', '90s'],
      ['retry_delay: 1:30', '1:30'],
      ['timeout: 1h30m', '1h30m'],
      ['timeout: 5m }', '5m'],
    ] as const) {
      assertScope(tokens, line, value, 'constant.numeric.duration.ccwf');
    }
  });

  it('scopes job names and needs written as a scalar, a block list, a flow list and inside { }', () => {
    const tokens = tokenize(grammar, readFileSync(join(FIXTURES, 'grammar', 'run-blocks.ccwf'), 'utf8'));
    for (const job of ['fetch', 'prepare', 'train', 'evaluate']) assertScope(tokens, `  ${job}:`, job, 'entity.name.function.job.ccwf');
    assertScope(tokens, '"report #1": {', '"report #1"', 'entity.name.function.job.ccwf');
    assertScope(tokens, 'needs: fetch', 'fetch', 'variable.other.job-reference.ccwf');
    assertScope(tokens, '- prepare   # cleaned data', 'prepare', 'variable.other.job-reference.ccwf');
    assertScope(tokens, '- "fetch"', '"fetch"', 'variable.other.job-reference.ccwf');
    assertScope(tokens, "needs: [train, 'prepare']", 'train', 'variable.other.job-reference.ccwf');
    assertScope(tokens, "needs: [train, 'prepare']", 'prepare', 'variable.other.job-reference.ccwf');
    assertScope(tokens, 'needs: [train,', 'train', 'variable.other.job-reference.ccwf');
    assertScope(tokens, '      prepare]', 'prepare', 'variable.other.job-reference.ccwf');
    assertScope(tokens, '# comments between jobs', '#', 'comment.line.number-sign.ccwf');
    // The jobs section ends at the next top-level key.
    assertNoScope(tokens, 'after: no longer in jobs', ':', 'meta.job');
    assertNoScope(tokens, 'after: no longer in jobs', ':', 'meta.section.jobs');
  });

  it('reads run: blocks and one-line runs as shell, up to the end of the block or a YAML comment', () => {
    const tokens = tokenize(grammar, readFileSync(join(FIXTURES, 'grammar', 'run-blocks.ccwf'), 'utf8'));
    assertScope(tokens, 'set -euo pipefail', 'set', 'source.shell');
    assertScope(tokens, 'set -euo pipefail', 'set', 'meta.embedded.block.shell');
    assertScope(tokens, 'set -euo pipefail', 'set', 'support.function.builtin.shell');
    assertScope(tokens, 'for f in "$DATA"/*.csv; do', 'for', 'keyword.control.for.shell');
    assertScope(tokens, 'echo "cleaning $f" # shell comment', '#', 'comment.line.number-sign.shell');
    assertScope(tokens, 'python eval.py', 'python', 'source.shell');
    assertScope(tokens, 'run: curl -sO', 'curl', 'meta.embedded.line.shell');
    assertScope(tokens, 'run: curl -sO', 'curl', 'entity.name.command.shell');
    assertScope(tokens, 'run: curl -sO', 'https://example.org/data.csv', 'string.quoted.double.shell');
    // After the shell, the YAML comment is YAML's again.
    assertScope(tokens, 'run: curl -sO', '#', 'comment.line.number-sign.ccwf');
    assertNoScope(tokens, 'run: curl -sO', '#', 'source.shell');
    // A quote left open in one block does not swallow the YAML after it.
    assertScope(tokens, 'echo "unclosed quote', 'unclosed quote', 'string.quoted.double.shell');
    assertScope(tokens, 'timeout: 1h30m', '1h30m', 'constant.numeric.duration.ccwf');
    assertNoScope(tokens, 'timeout: 1h30m', 'timeout', 'source.shell');
    assertNoScope(tokens, 'retry_delay: 1:30', 'retry_delay', 'source.shell');
    // The run key and the block indicator are YAML.
    assertScope(tokens, 'run: |-', '|', 'keyword.control.flow.block-scalar.literal.yaml');
    assertNoScope(tokens, 'run: |-', 'run', 'source.shell');
  });
});
