import {
  METASTORE_DECISION_STATUSES,
  METASTORE_ROLES,
  METASTORE_SERVICE_TYPES,
  CONTAINER_LIFECYCLES,
  CONTAINER_STRATEGIES,
  SIGNING_METHODS,
  type NewContainerInput,
} from '@dockyard/plugin-containers-common';
import { z as zod } from 'zod/v3';

type Z = typeof zod;

// Shapes only, and no enums: every value is checked by the generator (the new-container schema
// of the common package), which explains a bad value in words the person filling the form
// understands; the lists in the descriptions come from the same place. Form fields left empty
// (or hidden by the form's conditions) arrive as '' and mean "not given".
const optionalText = (z: Z, description: string) =>
  z.string().optional().describe(description);

/**
 * Input schema of `containers:create`: what a new container is made from. Mirrors
 * `NewContainerInput` of the generator, flattened the way a template passes form values.
 */
export const containerInputSchema = {
  slug: (z: Z) =>
    z
      .string()
      .describe(
        'Folder name under containers/ and catalog entity name: lower case letters, digits and -',
      ),
  name: (z: Z) =>
    z.string().describe('Human name of the image ("Apache Spark Runtime")'),
  summary: (z: Z) =>
    z.string().describe('One sentence: what the container runs'),
  owner: (z: Z) =>
    z.string().describe('Catalog owner, e.g. group:default/data-platform-team'),
  strategy: (z: Z) =>
    z
      .string()
      .describe(
        `How upstream releases are found: ${CONTAINER_STRATEGIES.join(', ')}`,
      ),
  current: (z: Z) =>
    z.string().describe('The upstream version this image packages'),
  source: (z: Z) =>
    z
      .object({
        repo: optionalText(z, 'github-release, github-tag: owner/name'),
        host: optionalText(
          z,
          'github-release, github-tag: GitHub Enterprise host',
        ),
        image: optionalText(z, 'docker-tags: image, registry host first'),
        package: optionalText(z, 'pypi, npm: package; maven: group:artifact'),
        url: optionalText(
          z,
          'http-directory: listing page; helm: chart repository; maven: repository',
        ),
        regex: optionalText(
          z,
          'http-directory: regex whose group 1 is the version',
        ),
        chart: optionalText(z, 'helm: chart name'),
        product: optionalText(z, 'endoflife: endoflife.date product id'),
      })
      .optional()
      .describe('version.source: the fields the strategy reads'),
  component: (z: Z) =>
    optionalText(z, "version.component: the upstream component's name"),
  notes: (z: Z) =>
    optionalText(
      z,
      'version.notes: where release notes live, what to check when upgrading',
    ),
  system: (z: Z) =>
    optionalText(z, 'Catalog system (default from the template)'),
  lifecycle: (z: Z) =>
    optionalText(z, `Catalog lifecycle: ${CONTAINER_LIFECYCLES.join(', ')}`),
  tags: (z: Z) => z.array(z.string()).optional().describe('Catalog tags'),
  maintainers: (z: Z) =>
    z
      .array(z.object({ name: z.string(), email: z.string() }))
      .optional()
      .describe('People who look after the image'),
  links: (z: Z) =>
    z
      .object({
        homepage: optionalText(z, 'Upstream home page'),
        source: optionalText(z, 'Upstream source repository'),
        documentation: optionalText(z, 'Upstream documentation'),
      })
      .optional()
      .describe('Links shown in the catalog'),
  license: (z: Z) => optionalText(z, 'SPDX id of the packaged software'),
  baseImage: (z: Z) =>
    optionalText(
      z,
      'Base image with a tag or digest (default docker.io/library/debian:bookworm-slim)',
    ),
  ports: (z: Z) =>
    z
      .array(
        z.object({
          name: z.string(),
          port: z.number(),
          protocol: z.string().optional().describe('tcp (default) or udp'),
          description: z.string().optional(),
        }),
      )
      .optional()
      .describe('Ports the image listens on'),
  env: (z: Z) =>
    z
      .array(
        z.object({
          name: z.string(),
          default: z.string().optional(),
          description: z.string().optional(),
        }),
      )
      .optional()
      .describe('Environment variables the image reads'),
  publish: (z: Z) =>
    z
      .object({
        image: optionalText(
          z,
          'Image repository to push to (default <registry>/<slug>)',
        ),
        registry: optionalText(
          z,
          'Registry and namespace (default ghcr.io/example/data-platform)',
        ),
        tags: z
          .array(z.string())
          .optional()
          .describe('Tags besides the derived ones'),
        provenance: z
          .union([z.literal(false), z.string()])
          .optional()
          .describe('buildx provenance: false, min or max'),
        sbom: z.boolean().optional().describe('buildx SBOM attestation'),
        signing: z
          .object({
            method: z.string().describe(SIGNING_METHODS.join(' or ')),
            keyless: z.boolean().optional(),
            key: z.string().optional(),
          })
          .optional(),
      })
      .optional()
      .describe('Where and how the image is published'),
  catalog: (z: Z) =>
    z
      .object({
        role: z.string().describe(METASTORE_ROLES.join(', ')),
        type: z
          .string()
          .optional()
          .describe(METASTORE_SERVICE_TYPES.join(', ')),
        uri: z.string().optional(),
        configFile: z.string().optional(),
        composeExample: z.string().optional(),
        decision: z
          .object({
            adr: z.string().optional(),
            status: z
              .string()
              .optional()
              .describe(METASTORE_DECISION_STATUSES.join(', ')),
            cloudService: z.string().optional(),
            rationale: z.string().optional(),
          })
          .optional(),
        rollback: z
          .object({
            previous: z
              .string()
              .optional()
              .describe('the catalog type a rollback returns to'),
            runbook: z.string().optional(),
            steps: z.array(z.string()).optional(),
          })
          .optional(),
      })
      .optional()
      .describe('The Iceberg catalog the image provides or uses'),
};

/** The action input as the scaffolder hands it over. */
export type ContainerActionInput = {
  [K in keyof typeof containerInputSchema]: zod.infer<
    ReturnType<(typeof containerInputSchema)[K]>
  >;
};

/** Drops empty form values: a field left blank means "not given". */
function compact<T>(value: T): T | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(compact).filter(v => v !== undefined);
    return (items.length > 0 ? items : undefined) as T | undefined;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as object)
      .map(([k, v]) => [k, compact(v)])
      .filter(([, v]) => v !== undefined);
    return (entries.length > 0 ? Object.fromEntries(entries) : undefined) as
      | T
      | undefined;
  }
  return value;
}

/** The generator's input from the action input. */
export function toNewContainerInput(
  input: ContainerActionInput,
): NewContainerInput {
  const { strategy, current, source, component, notes, publish, ...rest } =
    compact({
      ...input,
    }) ?? ({} as ContainerActionInput);
  const provenance =
    publish?.provenance === 'false' ? false : publish?.provenance;
  return {
    ...rest,
    // Required text keeps '' so the generator reports it as missing.
    slug: input.slug,
    name: input.name,
    summary: input.summary,
    owner: input.owner,
    version: {
      strategy: strategy ?? input.strategy,
      current: current ?? input.current,
      source,
      component,
      notes,
    },
    publish: publish ? { ...publish, provenance } : undefined,
  } as NewContainerInput;
}
