/** People's names for the catalog types and kinds of container.yaml. */
const METASTORE_NAMES: Record<string, string> = {
  hive_metastore: 'Hive Metastore',
  'hive-metastore': 'Hive Metastore',
  glue: 'AWS Glue Data Catalog',
  rest: 'Iceberg REST catalog',
  'iceberg-rest': 'Iceberg REST catalog',
  nessie: 'Nessie',
  jdbc: 'JDBC catalog',
  other: 'another catalog',
};

export function metastoreName(typeOrKind: string | undefined): string {
  if (!typeOrKind) return 'an unnamed catalog';
  return METASTORE_NAMES[typeOrKind] ?? typeOrKind;
}
