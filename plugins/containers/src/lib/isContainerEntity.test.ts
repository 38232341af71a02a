import type { Entity } from '@backstage/catalog-model';
import { filterPredicateToFilterFunction } from '@backstage/filter-predicates';
import { isContainerEntity } from '@dockyard/plugin-containers-common';
import { containerEntityPredicate } from './isContainerEntity';

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

/** Carries the annotation, but is not a container Component. */
const annotatedService: Entity = {
  ...service,
  metadata: { ...container.metadata, name: 'annotated' },
};

describe('containerEntityPredicate', () => {
  it('agrees with isContainerEntity, the test legacy apps use', () => {
    const matches = filterPredicateToFilterFunction(containerEntityPredicate);
    for (const entity of [container, service, annotatedService]) {
      expect(matches(entity)).toBe(isContainerEntity(entity));
    }
    expect(matches(container)).toBe(true);
    expect(matches(annotatedService)).toBe(false);
  });
});
