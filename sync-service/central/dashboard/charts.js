// The dashboard's two charts, drawn with uPlot. Each redraw replaces the chart: a few hundred
// points at most, so nothing is kept between refreshes.
import uPlot from '/dashboard/assets/uPlot.esm.js';

const WIDTH = 1180;
const HEIGHT = 240;

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
      series: [
        {},
        { label: 'Backlog (items)', stroke: '#0b4f8a', width: 2, scale: 'items' },
        { label: 'Sync lag (min)', stroke: '#a30000', width: 2, dash: [6, 4], scale: 'min' },
      ],
      axes: [{}, { scale: 'items', label: 'items' }, { scale: 'min', side: 1, label: 'minutes', grid: { show: false } }],
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
