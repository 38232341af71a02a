import type { Entity } from '@backstage/catalog-model';
import type {
  BaseImageDrift,
  DriftRecord,
  DriftStatus,
} from '@dockyard/plugin-containers-common';
import {
  buildOverviewRows,
  distinctValues,
  EMPTY_FILTER,
  filterRows,
  OverviewRow,
  sortRows,
  summarizeRows,
} from './overviewRows';

function entity(name: string, owner?: string, system?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'dockyard.io/container-yaml': `url:https://example.com/containers/${name}/container.yaml`,
        'dockyard.io/slug': name,
        'dockyard.io/current-version': '1.0.0',
        'dockyard.io/upstream-strategy': 'github-release',
      },
    },
    spec: { type: 'container', owner, system },
  };
}

function record(
  name: string,
  status: DriftStatus,
  extra: Partial<DriftRecord> = {},
): DriftRecord {
  return {
    entityRef: `component:default/${name}`,
    slug: name,
    strategy: 'github-release',
    current: '1.0.0',
    status,
    checkedAt: '2025-11-03T12:00:00Z',
    ...extra,
  };
}

describe('buildOverviewRows', () => {
  it('joins records to entities by ref, whatever the case, and normalises owner and system', () => {
    const rows = buildOverviewRows(
      [
        record('Trino', 'behind', {
          entityRef: 'Component:default/Trino',
          latest: '2.0.0',
        }),
      ],
      [entity('trino', 'data-platform-team', 'data-platform')],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      entityRef: 'component:default/trino',
      status: 'behind',
      latest: '2.0.0',
      owner: 'group:default/data-platform-team',
      system: 'system:default/data-platform',
      checked: true,
    });
  });

  it('lists containers never checked, and records whose entity is gone', () => {
    const rows = buildOverviewRows(
      [record('gone', 'up-to-date')],
      [entity('fresh', 'group:default/team-a')],
    );
    const fresh = rows.find(row => row.title === 'fresh')!;
    expect(fresh).toMatchObject({
      status: 'unknown',
      checked: false,
      current: '1.0.0',
      error: 'Not checked yet',
    });
    const gone = rows.find(row => row.title === 'gone')!;
    expect(gone.status).toBe('up-to-date');
    expect(gone.owner).toBeUndefined();
  });
});

describe('filterRows', () => {
  const rows = buildOverviewRows(
    [
      record('trino', 'behind', { latest: '480' }),
      record('spark', 'up-to-date'),
      record('hive-metastore', 'error', { error: 'HTTP 503' }),
    ],
    [
      entity('trino', 'group:default/query', 'system:default/lakehouse'),
      entity('spark', 'group:default/compute', 'system:default/lakehouse'),
      entity(
        'hive-metastore',
        'group:default/query',
        'system:default/metadata',
      ),
    ],
  );
  const titles = (list: OverviewRow[]) => list.map(row => row.title).sort();

  it('returns everything for the empty filter', () => {
    expect(filterRows(rows, EMPTY_FILTER)).toHaveLength(3);
  });

  it('combines status, owner and system filters', () => {
    expect(
      titles(
        filterRows(rows, { ...EMPTY_FILTER, statuses: ['behind', 'error'] }),
      ),
    ).toEqual(['hive-metastore', 'trino']);
    expect(
      titles(
        filterRows(rows, {
          ...EMPTY_FILTER,
          owners: ['group:default/query'],
          systems: ['system:default/lakehouse'],
        }),
      ),
    ).toEqual(['trino']);
  });

  it('matches every search word against name, versions, owner and system', () => {
    expect(
      titles(filterRows(rows, { ...EMPTY_FILTER, search: 'HIVE' })),
    ).toEqual(['hive-metastore']);
    expect(
      titles(filterRows(rows, { ...EMPTY_FILTER, search: '480 query' })),
    ).toEqual(['trino']);
    expect(
      filterRows(rows, { ...EMPTY_FILTER, search: 'nothing-like-this' }),
    ).toEqual([]);
  });
});

describe('search over summary, tags and upstream', () => {
  const rows = buildOverviewRows(
    [
      record('trino', 'behind', { source: 'github:trinodb/trino' }),
      record('spark', 'up-to-date', {
        companions: [
          {
            name: 'hadoop-aws',
            strategy: 'maven',
            source: 'maven:org.apache.hadoop:hadoop-aws',
            current: '3.3.4',
            status: 'up-to-date',
          },
        ],
      }),
    ],
    [
      {
        ...entity('trino'),
        metadata: {
          ...entity('trino').metadata,
          description: 'Distributed SQL over the lakehouse',
          tags: ['query-engine', 'jdbc'],
        },
      },
      entity('spark'),
      {
        ...entity('airflow'),
        metadata: {
          ...entity('airflow').metadata,
          annotations: {
            ...entity('airflow').metadata.annotations,
            'dockyard.io/upstream-source': 'pypi:apache-airflow',
          },
        },
      },
    ],
  );
  const found = (search: string) =>
    filterRows(rows, { ...EMPTY_FILTER, search }).map(row => row.title);

  it('finds a container by words of its summary and by its tags', () => {
    expect(found('lakehouse sql')).toEqual(['trino']);
    expect(found('JDBC')).toEqual(['trino']);
    expect(rows[0]).toMatchObject({
      summary: 'Distributed SQL over the lakehouse',
      tags: ['query-engine', 'jdbc'],
    });
  });

  it("finds it by its upstream: the last check's, else the catalog's, and a companion's", () => {
    expect(found('trinodb/trino')).toEqual(['trino']);
    expect(found('pypi:apache-airflow')).toEqual(['airflow']);
    expect(found('org.apache.hadoop')).toEqual(['spark']);
    expect(rows.find(row => row.title === 'airflow')!.source).toBe(
      'pypi:apache-airflow',
    );
  });
});

describe('sortRows', () => {
  const rows = buildOverviewRows(
    [
      record('a-major', 'behind', {
        behind: { major: 1, minor: 0, patch: 0, releases: 2 },
      }),
      record('b-minor', 'behind', {
        behind: { major: 0, minor: 3, patch: 0, releases: 9 },
      }),
      record('c-ok', 'up-to-date', { checkedAt: '2025-11-03T13:00:00Z' }),
      record('d-failed', 'error', { checkedAt: '2025-11-03T11:00:00Z' }),
    ],
    [
      entity('a-major'),
      entity('b-minor'),
      entity('c-ok'),
      entity('d-failed'),
      entity('e-new'),
    ],
  );
  const order = (list: OverviewRow[]) => list.map(row => row.title);

  it('sorts by status worst first, the furthest behind first within "behind"', () => {
    expect(
      order(sortRows(rows, { column: 'status', direction: 'asc' })),
    ).toEqual(['d-failed', 'a-major', 'b-minor', 'e-new', 'c-ok']);
  });

  it('sorts by distance in both directions', () => {
    const desc = order(sortRows(rows, { column: 'behind', direction: 'desc' }));
    expect(desc.slice(0, 2)).toEqual(['a-major', 'b-minor']);
    const asc = order(sortRows(rows, { column: 'behind', direction: 'asc' }));
    expect(asc.slice(-2)).toEqual(['b-minor', 'a-major']);
  });

  it('keeps rows never checked last whichever the direction', () => {
    expect(
      order(sortRows(rows, { column: 'checkedAt', direction: 'asc' })),
    ).toEqual(['d-failed', 'a-major', 'b-minor', 'c-ok', 'e-new']);
    expect(
      order(sortRows(rows, { column: 'checkedAt', direction: 'desc' })).at(-1),
    ).toBe('e-new');
  });

  it('does not change the input', () => {
    const before = order(rows);
    sortRows(rows, { column: 'title', direction: 'desc' });
    expect(order(rows)).toEqual(before);
  });

  it('sorts versions numerically', () => {
    const versions = buildOverviewRows(
      [
        record('x', 'up-to-date', { current: '10.1' }),
        record('y', 'up-to-date', { current: '9.4' }),
      ],
      [],
    );
    expect(
      order(sortRows(versions, { column: 'current', direction: 'asc' })),
    ).toEqual(['y', 'x']);
  });
});

describe('summarizeRows and distinctValues', () => {
  it('counts each status and lists owners once, sorted', () => {
    const rows = buildOverviewRows(
      [record('a', 'behind'), record('b', 'behind'), record('c', 'error')],
      [
        entity('a', 'group:default/zeta'),
        entity('b', 'group:default/alpha'),
        entity('c', 'group:default/zeta'),
        entity('d'),
      ],
    );
    expect(summarizeRows(rows)).toEqual({
      'up-to-date': 0,
      behind: 2,
      rebuilt: 0,
      error: 1,
      unknown: 1,
      needsRebuild: 0,
      pastEol: 0,
      eolSoon: 0,
      total: 4,
    });
    expect(distinctValues(rows, 'owner')).toEqual([
      'group:default/alpha',
      'group:default/zeta',
    ]);
  });
});

const PINNED = `sha256:${'a'.repeat(64)}`;
const MOVED = `sha256:${'b'.repeat(64)}`;

function base(
  status: BaseImageDrift['status'],
  extra: Partial<BaseImageDrift> = {},
): BaseImageDrift {
  return {
    image: 'python',
    tag: '3.12.7-slim-bookworm',
    digest: PINNED,
    latestDigest: PINNED,
    status,
    ...extra,
  };
}

describe('pinned versions in the overview', () => {
  const rows = buildOverviewRows(
    [
      // Main up to date, a companion failing: the row fails, and says which part.
      record('spark', 'up-to-date', {
        companions: [
          {
            name: 'hadoop-aws',
            strategy: 'maven',
            current: '3.3.4',
            status: 'error',
            error: 'maven:org.apache.hadoop:hadoop-aws: HTTP 503',
          },
        ],
        baseImage: base('up-to-date'),
      }),
      // Only the base digest moved.
      record('airflow', 'up-to-date', {
        baseImage: base('rebuilt', { latestDigest: MOVED }),
      }),
      // Behind itself, and its base digest moved too: still needs a rebuild.
      record('trino', 'behind', {
        baseImage: base('behind', {
          tag: '24-jre',
          latestTag: '25-jre',
          latestDigest: MOVED,
        }),
      }),
      // A newer tag in the lane without a moved digest is no rebuild.
      record('superset', 'up-to-date', {
        baseImage: base('behind', { latestTag: '3.12.8-slim-bookworm' }),
      }),
      record('hive', 'up-to-date'),
    ],
    [],
  );
  const row = (title: string) => rows.find(r => r.title === title)!;
  const titles = (list: OverviewRow[]) => list.map(r => r.title);

  it('uses the overall status and names the parts that make it', () => {
    expect(row('spark')).toMatchObject({
      status: 'error',
      statusFrom: 'companion hadoop-aws',
      error: 'maven:org.apache.hadoop:hadoop-aws: HTTP 503',
    });
    expect(row('airflow')).toMatchObject({
      status: 'rebuilt',
      statusFrom: 'base image',
    });
    expect(row('trino')).toMatchObject({
      status: 'behind',
      statusFrom: 'main version and base image',
    });
    expect(row('hive').statusFrom).toBeUndefined();
    expect(row('hive').baseImage).toBeUndefined();
  });

  it('needs a rebuild when the pinned tag points at another digest, whatever else', () => {
    expect(rows.filter(r => r.needsRebuild).map(r => r.title)).toEqual([
      'airflow',
      'trino',
    ]);
    expect(
      titles(filterRows(rows, { ...EMPTY_FILTER, needsRebuild: true })),
    ).toEqual(['airflow', 'trino']);
    expect(
      titles(
        filterRows(rows, {
          ...EMPTY_FILTER,
          needsRebuild: true,
          statuses: ['behind'],
        }),
      ),
    ).toEqual(['trino']);
  });

  it('counts rebuilt rows and rows needing a rebuild', () => {
    // superset's newer base tag makes it behind overall.
    expect(summarizeRows(rows)).toMatchObject({
      'up-to-date': 1,
      behind: 2,
      rebuilt: 1,
      error: 1,
      needsRebuild: 2,
      total: 5,
    });
  });

  it('sorts by base image status worst first, rows without one last', () => {
    expect(
      titles(sortRows(rows, { column: 'baseImage', direction: 'asc' })),
    ).toEqual(['superset', 'trino', 'airflow', 'spark', 'hive']);
    expect(
      titles(sortRows(rows, { column: 'baseImage', direction: 'desc' })).at(-1),
    ).toBe('hive');
  });

  it('finds a container by its companions and its base image', () => {
    expect(
      titles(filterRows(rows, { ...EMPTY_FILTER, search: 'hadoop' })),
    ).toEqual(['spark']);
    expect(
      titles(filterRows(rows, { ...EMPTY_FILTER, search: 'python:24-jre' })),
    ).toEqual(['trino']);
  });

  it('counts a status it does not know as unknown', () => {
    const odd = buildOverviewRows([record('x', 'stale' as DriftStatus)], []);
    expect(summarizeRows(odd).unknown).toBe(1);
  });
});
