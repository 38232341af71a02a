import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { z as zod } from 'zod/v3';

/** An action's input or output schema as `createTemplateAction` takes it: one `z => …` per field. */
export type ActionSchema = Record<string, (z: typeof zod) => zod.ZodType>;

/** The values a schema describes, as `ctx.input` holds them. */
export type SchemaValues<S extends ActionSchema> = {
  [K in keyof S]: zod.infer<ReturnType<S[K]>>;
};

/**
 * The context `createTemplateAction` gives the handler of an action with these schemas, so that
 * the handler can be a function of its own beside a short factory.
 */
export type ActionContextFor<
  TInput extends ActionSchema,
  TOutput extends ActionSchema,
> = ActionContext<SchemaValues<TInput>, SchemaValues<TOutput>>;
