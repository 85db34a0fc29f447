// <r-chart>: a uPlot time-series chart as a custom element, so templates can pass it data as properties.
// The chart is always laid out left→right (dir="ltr"), also on Arabic pages: time axes read naturally from
// past (left) to now (right), as on every Arabic-language utility bill and chart. Labels and numbers are
// still formatted for the chosen locale.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { intlLocale, num } from './prefs.ts';

export interface ChartSeries {
  label: string;
  color: string;
  bars?: boolean;
}

export interface ChartSpec {
  /** x: seconds since epoch; one array per series after it. */
  data: (number | null)[][];
  series: ChartSeries[];
  yLabel: string;
  yDigits?: number;
  /** Summary read out by screen readers (the chart itself is a picture). */
  summary: string;
  height?: number;
  /** Label of the time in the legend. */
  xLabel?: string;
}

function timeFormatter(spanSeconds: number): Intl.DateTimeFormat {
  const loc = intlLocale();
  if (spanSeconds <= 15 * 60) return new Intl.DateTimeFormat(loc, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (spanSeconds <= 2 * 86400) return new Intl.DateTimeFormat(loc, { hour: '2-digit', minute: '2-digit' });
  return new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short' });
}

export class RChart extends HTMLElement {
  private plot: uPlot | null = null;
  private spec: ChartSpec | null = null;
  private shape = '';
  private resize = new ResizeObserver(() => this.fit());

  set chart(spec: ChartSpec) {
    this.spec = spec;
    const shape = JSON.stringify([spec.series, spec.yLabel, spec.height, intlLocale(), spec.yDigits]);
    if (this.plot && shape === this.shape) {
      this.plot.setData(spec.data as uPlot.AlignedData);
    } else {
      this.shape = shape;
      this.build();
    }
    this.setAttribute('aria-label', spec.summary);
  }

  connectedCallback(): void {
    this.setAttribute('dir', 'ltr');
    this.setAttribute('role', 'img');
    this.resize.observe(this);
    if (this.spec && !this.plot) this.build();
  }

  disconnectedCallback(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  private width(): number {
    return Math.max(240, Math.floor(this.clientWidth || this.parentElement?.clientWidth || 600));
  }

  private fit(): void {
    if (this.plot && this.spec) {
      const w = this.width();
      if (Math.abs(w - this.plot.width) > 2) this.plot.setSize({ width: w, height: this.spec.height ?? 260 });
    }
  }

  private build(): void {
    if (!this.isConnected || !this.spec) return;
    this.plot?.destroy();
    const spec = this.spec;
    const digits = spec.yDigits ?? 1;
    const opts: uPlot.Options = {
      width: this.width(),
      height: spec.height ?? 260,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      axes: [
        {
          stroke: '#333',
          grid: { stroke: '#e3e6e8' },
          // Room for "13:52:05" or "٠١:٥٢:٠٥ م" between ticks.
          space: 96,
          values: (_u, splits) => {
            const span = splits.length > 1 ? splits[splits.length - 1]! - splits[0]! : 0;
            const f = timeFormatter(span);
            return splits.map((s) => f.format(new Date(s * 1000)));
          },
        },
        {
          stroke: '#333',
          grid: { stroke: '#e3e6e8' },
          size: 64,
          label: spec.yLabel,
          labelSize: 18,
          // As many decimals as the tick step needs (0.005, 0.01, 0.015 … not 0.01, 0.01, 0.02).
          values: (_u, splits) => {
            let d = 0;
            while (d < Math.max(4, digits) && !splits.every((s) => Math.abs(Math.round(s * 10 ** d) / 10 ** d - s) <= 1e-9 * Math.max(1, Math.abs(s)))) d++;
            return splits.map((s) => num(s, d, d));
          },
        },
      ],
      series: [
        { label: spec.xLabel ?? 'Time', value: (_u, v) => (v == null ? '—' : new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(v * 1000))) },
        ...spec.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: s.bars ? s.color + '99' : s.color + '1a',
          paths: s.bars ? uPlot.paths.bars!({ size: [0.8, 40] }) : undefined,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : num(v, digits)),
        })),
      ],
    };
    this.plot = new uPlot(opts, spec.data as uPlot.AlignedData, this);
  }
}

if (!customElements.get('r-chart')) customElements.define('r-chart', RChart);

/** Colours with enough contrast on white, distinguishable for common colour blindness (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8B5A00'];
