// The dashboard's two charts, drawn with uPlot. Each redraw replaces the chart: a few hundred
// points at most, so nothing is kept between refreshes.
import uPlot from '/dashboard/assets/uPlot.esm.js';

const WIDTH = 1180;
const HEIGHT = 240;
// Times as the tables give them: Rome's clock, 24 hours, day before month (uPlot's own default
// is the browser's zone with am/pm and month first).
const ROME = 'Europe/Rome';
const clock = new Intl.DateTimeFormat('it-IT', { timeZone: ROME, hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat('it-IT', { timeZone: ROME, day: '2-digit', month: '2-digit', year: 'numeric' });
const instant = (ts) => new Date(ts * 1000).toLocaleString('it-IT', { timeZone: ROME });

/** Tick labels in Rome time, the date under the first tick of each day. */
function romeTicks(_u, ticks) {
  return ticks.map((t, i) => {
    const d = new Date(t * 1000);
    const first = i === 0 || day.format(new Date(ticks[i - 1] * 1000)) !== day.format(d);
    return first ? `${clock.format(d)}\n${day.format(d)}` : clock.format(d);
  });
}

function replace(el, opts, data) {
  el.replaceChildren();
  return new uPlot({ width: Math.min(WIDTH, el.clientWidth || WIDTH), height: HEIGHT, ...opts }, data, el);
}

/** Backlog (items, left axis) and lag (minutes, right axis) of one terminal over time. */
export function historyChart(el, points) {
  const xs = points.map((p) => Date.parse(p.at) / 1000);
  const backlog = points.map((p) => p.backlog);
  const lag = points.map((p) => Math.round(p.lagMs / 6000) / 10);
  return replace(
    el,
    {
      // Ticks fall on Rome's round hours and half hours, whatever the browser's zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), ROME),
      series: [
        { label: 'Time', value: (_u, ts) => (ts == null ? '--' : instant(ts)) },
        { label: 'Backlog (items)', stroke: '#0b4f8a', width: 2, scale: 'items' },
        { label: 'Sync lag (min)', stroke: '#a30000', width: 2, dash: [6, 4], scale: 'min' },
      ],
      axes: [{ values: romeTicks }, { scale: 'items', label: 'items' }, { scale: 'min', side: 1, label: 'minutes', grid: { show: false } }],
    },
    [xs, backlog, lag],
  );
}

/** Payments (bars) and euros (line) per Rome hour of one day. */
export function paymentsChart(el, day, hours) {
  const byHour = new Map(hours.map((h) => [Number(h.hour.slice(11, 13)), h]));
  const xs = Array.from({ length: 24 }, (_, i) => i);
  const counts = xs.map((i) => byHour.get(i)?.payments ?? 0);
  const euros = xs.map((i) => (byHour.get(i)?.collectedCents ?? 0) / 100);
  return replace(
    el,
    {
      scales: { x: { time: false } },
      series: [
        { label: `Hour of ${day}` },
        { label: 'Payments', stroke: '#0b4f8a', fill: 'rgba(11,79,138,0.35)', paths: uPlot.paths.bars({ size: [0.7, 40] }), scale: 'n' },
        { label: 'Collected (€)', stroke: '#1d5e20', width: 2, scale: 'eur' },
      ],
      axes: [{ label: 'hour', values: (_u, ticks) => ticks.map((t) => `${String(t).padStart(2, '0')}:00`) }, { scale: 'n', label: 'payments' }, { scale: 'eur', side: 1, label: '€', grid: { show: false } }],
    },
    [xs, counts, euros],
  );
}
