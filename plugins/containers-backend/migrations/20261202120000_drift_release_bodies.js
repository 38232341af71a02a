// @ts-check

/**
 * The release notes' bodies of each drift record in a column of their own: they are most of a
 * record, and GET /drift lists every record without them. Rows written before keep their bodies
 * in `record` until their next check; both read back whole.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('containers_drift_results', table => {
    table
      .text('release_bodies')
      .nullable()
      .comment(
        'JSON: the bodies of the release notes in record, by pinned version and version',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('containers_drift_results', table => {
    table.dropColumn('release_bodies');
  });
};
