/** Public API of the initiatives module: other modules call these, never its tables. */
export {
  createInitiative,
  initiativeStatuses,
  type NewInitiative,
  type Partner,
  type ProgrammePart,
  programmeParts,
} from './service/create.ts';
