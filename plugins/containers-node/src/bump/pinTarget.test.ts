import { pinTarget } from './pinTarget';

describe('pinTarget', () => {
  const container = {
    version: { current: '!build.args.APP_VERSION' },
    runtime: { base_image: 'python:3.12' },
    build: {
      args: {
        APP_VERSION: '!build.args.REAL',
        REAL: '1.2.3',
        URL: 'https://example.com/app-!version.current.tgz',
      },
    },
    publish: { labels: { 'org.opencontainers.image.version': '4.0' } },
    loop: { a: '!loop.b', b: '!loop.a' },
  };

  it('is the field itself when it holds a value', () => {
    expect(pinTarget(container, ['runtime', 'base_image'])).toEqual({
      path: ['runtime', 'base_image'],
      raw: 'python:3.12',
      composed: false,
    });
  });

  it('follows whole-string tokens to the field that holds the value', () => {
    expect(pinTarget(container, ['version', 'current'])).toEqual({
      path: ['build', 'args', 'REAL'],
      raw: '1.2.3',
      composed: false,
    });
  });

  it('says when a token sits inside a longer string', () => {
    expect(pinTarget(container, ['build', 'args', 'URL'])).toMatchObject({
      path: ['build', 'args', 'URL'],
      composed: true,
    });
  });

  it('reads keys with dots, longest first', () => {
    const labels = {
      ...container,
      version: { current: '!publish.labels.org.opencontainers.image.version' },
    };
    expect(pinTarget(labels, ['version', 'current']).path).toEqual([
      'publish',
      'labels',
      'org.opencontainers.image.version',
    ]);
  });

  it('stops on a cycle and on a field that is not text', () => {
    expect(() => pinTarget(container, ['loop', 'a'])).toThrow(
      'tokens refer to each other more than 32 times',
    );
    expect(() => pinTarget(container, ['build', 'args'])).toThrow(
      'build.args is not text',
    );
  });
});
