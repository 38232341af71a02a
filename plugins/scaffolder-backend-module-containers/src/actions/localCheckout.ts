import { InputError, isError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import { FALLBACK_IDENTITY, GitCheckout, GitIdentity } from '../git';

/** The platform's README, whose table lists the containers. */
export const README = 'README.md';

/** A text file's content, or undefined when there is no such file. */
export async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isError(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Refuses a local platform checkout that is not there. */
export async function requireCheckoutDir(root: string): Promise<void> {
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(`The local platform checkout ${root} does not exist`);
  }
}

/**
 * Commits exactly `paths`, authored by the task's user when the catalog knows their e-mail (else
 * the checkout's configured identity, else Dockyard's) and committed by the configured identity.
 */
export async function commitAsAuthor(
  checkout: GitCheckout,
  paths: string[],
  message: string,
  taskAuthor: GitIdentity | undefined,
): Promise<{ commit: string; author: GitIdentity }> {
  const configured = await checkout.configuredIdentity();
  const author = taskAuthor ?? configured ?? FALLBACK_IDENTITY;
  const commit = await checkout.commitPaths(
    paths,
    message,
    author,
    configured ?? author,
  );
  return { commit, author };
}

/**
 * Commits `paths` on the branch a publish switched to, logging what it did; outside a git
 * repository the files are only written and there is no commit. `listed` is how the log names
 * the paths.
 */
export async function commitToBranch(options: {
  root: string;
  git: { checkout: GitCheckout; branch: string } | undefined;
  paths: string[];
  listed: string;
  message: string;
  author: GitIdentity | undefined;
  logger: LoggerService;
}): Promise<string | undefined> {
  const { root, git, listed, logger } = options;
  if (!git) {
    logger.info(`Wrote ${listed} into ${root} (not a git repository)`);
    return undefined;
  }
  const { commit, author } = await commitAsAuthor(
    git.checkout,
    options.paths,
    options.message,
    options.author,
  );
  logger.info(
    `Committed ${listed} as ${commit.slice(0, 12)} on ${git.branch}, author ${
      author.name
    } <${author.email}>`,
  );
  return commit;
}
