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
import { releaseNotesTemplateProblem } from '../drift/releaseNotes';
import { closest } from './util';
import { companionBuildArg } from './companionBuildArg';

/**
 * The container.yaml schema, written once. Every reader of container.yaml (CLI, catalog module,
 * scaffolder, drift engine, frontend) goes through it; `schema/container.schema.json` is generated
 * from it for editors. Keys are snake_case as in the file. The reference is
 * docs/reference/container-yaml.md.
 *
 * Strings that may hold a `!token` and otherwise have a shape (URLs, image references, tags…) accept
 * either that shape or a string with a token; the parser checks the shape again after resolving.
 */

/**
 * Every `version.strategy` value, in the order the reference lists them (defined with the version logic).
 *
 * @public
 */
export const CONTAINER_STRATEGIES = VERSION_STRATEGIES;
/**
 * A `version.strategy` value.
 *
 * @public
 */
export type ContainerStrategy = VersionStrategy;

/**
 * `version.filter.scheme` values.
 *
 * @public
 */
export const CONTAINER_VERSION_SCHEMES = VERSION_SCHEMES;
/**
 * `lifecycle` values.
 *
 * @public
 */
export const CONTAINER_LIFECYCLES = [
  'experimental',
  'production',
  'deprecated',
] as const;
/**
 * `catalog.role` values.
 *
 * @public
 */
export const METASTORE_ROLES = ['provider', 'consumer', 'none'] as const;
/**
 * `catalog.provides.kind` values.
 *
 * @public
 */
export const METASTORE_PROVIDED_KINDS = [
  'iceberg-rest',
  'hive-metastore',
  'nessie',
  'jdbc',
  'other',
] as const;
/**
 * `catalog.uses[].type` (and `catalog.rollback.previous`) values.
 *
 * @public
 */
export const METASTORE_SERVICE_TYPES = [
  'hive_metastore',
  'glue',
  'rest',
  'nessie',
  'jdbc',
] as const;
/**
 * Catalog service types that are cloud-native (a managed cloud service).
 *
 * @public
 */
export const CLOUD_NATIVE_METASTORE_TYPES: readonly string[] = ['glue'];
/**
 * `catalog.decision.status` values.
 *
 * @public
 */
export const METASTORE_DECISION_STATUSES = [
  'proposed',
  'accepted',
  'superseded',
  'deprecated',
  'rejected',
] as const;
/**
 * `publish.signing.method` values.
 *
 * @public
 */
export const SIGNING_METHODS = ['cosign', 'none'] as const;

/**
 * Which `version.source` fields each strategy reads; the first group is required (one of).
 *
 * @public
 */
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

/*
 * Pieces of the patterns below. Each one is unambiguous: wherever a quantifier stops, the next
 * character cannot be taken by what follows it, so V8's backtracking engine never retries a split
 * and every pattern runs in time linear in its input (lengths are checked before any pattern too).
 */
/** A DNS label: letters and digits, inner hyphens (`data-platform`). */
const DNS_LABEL = '[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*';
const REGISTRY_LABEL = '[a-z0-9]+(?:-+[a-z0-9]+)*';
/** A registry host as image names write it: lower case; `localhost`, a dot or a port tells it from a path. */
const REGISTRY = `(?:localhost(?::[0-9]{1,5})?|${REGISTRY_LABEL}(?:\\.${REGISTRY_LABEL})+(?::[0-9]{1,5})?|${REGISTRY_LABEL}:[0-9]{1,5})`;
/** One path component of an image name (OCI distribution grammar): `data-platform`, `spark_3`. */
const IMAGE_COMPONENT = '[a-z0-9]+(?:(?:\\.|_{1,2}|-+)[a-z0-9]+)*';
const IMAGE_PATH = `${IMAGE_COMPONENT}(?:/${IMAGE_COMPONENT})*`;
/** What a URL may hold: no whitespace, control characters, quotes, angle brackets or backslash. */
const URL_CHAR = '[^\\s"<>\\\\`\\u0000-\\u001f\\u007f]';
/** One segment of a relative path: no slash, backslash, `:` (a scheme or drive), `~`, space or quote. */
const PATH_SEGMENT = '[A-Za-z0-9._@+-]+';
/** An e-mail domain label (international names too): none of the separators of an address. */
const MAIL_LABEL = '[^\\s@"<>()\\[\\],;:\\\\/?#.\\u0000-\\u001f\\u007f]+';

/** A token somewhere in a string: `!` then a field name. */
const TOKEN_SYNTAX = /![A-Za-z_]/;

/**
 * A regex that accepts `pattern`, or any string holding a `!token`. It only serves the file as
 * written: the parser resolves the tokens, refuses one left unresolved in a shaped field, and checks
 * the resolved value again, so a token never makes a value valid.
 */
function orToken(pattern: RegExp): RegExp {
  // The second branch is unanchored: it looks for `!` and a letter, one character pair at a time.
  return new RegExp(
    `^(?:${pattern.source.slice(1, -1)})$|${TOKEN_SYNTAX.source}`,
  );
}

/**
 * Shapes of strings, shared with the parser's messages.
 *
 * @public
 */
export const CONTAINER_PATTERNS = {
  slug: /^[a-z][a-z0-9-]*$/,
  catalogTag: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  email: new RegExp(
    `^[^\\s@"<>(),;:\\\\\\u0000-\\u001f\\u007f]+@${MAIL_LABEL}(?:\\.${MAIL_LABEL})+$`,
  ),
  httpUrl: new RegExp(
    `^https?://[^\\s/?#"<>\\\\\`\\u0000-\\u001f\\u007f]+(?:[/?#]${URL_CHAR}*)?$`,
  ),
  /** `owner/name` on GitHub; the name is never `.` or `..` (it becomes part of an API path). */
  githubRepo:
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\/(?!\.\.?$)[A-Za-z0-9_.-]{1,100}$/,
  /** A host name with an optional port: no path, user or scheme. */
  host: new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*(?::[0-9]{1,5})?$`),
  /** An image name with its registry host first, no tag or digest. */
  imageWithRegistry: new RegExp(`^${REGISTRY}(?:/${IMAGE_COMPONENT})+$`),
  /** An image name (registry host optional), no tag or digest. */
  imageName: new RegExp(`^(?:${REGISTRY}/)?${IMAGE_PATH}$`),
  /** An image reference as a Dockerfile's FROM takes it: name, optional tag, optional digest. */
  imageReference: new RegExp(
    `^(?:${REGISTRY}/)?${IMAGE_PATH}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Za-z0-9=_-]+)?$`,
  ),
  /** `group:artifact`: the group's dotted names are never empty, neither part starts with a dot. */
  mavenPackage:
    /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*:[A-Za-z0-9_-][A-Za-z0-9_.-]*$/,
  /** A package name of any strategy: PyPI `apache-airflow`, npm `@scope/name`, Maven `group:artifact`. */
  packageName:
    /^@?[A-Za-z0-9][A-Za-z0-9._-]*(?:[/:][A-Za-z0-9][A-Za-z0-9._-]*)?$/,
  /** An npm package: `name` or `@scope/name`. */
  npmPackage: /^(?:@[A-Za-z0-9][A-Za-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/,
  /** A PyPI project name. */
  pypiPackage: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  /** A Helm chart or an endoflife.date product: lower case, never `.` or `..`. */
  simpleName: /^[a-z0-9][a-z0-9._-]*$/,
  /** An endoflife.date release cycle: `17`, `3.12`, `22.04`, `rhel-9`. */
  eolCycle: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  /** An OCI tag. */
  imageTag: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
  platform: /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/,
  envName: /^[A-Za-z_][A-Za-z0-9_.-]*$/,
  buildArgName: /^[A-Za-z_][A-Za-z0-9_]*$/,
  sha256Digest: /@sha256:[0-9a-f]{64}$/,
  /** A catalog endpoint (`thrift://hive-metastore:9083`); never a script or a local file. */
  metastoreUri: new RegExp(
    `^(?!(?:javascript|vbscript|data|file):)[a-z][a-z0-9+.-]*://${URL_CHAR}+$`,
  ),
  /** A path relative to the container folder (`../../docs/runbooks/rollback.md`). */
  relativePath: new RegExp(`^${PATH_SEGMENT}(?:/${PATH_SEGMENT})*/?$`),
};

/**
 * Longest strings, in characters. Every string of the schema has a limit, checked before any
 * pattern or refinement runs on it (see {@link bounded}).
 */
export const CONTAINER_MAX_LENGTH = {
  /** Names and identifiers: name, owner, license, component, volume and port names… */
  name: 256,
  /** One line or one sentence: summary, a rollback step, a description. */
  line: 1024,
  /** A path in the container folder or the repository. */
  path: 1024,
  /** A URL. */
  url: 2048,
  /** Free text over several lines: notes, rationale, a command, a build arg or label value. */
  text: 16 * 1024,
} as const;

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * A string of at most `max` characters. The length check comes first and aborts, so no later
 * check (pattern, refinement) ever sees a longer string. Inside a union it must not abort (zod
 * reports a union member's own issues only when they did not abort), and needs no later check.
 */
export function bounded(
  max: number,
  { error = 'must be text', inUnion = false } = {},
) {
  return z.string({ error }).max(max, {
    error: issue =>
      `must be at most ${count(max)} characters${
        typeof issue.input === 'string'
          ? `, not ${count(issue.input.length)}`
          : ''
      }`,
    abort: !inUnion,
  });
}

export function text(
  description: string,
  max: number = CONTAINER_MAX_LENGTH.line,
) {
  return bounded(max)
    .min(1, { error: 'must not be empty' })
    .describe(description);
}

/** A string with a shape: a pattern, what to write instead, its longest length. */
export interface Shape {
  pattern: RegExp;
  expectation: string;
  max: number;
  /** Whether the file may write a `!token` here (resolved, then checked again); default true. */
  tokens?: boolean;
  /** A check the pattern cannot make: returns what is wrong, or undefined. */
  refine?: (value: string) => string | undefined;
}

/** The shaped schemas that accept a `!token` as written (see {@link isShapedWithTokens}). */
const shapedWithTokens = new WeakSet<object>();

/**
 * Whether `schema` is a shaped string that accepts a `!token` as written. The token resolver
 * refuses a token it cannot resolve in such a field, and a value that still holds one after
 * resolving; so the second schema pass, over the resolved container, checks it strictly.
 */
export function isShapedWithTokens(schema: unknown): boolean {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    shapedWithTokens.has(schema)
  );
}

export function shaped(description: string, shape: Shape) {
  const tokens = shape.tokens ?? true;
  let schema = bounded(shape.max)
    .min(1, { error: 'must not be empty' })
    .regex(tokens ? orToken(shape.pattern) : shape.pattern, {
      error: shape.expectation,
    });
  const refine = shape.refine;
  if (refine) {
    schema = schema.superRefine((value, ctx) => {
      // A value with a token is checked once resolved.
      const problem =
        tokens && TOKEN_SYNTAX.test(value) ? undefined : refine(value);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
      }
    });
  }
  const described = schema.describe(description);
  if (tokens) {
    shapedWithTokens.add(described);
  }
  return described;
}

/** Folders from the repository root to a container folder: containers/<slug>/. */
const CONTAINER_FOLDER_DEPTH = 2;

/** Why a relative path leaves the repository, if it does (`../../../etc/passwd`). */
function repositoryEscape(path: string): string | undefined {
  let depth = CONTAINER_FOLDER_DEPTH;
  for (const segment of path.split('/')) {
    if (segment === '..') {
      depth--;
      if (depth < 0) {
        return 'climbs out of the repository — a path is relative to containers/<slug>/, so it goes up two folders at most (../../docs/runbooks/rollback.md)';
      }
    } else if (segment !== '.' && segment !== '') {
      depth++;
    }
  }
  return undefined;
}

const URL_OR_PATH = new RegExp(
  `^(?:${CONTAINER_PATTERNS.httpUrl.source.slice(
    1,
    -1,
  )}|${CONTAINER_PATTERNS.relativePath.source.slice(1, -1)})$`,
);

export const SHAPES = {
  email: {
    pattern: CONTAINER_PATTERNS.email,
    expectation: 'must be an e-mail address (name@example.com)',
    max: 254,
    tokens: false,
  },
  httpUrl: {
    pattern: CONTAINER_PATTERNS.httpUrl,
    expectation: 'must be an http(s) URL',
    max: CONTAINER_MAX_LENGTH.url,
  },
  githubRepo: {
    pattern: CONTAINER_PATTERNS.githubRepo,
    expectation: 'must be owner/name, e.g. trinodb/trino',
    max: 201,
  },
  host: {
    pattern: CONTAINER_PATTERNS.host,
    expectation:
      'must be a host name such as github.example.com (no scheme, path or user)',
    max: 259,
  },
  imageWithRegistry: {
    pattern: CONTAINER_PATTERNS.imageWithRegistry,
    expectation:
      'must be an image name with its registry host first and no tag, e.g. docker.io/library/postgres or quay.io/minio/minio',
    max: 255,
  },
  imageReference: {
    pattern: CONTAINER_PATTERNS.imageReference,
    expectation:
      'must be an image reference: name, optional :tag and @sha256: digest, e.g. docker.io/library/python:3.12-slim@sha256:<digest>',
    max: 512,
  },
  packageName: {
    pattern: CONTAINER_PATTERNS.packageName,
    expectation:
      'must be a package name: apache-airflow (PyPI), @scope/name (npm) or group:artifact (Maven)',
    max: 214,
  },
  simpleName: {
    pattern: CONTAINER_PATTERNS.simpleName,
    expectation:
      'must be a name in lower case letters, digits, ., _ and -, starting with a letter or digit',
    max: 100,
  },
  eolCycle: {
    pattern: CONTAINER_PATTERNS.eolCycle,
    expectation:
      'must be a release cycle as endoflife.date names it (17, 3.12): letters, digits, ., _ and -, starting with a letter or digit',
    max: 64,
  },
  imageTag: {
    pattern: CONTAINER_PATTERNS.imageTag,
    expectation:
      'must be an image tag: letters, digits, _, . and -, at most 128, not starting with . or -',
    max: 128,
  },
  metastoreUri: {
    pattern: CONTAINER_PATTERNS.metastoreUri,
    expectation:
      'must be a catalog endpoint URI such as thrift://hive-metastore:9083 or http://polaris:8181/api/catalog',
    max: CONTAINER_MAX_LENGTH.url,
  },
  imageName: {
    pattern: CONTAINER_PATTERNS.imageName,
    expectation:
      'must be an image name without tag or digest, lower case, e.g. ghcr.io/example/data-platform/trino',
    max: 255,
  },
  /** A document: a path relative to the container folder that stays in the repository, or a URL. */
  pathOrUrl: {
    pattern: URL_OR_PATH,
    expectation:
      'must be a path relative to the container folder (../../docs/runbooks/rollback.md) or an http(s) URL',
    max: CONTAINER_MAX_LENGTH.url,
    refine: (value: string) =>
      /^https?:/.test(value) ? undefined : repositoryEscape(value),
  },
  /** A file of the repository, relative to the container folder. */
  repositoryPath: {
    pattern: CONTAINER_PATTERNS.relativePath,
    expectation:
      'must be a path relative to the container folder, e.g. conf/spark-defaults.conf',
    max: CONTAINER_MAX_LENGTH.path,
    refine: repositoryEscape,
  },
} satisfies Record<string, Shape>;

export function regexSource(
  description: string,
  opts: { group?: boolean } = {},
) {
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

const scalar = z.union(
  [
    bounded(CONTAINER_MAX_LENGTH.text, { inUnion: true }),
    z.number(),
    z.boolean(),
  ],
  {
    error: 'must be a single value (text, number or true/false)',
  },
);

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
    name: text(
      'the maintainer\'s name ("Data Platform Team")',
      CONTAINER_MAX_LENGTH.name,
    ),
    email: shaped("the maintainer's e-mail address", SHAPES.email),
  })
  .describe('a person or team who looks after the image');

const linksSchema = z
  .strictObject({
    homepage: shaped(
      "the upstream project's home page",
      SHAPES.httpUrl,
    ).optional(),
    source: shaped('the upstream source repository', SHAPES.httpUrl).optional(),
    documentation: shaped(
      'the upstream documentation',
      SHAPES.httpUrl,
    ).optional(),
  })
  .describe('links shown in the catalog: homepage, source, documentation');

const versionSourceSchema = z
  .strictObject({
    repo: shaped(
      'GitHub repository as owner/name (github-release, github-tag)',
      SHAPES.githubRepo,
    ).optional(),
    host: shaped(
      'GitHub Enterprise host (github-release, github-tag); default github.com',
      SHAPES.host,
    ).optional(),
    image: shaped(
      'image whose tags are the versions, registry host first (docker-tags)',
      SHAPES.imageWithRegistry,
    ).optional(),
    package: shaped(
      'package name: PyPI or npm name, or group:artifact for maven (pypi, npm, maven)',
      SHAPES.packageName,
    ).optional(),
    url: shaped(
      'listing page (http-directory), Maven repository (maven) or chart repository (helm)',
      SHAPES.httpUrl,
    ).optional(),
    regex: regexSource(
      'regular expression over the listing page whose group 1 is the version (http-directory)',
      { group: true },
    ).optional(),
    chart: shaped(
      'chart name in the chart repository (helm)',
      SHAPES.simpleName,
    ).optional(),
    product: shaped(
      'endoflife.date product id (endoflife)',
      SHAPES.simpleName,
    ).optional(),
  })
  .describe('where the strategy finds upstream versions');

const versionFilterSchema = z
  .strictObject({
    strip_prefix: bounded(CONTAINER_MAX_LENGTH.name)
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
    track: bounded(100)
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

/** What each strategy that reads a package name accepts. */
const STRATEGY_PACKAGE_RULES: Partial<
  Record<ContainerStrategy, { pattern: RegExp; expectation: string }>
> = {
  maven: {
    pattern: CONTAINER_PATTERNS.mavenPackage,
    expectation:
      'must be group:artifact for strategy maven, e.g. org.apache.kafka:kafka-clients',
  },
  npm: {
    pattern: CONTAINER_PATTERNS.npmPackage,
    expectation:
      'must be name or @scope/name for strategy npm, e.g. typescript',
  },
  pypi: {
    pattern: CONTAINER_PATTERNS.pypiPackage,
    expectation:
      'must be a PyPI project name (letters, digits, ., _ and -) for strategy pypi, e.g. apache-airflow',
  },
};

/** The fields the main version and every companion share: how their upstream is found. */
const upstreamShape = {
  strategy: z
    .enum(CONTAINER_STRATEGIES)
    .describe('how to find upstream releases'),
  source: versionSourceSchema.optional(),
  filter: versionFilterSchema.optional(),
  notes: bounded(CONTAINER_MAX_LENGTH.text)
    .describe('where to read release notes and what to check when upgrading')
    .optional(),
  release_notes: shaped(
    'link to the release notes of a version, {version} standing for it (written like current): https://trino.io/docs/current/release/release-{version}.html',
    { ...SHAPES.httpUrl, refine: releaseNotesTemplateProblem },
  ).optional(),
};

/** What {@link checkUpstream} reads of the main version or a companion. */
interface UpstreamBlock {
  strategy: ContainerStrategy;
  source?: z.infer<typeof versionSourceSchema>;
  filter?: z.infer<typeof versionFilterSchema>;
  component?: string;
}

/**
 * The rules of a strategy's source and filter, for the main version and every companion alike:
 * the source fields the strategy needs (and no others), the package's shape, and the regex
 * scheme's pattern. `where.source` names the source block in messages.
 */
function checkUpstream(
  version: UpstreamBlock,
  ctx: z.RefinementCtx,
  where: { source: string; hasComponent: boolean },
) {
  const source = (version.source ?? {}) as Record<string, unknown>;
  checkRequiredSource(version, source, ctx, where.source);
  checkPypiPackageGiven(version, source, ctx, where);
  checkPackageShape(version, source, ctx);
  checkUnusedSource(version, source, ctx, where.source);
  checkRegexScheme(version.filter, ctx);
}

/** Each source field (or one of a group of alternatives) the strategy reads is set. */
function checkRequiredSource(
  version: UpstreamBlock,
  source: Record<string, unknown>,
  ctx: z.RefinementCtx,
  sourceName: string,
) {
  const fields = STRATEGY_SOURCE_FIELDS[version.strategy];
  for (const group of fields.required) {
    if (!group.some(f => source[f] !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: version.source ? ['source', group[0]] : ['source'],
        message: `required — strategy ${
          version.strategy
        } reads ${sourceName}.${group.join(' or ')} (${fields.example})`,
        params: { missing: true },
      });
    }
  }
}

/** pypi names its package in the source, or (the main version only) in `version.component`. */
function checkPypiPackageGiven(
  version: UpstreamBlock,
  source: Record<string, unknown>,
  ctx: z.RefinementCtx,
  where: { source: string; hasComponent: boolean },
) {
  if (
    version.strategy !== 'pypi' ||
    source.package !== undefined ||
    version.component !== undefined
  ) {
    return;
  }
  let path = ['component'];
  if (!where.hasComponent) {
    path = version.source ? ['source', 'package'] : ['source'];
  }
  ctx.addIssue({
    code: 'custom',
    path,
    message: where.hasComponent
      ? 'required — strategy pypi needs the PyPI package: set version.component or version.source.package'
      : `required — strategy pypi needs the PyPI package: set ${where.source}.package`,
    params: { missing: true },
  });
}

/**
 * The package as the strategy reads it (pypi falls back to component) has the shape of its
 * registry's names; a value with a token is checked once resolved.
 */
function checkPackageShape(
  version: UpstreamBlock,
  source: Record<string, unknown>,
  ctx: z.RefinementCtx,
) {
  const packageRule = STRATEGY_PACKAGE_RULES[version.strategy];
  const packagePath =
    source.package !== undefined ? ['source', 'package'] : ['component'];
  const packageName =
    source.package ??
    (version.strategy === 'pypi' ? version.component : undefined);
  if (
    packageRule &&
    typeof packageName === 'string' &&
    !TOKEN_SYNTAX.test(packageName) &&
    !packageRule.pattern.test(packageName)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: packagePath,
      message: `${packageRule.expectation} (got ${JSON.stringify(
        packageName,
      )})`,
    });
  }
}

/** No source field the strategy does not read. */
function checkUnusedSource(
  version: UpstreamBlock,
  source: Record<string, unknown>,
  ctx: z.RefinementCtx,
  sourceName: string,
) {
  const fields = STRATEGY_SOURCE_FIELDS[version.strategy];
  const used = new Set([...fields.required.flat(), ...fields.optional]);
  for (const key of Object.keys(source)) {
    if (!used.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', key],
        message:
          used.size === 0
            ? `not used by strategy ${version.strategy}, which reads no ${sourceName} — remove it, or pick the strategy that uses ${key}`
            : `not used by strategy ${version.strategy} — it reads ${[
                ...used,
              ].join(', ')}`,
      });
    }
  }
}

/** `scheme: regex` and `filter.pattern` come together, and the pattern has named groups. */
function checkRegexScheme(
  filter: UpstreamBlock['filter'],
  ctx: z.RefinementCtx,
) {
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
}

/** Most companions a container may track: each one is an upstream feed read on every check. */
export const MAX_COMPANIONS = 32;

const companionSchema = z
  .strictObject({
    name: shaped(
      "the companion's name, unique within the container (iceberg-spark-runtime)",
      { ...SHAPES.simpleName, tokens: false },
    ),
    current: text(
      'the version the image pins; usually a token naming the build arg that pins it ("!build.args.ICEBERG_VERSION")',
      128,
    ),
    ...upstreamShape,
  })
  .superRefine((companion, ctx) =>
    checkUpstream(companion, ctx, { source: 'source', hasComponent: false }),
  )
  .describe(
    'another upstream version the image pins (a library, connector or SDK in a build arg), checked like the main version',
  );

/** `version.eol`: the endoflife.date product and cycle whose end of life the version in use has. */
const eolSchema = z
  .strictObject({
    product: shaped(
      'the endoflife.date product id (postgresql, python): https://endoflife.date/<product>',
      SHAPES.simpleName,
    ),
    cycle: shaped(
      "the release cycle of the version in use as endoflife.date names it (17, 3.12); derived from current when absent (major.minor or major, as the product's cycles are)",
      SHAPES.eolCycle,
    ).optional(),
  })
  .describe(
    'end of life of the version in use, from endoflife.date: "supported until …", "EOL in N days", "EOL since …"',
  );

const versionSchema = z
  .strictObject({
    strategy: upstreamShape.strategy,
    current: text('the upstream version this image packages', 128),
    component: shaped(
      "the upstream component's name (the PyPI package for pypi when source.package is absent)",
      SHAPES.packageName,
    ).optional(),
    source: upstreamShape.source,
    filter: upstreamShape.filter,
    notes: upstreamShape.notes,
    release_notes: upstreamShape.release_notes,
    eol: eolSchema.optional(),
    companions: z
      .array(companionSchema, { error: 'must be a list' })
      .max(MAX_COMPANIONS, {
        error: `must list at most ${MAX_COMPANIONS} companions`,
      })
      .describe(
        'other upstream versions the image pins, usually in build args (Iceberg, Hadoop AWS, an SDK), each checked like the main version',
      )
      .optional(),
  })
  .superRefine((version, ctx) => {
    checkUpstream(version, ctx, {
      source: 'version.source',
      hasComponent: true,
    });
    const seen = new Map<string, number>();
    (version.companions ?? []).forEach((companion, index) => {
      const first = seen.get(companion.name);
      if (first === undefined) {
        seen.set(companion.name, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: ['companions', index, 'name'],
        message: `duplicate companion name ${JSON.stringify(
          companion.name,
        )} (also version.companions[${first}]) — each companion has its own name`,
      });
    });
  })
  .describe(
    'what upstream version the image packages and how to find newer ones',
  );

const portSchema = z.strictObject({
  name: text('port name (http, thrift…)', CONTAINER_MAX_LENGTH.name).optional(),
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
  name: shaped('environment variable name', {
    pattern: CONTAINER_PATTERNS.envName,
    expectation:
      'must be an environment variable name (letters, digits and _, not starting with a digit)',
    max: CONTAINER_MAX_LENGTH.name,
    tokens: false,
  }),
  default: scalar.describe('value when the variable is not set').optional(),
  description: bounded(CONTAINER_MAX_LENGTH.line)
    .describe('what the variable does')
    .optional(),
});

const volumeSchema = z.strictObject({
  name: text('volume name', CONTAINER_MAX_LENGTH.name),
  path: text('mount path in the container', CONTAINER_MAX_LENGTH.path),
});

const runtimeSchema = z
  .strictObject({
    base_image: shaped(
      'image the Dockerfile builds FROM, pinned by @sha256: digest',
      SHAPES.imageReference,
    ).optional(),
    user: z
      .union(
        [
          bounded(CONTAINER_MAX_LENGTH.name, { inUnion: true }).min(1),
          z.number().int().min(0),
        ],
        {
          error: 'must be a user name or uid[:gid], e.g. "10001:10001"',
        },
      )
      .describe('user (name or uid[:gid]) the container runs as')
      .optional(),
    workdir: text('working directory', CONTAINER_MAX_LENGTH.path).optional(),
    entrypoint: list(
      bounded(CONTAINER_MAX_LENGTH.text),
      'entrypoint, one argument per item',
    ).optional(),
    cmd: list(
      bounded(CONTAINER_MAX_LENGTH.text),
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
      CONTAINER_MAX_LENGTH.path,
    ).optional(),
    dockerfile: text(
      'Dockerfile, relative to the container folder (default Dockerfile)',
      CONTAINER_MAX_LENGTH.path,
    ).optional(),
    args: z
      .record(
        bounded(CONTAINER_MAX_LENGTH.name).regex(
          CONTAINER_PATTERNS.buildArgName,
          { error: 'build arg names are letters, digits and _' },
        ),
        scalar,
        { error: 'must be a mapping of build args (NAME: value)' },
      )
      .describe('build args; values may be tokens')
      .optional(),
    files: list(
      z.strictObject({
        source: text(
          'file or folder in the container folder',
          CONTAINER_MAX_LENGTH.path,
        ),
        destination: text('path in the image', CONTAINER_MAX_LENGTH.path),
      }),
      'files the Dockerfile copies into the image',
    ).optional(),
    platforms: list(
      shaped('target platform', {
        pattern: CONTAINER_PATTERNS.platform,
        expectation: 'must be a platform such as linux/amd64 or linux/arm64',
        max: 64,
        tokens: false,
      }),
      'target platforms (default linux/amd64)',
      { count: 1, error: 'must list at least one platform, e.g. linux/amd64' },
    ).optional(),
  })
  .describe('how the image is built');

const imageTagSchema = shaped(
  'image tag; may be a token such as "!version.current"',
  SHAPES.imageTag,
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
    key: text(
      'cosign key reference when not keyless',
      CONTAINER_MAX_LENGTH.url,
    ).optional(),
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
      SHAPES.imageName,
    ),
    tags: list(
      imageTagSchema,
      'tags to publish besides the derived ones',
    ).optional(),
    labels: z
      .record(bounded(CONTAINER_MAX_LENGTH.name), scalar, {
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
        image: shaped('another image name the same build is pushed to', {
          pattern: CONTAINER_PATTERNS.imageName,
          expectation:
            'must be an image name without tag or digest, lower case, e.g. docker.io/example/trino',
          max: 255,
        }),
        tags: list(
          imageTagSchema,
          'tags for this image (default: the derived tags)',
        ).optional(),
      }),
      'extra registries the same build is pushed to',
    ).optional(),
  })
  .describe('where and how the image is published');

const metastoreSchema = z
  .strictObject({
    role: z
      .enum(METASTORE_ROLES, { error: 'must be provider, consumer or none' })
      .describe('provider (serves a catalog), consumer (uses one) or none'),
    provides: z
      .strictObject({
        kind: z
          .enum(METASTORE_PROVIDED_KINDS, {
            error: `must be one of ${METASTORE_PROVIDED_KINDS.join(', ')}`,
          })
          .describe('kind of catalog served'),
        protocols: list(
          bounded(CONTAINER_MAX_LENGTH.name),
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
          .enum(METASTORE_SERVICE_TYPES, {
            error: `must be one of ${METASTORE_SERVICE_TYPES.join(', ')}`,
          })
          .describe('catalog type'),
        uri: shaped(
          'catalog endpoint (thrift://hive-metastore:9083)',
          SHAPES.metastoreUri,
        ).optional(),
        active: z
          .boolean({ error: 'must be true or false' })
          .describe('whether this catalog is the one in use')
          .optional(),
        config_file: shaped(
          'configuration file selecting this catalog, relative to the container folder',
          SHAPES.repositoryPath,
        ).optional(),
      }),
      'every catalog the image can talk to',
    ).optional(),
    decision: z
      .strictObject({
        adr: shaped(
          'the decision record (URL or path relative to the container folder)',
          SHAPES.pathOrUrl,
        ).optional(),
        status: z
          .enum(METASTORE_DECISION_STATUSES, {
            error: `must be one of ${METASTORE_DECISION_STATUSES.join(', ')}`,
          })
          .describe('status of the decision')
          .optional(),
        cloud_service: text(
          'cloud service chosen (aws-glue)',
          CONTAINER_MAX_LENGTH.name,
        ).optional(),
        rationale: text(
          'why this catalog, in two sentences',
          CONTAINER_MAX_LENGTH.text,
        ).optional(),
      })
      .describe('the decision behind the catalog choice')
      .optional(),
    rollback: z
      .strictObject({
        previous: z
          .enum(METASTORE_SERVICE_TYPES, {
            error: `must be a catalog type: ${METASTORE_SERVICE_TYPES.join(
              ', ',
            )}`,
          })
          .describe('the catalog a rollback returns to')
          .optional(),
        runbook: shaped(
          'rollback runbook (path relative to the container folder or URL)',
          SHAPES.pathOrUrl,
        ).optional(),
        steps: list(
          text('one rollback step'),
          'rollback steps, in order',
        ).optional(),
        config_changes: list(
          z.strictObject({
            file: shaped(
              'file to edit, relative to the container folder',
              SHAPES.repositoryPath,
            ),
            from: bounded(CONTAINER_MAX_LENGTH.text).describe(
              'text before the rollback',
            ),
            to: bounded(CONTAINER_MAX_LENGTH.text).describe(
              'text after the rollback',
            ),
          }),
          'configuration edits of the rollback',
        ).optional(),
        metadata_migration: text(
          'how table metadata moves back',
          CONTAINER_MAX_LENGTH.text,
        ).optional(),
        verification: list(
          text('one check'),
          'checks that prove the rollback worked',
        ).optional(),
      })
      .describe('how to roll the catalog back')
      .optional(),
    compose_example: shaped(
      'compose file showing the catalog in use, relative to the container folder',
      SHAPES.pathOrUrl,
    ).optional(),
  })
  .superRefine((metastore, ctx) => {
    if (metastore.provides && metastore.role !== 'provider') {
      ctx.addIssue({
        code: 'custom',
        path: ['provides'],
        message: `only for role: provider (role is ${metastore.role}) — remove provides or set role: provider`,
      });
    }
  })
  .describe(
    'the Iceberg catalog / metadata service the image provides or uses',
  );

/**
 * A companion's `current` written as a token must name a build arg the container has: that arg
 * pins the companion, so a bump edits it and the Dockerfile reads it. (Checked on the file as
 * written; once resolved, `current` holds the arg's value.)
 */
function checkCompanionPins(
  container: {
    version: { companions?: Array<{ current: string }> };
    build?: { args?: Record<string, unknown> };
  },
  ctx: z.RefinementCtx,
) {
  const args = Object.keys(container.build?.args ?? {});
  (container.version.companions ?? []).forEach((companion, index) => {
    const current = companion.current;
    if (!TOKEN_SYNTAX.test(current)) {
      return;
    }
    const path = ['version', 'companions', index, 'current'];
    const named = companionBuildArg(current);
    if (named === undefined) {
      ctx.addIssue({
        code: 'custom',
        path,
        message:
          'a companion\'s token names the build arg that pins it, the whole value: "!build.args.ICEBERG_VERSION" (or write the version itself)',
      });
    } else if (!args.includes(named)) {
      const suggestion = closest(named, args);
      ctx.addIssue({
        code: 'custom',
        path,
        message: `names build arg ${named}, which build.args does not have${
          suggestion ? ` (did you mean "!build.args.${suggestion}"?)` : ''
        } — add it to build.args (and the Dockerfile's ARG), or name the arg that pins this companion`,
      });
    }
  });
}

/**
 * The container.yaml schema.
 *
 * @public
 */
export const containerSchema = z
  .strictObject({
    name: text(
      'the human name of the image ("Apache Spark Runtime")',
      CONTAINER_MAX_LENGTH.name,
    ),
    slug: shaped(
      "the container folder's name: lower case letters, digits and -, starting with a letter",
      {
        pattern: CONTAINER_PATTERNS.slug,
        expectation:
          'must be lower case letters, digits and -, starting with a letter (the folder name)',
        max: 63,
        tokens: false,
      },
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
      CONTAINER_MAX_LENGTH.name,
    ).optional(),
    owner: text(
      'catalog owner (group:default/data-platform); default from config, else the first maintainer',
      CONTAINER_MAX_LENGTH.name,
    ).optional(),
    system: text(
      'catalog system; default from config (data-platform)',
      CONTAINER_MAX_LENGTH.name,
    ).optional(),
    lifecycle: z
      .enum(CONTAINER_LIFECYCLES, {
        error: `must be one of ${CONTAINER_LIFECYCLES.join(', ')}`,
      })
      .describe('experimental, production or deprecated; default production')
      .optional(),
    tags: list(
      shaped('catalog tag', {
        pattern: CONTAINER_PATTERNS.catalogTag,
        expectation:
          'catalog tags are lower case a-z, 0-9 and - (e.g. iceberg, object-storage)',
        max: 63,
        tokens: false,
      }),
      'catalog tags',
    ).optional(),
    version: versionSchema,
    runtime: runtimeSchema.optional(),
    build: buildSchema.optional(),
    tests: list(
      z.strictObject({
        name: text('test name', CONTAINER_MAX_LENGTH.name),
        command: text(
          'command, run from the container folder',
          CONTAINER_MAX_LENGTH.text,
        ),
      }),
      'tests, run from the container folder',
    ).optional(),
    publish: publishSchema.optional(),
    catalog: metastoreSchema.optional(),
  })
  .superRefine((container, ctx) => checkCompanionPins(container, ctx))
  .describe('A platform container: containers/<slug>/container.yaml');

/**
 * A container.yaml as written (snake_case fields, as in the file).
 *
 * @public
 */
export type ContainerSpec = z.infer<typeof containerSchema>;
/**
 * The `version` block of a container.yaml, companions included: what the drift engine, the
 * version logic and a bump read.
 *
 * @public
 */
export type ContainerVersionSpec = ContainerSpec['version'];
/**
 * One `version.companions[]` entry: another upstream version the image pins (usually in a build
 * arg), found and compared like the main version.
 *
 * @public
 */
export type ContainerCompanionSpec = NonNullable<
  ContainerVersionSpec['companions']
>[number];
/**
 * `version.source`: where the upstream feed is; which fields apply depends on the strategy.
 *
 * @public
 */
export type ContainerVersionSource = NonNullable<
  ContainerVersionSpec['source']
>;
/**
 * `version.filter`: which upstream tags are candidates and how they are compared.
 *
 * @public
 */
export type ContainerVersionFilter = NonNullable<
  ContainerVersionSpec['filter']
>;
/**
 * The `catalog` block of a container.yaml.
 *
 * @public
 */
export type ContainerMetastore = NonNullable<ContainerSpec['catalog']>;
/**
 * The `publish` block of a container.yaml.
 *
 * @public
 */
export type ContainerPublish = NonNullable<ContainerSpec['publish']>;
/**
 * A scalar value as build args, labels and env defaults accept.
 *
 * @public
 */
export type ContainerScalar = string | number | boolean;
