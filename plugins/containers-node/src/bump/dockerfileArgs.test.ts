import { changedBuildArgs, moveDockerfileArgs } from './dockerfileArgs';

describe('changedBuildArgs', () => {
  it('lists the args whose resolved value changed', () => {
    expect(
      changedBuildArgs(
        { V: '1.0', URL: 'https://x/1.0/a.tgz', SAME: 'x', N: 1 },
        { V: '1.1', URL: 'https://x/1.1/a.tgz', SAME: 'x', N: 2 },
      ),
    ).toEqual([
      { name: 'V', from: '1.0', to: '1.1' },
      { name: 'URL', from: 'https://x/1.0/a.tgz', to: 'https://x/1.1/a.tgz' },
    ]);
    expect(changedBuildArgs(undefined, { V: '1' })).toEqual([]);
  });
});

describe('moveDockerfileArgs', () => {
  const changes = [
    { name: 'APP_VERSION', from: '1.0', to: '1.1' },
    { name: 'URL', from: 'https://x/1.0/', to: 'https://x/1.1/' },
  ];

  it('moves ARG defaults written as the old value, bare or quoted, in every stage', () => {
    const dockerfile = [
      'ARG APP_VERSION=1.0',
      'FROM scratch AS fetch',
      '  ARG APP_VERSION="1.0"   ',
      'ARG URL=https://x/1.0/',
      'RUN echo 1.0',
      '',
    ].join('\n');
    expect(moveDockerfileArgs(dockerfile, changes)).toBe(
      [
        'ARG APP_VERSION=1.1',
        'FROM scratch AS fetch',
        '  ARG APP_VERSION="1.1"   ',
        'ARG URL=https://x/1.1/',
        'RUN echo 1.0',
        '',
      ].join('\n'),
    );
  });

  it('keeps CRLF and leaves other defaults, other args and ARG without default', () => {
    const dockerfile =
      'ARG APP_VERSION=0.9\r\nARG OTHER=1.0\r\nARG APP_VERSION\r\nARG APP_VERSION=1.0\r\n';
    expect(moveDockerfileArgs(dockerfile, changes)).toBe(
      'ARG APP_VERSION=0.9\r\nARG OTHER=1.0\r\nARG APP_VERSION\r\nARG APP_VERSION=1.1\r\n',
    );
  });
});
