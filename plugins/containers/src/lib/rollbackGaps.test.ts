import { lintContainer } from '@dockyard/plugin-containers-common';
import { parse } from 'yaml';
import { findRollbackGaps } from './rollbackGaps';

const providerProblem = {
  rule: 'catalog-provider-rollback',
  message: 'a catalog provider needs compose_example and rollback notes',
  path: 'catalog',
};
const cloudProblem = {
  rule: 'catalog-cloud-decision',
  message: 'a container that uses glue needs a decision and rollback.steps',
  path: 'catalog',
};

describe('findRollbackGaps', () => {
  it('is undefined when no catalog rule complains', () => {
    expect(
      findRollbackGaps({ role: 'provider' }, [
        {
          rule: 'base-image-digest',
          message: 'pin the base image',
          path: 'runtime.base_image',
        },
      ]),
    ).toBeUndefined();
  });

  it('proposes rollback notes and a compose example for a provider that has neither', () => {
    const gaps = findRollbackGaps(
      { role: 'provider', provides: { kind: 'nessie' } },
      [providerProblem],
    )!;
    expect(gaps.missing).toEqual([
      'catalog.rollback',
      'catalog.compose_example',
    ]);
    expect(gaps.reasons).toEqual([
      { path: providerProblem.path, message: providerProblem.message },
    ]);
    const snippet = parse(gaps.snippet);
    expect(Object.keys(snippet.catalog)).toEqual([
      'rollback',
      'compose_example',
    ]);
    expect(snippet.catalog.rollback.steps.length).toBeGreaterThan(0);
    expect(snippet.catalog.rollback.config_changes[0]).toHaveProperty('from');
    expect(snippet.catalog.rollback.verification.length).toBeGreaterThan(0);
  });

  it('only proposes what is absent', () => {
    const gaps = findRollbackGaps(
      {
        role: 'consumer',
        uses: [{ type: 'glue', active: true }],
        rollback: { previous: 'hive_metastore', runbook: 'x.md' },
      },
      [cloudProblem],
    )!;
    expect(gaps.missing).toEqual([
      'catalog.decision',
      'catalog.rollback.steps',
    ]);
    const snippet = parse(gaps.snippet);
    expect(Object.keys(snippet.catalog)).toEqual(['decision', 'rollback']);
    expect(Object.keys(snippet.catalog.rollback)).toEqual(['steps']);
    expect(snippet.catalog.decision.cloud_service).toBe('aws-glue');
  });

  it('keeps the reasons even when nothing it knows how to propose is absent', () => {
    const gaps = findRollbackGaps(
      {
        role: 'provider',
        rollback: { steps: ['one'] },
        compose_example: 'c.yaml',
      },
      [providerProblem],
    )!;
    expect(gaps.missing).toEqual([]);
    expect(gaps.snippet).toBe('');
    expect(gaps.reasons).toEqual([
      { path: providerProblem.path, message: providerProblem.message },
    ]);
  });
});

describe('findRollbackGaps with the shared lint rules', () => {
  const base = {
    name: 'Nessie',
    slug: 'nessie',
    summary: 'Nessie',
    maintainers: [{ name: 'Team', email: 'team@example.com' }],
    version: { strategy: 'manual' as const, current: '0.105.0' },
  };

  it('asks a provider without notes for rollback and a compose example', () => {
    const container = {
      ...base,
      catalog: {
        role: 'provider' as const,
        provides: { kind: 'nessie' as const },
      },
    };
    const gaps = findRollbackGaps(container.catalog, lintContainer(container))!;
    expect(gaps.missing).toEqual([
      'catalog.rollback',
      'catalog.compose_example',
    ]);
    expect(gaps.reasons.map(reason => reason.path).sort()).toEqual([
      'catalog.compose_example',
      'catalog.rollback',
    ]);
  });

  it('asks a Glue consumer for the decision and the steps back', () => {
    const container = {
      ...base,
      catalog: {
        role: 'consumer' as const,
        uses: [{ type: 'glue' as const, active: true }],
      },
    };
    const gaps = findRollbackGaps(container.catalog, lintContainer(container))!;
    expect(gaps.missing).toEqual(['catalog.decision', 'catalog.rollback']);
    expect(parse(gaps.snippet).catalog.rollback.steps.length).toBeGreaterThan(
      0,
    );
  });

  it('has nothing to ask of a consumer of open catalogs', () => {
    const container = {
      ...base,
      catalog: {
        role: 'consumer' as const,
        uses: [{ type: 'rest' as const, active: true }],
      },
    };
    expect(
      findRollbackGaps(container.catalog, lintContainer(container)),
    ).toBeUndefined();
  });
});
