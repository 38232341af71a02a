import {
  describeDistance,
  describeStep,
  DriftDistance,
  DriftRecord,
  EolInfo,
  plural,
} from '@dockyard/plugin-containers-common';
import { DriftNotificationsConfig } from '@dockyard/plugin-containers-node';

/**
 * Something a container's owner is told about once: it newly fell behind by at least the
 * threshold, the end of life of its version came inside the warning window, or its checks failed
 * N times in a row.
 */
export interface DriftEvent {
  type: 'behind' | 'eol' | 'failing';
  /**
   * The same for every run that sees the same event, different for the next one: the
   * notifications backend keeps one notification per scope and recipient.
   */
  scope: string;
  title: string;
  description: string;
  severity: 'critical' | 'high' | 'normal';
}

/** The steps of a distance from smallest to biggest; the index is the rank. */
const STEPS = ['none', 'patch', 'minor', 'major'] as const;

function stepRank(behind: DriftDistance | undefined): number {
  if (!behind) return 0;
  if (behind.major > 0) return 3;
  if (behind.minor > 0) return 2;
  return behind.patch > 0 || behind.releases > 0 ? 1 : 0;
}

/**
 * A record to compare with: one that holds a good result (a failed first check knows nothing
 * to compare a later success with, and a pending record is no check at all).
 */
function baseline(record: DriftRecord | undefined): DriftRecord | undefined {
  return record && !record.pending && record.lastSuccessAt ? record : undefined;
}

function behindEvent(
  previous: DriftRecord | undefined,
  next: DriftRecord,
  threshold: DriftNotificationsConfig['behindThreshold'],
): DriftEvent | undefined {
  const before = baseline(previous);
  if (!before || next.status !== 'behind') return undefined;
  const rank = stepRank(next.behind);
  // Only a bigger step than before counts: a minor behind that stays a minor (the next minor
  // release upstream) is the same news; a major after a minor is new.
  const step = next.behind && describeStep(next.behind);
  if (
    !step ||
    rank < STEPS.indexOf(threshold) ||
    rank <= stepRank(before.behind)
  ) {
    return undefined;
  }
  const distance = describeDistance(next.behind);
  return {
    type: 'behind',
    scope: `containers:drift:behind:${next.entityRef}:${next.current}:${next.latest}`,
    title: `${next.slug} is ${step} behind: ${next.current} → ${next.latest}`,
    description: [
      `${next.source ?? next.strategy} has ${next.latest}`,
      next.latestReleasedAt
        ? ` (released ${next.latestReleasedAt.slice(0, 10)})`
        : '',
      `; ${next.slug} pins ${next.current}`,
      distance ? `, ${distance} behind.` : '.',
    ].join(''),
    severity: rank === 3 ? 'high' : 'normal',
  };
}

const IN_WINDOW: ReadonlyArray<EolInfo['state']> = ['warning', 'eol'];

function eolEvent(
  previous: DriftRecord | undefined,
  next: DriftRecord,
): DriftEvent | undefined {
  const eol = next.eol;
  const before = baseline(previous)?.eol;
  if (!eol || !before || !IN_WINDOW.includes(eol.state)) return undefined;
  const sameCycle =
    before.product === eol.product && before.cycle === eol.cycle;
  // Already inside the window for this cycle: told when it entered.
  if (sameCycle && IN_WINDOW.includes(before.state)) return undefined;
  const what = `${eol.product} ${eol.cycle}`;
  const when =
    eol.state === 'eol'
      ? `has been end of life since ${eol.eolDate ?? 'an unknown date'}`
      : `reaches end of life ${
          eol.daysToEol === undefined
            ? 'soon'
            : `in ${plural(eol.daysToEol, 'day')}`
        }${eol.eolDate ? ` (${eol.eolDate})` : ''}`;
  return {
    type: 'eol',
    scope: `containers:drift:eol:${next.entityRef}:${eol.product}:${eol.cycle}`,
    title: `${next.slug}: ${what} ${when}`,
    description: `${next.slug} runs ${next.current}, of the ${what} cycle${
      eol.latestCycle && eol.latestCycle !== eol.cycle
        ? `; the newest supported cycle is ${eol.latestCycle}`
        : ''
    }.`,
    severity: eol.state === 'eol' ? 'critical' : 'high',
  };
}

/** Why the checks failed: the main version's error, else the first failing part's. */
function failureReason(record: DriftRecord): string | undefined {
  if (record.status === 'error') return record.error;
  const companion = record.companions?.find(c => c.status === 'error');
  if (companion) return `${companion.name}: ${companion.error}`;
  if (record.baseImage?.status === 'error') {
    return `base image: ${record.baseImage.error}`;
  }
  return undefined;
}

/** An error message as a sentence: ends with a full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function failingEvent(
  previous: DriftRecord | undefined,
  next: DriftRecord,
  failuresInARow: number,
): DriftEvent | undefined {
  const failures = next.consecutiveFailures ?? 0;
  if (
    failures < failuresInARow ||
    (previous?.consecutiveFailures ?? 0) >= failuresInARow
  ) {
    return undefined;
  }
  const reason = failureReason(next);
  return {
    type: 'failing',
    // The last success before the streak tells one streak from the next.
    scope: `containers:drift:failing:${next.entityRef}:${
      next.lastSuccessAt ?? 'never'
    }`,
    title: `Upstream checks of ${next.slug} failed ${plural(
      failures,
      'time',
    )} in a row`,
    description: `${sentence(reason ?? 'No reason was given')} ${
      next.lastSuccessAt
        ? `Last good check: ${next.lastSuccessAt}.`
        : 'No check has succeeded yet.'
    }`,
    severity: 'high',
  };
}

/**
 * What the owner of a container is told after a check, comparing the record stored before
 * (`previous`, undefined for a container never checked) with the new one. Each event fires on
 * the run that crosses into it and not on the runs after; a first check is a baseline, not
 * news. Pure: the caller sends the events.
 */
export function driftEvents(
  previous: DriftRecord | undefined,
  next: DriftRecord,
  config: Pick<DriftNotificationsConfig, 'behindThreshold' | 'failuresInARow'>,
): DriftEvent[] {
  return [
    behindEvent(previous, next, config.behindThreshold),
    eolEvent(previous, next),
    failingEvent(previous, next, config.failuresInARow),
  ].filter((event): event is DriftEvent => event !== undefined);
}
