import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { GuestPolicy } from '../config';
import { parseRepoTarget } from '../repoTarget';
import { createContainersPullRequestTargetAction } from './pullRequestTarget';

const TARGET = parseRepoTarget('github.com?owner=example&repo=data-platform');

async function run(
  input: Record<string, unknown>,
  options: { target?: typeof TARGET; guests?: GuestPolicy } = {
    target: TARGET,
  },
  extra: Record<string, unknown> = {},
) {
  const ctx = {
    ...createMockActionContext({ input: input as any }),
    ...extra,
  };
  await createContainersPullRequestTargetAction(options).handler(ctx as any);
  return ctx;
}

describe('containers:pull-request-target', () => {
  it('outputs the configured repository when the template names none', async () => {
    const ctx = await run({});
    expect(ctx.output).toHaveBeenCalledWith(
      'repoUrl',
      'github.com?owner=example&repo=data-platform',
    );
  });

  it.each([
    'github.com?owner=example&repo=data-platform',
    'github.com?owner=Example&repo=Data-Platform',
    'https://github.com/example/data-platform',
    '',
  ])(
    'accepts %j, the configured repository, and outputs its canonical form',
    async repoUrl => {
      const ctx = await run({ repoUrl });
      expect(ctx.output).toHaveBeenCalledWith(
        'repoUrl',
        'github.com?owner=example&repo=data-platform',
      );
    },
  );

  it.each([
    'github.com?owner=attacker&repo=data-platform',
    'github.com?owner=example&repo=data-platform-fork',
    'ghe.example.com?owner=example&repo=data-platform',
    'github.com?owner=example&repo=data-platform&owner=attacker',
    'github.com?owner=attacker&repo=x&owner=example',
    'not a repository',
  ])('refuses %j, naming the configured one', async repoUrl => {
    const ctx = createMockActionContext({ input: { repoUrl } as any });
    await expect(
      createContainersPullRequestTargetAction({ target: TARGET }).handler(
        ctx as any,
      ),
    ).rejects.toThrow(
      'Pull requests for new containers go to github.com?owner=example&repo=data-platform only',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('refuses when no target is configured, saying what to set', async () => {
    await expect(run({}, {})).rejects.toThrow(
      'set containers.scaffolder.pullRequestTarget (or platform.url)',
    );
  });

  it('refuses a guest unless allowGuests', async () => {
    const asGuest = {
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:development/guest'),
      user: { ref: 'user:development/guest' },
    };
    await expect(run({}, { target: TARGET }, asGuest)).rejects.toThrow(
      'containers:pull-request-target: guests may not create containers',
    );
    const ctx = await run(
      {},
      {
        target: TARGET,
        guests: {
          allowGuests: true,
          guestUserRefs: ['user:development/guest'],
        },
      },
      asGuest,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'repoUrl',
      'github.com?owner=example&repo=data-platform',
    );
  });
});
