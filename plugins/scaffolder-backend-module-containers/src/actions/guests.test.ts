import { mockCredentials } from '@backstage/backend-test-utils';
import { guestOf, refuseGuests } from './guests';

const GUESTS = ['user:development/guest', 'user:default/guest'];

describe('guestOf', () => {
  it('is undefined for a signed-in user', () => {
    expect(
      guestOf(
        mockCredentials.user('user:default/jane'),
        'user:default/jane',
        GUESTS,
      ),
    ).toBeUndefined();
  });

  it.each([
    'user:development/guest',
    'user:default/guest',
    'User:Default/Guest',
  ])('names the guest provider user %s', ref => {
    expect(guestOf(mockCredentials.user(ref), ref, GUESTS)).toBe(ref);
  });

  it('treats a task whose recorded author is the guest as a guest run, whoever retried it', () => {
    expect(
      guestOf(
        mockCredentials.user('user:default/jane'),
        'user:default/guest',
        GUESTS,
      ),
    ).toBe('user:default/guest');
  });

  it('treats a caller that is no user as a guest', () => {
    expect(
      guestOf(mockCredentials.service('plugin:catalog'), undefined, GUESTS),
    ).toBe('the service plugin:catalog');
    expect(guestOf(mockCredentials.none(), undefined, GUESTS)).toBe(
      'nobody signed in',
    );
    expect(guestOf(undefined, 'user:default/jane', GUESTS)).toBe(
      'nobody signed in',
    );
  });
});

describe('refuseGuests', () => {
  const context = (ref: string) => ({
    getInitiatorCredentials: async () => mockCredentials.user(ref),
    user: { ref },
  });

  it('refuses a guest with a message that says how to allow it', async () => {
    await expect(
      refuseGuests(
        context('user:default/guest'),
        { allowGuests: false, guestUserRefs: GUESTS },
        'containers:create',
      ),
    ).rejects.toThrow(
      'containers:create: guests may not create containers on this portal (the task was started by user:default/guest); sign in, or set containers.scaffolder.allowGuests to true',
    );
  });

  it('lets a guest through when allowGuests is true, and a signed-in user always', async () => {
    await expect(
      refuseGuests(
        context('user:default/guest'),
        { allowGuests: true, guestUserRefs: GUESTS },
        'containers:create',
      ),
    ).resolves.toBeUndefined();
    await expect(
      refuseGuests(
        context('user:default/jane'),
        { allowGuests: false, guestUserRefs: GUESTS },
        'containers:create',
      ),
    ).resolves.toBeUndefined();
  });

  it('refuses when the task has no credentials to show', async () => {
    await expect(
      refuseGuests(
        {
          getInitiatorCredentials: () => Promise.reject(new Error('no auth')),
          user: { ref: 'user:default/jane' },
        },
        { allowGuests: false, guestUserRefs: GUESTS },
        'containers:publish-local',
      ),
    ).rejects.toThrow('(the task was started by nobody signed in)');
  });
});
