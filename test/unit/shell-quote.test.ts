import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellCommand, shellQuote } from '../../src/core/runners/shell-quote.js';

const SHELLS = ['/bin/sh', '/bin/bash'];

const HOSTILE = [
  '', ' ', "'", "''", '"', "it's", `a'b"c`, '$(touch /tmp/ccwf-pwned)', '`id`', '$HOME', '${HOME}', '$((1+1))',
  ';', 'a; rm -rf /', 'a && b', 'a || b', 'a | b', 'a & b', '\n', 'a\nb', 'line\n', '\n\n', '*', '/*', '?', '[a-z]',
  '~', '~root', '~/x', '-n', '-e', '--', '-', '--help', 'a b', '  two  spaces  ', '\t', '\\', '\\n', 'a\\', "\\'",
  '!', '!!', '#', '# comment', '{a,b}', '(', ')', '<', '>', '>>', '2>&1', '=', 'A=1', 'é', '日本語', '🙂 emoji',
  '\u0001\u0002\u007f', '\r\n', 'x'.repeat(100_000), "'".repeat(1000),
];

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Runs `printf '%s\0' ARGS` through a real shell from a script file of exact bytes; returns what arrived. */
function roundTrip(shell: string, args: readonly string[], encoding: BufferEncoding): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'ccwf-quote-'));
  try {
    const script = join(dir, 'script.sh');
    writeFileSync(script, Buffer.from(`printf '%s\\0' ${shellCommand(args)}\n`, encoding));
    const r = spawnSync(shell, [script], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, `${shell} failed: ${r.stderr}`);
    const parts: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < r.stdout.length; i++) {
      if (r.stdout[i] === 0) {
        parts.push(r.stdout.subarray(start, i));
        start = i + 1;
      }
    }
    return parts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertArrives(shell: string, args: readonly string[], encoding: BufferEncoding = 'utf8'): void {
  const got = roundTrip(shell, args, encoding);
  assert.equal(got.length, args.length, `${shell}: ${args.length} arguments went in, ${got.length} came out`);
  args.forEach((arg, i) => assert.ok(got[i]!.equals(Buffer.from(arg, encoding)), `${shell}: argument ${i} ${JSON.stringify(arg.slice(0, 60))} arrived as ${JSON.stringify(got[i]!.toString(encoding).slice(0, 60))}`));
}

describe('shellQuote', () => {
  for (const shell of SHELLS) {
    it(`${shell}: every hostile argument arrives byte for byte, each as one argument`, () => {
      assertArrives(shell, HOSTILE);
      for (const arg of HOSTILE) assertArrives(shell, [arg]);
    });

    it(`${shell}: random byte strings (seeded) arrive byte for byte`, () => {
      const next = random(42);
      const args: string[] = [];
      for (let i = 0; i < 300; i++) {
        const length = Math.floor(next() * 40);
        // latin1 maps each char code 1..255 to that one byte, so these are arbitrary non-NUL bytes.
        args.push(Array.from({ length }, () => String.fromCharCode(1 + Math.floor(next() * 255))).join(''));
      }
      assertArrives(shell, args, 'latin1');
    });

    it(`${shell}: random mixes of the dangerous characters (seeded) arrive intact`, () => {
      const next = random(7);
      const alphabet = [..."'\"$`\\;&|<>(){}[]*?~!# \t\n=-%"];
      const args = Array.from({ length: 500 }, () => Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join(''));
      assertArrives(shell, args);
    });
  }

  it('runs nothing embedded in an argument (no command substitution, no second command)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccwf-quote-'));
    try {
      const marker = join(dir, 'pwned');
      const args = [`$(touch ${marker})`, `\`touch ${marker}\``, `; touch ${marker}`, `\ntouch ${marker}\n`, `' ; touch ${marker} ; '`];
      for (const shell of SHELLS) {
        const r = spawnSync(shell, ['-c', `true ${shellCommand(args)}`], { cwd: dir });
        assert.equal(r.status, 0);
      }
      assert.equal(spawnSync('test', ['-e', marker]).status, 1, 'an argument was executed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quotes the empty string and leaves plain words readable', () => {
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('/usr/bin/python3'), '/usr/bin/python3');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote('A=1'), "'A=1'", 'a bare NAME=value first word would be an assignment');
    assert.equal(shellCommand(['echo', 'a b', '']), "echo 'a b' ''");
  });

  it('refuses NUL bytes with a clear error', () => {
    assert.throws(() => shellQuote('a\0b'), /NUL byte/);
    assert.throws(() => shellCommand(['ok', '\0']), /NUL byte/);
  });
});
