import { Entity } from '@backstage/catalog-model';
import { entityOwnerRefs, entityPagePath } from './entityOwners';

const component = (
  fields: Partial<Entity> & { owner?: string | number },
): Entity => {
  const { owner, ...rest } = fields;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'trino', namespace: 'lakehouse' },
    spec: { type: 'container', owner },
    ...rest,
  };
};

describe('entityOwnerRefs', () => {
  it('takes the ownedBy relations the catalog resolved', () => {
    expect(
      entityOwnerRefs(
        component({
          owner: 'ignored',
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/data-platform-team' },
            { type: 'partOf', targetRef: 'system:default/data-platform' },
          ],
        }),
      ),
    ).toEqual(['group:default/data-platform-team']);
  });

  it('reads spec.owner as the catalog does when there are no relations', () => {
    expect(entityOwnerRefs(component({ owner: 'data-platform' }))).toEqual([
      'group:lakehouse/data-platform',
    ]);
    expect(entityOwnerRefs(component({ owner: 'user:default/jane' }))).toEqual([
      'user:default/jane',
    ]);
    expect(entityOwnerRefs(component({ owner: undefined }))).toEqual([]);
    expect(entityOwnerRefs(component({ owner: 42 }))).toEqual([]);
    expect(entityOwnerRefs(component({ owner: ' ' }))).toEqual([]);
  });
});

describe('entityPagePath', () => {
  it('is the entity page, where the drift card is', () => {
    expect(entityPagePath('component:default/trino')).toBe(
      '/catalog/default/component/trino',
    );
    expect(entityPagePath('Component:Lakehouse/Trino')).toBe(
      '/catalog/lakehouse/component/Trino',
    );
  });
});
