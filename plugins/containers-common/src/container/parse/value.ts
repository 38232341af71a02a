import { isNode } from 'yaml';
import { knownPrefix } from '../fields';
import { wholeFileProblem, type ContainerProblem } from '../problems';
import { MAX_ALIAS_COUNT } from './constants';
import { problemAt, type StepStop } from './result';
import { positionAt, yamlMessage, type YamlSource } from './yamlDocument';
import { firstAliasOffset, pathAtOffset } from './yamlNodes';

/**
 * The third step: the document as a plain value, aliases expanded at most MAX_ALIAS_COUNT times.
 * It must be a mapping; an empty file is refused whole.
 */
export function readValue(yaml: YamlSource): { data: object } | StepStop {
  let data: unknown;
  try {
    data = yaml.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { problem: unreadableValueProblem(yaml, e) };
  }
  if (data === null || data === undefined) {
    const problem = wholeFileProblem(
      yaml.file,
      'the file is empty — a container.yaml is a mapping with at least name, slug, summary, maintainers and version (see docs/reference/container-yaml.md)',
      'schema',
    );
    return { problem, alone: true };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const root = yaml.doc.contents;
    const problem = problemAt(
      positionAt(yaml, isNode(root) && root.range ? root.range[0] : 0),
      [],
      `must be a mapping of fields (name: …, slug: …, version: …), not ${
        Array.isArray(data) ? 'a list' : 'a single value'
      }`,
      'schema',
    );
    return { problem };
  }
  return { data };
}

/** Why the library could not make a value of the document: too many aliases, or one without anchor. */
function unreadableValueProblem(
  yaml: YamlSource,
  error: unknown,
): ContainerProblem {
  const { doc } = yaml;
  const message = error instanceof Error ? error.message : String(error);
  if (
    /alias/i.test(message) &&
    /resource exhaustion|excessive/i.test(message)
  ) {
    return problemAt(
      positionAt(yaml, firstAliasOffset(doc)),
      [],
      `aliases are expanded more than ${MAX_ALIAS_COUNT} times (an alias-expansion bomb) — write the values out or use fewer aliases`,
      'alias-bomb',
    );
  }
  if (/unresolved alias/i.test(message)) {
    const offset = firstAliasOffset(doc, alias => !alias.resolve(doc));
    const name = /:\s*(\S+)\s*$/.exec(yamlMessage(message))?.[1] ?? 'name';
    return problemAt(
      positionAt(yaml, offset),
      knownPrefix(pathAtOffset(doc, offset)),
      `YAML syntax: alias *${name} has no anchor — define &${name} on an earlier value, or write the value out`,
      'syntax',
    );
  }
  return problemAt(
    positionAt(yaml, 0),
    [],
    `cannot be read as YAML: ${yamlMessage(message)}`,
    'syntax',
  );
}
