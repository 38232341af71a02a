import type { ContainerDocument } from './container';
import {
  publishedImages,
  resolveContainer,
  trackedBuildArgs,
} from './containerDerived';

const trino = {
  name: 'Trino',
  slug: 'trino',
  summary: 'Trino',
  maintainers: [{ name: 'Team', email: 'team@example.com' }],
  version: { strategy: 'github-release', current: '4.0.1' },
  runtime: { base_image: 'docker.io/library/eclipse-temurin:21' },
  build: {
    args: {
      BASE_IMAGE: '!runtime.base_image',
      TRINO_VERSION: '!version.current',
      URL: 'https://example.com/trino-!version.current.tar.gz',
    },
  },
  publish: {
    image: 'ghcr.io/example/trino',
    tags: ['!version.current', 'stable'],
    targets: [
      { image: 'docker.io/example/trino' },
      { image: 'registry.example.com/trino', tags: ['!version.current'] },
    ],
  },
} as unknown as ContainerDocument;

describe('resolveContainer', () => {
  it('resolves whole and embedded tokens', () => {
    const { resolved, problems } = resolveContainer(trino);
    expect(problems).toEqual([]);
    expect(resolved.build?.args).toEqual({
      BASE_IMAGE: 'docker.io/library/eclipse-temurin:21',
      TRINO_VERSION: '4.0.1',
      URL: 'https://example.com/trino-4.0.1.tar.gz',
    });
  });

  it('keeps what it cannot resolve and says why', () => {
    const broken = {
      ...trino,
      build: { args: { X: '!version.nope' } },
    } as unknown as ContainerDocument;
    const { resolved, problems } = resolveContainer(broken);
    expect(resolved.build?.args?.X).toBe('!version.nope');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/version\.nope/);
  });
});

describe('publishedImages', () => {
  it('derives the tags by the platform rule and shows the revision tag as its rule', () => {
    const { resolved } = resolveContainer(trino);
    expect(publishedImages(resolved)).toEqual([
      {
        image: 'ghcr.io/example/trino',
        tags: ['4.0.1', 'stable', '4', '4.0', 'latest', 'sha-<revision>'],
      },
      {
        image: 'docker.io/example/trino',
        tags: ['4.0.1', 'stable', '4', '4.0', 'latest', 'sha-<revision>'],
      },
      // A target's own tags are pushed as they are.
      { image: 'registry.example.com/trino', tags: ['4.0.1'] },
    ]);
  });
});

describe('trackedBuildArgs', () => {
  it('maps each build arg a companion token names to the companions it pins', () => {
    const spark = {
      ...trino,
      version: {
        strategy: 'github-release',
        current: '3.5.3',
        companions: [
          {
            name: 'iceberg-spark-runtime',
            strategy: 'maven',
            current: '!build.args.ICEBERG_VERSION',
          },
          { name: 'hadoop-aws', strategy: 'maven', current: '3.3.4' },
          {
            name: 'iceberg-aws-bundle',
            strategy: 'maven',
            current: '!build.args.ICEBERG_VERSION',
          },
          // Not a whole build-arg token: pins nothing.
          { name: 'odd', strategy: 'maven', current: '!version.current' },
        ],
      },
    } as unknown as ContainerDocument;
    expect([...trackedBuildArgs(spark)]).toEqual([
      ['ICEBERG_VERSION', ['iceberg-spark-runtime', 'iceberg-aws-bundle']],
    ]);
  });

  it('is empty without companions', () => {
    expect(trackedBuildArgs(trino).size).toBe(0);
  });
});
