import type { MetastoreBlock } from './container';

/** The lint rules (from containers-common) that demand catalog decision and rollback notes. */
export const ROLLBACK_RULES = [
  'catalog-cloud-decision',
  'catalog-provider-rollback',
] as const;

/** The part of a lint problem (containers-common's `ContainerProblem`) shown to people. */
export interface LintProblemLike {
  rule: string;
  message: string;
  path: string;
}

/** What a container must add to its `catalog` block, and why. */
export interface RollbackGaps {
  /** The lint problems that asked for it, in the parser's words. */
  reasons: { path: string; message: string }[];
  /** The dotted keys to add, e.g. `catalog.rollback.steps`. */
  missing: string[];
  /** A YAML fragment to paste under `catalog:` in container.yaml, with placeholder values. */
  snippet: string;
}

const DECISION_SNIPPET = [
  '  decision:',
  '    adr: ../../docs/adr/NNNN-iceberg-catalog.md   # the decision record',
  '    status: proposed                              # proposed | accepted | superseded | deprecated | rejected',
  '    cloud_service: aws-glue',
  '    rationale: "Why this catalog, in two sentences."',
];

const ROLLBACK_HEAD = [
  '  rollback:',
  '    previous: hive_metastore                      # the catalog a rollback returns to',
  '    runbook: ../../docs/runbooks/iceberg-catalog-rollback.md',
];

const STEPS_SNIPPET = [
  '    steps:                                        # in order',
  '      - "Freeze writers: pause the ingestion DAGs and streaming jobs."',
  '      - "Inventory tables with their current metadata location."',
  '      - "Register every table in the previous catalog (register_table)."',
  '      - "Flip the config back and restart the engines."',
];

const ROLLBACK_REST = [
  '    config_changes:',
  '      - file: conf/spark-defaults.conf',
  '        from: "spark.sql.catalog.lakehouse.type=rest"',
  '        to: "spark.sql.catalog.lakehouse.type=hive"',
  '    metadata_migration: "How table metadata moves back (register_table …)."',
  '    verification:',
  '      - "SHOW TABLES IN lakehouse.<db> lists every table of the inventory."',
];

/**
 * The catalog notes a container lacks, from the lint problems of the catalog rules; undefined
 * when it has what the rules ask for. Only keys that are absent are proposed, so the snippet can
 * be pasted under the existing `catalog:` key without replacing anything written already.
 */
export function findRollbackGaps(
  metastore: MetastoreBlock | undefined,
  problems: LintProblemLike[],
): RollbackGaps | undefined {
  const relevant = problems.filter(problem =>
    (ROLLBACK_RULES as readonly string[]).includes(problem.rule),
  );
  if (relevant.length === 0) return undefined;

  const rules = new Set(relevant.map(problem => problem.rule));
  const needsDecision = rules.has('catalog-cloud-decision');
  const isProvider = rules.has('catalog-provider-rollback');
  const rollback = metastore?.rollback;
  const hasSteps = (rollback?.steps?.length ?? 0) > 0;

  const missing: string[] = [];
  const lines: string[] = ['catalog:'];

  if (needsDecision && !metastore?.decision) {
    missing.push('catalog.decision');
    lines.push(...DECISION_SNIPPET);
  }
  if (!rollback) {
    missing.push('catalog.rollback');
    lines.push(...ROLLBACK_HEAD, ...STEPS_SNIPPET);
    if (isProvider) lines.push(...ROLLBACK_REST);
  } else if (!hasSteps) {
    missing.push('catalog.rollback.steps');
    lines.push('  rollback:', ...STEPS_SNIPPET);
  }
  if (isProvider && !metastore?.compose_example) {
    missing.push('catalog.compose_example');
    lines.push(
      '  compose_example: ../../docs/compose/docker-compose.<catalog>.yaml   # a stack that runs it',
    );
  }

  return {
    reasons: relevant.map(({ path, message }) => ({ path, message })),
    missing,
    snippet: missing.length > 0 ? `${lines.join('\n')}\n` : '',
  };
}
