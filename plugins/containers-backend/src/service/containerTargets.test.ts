import { entityDriftTarget } from './containerTargets';

describe('entityDriftTarget', () => {
  it('reads the slug annotation and spec.container.version', () => {
    const version = {
      strategy: 'github-release',
      current: '476',
      source: { repo: 'trinodb/trino' },
    };
    expect(
      entityDriftTarget({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'trino-image',
          annotations: { 'dockyard.io/slug': 'trino' },
        },
        spec: { type: 'container', container: { slug: 'trino', version } },
      }),
    ).toEqual({
      entityRef: 'component:default/trino-image',
      slug: 'trino',
      version,
    });
  });

  it('falls back to the entity name and leaves a missing version for the engine to report', () => {
    expect(
      entityDriftTarget({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'odd', namespace: 'platform' },
        spec: { type: 'container' },
      }),
    ).toEqual({
      entityRef: 'component:platform/odd',
      slug: 'odd',
      version: undefined,
    });
  });

  it('resolves tokens in the version block', () => {
    const target = entityDriftTarget({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'superset' },
      spec: {
        type: 'container',
        container: {
          name: 'Superset',
          slug: 'superset',
          summary: 'Apache Superset.',
          maintainers: [{ name: 'A', email: 'a@example.com' }],
          version: {
            strategy: 'pypi',
            current: '5.0.0',
            component: 'apache-superset',
            source: { package: '!version.component' },
          },
        },
      },
    });
    expect(target.version?.source).toEqual({ package: 'apache-superset' });
  });
});
