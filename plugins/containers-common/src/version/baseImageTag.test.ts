import { baseImageTrack, computeBaseImageTagDrift } from './baseImageTag';

const tags = (...list: string[]) => list.map(tag => ({ tag }));

const PYTHON = tags(
  '3.12.7-slim-bookworm',
  '3.12.8-slim-bookworm',
  '3.12.8-slim',
  '3.12-slim-bookworm',
  '3.12.8-bookworm',
  '3.13.1-slim-bookworm',
  '3.13-slim-bookworm',
  '3.14.0rc1-slim-bookworm',
  'slim-bookworm',
  'latest',
);

describe('baseImageTrack', () => {
  it('keeps the first two numbers, or the major of a two-number version', () => {
    expect(baseImageTrack([3, 12, 7])).toBe('3.12.*');
    expect(baseImageTrack([21, 0, 5, 11])).toBe('21.0.*');
    expect(baseImageTrack([17, 6])).toBe('17.*');
    expect(baseImageTrack([476])).toBeUndefined();
  });
});

describe('computeBaseImageTagDrift', () => {
  it('finds the newer tag in the lane and keeps the variant suffix', () => {
    expect(computeBaseImageTagDrift('3.12.7-slim-bookworm', PYTHON)).toEqual({
      status: 'behind',
      latestTag: '3.12.8-slim-bookworm',
      newestTag: '3.13.1-slim-bookworm',
      behind: { major: 0, minor: 0, patch: 1, releases: 1 },
    });
  });

  it('is up to date at the newest tag of its lane', () => {
    expect(
      computeBaseImageTagDrift('3.12.8-slim-bookworm', PYTHON),
    ).toMatchObject({
      status: 'up-to-date',
      latestTag: '3.12.8-slim-bookworm',
      newestTag: '3.13.1-slim-bookworm',
    });
  });

  it('takes a moving tag as its own lane: only its digest tells', () => {
    expect(computeBaseImageTagDrift('3.12-slim-bookworm', PYTHON)).toEqual({
      status: 'up-to-date',
      latestTag: '3.12-slim-bookworm',
      moving: true,
    });
    expect(
      computeBaseImageTagDrift(
        '17-jre-noble',
        tags('17-jre-noble', '17.0.13_11-jre-noble', '21-jre-noble'),
      ),
    ).toMatchObject({ status: 'up-to-date', moving: true });
  });

  it('reads build numbers glued with _ (Eclipse Temurin) in the lane of the minor', () => {
    expect(
      computeBaseImageTagDrift(
        '21.0.5_11-jre-noble',
        tags(
          '21.0.5_11-jre-noble',
          '21.0.6_7-jre-noble',
          '21.0.6_7-jdk-noble',
          '21-jre-noble',
          '25.0.1_8-jre-noble',
        ),
      ),
    ).toMatchObject({
      status: 'behind',
      latestTag: '21.0.6_7-jre-noble',
      newestTag: '25.0.1_8-jre-noble',
    });
  });

  it('keeps a two-number version in its major (postgres 17.6 → 17.7, not 18.1)', () => {
    expect(
      computeBaseImageTagDrift(
        '17.6-bookworm',
        tags('17.6-bookworm', '17.7-bookworm', '18.1-bookworm', '17-bookworm'),
      ),
    ).toMatchObject({
      status: 'behind',
      latestTag: '17.7-bookworm',
      newestTag: '18.1-bookworm',
    });
  });

  it('says unknown for a tag that is not a version', () => {
    expect(computeBaseImageTagDrift('bookworm-slim', PYTHON)).toEqual({
      status: 'unknown',
      error:
        'tag "bookworm-slim" is not a version: only its digest is compared',
    });
    expect(computeBaseImageTagDrift('latest', PYTHON).status).toBe('unknown');
  });

  it('says unknown when the registry lists nothing in the lane', () => {
    expect(computeBaseImageTagDrift('3.11.2-alpine', PYTHON)).toMatchObject({
      status: 'unknown',
    });
  });
});
