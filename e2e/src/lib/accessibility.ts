import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** One rule's violation as axe reports it (axe-core's `Result`, named through the builder). */
type Violation = Awaited<
  ReturnType<AxeBuilder['analyze']>
>['violations'][number];

/** What fails a page: axe's two highest impacts. Moderate and minor findings are only saved. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/**
 * The violations of one axe run as a person reads them: one block per rule (impact, rule id,
 * what it asks, where it is explained), one line per element (its selector, then axe's first
 * reason, e.g. the colours and the contrast ratio found).
 */
export function describeViolations(violations: Violation[]): string {
  return violations
    .map(violation => {
      const nodes = violation.nodes.map(node => {
        const reason =
          node.failureSummary
            ?.split('\n')
            .map(line => line.trim())
            .find(
              line => line && !/^Fix (any|all) of the following:$/.test(line),
            ) ?? '';
        return `    ${node.target.join(' ')}\n      ${reason}`;
      });
      return [
        `  [${violation.impact}] ${violation.id}: ${violation.help} (${
          violation.nodes.length
        } element${violation.nodes.length === 1 ? '' : 's'}; ${
          violation.helpUrl
        })`,
        ...nodes,
      ].join('\n');
    })
    .join('\n');
}

/**
 * Runs axe-core (WCAG 2.x A and AA, and axe's best practices) over the page as it is shown and
 * throws when it finds a serious or critical violation, listing each one. Every finding, of any
 * impact, is saved as `axe-<name>.json` in `dir` for a closer look.
 */
export async function assertAccessible(
  page: Page,
  name: string,
  dir: string,
): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  await fs.writeFile(
    join(dir, `axe-${name}.json`),
    `${JSON.stringify(
      {
        url: results.url,
        violations: results.violations,
        incomplete: results.incomplete.map(r => ({ id: r.id, help: r.help })),
      },
      null,
      2,
    )}\n`,
  );
  const blocking = results.violations.filter(
    violation => violation.impact && BLOCKING_IMPACTS.has(violation.impact),
  );
  if (blocking.length > 0) {
    const count = blocking.reduce((sum, v) => sum + v.nodes.length, 0);
    throw new Error(
      `${name} (${page.url()}): ${count} serious or critical accessibility violation${
        count === 1 ? '' : 's'
      } found by axe-core:\n${describeViolations(blocking)}`,
    );
  }
}
