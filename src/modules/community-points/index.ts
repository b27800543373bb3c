/** Public API of the community-points module: other modules call these, never its tables. */
export {
  type CommunityPoint,
  getCommunityPoint,
  hubServing,
  listCommunityPoints,
  type RoutingPoint,
  routingTable,
} from './service.ts';
