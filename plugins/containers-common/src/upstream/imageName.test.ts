import { imagePageUrl, parseImageName } from './imageName';

describe('parseImageName', () => {
  it.each([
    ['postgres', 'docker.io', 'library/postgres'],
    ['docker.io/postgres', 'docker.io', 'library/postgres'],
    ['docker.io/library/postgres:17.6', 'docker.io', 'library/postgres'],
    ['apache/spark', 'docker.io', 'apache/spark'],
    ['quay.io/minio/minio', 'quay.io', 'minio/minio'],
    [
      'ghcr.io/example/data-platform/trino@sha256:abc',
      'ghcr.io',
      'example/data-platform/trino',
    ],
    ['127.0.0.1:5000/team/app', '127.0.0.1:5000', 'team/app'],
    ['localhost/app', 'localhost', 'app'],
  ])('%s', (image, registry, repository) => {
    expect(parseImageName(image)).toEqual({ registry, repository });
  });

  it('refuses what is not an image name', () => {
    expect(() => parseImageName('Not An Image')).toThrow(
      /is not an image name/,
    );
  });
});

describe('imagePageUrl', () => {
  it.each([
    ['postgres', 'https://hub.docker.com/_/postgres'],
    ['apache/spark', 'https://hub.docker.com/r/apache/spark'],
    ['quay.io/minio/minio', 'https://quay.io/repository/minio/minio'],
    [
      'ghcr.io/example/data-platform/trino',
      'https://github.com/example/packages',
    ],
    ['registry.example.com/team/app', undefined],
  ])('%s → %s', (image, page) => {
    expect(imagePageUrl(parseImageName(image))).toBe(page);
  });
});
