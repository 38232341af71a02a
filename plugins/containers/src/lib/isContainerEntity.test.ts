import type { Entity } from '@backstage/catalog-model';
import { filterPredicateToFilterFunction } from '@backstage/filter-predicates';
import {
  containerEntityPredicate,
  isContainerEntity,
} from './isContainerEntity';

const container: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'trino',
    annotations: {
      'dockyard.io/container-yaml':
        'url:https://example.com/containers/trino/container.yaml',
    },
  },
  spec: { type: 'container' },
};
const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'portal',
    annotations: { 'dockyard.io/slug': 'not-a-container' },
  },
  spec: { type: 'service' },
};

describe('isContainerEntity', () => {
  it('is true only with the container.yaml annotation', () => {
    expect(isContainerEntity(container)).toBe(true);
    expect(isContainerEntity(service)).toBe(false);
  });

  it('agrees with the entity predicate the new frontend system evaluates', () => {
    const matches = filterPredicateToFilterFunction(containerEntityPredicate);
    expect(matches(container)).toBe(true);
    expect(matches(service)).toBe(false);
  });
});
