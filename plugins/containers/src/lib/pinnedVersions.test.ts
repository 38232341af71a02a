import type {
  BaseImageDrift,
  CompanionDrift,
  DriftResult,
} from '@dockyard/plugin-containers-common';
import {
  describeParts,
  hasPinnedExtras,
  joinWords,
  overallStatusReason,
  pinnedBaseRef,
  pinnedParts,
  statusDrivers,
} from './pinnedVersions';

const DIGEST = `sha256:${'0123456789ab'.repeat(5)}0123`;

function companion(
  name: string,
  status: CompanionDrift['status'],
  extra: Partial<CompanionDrift> = {},
): CompanionDrift {
  return { name, strategy: 'maven', current: '1.0.0', status, ...extra };
}

function baseImage(
  status: BaseImageDrift['status'],
  extra: Partial<BaseImageDrift> = {},
): BaseImageDrift {
  return {
    image: 'python',
    tag: '3.12.7-slim-bookworm',
    digest: DIGEST,
    status,
    ...extra,
  };
}

function result(extra: Partial<DriftResult> = {}): DriftResult {
  return {
    slug: 'spark',
    strategy: 'github-release',
    current: '3.5.3',
    status: 'up-to-date',
    checkedAt: '2025-11-03T12:00:00Z',
    ...extra,
  };
}

describe('pinnedParts and hasPinnedExtras', () => {
  it('lists the main version, each companion in order, then the base image', () => {
    const parts = pinnedParts(
      result({
        companions: [
          companion('iceberg', 'behind'),
          companion('hadoop-aws', 'error', { error: 'HTTP 503' }),
        ],
        baseImage: baseImage('rebuilt'),
      }),
    );
    expect(parts.map(part => [part.kind, part.name, part.status])).toEqual([
      ['main', '', 'up-to-date'],
      ['companion', 'iceberg', 'behind'],
      ['companion', 'hadoop-aws', 'error'],
      ['base-image', '', 'rebuilt'],
    ]);
    expect(parts[2].error).toBe('HTTP 503');
  });

  it('has extras only with companions or a base image', () => {
    expect(hasPinnedExtras(result())).toBe(false);
    expect(hasPinnedExtras(result({ companions: [] }))).toBe(false);
    expect(
      hasPinnedExtras(result({ companions: [companion('a', 'behind')] })),
    ).toBe(true);
    expect(
      hasPinnedExtras(result({ baseImage: baseImage('up-to-date') })),
    ).toBe(true);
  });
});

describe('statusDrivers and describeParts', () => {
  it('names the parts with the worst status', () => {
    const drivers = statusDrivers(
      result({
        status: 'behind',
        companions: [
          companion('iceberg', 'behind'),
          companion('aws-sdk', 'up-to-date'),
          companion('hadoop-aws', 'behind'),
        ],
        baseImage: baseImage('rebuilt'),
      }),
    );
    expect(drivers.map(part => part.name)).toEqual([
      '',
      'iceberg',
      'hadoop-aws',
    ]);
    expect(describeParts(drivers)).toBe(
      'main version and companions iceberg and hadoop-aws',
    );
  });

  it('has no drivers when everything is up to date', () => {
    expect(
      statusDrivers(result({ baseImage: baseImage('up-to-date') })),
    ).toEqual([]);
  });

  it('joins words the way people write lists', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('overallStatusReason', () => {
  it('says nothing when the main version alone makes the status', () => {
    expect(overallStatusReason(result())).toBeUndefined();
    expect(
      overallStatusReason(
        result({
          status: 'behind',
          companions: [companion('iceberg', 'up-to-date')],
          baseImage: baseImage('rebuilt'),
        }),
      ),
    ).toBeUndefined();
  });

  it('names a companion that is behind while the main version is up to date', () => {
    expect(
      overallStatusReason(
        result({ companions: [companion('iceberg-spark-runtime', 'behind')] }),
      ),
    ).toBe('Companion iceberg-spark-runtime is behind.');
  });

  it('names a failing companion even when everything else is fine', () => {
    expect(
      overallStatusReason(
        result({
          companions: [
            companion('iceberg', 'up-to-date'),
            companion('hadoop-aws', 'error'),
          ],
          baseImage: baseImage('behind'),
        }),
      ),
    ).toBe('Companion hadoop-aws could not be checked.');
  });

  it('says the base image was rebuilt upstream, or has a newer tag', () => {
    expect(
      overallStatusReason(result({ baseImage: baseImage('rebuilt') })),
    ).toBe('The base image was rebuilt upstream.');
    expect(
      overallStatusReason(
        result({
          status: 'behind',
          companions: [companion('a', 'behind'), companion('b', 'behind')],
          baseImage: baseImage('behind'),
        }),
      ),
    ).toBe(
      'The main version is behind, companions a and b are behind and the base image has a newer tag in its lane.',
    );
    expect(
      overallStatusReason(
        result({ status: 'unknown', baseImage: baseImage('unknown') }),
      ),
    ).toBe(
      "The main version is unknown and the base image's freshness is unknown.",
    );
  });
});

describe('pinnedBaseRef', () => {
  it('writes the tag and the short digest, or whichever is pinned', () => {
    expect(pinnedBaseRef(baseImage('up-to-date'))).toBe(
      '3.12.7-slim-bookworm@sha256:0123456789ab',
    );
    expect(pinnedBaseRef({ tag: '3.12' })).toBe('3.12');
    expect(pinnedBaseRef({ digest: DIGEST })).toBe('sha256:0123456789ab');
  });
});
