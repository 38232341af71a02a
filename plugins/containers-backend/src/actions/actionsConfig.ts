import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';

/** The Bump container template as this repository registers it (templates/bump-container). */
export const DEFAULT_BUMP_TEMPLATE = 'template:default/bump-container';

/** What the actions read from app-config. */
export interface ContainerActionsConfig {
  /** `containers.actions.bumpTemplate`: the template `bump-container` starts. */
  bumpTemplate: string;
  /** `app.baseUrl`: where the task pages are. */
  appBaseUrl?: string;
}

export function readActionsConfig(config: Config): ContainerActionsConfig {
  const key = 'containers.actions.bumpTemplate';
  const written = config.getOptionalString(key) ?? DEFAULT_BUMP_TEMPLATE;
  let bumpTemplate: string;
  try {
    const ref = parseEntityRef(written, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLowerCase() !== 'template') {
      throw new Error(`its kind is ${ref.kind}, not template`);
    }
    bumpTemplate = stringifyEntityRef(ref);
  } catch (error) {
    throw new Error(
      `${key} must name a template, such as ${DEFAULT_BUMP_TEMPLATE}; ${JSON.stringify(
        written,
      )}: ${toError(error).message}`,
    );
  }
  return { bumpTemplate, appBaseUrl: config.getOptionalString('app.baseUrl') };
}
