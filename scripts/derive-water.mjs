#!/usr/bin/env node
// Derives shared/data/jiujiang-water.geojson, the lakes, wide rivers and river lines drawn on every map, from
// GSHHG 2.3.x (Wessel & Smith, LGPL) through GMT. Run it again after a GSHHG update:
//   apt-get install -y gmt gmt-gshhg-full && node scripts/derive-water.mjs
// The screens only read the committed file; nothing at run time needs GMT.
//
// GMT dumps shorelines and rivers as pieces cut at its 1° storage bins and at the region's edge. Pieces of one
// line share their end points exactly, so they are joined end to end; a shoreline still open then runs out of
// the region and is closed along the region's edge, the way GMT itself closes polygons to fill them. That
// walk along the edge is the clip to the region.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const DISTRICTS_FILE = path.join(ROOT, 'shared/data/jiujiang-districts.geojson');
const OUT_FILE = path.join(ROOT, 'shared/data/jiujiang-water.geojson');

/** Water this far beyond the outermost district is kept, so the Yangtze and Poyang Lake do not stop at the city's edge. */
const MARGIN_DEG = 0.3;
/** Douglas–Peucker tolerance: ≈ 20 m, far below the 1:250,000–1:3,000,000 sources' own accuracy. */
const SIMPLIFY_TOLERANCE_DEG = 0.0002;
/** Five decimals (≈ 1 m), as the district outlines have. */
const DECIMALS = 5;
/** WDBII river ranks kept: 1 major, 2 additional major, 3 additional, 4 minor permanent rivers. */
const RIVER_RANKS = [1, 2, 3, 4];
const ON_EDGE_DEG = 1e-7;

/** GMT leaves a gmt.history wherever it runs: a directory of its own, removed afterwards. */
const GMT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-water-'));
process.on('exit', () => fs.rmSync(GMT_DIR, { recursive: true, force: true }));

function gmt(args) {
  try {
    return execFileSync('gmt', args, { cwd: GMT_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const reason = error.code === 'ENOENT' ? 'gmt is not installed' : String(error.stderr || error.message).trim();
    throw new Error(`${reason}\n(apt-get install -y gmt gmt-gshhg-full; the full-resolution GSHHG is needed)`, { cause: error });
  }
}

/** The districts' extent plus the margin, rounded outward to 0.1°. */
function regionOf(file) {
  const extent = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] !== 'number') return c.forEach(walk);
    extent[0] = Math.min(extent[0], c[0]);
    extent[1] = Math.min(extent[1], c[1]);
    extent[2] = Math.max(extent[2], c[0]);
    extent[3] = Math.max(extent[3], c[1]);
  };
  for (const feature of JSON.parse(fs.readFileSync(file, 'utf8')).features) walk(feature.geometry.coordinates);
  const down = (v) => Math.floor(Math.round((v - MARGIN_DEG) * 1e6) / 1e5) / 10;
  const up = (v) => Math.ceil(Math.round((v + MARGIN_DEG) * 1e6) / 1e5) / 10;
  return { west: down(extent[0]), south: down(extent[1]), east: up(extent[2]), north: up(extent[3]) };
}

/** GMT's multisegment text: `> … Level n` headers, then `lon lat` rows. */
function parseSegments(text) {
  const segments = [];
  let current = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      current = { level: Number(/Level (\d+)/.exec(line)?.[1]), points: [] };
      segments.push(current);
    } else if (line.trim() && current) {
      const [lon, lat] = line.trim().split(/\s+/).map(Number);
      current.points.push([lon, lat]);
    }
  }
  return segments.filter((s) => s.points.length >= 2);
}

const keyOf = ([lon, lat]) => `${lon.toFixed(7)},${lat.toFixed(7)}`;
const samePoint = (a, b) => keyOf(a) === keyOf(b);

/** Joins pieces whose ends meet (end to start, or reversed) into the fewest lines; closed rings come out closed. */
function joinPieces(pieces) {
  const lines = pieces.map((p) => [...p]);
  const alive = new Set(lines.keys());
  const byEnd = new Map();
  const index = (i) => {
    for (const point of [lines[i][0], lines[i].at(-1)]) {
      const key = keyOf(point);
      if (!byEnd.has(key)) byEnd.set(key, new Set());
      byEnd.get(key).add(i);
    }
  };
  const unindex = (i) => {
    for (const point of [lines[i][0], lines[i].at(-1)]) byEnd.get(keyOf(point))?.delete(i);
  };
  lines.forEach((_, i) => index(i));
  for (let joined = true; joined;) {
    joined = false;
    for (const i of alive) {
      const line = lines[i];
      if (samePoint(line[0], line.at(-1))) continue;
      const other = [...(byEnd.get(keyOf(line.at(-1))) ?? [])].find((j) => j !== i);
      if (other === undefined) continue;
      unindex(i);
      unindex(other);
      const next = samePoint(lines[other][0], line.at(-1)) ? lines[other] : [...lines[other]].reverse();
      lines[i] = [...line, ...next.slice(1)];
      alive.delete(other);
      index(i);
      joined = true;
    }
  }
  return [...alive].map((i) => lines[i]);
}

/** Twice the signed area: positive counter-clockwise. */
const signedArea2 = (ring) => ring.slice(1).reduce((sum, [x, y], i) => sum + ring[i][0] * y - x * ring[i][1], 0);

/**
 * Closes shorelines cut at the region's edge by walking the edge clockwise from where one leaves to where the
 * next comes in, corners included. GSHHG keeps the water on a fixed side of every shoreline, so for rings that
 * turn clockwise around their inside, clockwise along the edge stays inside.
 */
function closeAlongEdge(open, region) {
  const { west, south, east, north } = region;
  const height = north - south;
  const width = east - west;
  const perimeter = 2 * (width + height);
  // distance along the edge, clockwise from the south-west corner
  const along = ([x, y]) => {
    if (Math.abs(x - west) < ON_EDGE_DEG) return y - south;
    if (Math.abs(y - north) < ON_EDGE_DEG) return height + (x - west);
    if (Math.abs(x - east) < ON_EDGE_DEG) return height + width + (north - y);
    if (Math.abs(y - south) < ON_EDGE_DEG) return 2 * height + width + (east - x);
    return null;
  };
  const corners = [
    [0, [west, south]],
    [height, [west, north]],
    [height + width, [east, north]],
    [2 * height + width, [east, south]],
  ];
  const ahead = (from, to) => (to - from + perimeter) % perimeter;
  const chains = open.filter((chain) => {
    const ok = along(chain[0]) !== null && along(chain.at(-1)) !== null;
    if (!ok) console.warn(`dropped a shoreline piece that ends inside the region, near ${keyOf(chain.at(-1))}`);
    return ok;
  });
  const rings = [];
  const used = new Set();
  for (let first = 0; first < chains.length; first++) {
    if (used.has(first)) continue;
    const ring = [];
    for (let at = first; !used.has(at);) {
      used.add(at);
      ring.push(...chains[at]);
      const leaves = along(chains[at].at(-1));
      let next = first;
      let nextGap = Infinity;
      chains.forEach((chain, j) => {
        const gap = ahead(leaves, along(chain[0]));
        if ((!used.has(j) || j === first) && gap < nextGap) [next, nextGap] = [j, gap];
      });
      for (const [t, corner] of [...corners].sort((a, b) => ahead(leaves, a[0]) - ahead(leaves, b[0])))
        if (ahead(leaves, t) > 0 && ahead(leaves, t) < nextGap) ring.push(corner);
      at = next;
    }
    ring.push(ring[0]);
    rings.push(ring);
  }
  return rings;
}

/** Douglas–Peucker on a line (a closed ring keeps its first point twice). */
function simplify(points, tolerance) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop();
    const [ax, ay] = points[from];
    const [bx, by] = points[to];
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = from + 1; i < to; i++) {
      const [px, py] = points[i];
      const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
      const distance = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      if (distance > farthestDistance) [farthest, farthestDistance] = [i, distance];
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([from, farthest], [farthest, to]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (points) => {
  const rounded = points.map(([x, y]) => [Number(x.toFixed(DECIMALS)), Number(y.toFixed(DECIMALS))]);
  return rounded.filter((p, i) => i === 0 || !samePoint(p, rounded[i - 1]));
};

function insideRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The water polygons of one kind (GSHHG lakes, or its river-lakes: the wide reaches drawn by both banks):
 * level 2 shores around water, level 3 islands in it as holes, level 4 ponds on those islands as water again.
 * Rings as RFC 7946 wants them: outer counter-clockwise, holes clockwise.
 */
function waterPolygons(region, kind) {
  const r = `-R${region.west}/${region.east}/${region.south}/${region.north}`;
  const segments = parseSegments(gmt(['coast', r, '-Df', `-A0${kind === 'lake' ? '+l' : '+r'}`, '-W2/0.1p', '-W3/0.1p', '-W4/0.1p', '-M']));
  const ringsOf = (level) => {
    const pieces = segments.filter((s) => s.level === level).map((s) => s.points);
    const joined = joinPieces(pieces);
    const closed = joined.filter((line) => samePoint(line[0], line.at(-1)));
    const open = joined.filter((line) => !samePoint(line[0], line.at(-1)));
    // walk the edge clockwise around the inside of this level's rings; islands turn the other way
    const clockwise = closed.length === 0 ? level !== 3 : closed.every((ring) => signedArea2(ring) < 0);
    if (!clockwise && !closed.every((ring) => signedArea2(ring) > 0)) throw new Error(`level ${level} ${kind} shorelines turn both ways`);
    const flip = (lines) => lines.map((line) => [...line].reverse());
    const edgeClosed = clockwise ? closeAlongEdge(open, region) : flip(closeAlongEdge(flip(open), region));
    return [...closed, ...edgeClosed]
      .map((ring) => round(simplify(ring, SIMPLIFY_TOLERANCE_DEG)))
      .filter((ring) => ring.length >= 4 && signedArea2(ring) !== 0)
      .map((ring) => (signedArea2(ring) > 0 ? ring : [...ring].reverse()));
  };
  const polygons = [...ringsOf(2), ...ringsOf(4)].map((outer) => [outer]);
  for (const island of ringsOf(3)) {
    const probe = island.find(([x, y]) => x > region.west && x < region.east && y > region.south && y < region.north) ?? island[0];
    const container = polygons.find((polygon) => insideRing(probe, polygon[0]));
    if (container) container.push([...island].reverse());
    else console.warn(`dropped an island outside every ${kind} near ${keyOf(probe)}`);
  }
  return polygons.map((coordinates) => ({ type: 'Feature', properties: { kind }, geometry: { type: 'Polygon', coordinates } }));
}

/** Cuts a line to the region (Liang–Barsky on each segment): GMT dumps rivers by whole bins, not clipped. */
function clipLine(points, { west, south, east, north }) {
  const runs = [];
  let run = null;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1];
    const [bx, by] = points[i];
    const dx = bx - ax;
    const dy = by - ay;
    let t0 = 0;
    let t1 = 1;
    const edges = [
      [-dx, ax - west],
      [dx, east - ax],
      [-dy, ay - south],
      [dy, north - ay],
    ];
    const crosses = edges.every(([p, q]) => {
      if (p === 0) return q >= 0;
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      return t0 <= t1;
    });
    if (!crosses) {
      run = null;
      continue;
    }
    const from = [ax + t0 * dx, ay + t0 * dy];
    const to = [ax + t1 * dx, ay + t1 * dy];
    if (!run || !samePoint(run.at(-1), from)) runs.push((run = [from]));
    run.push(to);
    if (t1 < 1) run = null;
  }
  return runs;
}

/** The WDBII rivers of one rank as joined, clipped, simplified lines. */
function riverLines(region, rank) {
  const r = `-R${region.west}/${region.east}/${region.south}/${region.north}`;
  const pieces = parseSegments(gmt(['coast', r, '-Df', `-I${rank}/0.1p`, '-M'])).map((s) => s.points);
  return joinPieces(pieces)
    .flatMap((line) => clipLine(line, region))
    .map((line) => round(simplify(line, SIMPLIFY_TOLERANCE_DEG)))
    .filter((line) => line.length >= 2)
    .map((coordinates) => ({ type: 'Feature', properties: { kind: 'river', rank }, geometry: { type: 'LineString', coordinates } }));
}

const firstPoint = (feature) => (feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0][0] : feature.geometry.coordinates[0]);
/** A stable order, so that deriving again from the same GSHHG gives the same bytes. */
const byPlace = (a, b) => firstPoint(a)[0] - firstPoint(b)[0] || firstPoint(a)[1] - firstPoint(b)[1];

const region = regionOf(DISTRICTS_FILE);
const gshhg = gmt(['get', 'DIR_GSHHG']).trim();
const features = [
  ...waterPolygons(region, 'lake').sort(byPlace),
  ...waterPolygons(region, 'river-lake').sort(byPlace),
  ...RIVER_RANKS.flatMap((rank) => riverLines(region, rank).sort(byPlace)),
];
const collection = { type: 'FeatureCollection', bbox: [region.west, region.south, region.east, region.north], features };
// one feature a line: small diffs when GSHHG changes, and a file still readable by eye
const text = `{"type":"FeatureCollection","bbox":${JSON.stringify(collection.bbox)},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
fs.writeFileSync(OUT_FILE, text);

const count = (test) => features.filter(test).length;
const vertices = features.reduce((sum, f) => sum + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
console.log(
  `${path.relative(ROOT, OUT_FILE)}: ${(text.length / 1024).toFixed(0)} KiB, region ${collection.bbox.join(',')}, ` +
    `${count((f) => f.properties.kind === 'lake')} lakes, ${count((f) => f.properties.kind === 'river-lake')} river-lakes, ` +
    `${count((f) => f.properties.kind === 'river')} river lines, ≈ ${vertices} vertices (GSHHG in ${gshhg})`,
);
