import {
  isCatalogTag,
  isCatalogUri,
  isEmail,
  isEntityRef,
  isEnvName,
  isGithubRepo,
  isHostname,
  isHttpUrl,
  isImageRepository,
  isPackageName,
  isPathOrUrl,
  isPinnedImageReference,
  isPortName,
  isPublishTag,
  isRegistry,
  isSimpleName,
  isVersion,
} from './patterns';
import {
  CATALOG_DECISION_STATUSES,
  CATALOG_SERVICE_TYPES,
  CONTAINER_STRATEGIES,
  containerSlugProblem,
  ContainerStrategy,
  countCaptureGroups,
  STRATEGY_SOURCE_FIELDS,
  userPatternProblem,
} from '@dockyard/plugin-containers-common';
import { NewContainerInput, NewContainerSource } from './types';

/** The base image when none is given: small, maintained, and the README asks to pin it. */
export const DEFAULT_BASE_IMAGE = 'docker.io/library/debian:bookworm-slim';
/** The registry and namespace of the default image name, as the platform's images use. */
export const DEFAULT_REGISTRY = 'ghcr.io/example/data-platform';

/**
 * The `version.source` fields the generator asks for with each strategy: the parser's required
 * fields, plus the package for pypi (the file format falls back to `version.component`, but a new
 * container should say what it tracks).
 */
export function requiredSourceFields(
  strategy: ContainerStrategy,
): Array<keyof NewContainerSource> {
  const required = STRATEGY_SOURCE_FIELDS[strategy].required.map(
    group => group[0],
  );
  return (strategy === 'pypi' ? ['package'] : required) as Array<
    keyof NewContainerSource
  >;
}

/** The optional `version.source` fields of a strategy. */
export function optionalSourceFields(
  strategy: ContainerStrategy,
): Array<keyof NewContainerSource> {
  const required = requiredSourceFields(strategy);
  return [
    ...STRATEGY_SOURCE_FIELDS[strategy].required.flat(),
    ...STRATEGY_SOURCE_FIELDS[strategy].optional,
  ].filter(
    field => !required.includes(field as keyof NewContainerSource),
  ) as Array<keyof NewContainerSource>;
}

/** Whether `value` is a `version.strategy` container.yaml knows. */
export function isContainerStrategy(
  value: unknown,
): value is ContainerStrategy {
  return (CONTAINER_STRATEGIES as readonly unknown[]).includes(value);
}

const SOURCE_CHECKS: Record<
  keyof NewContainerSource,
  { check: (value: string) => boolean; expected: string }
> = {
  repo: { check: isGithubRepo, expected: 'a GitHub repository "owner/name"' },
  host: {
    check: isHostname,
    expected: 'a host name such as "github.example.com"',
  },
  image: {
    check: isImageRepository,
    expected:
      'an image repository without tag, registry host first ("docker.io/library/postgres")',
  },
  package: {
    check: isPackageName,
    expected:
      'a package name ("apache-airflow", "@scope/name", "group:artifact")',
  },
  url: { check: isHttpUrl, expected: 'an http(s) URL' },
  regex: {
    check: isVersionRegex,
    expected:
      'a single-line regular expression with a capture group for the version (RE2 syntax: no look-around or back-references)',
  },
  chart: { check: isSimpleName, expected: 'a chart name (lower case)' },
  product: {
    check: isSimpleName,
    expected: 'an endoflife.date product id (lower case)',
  },
};

/** A pattern Dockyard runs (linear-time engine, length capped) with group 1 for the version. */
function isVersionRegex(value: string): boolean {
  if (/[\r\n]/.test(value) || userPatternProblem(value)) {
    return false;
  }
  return countCaptureGroups(value) > 0;
}

const CATALOG_TYPES: readonly string[] = CATALOG_SERVICE_TYPES;
const DECISION_STATUSES: readonly string[] = CATALOG_DECISION_STATUSES;
const MAX_TEXT_LENGTH = 10_000;

/**
 * Every reason the inputs cannot make a container, in words the person who typed them can act
 * on (`summary: …`). Empty when the inputs are acceptable. Only shape and safety are checked
 * here; the rendered container.yaml is validated by the parser afterwards.
 */
export function newContainerInputProblems(input: NewContainerInput): string[] {
  const problems: string[] = [];
  const problem = (message: string) => problems.push(message);

  const text = (field: string, value: unknown, required: boolean) => {
    if (value === undefined || value === null) {
      if (required) problem(`${field} is required`);
      return;
    }
    if (typeof value !== 'string') {
      problem(`${field} must be text`);
    } else if (required && value.trim() === '') {
      problem(`${field} is required`);
    } else if (value.length > MAX_TEXT_LENGTH) {
      problem(`${field} is longer than ${MAX_TEXT_LENGTH} characters`);
    }
  };
  const checked = (
    field: string,
    value: unknown,
    check: (v: string) => boolean,
    expected: string,
    required = false,
  ) => {
    if (value === undefined || value === null || value === '') {
      if (required) problem(`${field} is required`);
      return;
    }
    if (typeof value !== 'string' || !check(value)) {
      problem(`${field} must be ${expected}, got ${JSON.stringify(value)}`);
    }
  };

  if (typeof input.slug !== 'string') {
    problem('slug is required');
  } else {
    const slugIssue = containerSlugProblem(input.slug);
    if (slugIssue) problem(slugIssue);
  }
  text('name', input.name, true);
  text('summary', input.summary, true);
  checked(
    'owner',
    input.owner,
    isEntityRef,
    'an entity reference such as "group:default/data-platform-team"',
    true,
  );
  checked(
    'system',
    input.system,
    isEntityRef,
    'an entity reference such as "data-platform"',
  );
  if (
    input.lifecycle !== undefined &&
    !['experimental', 'production', 'deprecated'].includes(input.lifecycle)
  ) {
    problem(
      `lifecycle must be experimental, production or deprecated, got ${JSON.stringify(
        input.lifecycle,
      )}`,
    );
  }
  input.tags?.forEach((tag, i) =>
    checked(
      `tags[${i}]`,
      tag,
      isCatalogTag,
      'lower case letters, digits and "-"',
      true,
    ),
  );
  input.maintainers?.forEach((maintainer, i) => {
    text(`maintainers[${i}].name`, maintainer?.name, true);
    checked(
      `maintainers[${i}].email`,
      maintainer?.email,
      isEmail,
      'an e-mail address',
      true,
    );
  });
  for (const key of ['homepage', 'source', 'documentation'] as const) {
    checked(`links.${key}`, input.links?.[key], isHttpUrl, 'an http(s) URL');
  }
  checked(
    'license',
    input.license,
    v => /^[A-Za-z0-9.+()\- ]{1,100}$/.test(v),
    'an SPDX license id such as "Apache-2.0"',
  );

  checkVersion(input, problem, text, checked);

  checked(
    'baseImage',
    input.baseImage,
    isPinnedImageReference,
    'an image reference with a tag or digest ("docker.io/library/debian:bookworm-slim")',
  );
  const portNames = new Set<string>();
  input.ports?.forEach((port, i) => {
    checked(
      `ports[${i}].name`,
      port?.name,
      isPortName,
      'a port name such as "http" (lower case, up to 15 characters)',
      true,
    );
    if (portNames.has(port?.name))
      problem(`ports[${i}].name "${port.name}" is used twice`);
    portNames.add(port?.name);
    if (!Number.isInteger(port?.port) || port.port < 1 || port.port > 65535) {
      problem(
        `ports[${i}].port must be a whole number from 1 to 65535, got ${JSON.stringify(
          port?.port,
        )}`,
      );
    }
    if (
      port?.protocol !== undefined &&
      !['tcp', 'udp'].includes(port.protocol)
    ) {
      problem(
        `ports[${i}].protocol must be tcp or udp, got ${JSON.stringify(
          port.protocol,
        )}`,
      );
    }
    text(`ports[${i}].description`, port?.description, false);
  });
  const envNames = new Set<string>();
  input.env?.forEach((env, i) => {
    checked(
      `env[${i}].name`,
      env?.name,
      isEnvName,
      'an environment variable name such as "APP_LOG_LEVEL"',
      true,
    );
    if (envNames.has(env?.name))
      problem(`env[${i}].name "${env.name}" is used twice`);
    envNames.add(env?.name);
    text(`env[${i}].default`, env?.default, false);
    text(`env[${i}].description`, env?.description, false);
  });

  const publish = input.publish;
  if (publish) {
    checked(
      'publish.image',
      publish.image,
      isImageRepository,
      'an image repository without tag ("ghcr.io/example/data-platform/trino")',
    );
    checked(
      'publish.registry',
      publish.registry,
      isRegistry,
      'a registry and namespace ("ghcr.io/example/data-platform")',
    );
    publish.tags?.forEach((tag, i) =>
      checked(
        `publish.tags[${i}]`,
        tag,
        isPublishTag,
        'an image tag or a token such as "!version.current"',
        true,
      ),
    );
    if (
      publish.provenance !== undefined &&
      ![false, 'min', 'max'].includes(publish.provenance)
    ) {
      problem(
        `publish.provenance must be false, min or max, got ${JSON.stringify(
          publish.provenance,
        )}`,
      );
    }
    if (publish.sbom !== undefined && typeof publish.sbom !== 'boolean') {
      problem('publish.sbom must be true or false');
    }
    if (publish.signing) {
      if (!['cosign', 'none'].includes(publish.signing.method)) {
        problem(
          `publish.signing.method must be cosign or none, got ${JSON.stringify(
            publish.signing.method,
          )}`,
        );
      }
      checked(
        'publish.signing.key',
        publish.signing.key,
        v => /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,300}$/.test(v),
        'a key reference such as "cosign.key" or "awskms:///alias/cosign"',
      );
      if (
        publish.signing.method === 'cosign' &&
        publish.signing.keyless === false &&
        !publish.signing.key
      ) {
        problem(
          'publish.signing.key is required for cosign signing that is not keyless',
        );
      }
      if (publish.signing.keyless === true && publish.signing.key) {
        problem('publish.signing: choose keyless signing or a key, not both');
      }
    }
  }

  checkCatalog(input, problem, text, checked);
  return problems;
}

type Report = (message: string) => void;
type TextCheck = (field: string, value: unknown, required: boolean) => void;
type PatternCheck = (
  field: string,
  value: unknown,
  check: (v: string) => boolean,
  expected: string,
  required?: boolean,
) => void;

function checkVersion(
  input: NewContainerInput,
  problem: Report,
  text: TextCheck,
  checked: PatternCheck,
) {
  const version = input.version;
  if (!version || typeof version !== 'object') {
    problem('version is required (strategy and current)');
    return;
  }
  checked(
    'version.current',
    version.current,
    isVersion,
    'a version without spaces or quotes ("4.0.1", "476", "17.6-bookworm")',
    true,
  );
  checked(
    'version.component',
    version.component,
    isPackageName,
    'a component name',
  );
  text('version.notes', version.notes, false);

  const strategy = version.strategy;
  const known = isContainerStrategy(strategy);
  if (strategy === undefined || strategy === '') {
    problem(
      `version.strategy is required: one of ${CONTAINER_STRATEGIES.join(', ')}`,
    );
  } else if (!known) {
    problem(
      `version.strategy ${JSON.stringify(
        strategy,
      )} is not a known strategy: use one of ${CONTAINER_STRATEGIES.join(
        ', ',
      )}`,
    );
  }
  const required = known ? requiredSourceFields(strategy) : [];
  const usable = known
    ? [...required, ...optionalSourceFields(strategy)]
    : undefined;
  const source = (version.source ?? {}) as Record<string, unknown>;
  if (typeof source !== 'object' || Array.isArray(source)) {
    problem('version.source must be a mapping of source fields');
    return;
  }
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value === null || value === '') continue;
    const field = key as keyof NewContainerSource;
    const spec = Object.hasOwn(SOURCE_CHECKS, field)
      ? SOURCE_CHECKS[field]
      : undefined;
    if (!spec) {
      problem(`version.source.${key} is not a source field`);
    } else if (usable && !usable.includes(field)) {
      problem(
        usable.length
          ? `version.source.${key} is not used by the ${strategy} strategy, which reads ${usable.join(
              ', ',
            )}`
          : `version.source.${key} is not used by the ${strategy} strategy, which reads no source`,
      );
    } else {
      checked(`version.source.${key}`, value, spec.check, spec.expected);
    }
  }
  for (const field of required) {
    const value = source[field];
    if (value === undefined || value === null || value === '') {
      problem(
        `version.source.${field} is required by the ${strategy} strategy (${SOURCE_CHECKS[field].expected})`,
      );
    }
  }
}

function checkCatalog(
  input: NewContainerInput,
  problem: Report,
  text: TextCheck,
  checked: PatternCheck,
) {
  const catalog = input.catalog;
  if (!catalog) return;
  if (!['provider', 'consumer', 'none'].includes(catalog.role)) {
    problem(
      `catalog.role must be provider, consumer or none, got ${JSON.stringify(
        catalog.role,
      )}`,
    );
    return;
  }
  const typeList = CATALOG_TYPES.join(', ');
  if (catalog.type !== undefined && !CATALOG_TYPES.includes(catalog.type)) {
    problem(
      `catalog.type must be one of ${typeList}, got ${JSON.stringify(
        catalog.type,
      )}`,
    );
  }
  if (catalog.role !== 'none' && !catalog.type) {
    problem(
      `catalog.type is required for a catalog ${catalog.role}: one of ${typeList}`,
    );
  }
  if (catalog.role === 'provider' && catalog.type === 'glue') {
    problem(
      'catalog.type glue is a cloud service: an image can use it, not provide it',
    );
  }
  checked(
    'catalog.uri',
    catalog.uri,
    isCatalogUri,
    'a URI such as "thrift://hive-metastore:9083"',
  );
  checked(
    'catalog.configFile',
    catalog.configFile,
    isPathOrUrl,
    'a relative path',
  );
  checked(
    'catalog.composeExample',
    catalog.composeExample,
    isPathOrUrl,
    'a relative path or URL',
  );
  if (catalog.role === 'provider' && !catalog.composeExample) {
    problem(
      'catalog.composeExample is required for a catalog provider (a compose file that runs it)',
    );
  }
  const decision = catalog.decision;
  if (decision) {
    checked(
      'catalog.decision.adr',
      decision.adr,
      isPathOrUrl,
      'a relative path or URL of the ADR',
    );
    if (
      decision.status !== undefined &&
      !DECISION_STATUSES.includes(decision.status)
    ) {
      problem(
        `catalog.decision.status must be one of ${DECISION_STATUSES.join(
          ', ',
        )}`,
      );
    }
    checked(
      'catalog.decision.cloudService',
      decision.cloudService,
      isSimpleName,
      'a service id such as "aws-glue"',
    );
    text('catalog.decision.rationale', decision.rationale, false);
  }
  const rollback = catalog.rollback;
  if (rollback) {
    if (
      rollback.previous !== undefined &&
      !CATALOG_TYPES.includes(rollback.previous)
    ) {
      problem(`catalog.rollback.previous must be one of ${typeList}`);
    }
    checked(
      'catalog.rollback.runbook',
      rollback.runbook,
      isPathOrUrl,
      'a relative path or URL',
    );
    rollback.steps?.forEach((step, i) =>
      text(`catalog.rollback.steps[${i}]`, step, true),
    );
  }
  const cloudNative =
    catalog.type === 'glue' || Boolean(decision?.cloudService);
  if (cloudNative) {
    if (!decision?.rationale && !decision?.adr) {
      problem(
        'catalog.decision is required for a cloud-native catalog (Glue): give the rationale or the ADR',
      );
    }
    if (
      !rollback?.steps?.some(step => typeof step === 'string' && step.trim())
    ) {
      problem(
        'catalog.rollback.steps are required for a cloud-native catalog (Glue): how to go back',
      );
    }
  }
  if (
    catalog.role === 'provider' &&
    !rollback?.steps?.length &&
    !rollback?.runbook
  ) {
    problem(
      'catalog.rollback is required for a catalog provider: give the steps or a runbook',
    );
  }
}
