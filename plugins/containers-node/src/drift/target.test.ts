import { parseContainerYaml } from '@dockyard/plugin-containers-common';
import { containerDriftTarget } from './target';

const FILE = `name: Spark
slug: spark
summary: Spark with Iceberg.
maintainers: [{name: Team, email: team@example.com}]
version:
  strategy: github-release
  current: "!build.args.SPARK_VERSION"
  source: {repo: apache/spark}
  companions:
    - name: iceberg-spark-runtime
      current: "!build.args.ICEBERG_VERSION"
      strategy: maven
      source: {package: "org.apache.iceberg:iceberg-spark-runtime-3.5_2.12"}
    - name: pyiceberg
      current: "0.8.1"
      strategy: pypi
      source: {package: pyiceberg}
runtime:
  base_image: "docker.io/library/python:3.12-slim-bookworm@sha256:${'a'.repeat(
    64,
  )}"
build:
  args:
    SPARK_VERSION: "3.5.6"
    ICEBERG_VERSION: 1.6.1
`;

describe('containerDriftTarget', () => {
  const parsed = parseContainerYaml(FILE, { file: 'container.yaml' });

  it('takes the resolved version, companions and base image, and which build arg pins each companion', () => {
    expect(parsed.problems).toEqual([]);
    const expected = {
      slug: 'spark',
      version: {
        strategy: 'github-release',
        current: '3.5.6',
        source: { repo: 'apache/spark' },
        companions: [
          {
            name: 'iceberg-spark-runtime',
            current: '1.6.1',
            strategy: 'maven',
            source: {
              package: 'org.apache.iceberg:iceberg-spark-runtime-3.5_2.12',
            },
          },
          {
            name: 'pyiceberg',
            current: '0.8.1',
            strategy: 'pypi',
            source: { package: 'pyiceberg' },
          },
        ],
      },
      baseImage: `docker.io/library/python:3.12-slim-bookworm@sha256:${'a'.repeat(
        64,
      )}`,
      companionPins: { 'iceberg-spark-runtime': 'build.args.ICEBERG_VERSION' },
    };
    expect(
      containerDriftTarget('spark', parsed.container, parsed.resolved),
    ).toEqual(expected);
    // Without the parser's resolved container, the tokens are resolved here.
    expect(containerDriftTarget('spark', parsed.container)).toEqual(expected);
  });

  it('leaves what it cannot read for the engine to report', () => {
    expect(containerDriftTarget('empty', undefined)).toEqual({
      slug: 'empty',
      version: undefined,
    });
    const broken = {
      ...parsed.container!,
      version: { ...parsed.container!.version, current: '!build.args.NOPE' },
    };
    expect(containerDriftTarget('broken', broken).version?.current).toBe(
      '!build.args.NOPE',
    );
  });
});
