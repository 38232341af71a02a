import { ConfigReader } from '@backstage/config';
import { configuredHosts, readDriftConfig } from './config';

describe('readDriftConfig', () => {
  it('has defaults for the public services', () => {
    const config = readDriftConfig(new ConfigReader({}));
    expect(config).toMatchObject({
      github: [{ host: 'github.com', apiBaseUrl: 'https://api.github.com' }],
      registries: {},
      endpoints: {
        pypi: 'https://pypi.org',
        npm: 'https://registry.npmjs.org',
        maven: 'https://repo1.maven.org/maven2',
        endoflife: 'https://endoflife.date',
      },
      allowedHosts: undefined,
      concurrency: 8,
      requestTimeoutMs: 10_000,
      retries: 2,
      maxRetryWaitMs: 60_000,
      maxPages: 50,
      maxResponseBytes: 5 * 1024 * 1024,
      schedule: { frequency: { minutes: 30 } },
    });
    expect(config.endpoints.helm).toBeUndefined();
  });

  it('reads integrations.github and everything under containers.drift', () => {
    const config = readDriftConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'github.com',
              apiBaseUrl: 'http://127.0.0.1:9000/api/',
              token: 't0',
            },
            { host: 'ghe.example.com', token: 't1' },
          ],
        },
        containers: {
          drift: {
            allowedHosts: ['127.0.0.1'],
            registries: {
              'docker.io': {
                baseUrl: 'http://127.0.0.1:9001/',
                username: 'u',
                password: 'p',
              },
              '127.0.0.1:5000': {
                baseUrl: 'http://127.0.0.1:5000',
                token: 'r',
              },
            },
            endpoints: {
              pypi: 'http://127.0.0.1:9002/',
              helm: 'http://127.0.0.1:9003/charts',
            },
            concurrency: 2,
            requestTimeout: '3s',
            retries: 0,
            maxRetryWait: { seconds: 5 },
            maxPages: 3,
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
          },
        },
      }),
    );
    expect(config.github).toEqual([
      {
        host: 'github.com',
        apiBaseUrl: 'http://127.0.0.1:9000/api',
        token: 't0',
      },
      {
        host: 'ghe.example.com',
        apiBaseUrl: 'https://ghe.example.com/api/v3',
        token: 't1',
      },
    ]);
    expect(config.registries).toEqual({
      'docker.io': {
        baseUrl: 'http://127.0.0.1:9001',
        username: 'u',
        password: 'p',
        token: undefined,
        credentialHosts: ['auth.docker.io'],
      },
      '127.0.0.1:5000': {
        baseUrl: 'http://127.0.0.1:5000',
        token: 'r',
        username: undefined,
        password: undefined,
        credentialHosts: [],
      },
    });
    expect(config).toMatchObject({
      endpoints: {
        pypi: 'http://127.0.0.1:9002',
        helm: 'http://127.0.0.1:9003/charts',
        npm: 'https://registry.npmjs.org',
      },
      allowedHosts: ['127.0.0.1'],
      concurrency: 2,
      requestTimeoutMs: 3000,
      retries: 0,
      maxRetryWaitMs: 5000,
      maxPages: 3,
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
    });
  });

  it.each([
    [
      { endpoints: { pypi: 'not a url' } },
      /containers.drift.endpoints.pypi: "not a url" is not an http\(s\) URL/,
    ],
    [
      { registries: { 'docker.io': {} } },
      /containers.drift.registries\["docker.io"\].baseUrl/,
    ],
    [
      { registries: ['docker.io'] },
      /expected an object keyed by registry host/,
    ],
    [{ retries: -1 }, /containers.drift.retries: expected a whole number/],
    [
      { maxResponseBytes: 1.5 },
      /containers.drift.maxResponseBytes: expected a whole number/,
    ],
    [{ requestTimeout: 'soon' }, /requestTimeout/],
    [
      { eol: { warningDays: -1 } },
      /containers.drift.eol.warningDays: expected a whole number/,
    ],
    [{ eol: { warningDays: 'soon' } }, /eol.warningDays/],
  ])('names the key of a wrong value: %j', (drift, message) => {
    expect(() =>
      readDriftConfig(new ConfigReader({ containers: { drift } })),
    ).toThrow(message);
  });

  it('reads the EOL warning window, 90 days by default', () => {
    expect(readDriftConfig(new ConfigReader({})).eolWarningDays).toBe(90);
    expect(
      readDriftConfig(
        new ConfigReader({
          containers: { drift: { eol: { warningDays: 30 } } },
        }),
      ).eolWarningDays,
    ).toBe(30);
  });

  it('reads maxResponseBytes', () => {
    expect(
      readDriftConfig(
        new ConfigReader({
          containers: { drift: { maxResponseBytes: 65536 } },
        }),
      ).maxResponseBytes,
    ).toBe(65536);
  });

  it('reads the notifications and the first-check schedule, with defaults', () => {
    const defaults = readDriftConfig(new ConfigReader({}));
    expect(defaults.notifications).toEqual({
      enabled: undefined,
      behindThreshold: 'minor',
      failuresInARow: 3,
    });
    expect(defaults.firstCheckSchedule).toMatchObject({
      frequency: { seconds: 10 },
      initialDelay: { seconds: 3 },
    });
    const read = readDriftConfig(
      new ConfigReader({
        containers: {
          drift: {
            notifications: {
              enabled: false,
              behindThreshold: 'major',
              failuresInARow: 5,
            },
            firstCheckSchedule: { frequency: { minutes: 1 }, timeout: '1m' },
          },
        },
      }),
    );
    expect(read.notifications).toEqual({
      enabled: false,
      behindThreshold: 'major',
      failuresInARow: 5,
    });
    expect(read.firstCheckSchedule.frequency).toEqual({ minutes: 1 });
  });

  it('names the key of a wrong notifications value', () => {
    const read = (notifications: object) => () =>
      readDriftConfig(
        new ConfigReader({ containers: { drift: { notifications } } }),
      );
    expect(read({ behindThreshold: 'patch' })).toThrow(
      'Invalid config at containers.drift.notifications.behindThreshold: expected major or minor, got "patch"',
    );
    expect(read({ failuresInARow: 1.5 })).toThrow(
      'Invalid config at containers.drift.notifications.failuresInARow: expected a whole number, got 1.5',
    );
  });
});

describe('configuredHosts', () => {
  it('lists every endpoint host with its port, and the credential hosts', () => {
    const config = readDriftConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: 'github.com', apiBaseUrl: 'http://127.0.0.1:9000/api' },
            { host: 'ghe.example.com' },
          ],
        },
        containers: {
          drift: {
            registries: {
              'registry.internal': {
                baseUrl: 'https://registry.internal:5000',
                credentialHosts: ['auth.internal'],
              },
            },
            endpoints: { helm: 'http://charts.internal/charts' },
          },
        },
      }),
    );
    expect(configuredHosts(config).sort()).toEqual(
      [
        '127.0.0.1:9000',
        'ghe.example.com:443',
        'registry.internal:5000',
        'registry-1.docker.io:443',
        'pypi.org:443',
        'registry.npmjs.org:443',
        'repo1.maven.org:443',
        'charts.internal:80',
        'endoflife.date:443',
        'auth.docker.io',
        'auth.internal',
      ].sort(),
    );
  });
});
