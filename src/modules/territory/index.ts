/** Public API of the territory module: other modules call these, never its tables. */
export {
  type ImportReport,
  importNeighbourhoodBoundaries,
  parseCsv,
  readCityFolder,
  upsertCityTerritory,
} from './load.ts';
export {
  getTerritory,
  locatePoint,
  type NeighbourhoodRef,
  neighbourhoodRef,
  requirePointInCity,
  type ZoneRef,
} from './service.ts';
