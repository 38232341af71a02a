import type { DriftRecord } from '@dockyard/plugin-containers-common';
import { readFileSync } from 'fs';
import path from 'path';
import { ContainerDriftCondition, containerDriftChecks } from './checks';
import {
  CONTAINER_DRIFT_FACT_RETRIEVER_ID,
  ContainerDriftFacts,
  containerDriftFacts,
  containerDriftFactSchema,
} from './facts';

/**
 * The operators the checks use, as json-rules-engine defines them: a numeric comparison needs a
 * number (`null` fails it), `equal`/`notEqual` compare strictly.
 */
function holds(condition: ContainerDriftCondition, facts: ContainerDriftFacts) {
  const value = facts[condition.fact];
  switch (condition.operator) {
    case 'equal':
      return value === condition.value;
    case 'notEqual':
      return value !== condition.value;
    case 'lessThanInclusive':
      return typeof value === 'number' && value <= Number(condition.value);
    default:
      throw new Error(`operator ${condition.operator} not modelled here`);
  }
}

function passes(checkId: string, record: DriftRecord | undefined) {
  const check = containerDriftChecks.find(c => c.id === checkId)!;
  const facts = containerDriftFacts(record);
  const { conditions } = check.rule;
  return 'all' in conditions
    ? conditions.all.every(c => holds(c, facts))
    : conditions.any.some(c => holds(c, facts));
}

/** The checks as the README's app-config block writes them (plain scalars, flow conditions). */
function asAppConfig(): string {
  const scalar = (value: unknown) =>
    Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
  const lines = ['techInsights:', '  factChecker:', '    checks:'];
  for (const check of containerDriftChecks) {
    const filter = Object.entries(check.filter ?? {})
      .map(([key, value]) => `${key}: ${scalar(value)}`)
      .join(', ');
    const [join, conditions] = Object.entries(check.rule.conditions)[0];
    lines.push(
      `      ${check.id}:`,
      `        type: ${check.type}`,
      `        name: ${check.name}`,
      `        description: ${check.description}`,
      `        factIds: ${scalar(check.factIds)}`,
      `        filter: { ${filter} }`,
      '        rule:',
      '          conditions:',
      `            ${join}:`,
      ...(conditions as ContainerDriftCondition[]).map(
        c =>
          `              - { fact: ${c.fact}, operator: ${
            c.operator
          }, value: ${scalar(c.value)} }`,
      ),
    );
  }
  return lines.join('\n');
}

const record: DriftRecord = {
  entityRef: 'component:default/trino',
  slug: 'trino',
  strategy: 'github-release',
  current: '1.4.0',
  latest: '1.4.0',
  status: 'up-to-date',
  checkedAt: '2025-06-01T00:00:00.000Z',
};

describe('containerDriftChecks', () => {
  it('are JSON rules engine checks on facts the retriever gives, with unique ids', () => {
    const ids = containerDriftChecks.map(check => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of containerDriftChecks) {
      expect(check).toMatchObject({
        type: 'json-rules-engine',
        factIds: [CONTAINER_DRIFT_FACT_RETRIEVER_ID],
      });
      const conditions =
        'all' in check.rule.conditions
          ? check.rule.conditions.all
          : check.rule.conditions.any;
      for (const condition of conditions) {
        expect(Object.keys(containerDriftFactSchema)).toContain(condition.fact);
      }
    }
    // Plain data, as app-config would hold it.
    expect(JSON.parse(JSON.stringify(containerDriftChecks))).toEqual(
      containerDriftChecks,
    );
  });

  it("are the README's example app-config", () => {
    const readme = readFileSync(
      path.resolve(__dirname, '../README.md'),
      'utf8',
    );
    const block = readme.match(
      /```yaml\n(techInsights:\n {2}factChecker:\n[^]*?)\n```/,
    );
    expect(block?.[1]).toBe(asAppConfig());
  });

  it('at most one minor behind: passes up to date or one minor behind, fails a major or unknown', () => {
    const id = 'dockyardContainerAtMostOneMinorBehind';
    const behind = (major: number, minor: number): DriftRecord => ({
      ...record,
      status: 'behind',
      behind: { major, minor, patch: 0, releases: 1 },
    });
    expect(passes(id, record)).toBe(true);
    expect(passes(id, behind(0, 1))).toBe(true);
    expect(passes(id, behind(0, 2))).toBe(false);
    expect(passes(id, behind(1, 0))).toBe(false);
    expect(passes(id, undefined)).toBe(false);
  });

  it('not past end of life: fails only an ended cycle', () => {
    const id = 'dockyardContainerNotPastEol';
    const eol = (state: 'supported' | 'warning' | 'eol' | 'unknown') => ({
      ...record,
      eol: { product: 'postgresql', cycle: '13', state },
    });
    expect(passes(id, record)).toBe(true);
    expect(passes(id, eol('supported'))).toBe(true);
    expect(passes(id, eol('warning'))).toBe(true);
    expect(passes(id, eol('unknown'))).toBe(true);
    expect(passes(id, eol('eol'))).toBe(false);
  });

  it('base image fresh: fails a rebuilt or outdated base image', () => {
    const id = 'dockyardContainerBaseImageFresh';
    const base = { image: 'python', tag: '3.12-slim', digest: 'sha256:a' };
    expect(passes(id, record)).toBe(true);
    expect(
      passes(id, {
        ...record,
        baseImage: { ...base, latestDigest: 'sha256:a', status: 'up-to-date' },
      }),
    ).toBe(true);
    expect(
      passes(id, {
        ...record,
        baseImage: { ...base, latestDigest: 'sha256:b', status: 'rebuilt' },
      }),
    ).toBe(false);
    expect(
      passes(id, {
        ...record,
        baseImage: { ...base, latestTag: '3.13-slim', status: 'behind' },
      }),
    ).toBe(false);
  });

  it('drift checked: fails when a check failed', () => {
    const id = 'dockyardContainerDriftChecked';
    expect(passes(id, record)).toBe(true);
    expect(passes(id, { ...record, status: 'error', error: 'x' })).toBe(false);
  });
});
