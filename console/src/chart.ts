// <r-chart>: a uPlot time-series chart as a custom element, so templates can pass it data as properties.
// The chart is always laid out left→right (dir="ltr"), also on Arabic pages: time axes read naturally from
// past (left) to now (right), as on every Arabic-language utility bill and chart. Labels and numbers are
// still formatted for the chosen locale.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { intlLocale, num, prefs } from './prefs.ts';
import { dateFormat } from './format.ts';

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
  /** Bars of intervals this long (seconds): x is the interval's middle, so each bar covers its own interval; the legend names the interval. */
  intervalS?: number;
}

/** Tick labels by the tick step (not the span, which repeated "3 Dec" on every 6-hour tick), in TIME_ZONE; the date is
 * added under the time where the day changes. */
function tickLabels(splits: number[]): string[] {
  const step = splits.length > 1 ? splits[1]! - splits[0]! : 3600;
  if (step >= 86400 - 3600) return splits.map((s) => dateFormat({ day: 'numeric', month: 'short' }).format(new Date(s * 1000)));
  const time = dateFormat(step < 60 ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = dateFormat({ day: 'numeric', month: 'short' });
  let prev = '';
  return splits.map((s) => {
    const d = new Date(s * 1000);
    const dd = day.format(d);
    const label = dd !== prev && prev !== '' ? `${time.format(d)}\n${dd}` : time.format(d);
    prev = dd;
    return label;
  });
}

export class RChart extends HTMLElement {
  private plot: uPlot | null = null;
  private spec: ChartSpec | null = null;
  private shape = '';
  private resize = new ResizeObserver(() => this.fit());

  set chart(spec: ChartSpec) {
    this.spec = spec;
    const shape = JSON.stringify([spec.series, spec.yLabel, spec.height, intlLocale(), spec.yDigits, spec.intervalS, prefs.timeZone]);
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
      // Day and hour ticks fall on the utility's midnight and hours, not the browser's.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), prefs.timeZone),
      // Interval bars: half an interval of room at each end, so the first and last bars are whole.
      scales: { x: spec.intervalS ? { time: true, range: (_u, min, max) => [min - spec.intervalS! / 2, max + spec.intervalS! / 2] } : { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      axes: [
        {
          stroke: '#333',
          grid: { stroke: '#e3e6e8' },
          // Room for "13:52:05" or "٠١:٥٢:٠٥ م" between ticks.
          space: 96,
          values: (_u, splits) => tickLabels(splits),
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
        { label: spec.xLabel ?? 'Time', value: (_u, v) => (v == null ? '—' : legendTime(v, spec.intervalS)) },
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

/** The legend's time: an instant, or for interval bars the interval itself ("10:00–11:00", "3 Dec"). */
function legendTime(mid: number, intervalS?: number): string {
  if (!intervalS) return dateFormat({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(mid * 1000));
  const from = new Date((mid - intervalS / 2) * 1000);
  const to = new Date((mid + intervalS / 2) * 1000);
  if (intervalS >= 86400) return dateFormat({ weekday: 'short', day: 'numeric', month: 'short' }).format(from);
  const day = dateFormat({ day: 'numeric', month: 'short' }).format(from);
  const hm = dateFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day} ${hm.format(from)}–${hm.format(to)}`;
}

if (!customElements.get('r-chart')) customElements.define('r-chart', RChart);

/** Colours with enough contrast on white, distinguishable for common colour blindness (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8B5A00'];
