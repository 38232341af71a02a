/**
 * Files larger than this are refused (256 KiB).
 *
 * @public
 */
export const DEFAULT_MAX_CONTAINER_YAML_BYTES = 256 * 1024;
/** Aliases the YAML reader expands at most (the `yaml` library's maxAliasCount). */
export const MAX_ALIAS_COUNT = 100;
/** Nodes the document may hold once aliases are expanded. */
export const MAX_EXPANDED_NODES = 100_000;
/** Nesting depth a container.yaml never needs; every walk of the YAML tree stops there too. */
export const MAX_DEPTH = 64;
