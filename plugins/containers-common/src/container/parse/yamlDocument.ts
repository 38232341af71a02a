import { LineCounter, parseDocument, type Document } from 'yaml';
import type { ContainerLocation } from '../problems';

/** A container.yaml read by the `yaml` library, with what every step needs to place a problem. */
export interface YamlSource {
  /** The file name used in problems. */
  file: string;
  /** The text as read (without a byte-order mark). */
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Reads the text into a YAML document that keeps every node's position. */
export function readYaml(source: string, file: string): YamlSource {
  // A byte-order mark is invisible in an editor: columns on line 1 are counted without it.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // Found by the syntax step instead: the library compares each key with every one before.
    uniqueKeys: false,
    merge: true,
    keepSourceTokens: false,
    // Problems are reported as problems, not written to the console.
    logLevel: 'error',
  });
  return { file, text, doc, lineCounter };
}

/** The line and column of a source offset (a negative offset is the file's start). */
export function positionAt(
  yaml: YamlSource,
  offset: number,
): ContainerLocation {
  const { line, col } = yaml.lineCounter.linePos(Math.max(0, offset));
  return { file: yaml.file, line, column: col };
}

/** The first line of a `yaml` library message, without its position and its advice to callers. */
export function yamlMessage(message: string): string {
  const first = message
    .slice(0, 500)
    .split('\n')[0]
    .replace(/\s+at line \d+, column \d+:?$/, '')
    // Advice to the library's caller ("please use YAML.parseAllDocuments()"), not to a person.
    .replace(/;\s*please use YAML\.\w+\(\)/, '');
  return first.replace(/\.$/, '');
}
