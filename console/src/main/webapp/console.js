// The Wharf console page: reads api/overview every 5 s, and the history and first messages of the selected
// destination; requeue and purge after a confirmation. No framework: the page is small and must load anywhere.
'use strict';

const REFRESH_MILLIS = 5000;
let selectedId = null;
// Until the operator clicks a row, the page shows what most needs a look: a dead-letter queue that has just
// gained messages, else one that holds some. A click is a choice the page keeps.
let chosenByUser = false;
const deadLettersSeen = new Map(); // dead-letter queue id -> its MessageCount at the previous refresh
let operator = false;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
  return e;
}

async function api(path, form) {
  const options = form ? {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-Wharf-Console': '1'},
    body: new URLSearchParams(form)
  } : {headers: {'Accept': 'application/json'}};
  const response = await fetch('api/' + path, options);
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    const text = await response.text();
    if (text.includes('j_security_check')) { // the session ended: the server answered with its sign-in page
      location.reload();
      throw new Error('signed out');
    }
    throw new Error('HTTP ' + response.status + ' ' + response.statusText);
  }
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function number(n, digits) {
  return n == null ? '' : Number(n).toLocaleString('en', {maximumFractionDigits: digits || 0});
}

function bytes(n) {
  if (n < 0) return 'n/a';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return number(n, 1) + ' ' + units[i];
}

function age(millis) {
  if (millis < 0) return '';
  const s = Math.round(millis / 1000);
  return s < 60 ? s + ' s' : s < 3600 ? Math.round(s / 60) + ' min' : number(s / 3600, 1) + ' h';
}

function status(text) {
  document.getElementById('status').textContent = text;
}

function renderEngines(engines) {
  const body = document.querySelector('#engines tbody');
  body.replaceChildren(...engines.map(e => el('tr', {},
    el('td', {}, e.JournalUrl), el('td', {class: 'n'}, bytes(e.JournalBytesOnDisk)),
    el('td', {class: 'n'}, number(e.CommitLatencyP50Micros / 1000, 2) + ' ms'),
    el('td', {class: 'n'}, number(e.CommitLatencyP99Micros / 1000, 2) + ' ms'),
    el('td', {class: 'n'}, number(e.SyncRate1m, 1)), el('td', {class: 'n'}, number(e.MeanUnitsPerGroup, 1)))));
}

function renderDestinations(destinations) {
  const body = document.querySelector('#destinations tbody');
  const current = destinations.find(d => d.id === selectedId);
  if (!chosenByUser || !current) {
    const holding = destinations.filter(d => d.DeadLetterQueue && d.MessageCount > 0);
    const pick = holding.find(d => d.MessageCount > (deadLettersSeen.get(d.id) || 0))
      || (current && holding.includes(current) ? current : null) || holding[0] || current || destinations[0];
    selectedId = pick ? pick.id : null;
  }
  deadLettersSeen.clear();
  destinations.filter(d => d.DeadLetterQueue).forEach(d => deadLettersSeen.set(d.id, d.MessageCount));
  body.replaceChildren(...destinations.map(d => {
    const row = el('tr', {'data-name': d.Name, 'data-id': d.id,
        class: (d.DeadLetterQueue ? 'dlq ' : '') + (d.id === selectedId ? 'selected' : '')},
      el('td', {}, d.Topic ? d.Topic + ' / ' + d.Name : d.Name), el('td', {}, d.Kind + (d.Paused ? ' (paused)' : '')),
      el('td', {class: 'n', 'data-field': 'ready'}, number(d.ReadyCount)),
      el('td', {class: 'n', 'data-field': 'inflight'}, number(d.InFlightCount)),
      el('td', {class: 'n', 'data-field': 'scheduled'}, number(d.ScheduledCount)),
      el('td', {class: 'n', 'data-field': 'consumers'}, number(d.ConsumerCount)),
      el('td', {class: 'n'}, number(d.EnqueueRate1m, 2)), el('td', {class: 'n'}, number(d.AcknowledgeRate1m, 2)),
      el('td', {class: 'n'}, age(d.HeadAgeMillis)),
      el('td', {class: 'n', 'data-field': 'deadlettered'}, number(d.DeadLetteredTotal)),
      el('td', {}, el('button', {type: 'button', textContent: 'Show', class: 'show'})));
    row.addEventListener('click', () => { selectedId = d.id; chosenByUser = true; refresh(); });
    return row;
  }));
  return destinations.find(d => d.id === selectedId);
}

function chart(svg, series, classes) {
  const w = 600, h = 160, left = 40, bottom = 18;
  const all = series.flat().map(p => p[1]);
  const max = Math.max(1, ...all);
  const times = series.flat().map(p => p[0]);
  const t0 = Math.min(...times), t1 = Math.max(t0 + 1, ...times);
  const x = t => left + (t - t0) / (t1 - t0) * (w - left - 5);
  const y = v => h - bottom - v / max * (h - bottom - 8);
  const parts = [`<line class="axis" x1="${left}" y1="${h - bottom}" x2="${w}" y2="${h - bottom}"/>`,
    `<line class="axis" x1="${left}" y1="0" x2="${left}" y2="${h - bottom}"/>`,
    `<text x="2" y="12">${number(max, max < 10 ? 1 : 0)}</text><text x="2" y="${h - bottom}">0</text>`,
    `<text x="${left}" y="${h - 4}">${new Date(t0).toLocaleTimeString()}</text>`,
    `<text x="${w - 60}" y="${h - 4}">${new Date(t1).toLocaleTimeString()}</text>`];
  series.forEach((points, i) => {
    if (points.length) {
      parts.push(`<polyline class="${classes[i]}" points="${points.map(p => x(p[0]) + ',' + y(p[1])).join(' ')}"/>`);
    }
  });
  svg.innerHTML = parts.join('');
  svg.setAttribute('data-points', String(series[0].length));
}

async function renderSelected(d) {
  const section = document.getElementById('selected');
  if (!d) { section.hidden = true; return; }
  section.hidden = false;
  document.getElementById('selected-name').textContent = d.Topic ? d.Topic + ' / ' + d.Name : d.Name;
  const id = encodeURIComponent(d.id);
  const [history, messages] = await Promise.all([api('history?id=' + id), api('messages?id=' + id + '&max=100')]);
  const now = Date.now();
  const depth = history.map(p => [p.time, p.depth]).concat([[now, d.MessageCount]]);
  chart(document.getElementById('depth-chart'), [depth], ['depth']);
  chart(document.getElementById('rate-chart'), [history.map(p => [p.time, p.inPerSecond]),
    history.map(p => [p.time, p.outPerSecond])], ['in', 'out']);
  const purge = document.getElementById('purge');
  purge.disabled = !operator || d.MessageCount === 0;
  purge.onclick = () => act(`Purge the ${d.MessageCount} message(s) not in flight from ${d.Name}? This cannot be undone.`,
    'purge', {id: d.id}, r => `purged ${r.purged} message(s) from ${d.Name}`);
  document.querySelector('#messages tbody').replaceChildren(...messages.map(m => {
    const requeue = el('button', {type: 'button', textContent: 'Requeue to ' + (m.originalDestination || ''),
      class: 'requeue', disabled: !operator || !m.originalDestination});
    requeue.hidden = !m.originalDestination;
    requeue.onclick = () => act(`Move ${m.messageId} back to ${m.originalDestination}?`, 'requeue',
      {id: d.id, messageId: m.messageId, to: m.originalDestination},
      r => r.moved ? `moved ${m.messageId} to ${m.originalDestination}` : `${m.messageId} was no longer there`);
    return el('tr', {'data-message-id': m.messageId},
      el('td', {}, m.messageId), el('td', {class: 'n'}, m.deliveryCount),
      el('td', {}, new Date(m.timestamp).toLocaleString()),
      el('td', {class: 'reason'}, m.failureReason || ''), el('td', {}, m.originalDestination || ''),
      el('td', {class: 'body'}, m.properties), el('td', {class: 'body'}, m.bodyPreview), el('td', {}, requeue));
  }));
}

async function act(question, path, form, describe) {
  if (!confirm(question)) return;
  try {
    status(describe(await api(path, form)));
  } catch (e) {
    status('failed: ' + e.message);
  }
  await refresh();
}

let refreshing = null;
async function refresh() {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    try {
      const o = await api('overview');
      operator = o.operator;
      document.getElementById('user').textContent =
        (o.user || '') + (o.operator ? ' (operator)' : ' (monitor: read only)');
      renderEngines(o.engines);
      const d = renderDestinations(o.destinations);
      await renderSelected(d);
      document.getElementById('updated').textContent = 'updated ' + new Date(o.time).toLocaleTimeString();
      document.body.setAttribute('data-loaded', String(o.time));
    } catch (e) {
      status('cannot read Wharf: ' + e.message);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

refresh();
setInterval(refresh, REFRESH_MILLIS);
