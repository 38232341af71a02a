/**
 * Which target holds which slug, shared by the providers of one module. Targets are ranked in
 * config order: a slug held by an earlier target wins over the same slug in a later one.
 *
 * @public
 */
export class SlugClaims {
  private readonly claims = new Map<string, ReadonlyMap<string, string>>();

  /** @param targetIds - the module's targets, in config order */
  constructor(readonly targetIds: readonly string[]) {}

  /** Records the slugs (and their files) that a target emitted in its last run. */
  set(targetId: string, slugs: ReadonlyMap<string, string>): void {
    this.claims.set(targetId, slugs);
  }

  /** The file of an earlier target holding the slug, if any. */
  claimedBefore(targetId: string, slug: string): string | undefined {
    const rank = this.targetIds.indexOf(targetId);
    for (const earlier of this.targetIds.slice(0, Math.max(rank, 0))) {
      const file = this.claims.get(earlier)?.get(slug);
      if (file) return file;
    }
    return undefined;
  }
}
