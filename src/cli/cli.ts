import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_USAGE, UsageError, type CliIo } from './io.js';
import { validateCommand } from './commands/validate.js';
import { runCommand } from './commands/run.js';
import { cancelCommand, logsCommand, runsCommand, statusCommand } from './commands/runs.js';
import { convertCommand } from './commands/convert.js';

export const USAGE = `Usage: ccwf <command> [options]

Commands:
  validate FILE...            check workflows; FILE:LINE:COL diagnostics (--json)
  run FILE                    run a workflow
      --jobs a,b              only these jobs      --from JOB   this job and all downstream
      --resume RUN            rerun what did not succeed in RUN   --run-id ID   name the new run
      -j, --concurrency N     jobs at once (default: CPUs)   --fail-fast   stop at the first failure
      --dry-run               show what would run  --python P   interpreter for .py and notebooks
      --accept-new-host-keys  trust ssh hosts not yet in known_hosts (their fingerprints are printed)
      --ssh-config FILE       ssh client config (default ~/.ssh/config), as ssh -F
  runs [FILE]                 list runs, newest first (--json)
  status RUN                  jobs of a run and their state (--json)
  logs RUN JOB [--follow]     print a job's log
  cancel RUN [JOB]            stop a running run and its jobs, or only JOB (and what needs it)
  graph FILE --format svg|dot|mermaid|json [--run RUN] [-o OUT]
  convert FILE [-o OUT]       write a cloudmesh-cc workflow in the .ccwf format

Common options: --runs-dir DIR (default: .ccwf/runs beside the workflow, or $CCWF_RUNS_DIR)
Exit codes: 0 ok, 1 the workflow is invalid or a job failed, 2 usage error.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  jobs: { type: 'string' },
  from: { type: 'string' },
  resume: { type: 'string' },
  'run-id': { type: 'string' },
  'accept-new-host-keys': { type: 'boolean' },
  'ssh-config': { type: 'string' },
  concurrency: { type: 'string', short: 'j' },
  'fail-fast': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  python: { type: 'string' },
  'runs-dir': { type: 'string' },
  follow: { type: 'boolean', short: 'f' },
  format: { type: 'string' },
  run: { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

export type CliOptions = ReturnType<typeof parse>['values'];

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
}

/** The whole CLI as a function: argv in, exit code out. The bin file only wires the process to it. */
export async function cli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parse(argv);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    const [command, ...args] = positionals;
    if (values.version) return io.stdout.write(`ccwf ${VERSION}\n`), 0;
    if (values.help || command === undefined || command === 'help') return io.stdout.write(USAGE), command === undefined && !values.help ? EXIT_USAGE : 0;
    switch (command) {
      case 'validate':
        return await validateCommand(args, values, io);
      case 'run':
        return await runCommand(args, values, io);
      case 'runs':
        return await runsCommand(args, values, io);
      case 'status':
        return await statusCommand(args, values, io);
      case 'logs':
        return await logsCommand(args, values, io);
      case 'cancel':
        return await cancelCommand(args, values, io);
      case 'graph':
        // ELK is large: load it only for the command that lays out graphs.
        return await (await import('./commands/graph.js')).graphCommand(args, values, io);
      case 'convert':
        return await convertCommand(args, values, io);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ccwf: ${error.message}\nRun 'ccwf --help' for usage.\n`);
      return EXIT_USAGE;
    }
    // Never a stack trace for users; the message still says what went wrong.
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `no such file: ${(error as NodeJS.ErrnoException).path}` : (error as Error).message;
    io.stderr.write(`ccwf: ${message}\n`);
    return 1;
  }
}

declare const __CCWF_VERSION__: string | undefined;
const VERSION = typeof __CCWF_VERSION__ === 'string' ? __CCWF_VERSION__ : 'dev';
