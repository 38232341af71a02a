import { ConfigReader } from '@backstage/config';
import { DEFAULT_MAX_FILE_BYTES, readFilesConfig } from './filesConfig';

describe('readFilesConfig', () => {
  it("defaults to every local container target's folder and the docs beside it, not the checkout", () => {
    const config = new ConfigReader({
      catalog: {
        providers: {
          containers: {
            local: { path: '../../containers' },
            other: { path: '/srv/platform/containers/' },
            remote: {
              url: 'https://github.com/example/platform/tree/main/containers',
            },
          },
        },
      },
    });
    expect(readFilesConfig(config, '/opt/portal/packages/backend')).toEqual({
      allowedRoots: [
        '/opt/portal/containers',
        '/opt/portal/docs',
        '/srv/platform/containers',
        '/srv/platform/docs',
      ],
      maxBytes: DEFAULT_MAX_FILE_BYTES,
    });
  });

  it('takes configured roots, relative to the backend working directory, instead', () => {
    const config = new ConfigReader({
      catalog: {
        providers: { containers: { local: { path: '../../containers' } } },
      },
      containers: {
        files: {
          allowedRoots: ['../../containers', '../../docs', '/srv/shared'],
          maxBytes: 1024,
        },
      },
    });
    expect(readFilesConfig(config, '/opt/portal/packages/backend')).toEqual({
      allowedRoots: [
        '/opt/portal/containers',
        '/opt/portal/docs',
        '/srv/shared',
      ],
      maxBytes: 1024,
    });
  });

  it('serves nothing without local targets or roots', () => {
    expect(
      readFilesConfig(new ConfigReader({}), '/anywhere').allowedRoots,
    ).toEqual([]);
  });

  it('lists a root shared by two targets once', () => {
    const config = new ConfigReader({
      catalog: {
        providers: {
          containers: {
            a: { path: '/p/containers' },
            b: { path: '/p/images' },
          },
        },
      },
    });
    expect(readFilesConfig(config, '/').allowedRoots).toEqual([
      '/p/containers',
      '/p/docs',
      '/p/images',
    ]);
  });

  it('refuses a size limit that is not a positive number of bytes', () => {
    for (const maxBytes of [0, -5, 1.5]) {
      expect(() =>
        readFilesConfig(
          new ConfigReader({ containers: { files: { maxBytes } } }),
        ),
      ).toThrow(
        `containers.files.maxBytes must be a positive whole number of bytes, got ${maxBytes}`,
      );
    }
  });
});
