import { DriftRecord, EolInfo } from '@dockyard/plugin-containers-common';
import { driftEvents } from './driftEvents';

const CONFIG = { behindThreshold: 'minor', failuresInARow: 3 } as const;

function record(fields: Partial<DriftRecord> = {}): DriftRecord {
  return {
    entityRef: 'component:default/nessie',
    slug: 'nessie',
    strategy: 'github-tag',
    source: 'github:projectnessie/nessie',
    current: '0.105.1',
    latest: '0.105.1',
    status: 'up-to-date',
    checkedAt: '2026-03-01T10:00:00.000Z',
    lastSuccessAt: '2026-03-01T10:00:00.000Z',
    consecutiveFailures: 0,
    ...fields,
  };
}

const behind = (
  latest: string,
  distance: { major?: number; minor?: number; patch?: number },
) =>
  record({
    status: 'behind',
    latest,
    behind: {
      major: distance.major ?? 0,
      minor: distance.minor ?? 0,
      patch: distance.patch ?? 0,
      releases: 1,
      days: 18,
    },
    latestReleasedAt: '2026-02-27T00:00:00Z',
  });

const eol = (fields: Partial<EolInfo>): EolInfo => ({
  product: 'nessie',
  cycle: '0.105',
  state: 'supported',
  ...fields,
});

describe('driftEvents', () => {
  it('tells once when a container newly falls behind by a minor', () => {
    const next = behind('0.106.0', { minor: 1 });
    expect(driftEvents(record(), next, CONFIG)).toEqual([
      {
        type: 'behind',
        scope:
          'containers:drift:behind:component:default/nessie:0.105.1:0.106.0',
        title: 'nessie is 1 minor behind: 0.105.1 → 0.106.0',
        description:
          'github:projectnessie/nessie has 0.106.0 (released 2026-02-27); nessie pins 0.105.1, 1 minor · 1 release · 18 days behind.',
        severity: 'normal',
      },
    ]);
    // The next runs see the same: nothing more, also when upstream releases another minor.
    expect(driftEvents(next, next, CONFIG)).toEqual([]);
    expect(driftEvents(next, behind('0.107.0', { minor: 2 }), CONFIG)).toEqual(
      [],
    );
  });

  it('tells again when a minor behind becomes a major behind', () => {
    const [event] = driftEvents(
      behind('0.106.0', { minor: 1 }),
      behind('1.0.0', { major: 1 }),
      CONFIG,
    );
    expect(event).toMatchObject({
      type: 'behind',
      title: 'nessie is 1 major behind: 0.105.1 → 1.0.0',
      severity: 'high',
    });
  });

  it('keeps to the threshold: patches never, minors only with minor', () => {
    expect(
      driftEvents(record(), behind('0.105.2', { patch: 1 }), CONFIG),
    ).toEqual([]);
    const majorOnly = { ...CONFIG, behindThreshold: 'major' } as const;
    expect(
      driftEvents(record(), behind('0.106.0', { minor: 1 }), majorOnly),
    ).toEqual([]);
    expect(
      driftEvents(
        behind('0.106.0', { minor: 1 }),
        behind('1.0.0', { major: 1 }),
        majorOnly,
      ).map(e => e.type),
    ).toEqual(['behind']);
  });

  it('takes a first check as the baseline: no news without a good result before', () => {
    const next = behind('0.106.0', { minor: 1 });
    expect(driftEvents(undefined, next, CONFIG)).toEqual([]);
    const pending = record({
      status: 'unknown',
      checkedAt: '',
      pending: true,
      lastSuccessAt: undefined,
      latest: undefined,
    });
    expect(driftEvents(pending, next, CONFIG)).toEqual([]);
    // A first check that failed knows nothing to compare with either.
    const failedFirst = record({
      status: 'error',
      lastSuccessAt: undefined,
      consecutiveFailures: 1,
    });
    expect(
      driftEvents(failedFirst, { ...next, consecutiveFailures: 0 }, CONFIG),
    ).toEqual([]);
  });

  it('does not take a failed check for a change of distance', () => {
    const before = behind('0.106.0', { minor: 1 });
    // mergeWithPrevious keeps the last good distance on a failed check.
    const failed = {
      ...before,
      status: 'error' as const,
      error: 'HTTP 503',
      consecutiveFailures: 1,
    };
    expect(driftEvents(before, failed, CONFIG)).toEqual([]);
    expect(driftEvents(failed, before, CONFIG)).toEqual([]);
    // Up to date again after a bump, then behind: a new event.
    const bumped = record({ current: '0.106.0', latest: '0.106.0' });
    const again = {
      ...behind('0.107.0', { minor: 1 }),
      current: '0.106.0',
    };
    expect(driftEvents(bumped, again, CONFIG)).toMatchObject([
      {
        scope:
          'containers:drift:behind:component:default/nessie:0.106.0:0.107.0',
      },
    ]);
  });

  it('tells when the end of life comes inside the warning window, once per cycle', () => {
    const supported = record({
      eol: eol({ eolDate: '2026-07-01', daysToEol: 122 }),
    });
    const warning = record({
      eol: eol({
        state: 'warning',
        eolDate: '2026-05-30',
        daysToEol: 89,
        latestCycle: '0.106',
      }),
    });
    expect(driftEvents(supported, warning, CONFIG)).toEqual([
      {
        type: 'eol',
        scope: 'containers:drift:eol:component:default/nessie:nessie:0.105',
        title:
          'nessie: nessie 0.105 reaches end of life in 89 days (2026-05-30)',
        description:
          'nessie runs 0.105.1, of the nessie 0.105 cycle; the newest supported cycle is 0.106.',
        severity: 'high',
      },
    ]);
    // Still in the window, and then past the end of life: told already.
    expect(driftEvents(warning, warning, CONFIG)).toEqual([]);
    const past = record({
      eol: eol({ state: 'eol', eolDate: '2026-05-30', daysToEol: -1 }),
    });
    expect(driftEvents(warning, past, CONFIG)).toEqual([]);
    // Straight from supported to past its end of life (a long pause between checks).
    expect(driftEvents(supported, past, CONFIG)).toMatchObject([
      {
        type: 'eol',
        title: 'nessie: nessie 0.105 has been end of life since 2026-05-30',
        severity: 'critical',
      },
    ]);
    // Another cycle that is already in its window (a bump to a cycle near its end): news.
    const otherCycle = record({
      eol: eol({ cycle: '0.106', state: 'warning', daysToEol: 10 }),
    });
    expect(driftEvents(past, otherCycle, CONFIG).map(e => e.scope)).toEqual([
      'containers:drift:eol:component:default/nessie:nessie:0.106',
    ]);
    // No end of life known before (the first check, or version.eol just added): a baseline.
    expect(driftEvents(record(), warning, CONFIG)).toEqual([]);
  });

  it('tells when checks failed N times in a row, once per streak', () => {
    const failing = (n: number, lastSuccessAt?: string) =>
      record({
        status: 'error',
        error: 'github:projectnessie/nessie: HTTP 503',
        consecutiveFailures: n,
        lastSuccessAt,
      });
    const good = '2026-03-01T10:00:00.000Z';
    expect(driftEvents(failing(1, good), failing(2, good), CONFIG)).toEqual([]);
    expect(driftEvents(failing(2, good), failing(3, good), CONFIG)).toEqual([
      {
        type: 'failing',
        scope: `containers:drift:failing:component:default/nessie:${good}`,
        title: 'Upstream checks of nessie failed 3 times in a row',
        description: `github:projectnessie/nessie: HTTP 503. Last good check: ${good}.`,
        severity: 'high',
      },
    ]);
    expect(driftEvents(failing(3, good), failing(4, good), CONFIG)).toEqual([]);
    // A container that never succeeded, with a failing companion: the companion's error.
    const companion = record({
      status: 'up-to-date',
      lastSuccessAt: undefined,
      consecutiveFailures: 1,
      companions: [
        {
          name: 'iceberg',
          strategy: 'maven',
          current: '1.9.0',
          status: 'error',
          error: 'HTTP 404',
        },
      ],
    });
    expect(
      driftEvents(undefined, companion, { ...CONFIG, failuresInARow: 1 }),
    ).toMatchObject([
      {
        scope: 'containers:drift:failing:component:default/nessie:never',
        description: 'iceberg: HTTP 404. No check has succeeded yet.',
      },
    ]);
  });
});
