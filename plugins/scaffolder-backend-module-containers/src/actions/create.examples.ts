import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A container that tracks GitHub releases, from the form values',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'containers:create',
          name: 'Render the container',
          input: {
            slug: '${{ parameters.slug }}',
            name: '${{ parameters.name }}',
            summary: '${{ parameters.summary }}',
            owner: '${{ parameters.owner }}',
            strategy: 'github-release',
            current: '${{ parameters.current }}',
            source: { repo: '${{ parameters.sourceRepo }}' },
          },
        },
      ],
    }),
  },
  {
    description:
      'A Spark image that uses AWS Glue, with its decision and rollback, published to another registry',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'containers:create',
          name: 'Render the container',
          input: {
            slug: 'spark-glue',
            name: 'Apache Spark on Glue',
            summary: 'Spark 4.0 writing Iceberg tables registered in AWS Glue.',
            owner: 'group:default/data-platform-team',
            strategy: 'http-directory',
            current: '4.0.1',
            source: {
              url: 'https://archive.apache.org/dist/spark/',
              regex: 'spark-([0-9]+\\.[0-9]+\\.[0-9]+)/',
            },
            baseImage: 'docker.io/library/python:3.12-slim-bookworm',
            ports: [{ name: 'spark-ui', port: 4040, description: 'Spark UI' }],
            env: [
              {
                name: 'AWS_REGION',
                default: 'eu-west-1',
                description: 'Glue region',
              },
            ],
            publish: {
              registry: 'registry.example.com/data-platform',
              tags: ['!version.current'],
              provenance: 'max',
              sbom: true,
              signing: { method: 'cosign', keyless: true },
            },
            catalog: {
              role: 'consumer',
              type: 'glue',
              uri: 'glue://eu-west-1/123456789012',
              decision: {
                adr: '../../docs/adr/0001-iceberg-catalog.md',
                status: 'accepted',
                rationale:
                  'Athena, EMR and Lake Formation see the same tables.',
              },
              rollback: {
                previous: 'hive_metastore',
                runbook: '../../docs/runbooks/iceberg-catalog-rollback.md',
                steps: [
                  'Freeze writers.',
                  'Register every table in Hive Metastore.',
                  'Flip LAKEHOUSE_METASTORE to hive.',
                ],
              },
            },
          },
        },
      ],
    }),
  },
  {
    description: 'Render into another workspace folder',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'containers:create',
          name: 'Render the container',
          input: {
            slug: 'minio-client',
            name: 'MinIO Client',
            summary: 'The mc command line for the lakehouse object storage.',
            owner: 'group:default/data-platform-team',
            strategy: 'docker-tags',
            current: 'RELEASE.2025-08-13T08-35-41Z',
            source: { image: 'quay.io/minio/mc' },
            targetPath: 'images',
          },
        },
      ],
    }),
  },
];
