import { matchesLink, trackedLinks, type TrackedLink } from "./add-tracking";

const linksByVersion = new Map<string, TrackedLink[]>();

/** A template version's tracked links (versions never change: derived once per process, bounded). */
export function linksOfVersion(versionId: string, mjml: string): TrackedLink[] {
  let links = linksByVersion.get(versionId);
  if (!links) {
    links = trackedLinks(mjml);
    linksByVersion.set(versionId, links);
    if (linksByVersion.size > 200) linksByVersion.delete(linksByVersion.keys().next().value!);
  }
  return links;
}

/**
 * Where a tracked link goes: the link's own address, or for a link Liquid completes per recipient
 * the address it carries in `u` when that fits the link as written. Null when it does not (an
 * altered link): the caller then redirects nowhere.
 */
export function destinationOf(links: readonly TrackedLink[], index: number, carried: string | null): string | null {
  const link = links[index];
  if (!link) return null;
  if (!/\{\{/.test(link.url)) return link.url;
  return carried !== null && matchesLink(link, carried) ? carried : null;
}
