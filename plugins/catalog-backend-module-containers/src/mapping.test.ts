import {
  containerProblemsOf,
  type ContainerSpec,
} from '@dockyard/plugin-containers-common';
import {
  containerToEntity,
  ownerOf,
  problemEntity,
  upstreamLabelOf,
} from './mapping';

const defaults = { system: 'data-platform', lifecycle: 'production' };

/** A container as the parser returns it (tokens unresolved), trimmed to what mapping reads. */
function container(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name: 'Apache Spark Runtime',
    slug: 'spark',
    summary: 'Spark runtime for the lakehouse.',
    maintainers: [{ name: 'Ana Okafor', email: 'ana.okafor@example.com' }],
    links: {
      homepage: 'https://spark.apache.org/',
      source: 'https://github.com/apache/spark',
      documentation: 'https://spark.apache.org/docs/4.0.1/',
    },
    version: {
      strategy: 'http-directory',
      current: '4.0.1',
      source: {
        url: 'https://archive.apache.org/dist/spark/',
        regex: 'spark-([0-9.]+)/',
      },
    },
    publish: {
      image: 'ghcr.io/example/data-platform/spark',
      labels: { 'org.opencontainers.image.version': '!version.current' },
    },
    ...overrides,
  } as ContainerSpec;
}

const source = {
  location:
    'url:https://github.com/example/platform/tree/main/containers/spark/container.yaml',
  folderUrl: 'https://github.com/example/platform/tree/main/containers/spark',
  hasReadme: true,
};

describe('containerToEntity', () => {
  it('maps a container to a Component of type container with the agreed fields', () => {
    const entity = containerToEntity(
      container({
        owner: 'group:default/data-platform-team',
        system: 'lakehouse',
        lifecycle: 'experimental',
        tags: ['spark', 'compute'],
      }),
      source,
      defaults,
    );
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'spark',
        title: 'Apache Spark Runtime',
        description: 'Spark runtime for the lakehouse.',
        tags: ['spark', 'compute'],
        links: [
          {
            url: 'https://spark.apache.org/',
            title: 'Homepage',
            type: 'homepage',
            icon: 'web',
          },
          {
            url: 'https://github.com/apache/spark',
            title: 'Source',
            type: 'source',
            icon: 'github',
          },
          {
            url: 'https://spark.apache.org/docs/4.0.1/',
            title: 'Documentation',
            type: 'documentation',
            icon: 'docs',
          },
          {
            url: 'https://github.com/example/platform/tree/main/containers/spark/README.md',
            title: 'README',
            type: 'readme',
            icon: 'docs',
          },
        ],
        annotations: {
          'backstage.io/managed-by-location': source.location,
          'backstage.io/managed-by-origin-location': source.location,
          'backstage.io/source-location': `url:${source.folderUrl}/`,
          'dockyard.io/container-yaml': source.location,
          'dockyard.io/slug': 'spark',
          'dockyard.io/image': 'ghcr.io/example/data-platform/spark',
          'dockyard.io/upstream-strategy': 'http-directory',
          'dockyard.io/upstream-source':
            'https://archive.apache.org/dist/spark/',
          'dockyard.io/current-version': '4.0.1',
        },
      },
      spec: expect.objectContaining({
        type: 'container',
        lifecycle: 'experimental',
        owner: 'group:default/data-platform-team',
        system: 'lakehouse',
      }),
    });
  });

  it('keeps the file as parsed, tokens unresolved, in spec.container', () => {
    const c = container();
    const entity = containerToEntity(c, source, defaults);
    expect(entity.spec?.container).toEqual(c);
    expect((entity.spec?.container as any).publish.labels).toEqual({
      'org.opencontainers.image.version': '!version.current',
    });
  });

  it('names the upstream from the resolved container, as the drift engine does', () => {
    const written = container({
      version: {
        strategy: 'pypi',
        current: '5.0.0',
        component: 'apache-superset',
        source: { package: '!version.component' },
      },
    });
    const resolved = container({
      version: {
        strategy: 'pypi',
        current: '5.0.0',
        component: 'apache-superset',
        source: { package: 'apache-superset' },
      },
    });
    const entity = containerToEntity(written, source, defaults, resolved);
    expect(entity.metadata.annotations?.['dockyard.io/upstream-source']).toBe(
      'pypi:apache-superset',
    );
    expect(entity.spec?.container).toBe(written);
  });

  it('falls back to the configured defaults, then to built-in ones', () => {
    const entity = containerToEntity(container(), source, {
      owner: 'group:default/platform',
      system: 'data-platform',
      lifecycle: 'production',
    });
    expect(entity.spec).toMatchObject({
      owner: 'group:default/platform',
      system: 'data-platform',
      lifecycle: 'production',
    });
  });

  it('leaves out the README link and source location when the folder cannot be browsed', () => {
    const entity = containerToEntity(
      container(),
      {
        location: 'file:/srv/containers/spark/container.yaml',
        hasReadme: true,
      },
      defaults,
    );
    expect(entity.metadata.links?.map(l => l.title)).toEqual([
      'Homepage',
      'Source',
      'Documentation',
    ]);
    expect(entity.metadata.annotations).not.toHaveProperty(
      'backstage.io/source-location',
    );
    expect(
      entity.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe('file:/srv/containers/spark/container.yaml');
  });

  it('has no README link when the folder has no README.md', () => {
    const entity = containerToEntity(
      container(),
      { ...source, hasReadme: false },
      defaults,
    );
    expect(entity.metadata.links?.some(l => l.title === 'README')).toBe(false);
  });

  it('links only http(s) URLs and skips links that still hold a token', () => {
    const entity = containerToEntity(
      container({
        links: { homepage: '!links.source', source: 'https://gitlab.com/x/y' },
      }),
      source,
      defaults,
    );
    expect(entity.metadata.links?.map(l => [l.title, l.icon])).toEqual([
      ['Source', 'web'],
      ['README', 'docs'],
    ]);
  });

  it('gives a container that provides a catalog its APIs, and a consumer its relations', () => {
    const provider = containerToEntity(
      container({
        slug: 'nessie',
        catalog: {
          role: 'provider',
          provides: { kind: 'nessie', protocols: ['iceberg-rest', 'nessie'] },
        },
      } as Partial<ContainerSpec>),
      source,
      defaults,
    );
    expect(provider.spec).toMatchObject({
      providesApis: [
        'api:default/iceberg-rest-catalog',
        'api:default/nessie-api',
      ],
    });
    expect(provider.spec).not.toHaveProperty('consumesApis');

    const consumer = containerToEntity(
      container({
        catalog: {
          role: 'consumer',
          uses: [
            {
              type: 'hive_metastore',
              uri: 'thrift://hive-metastore:9083',
              active: true,
            },
            {
              type: 'glue',
              uri: 'glue://eu-west-1/123456789012',
              active: false,
            },
            {
              type: 'rest',
              uri: 'http://polaris:8181/api/catalog',
              active: false,
            },
          ],
          decision: { cloud_service: 'aws-glue', status: 'accepted' },
        },
      } as Partial<ContainerSpec>),
      source,
      defaults,
    );
    expect(consumer.spec).toMatchObject({
      consumesApis: [
        'api:default/hive-metastore-thrift',
        'api:default/iceberg-rest-catalog',
      ],
      dependsOn: ['resource:default/aws-glue-data-catalog'],
    });
  });

  it('names the entity validly whatever the slug', () => {
    const entity = containerToEntity(
      container({ slug: 'spark--next' }),
      source,
      defaults,
    );
    expect(entity.metadata.name).toMatch(/^spark-next-[0-9a-f]{8}$/);
    expect(entity.metadata.annotations?.['dockyard.io/slug']).toBe(
      'spark--next',
    );
  });

  it('drops tags the catalog would reject', () => {
    const entity = containerToEntity(
      container({ tags: ['ok', 'Not-Ok', 'x'.repeat(64)] }),
      source,
      defaults,
    );
    expect(entity.metadata.tags).toEqual(['ok']);
  });
});

describe('ownerOf', () => {
  it('prefers the container, then the configured default, then the first maintainer', () => {
    expect(
      ownerOf(container({ owner: 'group:default/a' }), {
        owner: 'group:default/b',
      }),
    ).toBe('group:default/a');
    expect(ownerOf(container(), { owner: 'group:default/b' })).toBe(
      'group:default/b',
    );
    expect(ownerOf(container(), {})).toBe('user:default/ana.okafor');
  });
});

describe('upstreamLabelOf', () => {
  it.each([
    [
      {
        strategy: 'github-release',
        current: '1',
        source: { repo: 'trinodb/trino' },
      },
      'github:trinodb/trino',
    ],
    [
      {
        strategy: 'github-tag',
        current: '1',
        source: { repo: 'a/b', host: 'ghe.example.com' },
      },
      'github:ghe.example.com/a/b',
    ],
    [
      {
        strategy: 'docker-tags',
        current: '1',
        source: { image: 'docker.io/library/postgres' },
      },
      'docker.io/library/postgres',
    ],
    [
      { strategy: 'pypi', current: '1', component: 'apache-airflow' },
      'pypi:apache-airflow',
    ],
    [
      {
        strategy: 'pypi',
        current: '1',
        component: 'x',
        source: { package: 'apache-superset' },
      },
      'pypi:apache-superset',
    ],
    [
      {
        strategy: 'maven',
        current: '1',
        source: { package: 'org.apache.kafka:kafka-clients' },
      },
      'maven:org.apache.kafka:kafka-clients',
    ],
    [
      { strategy: 'npm', current: '1', source: { package: 'typescript' } },
      'npm:typescript',
    ],
    [
      {
        strategy: 'helm',
        current: '1',
        source: { url: 'https://charts.example.com', chart: 'pg' },
      },
      'helm:pg',
    ],
    [
      {
        strategy: 'endoflife',
        current: '1',
        source: { product: 'postgresql' },
      },
      'endoflife:postgresql',
    ],
    [{ strategy: 'manual', current: '1' }, undefined],
    // A source the drift engine refuses too: it reports why, the catalog shows nothing.
    [
      { strategy: 'github-tag', current: '1', source: { repo: 'not-a-repo' } },
      undefined,
    ],
  ])('%j → %s', (version, expected) => {
    expect(
      upstreamLabelOf(container({ version } as Partial<ContainerSpec>)),
    ).toBe(expected);
  });
});

describe('problemEntity', () => {
  it('carries the problems under the ref the container would have', () => {
    const problems = [
      {
        file: 'containers/spark/container.yaml',
        line: 3,
        column: 7,
        path: 'version.current',
        message: 'required',
        severity: 'error' as const,
        rule: 'schema' as const,
      },
    ];
    const entity = problemEntity('spark', source, defaults, problems);
    expect(entity.kind).toBe('Component');
    expect(entity.metadata.name).toBe('spark');
    expect(
      entity.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe(source.location);
    expect(containerProblemsOf(entity)).toEqual(problems);
    expect(
      containerProblemsOf(containerToEntity(container(), source, defaults)),
    ).toBeUndefined();
  });
});
