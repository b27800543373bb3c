import type * as Leaflet from 'leaflet';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../../web/api.ts';
import { useShell } from '../../../../web/shell.ts';
import type { MapData } from '../../../territory/web/types.ts';

type L = typeof Leaflet;

/** Six decimals: about 10 cm, more than enough for a door. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A small map to place the hub with a click, over the neighbourhoods' boundaries (and street tiles
 * when the city has them). It only helps: the latitude and longitude fields are the way to give the
 * point without a mouse, and what they hold is what is saved.
 */
export function PointPicker({
  lat,
  lon,
  onPick,
}: {
  lat: number | null;
  lon: number | null;
  onPick: (lat: number, lon: number) => void;
}) {
  const { t } = useTranslation();
  const tileUrl = useShell()?.tileUrl ?? '';
  const boundaries = useApi<MapData>('/api/v1/territory/map');
  const box = useRef<HTMLElement>(null);
  const hintId = useId();
  const pick = useRef(onPick);
  pick.current = onPick;
  const [leaflet, setLeaflet] = useState<{ L: L; map: Leaflet.Map } | null>(null);

  useEffect(() => {
    let disposed = false;
    let map: Leaflet.Map | undefined;
    void (async () => {
      const { default: L } = await import('../../../directory/web/leaflet.ts');
      if (disposed || !box.current) return;
      map = L.map(box.current, { scrollWheelZoom: false, keyboard: true, minZoom: 10, maxZoom: 18 });
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      map.on('click', (e: Leaflet.LeafletMouseEvent) =>
        pick.current(round(e.latlng.lat), round(e.latlng.lng)),
      );
      setLeaflet({ L, map });
    })();
    return () => {
      disposed = true;
      setLeaflet(null);
      map?.remove();
    };
  }, []);

  useEffect(() => {
    if (!leaflet) return;
    const container = leaflet.map.getContainer();
    for (const [selector, key] of [
      ['.leaflet-control-zoom-in', 'directory.map.zoomIn'],
      ['.leaflet-control-zoom-out', 'directory.map.zoomOut'],
    ] as const) {
      const button = container.querySelector(selector);
      button?.setAttribute('title', t(key));
      button?.setAttribute('aria-label', t(key));
    }
  }, [leaflet, t]);

  useEffect(() => {
    if (!leaflet || !tileUrl) return;
    const attribution = /openstreetmap/i.test(tileUrl)
      ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
      : undefined;
    const layer = leaflet.L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(leaflet.map);
    return () => {
      layer.remove();
    };
  }, [leaflet, tileUrl]);

  const boundaryData = boundaries.state === 'ready' ? boundaries.data : null;
  useEffect(() => {
    if (!leaflet || !boundaryData) return;
    const { L, map } = leaflet;
    const layer = L.geoJSON(boundaryData as unknown as GeoJSON.FeatureCollection, {
      interactive: false,
      style: {
        color: '#17324d',
        weight: 1,
        opacity: 0.8,
        fillColor: '#dbe4ee',
        fillOpacity: tileUrl ? 0.15 : 0.6,
      },
    }).addTo(map);
    layer.bringToBack();
    map.fitBounds(layer.getBounds());
    return () => {
      layer.remove();
    };
  }, [leaflet, boundaryData, tileUrl]);

  const placed = lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon);
  useEffect(() => {
    if (!leaflet || !placed) return;
    const marker = leaflet.L.circleMarker([lat, lon], {
      radius: 8,
      color: '#ffffff',
      weight: 2,
      fillColor: '#0066cc',
      fillOpacity: 1,
      interactive: false,
    }).addTo(leaflet.map);
    return () => {
      marker.remove();
    };
  }, [leaflet, placed, lat, lon]);

  return (
    <figure className="mb-3">
      <section
        ref={box}
        className="noi-cp-picker"
        aria-label={t('communityPointsAdmin.form.mapLabel')}
        aria-describedby={hintId}
        data-testid="cp-point-picker"
      />
      <figcaption id={hintId} className="small text-muted mt-2">
        {t('communityPointsAdmin.form.mapHint')}
        {boundaryData?.approximate && ` ${t('territory.map.approximate')}`}
      </figcaption>
    </figure>
  );
}
