/* global fetch, location, Option */
// The staff dashboard's page script: reads /dashboard/api/* (the session cookie goes along) and
// fills the tables and charts. Text goes in with textContent only: nothing from the data is
// ever parsed as HTML.
import { historyChart, paymentsChart } from '/dashboard/assets/charts.js';

const REFRESH_MS = 30_000;
const euro = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const eur = (cents) => (cents === null || cents === undefined ? '–' : euro.format(cents / 100));
const when = (iso) => (iso ? new Date(iso).toLocaleString('it-IT', { timeZone: 'Europe/Rome' }) : 'never');
const lag = (ms) => (ms === null ? '–' : ms < 60_000 ? `${Math.floor(ms / 1000)} s` : ms < 3_600_000 ? `${Math.floor(ms / 60_000)} min` : `${Math.floor(ms / 3_600_000)} h`);
const romeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

async function api(path) {
  const res = await fetch(`/dashboard/api/${path}`, { credentials: 'same-origin' });
  // The session ended (expired, logged out elsewhere, account disabled): back to the form.
  if (res.status === 401) {
    location.assign('/dashboard/login');
    throw new Error('session ended');
  }
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = String(text);
  if (className) td.className = className;
  return td;
}

function fill(tableId, rows, empty) {
  const body = document.querySelector(`#${tableId} tbody`);
  const cols = document.querySelectorAll(`#${tableId} thead th`).length;
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(empty, 'muted');
    td.colSpan = cols;
    tr.append(td);
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement('tr');
    tr.append(...cells);
    return tr;
  }));
}

async function showTerminals() {
  const { terminals } = await api('terminals');
  fill('terminals', terminals.map((t) => [
    cell(t.terminalId),
    cell(t.status === 'assistance' ? 'assistance requested' : t.status, `status status-${t.status}`),
    cell(when(t.lastSeenAt)),
    cell(t.backlog ?? '–', 'num'),
    cell(lag(t.lagMs), 'num'),
    cell(t.faults.join(', ') || '–'),
  ]), 'No terminal is enrolled.');
  const select = document.getElementById('history-terminal');
  const chosen = select.value;
  select.replaceChildren(...terminals.map((t) => new Option(`${t.terminalId} (${t.status})`, t.terminalId)));
  // Keep the choice across refreshes; first time, the first terminal not ok.
  select.value = chosen || (terminals.find((t) => t.status !== 'ok') ?? terminals[0])?.terminalId || '';
  await showHistory();
}

async function showHistory() {
  const id = document.getElementById('history-terminal').value;
  const el = document.getElementById('history-chart');
  if (!id) return el.replaceChildren();
  const { points } = await api(`terminals/${encodeURIComponent(id)}/history?hours=6`);
  el.setAttribute('aria-label', `Backlog and sync lag of ${id} over the last 6 hours: ${points.length} points, latest backlog ${points.at(-1)?.backlog ?? 'unknown'}`);
  historyChart(el, points);
}

async function showPayments() {
  const day = romeToday();
  const { hours } = await api(`payments-per-hour?day=${day}`);
  const el = document.getElementById('payments-chart');
  const total = hours.reduce((n, h) => n + h.payments, 0);
  const cents = hours.reduce((n, h) => n + h.collectedCents, 0);
  el.setAttribute('aria-label', `Payments per hour on ${day}: ${total} payments, ${eur(cents)} euros in all`);
  paymentsChart(el, day, hours);
}

async function showReconciliation() {
  const day = document.getElementById('reconciliation-day').value || romeToday();
  const { days } = await api(`reconciliation?from=${day}&to=${day}`);
  const d = days[0];
  fill('providers', d.providers.map((p) => [
    cell(p.name), cell(p.fiscalCode), cell(p.payments, 'num'), cell(p.itemsPaid, 'num'), cell(eur(p.paidCents), 'num'),
    cell(p.appointments, 'num'), cell(p.appointmentsUnpaid, 'num'), cell(eur(p.unpaidNoticeCents), 'num'),
  ]), `Nothing paid or booked on ${day}.`);
  fill('terminal-money', d.terminals.map((t) => [
    cell(t.terminalId), cell(t.payments, 'num'), cell(eur(t.collectedCents), 'num'), cell(eur(t.cashCents), 'num'), cell(eur(t.cardCents), 'num'),
    cell(eur(t.itemsCents), 'num'), cell(eur(t.differenceCents), 'num'), t.anomaly ? cell('anomaly: check the cash box', 'anomaly') : cell('rounding only'),
  ]), `No payment on ${day}.`);
}

async function showUnpaid() {
  const u = await api('unpaid?limit=50');
  document.getElementById('unpaid-summary').textContent =
    `${u.count} unpaid tickets of appointments before ${u.asOf}; ${u.withNotice} with a pagoPA notice, ${eur(u.noticeCents)} € in notices.` + (u.truncated ? ` The oldest ${u.tickets.length} are listed.` : '');
  fill('unpaid', u.tickets.map((t) => [
    cell(t.bookingCode), cell(t.appointmentDay), cell(t.providerName), cell(t.taxCode),
    cell(t.amountFrom === 'unquoted' ? 'cannot be quoted' : eur(t.amountCents), 'num'), cell(t.noticeCode ? `${t.noticeCode} (due ${t.noticeDueDate})` : 'none yet'),
  ]), 'No unpaid ticket.');
}

/** A note saying what was done (the citizen called, refunded, booked again), and the button that records it. */
function resolveCell(c) {
  const td = document.createElement('td');
  const form = document.createElement('form');
  form.className = 'inline';
  const note = document.createElement('input');
  note.name = 'note';
  note.required = true;
  note.maxLength = 500;
  note.setAttribute('aria-label', `What was done about ${c.reason} at ${c.terminalId}`);
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = 'Mark resolved';
  const status = document.createElement('span');
  status.setAttribute('role', 'status');
  form.append(note, button, status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    const res = await fetch(`/dashboard/api/conflicts/${encodeURIComponent(c.key)}/resolve`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: note.value }),
    });
    if (res.ok) return showConflicts();
    button.disabled = false;
    status.className = 'error';
    status.textContent = res.status === 400 ? 'Write what was done first.' : `Not recorded (${(await res.json().catch(() => ({}))).error?.code ?? res.status}).`;
  });
  td.append(form);
  return td;
}

async function showConflicts() {
  const { conflicts } = await api('conflicts');
  fill('conflicts', conflicts.map((c) => [cell(when(c.receivedAt)), cell(c.terminalId), cell(c.kind), cell(c.reason), cell(c.taxCode ?? '–'), cell(c.bookingCode ?? '–'), cell(c.key), resolveCell(c)]), 'No conflict to resolve.');
}

async function refresh() {
  const results = await Promise.allSettled([showTerminals(), showPayments(), showReconciliation(), showUnpaid(), showConflicts()]);
  const failed = results.filter((r) => r.status === 'rejected');
  document.getElementById('updated').textContent = failed.length
    ? `Some parts could not be loaded (${failed.map((r) => r.reason.message).join('; ')}).`
    : `Updated ${new Date().toLocaleTimeString('it-IT', { timeZone: 'Europe/Rome' })}; refreshed every ${REFRESH_MS / 1000} s.`;
  document.body.dataset.loaded = 'true';
}

async function start() {
  const me = await api('me');
  document.getElementById('who').textContent = `${me.username} (${me.role})`;
  document.getElementById('reconciliation-day').value = romeToday();
  document.getElementById('history-terminal').addEventListener('change', () => void showHistory());
  document.getElementById('reconciliation-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void showReconciliation();
  });
  await refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}

void start();
