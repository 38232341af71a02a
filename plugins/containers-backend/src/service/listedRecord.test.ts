import type { DriftRecord } from '@dockyard/plugin-containers-common';
import {
  releaseBodiesOf,
  withoutReleaseBodies,
  withReleaseBodies,
} from './listedRecord';

const record: DriftRecord = {
  entityRef: 'component:default/spark',
  slug: 'spark',
  strategy: 'github-release',
  current: '4.0.0',
  latest: '4.0.2',
  status: 'behind',
  checkedAt: '2025-11-03T12:00:00.000Z',
  releases: [
    {
      version: '4.0.2',
      name: 'Spark 4.0.2',
      publishedAt: '2025-10-01T00:00:00.000Z',
      url: 'https://github.com/apache/spark/releases/tag/v4.0.2',
      body: `## Changes\n${'* a fix\n'.repeat(3000)}`,
      bodyTruncated: true,
      highlights: ['security'],
    },
    // A release without notes stays as it is.
    { version: '4.0.1', name: 'Spark 4.0.1' },
  ],
  companions: [
    {
      name: 'iceberg-spark-runtime',
      strategy: 'maven',
      current: '1.9.0',
      status: 'behind',
      releases: [
        { version: '1.10.0', body: 'Breaking: …', highlights: ['breaking'] },
      ],
    },
    {
      name: 'hadoop-aws',
      strategy: 'maven',
      current: '3.4.1',
      status: 'up-to-date',
    },
  ],
};

describe('withoutReleaseBodies', () => {
  it('keeps every release with its name, date, link and highlights, without the notes', () => {
    const listed = withoutReleaseBodies(record);
    expect(listed.releases).toEqual([
      {
        version: '4.0.2',
        name: 'Spark 4.0.2',
        publishedAt: '2025-10-01T00:00:00.000Z',
        url: 'https://github.com/apache/spark/releases/tag/v4.0.2',
        highlights: ['security'],
      },
      { version: '4.0.1', name: 'Spark 4.0.1' },
    ]);
    expect(listed.companions![0].releases).toEqual([
      { version: '1.10.0', highlights: ['breaking'] },
    ]);
    expect(listed.companions![1]).toBe(record.companions![1]);
    expect(JSON.stringify(listed).length).toBeLessThan(1000);
  });

  it('changes nothing else, and leaves the record it is given as it was', () => {
    const before = JSON.stringify(record);
    const listed = withoutReleaseBodies(record);
    expect({ ...listed, releases: undefined, companions: undefined }).toEqual({
      ...record,
      releases: undefined,
      companions: undefined,
    });
    expect(JSON.stringify(record)).toBe(before);
    // Nothing to take out: the same object.
    expect(withoutReleaseBodies(listed)).toBe(listed);
    const plain = { ...record, releases: undefined, companions: undefined };
    expect(withoutReleaseBodies(plain)).toBe(plain);
  });
});

describe('releaseBodiesOf and withReleaseBodies', () => {
  it('take the bodies out by pinned version and version, and put them back exactly', () => {
    const bodies = releaseBodiesOf(record);
    expect(Object.keys(bodies!.main!)).toEqual(['4.0.2']);
    expect(bodies!.main!['4.0.2'].bodyTruncated).toBe(true);
    expect(bodies!.companions).toEqual({
      'iceberg-spark-runtime': { '1.10.0': { body: 'Breaking: …' } },
    });
    const whole = withReleaseBodies(withoutReleaseBodies(record), bodies);
    expect(whole).toEqual(record);
    // Through JSON, as the store keeps them.
    expect(
      withReleaseBodies(
        JSON.parse(JSON.stringify(withoutReleaseBodies(record))),
        JSON.parse(JSON.stringify(bodies)),
      ),
    ).toEqual(record);
  });

  it('has nothing to keep for a record without notes, and reads old rows as they are', () => {
    expect(
      releaseBodiesOf({ ...withoutReleaseBodies(record) }),
    ).toBeUndefined();
    expect(withReleaseBodies(record, undefined)).toBe(record);
  });
});
