import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { type DistrictCode, districtCodeSchema } from '../../shared/districts.ts';
import { asPolygons, polygonBounds } from '../../shared/geo.ts';
import { ApiError } from '../errors.ts';

type DistrictFeature = Feature<Polygon | MultiPolygon, { adcode: string; name: string }>;
type Box = [number, number, number, number];

/** What the grid needs of a district to answer exactly as the list of districts does. */
interface Outline {
  /** The outer rings' box, cut by the feature's own `bbox` member, which turf tests as well. */
  testBox: Box;
  /** The geometry without any `bbox` member, so that turf tests the rings alone. */
  rings: Polygon | MultiPolygon;
}

interface IndexedDistrict extends Outline {
  code: DistrictCode;
  feature: DistrictFeature;
  bbox: Box;
}

const BOUNDARIES_URL = new URL('../../shared/data/jiujiang-districts.geojson', import.meta.url);

/**
 * The district holding a point, as turf's point-in-polygon over the outlines in list order answers it (a point
 * on a shared border goes to the first), through a grid built on the first call.
 */
export class DistrictLocator {
  private readonly districts: IndexedDistrict[];
  private grid: DistrictGrid | undefined;

  constructor(collection: FeatureCollection<Polygon | MultiPolygon, { adcode: string; name: string }>) {
    this.districts = collection.features.map((feature) => {
      const bbox = polygonBounds(feature.geometry);
      const own = feature.bbox;
      const g = feature.geometry;
      return {
        code: districtCodeSchema.parse(feature.properties.adcode),
        feature,
        bbox,
        testBox: own ? [Math.max(bbox[0], own[0]), Math.max(bbox[1], own[1]), Math.min(bbox[2], own[2]), Math.min(bbox[3], own[3])] : bbox,
        rings: g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates } : { type: 'MultiPolygon', coordinates: g.coordinates },
      };
    });
  }

  /** The city's districts, read once per process: every app built in a test run asks for them. */
  static load(): DistrictLocator {
    return (loaded ??= new DistrictLocator(JSON.parse(fs.readFileSync(BOUNDARIES_URL, 'utf8'))));
  }

  /** The district holding the point, or undefined outside Jiujiang. */
  locate(lon: number, lat: number): DistrictCode | undefined {
    // Built on demand: an app that never places a point does not pay the ≈ 50 ms of a first build.
    this.grid ??= new DistrictGrid(this.districts);
    return this.districts[this.grid.locate(lon, lat)]?.code;
  }

  /** The district holding the point; a location outside Jiujiang is refused. */
  require(lon: number, lat: number): DistrictCode {
    const district = this.locate(lon, lat);
    if (!district) throw new ApiError('outside_region', 'the location lies outside Jiujiang', { lon, lat });
    return district;
  }

  /** The district's outline as polygons (a district may have islands); none for an unknown code. */
  outline(code: string): GeoJSON.Position[][][] {
    const geometry = this.districts.find((d) => d.code === code)?.feature.geometry;
    return geometry ? asPolygons(geometry) : [];
  }

  boundsOf(code: DistrictCode): [number, number, number, number] {
    const found = this.districts.find((d) => d.code === code);
    if (!found) throw new Error(`unknown district ${code}`);
    return found.bbox;
  }
}

let loaded: DistrictLocator | undefined;

/**
 * Cells over the districts' union box. Measured on the Jiujiang outlines: 2^18 cells (≈ 700 × 380, 0.4 km
 * across) leave ≈ 5 % of the region's points in a cell an edge comes near, for ≈ 0.8 µs a call against ≈ 16 µs
 * for the list, in 0.5 MB of states and 13 × 32 kB of edge bits; four times as many cells save ≈ 0.2 µs more.
 */
const GRID_CELLS = 1 << 18;
/**
 * Degrees an edge is widened by before its cells are marked. It must exceed the rounding of a coordinate
 * difference (≈ 1e-14° at these magnitudes), the only place where turf departs from exact arithmetic, so that
 * turf answers all the points of an unmarked cell alike.
 */
const EDGE_MARGIN_DEG = 1e-9;

// Cell states, in an Int16Array: a state ≥ 0 is the index of the district holding the whole cell.
const OUTSIDE = -1;
/** Far from every edge, not answered yet. */
const UNRESOLVED = -2;
/** An edge or the side of a district's box comes near: answered by the first point that falls in it. */
const NEAR = -3;
/** Program p is stored as FIRST_PROGRAM - p. */
const FIRST_PROGRAM = -4;
const STATE_MIN = -0x8000;
const STATE_MAX = 0x7fff;

/** What a cell needs tested when the district holding a point may change inside it. */
interface CellProgram {
  /** Districts in list order: index × 2, plus 1 when the rings hold the whole cell and only the box needs testing. */
  steps: Int32Array;
  /** The district holding the points no step claimed, or -1 for none. */
  fallback: number;
}

const inBox = (box: Box, lon: number, lat: number): boolean => lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];

/**
 * A uniform grid answering with district indices. A district none of whose edges comes near a cell holds all
 * of the cell's points or none: most cells are answered when the grid is built, the rest by the first point
 * that falls in them, which leaves a cell near edges with the short list of districts to test there.
 */
class DistrictGrid {
  private readonly outlines: readonly Outline[];
  private readonly bounds: Box;
  private readonly cols: number;
  private readonly rows: number;
  private readonly colsPerDeg: number;
  private readonly rowsPerDeg: number;
  /** Each outline's `testBox` in cells: [col0, row0, col1, row1]. */
  private readonly cellBoxes: Box[];
  /** Per outline, one bit per cell one of its edges comes near. */
  private readonly nearEdge: Uint32Array[];
  private readonly cells: Int16Array;
  private readonly programs: CellProgram[] = [];
  private readonly programIds = new Map<string, number>();

  constructor(outlines: readonly Outline[]) {
    this.outlines = outlines;
    // Beyond every district's box the list finds nothing, whatever the rings do there.
    this.bounds = [
      Math.min(...outlines.map((o) => o.testBox[0])),
      Math.min(...outlines.map((o) => o.testBox[1])),
      Math.max(...outlines.map((o) => o.testBox[2])),
      Math.max(...outlines.map((o) => o.testBox[3])),
    ];
    const [minLon, minLat, maxLon, maxLat] = this.bounds;
    const widthDeg = maxLon - minLon;
    const heightDeg = maxLat - minLat;
    // Square cells on the ground, so that an edge crosses about as many cells whichever way it runs.
    const aspect = (widthDeg * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)) / heightDeg;
    this.cols = Math.min(GRID_CELLS, Math.max(1, Math.round(Math.sqrt(GRID_CELLS * aspect)) || 1));
    this.rows = Math.max(1, Math.floor(GRID_CELLS / this.cols));
    this.colsPerDeg = widthDeg > 0 ? this.cols / widthDeg : 0;
    this.rowsPerDeg = heightDeg > 0 ? this.rows / heightDeg : 0;
    this.cells = new Int16Array(this.cols * this.rows).fill(UNRESOLVED);
    this.cellBoxes = outlines.map(({ testBox: b }) => [this.colOf(b[0]), this.rowOf(b[1]), this.colOf(b[2]), this.rowOf(b[3])]);
    this.nearEdge = outlines.map((o) => this.markEdges(asPolygons(o.rings)));
    this.fillOpenCells();
  }

  /** The index of the district holding the point, or -1. */
  locate(lon: number, lat: number): number {
    // The negated test also sends NaN away, as the list's box tests did.
    if (!inBox(this.bounds, lon, lat)) return -1;
    const cell = this.rowOf(lat) * this.cols + this.colOf(lon);
    let state = this.cells[cell]!;
    if (state === UNRESOLVED || state === NEAR) state = this.resolve(cell, lon, lat);
    if (state >= 0) return state;
    return state === OUTSIDE ? -1 : this.run(this.programs[FIRST_PROGRAM - state]!, lon, lat);
  }

  // Monotonic in the coordinate, which is what lets a range of cells bound a range of coordinates; clamped so
  // that the grid's far edges and the margins around the outermost edges stay on the grid.
  private colOf(lon: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((lon - this.bounds[0]) * this.colsPerDeg)));
  }

  private rowOf(lat: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.bounds[1]) * this.rowsPerDeg)));
  }

  /** Sets the bit of every cell an edge of the rings comes within EDGE_MARGIN_DEG of, and marks the cell NEAR. */
  private markEdges(polygons: GeoJSON.Position[][][]): Uint32Array {
    const bits = new Uint32Array(Math.ceil((this.cols * this.rows) / 32));
    for (const ring of polygons.flat()) {
      const first = ring[0];
      const last = ring.at(-1);
      // turf walks an open ring without closing it, or fails on it, and its answer then jumps along lines no
      // edge draws; such a district is tested everywhere, as before.
      if (!first || !last || first[0] !== last[0] || first[1] !== last[1] || ring.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
        this.cells.fill(NEAR);
        return bits.fill(0xffffffff);
      }
      for (let i = 1; i < ring.length; i++) {
        const lon0 = ring[i - 1]![0]!;
        const lat0 = ring[i - 1]![1]!;
        const dLon = ring[i]![0]! - lon0;
        const dLat = ring[i]![1]! - lat0;
        // A long edge's box covers many cells it never crosses; pieces about a cell long cover only those. Any
        // number of pieces covers the edge, so the count is capped for edges far larger than the grid.
        const pieces = Math.min(this.cols + this.rows, Math.max(1, Math.ceil(Math.max(Math.abs(dLon) * this.colsPerDeg, Math.abs(dLat) * this.rowsPerDeg))));
        for (let k = 0; k < pieces; k++)
          this.markBox(bits, lon0 + (dLon * k) / pieces, lat0 + (dLat * k) / pieces, lon0 + (dLon * (k + 1)) / pieces, lat0 + (dLat * (k + 1)) / pieces);
      }
    }
    return bits;
  }

  private markBox(bits: Uint32Array, lonA: number, latA: number, lonB: number, latB: number): void {
    const col0 = this.colOf(Math.min(lonA, lonB) - EDGE_MARGIN_DEG);
    const col1 = this.colOf(Math.max(lonA, lonB) + EDGE_MARGIN_DEG);
    const row1 = this.rowOf(Math.max(latA, latB) + EDGE_MARGIN_DEG);
    for (let row = this.rowOf(Math.min(latA, latB) - EDGE_MARGIN_DEG); row <= row1; row++)
      for (let cell = row * this.cols + col0; cell <= row * this.cols + col1; cell++) {
        bits[cell >>> 5]! |= 1 << (cell & 31);
        this.cells[cell] = NEAR;
      }
  }

  /**
   * Answers ahead of time the cells that neither an edge nor the side of a district's box comes near. Between
   * two such cells side by side no district's answer can change, so one test settles a whole patch of them;
   * left to the first point in each, they would cost a full test per cell over the first hundred thousand calls.
   */
  private fillOpenCells(): void {
    const { cols, rows, cells } = this;
    const cellCount = cols * rows;
    for (const [col0, row0, col1, row1] of this.cellBoxes) {
      if (col0 > col1 || row0 > row1) continue;
      for (let row = row0; row <= row1; row++) cells[row * cols + col0] = cells[row * cols + col1] = NEAR;
      for (let col = col0; col <= col1; col++) cells[row0 * cols + col] = cells[row1 * cols + col] = NEAR;
    }
    const [minLon, minLat, maxLon, maxLat] = this.bounds;
    const patch = new Int32Array(cellCount);
    let size = 0;
    let state = 0;
    const spread = (cell: number) => {
      if (cells[cell] !== UNRESOLVED) return;
      cells[cell] = state;
      patch[size++] = cell;
    };
    for (let start = 0; start < cellCount; start++) {
      if (cells[start] !== UNRESOLVED) continue;
      const col = start % cols;
      const row = (start - col) / cols;
      const lon = minLon + ((maxLon - minLon) * (col + 0.5)) / cols;
      const lat = minLat + ((maxLat - minLat) * (row + 0.5)) / rows;
      // Should rounding put the centre in another cell, this one waits for a real point.
      if (this.colOf(lon) !== col || this.rowOf(lat) !== row) continue;
      state = this.resolve(start, lon, lat);
      if (cells[start] !== state) continue;
      patch[size++] = start;
      while (size > 0) {
        const cell = patch[--size]!;
        if (cell % cols > 0) spread(cell - 1);
        if (cell % cols < cols - 1) spread(cell + 1);
        if (cell >= cols) spread(cell - cols);
        if (cell + cols < cellCount) spread(cell + cols);
      }
    }
  }

  /** Works out a cell's state from the first point that falls in it. */
  private resolve(cell: number, lon: number, lat: number): number {
    const col = cell % this.cols;
    const row = (cell - col) / this.cols;
    const steps: number[] = [];
    let fallback = -1;
    for (const [i, outline] of this.outlines.entries()) {
      const [col0, row0, col1, row1] = this.cellBoxes[i]!;
      // The cell lies beyond the box: no point of it passes the box test.
      if (col < col0 || col > col1 || row < row0 || row > row1) continue;
      if ((this.nearEdge[i]![cell >>> 5]! >>> (cell & 31)) & 1) {
        steps.push(i * 2);
        continue;
      }
      // No edge of this district comes near: this point's answer holds for the whole cell.
      if (!booleanPointInPolygon([lon, lat], outline.rings)) continue;
      // Strictly inside the box's range of cells the cell lies inside the box; on the range's rim it may straddle it.
      if (col > col0 && col < col1 && row > row0 && row < row1) {
        fallback = i;
        break;
      }
      steps.push(i * 2 + 1);
    }
    let state: number;
    if (steps.length === 0) state = fallback >= 0 ? fallback : OUTSIDE;
    else {
      const key = `${steps.join()}|${fallback}`;
      let id = this.programIds.get(key);
      if (id === undefined) {
        id = this.programs.push({ steps: Int32Array.from(steps), fallback }) - 1;
        this.programIds.set(key, id);
      }
      state = FIRST_PROGRAM - id;
    }
    // A state beyond 16 bits (tens of thousands of districts) is worked out again on every call.
    if (state >= STATE_MIN && state <= STATE_MAX) this.cells[cell] = state;
    return state;
  }

  private run(program: CellProgram, lon: number, lat: number): number {
    for (const step of program.steps) {
      const outline = this.outlines[step >> 1]!;
      if (inBox(outline.testBox, lon, lat) && ((step & 1) === 1 || booleanPointInPolygon([lon, lat], outline.rings))) return step >> 1;
    }
    return program.fallback;
  }
}
