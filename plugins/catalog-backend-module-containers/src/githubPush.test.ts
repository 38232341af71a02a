import type { ContainersTargetSource } from './config';
import { pushChangesTarget, summarizePush } from './githubPush';

const platform: ContainersTargetSource = {
  type: 'url',
  url: 'https://github.com/example/data-platform/tree/main/containers',
};

/** The parts of GitHub's push webhook payload that matter, for a push to `main`. */
function push(overrides: Record<string, unknown> = {}, repository = {}) {
  return {
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    deleted: false,
    repository: {
      full_name: 'example/data-platform',
      html_url: 'https://github.com/example/data-platform',
      default_branch: 'main',
      ...repository,
    },
    ...overrides,
  };
}

describe('pushChangesTarget', () => {
  it('is true for a push to the branch a URL target reads, in its repository', () => {
    expect(pushChangesTarget(push(), platform)).toBe(true);
  });

  it('compares repository names and hosts without case, as GitHub does', () => {
    expect(
      pushChangesTarget(
        push({}, { full_name: 'Example/Data-Platform' }),
        platform,
      ),
    ).toBe(true);
    expect(
      pushChangesTarget(push(), {
        type: 'url',
        url: 'https://GitHub.com/EXAMPLE/data-platform/tree/main/containers',
      }),
    ).toBe(true);
  });

  it('is false for another branch, a tag, or a deleted branch', () => {
    expect(
      pushChangesTarget(push({ ref: 'refs/heads/feature' }), platform),
    ).toBe(false);
    expect(
      pushChangesTarget(push({ ref: 'refs/heads/mainline' }), platform),
    ).toBe(false);
    expect(pushChangesTarget(push({ ref: 'refs/tags/main' }), platform)).toBe(
      false,
    );
    expect(pushChangesTarget(push({ deleted: true }), platform)).toBe(false);
  });

  it('is false for another repository, or the same name on another host', () => {
    expect(
      pushChangesTarget(push({}, { full_name: 'example/other' }), platform),
    ).toBe(false);
    expect(
      pushChangesTarget(
        push({}, { html_url: 'https://ghe.example.com/example/data-platform' }),
        platform,
      ),
    ).toBe(false);
  });

  it("follows the repository's default branch when the URL names no branch", () => {
    const repoRoot: ContainersTargetSource = {
      type: 'url',
      url: 'https://github.com/example/data-platform',
    };
    expect(pushChangesTarget(push(), repoRoot)).toBe(true);
    expect(
      pushChangesTarget(push({ ref: 'refs/heads/develop' }), repoRoot),
    ).toBe(false);
    expect(
      pushChangesTarget(push({}, { default_branch: 'trunk' }), repoRoot),
    ).toBe(false);
  });

  it('reads the branch from the URL, not the default branch, when the URL names one', () => {
    const release: ContainersTargetSource = {
      type: 'url',
      url: 'https://github.com/example/data-platform/tree/release/1.x/containers',
    };
    expect(pushChangesTarget(push(), release)).toBe(false);
    expect(
      pushChangesTarget(push({ ref: 'refs/heads/release/1.x' }), release),
    ).toBe(true);
    expect(
      pushChangesTarget(push({ ref: 'refs/heads/release/2.x' }), release),
    ).toBe(false);
  });

  it('matches a GitHub Enterprise host with its port', () => {
    const enterprise: ContainersTargetSource = {
      type: 'url',
      url: 'http://127.0.0.1:8123/example/data-platform/tree/main/containers',
    };
    expect(
      pushChangesTarget(
        push({}, { html_url: 'http://127.0.0.1:8123/example/data-platform' }),
        enterprise,
      ),
    ).toBe(true);
    expect(
      pushChangesTarget(
        push({}, { html_url: 'http://127.0.0.1:9999/example/data-platform' }),
        enterprise,
      ),
    ).toBe(false);
  });

  it('is false for a local folder target, whatever is pushed', () => {
    expect(
      pushChangesTarget(push(), { type: 'path', path: '/srv/containers' }),
    ).toBe(false);
  });

  it('is false for payloads that are not a push webhook', () => {
    for (const payload of [
      undefined,
      null,
      'refs/heads/main',
      [],
      {},
      { ref: 'refs/heads/main' },
      push({ ref: 42 }),
      push({}, { full_name: undefined }),
      push({}, { html_url: 'ftp://github.com/example/data-platform' }),
      push({}, { html_url: 'not a url' }),
    ]) {
      expect(pushChangesTarget(payload, platform)).toBe(false);
    }
  });
});

describe('summarizePush', () => {
  it('names the repository, branch and commit of a push, for the log', () => {
    expect(summarizePush(push())).toEqual({
      repository: 'example/data-platform',
      branch: 'main',
      after: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    });
    expect(summarizePush({ zen: 'Keep it simple.' })).toBeUndefined();
  });
});
