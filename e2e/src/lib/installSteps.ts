/*
 * The install section of the READMEs, as steps a test can follow. A step is a fenced code block
 * right after a marker comment, which GitHub does not render:
 *
 *   <!-- adopter-test: shell -->                          commands, run in the app's root folder
 *   <!-- adopter-test: packages/backend/src/index.ts -->  lines to add before `backend.start();`
 *   <!-- adopter-test: app-config.yaml -->                YAML to merge into app-config.yaml
 *
 * The root README holds the whole recipe; a plugin README's marked blocks must agree with it
 * ({@link disagreements}), so the two cannot drift apart.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq, parseDocument } from 'yaml';

/** Where a block's lines go. */
export type InstallTarget =
  | 'shell'
  | 'packages/backend/src/index.ts'
  | 'app-config.yaml';

const TARGETS: readonly InstallTarget[] = [
  'shell',
  'packages/backend/src/index.ts',
  'app-config.yaml',
];

/** One marked fenced block of a README. */
export interface InstallBlock {
  target: InstallTarget;
  /** `README.md:<line of the opening fence>`, for messages. */
  where: string;
  /** The block's text without the fences. */
  text: string;
}

const MARKER = /^<!--\s*adopter-test:\s*(\S+)\s*-->\s*$/;
const FENCE = /^(```+|~~~+)/;

/** The marked blocks of one README, in order. Throws, naming file and line, on a broken marker. */
export function readInstallBlocks(
  markdown: string,
  file: string,
): InstallBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: InstallBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i].trim());
    if (!marker) continue;
    const target = marker[1] as InstallTarget;
    if (!TARGETS.includes(target)) {
      throw new Error(
        `${file}:${i + 1}: adopter-test marker names "${
          marker[1]
        }"; expected one of ${TARGETS.join(', ')}`,
      );
    }
    let open = i + 1;
    while (open < lines.length && lines[open].trim() === '') open++;
    const fence = FENCE.exec(lines[open]?.trim() ?? '');
    if (!fence) {
      throw new Error(
        `${file}:${i + 1}: adopter-test marker is not followed by a fenced code block`,
      );
    }
    const close = lines.findIndex(
      (line, at) => at > open && line.trim() === fence[1],
    );
    if (close < 0) {
      throw new Error(`${file}:${open + 1}: fenced code block is not closed`);
    }
    blocks.push({
      target,
      where: `${file}:${open + 1}`,
      text: lines.slice(open + 1, close).join('\n'),
    });
    i = close;
  }
  return blocks;
}

/** The lines of a block that do something: no blank lines, no comments. */
export function meaningfulLines(block: InstallBlock): string[] {
  const comment = block.target === 'packages/backend/src/index.ts' ? '//' : '#';
  return block.text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith(comment));
}

/** `yarn --cwd <dir> add <package>...`: the only command form the install section uses. */
export interface AddCommand {
  cwd: string;
  packages: string[];
}

const ADD = /^yarn\s+--cwd\s+(\S+)\s+add\s+(\S.*)$/;
/** An npm package name, optionally with a version range after `@`. */
const PACKAGE = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(@[\w.^~<>=|*-]+)?$/;

/** Reads one shell line; throws, naming where, for anything but `yarn --cwd DIR add PKG...`. */
export function parseAddCommand(line: string, where: string): AddCommand {
  const match = ADD.exec(line.trim());
  const packages = match?.[2].split(/\s+/) ?? [];
  if (!match || !packages.every(p => PACKAGE.test(p))) {
    throw new Error(
      `${where}: "${line}" is not "yarn --cwd <dir> add <package>...", the one command form the adopter test runs`,
    );
  }
  return { cwd: match[1], packages };
}

/**
 * The arguments of `yarn` for an add command, with each package that has a packed tarball
 * named by it (`@dockyard/x@file:/…/x.tgz`) instead of a registry lookup.
 */
export function addCommandArgs(
  command: AddCommand,
  tarballs: ReadonlyMap<string, string>,
): string[] {
  return [
    '--cwd',
    command.cwd,
    'add',
    ...command.packages.map(name => {
      const tarball = tarballs.get(name);
      return tarball ? `${name}@file:${tarball}` : name;
    }),
  ];
}

/**
 * Adds each line that is not there yet before `backend.start();`, as a person editing
 * packages/backend/src/index.ts does.
 */
export function addBackendLines(source: string, lines: string[]): string {
  const start = source.lastIndexOf('backend.start();');
  if (start < 0) {
    throw new Error('packages/backend/src/index.ts has no backend.start();');
  }
  const present = new Set(source.split('\n').map(line => line.trim()));
  const missing = lines.filter(line => !present.has(line.trim()));
  if (missing.length === 0) return source;
  return `${source.slice(0, start)}${missing.join('\n')}\n\n${source.slice(
    start,
  )}`;
}

/**
 * Merges a YAML snippet into an app-config file the way a person pastes it: mappings merge key
 * by key, list items are appended unless the list holds an equal one, other values replace.
 * Comments and order of the file are kept.
 */
export function mergeAppConfig(fileText: string, snippet: string): string {
  const doc = parseDocument(fileText);
  const add = parseDocument(snippet).toJS() as unknown;
  if (!isPlainObject(add)) {
    throw new Error('the app-config snippet is not a YAML mapping');
  }
  const merge = (path: string[], value: Record<string, unknown>) => {
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, key];
      const node = doc.getIn(at, true);
      if (isPlainObject(item) && isMap(node)) {
        merge(at, item);
      } else if (Array.isArray(item) && isSeq(node)) {
        const existing = (node.toJSON() as unknown[]) ?? [];
        for (const entry of item) {
          if (!existing.some(e => isDeepStrictEqual(e, entry))) {
            doc.addIn(at, doc.createNode(entry));
          }
        }
      } else {
        doc.setIn(at, doc.createNode(item));
      }
    }
  };
  merge([], add);
  return doc.toString();
}

/**
 * What a plugin README's marked blocks say that the root README's install section does not:
 * a package added in another place, a backend line missing from the root's (lines the app
 * template already has count as there), or YAML that is not part of the root's.
 */
export function disagreements(
  root: InstallBlock[],
  plugin: InstallBlock[],
  templateBackendIndex: string,
): string[] {
  const problems: string[] = [];
  const rootAdds = root
    .filter(b => b.target === 'shell')
    .flatMap(b => meaningfulLines(b).map(l => parseAddCommand(l, b.where)));
  const rootBackend = new Set([
    ...root
      .filter(b => b.target === 'packages/backend/src/index.ts')
      .flatMap(meaningfulLines),
    ...templateBackendIndex.split('\n').map(line => line.trim()),
  ]);
  const rootConfig = root
    .filter(b => b.target === 'app-config.yaml')
    .reduce(
      (text, b) => mergeAppConfig(text, b.text),
      '{}\n',
    );
  for (const block of plugin) {
    if (block.target === 'shell') {
      for (const line of meaningfulLines(block)) {
        const add = parseAddCommand(line, block.where);
        for (const name of add.packages) {
          if (
            !rootAdds.some(r => r.cwd === add.cwd && r.packages.includes(name))
          ) {
            problems.push(
              `${block.where}: the root README's install section does not add ${name} in ${add.cwd}`,
            );
          }
        }
      }
    } else if (block.target === 'packages/backend/src/index.ts') {
      for (const line of meaningfulLines(block)) {
        if (!rootBackend.has(line)) {
          problems.push(
            `${block.where}: the root README's install section lacks "${line}"`,
          );
        }
      }
    } else if (mergeAppConfig(rootConfig, block.text) !== rootConfig) {
      problems.push(
        `${block.where}: this app-config.yaml block is not part of the root README's`,
      );
    }
  }
  return problems;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
