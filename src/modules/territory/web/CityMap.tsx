import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MapData } from './types.ts';

interface Props {
  map: MapData;
  colours: Record<string, string>;
  /** When set, only this neighbourhood is coloured and the map is not interactive. */
  highlight?: string;
  label: string;
  className?: string;
}

/**
 * The neighbourhoods as a choropleth drawn from GeoJSON (no tile server): one colour per zone.
 * ECharts is loaded on demand, so pages without a map do not pay for it.
 */
export function CityMap({ map, colours, highlight, label, className }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const { t } = useTranslation();
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void (async () => {
      const echarts = await import('echarts/core');
      const { MapChart } = await import('echarts/charts');
      const { TooltipComponent, AriaComponent } = await import('echarts/components');
      const { CanvasRenderer } = await import('echarts/renderers');
      echarts.use([MapChart, TooltipComponent, AriaComponent, CanvasRenderer]);
      if (disposed || !box.current) return;
      echarts.registerMap('noi-city', map as never);
      const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
      chart = instance;
      instance.setOption({
        aria: { enabled: true, label: { description: label } },
        tooltip: {
          trigger: 'item',
          formatter: (p: { data?: { label: string; zone: string } }) =>
            p.data ? `<strong>${p.data.label}</strong><br/>${p.data.zone}` : '',
        },
        series: [
          {
            type: 'map',
            map: 'noi-city',
            nameProperty: 'code',
            roam: false,
            selectedMode: false,
            aspectScale: 0.7,
            label: { show: false },
            emphasis: {
              label: { show: !highlight, color: '#17324d', fontWeight: 'bold' },
              itemStyle: { areaColor: '#ffffff' },
            },
            itemStyle: { borderColor: '#17324d', borderWidth: 0.8 },
            data: map.features.map((f) => ({
              name: f.properties.code,
              label: f.properties.name,
              zone: f.properties.zoneName,
              itemStyle: {
                areaColor:
                  !highlight || highlight === f.properties.code ? colours[f.properties.zoneCode] : '#e6e9f2',
              },
            })),
          },
        ],
      });
      if (!highlight) {
        instance.on('click', (p) => {
          const code = (p as { name?: string }).name;
          if (code) navigate(`/quartieri/${code}`);
        });
      }
      window.addEventListener('resize', onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [map, colours, highlight, label, navigate]);
  return (
    <figure className="mb-2">
      <div
        ref={box}
        className={className ?? 'noi-map'}
        role="img"
        aria-label={label}
        data-testid="city-map"
      />
      {map.approximate && (
        <figcaption className="small text-muted mt-2">{t('territory.map.approximate')}</figcaption>
      )}
    </figure>
  );
}
