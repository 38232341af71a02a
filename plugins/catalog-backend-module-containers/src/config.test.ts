import { ConfigReader, JsonValue } from '@backstage/config';
import {
  DEFAULT_LOCAL_SCHEDULE,
  DEFAULT_URL_SCHEDULE,
  readContainersTargets,
  readRegisteredFileDefaults,
} from './config';

function read(containers: JsonValue) {
  return readContainersTargets(
    new ConfigReader({ catalog: { providers: { containers } } }),
    '/srv/backstage/packages/backend',
  );
}

describe('readContainersTargets', () => {
  it('returns no targets when nothing is configured', () => {
    expect(readContainersTargets(new ConfigReader({}))).toEqual([]);
  });

  it('resolves a local path against the base directory, with the local defaults', () => {
    expect(read({ local: { path: '../../containers' } })).toEqual([
      {
        id: 'local',
        source: { type: 'path', path: '/srv/backstage/containers' },
        browseUrl: undefined,
        schedule: DEFAULT_LOCAL_SCHEDULE,
        defaults: {
          owner: undefined,
          system: 'data-platform',
          lifecycle: 'production',
        },
      },
    ]);
  });

  it('reads a URL target with its schedule, browse URL and defaults, in config order', () => {
    const targets = read({
      platform: {
        url: 'https://github.com/example/data-platform/tree/main/containers/',
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
        defaults: {
          owner: 'group:default/data-platform-team',
          system: 'lakehouse',
          lifecycle: 'experimental',
        },
      },
      local: {
        path: '/abs/containers',
        browseUrl: 'https://git.example.com/platform/-/tree/main/containers',
      },
    });
    expect(targets.map(t => t.id)).toEqual(['platform', 'local']);
    expect(targets[0]).toEqual({
      id: 'platform',
      source: {
        type: 'url',
        url: 'https://github.com/example/data-platform/tree/main/containers',
      },
      browseUrl: undefined,
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
      defaults: {
        owner: 'group:default/data-platform-team',
        system: 'lakehouse',
        lifecycle: 'experimental',
      },
    });
    expect(targets[1].source).toEqual({
      type: 'path',
      path: '/abs/containers',
    });
    expect(targets[1].browseUrl).toBe(
      'https://git.example.com/platform/-/tree/main/containers',
    );
  });

  it('uses the slower default schedule for URL targets', () => {
    const [target] = read({
      remote: { url: 'https://example.com/repo/containers' },
    });
    expect(target.schedule).toEqual(DEFAULT_URL_SCHEDULE);
  });

  it('accepts a cron schedule', () => {
    const [target] = read({
      local: {
        path: 'c',
        schedule: { frequency: { cron: '*/5 * * * *' }, timeout: 'PT1M' },
      },
    });
    expect(target.schedule.frequency).toEqual({ cron: '*/5 * * * *' });
  });

  it.each([
    [{ bad: {} }, /set exactly one of 'path'/],
    [
      { bad: { path: 'a', url: 'https://example.com/x' } },
      /set exactly one of 'path'/,
    ],
    [
      { bad: { url: 'not a url' } },
      /catalog.providers.containers.bad.url: 'not a url' is not a URL/,
    ],
    [{ bad: { url: 'ftp://example.com/x' } }, /must be an http\(s\) URL/],
    [{ bad: { path: 'a', browseUrl: 'nope' } }, /bad.browseUrl/],
    [{ 'has space': { path: 'a' } }, /the id must be letters/],
  ])('rejects %j with a message naming the key', (containers, message) => {
    expect(() => read(containers)).toThrow(message);
  });
});

describe('readRegisteredFileDefaults', () => {
  const config = (containers: JsonValue) =>
    new ConfigReader({ catalog: { providers: { containers } } });

  it("takes the first target's defaults, like the first target's containers", () => {
    expect(
      readRegisteredFileDefaults(
        config({
          first: { path: 'a', defaults: { owner: 'group:default/a' } },
          second: { path: 'b', defaults: { owner: 'group:default/b' } },
        }),
      ),
    ).toEqual({
      owner: 'group:default/a',
      system: 'data-platform',
      lifecycle: 'production',
    });
  });

  it('falls back to the module defaults without a target', () => {
    expect(readRegisteredFileDefaults(new ConfigReader({}))).toEqual({
      system: 'data-platform',
      lifecycle: 'production',
    });
  });
});
