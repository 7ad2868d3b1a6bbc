/**
 * A runner process for the crash tests: runs (or resumes) a workflow with the default runners, as
 * the CLI will once it uses them. `node --import tsx driver.ts WORKFLOW RUNS_DIR SSH_CONFIG [RUN_ID]`.
 */
import { runWorkflow } from '../../src/core/engine/run-workflow.js';
import { defaultRunners, disposeRunners } from '../../src/core/runners/default-runners.js';

const [workflowPath, runsDir, sshConfigPath, resume] = process.argv.slice(2);
const runners = defaultRunners({ sshConfigPath: sshConfigPath! });
const outcome = await runWorkflow({ workflowPath: workflowPath!, runsDir: runsDir!, runners, ...(resume ? { resume } : {}) });
await disposeRunners(runners);
process.exitCode = outcome.kind === 'ran' && outcome.status === 'done' ? 0 : 1;
