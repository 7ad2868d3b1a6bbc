import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ccwfJsonSchema, ccwfJsonSchemaText, DURATION_PATTERN } from '../../src/core/model/json-schema.js';
import { DEFAULTS_KEYS, HOST_KEYS, JOB_KEYS, SLURM_KEYS, WORKFLOW_KEYS, type KeyTable } from '../../src/core/model/keys.js';
import { parseDuration } from '../../src/core/parse/duration.js';
import { EXAMPLES, FIXTURES } from './helpers.js';

const SHIPPED = fileURLToPath(new URL('../../schema/ccwf.schema.json', import.meta.url));

type Schema = { [keyword: string]: unknown };

/** Keywords that only annotate: they never make a value invalid. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'markdownDescription', 'examples']);
/** The part of draft-07 the checker below implements; the generated schema must use no other. */
const CHECKED = new Set(['type', 'enum', 'properties', 'additionalProperties', 'required', 'items', 'anyOf', 'oneOf', 'minimum', 'pattern']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** A tiny draft-07 validator: every problem as `path: message`, none when the value is valid. */
function check(schema: Schema, value: unknown, path = '$'): string[] {
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword)) throw new Error(`the test checker does not know '${keyword}' (at ${path})`);
  }
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => hasType(value, t))) return [`${path}: is ${typeOf(value)}, expected ${types.join(' or ')}`];
  }
  if (schema.enum !== undefined && !(schema.enum as unknown[]).some((e) => e === value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) {
    errors.push(`${path}: ${value} is below the minimum ${schema.minimum}`);
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => errors.push(...check(schema.items as Schema, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!(key in object)) errors.push(`${path}: missing required '${key}'`);
    }
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, item] of Object.entries(object)) {
      if (Object.hasOwn(properties, key)) errors.push(...check(properties[key]!, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unknown key '${key}'`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...check(schema.additionalProperties as Schema, item, `${path}.${key}`));
    }
  }
  if (schema.anyOf !== undefined && !(schema.anyOf as Schema[]).some((s) => check(s, value, path).length === 0)) {
    errors.push(`${path}: matches none of anyOf`);
  }
  if (schema.oneOf !== undefined) {
    const matches = (schema.oneOf as Schema[]).filter((s) => check(s, value, path).length === 0).length;
    if (matches !== 1) errors.push(`${path}: matches ${matches} of oneOf, expected exactly 1`);
  }
  return errors;
}

const schema = ccwfJsonSchema() as Schema;
const checkYaml = (text: string): string[] => check(schema, parse(text));
const checkFile = (file: string): string[] => checkYaml(readFileSync(file, 'utf8'));

/** Walks `properties` / `additionalProperties` by name: `at('jobs', '*', 'slurm')`. */
function at(...path: string[]): Schema {
  let node = schema;
  for (const step of path) {
    node = (step === '*' ? node.additionalProperties : (node.properties as Record<string, Schema>)[step]) as Schema;
    assert.ok(node && typeof node === 'object', `no schema at ${path.join('.')}`);
  }
  return node;
}

describe('JSON Schema of .ccwf', () => {
  it('the shipped schema/ccwf.schema.json is up to date', () => {
    const hint = 'schema/ccwf.schema.json is out of date with src/core/model/keys.ts: run `npm run schema`';
    assert.ok(existsSync(SHIPPED), `schema/ccwf.schema.json is missing: run \`npm run schema\``);
    const shipped = readFileSync(SHIPPED, 'utf8');
    assert.deepEqual(JSON.parse(shipped), ccwfJsonSchema(), hint);
    assert.equal(shipped, ccwfJsonSchemaText(), hint);
  });

  it('has the draft-07 header', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.$id, 'https://ccwf.dev/schema/ccwf.schema.json');
    assert.equal(typeof schema.title, 'string');
    assert.equal(typeof schema.description, 'string');
  });

  const tables: Array<[string, KeyTable, Schema[]]> = [
    ['WORKFLOW_KEYS', WORKFLOW_KEYS, [schema]],
    ['HOST_KEYS', HOST_KEYS, [at('hosts', '*'), at('hosts', 'local')]],
    ['JOB_KEYS', JOB_KEYS, [at('jobs', '*')]],
    ['DEFAULTS_KEYS', DEFAULTS_KEYS, [at('defaults')]],
    ['SLURM_KEYS', SLURM_KEYS, [at('jobs', '*', 'slurm')]],
  ];
  for (const [name, table, objects] of tables) {
    it(`has every key of ${name}, with its doc, and no other`, () => {
      for (const object of objects) {
        assert.equal(object.additionalProperties, false);
        const properties = object.properties as Record<string, Schema>;
        assert.deepEqual(Object.keys(properties), Object.keys(table));
        for (const [key, spec] of Object.entries(table)) {
          assert.equal(properties[key]!.description, spec.doc, `${name}.${key}`);
          assert.equal(properties[key]!.markdownDescription, spec.doc, `${name}.${key}`);
          if (spec.example !== undefined) {
            const examples = properties[key]!.examples as unknown[];
            assert.equal(examples.length, 1, `${name}.${key} has its example`);
            assert.deepEqual(check(properties[key]!, examples[0]), [], `the example of ${name}.${key} is valid`);
          }
        }
      }
    });
  }

  it('validates the quickstart example and the ok fixture', () => {
    assert.deepEqual(checkFile(join(EXAMPLES, 'quickstart', 'quickstart.ccwf')), []);
    assert.deepEqual(checkFile(join(FIXTURES, 'diagnostics', 'ok.ccwf')), []);
  });

  it('rejects the unknown-key fixture', () => {
    const errors = checkFile(join(FIXTURES, 'diagnostics', 'unknown-key.ccwf'));
    assert.ok(errors.some((e) => e.includes("unknown key 'neds'")), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes("unknown key 'timout'")), errors.join('\n'));
  });

  it('rejects what the parser rejects', () => {
    const bad: Record<string, string> = {
      'no jobs section': 'name: x',
      'a job with nothing to run': 'jobs: { a: { host: local } }',
      'a job with both run and script': 'jobs: { a: { run: echo, script: a.sh } }',
      'an unknown host kind': 'hosts: { h: { kind: sssh } }\njobs: { a: { run: echo } }',
      'a host without kind': 'hosts: { h: { ssh: login } }\njobs: { a: { run: echo } }',
      'a bad duration': 'jobs: { a: { run: echo, timeout: soon } }',
      'a negative retries': 'jobs: { a: { run: echo, retries: -1 } }',
      'a zero concurrency': 'concurrency: 0\njobs: { a: { run: echo } }',
      'a fractional slurm nodes': 'jobs: { a: { run: echo, slurm: { nodes: 1.5 } } }',
      'a list where text goes': 'jobs: { a: { run: [echo] } }',
      'a mapping in args': 'jobs: { a: { run: echo, args: [{ x: 1 }] } }',
      'a null env value': 'env: { A: }\njobs: { a: { run: echo } }',
    };
    for (const [what, text] of Object.entries(bad)) assert.notDeepEqual(checkYaml(text), [], what);
  });

  it('accepts what the parser accepts', () => {
    const good = [
      'jobs:',
      'hosts: { local: }\njobs: { a: { run: echo } }',
      'hosts: { local: { concurrency: 2 } }\njobs: { a: { run: 1 } }',
      'jobs: { a: { run: echo, needs: b }, b: { script: b.py, args: [1, true, x], needs: } }',
      'defaults: { timeout: 90, retry_delay: "1:30" }\njobs: { a: { run: echo, timeout: 1h30m, env: { N: 2 } } }',
      'jobs: { a: { run: echo, slurm: { gpus: 1, extra: [--qos=debug], time: "01:00:00" } } }',
    ];
    for (const text of good) assert.deepEqual(checkYaml(text), [], text);
  });

  it('the duration pattern accepts exactly what parseDuration accepts', () => {
    const samples = [
      '90', '1.5', '30s', '10m', '2h', '2d', '250ms', '1h30m', '1.5h', ' 5m ', '1:30', '1:30:00', '01:00:00',
      '', 'soon', '5x', 'm', '1h 30m', '1:3', '1:2:3:45', '-5s', '1.s', '.5s', '5 s', '10mss', '1:30:00s',
    ];
    const pattern = new RegExp(DURATION_PATTERN, 'u');
    for (const s of samples) assert.equal(pattern.test(s), parseDuration(s) !== undefined, JSON.stringify(s));
  });
});
