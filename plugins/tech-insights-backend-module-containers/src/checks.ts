import type { Check } from '@backstage-community/plugin-tech-insights-common';
import { CONTAINER_DRIFT_FACT_RETRIEVER_ID } from './facts';

/**
 * One condition of a JSON rules engine check on {@link ContainerDriftFacts}.
 *
 * @public
 */
export interface ContainerDriftCondition {
  fact: string;
  operator: string;
  value: string | number | boolean | null | Array<string | number>;
}

/**
 * A check in the format of `@backstage-community/plugin-tech-insights-backend-module-jsonfc`
 * (`techInsights.factChecker.checks.<id>` in app-config, or its `checks` option).
 *
 * @public
 */
export interface ContainerDriftCheck extends Check {
  type: 'json-rules-engine';
  rule: {
    conditions:
      | { all: ContainerDriftCondition[] }
      | { any: ContainerDriftCondition[] };
  };
}

// Container entities, as the catalog selects them (the checks run only there).
const CONTAINERS = { kind: 'component', 'spec.type': 'container' };

function check(
  id: string,
  name: string,
  description: string,
  all: ContainerDriftCondition[],
): ContainerDriftCheck {
  return {
    id,
    type: 'json-rules-engine',
    name,
    description,
    factIds: [CONTAINER_DRIFT_FACT_RETRIEVER_ID],
    filter: CONTAINERS,
    rule: { conditions: { all } },
  };
}

/**
 * Example scorecard checks on the drift facts, for the JSON rules engine fact checker. Facts that
 * are not known are `null`: a numeric comparison with `null` fails (a container whose drift is
 * unknown is not "at most one minor behind"), `notEqual` passes (a container without
 * `version.eol` is not "past its end of life").
 *
 * @public
 */
export const containerDriftChecks: readonly ContainerDriftCheck[] = [
  check(
    'dockyardContainerAtMostOneMinorBehind',
    'Container at most one minor version behind',
    'The main upstream version is in the newest major and at most one minor release behind it.',
    [
      { fact: 'majorsBehind', operator: 'equal', value: 0 },
      { fact: 'minorsBehind', operator: 'lessThanInclusive', value: 1 },
    ],
  ),
  check(
    'dockyardContainerNotPastEol',
    'Container not past its end of life',
    'The version in use has not reached its end of life on endoflife.date (containers without version.eol pass).',
    [{ fact: 'eolState', operator: 'notEqual', value: 'eol' }],
  ),
  check(
    'dockyardContainerBaseImageFresh',
    'Container base image fresh',
    'The base image is on the newest tag of its lane, and that tag has not been rebuilt upstream since it was pinned.',
    [
      { fact: 'baseImageNeedsRebuild', operator: 'notEqual', value: true },
      { fact: 'baseImageStatus', operator: 'notEqual', value: 'behind' },
    ],
  ),
  check(
    'dockyardContainerDriftChecked',
    'Container drift checked',
    'The last drift check of every pinned version succeeded.',
    [{ fact: 'status', operator: 'notEqual', value: 'error' }],
  ),
];
