import { lintResolved } from '../lint';
import type { ContainerLocator, ContainerProblem } from '../problems';
import { problemAt } from './result';
import type { CheckedContainer } from './schemaStep';

/**
 * The last step, for a container the schema accepts: its slug against its folder, then the lint
 * rules (errors and warnings). The fast path runs it without positions.
 */
export function folderAndLintProblems(
  { container, resolved }: CheckedContainer,
  folderName: string | undefined,
  locate: ContainerLocator,
): ContainerProblem[] {
  const problems: ContainerProblem[] = [];
  if (folderName !== undefined && container.slug !== folderName) {
    problems.push(
      problemAt(
        locate(['slug']),
        ['slug'],
        `slug "${container.slug}" differs from its folder "${folderName}" — the slug is the folder's name: rename the folder or set slug: ${folderName}`,
        'slug-folder',
      ),
    );
  }
  problems.push(...lintResolved(resolved, locate));
  return problems;
}
