import type { DriftRecord } from '@dockyard/plugin-containers-common';
import { withoutReleaseBodies } from './listedRecord';

const record: DriftRecord = {
  entityRef: 'component:default/spark',
  slug: 'spark',
  strategy: 'github-release',
  current: '4.0.0',
  latest: '4.0.1',
  status: 'behind',
  checkedAt: '2025-11-03T12:00:00.000Z',
  releases: [
    {
      version: '4.0.1',
      name: 'Spark 4.0.1',
      publishedAt: '2025-10-01T00:00:00.000Z',
      url: 'https://github.com/apache/spark/releases/tag/v4.0.1',
      body: `## Changes\n${'* a fix\n'.repeat(3000)}`,
      bodyTruncated: true,
      highlights: ['security'],
    },
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
        version: '4.0.1',
        name: 'Spark 4.0.1',
        publishedAt: '2025-10-01T00:00:00.000Z',
        url: 'https://github.com/apache/spark/releases/tag/v4.0.1',
        highlights: ['security'],
      },
    ]);
    expect(listed.companions![0].releases).toEqual([
      { version: '1.10.0', highlights: ['breaking'] },
    ]);
    expect(listed.companions![1]).toBe(record.companions![1]);
    expect(JSON.stringify(listed).length).toBeLessThan(1000);
  });

  it('changes nothing else, and leaves the stored record as it was', () => {
    const before = JSON.stringify(record);
    const listed = withoutReleaseBodies(record);
    expect({ ...listed, releases: undefined, companions: undefined }).toEqual({
      ...record,
      releases: undefined,
      companions: undefined,
    });
    expect(JSON.stringify(record)).toBe(before);
    const plain = { ...record, releases: undefined, companions: undefined };
    expect(withoutReleaseBodies(plain)).toBe(plain);
  });
});
