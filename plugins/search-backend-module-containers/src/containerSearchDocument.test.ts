import { containerEntity, PLATFORM_ENTITIES } from './__testUtils__/fixtures';
import { containerSearchDocument } from './containerSearchDocument';

describe('containerSearchDocument', () => {
  it('carries the container fields, the drift status and the entity to authorize', () => {
    expect(
      containerSearchDocument(PLATFORM_ENTITIES[0], {
        status: 'behind',
        latest: '478',
      }),
    ).toEqual({
      title: 'Trino',
      text: 'Trino SQL engine with the Iceberg connector, reading the lakehouse through the Iceberg REST catalog. · Upstream github:trinodb/trino · Version 476 · latest 478 · Image ghcr.io/example/data-platform/trino · Iceberg metastore consumer',
      location: '/catalog/default/component/trino',
      entityRef: 'component:default/trino',
      kind: 'Component',
      namespace: 'default',
      name: 'trino',
      slug: 'trino',
      summary:
        'Trino SQL engine with the Iceberg connector, reading the lakehouse through the Iceberg REST catalog.',
      upstream: 'github:trinodb/trino',
      upstreamStrategy: 'github-release',
      currentVersion: '476',
      image: 'ghcr.io/example/data-platform/trino',
      metastoreRole: 'consumer',
      owner: 'group:default/data-platform-team',
      lifecycle: 'production',
      system: 'data-platform',
      driftStatus: 'behind',
      latestVersion: '478',
      authorization: { resourceRef: 'component:default/trino' },
    });
  });

  it('takes the overall status: the worst of the main version, companions and base image', () => {
    const document = containerSearchDocument(PLATFORM_ENTITIES[1], {
      status: 'up-to-date',
      baseImage: { image: 'eclipse-temurin', status: 'rebuilt' },
    });
    expect(document.driftStatus).toBe('rebuilt');
    expect(
      containerSearchDocument(PLATFORM_ENTITIES[1], {
        status: 'up-to-date',
        overallStatus: 'error',
      }).driftStatus,
    ).toBe('error');
  });

  it('has every field, empty, for a container without them and without a drift record', () => {
    const document = containerSearchDocument(
      containerEntity('Toolbox', { strategy: 'manual', namespace: 'Tools' }),
    );
    expect(document).toMatchObject({
      title: 'Toolbox',
      text: 'Version 1.0.0',
      location: '/catalog/tools/component/toolbox',
      entityRef: 'component:tools/toolbox',
      summary: '',
      upstream: '',
      upstreamStrategy: 'manual',
      image: '',
      metastoreRole: '',
      driftStatus: '',
      latestVersion: '',
    });
    // Lunr indexes the fields of the first document it sees: every document has all of them.
    expect(Object.keys(document).sort()).toEqual(
      Object.keys(
        containerSearchDocument(PLATFORM_ENTITIES[0], { status: 'behind' }),
      ).sort(),
    );
  });

  it('shows no status while the first check is on its way', () => {
    expect(
      containerSearchDocument(PLATFORM_ENTITIES[2], {
        status: 'unknown',
        pending: true,
      }).driftStatus,
    ).toBe('');
  });

  it('ignores container fields of the wrong type (container.yaml is anyone’s input)', () => {
    const entity = containerEntity('odd');
    entity.spec!.container = { catalog: { role: { $gt: '' } } };
    entity.spec!.owner = 42;
    const document = containerSearchDocument(entity);
    expect(document.metastoreRole).toBe('');
    expect(document.owner).toBe('');
  });
});
