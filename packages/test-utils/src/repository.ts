import { targetPaths } from '@backstage/cli-common';
import path from 'node:path';

/**
 * This repository's root folder, whose real containers, templates and config the tests read.
 * Found from the working folder, as the e2e suites do: Jest runs in the repository or in a
 * package of it.
 */
export const REPO_ROOT = targetPaths.rootDir;

/** The platform's real container template, which the generator renders in production. */
export const REPO_TEMPLATE_DIR = path.join(
  REPO_ROOT,
  'containers',
  '_template',
);
