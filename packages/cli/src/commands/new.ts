import type { Command } from 'commander';
import { confirm, input, select } from '@inquirer/prompts';
import {
  containerSlugProblem,
  CONTAINER_STRATEGIES,
  isContainerStrategy,
  newContainerInputSchema,
  requiredSourceFields,
  type ContainerStrategy,
  type NewContainerInput,
  type NewContainerSource,
  CONTAINERS_FOLDER_NAME,
  CONTAINER_FILE_NAME,
} from '@dockyard/plugin-containers-common';
import {
  DEFAULT_BASE_IMAGE,
  DEFAULT_REGISTRY,
  LocalContainerPlatform,
  NewContainerInputError,
  TemplateError,
  generateContainer,
  type ContainerDestination,
  type RenderedContainer,
} from '@dockyard/plugin-containers-node';
import path from 'node:path';
import { baseDir } from '../lib/containers';
import {
  CliError,
  displayPath,
  processIo,
  runAction,
  type CliIo,
} from '../lib/context';

/** Options of `dockyard new`, as commander parses them. */
export interface NewOptions {
  name?: string;
  summary?: string;
  owner?: string;
  strategy?: string;
  current?: string;
  sourceRepo?: string;
  sourceHost?: string;
  sourceImage?: string;
  sourcePackage?: string;
  sourceUrl?: string;
  sourceRegex?: string;
  sourceChart?: string;
  sourceProduct?: string;
  baseImage?: string;
  registry?: string;
  image?: string;
  dir?: string;
  yes?: boolean;
  dryRun?: boolean;
}

/** Asks for a value on a terminal. `dockyard new` gets one only when stdin is a terminal. */
export interface Prompter {
  text(
    message: string,
    options?: { default?: string; validate?: (value: string) => string | true },
  ): Promise<string>;
  choose(
    message: string,
    choices: string[],
    defaultChoice?: string,
  ): Promise<string>;
  confirm(message: string): Promise<boolean>;
}

/** The prompts of @inquirer/prompts. */
export const terminalPrompter: Prompter = {
  text: (message, options = {}) =>
    input({
      message,
      default: options.default,
      validate: options.validate,
      required: true,
    }),
  choose: (message, choices, defaultChoice) =>
    select({
      message,
      choices: choices.map(value => ({ value })),
      default: defaultChoice,
    }),
  confirm: message => confirm({ message, default: true }),
};

const SOURCE_FLAGS: Record<keyof NewContainerSource, keyof NewOptions> = {
  repo: 'sourceRepo',
  host: 'sourceHost',
  image: 'sourceImage',
  package: 'sourcePackage',
  url: 'sourceUrl',
  regex: 'sourceRegex',
  chart: 'sourceChart',
  product: 'sourceProduct',
};

const SOURCE_QUESTIONS: Record<keyof NewContainerSource, string> = {
  repo: 'GitHub repository (owner/name)',
  host: 'GitHub Enterprise host',
  image:
    'Image whose tags are the versions, registry host first (docker.io/library/postgres)',
  package: 'Package (PyPI or npm name, or group:artifact for Maven)',
  url: 'URL (listing page, or chart repository)',
  regex: 'Regular expression whose group 1 is the version',
  chart: 'Helm chart name',
  product: 'endoflife.date product id',
};

/** `--source-repo` for `sourceRepo`. */
function flag(option: keyof NewOptions): string {
  return `--${option.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`;
}

/** A field of the input schema, as far as a prompt needs it. */
interface FieldSchema {
  safeParse(
    value: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: ReadonlyArray<{ message: string }> } };
}

/** The input schema's word on one answer: a bad one is asked again, not refused at the end. */
function answerCheck(field: FieldSchema): (value: string) => string | true {
  return value => {
    const result = field.safeParse(value);
    return result.success || result.error.issues[0].message;
  };
}

function titleFromSlug(slug: string): string {
  return slug
    .split('-')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * The values of a new container: flags first, then answers on a terminal. Without a prompter
 * nothing is asked, and what is missing is an error naming its flags.
 */
async function collectValues(
  slug: string,
  options: NewOptions,
  prompter?: Prompter,
): Promise<NewOptions> {
  const values = { ...options };
  const missing: string[] = [];
  const need = async (
    option: keyof NewOptions,
    question: string,
    ask: (p: Prompter) => Promise<string>,
  ) => {
    if (typeof values[option] === 'string' && values[option] !== '') return;
    if (prompter) {
      (values as Record<string, unknown>)[option] = await ask(prompter);
    } else {
      missing.push(`${flag(option)} (${question})`);
    }
  };

  await need('name', 'human name', p =>
    p.text('Name of the image', { default: titleFromSlug(slug) }),
  );
  await need('summary', 'one sentence: what it runs', p =>
    p.text('Summary: one sentence, what the container runs'),
  );
  await need(
    'owner',
    'catalog owner, e.g. group:default/data-platform-team',
    p =>
      p.text('Owner (entity reference)', {
        default: 'group:default/data-platform-team',
        validate: answerCheck(newContainerInputSchema.shape.owner),
      }),
  );
  await need('strategy', `one of ${CONTAINER_STRATEGIES.join(', ')}`, p =>
    p.choose(
      'How are upstream releases found?',
      [...CONTAINER_STRATEGIES],
      'github-release',
    ),
  );
  await need('current', 'the upstream version packaged', p =>
    p.text('Upstream version this image packages', {
      validate: answerCheck(
        newContainerInputSchema.shape.version.shape.current,
      ),
    }),
  );
  // The strategy decides which source fields to ask for.
  const strategy = values.strategy;
  const known = isContainerStrategy(strategy) ? strategy : undefined;
  if (strategy && !known) {
    throw new CliError(
      `--strategy ${JSON.stringify(
        strategy,
      )} is not a known strategy: use one of ${CONTAINER_STRATEGIES.join(
        ', ',
      )}; nothing was written`,
    );
  }
  for (const field of known ? requiredSourceFields(known) : []) {
    await need(
      SOURCE_FLAGS[field],
      `${strategy}: ${SOURCE_QUESTIONS[field]}`,
      p => p.text(SOURCE_QUESTIONS[field]),
    );
  }
  if (missing.length > 0) {
    throw new CliError(
      `missing ${missing.join(', ')}.\n${
        options.yes ? '--yes was given' : 'stdin is not a terminal'
      }, so nothing is asked; nothing was written`,
      2,
    );
  }
  return values;
}

/** The generator's input from the flags and answers {@link collectValues} gathered. */
function newContainerInput(
  slug: string,
  values: NewOptions,
): NewContainerInput {
  const source: NewContainerSource = {};
  for (const [field, option] of Object.entries(SOURCE_FLAGS)) {
    const value = values[option];
    if (typeof value === 'string' && value !== '') {
      source[field as keyof NewContainerSource] = value;
    }
  }
  return {
    slug,
    name: values.name!,
    summary: values.summary!,
    owner: values.owner!,
    // A known strategy: collectValues refused any other.
    version: {
      strategy: values.strategy as ContainerStrategy,
      current: values.current!,
      source,
    },
    baseImage: values.baseImage,
    publish:
      values.image || values.registry
        ? { image: values.image, registry: values.registry }
        : undefined,
  };
}

/** What will be created, in one line, and whether the person wants it. */
async function confirmCreate(
  io: CliIo,
  prompter: Prompter,
  folder: string,
  container: NewContainerInput,
): Promise<boolean> {
  const image =
    container.publish?.image ??
    `${container.publish?.registry ?? DEFAULT_REGISTRY}/${container.slug}`;
  io.stdout.write(
    `\n${folder}/ for "${container.name}" (${container.version.strategy} ${
      container.version.current
    }), image ${image}, base ${container.baseImage ?? DEFAULT_BASE_IMAGE}\n`,
  );
  return prompter.confirm(`Create ${folder}?`);
}

function reportCreated(
  io: CliIo,
  folder: string,
  created: RenderedContainer,
): void {
  for (const warning of created.warnings) {
    io.stderr.write(`warning: ${warning}\n`);
  }
  io.stdout.write(
    [
      `Created ${folder}/: ${created.files.map(f => f.path).join(', ')}`,
      `Next: work through the checklist in ${folder}/README.md, then`,
      `  yarn dockyard validate ${folder}/${CONTAINER_FILE_NAME}`,
      `  yarn dockyard readme     # list it in the root README`,
      '',
    ].join('\n'),
  );
}

/**
 * `dockyard new SLUG`: renders `containers/_template` into `FOLDER/containers/SLUG` with
 * generateContainer, the generator of the scaffolder's `containers:create`. Without a prompter
 * (stdin is not a terminal, or `--yes`) nothing is asked: missing values are an error naming
 * their flags. Nothing is written unless everything is valid.
 */
export async function runNew(
  slug: string,
  options: NewOptions,
  io: CliIo,
  prompter?: Prompter,
): Promise<number> {
  // Said before anything is asked: the slug rule of the input schema, and a slug the checkout
  // has already (generateContainer checks both again when it runs).
  const slugIssue = containerSlugProblem(slug);
  if (slugIssue) {
    throw new CliError(`${slugIssue}; nothing was written`);
  }
  const rootDir = baseDir(io, options.dir);
  const platform = new LocalContainerPlatform(rootDir);
  const containersDir = path.join(rootDir, CONTAINERS_FOLDER_NAME);
  const folder = displayPath(io, path.join(containersDir, slug));
  if (await platform.containerExists(slug)) {
    throw new CliError(
      `${folder} already exists: choose another slug; nothing was written`,
    );
  }

  const containerInput = newContainerInput(
    slug,
    await collectValues(slug, options, prompter),
  );
  const generate = (write?: ContainerDestination) =>
    generateContainer({ platform, input: containerInput, write }).catch(
      (error: unknown) => {
        throw asCliError(error);
      },
    );
  // Rendered and validated first: a dry run and the confirmation show what would be written.
  const preview = await generate();
  if (options.dryRun) {
    io.stdout.write(
      `Dry run: ${folder}/ would get ${preview.files
        .map(f => f.path)
        .join(', ')}; nothing was written\n`,
    );
    return 0;
  }
  if (
    prompter &&
    !(await confirmCreate(io, prompter, folder, containerInput))
  ) {
    io.stderr.write('dockyard new: cancelled; nothing was written\n');
    return 1;
  }
  // Generated again to write: the checkout may have changed while the question was open.
  const created = await generate({
    containersDir,
    displayDir: displayPath(io, containersDir),
  });
  reportCreated(io, folder, created);
  return 0;
}

function asCliError(error: unknown): unknown {
  if (error instanceof NewContainerInputError) {
    return new CliError(`${error.message}\nNothing was written.`);
  }
  if (
    error instanceof TemplateError ||
    (error instanceof Error && error.name === 'ConflictError')
  ) {
    return new CliError(error.message);
  }
  return error;
}

/** `--source-*` flags: the value each takes, and what it is for which strategy. */
const SOURCE_FLAG_HELP: Record<keyof NewContainerSource, [string, string]> = {
  repo: ['owner/name', 'github-release, github-tag: the GitHub repository'],
  host: ['host', 'github-release, github-tag: a GitHub Enterprise host'],
  image: ['image', 'docker-tags: the image, registry host first'],
  package: ['name', 'pypi, npm: the package; maven: group:artifact'],
  url: [
    'url',
    'http-directory: the listing; helm: the chart repository; maven: another repository',
  ],
  regex: ['regex', 'http-directory: a regex whose group 1 is the version'],
  chart: ['chart', 'helm: the chart name'],
  product: ['id', 'endoflife: the endoflife.date product'],
};

/** Registers `dockyard new`. */
export function registerNewCommand(program: Command): void {
  const command = program
    .command('new')
    .description(
      'Create containers/<slug>/ from containers/_template (the generator the portal uses); asks for what is missing on a terminal',
    )
    .argument(
      '<slug>',
      'folder name and catalog name: lower case letters, digits and -',
    )
    .option('--name <name>', 'human name of the image ("Apache Spark Runtime")')
    .option('--summary <text>', 'one sentence: what the container runs')
    .option(
      '--owner <ref>',
      'catalog owner, e.g. group:default/data-platform-team',
    )
    .option(
      '--strategy <strategy>',
      `how upstream releases are found: ${CONTAINER_STRATEGIES.join(', ')}`,
    )
    .option('--current <version>', 'the upstream version this image packages');
  for (const [field, option] of Object.entries(SOURCE_FLAGS)) {
    const [value, help] = SOURCE_FLAG_HELP[field as keyof NewContainerSource];
    command.option(`${flag(option)} <${value}>`, help);
  }
  command
    .option(
      '--base-image <ref>',
      `base image with a tag or digest (default ${DEFAULT_BASE_IMAGE})`,
    )
    .option(
      '--registry <registry>',
      `registry and namespace of the image (default ${DEFAULT_REGISTRY})`,
    )
    .option(
      '--image <image>',
      'the image to publish (default <registry>/<slug>)',
    )
    .option(
      '--dir <folder>',
      'the checkout that gets containers/<slug> (default: the current directory)',
    )
    .option(
      '-y, --yes',
      'ask nothing: missing values are an error, no confirmation',
    )
    .option('--dry-run', 'render and validate, write nothing')
    .addHelpText(
      'after',
      `
Examples:
  $ dockyard new trino --name Trino --summary "Trino SQL engine." \\
      --owner group:default/data-platform-team --strategy github-release \\
      --current 476 --source-repo trinodb/trino
  $ dockyard new kafka-connect          # asks for the rest on a terminal`,
    )
    .action(async (slug: string, options: NewOptions) => {
      const io = processIo();
      const interactive = Boolean(process.stdin.isTTY) && !options.yes;
      await runAction('new', io, () =>
        runNew(slug, options, io, interactive ? terminalPrompter : undefined),
      );
    });
}
