import type * as Leaflet from 'leaflet';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../../web/api.ts';
import { useShell } from '../../../web/shell.ts';
import type { MapData } from '../../territory/web/types.ts';
import type { MapPoint } from './types.ts';

type L = typeof Leaflet;

interface Props {
  points: MapPoint[];
  /** What the map shows, for screen readers; it should say where the same facts are written. */
  label: string;
  /** Markers show their number in the list (1, 2, …) instead of a dot. */
  numbered?: boolean;
  /** Number of the first point (for the second page of results). */
  firstNumber?: number;
  /** Neighbourhoods to colour (the places' own), by code. */
  highlight?: string[];
  className?: string;
}

/**
 * Places on a Leaflet map over the neighbourhoods' boundaries (GeoJSON from the territory module).
 * Background tiles only when the city has a tile server (TILE_URL); without one the map still
 * draws the boundaries. Keyboard: arrows pan, +/− zoom, Tab reaches the markers, Enter opens one.
 * Leaflet is loaded on demand, so pages without a map do not pay for it.
 */
export function ServiceMap({
  points,
  label,
  numbered = false,
  firstNumber = 1,
  highlight,
  className,
}: Props) {
  const { t } = useTranslation();
  const shell = useShell();
  const tileUrl = shell?.tileUrl ?? '';
  const boundaries = useApi<MapData>('/api/v1/territory/map');
  const box = useRef<HTMLElement>(null);
  const navigate = useNavigate();
  const hintId = useId();
  const [leaflet, setLeaflet] = useState<{ L: L; map: Leaflet.Map } | null>(null);

  // The map itself, once.
  useEffect(() => {
    let disposed = false;
    let map: Leaflet.Map | undefined;
    void (async () => {
      const { default: L } = await import('./leaflet.ts');
      if (disposed || !box.current) return;
      map = L.map(box.current, {
        zoomControl: false,
        scrollWheelZoom: false,
        dragging: !L.Browser.mobile,
        keyboard: true,
        minZoom: 10,
        maxZoom: 18,
      });
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      setLeaflet({ L, map });
    })();
    return () => {
      disposed = true;
      setLeaflet(null);
      map?.remove();
    };
  }, []);

  // The controls' texts, in the reader's language.
  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const zoom = L.control
      .zoom({ zoomInTitle: t('directory.map.zoomIn'), zoomOutTitle: t('directory.map.zoomOut') })
      .addTo(map);
    const onPopup = (e: Leaflet.PopupEvent) => {
      const close = e.popup.getElement()?.querySelector('.leaflet-popup-close-button');
      close?.setAttribute('aria-label', t('directory.map.closePopup'));
      close?.setAttribute('title', t('directory.map.closePopup'));
    };
    map.on('popupopen', onPopup);
    return () => {
      zoom.remove();
      map.off('popupopen', onPopup);
    };
  }, [leaflet, t]);

  // Background tiles, when the city has a tile server.
  useEffect(() => {
    if (!leaflet || !tileUrl) return;
    const { L, map } = leaflet;
    const attribution = /openstreetmap/i.test(tileUrl)
      ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
      : undefined;
    const layer = L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [leaflet, tileUrl]);

  // The neighbourhoods' boundaries: drawn, not interactive (the page's links lead to them).
  const boundaryData = boundaries.state === 'ready' ? boundaries.data : null;
  const highlighted = highlight?.join(',') ?? '';
  useEffect(() => {
    if (!leaflet || !boundaryData) return;
    const { L, map } = leaflet;
    const layer = L.geoJSON(boundaryData as unknown as GeoJSON.FeatureCollection, {
      interactive: false,
      style: (feature) => {
        const on = highlighted.split(',').includes(String(feature?.properties?.code));
        return {
          color: '#17324d',
          weight: on ? 2.5 : 1,
          opacity: 0.8,
          fillColor: on ? '#80b3e6' : '#dbe4ee',
          fillOpacity: tileUrl ? (on ? 0.3 : 0.15) : 0.6,
        };
      },
    }).addTo(map);
    layer.bringToBack();
    if (!points.some(hasPosition)) map.fitBounds(layer.getBounds());
    return () => {
      layer.remove();
    };
  }, [leaflet, boundaryData, tileUrl, points, highlighted]);

  // The places, as markers that can be reached with Tab.
  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const group = L.layerGroup();
    const placed = points.filter(hasPosition);
    placed.forEach((p) => {
      const n = firstNumber + points.indexOf(p);
      const marker = L.marker([p.lat, p.lon], {
        icon: L.divIcon({
          className: 'noi-dir-marker',
          html: numbered ? `<span aria-hidden="true">${n}</span>` : '',
          iconSize: numbered ? [28, 28] : [18, 18],
          iconAnchor: numbered ? [14, 14] : [9, 9],
          popupAnchor: [0, -12],
        }),
        title: numbered ? `${n}. ${p.title}` : p.title,
        keyboard: true,
        riseOnHover: true,
      });
      marker.bindPopup(() => popupContent(p, t('directory.map.open'), navigate));
      // Opened from the keyboard: the focus goes into the popup, and back to the marker after.
      let fromKeyboard = false;
      marker.on('popupopen', (e: Leaflet.PopupEvent) => {
        fromKeyboard = document.activeElement === marker.getElement();
        if (!fromKeyboard) return;
        const el = e.popup.getElement();
        el?.querySelector<HTMLElement>('.noi-dir-popup a, .leaflet-popup-close-button')?.focus();
      });
      marker.on('popupclose', () => {
        if (fromKeyboard) marker.getElement()?.focus();
        fromKeyboard = false;
      });
      group.addLayer(marker);
    });
    group.addTo(map);
    if (placed.length === 1) {
      map.setView([placed[0]!.lat, placed[0]!.lon], tileUrl ? 16 : 13);
    } else if (placed.length > 1) {
      map.fitBounds(L.latLngBounds(placed.map((p) => [p.lat, p.lon] as [number, number])), {
        padding: [32, 32],
        maxZoom: 16,
      });
    }
    return () => {
      group.remove();
    };
  }, [leaflet, points, numbered, firstNumber, navigate, t, tileUrl]);

  return (
    <figure className="mb-3">
      <section
        ref={box}
        className={className ?? 'noi-dir-map'}
        aria-label={label}
        aria-describedby={hintId}
        data-testid="directory-map"
      />
      <figcaption id={hintId} className="small text-muted mt-2">
        {t('directory.map.keyboardHint')}
        {!tileUrl && ` ${t('directory.map.noTiles')}`}
        {boundaryData?.approximate && ` ${t('territory.map.approximate')}`}
      </figcaption>
    </figure>
  );
}

function hasPosition(p: MapPoint): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lon);
}

/** The popup of a marker, built as DOM (no HTML from data), its link routed in the app. */
function popupContent(p: MapPoint, linkTitle: string, navigate: (to: string) => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'noi-dir-popup';
  const title = document.createElement('p');
  title.className = 'mb-1';
  const href = p.href;
  if (href) {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = p.title;
    link.title = linkTitle;
    link.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(href);
    });
    title.append(link);
  } else {
    const name = document.createElement('strong');
    name.textContent = p.title;
    title.append(name);
  }
  box.append(title);
  if (p.subtitle) {
    const sub = document.createElement('p');
    sub.className = 'mb-0 small';
    sub.textContent = p.subtitle;
    box.append(sub);
  }
  return box;
}
