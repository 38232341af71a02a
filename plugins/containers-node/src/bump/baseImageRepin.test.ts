import { planBaseImageRepin } from './baseImageRepin';

const OLD = `sha256:${'0'.repeat(64)}`;
const NEW = `sha256:${'1'.repeat(64)}`;
const label = 'containers/app/container.yaml';

function options(
  written: string,
  resolved = written,
  extra: { tag?: string; version?: string } = {},
) {
  const asked: Array<{ name: string; tag: string }> = [];
  return {
    asked,
    options: {
      container: { runtime: { base_image: written } },
      image: resolved,
      version: extra.version ?? '1.0.0',
      tag: extra.tag,
      label,
      manifestDigest: async (image: { name: string; tag: string }) => {
        asked.push(image);
        return NEW;
      },
    },
  };
}

describe('planBaseImageRepin', () => {
  it('pins the same tag to the digest the registry gives now', async () => {
    const { options: o, asked } = options(`python:3.12-slim@${OLD}`);
    expect(await planBaseImageRepin(o)).toEqual({
      pin: {
        path: ['runtime', 'base_image'],
        value: `python:3.12-slim@${NEW}`,
      },
      reason: 'rebuilt',
    });
    expect(asked).toEqual([{ name: 'python', tag: '3.12-slim' }]);
  });

  it('is nothing when the registry gives the pinned digest', async () => {
    const { options: o } = options(`python:3.12-slim@${NEW}`);
    expect(await planBaseImageRepin(o)).toBeUndefined();
  });

  it('moves to a newer tag and its digest; without a digest only the tag', async () => {
    const pinned = options(`python:3.12.7-slim@${OLD}`, undefined, {
      tag: '3.12.8-slim',
    });
    expect(await planBaseImageRepin(pinned.options)).toEqual({
      pin: {
        path: ['runtime', 'base_image'],
        value: `python:3.12.8-slim@${NEW}`,
      },
      reason: 'newer-tag',
    });
    expect(pinned.asked).toEqual([{ name: 'python', tag: '3.12.8-slim' }]);
    const unpinned = options('python:3.12.7-slim', undefined, {
      tag: '3.12.8-slim',
    });
    expect((await planBaseImageRepin(unpinned.options))?.pin.value).toBe(
      'python:3.12.8-slim',
    );
    expect(unpinned.asked).toEqual([]);
  });

  it('keeps tokens in the written reference and changes only the digest', async () => {
    const { options: o } = options(
      `postgres:!version.current@${OLD}`,
      `postgres:17.6@${OLD}`,
    );
    expect((await planBaseImageRepin(o))?.pin.value).toBe(
      `postgres:!version.current@${NEW}`,
    );
  });

  it('refuses a container without a base image', async () => {
    const { options: o } = options('');
    await expect(
      planBaseImageRepin({ ...o, image: undefined }),
    ).rejects.toThrow(`${label} has no runtime.base_image to re-pin`);
  });

  it.each([
    ['python', undefined, 'is not pinned by digest'],
    ['python:3.12-slim', undefined, 'is not pinned by digest'],
    [`python@${OLD}`, undefined, 'is pinned by digest only'],
    [
      'python:3.12@sha256:abc',
      undefined,
      'is pinned by a digest that is not written as sha256:<64 hex>',
    ],
  ])('refuses %s', async (written, tag, message) => {
    const { options: o, asked } = options(written, written, { tag });
    await expect(planBaseImageRepin(o)).rejects.toThrow(message);
    expect(asked).toEqual([]);
  });

  it('refuses a newer tag written through a token or carrying the version', async () => {
    const token = options(
      `postgres:!version.current@${OLD}`,
      `postgres:17.6@${OLD}`,
      {
        tag: '17.7',
      },
    );
    await expect(planBaseImageRepin(token.options)).rejects.toThrow(
      "the base image's tag is written through a token",
    );
    const carries = options(
      `apache/airflow:3.1.5-python3.10@${OLD}`,
      undefined,
      {
        tag: '3.1.6-python3.10',
        version: '3.1.5',
      },
    );
    await expect(planBaseImageRepin(carries.options)).rejects.toThrow(
      'carries version.current "3.1.5": it moves with the version, not on its own',
    );
  });
});
