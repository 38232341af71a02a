import { z } from 'zod';
import {
  countCaptureGroups,
  MAX_USER_PATTERN_LENGTH,
  namedGroups,
  trackProblem,
  VERSION_SCHEMES,
  VERSION_STRATEGIES,
  userPatternProblem,
  VersionStrategy,
} from '../version';

/**
 * The container.yaml schema, written once. Every reader of container.yaml (CLI, catalog module,
 * scaffolder, drift engine, frontend) goes through it; `schema/container.schema.json` is generated
 * from it for editors. Keys are snake_case as in the file. The reference is
 * docs/reference/container-yaml.md.
 *
 * Strings that may hold a `!token` and otherwise have a shape (URLs, image references, tags…) accept
 * either that shape or a string with a token; the parser checks the shape again after resolving.
 */

/** Every `version.strategy` value, in the order the reference lists them (defined with the version logic). */
export const CONTAINER_STRATEGIES = VERSION_STRATEGIES;
/** A `version.strategy` value. */
export type ContainerStrategy = VersionStrategy;

/** `version.filter.scheme` values. */
export const CONTAINER_VERSION_SCHEMES = VERSION_SCHEMES;
/** `lifecycle` values. */
export const CONTAINER_LIFECYCLES = [
  'experimental',
  'production',
  'deprecated',
] as const;
/** `catalog.role` values. */
export const CATALOG_ROLES = ['provider', 'consumer', 'none'] as const;
/** `catalog.provides.kind` values. */
export const CATALOG_PROVIDED_KINDS = [
  'iceberg-rest',
  'hive-metastore',
  'nessie',
  'jdbc',
  'other',
] as const;
/** `catalog.uses[].type` (and `catalog.rollback.previous`) values. */
export const CATALOG_SERVICE_TYPES = [
  'hive_metastore',
  'glue',
  'rest',
  'nessie',
  'jdbc',
] as const;
/** Catalog service types that are cloud-native (a managed cloud service). */
export const CLOUD_NATIVE_CATALOG_TYPES: readonly string[] = ['glue'];
/** `catalog.decision.status` values. */
export const CATALOG_DECISION_STATUSES = [
  'proposed',
  'accepted',
  'superseded',
  'deprecated',
  'rejected',
] as const;
/** `publish.signing.method` values. */
export const SIGNING_METHODS = ['cosign', 'none'] as const;

/** Which `version.source` fields each strategy reads; the first group is required (one of). */
export const STRATEGY_SOURCE_FIELDS: Record<
  ContainerStrategy,
  { required: string[][]; optional: string[]; example: string }
> = {
  manual: { required: [], optional: [], example: '' },
  'github-release': {
    required: [['repo']],
    optional: ['host'],
    example: 'repo: trinodb/trino',
  },
  'github-tag': {
    required: [['repo']],
    optional: ['host'],
    example: 'repo: apache/hive',
  },
  'docker-tags': {
    required: [['image']],
    optional: [],
    example: 'image: docker.io/library/postgres',
  },
  pypi: {
    required: [],
    optional: ['package'],
    example: 'package: apache-airflow',
  },
  'http-directory': {
    required: [['url'], ['regex']],
    optional: [],
    example:
      "url: https://archive.apache.org/dist/spark/ and regex: 'spark-([0-9.]+)/'",
  },
  maven: {
    required: [['package']],
    optional: ['url'],
    example: 'package: org.apache.kafka:kafka-clients',
  },
  npm: {
    required: [['package']],
    optional: [],
    example: 'package: typescript',
  },
  helm: {
    required: [['url'], ['chart']],
    optional: [],
    example: 'url: https://charts.bitnami.com/bitnami and chart: postgresql',
  },
  endoflife: {
    required: [['product']],
    optional: [],
    example: 'product: postgresql',
  },
};

const TOKEN_SOMEWHERE = '.*![A-Za-z_].*';

/** A regex that accepts `pattern` or any string holding a `!token`. */
function orToken(pattern: string): RegExp {
  return new RegExp(`^(?:(?:${pattern})|${TOKEN_SOMEWHERE})$`);
}

/** Shapes of strings, shared with the parser's messages. */
export const CONTAINER_PATTERNS = {
  slug: /^[a-z][a-z0-9-]*$/,
  catalogTag: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  httpUrl: /^https?:\/\/[^\s/?#]+[^\s]*$/,
  githubRepo: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
  host: /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]+)?$/,
  /** An image name with its registry host first, no tag or digest. */
  imageWithRegistry:
    /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+$/,
  /** An image name (registry host optional), no tag or digest. */
  imageName:
    /^(?:(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
  mavenPackage: /^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$/,
  /** An OCI tag. */
  imageTag: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
  platform: /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/,
  envName: /^[A-Za-z_][A-Za-z0-9_.-]*$/,
  buildArgName: /^[A-Za-z_][A-Za-z0-9_]*$/,
  sha256Digest: /@sha256:[0-9a-f]{64}$/,
};

function text(description: string) {
  return z
    .string({ error: 'must be text' })
    .min(1, { error: 'must not be empty' })
    .describe(description);
}

function shaped(
  description: string,
  pattern: RegExp,
  expectation: string,
  allowTokens = true,
  max?: number,
) {
  const base = z
    .string({ error: 'must be text' })
    .min(1, { error: 'must not be empty' });
  return (
    max === undefined
      ? base
      : base.max(max, { error: `must be at most ${max} characters` })
  )
    .regex(allowTokens ? orToken(pattern.source) : pattern, {
      error: expectation,
    })
    .describe(description);
}

function regexSource(description: string, opts: { group?: boolean } = {}) {
  return z
    .string({ error: 'must be a regular expression' })
    .min(1, { error: 'must not be empty' })
    .max(MAX_USER_PATTERN_LENGTH, {
      error: `must be at most ${MAX_USER_PATTERN_LENGTH} characters`,
      abort: true,
    })
    .superRefine((value, ctx) => {
      // Patterns run on a linear-time engine (see userPattern.ts); what it refuses is said here.
      const problem = userPatternProblem(value);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return;
      }
      if (opts.group && countCaptureGroups(value) < 1) {
        ctx.addIssue({
          code: 'custom',
          message:
            'needs a capture group: group 1 is the version, e.g. spark-([0-9]+\\.[0-9]+\\.[0-9]+)/',
        });
      }
    })
    .describe(description);
}

const scalar = z.union([z.string(), z.number(), z.boolean()], {
  error: 'must be a single value (text, number or true/false)',
});

function list<T extends z.ZodTypeAny>(
  item: T,
  description: string,
  min?: { count: number; error: string },
) {
  const array = z.array(item, { error: 'must be a list' });
  return (min ? array.min(min.count, { error: min.error }) : array).describe(
    description,
  );
}

const maintainerSchema = z
  .strictObject({
    name: text('the maintainer\'s name ("Data Platform Team")'),
    email: shaped(
      "the maintainer's e-mail address",
      CONTAINER_PATTERNS.email,
      'must be an e-mail address (name@example.com)',
      false,
    ),
  })
  .describe('a person or team who looks after the image');

const linksSchema = z
  .strictObject({
    homepage: shaped(
      "the upstream project's home page",
      CONTAINER_PATTERNS.httpUrl,
      'must be an http(s) URL',
    ).optional(),
    source: shaped(
      'the upstream source repository',
      CONTAINER_PATTERNS.httpUrl,
      'must be an http(s) URL',
    ).optional(),
    documentation: shaped(
      'the upstream documentation',
      CONTAINER_PATTERNS.httpUrl,
      'must be an http(s) URL',
    ).optional(),
  })
  .describe('links shown in the catalog: homepage, source, documentation');

const versionSourceSchema = z
  .strictObject({
    repo: shaped(
      'GitHub repository as owner/name (github-release, github-tag)',
      CONTAINER_PATTERNS.githubRepo,
      'must be owner/name, e.g. trinodb/trino',
    ).optional(),
    host: shaped(
      'GitHub Enterprise host (github-release, github-tag); default github.com',
      CONTAINER_PATTERNS.host,
      'must be a host name such as github.example.com',
    ).optional(),
    image: shaped(
      'image whose tags are the versions, registry host first (docker-tags)',
      CONTAINER_PATTERNS.imageWithRegistry,
      'must be an image name with its registry host first and no tag, e.g. docker.io/library/postgres or quay.io/minio/minio',
    ).optional(),
    package: text(
      'package name: PyPI or npm name, or group:artifact for maven (pypi, npm, maven)',
    ).optional(),
    url: shaped(
      'listing page (http-directory), Maven repository (maven) or chart repository (helm)',
      CONTAINER_PATTERNS.httpUrl,
      'must be an http(s) URL',
    ).optional(),
    regex: regexSource(
      'regular expression over the listing page whose group 1 is the version (http-directory)',
      { group: true },
    ).optional(),
    chart: text('chart name in the chart repository (helm)').optional(),
    product: text('endoflife.date product id (endoflife)').optional(),
  })
  .describe('where the strategy finds upstream versions');

const versionFilterSchema = z
  .strictObject({
    strip_prefix: z
      .string({ error: 'must be text' })
      .describe(
        'prefix removed from upstream tags before comparing ("rel/release-")',
      )
      .optional(),
    include_regex: regexSource(
      'only upstream tags matching this regular expression are candidates',
    ).optional(),
    exclude_regex: list(
      regexSource('upstream tags matching this regular expression are ignored'),
      'upstream tags matching any of these regular expressions are ignored',
    ).optional(),
    track: z
      .string({ error: 'must be text' })
      .min(1, { error: 'must not be empty' })
      .superRefine((value, ctx) => {
        const problem = trackProblem(value);
        if (problem) {
          ctx.addIssue({
            code: 'custom',
            message: `${problem.replace(
              /^filter\.track "(?:[^"\\]|\\.)*" /,
              '',
            )} — write a lane (4.1.*, 17.*) or a semver range (>=4.1 <5)`,
          });
        }
      })
      .describe(
        'a lane such as 4.1.*: only versions in it are proposed as latest in lane',
      )
      .optional(),
    prerelease: z
      .boolean({ error: 'must be true or false' })
      .describe('true to propose pre-releases even when current is stable')
      .optional(),
    scheme: z
      .enum(CONTAINER_VERSION_SCHEMES, {
        error: `must be one of ${CONTAINER_VERSION_SCHEMES.join(', ')}`,
      })
      .describe('how versions compare; inferred from current when absent')
      .optional(),
    pattern: regexSource(
      'with scheme: regex, a regular expression with named groups (major, minor, patch…) in comparison order',
    ).optional(),
  })
  .describe('which upstream versions are candidates and how they compare');

const versionSchema = z
  .strictObject({
    strategy: z
      .enum(CONTAINER_STRATEGIES)
      .describe('how to find upstream releases'),
    current: text('the upstream version this image packages'),
    component: text(
      "the upstream component's name (the PyPI package for pypi when source.package is absent)",
    ).optional(),
    source: versionSourceSchema.optional(),
    filter: versionFilterSchema.optional(),
    notes: z
      .string({ error: 'must be text' })
      .describe('where to read release notes and what to check when upgrading')
      .optional(),
  })
  .superRefine((version, ctx) => {
    const fields = STRATEGY_SOURCE_FIELDS[version.strategy];
    const source = (version.source ?? {}) as Record<string, unknown>;
    for (const group of fields.required) {
      if (!group.some(f => source[f] !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: version.source ? ['source', group[0]] : ['source'],
          message: `required — strategy ${
            version.strategy
          } reads version.source.${group.join(' or ')} (${fields.example})`,
          params: { missing: true },
        });
      }
    }
    if (
      version.strategy === 'pypi' &&
      source.package === undefined &&
      version.component === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['component'],
        message:
          'required — strategy pypi needs the PyPI package: set version.component or version.source.package',
        params: { missing: true },
      });
    }
    if (
      version.strategy === 'maven' &&
      typeof source.package === 'string' &&
      !source.package.includes('!') &&
      !CONTAINER_PATTERNS.mavenPackage.test(source.package)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', 'package'],
        message: `must be group:artifact for strategy maven, e.g. org.apache.kafka:kafka-clients (got ${JSON.stringify(
          source.package,
        )})`,
      });
    }
    const used = new Set([...fields.required.flat(), ...fields.optional]);
    for (const key of Object.keys(source)) {
      if (!used.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['source', key],
          message:
            used.size === 0
              ? `not used by strategy ${version.strategy}, which reads no version.source — remove it, or pick the strategy that uses ${key}`
              : `not used by strategy ${version.strategy} — it reads ${[
                  ...used,
                ].join(', ')}`,
        });
      }
    }
    const filter = version.filter;
    if (filter?.scheme === 'regex' && filter.pattern === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['filter'],
        message:
          'scheme: regex needs filter.pattern, a regex with named groups such as (?<major>[0-9]+)\\.(?<minor>[0-9]+)',
        params: { missing: true },
      });
    }
    if (filter?.pattern !== undefined && filter.scheme !== 'regex') {
      ctx.addIssue({
        code: 'custom',
        path: ['filter', 'pattern'],
        message:
          'only used with scheme: regex — add scheme: regex or remove pattern',
      });
    }
    if (filter?.pattern !== undefined) {
      if (namedGroups(filter.pattern).length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['filter', 'pattern'],
          message:
            'needs named groups in comparison order, e.g. ^(?<major>[0-9]+)\\.(?<minor>[0-9]+)\\.(?<patch>[0-9]+)$',
        });
      }
    }
  })
  .describe(
    'what upstream version the image packages and how to find newer ones',
  );

const portSchema = z.strictObject({
  name: text('port name (http, thrift…)').optional(),
  container_port: z
    .number({ error: 'must be a port number (1-65535)' })
    .int({ error: 'must be a whole port number (1-65535)' })
    .min(1, { error: 'must be a port number (1-65535)' })
    .max(65535, { error: 'must be a port number (1-65535)' })
    .describe('port the container listens on'),
  protocol: z
    .enum(['tcp', 'udp', 'sctp'], { error: 'must be tcp, udp or sctp' })
    .describe('tcp (default), udp or sctp')
    .optional(),
});

const envSchema = z.strictObject({
  name: shaped(
    'environment variable name',
    CONTAINER_PATTERNS.envName,
    'must be an environment variable name (letters, digits and _, not starting with a digit)',
    false,
  ),
  default: scalar.describe('value when the variable is not set').optional(),
  description: z
    .string({ error: 'must be text' })
    .describe('what the variable does')
    .optional(),
});

const volumeSchema = z.strictObject({
  name: text('volume name'),
  path: text('mount path in the container'),
});

const runtimeSchema = z
  .strictObject({
    base_image: text(
      'image the Dockerfile builds FROM, pinned by @sha256: digest',
    ).optional(),
    user: z
      .union([z.string().min(1), z.number().int().min(0)], {
        error: 'must be a user name or uid[:gid], e.g. "10001:10001"',
      })
      .describe('user (name or uid[:gid]) the container runs as')
      .optional(),
    workdir: text('working directory').optional(),
    entrypoint: list(
      z.string({ error: 'must be text' }),
      'entrypoint, one argument per item',
    ).optional(),
    cmd: list(
      z.string({ error: 'must be text' }),
      'default command, one argument per item',
    ).optional(),
    ports: list(portSchema, 'ports the container listens on').optional(),
    env: list(envSchema, 'environment variables the image reads').optional(),
    volumes: list(volumeSchema, 'volumes the image expects').optional(),
  })
  .describe('how the image runs');

const buildSchema = z
  .strictObject({
    context: text(
      'build context, relative to the container folder (default .)',
    ).optional(),
    dockerfile: text(
      'Dockerfile, relative to the container folder (default Dockerfile)',
    ).optional(),
    args: z
      .record(
        z.string().regex(CONTAINER_PATTERNS.buildArgName, {
          error: 'build arg names are letters, digits and _',
        }),
        scalar,
        { error: 'must be a mapping of build args (NAME: value)' },
      )
      .describe('build args; values may be tokens')
      .optional(),
    files: list(
      z.strictObject({
        source: text('file or folder in the container folder'),
        destination: text('path in the image'),
      }),
      'files the Dockerfile copies into the image',
    ).optional(),
    platforms: list(
      shaped(
        'target platform',
        CONTAINER_PATTERNS.platform,
        'must be a platform such as linux/amd64 or linux/arm64',
        false,
      ),
      'target platforms (default linux/amd64)',
      { count: 1, error: 'must list at least one platform, e.g. linux/amd64' },
    ).optional(),
  })
  .describe('how the image is built');

const imageTagSchema = shaped(
  'image tag; may be a token such as "!version.current"',
  CONTAINER_PATTERNS.imageTag,
  'must be an image tag: letters, digits, _, . and -, at most 128, not starting with . or -',
);

const signingSchema = z
  .strictObject({
    method: z
      .enum(SIGNING_METHODS, { error: 'must be cosign or none' })
      .describe('cosign or none'),
    keyless: z
      .boolean({ error: 'must be true or false' })
      .describe('keyless (OIDC) signing')
      .optional(),
    key: text('cosign key reference when not keyless').optional(),
  })
  .superRefine((signing, ctx) => {
    if (signing.method === 'cosign' && !signing.keyless && !signing.key) {
      ctx.addIssue({
        code: 'custom',
        path: ['keyless'],
        message:
          'cosign signing needs keyless: true (OIDC) or a key (key: <cosign key reference>)',
        params: { missing: true },
      });
    }
    if (signing.keyless && signing.key) {
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message: 'choose one: keyless: true or a key, not both',
      });
    }
  })
  .describe('how published images are signed');

const publishSchema = z
  .strictObject({
    image: shaped(
      'image name without tag, registry host first (ghcr.io/example/data-platform/trino)',
      CONTAINER_PATTERNS.imageName,
      'must be an image name without tag or digest, lower case, e.g. ghcr.io/example/data-platform/trino',
    ),
    tags: list(
      imageTagSchema,
      'tags to publish besides the derived ones',
    ).optional(),
    labels: z
      .record(z.string(), scalar, {
        error: 'must be a mapping of labels (key: value)',
      })
      .describe('image labels; values may be tokens')
      .optional(),
    provenance: z
      .union([z.boolean(), z.enum(['min', 'max'])], {
        error: 'must be false, min or max (buildx --provenance)',
      })
      .describe('buildx provenance attestation: false, min or max')
      .optional(),
    sbom: z
      .boolean({ error: 'must be true or false' })
      .describe('buildx SBOM attestation')
      .optional(),
    signing: signingSchema.optional(),
    targets: list(
      z.strictObject({
        image: shaped(
          'another image name the same build is pushed to',
          CONTAINER_PATTERNS.imageName,
          'must be an image name without tag or digest, lower case, e.g. docker.io/example/trino',
        ),
        tags: list(
          imageTagSchema,
          'tags for this image (default: the derived tags)',
        ).optional(),
      }),
      'extra registries the same build is pushed to',
    ).optional(),
  })
  .describe('where and how the image is published');

const catalogSchema = z
  .strictObject({
    role: z
      .enum(CATALOG_ROLES, { error: 'must be provider, consumer or none' })
      .describe('provider (serves a catalog), consumer (uses one) or none'),
    provides: z
      .strictObject({
        kind: z
          .enum(CATALOG_PROVIDED_KINDS, {
            error: `must be one of ${CATALOG_PROVIDED_KINDS.join(', ')}`,
          })
          .describe('kind of catalog served'),
        protocols: list(
          z.string({ error: 'must be text' }),
          'protocols served (thrift, iceberg-rest, nessie)',
        ).optional(),
        open_standard: z
          .boolean({ error: 'must be true or false' })
          .describe('whether the protocol is an open standard')
          .optional(),
      })
      .describe('the catalog a provider serves')
      .optional(),
    uses: list(
      z.strictObject({
        type: z
          .enum(CATALOG_SERVICE_TYPES, {
            error: `must be one of ${CATALOG_SERVICE_TYPES.join(', ')}`,
          })
          .describe('catalog type'),
        uri: text('catalog endpoint (thrift://hive-metastore:9083)').optional(),
        active: z
          .boolean({ error: 'must be true or false' })
          .describe('whether this catalog is the one in use')
          .optional(),
        config_file: text(
          'configuration file selecting this catalog, relative to the container folder',
        ).optional(),
      }),
      'every catalog the image can talk to',
    ).optional(),
    decision: z
      .strictObject({
        adr: text(
          'the decision record (URL or path relative to the container folder)',
        ).optional(),
        status: z
          .enum(CATALOG_DECISION_STATUSES, {
            error: `must be one of ${CATALOG_DECISION_STATUSES.join(', ')}`,
          })
          .describe('status of the decision')
          .optional(),
        cloud_service: text('cloud service chosen (aws-glue)').optional(),
        rationale: text('why this catalog, in two sentences').optional(),
      })
      .describe('the decision behind the catalog choice')
      .optional(),
    rollback: z
      .strictObject({
        previous: z
          .enum(CATALOG_SERVICE_TYPES, {
            error: `must be a catalog type: ${CATALOG_SERVICE_TYPES.join(
              ', ',
            )}`,
          })
          .describe('the catalog a rollback returns to')
          .optional(),
        runbook: text(
          'rollback runbook (path relative to the container folder or URL)',
        ).optional(),
        steps: list(
          text('one rollback step'),
          'rollback steps, in order',
        ).optional(),
        config_changes: list(
          z.strictObject({
            file: text('file to edit, relative to the container folder'),
            from: z
              .string({ error: 'must be text' })
              .describe('text before the rollback'),
            to: z
              .string({ error: 'must be text' })
              .describe('text after the rollback'),
          }),
          'configuration edits of the rollback',
        ).optional(),
        metadata_migration: text('how table metadata moves back').optional(),
        verification: list(
          text('one check'),
          'checks that prove the rollback worked',
        ).optional(),
      })
      .describe('how to roll the catalog back')
      .optional(),
    compose_example: text(
      'compose file showing the catalog in use, relative to the container folder',
    ).optional(),
  })
  .superRefine((catalog, ctx) => {
    if (catalog.provides && catalog.role !== 'provider') {
      ctx.addIssue({
        code: 'custom',
        path: ['provides'],
        message: `only for role: provider (role is ${catalog.role}) — remove provides or set role: provider`,
      });
    }
  })
  .describe(
    'the Iceberg catalog / metadata service the image provides or uses',
  );

/** The container.yaml schema. */
export const containerSchema = z
  .strictObject({
    name: text('the human name of the image ("Apache Spark Runtime")'),
    slug: shaped(
      "the container folder's name: lower case letters, digits and -, starting with a letter",
      CONTAINER_PATTERNS.slug,
      'must be lower case letters, digits and -, starting with a letter (the folder name)',
      false,
      63,
    ),
    summary: text('one sentence: what the container runs'),
    maintainers: list(maintainerSchema, 'the people who look after the image', {
      count: 1,
      error:
        'needs at least one maintainer ({name, email}) who looks after the image',
    }),
    links: linksSchema.optional(),
    license: text(
      'SPDX identifier of the packaged software (Apache-2.0)',
    ).optional(),
    owner: text(
      'catalog owner (group:default/data-platform); default from config, else the first maintainer',
    ).optional(),
    system: text(
      'catalog system; default from config (data-platform)',
    ).optional(),
    lifecycle: z
      .enum(CONTAINER_LIFECYCLES, {
        error: `must be one of ${CONTAINER_LIFECYCLES.join(', ')}`,
      })
      .describe('experimental, production or deprecated; default production')
      .optional(),
    tags: list(
      shaped(
        'catalog tag',
        CONTAINER_PATTERNS.catalogTag,
        'catalog tags are lower case a-z, 0-9 and - (e.g. iceberg, object-storage)',
        false,
        63,
      ),
      'catalog tags',
    ).optional(),
    version: versionSchema,
    runtime: runtimeSchema.optional(),
    build: buildSchema.optional(),
    tests: list(
      z.strictObject({
        name: text('test name'),
        command: text('command, run from the container folder'),
      }),
      'tests, run from the container folder',
    ).optional(),
    publish: publishSchema.optional(),
    catalog: catalogSchema.optional(),
  })
  .describe('A platform container: containers/<slug>/container.yaml');

/** A container.yaml as written (snake_case fields, as in the file). */
export type ContainerSpec = z.infer<typeof containerSchema>;
/** The `version` block of a container.yaml. */
export type ContainerVersionBlock = ContainerSpec['version'];
/** The `catalog` block of a container.yaml. */
export type ContainerCatalog = NonNullable<ContainerSpec['catalog']>;
/** The `publish` block of a container.yaml. */
export type ContainerPublish = NonNullable<ContainerSpec['publish']>;
/** A scalar value as build args, labels and env defaults accept. */
export type ContainerScalar = string | number | boolean;
