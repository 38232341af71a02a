import {
  mkdirSync,
  mkdtempSync,
  promises as fsPromises,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerFileReader, openedFilePath } from './ContainerFileReader';

/**
 * A platform checkout on disk:
 *   platform/containers/spark/{container.yaml, conf/spark-defaults.conf, links}
 *   platform/docs/…, platform/.env, platform/.git/config
 *   outside/secret.txt (next to the checkout, not in it)
 */
function makePlatform() {
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-files-'));
  const platform = join(dir, 'platform');
  const spark = join(platform, 'containers', 'spark');
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  };
  write(join(spark, 'container.yaml'), 'slug: spark\n');
  write(
    join(spark, 'conf', 'spark-defaults.conf'),
    'spark.sql.catalog.lakehouse.type hive\n',
  );
  write(
    join(platform, 'docs', 'runbooks', 'rollback.md'),
    '# Roll back — Glue → HMS\n',
  );
  write(
    join(platform, 'docs', 'compose', 'docker-compose.yaml'),
    'services: {}\n',
  );
  write(join(platform, 'docs', 'big.md'), 'x'.repeat(2048));
  write(
    join(platform, 'docs', 'logo.png'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]),
  );
  write(
    join(platform, 'docs', 'latin1.txt'),
    Buffer.from([0x63, 0x61, 0x66, 0xe9]),
  );
  write(join(platform, '.env'), 'TOKEN=secret\n');
  write(join(platform, '.git', 'config'), '[remote "origin"]\n');
  write(join(dir, 'outside', 'secret.txt'), 'secret\n');
  write(join(dir, 'outside', 'runbooks', 'rollback.md'), 'secret\n');
  symlinkSync(join(dir, 'outside', 'secret.txt'), join(spark, 'escape.txt'));
  symlinkSync(join(dir, 'outside'), join(platform, 'docs', 'outside-folder'));
  symlinkSync('../../docs/runbooks/rollback.md', join(spark, 'runbook.md'));
  symlinkSync('../.git', join(platform, 'docs', 'git'));
  return {
    dir,
    platform,
    location: `file:${join(spark, 'container.yaml')}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe('ContainerFileReader', () => {
  let platform: ReturnType<typeof makePlatform>;
  let reader: ContainerFileReader;

  beforeEach(() => {
    platform = makePlatform();
    reader = new ContainerFileReader({
      allowedRoots: [platform.platform],
      maxBytes: 1024,
    });
  });
  afterEach(() => platform.cleanup());

  const read = (path: string) => reader.read(platform.location, path);

  it('reads a file beside the container and one elsewhere in the checkout', async () => {
    await expect(read('conf/spark-defaults.conf')).resolves.toEqual({
      path: 'conf/spark-defaults.conf',
      content: 'spark.sql.catalog.lakehouse.type hive\n',
      language: 'properties',
    });
    await expect(read('../../docs/runbooks/rollback.md')).resolves.toEqual({
      path: '../../docs/runbooks/rollback.md',
      content: '# Roll back — Glue → HMS\n',
      language: 'markdown',
    });
    await expect(
      read('./../../docs/compose/docker-compose.yaml'),
    ).resolves.toMatchObject({
      language: 'yaml',
    });
  });

  it('follows a symlink that stays in the checkout', async () => {
    await expect(read('runbook.md')).resolves.toMatchObject({
      content: '# Roll back — Glue → HMS\n',
    });
  });

  it('refuses absolute paths', async () => {
    for (const path of [
      join(platform.platform, '.env'),
      '/etc/passwd',
      'C:\\Windows\\win.ini',
    ]) {
      await expect(read(path)).rejects.toMatchObject({
        name: 'InputError',
        message: `path must be relative to the container folder, not absolute: ${path}`,
      });
    }
  });

  it('refuses an empty path or one with a NUL byte', async () => {
    for (const path of ['', 'conf/spark-defaults.conf\0.md']) {
      await expect(read(path)).rejects.toMatchObject({ name: 'InputError' });
    }
  });

  it('refuses paths that leave the checkout, also through symlinks', async () => {
    for (const path of [
      '../../../outside/secret.txt',
      '../../../../../../etc/passwd',
      'escape.txt',
      '../../docs/outside-folder/secret.txt',
    ]) {
      await expect(read(path)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `${path} is outside the folders files are served from (containers.files.allowedRoots)`,
      });
    }
  });

  it('refuses a file whose folder is swapped for a symlink out of the checkout while it is opened', async () => {
    const runbooks = join(platform.platform, 'docs', 'runbooks');
    const realOpen = fsPromises.open;
    // The swap lands between the checks of the path and the open, the window an attacker aims at.
    const open = jest
      .spyOn(fsPromises, 'open')
      .mockImplementation(async (...args: Parameters<typeof realOpen>) => {
        renameSync(runbooks, `${runbooks}-before`);
        symlinkSync(join(platform.dir, 'outside', 'runbooks'), runbooks);
        return realOpen(...args);
      });
    try {
      await expect(read('../../docs/runbooks/rollback.md')).rejects.toEqual(
        expect.objectContaining({
          name: 'NotAllowedError',
          message:
            '../../docs/runbooks/rollback.md left the folders files are served from (containers.files.allowedRoots) while it was being opened',
        }),
      );
      expect(open).toHaveBeenCalledTimes(1);
    } finally {
      open.mockRestore();
    }
  });

  it('serves a file of the default roots, the containers and the docs beside them, also through a symlink from one to the other', async () => {
    const narrow = new ContainerFileReader({
      allowedRoots: [
        join(platform.platform, 'containers'),
        join(platform.platform, 'docs'),
      ],
      maxBytes: 1024,
    });
    const narrowRead = (path: string) => narrow.read(platform.location, path);
    await expect(narrowRead('runbook.md')).resolves.toMatchObject({
      content: '# Roll back — Glue → HMS\n',
    });
    await expect(
      narrowRead('../../docs/runbooks/rollback.md'),
    ).resolves.toMatchObject({ language: 'markdown' });
    await expect(narrowRead('../../.env')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        '../../.env is outside the folders files are served from (containers.files.allowedRoots)',
    });
  });

  it('refuses hidden files and folders, also through symlinks', async () => {
    await expect(read('../../.env')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        '../../.env names a hidden file or folder (.env), which is not served',
    });
    await expect(read('../../.git/config')).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(read('../../docs/git/config')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        '../../docs/git/config leads to a hidden file or folder (.git), which is not served',
    });
  });

  it('says when a file does not exist', async () => {
    await expect(read('conf/missing.conf')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'conf/missing.conf does not exist',
    });
  });

  it('refuses a folder', async () => {
    await expect(read('conf')).rejects.toMatchObject({
      name: 'InputError',
      message: 'conf is a folder, not a file that can be shown',
    });
  });

  it('refuses a file over the size limit with 413', async () => {
    await expect(read('../../docs/big.md')).rejects.toMatchObject({
      name: 'FileTooLargeError',
      statusCode: 413,
      message:
        '../../docs/big.md is 2 KiB; files over 1 KiB are not shown in the portal',
    });
  });

  it('refuses binary and non-UTF-8 files with 415', async () => {
    for (const path of ['../../docs/logo.png', '../../docs/latin1.txt']) {
      await expect(read(path)).rejects.toMatchObject({
        name: 'NotTextFileError',
        statusCode: 415,
        message: `${path} is not a UTF-8 text file, so it is not shown in the portal`,
      });
    }
  });

  it('serves nothing for a container outside the allowed roots', async () => {
    const narrow = new ContainerFileReader({
      allowedRoots: [join(platform.platform, 'docs')],
      maxBytes: 1024,
    });
    await expect(
      narrow.read(platform.location, '../../docs/runbooks/rollback.md'),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'The container folder is outside the folders files are served from (containers.files.allowedRoots)',
    });
    const none = new ContainerFileReader({ allowedRoots: [], maxBytes: 1024 });
    await expect(
      none.read(platform.location, 'conf/spark-defaults.conf'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses containers read from a URL or another kind of location', async () => {
    await expect(
      reader.read(
        'url:https://github.com/example/platform/tree/main/containers/polaris/container.yaml',
        '../../docs/runbooks/rollback.md',
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'This container is read from https://github.com/example/platform/tree/main/containers/polaris/container.yaml; its files are not served by the portal, open them there',
    });
    await expect(
      reader.read('file:containers/spark/container.yaml', 'x'),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
    await expect(reader.read('not a location', 'x')).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});

describe('openedFilePath', () => {
  let platform: ReturnType<typeof makePlatform>;
  beforeEach(() => {
    platform = makePlatform();
  });
  afterEach(() => platform.cleanup());

  const runbook = () =>
    join(platform.platform, 'docs', 'runbooks', 'rollback.md');

  // Only Linux has /proc/self/fd.
  (process.platform === 'linux' ? describe : describe.skip)('on Linux', () => {
    it('is where the kernel says the file is, even after its folder was swapped', async () => {
      const handle = await fsPromises.open(runbook(), 'r');
      try {
        expect(await openedFilePath(handle, runbook())).toBe(runbook());
        const runbooks = join(platform.platform, 'docs', 'runbooks');
        renameSync(runbooks, `${runbooks}-before`);
        symlinkSync(join(platform.dir, 'outside', 'runbooks'), runbooks);
        expect(await openedFilePath(handle, runbook())).toBe(
          join(platform.platform, 'docs', 'runbooks-before', 'rollback.md'),
        );
      } finally {
        await handle.close();
      }
    });
  });

  it('without /proc, is the path resolved again only while it names the file that was opened', async () => {
    const noProc = join(platform.dir, 'no-proc');
    const handle = await fsPromises.open(runbook(), 'r');
    try {
      expect(await openedFilePath(handle, runbook(), noProc)).toBe(runbook());
      // Swapped after the open: the path names another file now.
      const runbooks = join(platform.platform, 'docs', 'runbooks');
      renameSync(runbooks, `${runbooks}-before`);
      symlinkSync(join(platform.dir, 'outside', 'runbooks'), runbooks);
      expect(await openedFilePath(handle, runbook(), noProc)).toBeUndefined();
    } finally {
      await handle.close();
    }
    // Opened through the swapped folder: the path resolves outside, to the file opened.
    const outside = await fsPromises.open(runbook(), 'r');
    try {
      expect(await openedFilePath(outside, runbook(), noProc)).toBe(
        join(platform.dir, 'outside', 'runbooks', 'rollback.md'),
      );
    } finally {
      await outside.close();
    }
  });
});
