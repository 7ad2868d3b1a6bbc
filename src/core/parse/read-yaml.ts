import { Document, parseDocument, type Node, type YAMLError } from 'yaml';
import { duplicateKeyErrors } from './duplicate-keys.js';
import { readSimpleYaml } from './simple-yaml.js';
import { nodeFactory } from './simple-yaml-scalars.js';

const OPTIONS = { prettyErrors: false, strict: true } as const;
/**
 * The fast reader's nodes get the schema and options a document parsed with OPTIONS gets.
 * One factory for all texts: a new one per text would make every node of a new shape, which
 * keeps V8 from optimising the code that reads them.
 */
const SHAPE = new Document(undefined, { ...OPTIONS, uniqueKeys: false });
const NODES = nodeFactory(SHAPE.schema, SHAPE.options);

/** The YAML of a workflow: its nodes, and the `yaml` package's errors and warnings for it. */
export interface YamlText {
  readonly root: Node | null;
  readonly errors: readonly YAMLError[];
  readonly warnings: readonly YAMLError[];
  /** The `yaml` package's document of the text; parsed on first use when the fast reader read it. */
  document(): Document.Parsed;
}

/**
 * Reads with the fast reader when the text is in its subset (every workflow we generate or
 * document is), else with the `yaml` package. Either way the nodes, errors and warnings are the
 * ones `parseDocument(text, { uniqueKeys: true, strict: true })` gives, duplicate keys included.
 */
export function readYaml(text: string): YamlText {
  const fast = readSimpleYaml(text, NODES);
  if (fast !== undefined) {
    // The fast reader gives up on anything the `yaml` package would complain about, bar duplicates.
    const errors = duplicateKeyErrors(fast, text);
    if (errors === undefined) return checkedByYaml(text);
    let document: Document.Parsed | undefined;
    const later = () => {
      document = parseWithYaml(text, false);
      document.errors.push(...errors);
      return document;
    };
    return { root: fast, errors, warnings: [], document: () => document ?? later() };
  }
  const document = parseWithYaml(text, false);
  const duplicates = duplicateKeyErrors(document.contents as Node | null, text);
  // With other errors, the package's own (quadratic) check puts each duplicate in its place among them.
  if (duplicates === undefined || (duplicates.length > 0 && document.errors.length > 0)) return checkedByYaml(text);
  document.errors.push(...duplicates);
  return { root: document.contents as Node | null, errors: document.errors, warnings: document.warnings, document: () => document };
}

function checkedByYaml(text: string): YamlText {
  const checked = parseWithYaml(text, true);
  return { root: checked.contents as Node | null, errors: checked.errors, warnings: checked.warnings, document: () => checked };
}

function parseWithYaml(text: string, uniqueKeys: boolean): Document.Parsed {
  return parseDocument(text, { ...OPTIONS, uniqueKeys });
}
