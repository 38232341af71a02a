import { containerSlugProblem, MAX_CONTAINER_SLUG_LENGTH } from './slug';

describe('containerSlugProblem', () => {
  it.each(['trino', 'hive-metastore', 'spark4', 'a', 'gx-core-2'])(
    'accepts %s',
    slug => {
      expect(containerSlugProblem(slug)).toBeUndefined();
    },
  );

  it.each([
    ['', 'slug is empty'],
    ['..', 'not a path'],
    ['../etc', 'not a path'],
    ['a/b', 'not a path'],
    ['/etc/passwd', 'not a path'],
    ['C:\\temp', 'not a path'],
    ['Trino', 'must be lower case'],
    ['_template', 'is reserved'],
    ['template', 'is reserved'],
    ['con', 'is reserved'],
    ['lpt1', 'is reserved'],
    ['.hidden', 'lower case letters, digits'],
    ['1password', 'starting with a letter'],
    ['trailing-', 'single "-"'],
    ['double--dash', 'single "-"'],
    ['with space', 'lower case letters'],
    ['new\nline', 'lower case letters'],
    ['${{ values.x }}', 'lower case letters'],
    ['x'.repeat(64), 'longer than 63'],
  ])('refuses %j', (slug, message) => {
    expect(containerSlugProblem(slug)).toContain(message);
  });

  it('accepts a slug of exactly the longest entity name', () => {
    expect(MAX_CONTAINER_SLUG_LENGTH).toBe(63);
    expect(containerSlugProblem('a'.repeat(63))).toBeUndefined();
  });
});
