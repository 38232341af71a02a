import { ConfigReader } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import path from 'node:path';
import { REPO_ROOT } from '@dockyard/test-utils';
import { readContainersScaffolderConfig } from './config';

const read = (data: object) =>
  readContainersScaffolderConfig(
    new ConfigReader(data),
    '/srv/backstage/packages/backend',
  );

describe('readContainersScaffolderConfig', () => {
  it('is disabled and has no platform when nothing is configured', () => {
    expect(read({})).toEqual({
      platform: undefined,
      localPublish: {
        enabled: false,
        path: undefined,
        branchPrefix: 'dockyard/new-',
        author: undefined,
        refreshTarget: undefined,
      },
      guests: { allowGuests: false, guestUserRefs: ['user:development/guest'] },
      pullRequestTarget: undefined,
    });
  });

  it('resolves a local platform against the working directory and publishes into it', () => {
    expect(
      read({
        containers: {
          scaffolder: {
            platform: { path: '../..' },
            localPublish: { enabled: true },
          },
        },
      }),
    ).toEqual({
      platform: { type: 'path', path: '/srv/backstage' },
      localPublish: {
        enabled: true,
        path: '/srv/backstage',
        branchPrefix: 'dockyard/new-',
        author: undefined,
        refreshTarget: undefined,
      },
      guests: { allowGuests: false, guestUserRefs: ['user:development/guest'] },
      pullRequestTarget: undefined,
    });
  });

  it('reads a remote platform, and every local publishing option', () => {
    expect(
      read({
        containers: {
          scaffolder: {
            platform: {
              url: 'https://github.com/example/data-platform/tree/main/',
            },
            localPublish: {
              enabled: true,
              path: '/checkouts/platform',
              branchPrefix: 'new-container/',
              author: { name: 'Portal', email: 'portal@example.com' },
              refreshTarget: 'platform',
            },
          },
        },
      }),
    ).toEqual({
      platform: {
        type: 'url',
        url: 'https://github.com/example/data-platform/tree/main',
      },
      localPublish: {
        enabled: true,
        path: '/checkouts/platform',
        branchPrefix: 'new-container/',
        author: { name: 'Portal', email: 'portal@example.com' },
        refreshTarget: 'platform',
      },
      guests: { allowGuests: false, guestUserRefs: ['user:development/guest'] },
      // The pull requests go to the platform repository.
      pullRequestTarget: {
        host: 'github.com',
        owner: 'example',
        repo: 'data-platform',
      },
    });
  });

  it('reads allowGuests, and the guest provider user as a guest besides its default', () => {
    expect(
      read({
        auth: { providers: { guest: { userEntityRef: 'user:default/Guest' } } },
        containers: { scaffolder: { allowGuests: true } },
      }).guests,
    ).toEqual({
      allowGuests: true,
      guestUserRefs: ['user:development/guest', 'user:default/guest'],
    });
    expect(
      read({ auth: { providers: { guest: { userEntityRef: 'visitor' } } } })
        .guests.guestUserRefs,
    ).toEqual(['user:development/guest', 'user:default/visitor']);
  });

  it('takes an explicit pull-request target over the platform URL', () => {
    expect(
      read({
        containers: {
          scaffolder: {
            platform: { url: 'https://github.com/example/data-platform' },
            pullRequestTarget: 'ghe.example.com?owner=platform&repo=images',
          },
        },
      }).pullRequestTarget,
    ).toEqual({ host: 'ghe.example.com', owner: 'platform', repo: 'images' });
  });

  it.each([
    [
      { platform: { path: '.', url: 'https://x.example' } },
      "set either 'path'",
    ],
    [{ platform: { url: 'file:///etc' } }, 'must be an http(s) URL'],
    [
      { localPublish: { branchPrefix: 'bad prefix ' } },
      'not a usable git branch prefix',
    ],
    [
      { localPublish: { branchPrefix: 'a..b/' } },
      'not a usable git branch prefix',
    ],
    [
      { pullRequestTarget: 'github.com?owner=example' },
      "containers.scaffolder.pullRequestTarget: 'github.com?owner=example' is not a repository",
    ],
  ])('refuses %j', (scaffolder, message) => {
    expect(() => read({ containers: { scaffolder } })).toThrow(message);
  });
});

describe("this repository's app-config", () => {
  async function load(files: string[], env: Record<string, string> = {}) {
    const source = ConfigSources.default({
      argv: files.flatMap(file => ['--config', path.join(REPO_ROOT, file)]),
      // ${VAR} in the files is read from process.env, as when the backend starts.
      substitutionFunc: async name => env[name],
      watch: false,
    });
    return readContainersScaffolderConfig(
      await ConfigSources.toConfig(source),
      path.join(REPO_ROOT, 'packages/backend'),
    );
  }

  it('publishes into this checkout in the embedded default', async () => {
    expect(await load(['app-config.yaml'])).toMatchObject({
      platform: { type: 'path', path: REPO_ROOT },
      localPublish: { enabled: true, path: REPO_ROOT },
      // Everybody is the guest there.
      guests: {
        allowGuests: true,
        guestUserRefs: ['user:development/guest', 'user:default/guest'],
      },
      pullRequestTarget: undefined,
    });
  });

  it('reads the platform from GitHub and never writes locally in production', async () => {
    const settings = await load(
      ['app-config.yaml', 'app-config.production.yaml'],
      {
        PLATFORM_REPO_URL: 'https://github.com/example/data-platform/tree/main',
      },
    );
    expect(settings.platform).toEqual({
      type: 'url',
      url: 'https://github.com/example/data-platform/tree/main',
    });
    expect(settings.localPublish.enabled).toBe(false);
    expect(settings.guests.allowGuests).toBe(false);
    expect(settings.pullRequestTarget).toEqual({
      host: 'github.com',
      owner: 'example',
      repo: 'data-platform',
    });
  });
});
