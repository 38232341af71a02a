// @ts-check

/**
 * Drift results (one row per container entity) and the HTTP validators of upstream feeds
 * (ETag / Last-Modified and the body they validate), so re-checks are conditional and a
 * restart loses nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('containers_drift_results', table => {
    table.comment('The last drift check of every container entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('slug', 255).notNullable();
    table.string('status', 32).notNullable();
    table.string('checked_at', 64).notNullable();
    table.string('last_success_at', 64).nullable();
    table
      .text('record', 'longtext')
      .notNullable()
      .comment('The DriftRecord as JSON');
  });
  await knex.schema.createTable('containers_drift_http_cache', table => {
    table.comment(
      'Validators and bodies of upstream responses, for conditional requests',
    );
    table
      .string('url_hash', 64)
      .primary()
      .notNullable()
      .comment('sha256 of the URL');
    table.text('url').notNullable();
    table.string('etag', 1024).nullable();
    table.string('last_modified', 255).nullable();
    table.text('link').nullable();
    table.text('body', 'longtext').notNullable();
    table.string('updated_at', 64).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('containers_drift_http_cache');
  await knex.schema.dropTable('containers_drift_results');
};
