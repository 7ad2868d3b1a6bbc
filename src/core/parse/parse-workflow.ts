import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { LOCAL_HOST, type Workflow } from '../model/workflow.js';
import { DEFAULT_COLORS } from '../model/status.js';
import { readCcwf } from './parse-ccwf.js';
import { readCloudmesh } from './parse-cloudmesh.js';
import { readYaml } from './read-yaml.js';
import { YamlReader } from './yaml-reader.js';

/** Larger files are refused before parsing: a workflow of 50,000 jobs is well under this. */
export const MAX_WORKFLOW_BYTES = 8 * 1024 * 1024;

export interface ParseResult {
  readonly workflow: Workflow;
  readonly diagnostics: Diagnostic[];
  /**
   * The YAML document, for edits that keep comments and formatting. Absent when not parsed.
   * Workflows written in the YAML subset `simple-yaml.ts` reads are read without it; it is then
   * parsed on first access (about 0.4 s for 5,000 jobs, where the rest takes 0.06 s).
   */
  readonly document?: Document.Parsed;
}

const EMPTY: Workflow = {
  format: 'ccwf',
  env: {},
  hosts: new Map([['local', LOCAL_HOST]]),
  jobs: new Map(),
  colors: DEFAULT_COLORS,
};

/**
 * Text -> workflow model plus every problem found. Never throws: whatever the input, the caller
 * gets a (possibly empty) workflow and diagnostics with ranges.
 */
export function parseWorkflow(text: string): ParseResult {
  if (text.length > MAX_WORKFLOW_BYTES) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return failed('file-too-large', `The file is ${mb} MB; workflows larger than ${MAX_WORKFLOW_BYTES / 1024 / 1024} MB are not read.`, 0);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return failed('yaml-syntax', 'The file contains binary data (a NUL byte); a workflow must be YAML text.', nul);
  try {
    const yaml = readYaml(text);
    const diagnostics: Diagnostic[] = [];
    for (const e of yaml.errors) {
      const duplicate = e.code === 'DUPLICATE_KEY';
      diagnostics.push({
        code: duplicate ? 'duplicate-key' : 'yaml-syntax',
        severity: 'error',
        message: duplicate ? 'This key appears twice in the same mapping; keep one.' : firstLine(e.message),
        range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) },
      });
    }
    for (const w of yaml.warnings) {
      diagnostics.push({ code: 'yaml-syntax', severity: 'warning', message: firstLine(w.message), range: { start: w.pos[0], end: w.pos[1] } });
    }
    const reader = new YamlReader(yaml.document);
    const root = yaml.root;
    const workflow = isCloudmesh(root) ? readCloudmesh(root, reader) : readCcwf(root, reader);
    // When the YAML itself is broken, structural complaints are mostly echoes of that.
    const structural = diagnostics.some((d) => d.code === 'yaml-syntax' && d.severity === 'error') ? [] : reader.diagnostics;
    return {
      workflow,
      diagnostics: [...diagnostics, ...structural],
      get document() {
        return yaml.document();
      },
    };
  } catch (error) {
    // The yaml package can overflow the stack on pathological nesting; report it, do not crash.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : 'it could not be parsed';
    return failed('yaml-syntax', `The file is not a readable workflow: ${reason}.`, 0);
  }
}

/** cloudmesh-cc files have a single top-level `workflow:` mapping. */
function isCloudmesh(root: Node | null): boolean {
  return isMap(root) && root.items.some((p) => isScalar(p.key) && p.key.value === 'workflow');
}

function failed(code: Diagnostic['code'], message: string, at: number): ParseResult {
  return { workflow: EMPTY, diagnostics: [{ code, severity: 'error', message, range: { start: at, end: at + 1 } }] };
}

const firstLine = (message: string): string => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
