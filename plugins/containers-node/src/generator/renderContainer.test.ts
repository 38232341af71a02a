import { parseContainerYaml } from '@dockyard/plugin-containers-common';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { readTemplateFolder } from './files';
import {
  checkedNewContainerInput,
  NewContainerInputError,
  renderNewContainer,
} from './renderContainer';
import { TemplateError } from './renderText';
import type { NewContainerInput } from '@dockyard/plugin-containers-common';
import { REPO_TEMPLATE_DIR } from '@dockyard/test-utils';
import { RenderedContainer, TemplateFile } from './types';
import { validInput } from './__testUtils__/fixtures';

let template: TemplateFile[];
beforeAll(async () => {
  template = await readTemplateFolder(REPO_TEMPLATE_DIR);
});

/** What generateContainer does between reading the template and writing: check, then render. */
function render(files: TemplateFile[], input: unknown): RenderedContainer {
  return renderNewContainer(files, checkedNewContainerInput(input));
}

function file(rendered: RenderedContainer, path: string): string {
  const found = rendered.files.find(f => f.path === path);
  if (!found) throw new Error(`no ${path}`);
  return String(found.content);
}

function containerYaml(rendered: RenderedContainer) {
  const text = file(rendered, 'container.yaml');
  return { text, data: parseYaml(text) };
}

function refusal(input: unknown): NewContainerInputError {
  try {
    render(template, input);
  } catch (error) {
    if (error instanceof NewContainerInputError) return error;
    throw error;
  }
  throw new Error('expected the inputs to be refused');
}

const TEMPLATE_TOP_LEVEL_KEYS = [
  'name',
  'slug',
  'summary',
  'owner',
  'system',
  'lifecycle',
  'tags',
  'maintainers',
  'links',
  'license',
  'version',
  'runtime',
  'build',
  'tests',
  'publish',
  'catalog',
];

describe('renderNewContainer', () => {
  it('renders every template file into a container the parser accepts', () => {
    const rendered = render(template, validInput());

    expect(rendered.slug).toBe('iceberg-rest');
    expect(rendered.entityRef).toBe('component:default/iceberg-rest');
    expect(rendered.files.map(f => f.path).sort()).toEqual(
      template.map(f => f.path).sort(),
    );
    expect(
      rendered.files
        .filter(f => f.executable)
        .map(f => f.path)
        .sort(),
    ).toEqual(['entrypoint.sh', 'tests/smoke.sh']);
    for (const f of rendered.files) {
      expect({
        path: f.path,
        placeholders: String(f.content).includes('${{'),
      }).toEqual({
        path: f.path,
        placeholders: false,
      });
    }

    const { text, data } = containerYaml(rendered);
    const parsed = parseContainerYaml(text, {
      file: 'container.yaml',
      folderName: 'iceberg-rest',
    });
    expect(parsed.problems.filter(p => p.severity === 'error')).toEqual([]);
    expect(parsed.ok).toBe(true);
    expect(data).toMatchObject({
      name: 'Iceberg REST Catalog',
      slug: 'iceberg-rest',
      owner: 'group:default/data-platform-team',
      version: {
        strategy: 'github-release',
        current: '1.10.0',
        source: { repo: 'apache/iceberg' },
      },
      runtime: { base_image: 'docker.io/library/debian:bookworm-slim' },
      publish: { image: 'ghcr.io/example/data-platform/iceberg-rest' },
    });
    // The comments of the template survive.
    expect(text).toContain('# yaml-language-server: $schema=');
    // The digest warning is reported, not refused.
    expect(rendered.warnings.join('\n')).toContain('runtime.base_image');
  });

  it('keeps the Dockerfile and the smoke test in step with container.yaml', () => {
    const rendered = render(
      template,
      validInput({
        version: {
          strategy: 'docker-tags',
          current: '17.6-bookworm',
          source: { image: 'docker.io/library/postgres' },
        },
        baseImage: `docker.io/library/debian:bookworm-slim@sha256:${'c'.repeat(
          64,
        )}`,
        ports: [
          { name: 'pg', port: 5432 },
          {
            name: 'stats',
            port: 9187,
            protocol: 'udp',
            description: 'metrics',
          },
        ],
      }),
    );
    const dockerfile = file(rendered, 'Dockerfile');
    expect(dockerfile).toContain(
      `ARG BASE_IMAGE=docker.io/library/debian:bookworm-slim@sha256:${'c'.repeat(
        64,
      )}\n`,
    );
    expect(dockerfile.match(/^ARG APP_VERSION=.*$/gm)).toEqual([
      'ARG APP_VERSION=17.6-bookworm',
      'ARG APP_VERSION=17.6-bookworm',
    ]);
    expect(dockerfile).toContain('\nEXPOSE 5432 9187/udp\n');
    expect(dockerfile).toContain(
      'org.opencontainers.image.title="iceberg-rest"',
    );
    expect(rendered.warnings).toEqual([]);

    const { data } = containerYaml(rendered);
    expect(data.runtime.ports).toEqual([
      { name: 'pg', container_port: 5432, protocol: 'tcp' },
      { name: 'stats', container_port: 9187, protocol: 'udp' },
    ]);
    const readme = file(rendered, 'README.md');
    expect(readme).toContain('| pg | 5432 | tcp | TODO |');
    expect(readme).toContain('| stats | 9187 | udp | metrics |');
  });

  describe('free text', () => {
    const hostileTexts = [
      'Spark: the engine',
      'He said "hi" and it\'s fine',
      '${{ values.slug }} and ${{ parameters.name }}',
      'line one\nslug: evil\nowner: user:mallory',
      '- list item\n---\n...',
      '# not a comment',
      '!version.current is in the name',
      '{ flow: mapping }',
      '&anchor *alias',
      '  leading and trailing spaces  ',
      'tab\there',
      'ünïcödé — and emoji 🚢',
      '"',
      "'",
      '@at | pipe > gt % percent',
    ];

    it.each(hostileTexts)('round-trips %j exactly and adds no key', text => {
      const rendered = render(
        template,
        validInput({
          name: `Name ${text}`,
          summary: text,
          version: {
            strategy: 'github-release',
            current: '1.10.0',
            source: { repo: 'apache/iceberg' },
            notes: text,
          },
          env: [{ name: 'APP_MODE', default: text, description: text }],
        }),
      );
      const { data } = containerYaml(rendered);
      expect(data.name).toBe(`Name ${text}`);
      expect(data.summary).toBe(text);
      expect(data.version.notes).toBe(text);
      expect(data.runtime.env).toEqual([
        { name: 'APP_MODE', default: text, description: text },
      ]);
      expect(data.slug).toBe('iceberg-rest');
      expect(data.owner).toBe('group:default/data-platform-team');
      expect(Object.keys(data)).toEqual(TEMPLATE_TOP_LEVEL_KEYS);
      expect(Object.keys(data.version)).toEqual([
        'strategy',
        'current',
        'source',
        'notes',
      ]);
    });

    it('writes template expressions in values literally, never evaluating them', () => {
      const rendered = render(
        template,
        validInput({
          name: '${{ values.slug }}',
          summary: '${{ values.owner }}',
        }),
      );
      const { data } = containerYaml(rendered);
      expect(data.name).toBe('${{ values.slug }}');
      expect(data.summary).toBe('${{ values.owner }}');

      const readme = file(rendered, 'README.md');
      const md = new MarkdownIt();
      const heading = md.parse(readme, {}).find(t => t.type === 'inline')!;
      expect(md.renderInline(heading.content)).toBe('${{ values.slug }}');
      expect(readme).not.toMatch(/^# iceberg-rest$/m);
    });

    it('shows the name and summary in the README as literal text, one block each', () => {
      const rendered = render(
        template,
        validInput({
          name: 'Evil <img src=x onerror=alert(1)>\n\n## Injected',
          summary: '[click](javascript:alert(1)) | `code`\n- item',
        }),
      );
      const md = new MarkdownIt();
      const tokens = md.parse(file(rendered, 'README.md'), {});
      const headings = tokens
        .filter(t => t.type === 'heading_open')
        .map(t => t.tag);
      expect(headings[0]).toBe('h1');
      expect(headings.filter(h => h === 'h1')).toHaveLength(1);
      const inline = tokens.filter(t => t.type === 'inline');
      expect(md.renderInline(inline[0].content)).toBe(
        'Evil &lt;img src=x onerror=alert(1)&gt; ## Injected',
      );
      expect(md.renderInline(inline[1].content)).toBe(
        '[click](javascript:alert(1)) | `code` - item',
      );
      expect(md.render(file(rendered, 'README.md'))).not.toContain('<img');
    });
  });

  describe('refusals', () => {
    it.each([
      ['../escape', 'not a path'],
      ['/etc', 'not a path'],
      ['a/b', 'not a path'],
      ['..', 'not a path'],
      ['Upper', 'lower case'],
      ['_template', 'reserved'],
      ['', 'slug is empty'],
      ['x'.repeat(64), 'longer than 63'],
      ['${{ values.slug }}', 'lower case letters'],
    ])('refuses the slug %j', (slug, message) => {
      expect(refusal(validInput({ slug })).message).toContain(message);
    });

    it('refuses an unknown strategy and lists the known ones', () => {
      const error = refusal(
        validInput({ version: { strategy: 'git-magic', current: '1.0.0' } }),
      );
      expect(error.problems).toEqual([
        'version.strategy unknown strategy "git-magic" — use one of: manual, github-release, github-tag, docker-tags, pypi, http-directory, maven, npm, helm, endoflife',
      ]);
    });

    it.each([
      [
        { baseImage: 'debian:12\nRUN curl evil | sh' },
        'baseImage must be an image reference',
      ],
      [
        { baseImage: 'debian' },
        'baseImage must be an image reference with a tag or digest',
      ],
      [{ baseImage: 'debian:12 AS x' }, 'baseImage'],
      [
        { owner: 'group:default/team | x' },
        'owner must be an entity reference',
      ],
      [
        { publish: { image: 'ghcr.io/x/y:latest' } },
        'publish.image must be an image name without tag or digest',
      ],
      [{ publish: { registry: 'ghcr.io/x"; rm -rf' } }, 'publish.registry'],
      [{ publish: { tags: ['two words'] } }, 'publish.tags[0]'],
      [
        { ports: [{ name: 'http', port: 70000 }] },
        'ports[0].port must be a whole number from 1 to 65535',
      ],
      [{ ports: [{ name: 'HTTP', port: 80 }] }, 'ports[0].name'],
      [{ env: [{ name: 'BAD-NAME; echo', default: '' }] }, 'env[0].name'],
      [{ tags: ['Upper Case'] }, 'tags[0]'],
      [
        { maintainers: [{ name: 'Jane', email: 'not an email' }] },
        'maintainers[0].email',
      ],
      [
        { links: { homepage: 'ftp://example.com/' } },
        'links.homepage must be an http(s) URL',
      ],
    ] as Array<[Partial<NewContainerInput>, string]>)(
      'refuses %j',
      (overrides, message) => {
        expect(refusal(validInput(overrides)).message).toContain(message);
      },
    );

    it.each([
      ['1.0"', 'version.current must be a version'],
      ['1.0\nRUN evil', 'version.current must be a version'],
      ['$(id)', 'version.current must be a version'],
      [
        '',
        'version.current required — the upstream version this image packages',
      ],
    ])('refuses the version %j', (current, message) => {
      const error = refusal(
        validInput({ version: { strategy: 'manual', current } }),
      );
      expect(error.message).toContain(message);
    });

    it('asks for the source fields the strategy needs, and only those', () => {
      expect(
        refusal(
          validInput({ version: { strategy: 'docker-tags', current: '1' } }),
        ).problems,
      ).toEqual([
        'version.source.image is required by the docker-tags strategy (image: docker.io/library/postgres)',
      ]);
      expect(
        refusal(
          validInput({
            version: {
              strategy: 'docker-tags',
              current: '1',
              source: { image: 'docker.io/library/postgres', repo: 'a/b' },
            },
          }),
        ).problems,
      ).toEqual([
        'version.source.repo is not used by the docker-tags strategy, which reads image',
      ]);
      expect(
        refusal(
          validInput({
            version: {
              strategy: 'http-directory',
              current: '1',
              source: { url: 'https://x.example/', regex: 'no-group' },
            },
          }),
        ).problems,
      ).toEqual([
        'version.source.regex needs a capture group: group 1 is the version, e.g. spark-([0-9]+\\.[0-9]+\\.[0-9]+)/',
      ]);
      // A look-ahead would backtrack in JavaScript; Dockyard's engine does not run it.
      expect(
        refusal(
          validInput({
            version: {
              strategy: 'http-directory',
              current: '1',
              source: {
                url: 'https://x.example/',
                regex: 'spark-((?!preview)[0-9.]+)/',
              },
            },
          }),
        ).problems,
      ).toEqual([
        expect.stringMatching(
          /^version\.source\.regex uses a look-ahead .*RE2 syntax/,
        ),
      ]);
    });

    it('needs a decision and rollback steps when Glue is chosen', () => {
      const error = refusal(
        validInput({ catalog: { role: 'consumer', type: 'glue' } }),
      );
      expect(error.problems).toEqual([
        'catalog.decision is required for a cloud-native catalog (Glue): give the rationale or the ADR',
        'catalog.rollback.steps are required for a cloud-native catalog (Glue): how to go back',
      ]);
    });

    it('refuses a result the parser does not accept, with the parser’s message', () => {
      // A whole-string token that names no field is valid input text but not a valid file.
      const error = refusal(validInput({ name: '!no.such.field' }));
      expect(error.message).toContain('does not validate');
      expect(error.problems.join('\n')).toMatch(/container\.yaml:\d+:\d+ name/);
    });

    it('reports every problem at once', () => {
      const error = refusal({
        slug: 'Bad',
        name: '',
        summary: '',
        owner: '',
        version: { strategy: 'nope', current: '' },
      });
      expect(error.problems).toHaveLength(6);
    });
  });

  describe('catalog, publishing and sources', () => {
    it('writes a Glue consumer with its decision and rollback', () => {
      const rendered = render(
        template,
        validInput({
          catalog: {
            role: 'consumer',
            type: 'glue',
            uri: 'glue://eu-west-1/123456789012',
            configFile: 'conf/spark-defaults.glue.conf',
            decision: {
              adr: '../../docs/adr/0001-iceberg-catalog.md',
              status: 'accepted',
              rationale: 'Athena and EMR see the same tables.',
            },
            rollback: {
              previous: 'hive_metastore',
              runbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
              steps: ['Freeze writers: pause DAGs.', 'Register tables in HMS.'],
            },
          },
        }),
      );
      expect(containerYaml(rendered).data.catalog).toEqual({
        role: 'consumer',
        uses: [
          {
            type: 'glue',
            uri: 'glue://eu-west-1/123456789012',
            active: true,
            config_file: 'conf/spark-defaults.glue.conf',
          },
        ],
        decision: {
          adr: '../../docs/adr/0001-iceberg-catalog.md',
          status: 'accepted',
          cloud_service: 'aws-glue',
          rationale: 'Athena and EMR see the same tables.',
        },
        rollback: {
          previous: 'hive_metastore',
          runbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
          steps: ['Freeze writers: pause DAGs.', 'Register tables in HMS.'],
        },
      });
    });

    it('writes a catalog provider with what it serves', () => {
      const rendered = render(
        template,
        validInput({
          catalog: {
            role: 'provider',
            type: 'rest',
            composeExample: '../../docs/compose/docker-compose.rest.yaml',
            rollback: {
              previous: 'hive_metastore',
              steps: ['Point engines back at HMS.'],
            },
          },
        }),
      );
      expect(containerYaml(rendered).data.catalog).toMatchObject({
        role: 'provider',
        provides: {
          kind: 'iceberg-rest',
          protocols: ['iceberg-rest'],
          open_standard: true,
        },
        compose_example: '../../docs/compose/docker-compose.rest.yaml',
      });
    });

    it('publishes to the chosen registry with the chosen tags and attestations', () => {
      const rendered = render(
        template,
        validInput({
          publish: {
            registry: 'registry.example.com/platform',
            tags: ['!version.current', 'stable'],
            provenance: 'min',
            sbom: false,
            signing: { method: 'cosign', key: 'awskms:///alias/cosign' },
          },
        }),
      );
      expect(containerYaml(rendered).data.publish).toMatchObject({
        image: 'registry.example.com/platform/iceberg-rest',
        tags: ['!version.current', 'stable'],
        provenance: 'min',
        sbom: false,
        signing: {
          method: 'cosign',
          keyless: false,
          key: 'awskms:///alias/cosign',
        },
      });
      expect(file(rendered, 'README.md')).toContain(
        '| Image | `registry.example.com/platform/iceberg-rest` |',
      );
    });

    it.each([
      ['manual', undefined, undefined],
      [
        'github-tag',
        { repo: 'apache/hive', host: 'github.example.com' },
        { repo: 'apache/hive', host: 'github.example.com' },
      ],
      ['pypi', { package: 'apache-airflow' }, { package: 'apache-airflow' }],
      [
        'maven',
        { package: 'org.apache.kafka:kafka-clients' },
        { package: 'org.apache.kafka:kafka-clients' },
      ],
      ['npm', { package: '@scope/tool' }, { package: '@scope/tool' }],
      [
        'helm',
        { url: 'https://charts.example.com', chart: 'postgresql' },
        { url: 'https://charts.example.com', chart: 'postgresql' },
      ],
      ['endoflife', { product: 'postgresql' }, { product: 'postgresql' }],
      [
        'http-directory',
        {
          url: 'https://archive.apache.org/dist/spark/',
          regex: 'spark-([0-9.]+)/',
        },
        {
          url: 'https://archive.apache.org/dist/spark/',
          regex: 'spark-([0-9.]+)/',
        },
      ],
    ])('writes the %s source', (strategy, source, expected) => {
      const rendered = render(
        template,
        validInput({ version: { strategy, current: '2.0.0', source } }),
      );
      const { data } = containerYaml(rendered);
      expect(data.version.strategy).toBe(strategy);
      expect(data.version.source).toEqual(expected);
    });
  });

  describe('template checks', () => {
    const withFile = (path: string, content: string): TemplateFile[] => [
      ...template.filter(f => f.path !== path),
      { path, content: Buffer.from(content) },
    ];

    it('refuses free text in a Dockerfile or shell script', () => {
      expect(() =>
        render(
          withFile('Dockerfile', 'LABEL title="${{ values.name }}"\n'),
          validInput(),
        ),
      ).toThrow(TemplateError);
      expect(() =>
        render(
          withFile('run.sh', 'echo ${{ values.summary }}\n'),
          validInput(),
        ),
      ).toThrow(
        'values.summary is free text and can only be placed in container.yaml or Markdown',
      );
    });

    it('refuses unknown values and expressions other than values.<name>', () => {
      expect(() =>
        render(withFile('x.txt', '${{ values.secret }}'), validInput()),
      ).toThrow('unknown template value values.secret');
      expect(() =>
        render(
          withFile('x.txt', '${{ parameters.name | dump }}'),
          validInput(),
        ),
      ).toThrow('unsupported template expression');
    });

    it('copies binary files unchanged', () => {
      const binary = Buffer.from([0, 1, 2, 36, 123, 123]);
      const rendered = render(
        [...template, { path: 'files/blob.bin', content: binary }],
        validInput(),
      );
      expect(
        rendered.files.find(f => f.path === 'files/blob.bin')?.content,
      ).toEqual(binary);
    });
  });
});
