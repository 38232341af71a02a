import { lintContainer, parseContainerYaml, type ContainerSpec } from '.';
import { containerFolderEscape } from './lint';

const base: ContainerSpec = {
  name: 'X',
  slug: 'x',
  summary: 'X.',
  maintainers: [{ name: 'T', email: 't@example.com' }],
  version: { strategy: 'manual', current: '1.0.0' },
};

function rules(container: ContainerSpec) {
  return lintContainer(container).map(p => `${p.severity} ${p.path} ${p.rule}`);
}

describe('lintContainer', () => {
  it('has nothing to say about a plain container', () => {
    expect(lintContainer(base)).toEqual([]);
  });

  it('needs a decision and rollback steps for a Glue catalog', () => {
    expect(
      rules({
        ...base,
        catalog: { role: 'consumer', uses: [{ type: 'glue', active: false }] },
      }),
    ).toEqual([
      'error catalog.decision catalog-cloud-decision',
      'error catalog.rollback.steps catalog-cloud-decision',
    ]);
  });

  it('counts a decision naming a cloud service as cloud-native', () => {
    expect(
      rules({
        ...base,
        catalog: {
          role: 'consumer',
          decision: { cloud_service: 'aws-glue', status: 'accepted' },
        },
      }),
    ).toEqual(['error catalog.rollback.steps catalog-cloud-decision']);
  });

  it('is satisfied by a decision and rollback steps', () => {
    expect(
      rules({
        ...base,
        catalog: {
          role: 'consumer',
          uses: [{ type: 'glue' }],
          decision: { status: 'accepted', rationale: 'Why.' },
          rollback: { previous: 'hive_metastore', steps: ['Freeze writers.'] },
        },
      }),
    ).toEqual([]);
  });

  it('needs a compose example and rollback notes for a catalog provider', () => {
    expect(rules({ ...base, catalog: { role: 'provider' } })).toEqual([
      'error catalog.compose_example catalog-provider-rollback',
      'error catalog.rollback catalog-provider-rollback',
    ]);
    expect(
      rules({
        ...base,
        catalog: {
          role: 'provider',
          compose_example: '../../docs/compose/docker-compose.rest.yaml',
          rollback: {
            runbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
          },
        },
      }),
    ).toEqual([]);
  });

  it('warns about a base image without a digest, also through a token', () => {
    expect(
      rules({
        ...base,
        runtime: { base_image: 'docker.io/library/alpine:3.20' },
      }),
    ).toEqual(['warning runtime.base_image base-image-digest']);
    expect(
      rules({
        ...base,
        build: { args: { BASE: 'docker.io/library/alpine:3.20' } },
        runtime: { base_image: '!build.args.BASE' },
      }),
    ).toEqual(['warning runtime.base_image base-image-digest']);
    expect(
      rules({
        ...base,
        runtime: {
          base_image: `alpine:3.20@sha256:${'a'.repeat(64)}`,
        },
      }),
    ).toEqual([]);
  });

  it('uses the locator when one is given, and position 0 without', () => {
    const container = { ...base, catalog: { role: 'provider' as const } };
    expect(lintContainer(container)[0]).toMatchObject({
      file: '',
      line: 0,
      column: 0,
    });
    expect(
      lintContainer(container, path => ({
        file: 'f.yaml',
        line: path.length,
        column: 7,
      }))[0],
    ).toMatchObject({ file: 'f.yaml', line: 2, column: 7 });
  });

  describe('build paths stay inside the container folder', () => {
    it.each([
      '.',
      './',
      'Dockerfile',
      'docker/Dockerfile.alpine',
      'bin/../Dockerfile',
      'conf/',
      'a/b/../../c',
    ])('accepts %j', value => {
      expect(containerFolderEscape(value)).toBeUndefined();
      expect(
        rules({
          ...base,
          build: {
            context: value,
            dockerfile: value,
            files: [{ source: value, destination: '/opt/x' }],
          },
        }),
      ).toEqual([]);
    });

    it.each([
      ['..', "climbs out of the folder with '..'"],
      ['../..', "climbs out of the folder with '..'"],
      ['../other/Dockerfile', "climbs out of the folder with '..'"],
      ['a/../../b', "climbs out of the folder with '..'"],
      ['..\\..\\Windows', "climbs out of the folder with '..'"],
      ['/', 'is an absolute path'],
      ['/home/dev/.ssh', 'is an absolute path'],
      ['\\\\server\\share', 'is an absolute path'],
      ['C:\\Users', 'is an absolute path'],
    ])('refuses %j: %s', (value, why) => {
      expect(containerFolderEscape(value)).toBe(why);
    });

    it('reports each escaping field as an error, and leaves an absolute destination alone', () => {
      expect(
        rules({
          ...base,
          build: {
            context: '../..',
            dockerfile: '/etc/passwd',
            files: [
              { source: 'bin/entrypoint.sh', destination: '/usr/local/bin/e' },
              { source: '../../secrets', destination: '/opt/secrets' },
            ],
          },
        }),
      ).toEqual([
        'error build.context build-path',
        'error build.dockerfile build-path',
        'error build.files[1].source build-path',
      ]);
    });

    it('names the line of the field in a parsed file', () => {
      const text = [
        'name: X',
        'slug: x',
        'summary: X.',
        'maintainers:',
        '  - name: T',
        '    email: t@example.com',
        'version:',
        '  strategy: manual',
        '  current: 1.0.0',
        'build:',
        '  context: ../..',
        '  dockerfile: Dockerfile',
        '',
      ].join('\n');
      const result = parseContainerYaml(text, { file: 'x/container.yaml' });
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual(
        expect.objectContaining({
          file: 'x/container.yaml',
          line: 11,
          path: 'build.context',
          severity: 'error',
          rule: 'build-path',
          message: expect.stringContaining(
            '"../.." climbs out of the folder with \'..\': it must stay inside the container folder',
          ),
        }),
      );
    });

    it('checks the value a token resolves to', () => {
      expect(
        rules({
          ...base,
          build: { args: { CTX: '../..' }, context: '!build.args.CTX' },
        }),
      ).toEqual(['error build.context build-path']);
    });
  });
});
