// @ts-check

/**
 * Drift history: one row per check of a pinned version (the main version, each companion, the
 * base image) whose result changed, and one a day at least, so the table stays small; and per
 * container what the next check compares with (its last samples, and since when it has been
 * behind), so neither needs a scan of the history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('containers_drift_history', table => {
    table.comment(
      'Drift checks of every pinned version: status changes and one sample a day',
    );
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table
      .string('kind', 16)
      .notNullable()
      .comment('main, companion or base-image');
    table
      .text('name')
      .nullable()
      .comment("The companion's name, or the base image's name");
    table.string('status', 32).notNullable();
    table.text('current').nullable();
    table.text('latest').nullable();
    table.integer('behind_major').nullable();
    table.integer('behind_minor').nullable();
    table.integer('behind_patch').nullable();
    table.integer('behind_releases').nullable();
    table.integer('behind_days').nullable();
    table
      .string('overall_status', 32)
      .notNullable()
      .comment("The container's overall status at that check");
    table
      .string('eol_state', 16)
      .nullable()
      .comment('supported, warning, eol or unknown; main version only');
    table.string('checked_at', 64).notNullable().comment('ISO 8601, UTC');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD of checked_at');
    table
      .integer('last_of_day')
      .notNullable()
      .defaultTo(1)
      .comment(
        '1 on the last sample of its pinned version that day, 0 once a later one is written',
      );
    table.index(
      ['entity_ref', 'checked_at'],
      'containers_drift_history_entity',
    );
    table.index(['day'], 'containers_drift_history_day');
  });
  await knex.schema.createTable('containers_drift_history_heads', table => {
    table.comment(
      'Per container: its last history samples and its current behind streak',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table
      .string('behind_since', 64)
      .nullable()
      .comment('When the current behind streak began (ISO 8601)');
    table
      .text('last_samples', 'longtext')
      .notNullable()
      .comment('JSON: per pinned version, what was last written and its day');
    table.string('updated_at', 64).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('containers_drift_history_heads');
  await knex.schema.dropTable('containers_drift_history');
};
