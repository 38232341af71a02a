import {
  isEntityRef,
  isImageRepository,
  isPinnedImageReference,
  isPublishTag,
  isRegistry,
  isVersion,
} from './patterns';

describe('image references', () => {
  it.each([
    'docker.io/library/debian:bookworm-slim',
    'debian:12',
    'localhost:5000/team/app:1.0',
    `docker.io/library/python:3.12-slim@sha256:${'a'.repeat(64)}`,
    `python@sha256:${'b'.repeat(64)}`,
  ])('accepts the pinned reference %s', ref => {
    expect(isPinnedImageReference(ref)).toBe(true);
  });

  it.each([
    'docker.io/library/debian',
    'debian:bookworm slim',
    'debian:12\nRUN rm -rf /',
    'debian:12"',
    "debian:'12'",
    'debian:12 AS evil',
    '$(id):1',
    'Debian:12',
    'debian:${TAG}',
    `python@sha256:${'a'.repeat(63)}`,
  ])('refuses %j as a base image', ref => {
    expect(isPinnedImageReference(ref)).toBe(false);
  });

  it('tells repositories from references', () => {
    expect(isImageRepository('ghcr.io/example/data-platform/trino')).toBe(true);
    expect(isImageRepository('ghcr.io/example/trino:1')).toBe(false);
    expect(isImageRepository('ghcr.io/Example/trino')).toBe(false);
    expect(isRegistry('ghcr.io/example/data-platform')).toBe(true);
    expect(isRegistry('ghcr.io/example/data platform')).toBe(false);
  });
});

describe('versions, tags and owners', () => {
  it.each([
    '4.0.1',
    '476',
    '17.6-bookworm',
    'v2.1.0',
    '1.1.0-incubating',
    'RELEASE.2025-09-07T16-13-09Z',
  ])('accepts the version %s', version =>
    expect(isVersion(version)).toBe(true),
  );

  it.each(['', '4.0.1 ', '1"', "1'", '1\n2', '$(id)', '-1', '1;rm'])(
    'refuses the version %j',
    version => expect(isVersion(version)).toBe(false),
  );

  it('accepts tags and tokens as publish tags', () => {
    expect(isPublishTag('latest')).toBe(true);
    expect(isPublishTag('!version.current')).toBe(true);
    expect(isPublishTag('two words')).toBe(false);
    expect(isPublishTag('.hidden')).toBe(false);
  });

  it('accepts entity references only', () => {
    expect(isEntityRef('group:default/data-platform-team')).toBe(true);
    expect(isEntityRef('user:jane')).toBe(true);
    expect(isEntityRef('group:default/x | y')).toBe(false);
    expect(isEntityRef('group:default/`x`')).toBe(false);
  });
});
