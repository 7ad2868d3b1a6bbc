import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { readYaml } from '../../src/core/parse/read-yaml.js';
import { readSimpleYaml } from '../../src/core/parse/simple-yaml.js';
import { nodeFactory } from '../../src/core/parse/simple-yaml-scalars.js';
import { EXAMPLES, FIXTURES } from './helpers.js';

/**
 * The fast reader must build exactly the nodes the `yaml` package builds (values, types and all
 * three offsets of every range), and `readYaml` must report exactly the errors of
 * `parseDocument(text, { uniqueKeys: true, strict: true })`, duplicate keys included.
 */

const OPTIONS = { prettyErrors: false, strict: true } as const;

const shape = new Document(undefined, { ...OPTIONS, uniqueKeys: false });
const nodes = nodeFactory(shape.schema, shape.options);

function fast(text: string): unknown {
  const root = readSimpleYaml(text, nodes);
  return root === undefined ? undefined : nodeShape(root);
}

/** Everything of a node the readers and the language features look at. */
function nodeShape(node: unknown): unknown {
  if (isMap(node)) return { map: node.flow ? 'flow' : 'block', range: node.range, items: node.items.map((p) => [nodeShape(p.key), nodeShape(p.value)]) };
  if (isSeq(node)) return { seq: node.flow ? 'flow' : 'block', range: node.range, items: node.items.map(nodeShape) };
  if (isScalar(node)) {
    const value = typeof node.value === 'number' && Number.isNaN(node.value) ? 'NaN' : node.value;
    const { minFractionDigits } = node as { minFractionDigits?: number };
    return { value, is: typeof node.value, type: node.type, source: node.source, format: node.format, minFractionDigits, range: node.range };
  }
  return node ?? null;
}

function byYaml(text: string) {
  const document = parseDocument(text, { ...OPTIONS, uniqueKeys: true });
  return { root: nodeShape(document.contents), errors: problems(document.errors), warnings: problems(document.warnings) };
}

const problems = (list: readonly { code: string; message: string; pos: [number, number] }[]) => list.map((e) => `${e.code} ${e.pos} ${e.message}`);

/** Checks both readers on one text; returns whether the fast one read it. */
function check(text: string): boolean {
  const expected = byYaml(text);
  const actual = readYaml(text);
  const where = JSON.stringify(text);
  assert.deepEqual(problems(actual.errors), expected.errors, `errors of ${where}`);
  assert.deepEqual(problems(actual.warnings), expected.warnings, `warnings of ${where}`);
  assert.deepEqual(nodeShape(actual.root), expected.root, `nodes of ${where}`);
  const read = fast(text);
  if (read === undefined) return false;
  assert.deepEqual(read, expected.root, `fast nodes of ${where}`);
  return true;
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('reading YAML fast', () => {
  it('reads what workflows are made of, to the same nodes and ranges as the yaml package', () => {
    const texts = [
      'jobs:\n  a:\n    run: echo a   # why\n    needs: [b, "c d", \'e\']\n  b: { run: "true", retries: 2 }\n',
      'hosts:\n  hpc:\n    kind: slurm\n    sbatch:\n      - --qos=debug\n      - "--time=1:00"\njobs: {}\n',
      'needs:\n- a\n- b   # same indent as the key\nrun: x\n',
      'a:\n  b:\n    c: 1\n\n      # deeper: belongs to the value above\n  d: 2\n     # at the end\n',
      'a:\n  x: 1\n  # stays with the inner mapping\nb: 2 # c',
      'a:   # c\n  b: 1\nc:  # d\n\nd: 3',
      'e:\nf:\n\n  # after a blank line\ng:\n',
      'run: |\n  set -e\n\n    indented\n  echo "$X"\n\n\nnext: |-\n  strip\n\nkeep: |+\n  kept\n\n\nlast: | # c\n  x\n   \n',
      'numbers: [1, -2, 0x1F, 0o17, 1.50, .5, 1e3, .inf, -.Inf, .nan]\nwords: [true, False, null, ~, yes, no, on]\n',
      'quoted: "tab\\tand \\u00e9 \\x41 \\"q\\" \\\\"\nsingle: \'it\'\'s\'\nempty: ""\n"key with spaces": 1\n\'k\': 2\n',
      'plain: a:b, {x} [y] #not a comment\nurl: http://example.org/x?y=1#z\nsigns: --epochs\nunicode: é ü 😀\n',
      '  indented: root\n  second: 2\n',
      'crlf:\r\n  a: 1\r\n  b: |\r\n    x\r\n\r\n  c: [1, 2]  # c\r\n',
      '# only comments\n\n# and blank lines\n',
      '',
      'a: 1',
      'a: 1   ',
      'a:',
      'k: v # end without a newline',
    ];
    for (const text of texts) assert.ok(check(text), `fell back for ${JSON.stringify(text)}`);
  });

  it('leaves everything else to the yaml package, with the same result', () => {
    const texts = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: >\n  folded\n  text\n',
      'a: plain\n  continued\n',
      'a:\n\tb: 1\n',
      '---\na: 1\n',
      '%YAML 1.2\n---\na: 1\n',
      '? complex\n: key\n',
      'a: [1,\n  2]\n',
      'a: "multi\n  line"\n',
      '- root\n- sequence\n',
      'a: b: c\n',
      'a:\n  - b: nested map in a list\n',
      'a: |2\n   explicit indentation\n',
      'jobs:\n  a:\n    run: [unclosed\n  b: { run: echo b\n',
      'a: 1\na: 2\nb: [x\n',
      '\ufeffa: 1\n',
    ];
    for (const text of texts) assert.equal(check(text), false, `read fast: ${JSON.stringify(text)}`);
  });

  it('reports duplicate keys where the yaml package does, in the same order', () => {
    const texts = [
      'jobs:\n  a:\n    run: echo a\n  a:\n    run: echo again\n',
      'a:\na: 2\n',
      'a:\n\na: 2\n',
      'x:\n  a:\n  a: 1\n',
      'a: 1\n  # c\na: 2\n',
      'a:\n  b:\na: 1\n',
      'a:  # c\n  # d\na: 1\n',
      'a:\n  # deeper resets the count\n\na: 1\n',
      '{a: 1, a: 2}\n',
      'a: {x: 1, x: 2}\nb:\n  - {y: 1, y: 1}\nb: 3\n',
      '1: a\n0x1: b\n1.0: c\n"1": d\n',
      '.nan: a\n.nan: b\n~: c\nnull: d\n',
      '&x a: 1\n&y a: 2\n',
      ': 1\n: 2\n',
      `big:\n${Array.from({ length: 40 }, (_, i) => `  k${i % 30}: ${i}\n`).join('')}`,
    ];
    for (const text of texts) {
      check(text);
      assert.ok(byYaml(text).errors.some((e) => e.startsWith('DUPLICATE_KEY')), `no duplicate in ${JSON.stringify(text)}`);
    }
  });

  it('agrees with the yaml package on generated documents with comments and blank lines everywhere', () => {
    const next = random(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const keys = ['a', 'run', 'needs', 'job-1', 'x y', '"q k"', "'s k'", '1', 'true', '~', 'k  ', 'é'];
    const plain = ['1', '-5', '1.50', '0x1F', '.inf', '.nan', 'true', 'null', '~', 'hello world', '--epochs', 'a:b', 'x#y', './run.sh'];
    const quoted = ['"a b"', "'a b'", '"a\\tb"', "'it''s'", '""', '"a # b"'];
    const flow = ['[]', '{}', '[ ]', '[a, b]', '[ a , b ]', '["a", \'b\']', '[a, [b, c]]', '{k: v}', '{ k: v, n: [1, 2] }', '[--x, "5"]'];
    const gap = (out: string[]) => {
      while (next() < 0.3) out.push(pick(['', ' '.repeat(Math.floor(next() * 6)), `${' '.repeat(Math.floor(next() * 8))}# gap`]));
    };
    const value = (depth: number, indent: number, eol: string): string => {
      const r = next();
      if (r < 0.35) return ` ${pick(plain)}`;
      if (r < 0.45) return ` ${pick(quoted)}`;
      if (r < 0.57) return ` ${pick(flow)}`;
      if (r < 0.67) {
        const inner = indent + 1 + Math.floor(next() * 3);
        const lines = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
          pick(['', ' '.repeat(Math.floor(next() * (inner + 3))), `${' '.repeat(inner + 1)}more`, `${' '.repeat(inner)}# text`, `${' '.repeat(inner)}echo hi`]),
        );
        return ` ${pick(['|', '|-', '|+', '| # c'])}${eol}${' '.repeat(inner)}first${eol}${lines.join(eol)}`;
      }
      if (r < 0.75 || depth > 3) return pick(['', ' ', ' # c']);
      if (r < 0.87) {
        const at = next() < 0.3 ? indent : indent + 1 + Math.floor(next() * 3);
        const items: string[] = [];
        for (let i = 0; i < 1 + Math.floor(next() * 3); i++) {
          items.push(`${' '.repeat(at)}- ${pick([...plain, ...quoted, ...flow, 'a # c'])}`);
          gap(items);
        }
        return `${pick(['', ' # c'])}${eol}${items.join(eol)}`;
      }
      return `${pick(['', ' # c', '   '])}${eol}${map(depth + 1, indent + 1 + Math.floor(next() * 3), eol).join(eol)}`;
    };
    const map = (depth: number, indent: number, eol: string): string[] => {
      const out: string[] = [];
      for (let i = 0; i < 1 + Math.floor(next() * 4); i++) {
        out.push(`${' '.repeat(indent)}${pick(keys)}:${value(depth, indent, eol)}${next() < 0.15 ? pick(['  # t', '   ']) : ''}`);
        gap(out);
      }
      return out;
    };
    let fastCount = 0;
    for (let i = 0; i < 400; i++) {
      const eol = next() < 0.15 ? '\r\n' : '\n';
      const lead: string[] = [];
      gap(lead);
      fastCount += Number(check([...lead, ...map(0, next() < 0.05 ? 2 : 0, eol)].join(eol) + (next() < 0.8 ? eol : '')));
    }
    assert.ok(fastCount > 300, `only ${fastCount} of 400 read fast`);
  });

  it('agrees with the yaml package on truncations and random edits of real workflows', () => {
    const files = [
      join(EXAMPLES, 'quickstart', 'quickstart.ccwf'),
      ...['diagnostics', 'cloudmesh', 'edit'].flatMap((dir) => readdirSync(join(FIXTURES, dir)).filter((f) => /\.(ccwf|ya?ml)$/.test(f)).map((f) => join(FIXTURES, dir, f))),
    ];
    const next = random(7);
    const pieces = ['', ' ', '  ', '\n', '\r\n', ':', ': ', '- ', '[', ']', '{', '}', ', ', '"', "'", '#', ' # c', '|', '|-', '|+', 'x', '1', 'needs: [x]', 'a: b'];
    let fastCount = 0;
    let total = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (let cut = 0; cut <= text.length; cut += 5) fastCount += Number(check(text.slice(0, cut))), total++;
      for (let i = 0; i < 100; i++) {
        const at = Math.floor(next() * text.length);
        const drop = Math.floor(next() * 4);
        fastCount += Number(check(text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + drop)));
        total++;
      }
    }
    // Many stay in the subset (truncations mid-key are errors, left to the package), so the
    // comparison of fast nodes above is not vacuous.
    assert.ok(fastCount > total / 3, `only ${fastCount} of ${total} read fast`);
  });
});
