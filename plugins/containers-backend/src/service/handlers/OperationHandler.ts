import type { internal } from '@backstage/backend-openapi-utils';
import type { spec } from '../../schema/openapi/generated/router';

type Spec = typeof spec;

/**
 * The express handler of one operation in src/schema/openapi.yaml, typed from it: its path
 * parameters, query, body and answers. The path is written as in the spec (`/drift/{name}`).
 */
export type OperationHandler<
  Path extends internal.DocPath<Spec>,
  Method extends internal.DocPathMethod<Spec, Path>,
> = internal.DocRequestHandler<Spec, Path, Method>;
