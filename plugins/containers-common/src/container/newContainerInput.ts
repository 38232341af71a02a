import { z } from 'zod';
import { containerSlugProblem } from '../slug';
import { inputIssueMessages } from './messages';
import {
  bounded,
  METASTORE_DECISION_STATUSES,
  METASTORE_ROLES,
  METASTORE_SERVICE_TYPES,
  CLOUD_NATIVE_METASTORE_TYPES,
  CONTAINER_LIFECYCLES,
  CONTAINER_MAX_LENGTH,
  CONTAINER_PATTERNS,
  CONTAINER_STRATEGIES,
  containerSchema,
  type ContainerStrategy,
  regexSource,
  type Shape,
  shaped,
  SHAPES,
  SIGNING_METHODS,
  STRATEGY_SOURCE_FIELDS,
  text,
} from './schema';

/*
 * What a new container is made from (`dockyard new`, the scaffolder's `containers:create`),
 * checked with the container.yaml schema's own shapes, lists and wording. A form or a command
 * line is not a file, so no value may hold a `!token`. Values the template copies verbatim into
 * the Dockerfile, shell scripts or README code (owner, version, base image, image, port and
 * variable names) get stricter shapes: no whitespace, quotes, `$`, `|` or line breaks, so they
 * cannot change the file around them.
 */

const ENTITY_REF =
  /^(?:[A-Za-z][A-Za-z0-9]*:)?(?:[a-z0-9][a-z0-9._-]{0,62}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const PLAIN_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}$/;
const REGISTRY_EXPECTATION =
  'must be a registry host and namespace, lower case, e.g. ghcr.io/example/data-platform (the image is <registry>/<slug>)';

/** Shapes stricter than container.yaml's, for values other files hold verbatim. */
const VERBATIM_SHAPES = {
  entityRef: {
    pattern: ENTITY_REF,
    expectation:
      'must be an entity reference such as group:default/data-platform-team',
    max: CONTAINER_MAX_LENGTH.name,
  },
  version: {
    pattern: PLAIN_VERSION,
    expectation:
      'must be a version without spaces or quotes ("4.0.1", "476", "17.6-bookworm")',
    max: 128,
  },
  baseImage: {
    ...SHAPES.imageReference,
    refine: value => {
      if (CONTAINER_PATTERNS.imageName.test(value)) {
        return 'must be an image reference with a tag or digest ("docker.io/library/debian:bookworm-slim")';
      }
      return value.includes('@') && !CONTAINER_PATTERNS.sha256Digest.test(value)
        ? 'must pin its digest as @sha256: and 64 hexadecimal digits'
        : undefined;
    },
  },
  // The image is <registry>/<slug>, so the registry is whatever makes that an image name.
  registry: {
    pattern: /^[a-z0-9][a-z0-9._:/-]*$/,
    expectation: REGISTRY_EXPECTATION,
    max: 200,
    refine: value =>
      CONTAINER_PATTERNS.imageName.test(`${value}/x`)
        ? undefined
        : REGISTRY_EXPECTATION,
  },
  publishTag: {
    pattern: new RegExp(
      `^(?:${CONTAINER_PATTERNS.imageTag.source.slice(
        1,
        -1,
      )}|![A-Za-z_][A-Za-z0-9_.]*)$`,
    ),
    expectation: `${SHAPES.imageTag.expectation}, or a token such as !version.current`,
    max: 128,
  },
  // Kubernetes port names (IANA service names): what a compose file or a chart can take over.
  portName: {
    pattern: /^[a-z](?:[a-z0-9-]{0,13}[a-z0-9])?$/,
    expectation:
      'must be a port name such as "http" (lower case, up to 15 characters)',
    max: 15,
  },
  // A name a shell entrypoint can read: container.yaml also allows `.` and `-`.
  envName: {
    pattern: /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
    expectation:
      'must be an environment variable name such as "APP_LOG_LEVEL" (letters, digits and _, not starting with a digit)',
    max: 128,
  },
} satisfies Record<string, Shape>;

/**
 * An upstream version a Dockerfile ARG and an image tag can hold: `4.0.1`, `476`, `17.6-bookworm`.
 *
 * @public
 */
export function isPlainVersion(value: string): boolean {
  return PLAIN_VERSION.test(value);
}

/** A field left empty on a form (or null) means "not given". */
function given<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    value => (value === '' || value === null ? undefined : value),
    schema,
  );
}

function optional<T extends z.ZodType>(schema: T) {
  return given(schema.optional());
}

/** A shaped string as container.yaml has it, without tokens. */
function strict(description: string, shape: Shape) {
  return shaped(description, { ...shape, tokens: false });
}

/** Free text that must say something. */
function requiredText(description: string, max?: number) {
  return text(description, max).refine(value => value.trim() !== '', {
    error: 'must not be only spaces',
  });
}

const slugSchema = bounded(1024)
  .superRefine((slug, ctx) => {
    // The rules for a new folder, stricter than the parser's; said as "slug …", so the field
    // name is taken off the front.
    const problem = containerSlugProblem(slug);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem.replace(/^slug /, '') });
    }
  })
  .describe(
    'folder name under containers/ and catalog entity name: lower case letters, digits and -',
  );

const sourceSchema = z
  .strictObject({
    repo: optional(
      strict('GitHub repository as owner/name', SHAPES.githubRepo),
    ),
    host: optional(strict('GitHub Enterprise host', SHAPES.host)),
    image: optional(
      strict(
        'image whose tags are the versions, registry host first',
        SHAPES.imageWithRegistry,
      ),
    ),
    package: optional(
      strict(
        'PyPI or npm name, or group:artifact for maven',
        SHAPES.packageName,
      ),
    ),
    url: optional(
      strict('listing page, Maven or chart repository', SHAPES.httpUrl),
    ),
    regex: optional(
      regexSource('a regular expression whose group 1 is the version', {
        group: true,
      }).refine(value => !/[\r\n]/.test(value), {
        error: 'must be a single line',
      }),
    ),
    chart: optional(strict('chart name', SHAPES.simpleName)),
    product: optional(strict('endoflife.date product id', SHAPES.simpleName)),
  })
  .describe('version.source: the fields the strategy reads');

/**
 * Whether `value` is a `version.strategy` container.yaml knows.
 *
 * @public
 */
export function isContainerStrategy(
  value: unknown,
): value is ContainerStrategy {
  return (CONTAINER_STRATEGIES as readonly unknown[]).includes(value);
}

type SourceField = keyof NewContainerSource;

/**
 * The `version.source` fields a new container must give with each strategy: the parser's required
 * fields, plus the package for pypi (the file format falls back to `version.component`, but a new
 * container should say what it tracks).
 *
 * @public
 */
export function requiredSourceFields(
  strategy: ContainerStrategy,
): Array<keyof NewContainerSource> {
  const required = STRATEGY_SOURCE_FIELDS[strategy].required.map(
    group => group[0],
  );
  return (strategy === 'pypi' ? ['package'] : required) as SourceField[];
}

/**
 * The optional `version.source` fields of a strategy.
 *
 * @public
 */
export function optionalSourceFields(
  strategy: ContainerStrategy,
): Array<keyof NewContainerSource> {
  const required: string[] = requiredSourceFields(strategy);
  return [
    ...STRATEGY_SOURCE_FIELDS[strategy].required.flat(),
    ...STRATEGY_SOURCE_FIELDS[strategy].optional,
  ].filter(field => !required.includes(field)) as SourceField[];
}

/** The source fields the strategy needs are there, and no others. */
function checkSourceFields(
  version: { strategy: unknown; source?: Record<string, unknown> },
  ctx: z.RefinementCtx,
) {
  const { strategy } = version;
  if (!isContainerStrategy(strategy)) return;
  const source = version.source ?? {};
  const required = requiredSourceFields(strategy);
  const usable: string[] = [...required, ...optionalSourceFields(strategy)];
  for (const [field, value] of Object.entries(source)) {
    if (value !== undefined && !usable.includes(field)) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', field],
        message: `is not used by the ${strategy} strategy, which reads ${
          usable.length ? usable.join(', ') : 'no source'
        }`,
      });
    }
  }
  for (const field of required.filter(f => source[f] === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['source', field],
      message: `is required by the ${strategy} strategy (${STRATEGY_SOURCE_FIELDS[strategy].example})`,
    });
  }
}

const versionSchema = z
  .object({
    strategy: given(
      z.enum(CONTAINER_STRATEGIES).describe('how upstream releases are found'),
    ),
    current: given(
      strict(
        'the upstream version this image packages',
        VERBATIM_SHAPES.version,
      ),
    ),
    component: optional(
      strict("the upstream component's name", SHAPES.packageName),
    ),
    source: optional(sourceSchema),
    notes: optional(
      bounded(CONTAINER_MAX_LENGTH.text).describe(
        'where release notes live, what to check when upgrading',
      ),
    ),
  })
  .superRefine(checkSourceFields);

/** No two items of a list share a name. */
function uniqueNames(items: Array<{ name?: unknown }>, ctx: z.RefinementCtx) {
  const names = new Set<unknown>();
  items.forEach((item, index) => {
    if (names.has(item.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `${JSON.stringify(item.name)} is used twice`,
      });
    }
    names.add(item.name);
  });
}

const PORT_NUMBER = 'must be a whole number from 1 to 65535';

const portSchema = z.object({
  name: given(strict('port name', VERBATIM_SHAPES.portName)),
  port: z
    .number()
    .int()
    .min(1, { error: PORT_NUMBER })
    .max(65535, { error: PORT_NUMBER }),
  // EXPOSE in a Dockerfile takes tcp and udp.
  protocol: optional(z.enum(['tcp', 'udp'])),
  description: optional(
    bounded(CONTAINER_MAX_LENGTH.line).describe('what the port serves'),
  ),
});

const envSchema = z.object({
  name: given(strict('environment variable name', VERBATIM_SHAPES.envName)),
  default: optional(bounded(CONTAINER_MAX_LENGTH.text)),
  description: optional(bounded(CONTAINER_MAX_LENGTH.line)),
});

/** cosign signs keyless unless a key is given, or keyless is turned off (then a key is needed). */
function checkSigning(
  signing: { method: string; keyless?: boolean; key?: string },
  ctx: z.RefinementCtx,
) {
  if (
    signing.method === 'cosign' &&
    signing.keyless === false &&
    !signing.key
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['key'],
      message: 'is required for cosign signing that is not keyless',
    });
  }
  if (signing.keyless === true && signing.key) {
    ctx.addIssue({
      code: 'custom',
      path: ['key'],
      message: 'is set with keyless: true — choose keyless signing or a key',
    });
  }
}

const publishSchema = z.object({
  image: optional(strict('the image repository to push to', SHAPES.imageName)),
  registry: optional(
    strict('registry and namespace of the image', VERBATIM_SHAPES.registry),
  ),
  tags: optional(
    z.array(strict('image tag or token', VERBATIM_SHAPES.publishTag)),
  ),
  provenance: optional(
    z.union([z.literal(false), z.enum(['min', 'max'])], {
      error: 'must be false, min or max (buildx --provenance)',
    }),
  ),
  sbom: optional(z.boolean()),
  signing: optional(
    z
      .object({
        method: given(z.enum(SIGNING_METHODS)),
        keyless: optional(z.boolean()),
        key: optional(text('cosign key reference', CONTAINER_MAX_LENGTH.url)),
      })
      .superRefine(checkSigning),
  ),
});

const documentPath = (description: string) =>
  optional(strict(description, SHAPES.pathOrUrl));

const metastoreFields = z.object({
  role: given(z.enum(METASTORE_ROLES)),
  /** consumer: the catalog used; provider: the catalog served. */
  type: optional(z.enum(METASTORE_SERVICE_TYPES)),
  uri: optional(strict('catalog endpoint', SHAPES.metastoreUri)),
  configFile: optional(
    strict('file selecting the catalog', SHAPES.repositoryPath),
  ),
  composeExample: documentPath('compose file that runs it'),
  decision: optional(
    z.object({
      adr: documentPath('the decision record'),
      status: optional(z.enum(METASTORE_DECISION_STATUSES)),
      cloudService: optional(
        strict('cloud service id such as aws-glue', SHAPES.simpleName),
      ),
      rationale: optional(text('why', CONTAINER_MAX_LENGTH.text)),
    }),
  ),
  rollback: optional(
    z.object({
      previous: optional(z.enum(METASTORE_SERVICE_TYPES)),
      runbook: documentPath('rollback runbook'),
      steps: optional(z.array(requiredText('one rollback step'))),
    }),
  ),
});

type MetastoreInput = z.output<typeof metastoreFields>;

/** What a catalog provider must say: what it serves, how to run it, how to go back. */
function checkProvider(metastore: MetastoreInput, ctx: z.RefinementCtx) {
  const issue = (path: string[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (metastore.role !== 'none' && !metastore.type) {
    issue(
      ['type'],
      `is required for a catalog ${
        metastore.role
      }: one of ${METASTORE_SERVICE_TYPES.join(', ')}`,
    );
  }
  if (metastore.role !== 'provider') return;
  if (metastore.type && CLOUD_NATIVE_METASTORE_TYPES.includes(metastore.type)) {
    issue(
      ['type'],
      `${metastore.type} is a cloud service: an image can use it, not provide it`,
    );
  }
  if (!metastore.composeExample) {
    issue(
      ['composeExample'],
      'is required for a catalog provider (a compose file that runs it)',
    );
  }
}

/** A cloud-native catalog (Glue) needs the reason it was chosen and the way back. */
function checkCloudNative(metastore: MetastoreInput, ctx: z.RefinementCtx) {
  const { decision, rollback } = metastore;
  const cloudNative =
    (metastore.type && CLOUD_NATIVE_METASTORE_TYPES.includes(metastore.type)) ||
    Boolean(decision?.cloudService);
  if (!cloudNative) return;
  if (!decision?.rationale && !decision?.adr) {
    ctx.addIssue({
      code: 'custom',
      path: ['decision'],
      message:
        'is required for a cloud-native catalog (Glue): give the rationale or the ADR',
    });
  }
  if (!rollback?.steps?.some(step => step.trim())) {
    ctx.addIssue({
      code: 'custom',
      path: ['rollback', 'steps'],
      message: 'are required for a cloud-native catalog (Glue): how to go back',
    });
  }
}

function checkMetastore(metastore: MetastoreInput, ctx: z.RefinementCtx) {
  checkProvider(metastore, ctx);
  checkCloudNative(metastore, ctx);
  const rollback = metastore.rollback;
  if (
    metastore.role === 'provider' &&
    !rollback?.steps?.length &&
    !rollback?.runbook
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['rollback'],
      message:
        'is required for a catalog provider: give the steps or a runbook',
    });
  }
}

const metastoreSchema = metastoreFields.superRefine(checkMetastore);

/**
 * Everything a new container is made from. Only slug, name, summary, owner and version are required.
 *
 * @public
 */
export const newContainerInputSchema = z.object({
  slug: slugSchema,
  name: given(
    requiredText(
      'the human name of the image ("Apache Spark Runtime")',
      CONTAINER_MAX_LENGTH.name,
    ),
  ),
  summary: given(requiredText('one sentence: what the container runs')),
  owner: given(strict('catalog owner', VERBATIM_SHAPES.entityRef)),
  system: optional(strict('catalog system', VERBATIM_SHAPES.entityRef)),
  lifecycle: optional(z.enum(CONTAINER_LIFECYCLES)),
  tags: optional(containerSchema.shape.tags),
  maintainers: optional(z.array(containerSchema.shape.maintainers.element)),
  links: optional(
    z.object({
      homepage: optional(strict('upstream home page', SHAPES.httpUrl)),
      source: optional(strict('upstream source repository', SHAPES.httpUrl)),
      documentation: optional(strict('upstream documentation', SHAPES.httpUrl)),
    }),
  ),
  license: optional(containerSchema.shape.license),
  version: versionSchema,
  baseImage: optional(
    strict('the base image, with a tag or digest', VERBATIM_SHAPES.baseImage),
  ),
  ports: optional(z.array(portSchema).superRefine(uniqueNames)),
  env: optional(z.array(envSchema).superRefine(uniqueNames)),
  publish: optional(publishSchema),
  catalog: optional(metastoreSchema),
});

/**
 * Inputs of a new container, as {@link checkNewContainerInput} accepts them.
 *
 * @public
 */
export type NewContainerInput = z.output<typeof newContainerInputSchema>;
/**
 * `version.source` of a new container: the fields its strategy reads.
 *
 * @public
 */
export type NewContainerSource = NonNullable<
  NewContainerInput['version']['source']
>;
/**
 * A port the image listens on (`runtime.ports[]`).
 *
 * @public
 */
export type NewContainerPort = NonNullable<NewContainerInput['ports']>[number];
/**
 * An environment variable the image reads (`runtime.env[]`).
 *
 * @public
 */
export type NewContainerEnv = NonNullable<NewContainerInput['env']>[number];
/**
 * The Iceberg catalog the image provides or uses (`catalog`).
 *
 * @public
 */
export type NewContainerMetastore = NonNullable<NewContainerInput['catalog']>;

/**
 * Accepted inputs, or every reason they cannot make a container (`field message`, one each).
 *
 * @public
 */
export type NewContainerInputCheck =
  | { ok: true; input: NewContainerInput }
  | { ok: false; problems: string[] };

/**
 * Checks what a person typed into a form or on a command line before a container is made of it:
 * shape and safety only (the rendered container.yaml is validated by the parser afterwards).
 *
 * @public
 */
export function checkNewContainerInput(input: unknown): NewContainerInputCheck {
  const result = newContainerInputSchema.safeParse(input, {
    reportInput: true,
  });
  return result.success
    ? { ok: true, input: result.data }
    : { ok: false, problems: inputIssueMessages(result.error.issues) };
}
