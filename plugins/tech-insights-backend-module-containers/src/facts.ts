import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import {
  baseImageRebuilt,
  DriftRecord,
  overallDriftStatus,
} from '@dockyard/plugin-containers-common';

/**
 * The id of the fact retriever, and its key under `techInsights.factRetrievers` in app-config.
 *
 * @public
 */
export const CONTAINER_DRIFT_FACT_RETRIEVER_ID =
  'dockyardContainerDriftFactRetriever';

/**
 * The facts of one container. A fact that is not known is `null`, never absent: the JSON rules
 * engine fails every check of an entity when a check names a fact it does not have, while
 * `null` simply fails a numeric comparison and passes `notEqual`.
 *
 * @public
 */
export interface ContainerDriftFacts {
  [name: string]: string | number | boolean | null;
  status: string;
  majorsBehind: number | null;
  minorsBehind: number | null;
  releasesBehind: number | null;
  daysBehind: number | null;
  daysToEol: number | null;
  eolState: string | null;
  baseImageStatus: string | null;
  baseImageNeedsRebuild: boolean | null;
}

/**
 * The schema of {@link ContainerDriftFacts}, as Tech Insights stores and shows it.
 *
 * @public
 */
export const containerDriftFactSchema: FactSchema = {
  status: {
    type: 'string',
    description:
      'Overall drift status: the worst of the main version, the companions and the base image (up-to-date < unknown < rebuilt < behind < error); unknown until the first check',
  },
  majorsBehind: {
    type: 'integer',
    description:
      'Major versions the main version is behind the newest release in its lane (0 when up to date; null when not known)',
  },
  minorsBehind: {
    type: 'integer',
    description:
      'Minor versions behind, within the same major (0 when up to date or a major behind; null when not known)',
  },
  releasesBehind: {
    type: 'integer',
    description:
      'Upstream releases in the lane newer than the version in use (null when not known)',
  },
  daysBehind: {
    type: 'integer',
    description:
      'Days between the releases of the version in use and the newest one (null when the feed gives no dates)',
  },
  daysToEol: {
    type: 'integer',
    description:
      'Days until the end of life of the version in use, negative once past (null when container.yaml sets no version.eol or the date is not known)',
  },
  eolState: {
    type: 'string',
    description:
      'End-of-life state of the version in use: supported, warning, eol or unknown (null when container.yaml sets no version.eol)',
  },
  baseImageStatus: {
    type: 'string',
    description:
      'The base image against its registry: up-to-date, behind (a newer tag in its lane), rebuilt, unknown or error (null without a base image)',
  },
  baseImageNeedsRebuild: {
    type: 'boolean',
    description:
      'Whether the pinned base image tag now points at another digest, so the image should be rebuilt on it (null when not pinned by digest or not known)',
  },
};

/**
 * The facts of one container from its drift record, or from none (never checked yet).
 * Distances are the main version's; a failed check keeps those of the last good one.
 *
 * @public
 */
export function containerDriftFacts(
  record: DriftRecord | undefined,
): ContainerDriftFacts {
  // No record: never checked. (The API's pending record, status unknown without versions, ends
  // up the same below.)
  if (!record) {
    return {
      status: 'unknown',
      majorsBehind: null,
      minorsBehind: null,
      releasesBehind: null,
      daysBehind: null,
      daysToEol: null,
      eolState: null,
      baseImageStatus: null,
      baseImageNeedsRebuild: null,
    };
  }
  // Also after a failed check whose last good one found the newest release in use.
  const upToDate =
    record.status === 'up-to-date' ||
    (!record.behind && !!record.latest && record.latest === record.current);
  const distance = (value: number | undefined) =>
    value ?? (upToDate ? 0 : null);
  const behind = record.behind;
  return {
    status: overallDriftStatus(record),
    majorsBehind: distance(behind?.major),
    minorsBehind: distance(behind?.minor),
    releasesBehind: distance(behind?.releases),
    daysBehind: behind ? behind.days ?? null : distance(undefined),
    daysToEol: record.eol?.daysToEol ?? null,
    eolState: record.eol?.state ?? null,
    baseImageStatus: record.baseImage?.status ?? null,
    baseImageNeedsRebuild: baseImageNeedsRebuild(record.baseImage),
  };
}

function baseImageNeedsRebuild(
  baseImage: DriftRecord['baseImage'],
): boolean | null {
  if (!baseImage) return null;
  if (baseImage.status === 'rebuilt' || baseImageRebuilt(baseImage)) {
    return true;
  }
  // Only a pinned digest compared with the tag's current one tells that no rebuild is due.
  return baseImage.digest && baseImage.latestDigest ? false : null;
}
