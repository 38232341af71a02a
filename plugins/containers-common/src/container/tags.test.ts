import { deriveImageTags, deriveTags, type ContainerSpec } from '.';

function container(
  current: string,
  publish?: Record<string, unknown>,
): ContainerSpec {
  return {
    name: 'X',
    slug: 'x',
    summary: 'X.',
    maintainers: [{ name: 'T', email: 't@example.com' }],
    version: { strategy: 'manual', current },
    publish: publish as ContainerSpec['publish'],
  };
}

const REVISION = '0123456789abcdef0123456789abcdef01234567';

describe('deriveTags', () => {
  it('adds x, x.y, x.y.z, latest and sha- for a three-part version', () => {
    expect(
      deriveTags(container('4.0.1', { image: 'i', tags: ['4.0.1'] }), {
        revision: REVISION,
      }),
    ).toEqual(['4.0.1', '4', '4.0', 'latest', 'sha-0123456789ab']);
  });

  it('keeps the listed tags first, in order, without duplicates', () => {
    expect(
      deriveTags(
        container('4.0.1', {
          image: 'i',
          tags: ['latest', '4.0.1', 'stable', 'latest'],
        }),
        { revision: REVISION },
      ),
    ).toEqual(['latest', '4.0.1', 'stable', '4', '4.0', 'sha-0123456789ab']);
  });

  it.each([
    ['1.1.0-incubating'],
    ['17.6-bookworm'],
    ['476'],
    ['4.0'],
    ['4.0.1.2'],
    ['RELEASE.2025-09-07T16-13-09Z'],
    ['v4.0.1'],
  ])('adds no x/x.y/x.y.z for %s', current => {
    expect(
      deriveTags(container(current, { image: 'i', tags: [current] })),
    ).toEqual([current, 'latest']);
  });

  it('leaves sha- out without a revision and refuses what is not a commit id', () => {
    expect(deriveTags(container('1.2.3'))).toEqual([
      '1',
      '1.2',
      '1.2.3',
      'latest',
    ]);
    expect(deriveTags(container('1.2.3'), { revision: 'ABCDEF1' })).toContain(
      'sha-abcdef1',
    );
    expect(() => deriveTags(container('1.2.3'), { revision: 'main' })).toThrow(
      'revision must be a git commit id',
    );
  });
});

describe('deriveImageTags', () => {
  it('gives each target the derived tags unless it lists its own', () => {
    const resolved = container('476', {
      image: 'ghcr.io/example/trino',
      tags: ['476'],
      targets: [
        { image: 'docker.io/example/trino' },
        { image: 'registry.example.com/trino', tags: ['476', '476'] },
      ],
    });
    expect(deriveImageTags(resolved, { revision: REVISION })).toEqual([
      {
        image: 'ghcr.io/example/trino',
        tags: ['476', 'latest', 'sha-0123456789ab'],
      },
      {
        image: 'docker.io/example/trino',
        tags: ['476', 'latest', 'sha-0123456789ab'],
      },
      { image: 'registry.example.com/trino', tags: ['476'] },
    ]);
  });

  it('is empty without publish.image', () => {
    expect(deriveImageTags(container('1.0.0'))).toEqual([]);
  });
});
