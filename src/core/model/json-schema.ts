import { parse } from 'yaml';
import { DEFAULTS_KEYS, HOST_KEYS, JOB_KEYS, SLURM_KEYS, WORKFLOW_KEYS, type KeySpec, type KeyTable } from './keys.js';
import { HOST_KINDS } from './workflow.js';

/**
 * The JSON Schema (draft-07) of the native `.ccwf` format, built from the key tables in
 * `keys.ts`. `npm run schema` writes it to `schema/ccwf.schema.json`; a unit test checks that the
 * shipped file equals what this returns, so the file cannot drift from the parser's keys.
 *
 * The schema accepts what the parser accepts: text values may be any YAML scalar (numbers and
 * booleans are read as text), and sections and lists may be left empty (`hosts:` with no value).
 */
export const CCWF_SCHEMA_ID = 'https://ccwf.dev/schema/ccwf.schema.json';

/**
 * Strings `parseDuration` accepts: seconds (`90`, `1.5`), unit runs (`30s`, `1h30m`, `250ms`, `2d`)
 * and Slurm clocks (`MM:SS`, `HH:MM:SS`), with surrounding spaces trimmed.
 */
export const DURATION_PATTERN = String.raw`^\s*(?:\d+(?:\.\d+)?|(?:\d+:)?\d+:\d{2}|(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+)\s*$`;

type JsonSchema = { [keyword: string]: unknown };

/** Any YAML scalar but null: the parser reads numbers and booleans as text (`gpus: 1`). */
const SCALAR_TYPES = ['string', 'number', 'boolean'];

const scalar = (): JsonSchema => ({ type: [...SCALAR_TYPES] });

export function ccwfJsonSchema(): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CCWF_SCHEMA_ID,
    title: 'ccwf workflow',
    description: 'A .ccwf workflow: the hosts jobs run on, the jobs, and the order they run in (needs).',
    markdownDescription: 'A `.ccwf` workflow: the hosts jobs run on, the jobs, and the order they run in (`needs`).',
    type: 'object',
    required: ['jobs'],
    properties: propertiesOf(WORKFLOW_KEYS),
    additionalProperties: false,
  };
}

/** The schema as shipped in `schema/ccwf.schema.json`: pretty JSON with a trailing newline. */
export function ccwfJsonSchemaText(): string {
  return JSON.stringify(ccwfJsonSchema(), null, 2) + '\n';
}

function propertiesOf(table: KeyTable): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [key, spec] of Object.entries(table)) out[key] = propertySchema(key, spec);
  return out;
}

function propertySchema(key: string, spec: KeySpec): JsonSchema {
  const examples = spec.example === undefined ? undefined : exampleValue(key, spec.example);
  return {
    description: spec.doc,
    markdownDescription: spec.doc,
    ...valueSchema(spec),
    ...(examples === undefined ? {} : { examples: [examples] }),
  };
}

/** `example` is written as a line of the file (`needs: [a, b]`); the schema wants the value. */
function exampleValue(key: string, example: string): unknown {
  try {
    const parsed: unknown = parse(example);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && key in parsed) {
      return (parsed as Record<string, unknown>)[key];
    }
    return parsed ?? undefined;
  } catch {
    return example;
  }
}

function valueSchema(spec: KeySpec): JsonSchema {
  switch (spec.type) {
    case 'string':
      return scalar();
    case 'integer':
      return { type: 'integer', minimum: spec.minimum ?? 0 };
    case 'duration':
      // `minimum` applies to numbers only and `pattern` to strings only.
      return { type: ['number', 'string'], minimum: 0, pattern: DURATION_PATTERN };
    case 'string-list':
      return { type: ['array', 'null'], items: scalar() };
    case 'string-or-list':
      // One value counts as a list of one; `items` applies to the list form only.
      return { type: [...SCALAR_TYPES, 'array', 'null'], items: scalar() };
    case 'string-map':
      return { type: ['object', 'null'], additionalProperties: scalar() };
    case 'host-kind':
      return { type: 'string', enum: [...HOST_KINDS] };
    case 'hosts':
      return {
        type: ['object', 'null'],
        // `local` always exists and needs no `kind`; every other host must say how it is reached.
        properties: { local: hostSchema(false) },
        additionalProperties: hostSchema(true),
      };
    case 'jobs':
      return { type: ['object', 'null'], additionalProperties: jobSchema() };
    case 'defaults':
      return { type: ['object', 'null'], properties: propertiesOf(DEFAULTS_KEYS), additionalProperties: false };
    case 'slurm':
      return { type: ['object', 'null'], properties: propertiesOf(SLURM_KEYS), additionalProperties: false };
  }
}

function hostSchema(needsKind: boolean): JsonSchema {
  const doc = needsKind
    ? 'A host, by name: how jobs reach it (`kind`) and its settings.'
    : 'The machine ccwf runs on. It always exists; declare it only to change its settings.';
  return {
    description: doc.replace(/`/g, ''),
    markdownDescription: doc,
    type: needsKind ? 'object' : ['object', 'null'],
    ...(needsKind ? { required: ['kind'] } : {}),
    properties: propertiesOf(HOST_KEYS),
    additionalProperties: false,
  };
}

function jobSchema(): JsonSchema {
  const doc = 'A job, by name: what it runs (`run` or `script`, exactly one), where, and after which jobs.';
  return {
    description: doc.replace(/`/g, ''),
    markdownDescription: doc,
    type: 'object',
    properties: propertiesOf(JOB_KEYS),
    additionalProperties: false,
    oneOf: [{ required: ['run'] }, { required: ['script'] }],
  };
}
