import {
  checkNewContainerInput,
  ContainerSpec,
  formatProblem,
  NewContainerInput,
  parseContainerYaml,
  CONTAINER_FILE_NAME,
  CONTAINERS_FOLDER_NAME,
} from '@dockyard/plugin-containers-common';
import { InputError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';
import { markdownCode, markdownTableRow, markdownText } from './markdown';
import { renderContainerYaml } from './renderContainerYaml';
import {
  renderTemplateText,
  TemplateError,
  TemplateValues,
} from './renderText';
import { RenderedContainer, RenderedFile, TemplateFile } from './types';

/**
 * The base image when none is given: small, maintained, and the README asks to pin it.
 *
 * @public
 */
export const DEFAULT_BASE_IMAGE = 'docker.io/library/debian:bookworm-slim';
/**
 * The registry and namespace of the default image name, as the platform's images use.
 *
 * @public
 */
export const DEFAULT_REGISTRY = 'ghcr.io/example/data-platform';

/**
 * Inputs that cannot make a container: unsafe, incomplete, or rendering to a container.yaml the
 * parser refuses. `problems` lists every reason, one sentence each.
 *
 * @public
 */
export class NewContainerInputError extends InputError {
  readonly problems: string[];

  constructor(problems: string[], intro = 'Cannot create the container') {
    super(`${intro}:\n${problems.map(p => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * The inputs, checked with the new-container schema of the common package (shape and safety);
 * every problem at once in a {@link NewContainerInputError}.
 */
export function checkedNewContainerInput(input: unknown): NewContainerInput {
  const result = checkNewContainerInput(input);
  if (!result.ok) {
    throw new NewContainerInputError(result.problems);
  }
  return result.input;
}

/** Options of {@link renderNewContainer}. */
export interface RenderNewContainerOptions {
  /** Where the container will live, for messages (`containers`). */
  containersFolder?: string;
}

/**
 * Renders a new container folder from the template files, in memory, from inputs
 * {@link checkedNewContainerInput} accepted. The rendered container.yaml must pass the one parser;
 * otherwise a {@link NewContainerInputError} says why and nothing is returned (so nothing gets
 * written).
 */
export function renderNewContainer(
  template: TemplateFile[],
  input: NewContainerInput,
  options: RenderNewContainerOptions = {},
): RenderedContainer {
  const containerYamlFile = template.find(f => f.path === CONTAINER_FILE_NAME);
  if (!containerYamlFile) {
    throw new TemplateError(
      `the template folder has no ${CONTAINER_FILE_NAME}`,
    );
  }
  const values = inputValues(input);
  const containerYaml = renderContainerYaml(
    containerYamlFile.content.toString('utf8'),
    CONTAINER_FILE_NAME,
    values,
    { ...input, baseImage: values.verbatim.baseImage },
    values.verbatim.image,
  );
  const parsed = validateContainerYaml(containerYaml, input, options);
  const fileValues: TemplateValues = {
    verbatim: {
      ...values.verbatim,
      exposeInstruction: exposeInstruction(parsed.container),
    },
    text: values.text,
    markdown: {
      portRows: portRows(parsed.container, input),
      envRows: envRows(parsed.container),
    },
  };
  return {
    slug: input.slug,
    entityRef: `component:default/${input.slug}`,
    files: template.map(file =>
      file.path === CONTAINER_FILE_NAME
        ? { path: file.path, content: containerYaml, executable: false }
        : renderFile(file, fileValues),
    ),
    warnings: parsed.warnings,
  };
}

/** The values placeholders take: verbatim ones are checked shapes, text ones free text. */
function inputValues(input: NewContainerInput): TemplateValues {
  const verbatim: Record<string, string> = {
    slug: input.slug,
    owner: input.owner,
    strategy: input.version.strategy,
    current: input.version.current,
    baseImage: input.baseImage ?? DEFAULT_BASE_IMAGE,
    image:
      input.publish?.image ??
      `${input.publish?.registry ?? DEFAULT_REGISTRY}/${input.slug}`,
  };
  return {
    verbatim,
    text: { name: input.name, summary: input.summary },
    markdown: {},
  };
}

/** The rendered container.yaml as the parser reads it; its errors refuse the inputs. */
function validateContainerYaml(
  containerYaml: string,
  input: NewContainerInput,
  options: RenderNewContainerOptions,
): { container: ContainerSpec; warnings: string[] } {
  const parsed = parseContainerYaml(containerYaml, {
    file: `${options.containersFolder ?? CONTAINERS_FOLDER_NAME}/${
      input.slug
    }/${CONTAINER_FILE_NAME}`,
    folderName: input.slug,
  });
  const errors = parsed.problems.filter(p => p.severity === 'error');
  if (!parsed.ok || !parsed.container || errors.length > 0) {
    throw new NewContainerInputError(
      errors.map(formatProblem),
      'The container.yaml rendered from these inputs does not validate',
    );
  }
  assertRoundTrip(containerYaml, input);
  const warnings = parsed.problems
    .filter(p => p.severity === 'warning')
    .map(formatProblem);
  return { container: parsed.container, warnings: [...new Set(warnings)] };
}

/** A template file other than container.yaml: text gets its placeholders, binary is copied. */
function renderFile(file: TemplateFile, values: TemplateValues): RenderedFile {
  return {
    path: file.path,
    content: isText(file.content)
      ? renderTemplateText(file.content.toString('utf8'), file.path, values)
      : file.content,
    executable: Boolean(file.executable),
  };
}

/**
 * The free text must read back exactly as typed, and the file must have only the keys the
 * template and the inputs put there. Structural rendering guarantees it; this guards regressions.
 */
function assertRoundTrip(containerYaml: string, input: NewContainerInput) {
  const data = parseYaml(containerYaml);
  if (
    data?.name !== input.name ||
    data?.summary !== input.summary ||
    data?.slug !== input.slug
  ) {
    throw new Error(
      'container.yaml did not round-trip the name, summary and slug',
    );
  }
}

function isText(content: Buffer): boolean {
  return !content.includes(0);
}

/** The Dockerfile's EXPOSE line, from the validated ports (numbers and a protocol enum). */
function exposeInstruction(container: ContainerSpec): string {
  const ports = (container.runtime?.ports ?? [])
    .filter(p => Number.isInteger(p.container_port))
    .map(p =>
      p.protocol && p.protocol !== 'tcp'
        ? `${p.container_port}/${p.protocol}`
        : String(p.container_port),
    );
  return ports.length > 0
    ? `EXPOSE ${ports.join(' ')}`
    : '# No ports: the service listens on none.';
}

function portRows(container: ContainerSpec, input: NewContainerInput): string {
  const described = new Map(
    (input.ports ?? []).map(p => [p.name, p.description]),
  );
  const rows = (container.runtime?.ports ?? []).map(port =>
    markdownTableRow([
      markdownText(port.name ?? ''),
      String(port.container_port),
      port.protocol ?? 'tcp',
      markdownText(described.get(port.name ?? '') ?? 'TODO'),
    ]),
  );
  return rows.length > 0
    ? rows.join('\n')
    : markdownTableRow(['none', '', '', '']);
}

function envRows(container: ContainerSpec): string {
  const rows = (container.runtime?.env ?? []).map(env =>
    markdownTableRow([
      markdownCode(env.name),
      env.default === undefined || env.default === ''
        ? ''
        : markdownText(String(env.default)),
      markdownText(env.description ?? 'TODO'),
    ]),
  );
  return rows.length > 0 ? rows.join('\n') : markdownTableRow(['none', '', '']);
}
