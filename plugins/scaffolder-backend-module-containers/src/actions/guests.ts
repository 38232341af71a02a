import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { GuestPolicy } from '../config';

/** Guests are refused; only the guest provider's default counts as a guest. */
export const DEFAULT_GUEST_POLICY: GuestPolicy = {
  allowGuests: false,
  guestUserRefs: ['user:development/guest'],
};

/**
 * Who started the task, as far as these actions are concerned: a signed-in user, or a guest
 * (the guest provider's user, or a caller that is no user at all: a service, or nobody).
 * Both the credentials of whoever started or retried the task and the task's recorded author
 * are checked, and either being a guest makes the run a guest's.
 */
export function guestOf(
  credentials: BackstageCredentials | undefined,
  taskUserRef: string | undefined,
  guestUserRefs: readonly string[],
): string | undefined {
  const principal = credentials?.principal as
    | { type?: string; userEntityRef?: string; subject?: string }
    | undefined;
  const isGuestRef = (ref: string) => guestUserRefs.includes(ref.toLowerCase());
  if (principal?.type !== 'user' || !principal.userEntityRef) {
    return principal?.type === 'service'
      ? `the service ${principal.subject ?? '(unnamed)'}`
      : 'nobody signed in';
  }
  if (isGuestRef(principal.userEntityRef)) return principal.userEntityRef;
  if (taskUserRef && isGuestRef(taskUserRef)) return taskUserRef;
  return undefined;
}

interface InitiatorContext {
  getInitiatorCredentials(): Promise<BackstageCredentials>;
  user?: { ref?: string };
}

/**
 * Refuses to go on when a guest started the task and `containers.scaffolder.allowGuests` is not
 * true. The credentials come from the task (kept by the scaffolder when the task was created or
 * retried), not from the form, so a guest cannot claim to be someone else.
 */
export async function refuseGuests(
  ctx: InitiatorContext,
  policy: GuestPolicy,
  action: string,
  /** What the action does, as the refusal says it. */
  deed = 'create containers',
): Promise<void> {
  if (policy.allowGuests) return;
  const credentials = await ctx
    .getInitiatorCredentials()
    .catch(() => undefined);
  const guest = guestOf(credentials, ctx.user?.ref, policy.guestUserRefs);
  if (guest) {
    throw new NotAllowedError(
      `${action}: guests may not ${deed} on this portal (the task was started by ${guest}); sign in, or set containers.scaffolder.allowGuests to true (the embedded default does)`,
    );
  }
}
