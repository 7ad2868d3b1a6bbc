import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newRunId } from '../../core/store/run-store.js';
import { isEngineQuestion, type EngineAnswer, type EngineQuestion } from '../../protocol/engine-questions.js';
import type { RunSettings } from '../settings.js';

export interface LaunchRequest {
  readonly workflowPath: string;
  readonly runsDir: string;
  readonly settings: RunSettings;
  /** Only these jobs. */
  readonly jobs?: readonly string[];
  /** This job and everything downstream of it. */
  readonly from?: string;
  /** Go on with this run (its folder): what did not succeed runs again. */
  readonly resume?: string;
}

export interface LaunchedRun {
  readonly runId: string;
  readonly runDir: string;
  /** Settles when the engine process exits, with why it did not run when it refused to. */
  readonly exited: Promise<{ readonly code: number | null; readonly refusal?: string }>;
}

/**
 * Starts the engine for a run: the same `ccwf run` the CLI is, in its own process, detached from
 * the extension host. The run does not slow the editor nor the editor the run, it goes on through
 * a window reload, and the window learns everything from the run record on disk, as it does for
 * runs started in a terminal.
 */
export class RunLauncher {
  /** `answer` asks the person what the engine asks (an unknown host key, a passphrase). */
  constructor(
    private readonly cliPath: string,
    private readonly launchLogs: string,
    private readonly answer: (question: EngineQuestion) => Promise<string | undefined>,
  ) {}

  launch(request: LaunchRequest): LaunchedRun {
    const runId = request.resume ? request.resume.split(/[\\/]/).pop()! : newRunId();
    const runDir = request.resume ?? join(request.runsDir, runId);
    const args = [this.cliPath, 'run', request.workflowPath, '--runs-dir', request.runsDir];
    if (request.resume) args.push('--resume', request.resume);
    else args.push('--run-id', runId);
    if (request.jobs?.length) args.push('--jobs', request.jobs.join(','));
    if (request.from) args.push('--from', request.from);
    const s = request.settings;
    if (s.concurrency) args.push('--concurrency', String(s.concurrency));
    if (s.python) args.push('--python', s.python);
    if (s.failFast) args.push('--fail-fast');
    if (s.sshConfigFile) args.push('--ssh-config', s.sshConfigFile);

    mkdirSync(this.launchLogs, { recursive: true });
    const logPath = join(this.launchLogs, `${runId}-${Date.now()}.log`);
    const logFd = openSync(logPath, 'w');
    // ELECTRON_RUN_AS_NODE: in desktop VS Code process.execPath is Electron, which runs as plain
    // node with it (in code-server and tests it is node already and ignores it).
    const child = spawn(process.execPath, ['--max-semi-space-size=2', ...args], {
      cwd: dirname(request.workflowPath),
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
      // An IPC channel for the engine's questions; it does not tie the engine to this window.
      stdio: ['ignore', logFd, logFd, 'ipc'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    closeSync(logFd);
    child.unref();
    child.on('message', (m) => {
      if (!isEngineQuestion(m)) return;
      void this.answer(m).then((answer) => {
        const reply: EngineAnswer = { type: 'ccwf-answer', id: m.id, ...(answer === undefined ? {} : { answer }) };
        if (child.connected) child.send(reply);
      });
    });
    const exited = new Promise<{ code: number | null; refusal?: string }>((settle) => {
      child.once('error', (error) => settle({ code: null, refusal: `the engine could not start: ${error.message}` }));
      child.once('exit', (code) => {
        // The engine says why it would not run (or stopped) on a line of its own, like the CLI does.
        const said = readLaunchLog(logPath).split('\n').filter((l) => l.startsWith('ccwf: ')).pop();
        settle({ code, ...(said === undefined ? {} : { refusal: said.slice('ccwf: '.length) }) });
      });
    });
    return { runId, runDir, exited };
  }
}

function readLaunchLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
