/** Leaflet with its stylesheet: imported on demand by the maps, so other pages do not load it. */
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';

export default L;
