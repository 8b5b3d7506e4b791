// One tree out of every source's listing: a place of one source may belong inside a place of
// another (a container's cores caught by the host's crash handler belong under that container, as
// the Docker source lists it). Sources stay unaware of each other; each says only which place its
// own belongs in, and this pass moves the dumps there when that place is listed. The listings
// themselves are left as they are: the catalog keeps each source's own.

import type { DumpPlace, SourceListing } from './dump';

/** Every place by id, depth first. */
function placesById(places: readonly DumpPlace[], into = new Map<string, DumpPlace>()): Map<string, DumpPlace> {
  for (const p of places) {
    into.set(p.id, p);
    placesById(p.places, into);
  }
  return into;
}

/** Places whose dumps belong in another listed place, by that place's id. */
function guests(places: readonly DumpPlace[], listed: ReadonlyMap<string, DumpPlace>, into = new Map<string, DumpPlace[]>()): Map<string, DumpPlace[]> {
  for (const p of places) {
    if (p.belongsIn !== undefined && listed.has(p.belongsIn)) into.set(p.belongsIn, [...(into.get(p.belongsIn) ?? []), p]);
    else guests(p.places, listed, into);
  }
  return into;
}

function rebuilt(place: DumpPlace, moved: ReadonlyMap<string, DumpPlace[]>, movedIds: ReadonlySet<string>): DumpPlace {
  const joined = moved.get(place.id) ?? [];
  const kept = place.places.filter((p) => !movedIds.has(p.id));
  const gone = place.places.filter((p) => movedIds.has(p.id));
  const children = kept.map((p) => rebuilt(p, moved, movedIds));
  if (joined.length === 0 && gone.length === 0 && children.every((c, i) => c === kept[i])) return place;
  const whereGone = `Shown under ${gone.length === 1 ? 'its container' : 'their containers'}: ${gone.map((g) => g.label).join(', ')}`;
  return {
    ...place,
    expanded: place.expanded || joined.some((j) => j.dumps.length > 0),
    dumps: [...place.dumps, ...joined.flatMap((j) => j.dumps)],
    details: [...(place.details ?? []), ...joined.flatMap((j) => j.details ?? []), ...(gone.length === 0 ? [] : [whereGone])],
    places: children,
    ...(gone.length > 0 && children.length === 0 && place.dumps.length === 0 ? { empty: whereGone } : {}),
  };
}

/** The listings with each place that belongs in another listed place moved into it. */
export function joinListings(listings: readonly SourceListing[]): SourceListing[] {
  const listed = placesById(listings.flatMap((l) => l.places));
  const moved = guests(
    listings.flatMap((l) => l.places),
    listed,
  );
  if (moved.size === 0) return [...listings];
  const movedIds = new Set([...moved.values()].flat().map((p) => p.id));
  return listings.map((l) => ({ ...l, places: l.places.filter((p) => !movedIds.has(p.id)).map((p) => rebuilt(p, moved, movedIds)) }));
}
