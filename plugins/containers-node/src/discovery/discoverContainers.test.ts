import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  discoverContainers,
  isContainerFolderName,
  readContainerFile,
  resolveContainersDir,
} from './discoverContainers';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

function containerYaml(slug: string, extra = ''): string {
  return `name: "${slug}"
slug: ${slug}
summary: "The ${slug} image."
maintainers:
  - name: Team
    email: team@example.com
version:
  strategy: manual
  current: "1.2.3"
${extra}`;
}

describe('discoverContainers', () => {
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-discovery-'));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function write(relative: string, content: string) {
    const file = path.join(root, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }

  it('finds containers/<folder>/container.yaml in folder order, skipping _ and . folders', async () => {
    await write('containers/trino/container.yaml', containerYaml('trino'));
    await write('containers/airflow/container.yaml', containerYaml('airflow'));
    await write(
      'containers/_template/container.yaml',
      'name: ${{ values.name }}\n',
    );
    await write('containers/.cache/container.yaml', containerYaml('cache'));
    await write('containers/no-file/README.md', '# nothing here\n');
    await write('containers/README.md', '# containers\n');

    const found = await discoverContainers(root);
    expect(found.map(c => c.folderName)).toEqual(['airflow', 'trino']);
    expect(found[0]).toMatchObject({
      folderName: 'airflow',
      dir: path.join(root, 'containers', 'airflow'),
      file: path.join(root, 'containers', 'airflow', 'container.yaml'),
    });
    expect(found.every(c => c.result?.ok)).toBe(true);
    expect(found[1].result!.container!.slug).toBe('trino');
  });

  it('accepts the containers folder itself', async () => {
    await write('containers/spark/container.yaml', containerYaml('spark'));
    const found = await discoverContainers(path.join(root, 'containers'));
    expect(found.map(c => c.folderName)).toEqual(['spark']);
    expect(await resolveContainersDir(root)).toBe(
      path.join(root, 'containers'),
    );
    expect(await resolveContainersDir(path.join(root, 'containers'))).toBe(
      path.join(root, 'containers'),
    );
  });

  it('does not mistake a container named "containers" for the containers folder', async () => {
    await write(
      'containers/containers/container.yaml',
      containerYaml('containers'),
    );
    await write('containers/spark/container.yaml', containerYaml('spark'));
    const found = await discoverContainers(path.join(root, 'containers'));
    expect(found.map(c => c.folderName)).toEqual(['containers', 'spark']);
  });

  it('checks the slug against the folder and names files as asked', async () => {
    await write('containers/spark/container.yaml', containerYaml('sparky'));
    const [spark] = await discoverContainers(root, {
      fileLabel: file => path.relative(root, file),
    });
    expect(spark.result!.ok).toBe(false);
    expect(spark.result!.problems).toEqual([
      expect.objectContaining({
        file: path.join('containers', 'spark', 'container.yaml'),
        line: 2,
        column: 7,
        path: 'slug',
        rule: 'slug-folder',
      }),
    ]);
  });

  it('reports files over the limit without reading them', async () => {
    await write(
      'containers/big/container.yaml',
      containerYaml('big', `notes: "${'x'.repeat(2000)}"\n`),
    );
    const [big] = await discoverContainers(root, { maxBytes: 1024 });
    expect(big.result!.problems.map(p => p.rule)).toEqual(['too-large']);
  });

  it('only reads the files with parse: false', async () => {
    await write('containers/spark/container.yaml', containerYaml('spark'));
    const [spark] = await discoverContainers(root, { parse: false });
    expect(spark.result).toBeUndefined();
    expect(spark.file).toBe(path.join(root, 'containers/spark/container.yaml'));
    expect(spark.text).toBe(containerYaml('spark'));
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(discoverContainers(path.join(root, 'nope'))).rejects.toThrow(
      /no containers folder at .*nope/,
    );
  });

  it('reads many containers quickly', async () => {
    const count = 400;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        write(`containers/c${i}/container.yaml`, containerYaml(`c${i}`)),
      ),
    );
    const started = Date.now();
    const found = await discoverContainers(root, { concurrency: 16 });
    expect(found).toHaveLength(count);
    expect(found.every(c => c.result?.ok)).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('finds every container of this repository, valid', async () => {
    const found = await discoverContainers(REPO_ROOT);
    expect(found.length).toBeGreaterThanOrEqual(8);
    expect(found.map(c => c.folderName)).not.toContain('_template');
    for (const container of found) {
      expect(container.result!.problems).toEqual([]);
    }
  });
});

describe('isContainerFolderName', () => {
  it.each([
    ['spark', true],
    ['hive-metastore', true],
    ['_template', false],
    ['.git', false],
    ['', false],
  ])('%s → %s', (name, expected) => {
    expect(isContainerFolderName(name)).toBe(expected);
  });
});

describe('readContainerFile', () => {
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-read-'));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('parses a file, checking the slug against the folder it is given', async () => {
    const file = path.join(root, 'container.yaml');
    await fs.writeFile(file, containerYaml('trino'));
    expect(
      await readContainerFile(file, { folderName: 'trino' }),
    ).toMatchObject({ ok: true, container: { slug: 'trino' } });
    const renamed = await readContainerFile(file, {
      label: 'containers/presto/container.yaml',
      folderName: 'presto',
    });
    expect(renamed.ok).toBe(false);
    expect(renamed.problems[0]).toMatchObject({
      file: 'containers/presto/container.yaml',
      path: 'slug',
    });
  });

  it.each([
    ['a missing file', 'missing.yaml', /^cannot be read: ENOENT/],
    ['a folder', '.', /^cannot be read: not a file$/],
  ])('reports %s as unreadable on line 1', async (_, name, message) => {
    const result = await readContainerFile(path.join(root, name), {
      label: 'shown.yaml',
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: 'shown.yaml',
        line: 1,
        rule: 'unreadable',
        message: expect.stringMatching(message),
      }),
    ]);
  });

  it('reports a file over the size limit without reading it', async () => {
    const file = path.join(root, 'container.yaml');
    await fs.writeFile(file, containerYaml('big', `# ${'x'.repeat(2000)}\n`));
    const result = await readContainerFile(file, { maxBytes: 1000 });
    expect(result.ok).toBe(false);
    expect(result.problems[0].message).toMatch(/1,?000/);
  });
});
