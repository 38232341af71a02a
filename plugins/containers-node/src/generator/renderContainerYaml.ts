import {
  Document,
  isMap,
  isScalar,
  Node,
  Pair,
  parseDocument,
  Scalar,
  visit,
  YAMLMap,
} from 'yaml';
import { TemplateError, TemplateValues } from './renderText';
import type { NewContainerInput } from '@dockyard/plugin-containers-common';

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const VALUE_REFERENCE = /^\s*values\.([A-Za-z][A-Za-z0-9]*)\s*$/;
// Strings that read the same plain and quoted; everything else is double-quoted, so free text
// with `: `, `#`, quotes or line breaks stays one string value.
const SIMPLE_STRING = /^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$/;

/** How a catalog a provider serves is named in `catalog.provides`. */
const PROVIDED_KIND: Record<string, { kind: string; protocols: string[] }> = {
  hive_metastore: { kind: 'hive-metastore', protocols: ['thrift'] },
  rest: { kind: 'iceberg-rest', protocols: ['iceberg-rest'] },
  nessie: { kind: 'nessie', protocols: ['nessie', 'iceberg-rest'] },
  jdbc: { kind: 'jdbc', protocols: ['jdbc'] },
};

/**
 * Renders the template's container.yaml as a YAML document, never as text: placeholders are
 * replaced inside string values (single pass), then every input is set as a value at its path.
 * Whatever the inputs contain, they become string values and cannot add or change keys.
 *
 * @param input - inputs already checked by `checkNewContainerInput`
 */
export function renderContainerYaml(
  template: string,
  file: string,
  values: TemplateValues,
  input: NewContainerInput,
  publishImage: string,
): string {
  const doc = parseDocument(template, { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new TemplateError(
      `${file}: not valid YAML: ${doc.errors[0].message}`,
    );
  }
  if (!isMap(doc.contents)) {
    throw new TemplateError(`${file}: the top level must be a mapping`);
  }
  substitutePlaceholders(doc, file, values);
  applyInputs(doc, input, publishImage);
  // JSON-style double quotes: a line break in free text is written as \n, on one line.
  return doc.toString({
    lineWidth: 0,
    minContentWidth: 0,
    doubleQuotedAsJSON: true,
  });
}

function substitutePlaceholders(
  doc: Document,
  file: string,
  values: TemplateValues,
) {
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${{')) {
        return;
      }
      if (key === 'key') {
        throw new TemplateError(
          `${file}: placeholders are not allowed in keys (${node.value})`,
        );
      }
      node.value = node.value.replace(
        EXPRESSION,
        (expression, inner: string) => {
          const name = VALUE_REFERENCE.exec(inner)?.[1];
          if (name && Object.hasOwn(values.verbatim, name))
            return values.verbatim[name];
          if (name && Object.hasOwn(values.text, name))
            return values.text[name];
          throw new TemplateError(
            `${file}: cannot place ${expression} in container.yaml`,
          );
        },
      );
      quoteUnlessSimple(node);
    },
  });
}

function quoteUnlessSimple(node: Scalar) {
  if (typeof node.value === 'string') {
    node.type = SIMPLE_STRING.test(node.value)
      ? undefined
      : Scalar.QUOTE_DOUBLE;
  }
}

/** A YAML node for a plain JS value, with every non-trivial string double-quoted. */
function toNode(doc: Document, value: unknown): Node {
  const node = doc.createNode(value) as Node;
  visit(node, {
    Scalar(_key, scalar) {
      quoteUnlessSimple(scalar);
    },
  });
  return node;
}

/**
 * Sets `map[key]`, keeping the key where it is, or inserting it after the last of `after` that is
 * present (so new keys land in the order the reference documents), or at the end.
 */
function setKey(
  doc: Document,
  map: YAMLMap,
  key: string,
  value: unknown,
  after: string[] = [],
) {
  const node = toNode(doc, value);
  const existing = map.items.find(
    pair => isScalar(pair.key) && pair.key.value === key,
  );
  if (existing) {
    existing.value = node;
    return;
  }
  const pair = new Pair(doc.createNode(key), node);
  const anchor = map.items.reduce(
    (last, item, index) =>
      isScalar(item.key) && after.includes(String(item.key.value))
        ? index
        : last,
    -1,
  );
  if (anchor === -1) {
    map.items.push(pair);
  } else {
    map.items.splice(anchor + 1, 0, pair);
  }
}

/** The mapping at `key` of `map`, created (after `after`) when missing. */
function mapAt(
  doc: Document,
  map: YAMLMap,
  key: string,
  after: string[] = [],
): YAMLMap {
  const value = map.get(key, true);
  if (isMap(value)) {
    return value;
  }
  setKey(doc, map, key, {}, after);
  return map.get(key, true) as unknown as YAMLMap;
}

function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, v]) => v !== undefined && v !== '' && v !== null,
    ),
  ) as Partial<T>;
}

const TOP_LEVEL_ORDER = [
  'name',
  'slug',
  'summary',
  'owner',
  'system',
  'lifecycle',
  'tags',
  'maintainers',
  'links',
  'license',
  'version',
  'runtime',
  'build',
  'tests',
  'publish',
  'catalog',
];

function before(key: string, order: string[]): string[] {
  return order.slice(0, order.indexOf(key));
}

function applyInputs(
  doc: Document,
  input: NewContainerInput,
  publishImage: string,
) {
  const root = doc.contents as YAMLMap;
  const top = (key: string, value: unknown) =>
    setKey(doc, root, key, value, before(key, TOP_LEVEL_ORDER));

  top('name', input.name);
  top('slug', input.slug);
  top('summary', input.summary);
  top('owner', input.owner);
  if (input.system) top('system', input.system);
  if (input.lifecycle) top('lifecycle', input.lifecycle);
  if (input.tags) top('tags', input.tags);
  if (input.maintainers?.length) {
    top(
      'maintainers',
      input.maintainers.map(m => ({ name: m.name, email: m.email })),
    );
  }
  if (input.links) {
    const links = mapAt(doc, root, 'links', before('links', TOP_LEVEL_ORDER));
    for (const [key, value] of Object.entries(defined(input.links))) {
      setKey(doc, links, key, value);
    }
  }
  if (input.license) top('license', input.license);
  applyVersion(doc, root, input.version);
  applyRuntime(doc, root, input);
  applyPublish(doc, root, input.publish ?? {}, publishImage);
  if (input.catalog) {
    top('catalog', metastoreStanza(input.catalog));
  }
}

function applyVersion(
  doc: Document,
  root: YAMLMap,
  input: NewContainerInput['version'],
) {
  const versionOrder = [
    'strategy',
    'current',
    'component',
    'source',
    'filter',
    'notes',
  ];
  const version = mapAt(
    doc,
    root,
    'version',
    before('version', TOP_LEVEL_ORDER),
  );
  const setVersion = (key: string, value: unknown) =>
    setKey(doc, version, key, value, before(key, versionOrder));
  setVersion('strategy', input.strategy);
  setVersion('current', String(input.current));
  if (input.component) setVersion('component', input.component);
  const source = defined({ ...input.source });
  if (Object.keys(source).length > 0) {
    setVersion('source', source);
  } else {
    version.delete('source');
  }
  if (input.notes) setVersion('notes', input.notes);
}

function applyPublish(
  doc: Document,
  root: YAMLMap,
  publishInput: NonNullable<NewContainerInput['publish']>,
  publishImage: string,
) {
  const publish = mapAt(
    doc,
    root,
    'publish',
    before('publish', TOP_LEVEL_ORDER),
  );
  const publishOrder = [
    'image',
    'tags',
    'labels',
    'provenance',
    'sbom',
    'signing',
    'targets',
  ];
  const setPublish = (key: string, value: unknown) =>
    setKey(doc, publish, key, value, before(key, publishOrder));
  setPublish('image', publishImage);
  if (publishInput.tags) setPublish('tags', publishInput.tags);
  if (publishInput.provenance !== undefined)
    setPublish('provenance', publishInput.provenance);
  if (publishInput.sbom !== undefined) setPublish('sbom', publishInput.sbom);
  if (publishInput.signing) {
    const { method, key } = publishInput.signing;
    let signing: Record<string, unknown> = { method: 'cosign', keyless: true };
    if (method === 'none') signing = { method };
    else if (key) signing = { method, keyless: false, key };
    setPublish('signing', signing);
  }
}

function applyRuntime(doc: Document, root: YAMLMap, input: NewContainerInput) {
  if (!input.baseImage && !input.ports && !input.env) {
    return;
  }
  const runtime = mapAt(
    doc,
    root,
    'runtime',
    before('runtime', TOP_LEVEL_ORDER),
  );
  if (input.baseImage) setKey(doc, runtime, 'base_image', input.baseImage);
  if (input.ports) {
    setKey(
      doc,
      runtime,
      'ports',
      input.ports.map(p => ({
        name: p.name,
        container_port: p.port,
        protocol: p.protocol ?? 'tcp',
      })),
      ['base_image', 'user', 'workdir', 'entrypoint', 'cmd'],
    );
  }
  if (input.env) {
    setKey(
      doc,
      runtime,
      'env',
      input.env.map(e => ({
        name: e.name,
        default: e.default ?? '',
        ...(e.description ? { description: e.description } : {}),
      })),
      ['base_image', 'user', 'workdir', 'entrypoint', 'cmd', 'ports'],
    );
  }
}

function metastoreStanza(metastore: NonNullable<NewContainerInput['catalog']>) {
  if (metastore.role === 'none') {
    return { role: 'none' };
  }
  const stanza: Record<string, unknown> = { role: metastore.role };
  if (metastore.role === 'provider' && metastore.type) {
    const provided = PROVIDED_KIND[metastore.type];
    stanza.provides = {
      kind: provided.kind,
      protocols: provided.protocols,
      open_standard: true,
    };
  }
  if (metastore.role === 'consumer' && metastore.type) {
    stanza.uses = [
      defined({
        type: metastore.type,
        uri: metastore.uri,
        active: true,
        config_file: metastore.configFile,
      }),
    ];
  }
  const decision = metastore.decision;
  if (decision && Object.values(decision).some(Boolean)) {
    stanza.decision = defined({
      adr: decision.adr,
      status: decision.status,
      cloud_service:
        decision.cloudService ??
        (metastore.type === 'glue' ? 'aws-glue' : undefined),
      rationale: decision.rationale,
    });
  }
  const rollback = metastore.rollback;
  if (
    rollback &&
    (rollback.previous || rollback.runbook || rollback.steps?.length)
  ) {
    stanza.rollback = defined({
      previous: rollback.previous,
      runbook: rollback.runbook,
      steps: rollback.steps?.length ? rollback.steps : undefined,
    });
  }
  if (metastore.role === 'provider' && metastore.composeExample) {
    stanza.compose_example = metastore.composeExample;
  }
  return stanza;
}
