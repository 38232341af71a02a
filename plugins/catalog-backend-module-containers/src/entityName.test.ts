import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { toEntityName } from './entityName';

describe('toEntityName', () => {
  it('keeps a slug that is already a valid entity name', () => {
    expect(toEntityName('trino')).toBe('trino');
    expect(toEntityName('hive-metastore')).toBe('hive-metastore');
  });

  it.each([
    ['double--dash'],
    ['trailing-'],
    ['Upper-Case'],
    ['with space'],
    ['ünïcode-slug'],
    ['-'],
    [''],
    ['a'.repeat(80)],
    [`${'x-'.repeat(40)}y`],
  ])('turns %j into a valid name', slug => {
    const name = toEntityName(slug);
    expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  it('gives different names to slugs that clean up the same way', () => {
    expect(toEntityName('a--b')).not.toBe(toEntityName('a---b'));
    expect(toEntityName('A-b')).not.toBe(toEntityName('a-B'));
    expect(toEntityName('a--b')).toMatch(/^a-b-[0-9a-f]{8}$/);
  });

  it('is stable across calls', () => {
    expect(toEntityName('double--dash')).toBe(toEntityName('double--dash'));
  });
});
