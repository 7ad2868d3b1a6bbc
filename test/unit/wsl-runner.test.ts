import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runWorkflow } from '../../src/core/engine/run-workflow.js';
import { LocalRunner } from '../../src/core/runners/local-runner.js';
import { WslRunner } from '../../src/core/runners/wsl-runner.js';
import { windowsToWsl, wslToWindows } from '../../src/core/runners/wsl-path.js';
import { readRun } from '../../src/core/store/run-store.js';
import { workspace } from './helpers.js';

describe('WSL paths', () => {
  it('translates Windows paths to WSL paths as wslpath does', () => {
    assert.equal(windowsToWsl('C:\\Users\\x'), '/mnt/c/Users/x');
    assert.equal(windowsToWsl('d:\\data\\my runs\\'), '/mnt/d/data/my runs');
    assert.equal(windowsToWsl('C:/Users/x/w.ccwf'), '/mnt/c/Users/x/w.ccwf');
    assert.equal(windowsToWsl('C:\\'), '/mnt/c');
    assert.equal(windowsToWsl('\\\\wsl.localhost\\Ubuntu\\home\\me\\w'), '/home/me/w');
    assert.equal(windowsToWsl('\\\\wsl$\\Debian\\tmp'), '/tmp');
    assert.equal(windowsToWsl('/home/me/already'), '/home/me/already');
  });

  it('translates WSL paths back to Windows paths', () => {
    assert.equal(wslToWindows('/mnt/c/Users/x', 'Ubuntu'), 'C:\\Users\\x');
    assert.equal(wslToWindows('/home/me', 'Ubuntu'), '\\\\wsl.localhost\\Ubuntu\\home\\me');
    assert.equal(windowsToWsl(wslToWindows('/mnt/e/a b/c', 'U')), '/mnt/e/a b/c');
  });
});

describe('WSL runner (with a stand-in wsl.exe)', () => {
  let savedPath: string | undefined;
  let argvLog: string;

  beforeEach(() => {
    // wsl.exe cannot run on Linux: this stand-in records its argv (its count, then each, NUL-terminated),
    // then does what wsl.exe does with `-d`, `--cd` and `--`: runs the command there, here.
    const bin = workspace({});
    argvLog = join(bin, 'argv.log');
    writeFileSync(
      join(bin, 'wsl.exe'),
      `#!/bin/sh\nprintf '%s\\0' "$#" "$@" >> '${argvLog}'\n` +
        `while [ $# -gt 0 ]; do case "$1" in -d) shift 2 ;; --cd) cd "$2" || exit 1; shift 2 ;; --) shift; break ;; *) echo "wsl.exe: unknown $1" >&2; exit 2 ;; esac; done\nexec "$@"\n`,
      { mode: 0o755 },
    );
    savedPath = process.env.PATH;
    process.env.PATH = `${bin}${delimiter}${savedPath}`;
  });
  afterEach(() => (process.env.PATH = savedPath));

  const calls = () => {
    const words = readFileSync(argvLog, 'utf8').split('\0').slice(0, -1);
    const out: string[][] = [];
    for (let i = 0; i < words.length; i += 1 + Number(words[i])) out.push(words.slice(i + 1, i + 1 + Number(words[i])));
    return out;
  };

  it('runs jobs through `wsl.exe -d DISTRO --cd DIR -- sh -c SCRIPT`, detached, logs and exit codes back', async () => {
    const dir = workspace({ 'steps.sh': 'echo "script-args=$*"\necho "# cloudmesh status=running progress=70"\n' });
    mkdirSync(join(dir, 'sub dir'));
    writeFileSync(
      join(dir, 'w.ccwf'),
      `hosts:\n  linux: { kind: wsl, distro: Ubuntu-22.04 }\njobs:\n` +
        `  hello: { host: linux, cwd: "sub dir", run: 'echo "in $(basename "$PWD") $GREETING"; echo oops >&2' , env: { GREETING: "it's \\"quoted\\" $HOME" } }\n` +
        `  script: { host: linux, script: steps.sh, args: ["a b", "$x"], needs: [hello] }\n` +
        `  fails: { host: linux, run: exit 7 }\n`,
    );
    const outcome = await runWorkflow({ workflowPath: join(dir, 'w.ccwf'), runsDir: join(dir, 'runs'), runners: { local: new LocalRunner(), wsl: new WslRunner() } });
    assert.equal(outcome.kind, 'ran');
    if (outcome.kind !== 'ran') return;
    const state = readRun(outcome.runDir)!;
    assert.deepEqual([...state.jobs.values()].map((j) => [j.name, j.status, j.exitCode]).sort(), [['fails', 'failed', 7], ['hello', 'done', 0], ['script', 'done', 0]]);
    const logOf = (job: string) => readFileSync(join(outcome.runDir, 'logs', `${job}.log`), 'utf8');
    assert.equal(logOf('hello'), `in sub dir it's "quoted" $HOME\noops\n`);
    assert.equal(logOf('script'), 'script-args=a b $x\n# cloudmesh status=running progress=70\n');
    const starts = calls().filter((argv) => argv.includes('--cd'));
    assert.equal(starts.length, 3);
    for (const argv of starts) {
      assert.deepEqual(argv.slice(0, 3), ['-d', 'Ubuntu-22.04', '--cd']);
      assert.deepEqual(argv.slice(4, 7), ['--', 'sh', '-c']);
      assert.equal(argv.length, 8, 'the script is one argument');
      assert.match(argv[7]!, /\nwait$/);
    }
    const hello = starts.find((argv) => argv[7]!.includes('GREETING'))!;
    assert.equal(hello[3], windowsToWsl(join(dir, 'sub dir')), 'the working folder, translated');
  });
});
