import { Entity } from '@backstage/catalog-model';
import { pendingDriftRecord } from './pendingRecord';

const entity = (container?: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'trino',
    annotations: { 'dockyard.io/slug': 'trino-slug' },
  },
  spec: { type: 'container', container },
});

describe('pendingDriftRecord', () => {
  it('says what container.yaml says and that the first check is on its way', () => {
    expect(
      pendingDriftRecord(
        entity({
          version: {
            strategy: 'github-release',
            current: 476,
            source: { repo: 'trinodb/trino' },
          },
        }),
      ),
    ).toEqual({
      entityRef: 'component:default/trino',
      slug: 'trino-slug',
      strategy: 'github-release',
      current: '476',
      status: 'unknown',
      checkedAt: '',
      pending: true,
    });
  });

  it('answers for a container without a version block', () => {
    expect(pendingDriftRecord(entity())).toMatchObject({
      strategy: '',
      current: '',
      pending: true,
    });
  });
});
