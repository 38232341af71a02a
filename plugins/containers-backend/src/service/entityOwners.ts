import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * Who owns a catalog entity, as entity refs: the catalog's `ownedBy` relations (the owner as the
 * catalog resolved it), else `spec.owner` read the way the catalog reads it (a bare name is a
 * group in the entity's namespace). Empty when there is none or it is no entity ref.
 */
export function entityOwnerRefs(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_OWNED_BY)
    .map(relation => relation.targetRef);
  if (related.length > 0) return [...new Set(related)];
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    ];
  } catch {
    return [];
  }
}

/** The path of an entity's page in the portal, where the drift card is: `/catalog/default/component/trino`. */
export function entityPagePath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${[namespace.toLowerCase(), kind.toLowerCase(), name]
    .map(encodeURIComponent)
    .join('/')}`;
}
