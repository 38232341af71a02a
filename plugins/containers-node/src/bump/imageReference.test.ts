import {
  formatImageReference,
  parseImageReference,
  replaceVersionInTag,
} from './imageReference';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['postgres', { name: 'postgres' }],
    ['postgres:17', { name: 'postgres', tag: '17' }],
    [
      `docker.io/library/postgres:17.6-bookworm@${DIGEST}`,
      {
        name: 'docker.io/library/postgres',
        tag: '17.6-bookworm',
        digest: DIGEST,
      },
    ],
    [
      `127.0.0.1:5000/app@${DIGEST}`,
      { name: '127.0.0.1:5000/app', digest: DIGEST },
    ],
    ['127.0.0.1:5000/app:1.0', { name: '127.0.0.1:5000/app', tag: '1.0' }],
    [
      'python:!version.current-slim',
      { name: 'python', tag: '!version.current-slim' },
    ],
  ])('%s', (reference, parts) => {
    expect(parseImageReference(reference)).toEqual(parts);
    expect(formatImageReference(parseImageReference(reference))).toBe(
      reference,
    );
  });
});

describe('replaceVersionInTag', () => {
  it.each([
    ['3.1.5-python3.10', '3.1.5', '3.1.6', '3.1.6-python3.10'],
    ['17.6-bookworm', '17.6-bookworm', '17.7-bookworm', '17.7-bookworm'],
    ['17.6-bookworm', '17.6', '17.7', '17.7-bookworm'],
    ['v2.1.0', '2.1.0', '2.2.0', 'v2.2.0'],
    ['jre-21_noble', '21', '25', 'jre-25_noble'],
    ['476', '476', '479', '479'],
  ])('%s carries %s', (tag, from, to, expected) => {
    expect(replaceVersionInTag(tag, from, to)).toBe(expected);
  });

  it.each([
    ['3.10-slim', '3.1'],
    ['python3.12', '3.12'],
    ['13.1.0', '3.1.0'],
    ['4.1.0.1', '4.1.0'],
    ['3.12-slim-bookworm', '4.0.1'],
    ['anything', ''],
  ])('%s does not carry %s', (tag, from) => {
    expect(replaceVersionInTag(tag, from, 'x')).toBeUndefined();
  });

  it('takes versions literally, not as patterns', () => {
    expect(replaceVersionInTag('1x2', '1.2', '1.3')).toBeUndefined();
    expect(replaceVersionInTag('1.2', '1.2', '$&$&')).toBe('$&$&');
  });
});
