import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';
import type { PinnedVersionStatus } from '@dockyard/plugin-containers-common';

/**
 * The zod (v3) that the actions registry hands to schema functions; typed from the registry so
 * this package needs no zod of its own.
 */
export type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/** Overall statuses, best to worst. */
export const PINNED_STATUSES = [
  'up-to-date',
  'unknown',
  'rebuilt',
  'behind',
  'error',
] as const satisfies readonly PinnedVersionStatus[];

/** The longest text an action repeats from a check (an upstream's error message). */
export const MAX_ERROR_LENGTH = 500;

export function entityRefInput(z: Zod) {
  return z
    .string()
    .min(1)
    .max(300)
    .describe(
      'The container entity: component:default/trino, or its name alone (trino)',
    );
}

export function driftDistanceSchema(z: Zod) {
  return z
    .object({
      major: z.number().int(),
      minor: z.number().int(),
      patch: z.number().int(),
      releases: z
        .number()
        .int()
        .describe('Upstream releases in the lane newer than current'),
      days: z
        .number()
        .int()
        .optional()
        .describe('Days between the releases of current and latest'),
    })
    .describe('How far current is behind latest');
}

/** One container in a list: what a person needs to decide whether to look closer. */
export function containerSummarySchema(z: Zod) {
  return z.object({
    entityRef: z.string(),
    slug: z.string(),
    title: z.string().optional(),
    current: z.string().describe('version.current of its container.yaml'),
    latest: z
      .string()
      .optional()
      .describe('Newest upstream release in the lane of current'),
    status: z
      .enum(PINNED_STATUSES)
      .describe(
        'Overall: the worst of the main version, companions and base image',
      ),
    behind: driftDistanceSchema(z).optional(),
    eolState: z
      .enum(['supported', 'warning', 'eol', 'unknown'])
      .optional()
      .describe('End of life of the version in use, when tracked'),
    eolDate: z.string().optional(),
    checkedAt: z
      .string()
      .optional()
      .describe('When the last check ran; absent before the first'),
    pending: z
      .boolean()
      .optional()
      .describe('Not checked yet: the first check is on its way'),
    error: z.string().optional().describe('Why the last check failed'),
  });
}

/**
 * A drift record as the REST API serves it (`GET /api/containers/drift/{entity}`): every field
 * of `DriftRecord`; the nested parts (companions, base image, release notes, end of life) pass
 * through as stored.
 */
export function driftRecordSchema(z: Zod) {
  return z
    .object({
      entityRef: z.string(),
      slug: z.string(),
      strategy: z.string(),
      source: z
        .string()
        .optional()
        .describe(
          'The upstream: github:trinodb/trino, docker.io/library/postgres',
        ),
      sourceUrl: z.string().optional(),
      current: z.string(),
      latest: z.string().optional(),
      newest: z
        .string()
        .optional()
        .describe('Newest release in any lane, when it differs from latest'),
      status: z
        .enum(['up-to-date', 'behind', 'unknown', 'error'])
        .describe("The main version's status"),
      overallStatus: z.enum(PINNED_STATUSES).optional(),
      behind: driftDistanceSchema(z).optional(),
      releaseNotesUrl: z.string().optional(),
      latestReleasedAt: z.string().optional(),
      checkedAt: z.string(),
      lastSuccessAt: z.string().optional(),
      behindSince: z
        .string()
        .optional()
        .describe('When the current behind streak began'),
      error: z.string().optional(),
      consecutiveFailures: z
        .number()
        .int()
        .optional()
        .describe('Checks failed in a row'),
      pending: z.boolean().optional(),
      // Passed through as stored; the REST API's OpenAPI spec describes them.
      companions: z
        .array(z.unknown())
        .optional()
        .describe(
          'Other pinned versions (version.companions[]), each checked like the main one',
        ),
      baseImage: z
        .unknown()
        .describe(
          'The base image: its tag and digest against the registry (behind, rebuilt)',
        ),
      eol: z
        .unknown()
        .describe(
          'End of life of the version in use: state, eolDate, daysToEol (containers with version.eol)',
        ),
      releases: z
        .array(z.unknown())
        .optional()
        .describe('Release notes of the versions after current, newest first'),
    })
    .describe(
      'The last drift check, as GET /api/containers/drift/{entity} serves it',
    );
}

/** Cuts a message from a check to a length an answer can carry. */
export function boundedError(error: string | undefined): string | undefined {
  if (error === undefined || error.length <= MAX_ERROR_LENGTH) return error;
  return `${error.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}
