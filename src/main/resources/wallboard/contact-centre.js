// presence-stream wallboard, the contact-centre view: agent states, the queue strip, open alerts and an
// agent's day timeline. Plain JavaScript, no build step; app.js drives it (data, events, tiles) and this
// file knows the contact-centre JSON (docs/contact-centre.md, "JSON") and how to show it.
//
// Thresholds of the queue strip's colours come from the page's URL, in the units a supervisor says them:
//   slWarn=80 slCrit=60     service level in percent: below slWarn amber, below slCrit red
//   waitWarn=30 waitCrit=60 longest wait in seconds (or 45s, 2m): from waitWarn amber, from waitCrit red
//   slWindow=today          the service level's window: today, last15m or last1h
'use strict';

window.ContactCentre = (function () {
  // Every agent state (docs/contact-centre.md, "Agent state"), in the legend's order, which is also the
  // sort by status. `group` is the status filter's button. Available splits on `onQueue`: an agent that
  // is available but takes no queue call is "Off queue", which a supervisor must tell from available.
  const LOOKS = {
    available: { css: 'state-available', label: 'Available', group: 'available' },
    offqueue: { css: 'state-offqueue', label: 'Off queue', group: 'offqueue' },
    Ringing: { css: 'state-ringing', label: 'Ringing', group: 'ringing' },
    OnCall: { css: 'state-oncall', label: 'On call', group: 'oncall' },
    OnHold: { css: 'state-onhold', label: 'On hold', group: 'oncall' },
    WrapUp: { css: 'state-wrapup', label: 'Wrap-up', group: 'wrapup' },
    Busy: { css: 'state-busy', label: 'Busy', group: 'notready' },
    InMeeting: { css: 'state-inmeeting', label: 'In a meeting', group: 'notready' },
    DoNotDisturb: { css: 'state-dnd', label: 'Do not disturb', group: 'notready' },
    Away: { css: 'state-away', label: 'Away', group: 'notready' },
    Offline: { css: 'state-offline', label: 'Offline', group: 'offline' },
  };
  const ORDER = Object.keys(LOOKS);
  const UNKNOWN = { css: 'state-offline', label: 'No state yet', group: 'offline', rank: ORDER.length };
  ORDER.forEach((key, rank) => { LOOKS[key].rank = rank; });
  const GROUPS = ['available', 'offqueue', 'ringing', 'oncall', 'wrapup', 'notready', 'offline'];

  /** How an agent state looks: css class, label, filter group and rank; a state of null: "No state yet". */
  function look(state, onQueue) {
    if (!state) return UNKNOWN;
    if (state === 'Available') return onQueue === false ? LOOKS.offqueue : LOOKS.available;
    return LOOKS[state] || { ...UNKNOWN, label: state };
  }

  // --- formatting ---

  /** "0:45", "12:03", "1:02:09": a running time, to the second. */
  function clock(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    return (h > 0 ? h + ':' + String(m).padStart(2, '0') : String(m)) + ':' + String(s).padStart(2, '0');
  }

  /** "45s", "12m", "1h 05m": a time on a figure, to the minute beyond the first. */
  function span(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    if (total < 60) return total + 's';
    const minutes = Math.floor(total / 60);
    if (minutes < 60) return minutes + 'm ' + String(total % 60).padStart(2, '0') + 's';
    return Math.floor(minutes / 60) + 'h ' + String(minutes % 60).padStart(2, '0') + 'm';
  }

  function percent(fraction) {
    return fraction === null || fraction === undefined ? '–' : Math.round(fraction * 100) + '%';
  }

  function timeOfDay(ms, seconds = false) {
    return new Date(ms).toLocaleTimeString([], seconds
      ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' });
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- thresholds ---

  const DEFAULTS = { slWarn: 80, slCrit: 60, waitWarnMs: 30000, waitCritMs: 60000, slWindow: 'today' };
  const WINDOWS = { today: 'today', last15m: 'last 15 min', last1h: 'last hour' };

  // "30", "30s", "2m", "1m30s" → milliseconds; anything else → null (the default is kept)
  function seconds(text) {
    if (text === null) return null;
    const match = /^\s*(?:(\d+(?:\.\d+)?)m)?\s*(?:(\d+(?:\.\d+)?)s?)?\s*$/.exec(text);
    if (!match || (match[1] === undefined && match[2] === undefined)) return null;
    return Math.round((Number(match[1] || 0) * 60 + Number(match[2] || 0)) * 1000);
  }

  function percentParam(text) {
    if (text === null) return null;
    const value = Number(String(text).replace('%', ''));
    return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
  }

  /**
   * The strip's thresholds from the URL's query, each falling back to its default when absent or
   * unreadable; a critical threshold beyond its warning one is moved to it (red never before amber).
   */
  function thresholds(search) {
    const params = new URLSearchParams(search);
    const t = { ...DEFAULTS };
    t.slWarn = percentParam(params.get('slWarn')) ?? t.slWarn;
    t.slCrit = Math.min(percentParam(params.get('slCrit')) ?? t.slCrit, t.slWarn);
    t.waitWarnMs = seconds(params.get('waitWarn')) ?? t.waitWarnMs;
    t.waitCritMs = Math.max(seconds(params.get('waitCrit')) ?? t.waitCritMs, t.waitWarnMs);
    const window = params.get('slWindow');
    if (WINDOWS[window]) t.slWindow = window;
    return t;
  }

  const LEVEL_WORDS = { ok: 'OK', warn: 'Warning', crit: 'Critical', none: 'No calls' };
  const LEVEL_RANK = { none: 0, ok: 1, warn: 2, crit: 3 };

  function serviceLevelLevel(fraction, t) {
    if (fraction === null || fraction === undefined) return 'none';
    const pct = fraction * 100;
    return pct < t.slCrit ? 'crit' : pct < t.slWarn ? 'warn' : 'ok';
  }

  function waitLevel(ms, t) {
    if (ms === null) return 'ok';
    return ms >= t.waitCritMs ? 'crit' : ms >= t.waitWarnMs ? 'warn' : 'ok';
  }

  function worst(...levels) {
    return levels.reduce((a, b) => (LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a), 'none');
  }

  // --- the queue strip ---

  /**
   * The strip above the board: a card per queue with its calls waiting, the running longest wait (from
   * `longestWaitSince`, ticking here), the service level as a gauge, its agents and the window's figures.
   * A card changes only when its queue does (`queue.stats`) or, for the wait, on the clock's tick.
   */
  function QueueStrip(list, t, now) {
    this.list = list;
    this.t = t;
    this.now = now;
    this.queues = new Map(); // queueId -> QUEUE
  }

  QueueStrip.prototype.replace = function (queues) {
    const ids = new Set(queues.map((q) => String(q.queueId)));
    for (const id of [...this.queues.keys()]) {
      if (!ids.has(id)) {
        this.queues.delete(id);
        const card = this.card(id, false);
        if (card) card.remove();
      }
    }
    queues.forEach((q) => this.update(q));
  };

  QueueStrip.prototype.update = function (queue) {
    const id = String(queue.queueId);
    const isNew = !this.queues.has(id);
    this.queues.set(id, queue);
    const card = this.card(id, true);
    this.render(card, queue, this.now());
    if (isNew) this.order();
  };

  QueueStrip.prototype.name = function (queue) {
    return queue.name || (queue.queueId === 'unknown' ? 'Unknown queue' : 'Queue ' + (queue.extensionNumber || queue.queueId));
  };

  /** The queues by name, as /api/queues gives them; for the queue filter too. */
  QueueStrip.prototype.sorted = function () {
    return [...this.queues.values()].sort((a, b) => this.name(a).localeCompare(this.name(b), undefined, { numeric: true }));
  };

  QueueStrip.prototype.order = function () {
    let previous = null;
    for (const queue of this.sorted()) {
      const card = this.card(String(queue.queueId), true);
      if (previous === null ? this.list.firstElementChild !== card : previous.nextElementSibling !== card) {
        if (previous === null) this.list.prepend(card);
        else previous.after(card);
      }
      previous = card;
    }
  };

  QueueStrip.prototype.card = function (id, create) {
    let card = this.list.querySelector('.queue[data-queue-id="' + CSS.escape(id) + '"]');
    if (!card && create) {
      card = el('li', 'queue');
      card.dataset.queueId = id;
      card.innerHTML =
        '<div class="queue-head"><span class="queue-name"></span><span class="queue-level"></span></div>' +
        '<div class="queue-main">' +
        '<span class="figure waiting"><b class="value"></b><span class="unit">waiting</span></span>' +
        '<span class="figure longest"><b class="value"></b><span class="unit">longest</span></span>' +
        '<span class="figure sl"><b class="value"></b><abbr class="unit" title="service level">SL</abbr></span>' +
        '</div>' +
        '<div class="gauge" role="meter" aria-valuemin="0" aria-valuemax="100">' +
        '<span class="gauge-fill"></span><span class="gauge-warn"></span><span class="gauge-crit"></span></div>' +
        '<div class="queue-agents"></div>' +
        '<div class="queue-window"></div>';
      this.list.append(card);
    }
    return card;
  };

  QueueStrip.prototype.render = function (card, queue, now) {
    const t = this.t;
    const figures = queue[t.slWindow] || {};
    const sl = figures.serviceLevel ?? null;
    const waitSince = queue.longestWaitSince ? Date.parse(queue.longestWaitSince) : null;
    const thresholdS = Math.round((queue.serviceLevelThresholdMs ?? 20000) / 1000);
    const name = this.name(queue);
    card.dataset.waiting = String(queue.waiting ?? 0);
    card.dataset.longestWaitSince = waitSince === null ? '' : String(waitSince);
    card.dataset.serviceLevel = sl === null ? '' : String(sl);
    card.dataset.slLevel = serviceLevelLevel(sl, t);
    card.querySelector('.queue-name').textContent = name;
    card.querySelector('.queue-name').title = name + (queue.extensionNumber ? ' · ext. ' + queue.extensionNumber : '');
    card.querySelector('.waiting .value').textContent = String(queue.waiting ?? 0);
    const gauge = card.querySelector('.gauge');
    const pct = sl === null ? 0 : Math.round(sl * 100);
    gauge.setAttribute('aria-valuenow', String(pct));
    gauge.setAttribute('aria-valuetext', sl === null ? 'no answered or abandoned call yet' : pct + '%');
    gauge.setAttribute('aria-label', 'service level ' + WINDOWS[t.slWindow] + ', answered within ' + thresholdS + 's');
    card.querySelector('.gauge-fill').style.width = pct + '%';
    card.querySelector('.gauge-warn').style.left = t.slWarn + '%';
    card.querySelector('.gauge-crit').style.left = t.slCrit + '%';
    card.querySelector('.sl .value').textContent = percent(sl);
    card.querySelector('.sl').title = 'Service level ' + WINDOWS[t.slWindow] + ': answered within ' + thresholdS
      + 's of answered and abandoned (' + (figures.answeredWithinThreshold ?? 0) + ' of '
      + ((figures.answered ?? 0) + (figures.abandoned ?? 0)) + '); amber below ' + t.slWarn + '%, red below ' + t.slCrit + '%';
    const agents = queue.agents || {};
    // the figures as numbers, for tools and tests reading the page
    card.dataset.agents = [agents.available, agents.onCall, agents.offQueue, agents.other].map((n) => n ?? 0).join('/');
    card.dataset.figures = [figures.offered, figures.answered, figures.abandoned, figures.overflowed, figures.answeredWithinThreshold]
      .map((n) => n ?? 0).join('/');
    card.querySelector('.queue-agents').textContent = (agents.available ?? 0) + ' available · ' + (agents.onCall ?? 0)
      + ' on call · ' + (agents.offQueue ?? 0) + ' off queue · ' + (agents.other ?? 0) + ' other';
    const asa = figures.averageSpeedOfAnswerMs;
    card.querySelector('.queue-window').textContent = WINDOWS[t.slWindow] + ': ' + (figures.offered ?? 0) + ' offered · '
      + (figures.answered ?? 0) + ' answered · ' + (figures.abandoned ?? 0) + ' abandoned'
      + (figures.overflowed ? ' · ' + figures.overflowed + ' overflowed' : '')
      + (asa === null || asa === undefined ? '' : ' · ASA ' + span(asa));
    this.tickCard(card, now);
  };

  /** The running longest wait, and the card's level, which it moves. */
  QueueStrip.prototype.tickCard = function (card, now) {
    const since = card.dataset.longestWaitSince;
    const wait = since ? Math.max(0, now - Number(since)) : null;
    const longest = card.querySelector('.longest .value');
    longest.textContent = wait === null ? '–' : clock(wait);
    const wl = Number(card.dataset.waiting) > 0 ? waitLevel(wait, this.t) : 'ok';
    const sl = card.dataset.slLevel;
    // "No calls" only while nothing else has a level: a wait over its threshold still colours the card
    const level = sl === 'none' && wl === 'ok' ? 'none' : worst('ok', wl, sl);
    card.querySelector('.waiting').dataset.level = wl;
    card.querySelector('.longest').dataset.level = wl;
    card.querySelector('.sl').dataset.level = sl;
    card.querySelector('.gauge').dataset.level = sl;
    if (card.dataset.level !== level || card.dataset.waitLevel !== wl) {
      card.dataset.level = level;
      card.dataset.waitLevel = wl;
      card.querySelector('.queue-level').textContent = LEVEL_WORDS[level];
    }
    const name = card.querySelector('.queue-name').textContent;
    const slText = card.querySelector('.sl .value').textContent;
    card.setAttribute('aria-label', name + ': ' + LEVEL_WORDS[level] + '; ' + card.dataset.waiting + ' waiting'
      + (wait === null ? '' : ', longest ' + longest.textContent) + '; service level ' + slText);
  };

  QueueStrip.prototype.tick = function (now) {
    this.list.querySelectorAll('.queue').forEach((card) => this.tickCard(card, now));
  };

  QueueStrip.prototype.totalWaiting = function () {
    let waiting = 0;
    for (const q of this.queues.values()) waiting += q.waiting ?? 0;
    return waiting;
  };

  // --- open alerts ---

  const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 };

  /** Open alerts by id (`alert.raised` adds, `alert.cleared` removes), listed newest first in the strip. */
  function Alerts(box, list, max) {
    this.box = box;
    this.list = list;
    this.max = max;
    this.open = new Map();
  }

  Alerts.prototype.replace = function (alerts) {
    this.open = new Map(alerts.map((a) => [a.id, a]));
    this.render();
  };

  Alerts.prototype.raised = function (alert) {
    this.open.set(alert.id, alert);
    this.render();
  };

  Alerts.prototype.cleared = function (alert) {
    this.open.delete(alert.id);
    this.render();
  };

  /** The open alerts about one extension, most severe first. */
  Alerts.prototype.about = function (extensionId) {
    return [...this.open.values()].filter((a) => a.subject === 'extension' && String(a.subjectId) === extensionId)
      .sort((a, b) => (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0));
  };

  Alerts.prototype.render = function () {
    const alerts = [...this.open.values()].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt)
      || (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0));
    this.box.hidden = alerts.length === 0;
    this.box.dataset.count = String(alerts.length);
    const top = alerts.reduce((s, a) => ((SEVERITY_RANK[a.severity] ?? 0) > (SEVERITY_RANK[s] ?? -1) ? a.severity : s), '');
    this.box.dataset.severity = top;
    this.box.querySelector('.alerts-count').textContent = alerts.length + (alerts.length === 1 ? ' alert' : ' alerts');
    const items = alerts.slice(0, this.max).map((a) => {
      const item = el('li', 'alert');
      item.dataset.alertId = a.id;
      item.dataset.severity = a.severity;
      item.append(el('span', 'severity', a.severity), ' ', el('span', 'text', a.message || a.name));
      item.title = a.name + ' (' + a.rule + '), since ' + timeOfDay(Date.parse(a.raisedAt), true);
      return item;
    });
    if (alerts.length > this.max) items.push(el('li', 'more', '+' + (alerts.length - this.max) + ' more'));
    this.list.replaceChildren(...items);
  };

  // --- an agent's day: the timeline dialog ---

  /**
   * The dialog a click on a tile opens: today's figures and the states as one stacked bar, in time
   * order, each span as wide as it lasted (the running one grows on the clock's tick), with the spans
   * also as a table for exact times and for screen readers. Re-read when the agent's state changes, and
   * every few seconds while open: a missed call is decided after a grace, with no change of state.
   */
  function Timeline(dialog, getJson, now) {
    this.dialog = dialog;
    this.getJson = getJson;
    this.now = now;
    this.id = null;
    this.day = null;
    this.reading = 0;
    this.readAt = 0;
    dialog.querySelector('#timeline-close').addEventListener('click', () => this.close());
    dialog.addEventListener('close', () => { this.id = null; this.day = null; });
    // a click on the backdrop (outside the dialog's box) closes it too
    dialog.addEventListener('click', (event) => {
      if (event.target !== dialog) return;
      const r = dialog.getBoundingClientRect();
      if (event.clientX < r.left || event.clientX > r.right || event.clientY < r.top || event.clientY > r.bottom) this.close();
    });
  }

  Timeline.prototype.isOpenFor = function (id) {
    return this.dialog.open && this.id === id;
  };

  Timeline.prototype.open = function (id, title, agent) {
    this.id = id;
    this.day = null;
    this.dialog.dataset.extensionId = id;
    this.dialog.dataset.loaded = 'false';
    this.dialog.querySelector('#timeline-title').textContent = title;
    this.showState(agent);
    this.dialog.querySelector('#timeline-figures').replaceChildren();
    this.dialog.querySelector('#timeline-bar').replaceChildren();
    this.dialog.querySelector('#timeline-spans').replaceChildren();
    this.dialog.querySelector('#timeline-legend').replaceChildren();
    this.dialog.querySelector('#timeline-axis').replaceChildren();
    this.message('Reading today’s timeline…');
    if (!this.dialog.open) this.dialog.showModal();
    return this.reload();
  };

  Timeline.prototype.showState = function (agent) {
    const state = this.dialog.querySelector('#timeline-state');
    const l = look(agent ? agent.state : null, agent ? agent.onQueue : null);
    state.className = 'timeline-state ' + l.css;
    state.textContent = l.label + (agent && agent.since ? ' since ' + timeOfDay(Date.parse(agent.since), true) : '');
  };

  Timeline.prototype.message = function (text) {
    const p = this.dialog.querySelector('#timeline-message');
    p.hidden = !text;
    p.textContent = text || '';
  };

  Timeline.prototype.close = function () {
    if (this.dialog.open) this.dialog.close();
  };

  /** Re-reads the open agent's day (its state changed); a late answer for an earlier read is dropped. */
  Timeline.prototype.reload = async function () {
    const id = this.id;
    if (id === null) return;
    const reading = ++this.reading;
    this.readAt = Date.now();
    try {
      const day = await this.getJson('/api/agents/' + encodeURIComponent(id) + '/timeline');
      if (reading !== this.reading || this.id !== id) return;
      this.day = day;
      this.message('');
      this.render(this.now());
    } catch (error) {
      if (reading !== this.reading || this.id !== id) return;
      this.message(error.status === 404 ? 'No agent state for this extension yet.' : 'The timeline could not be read (' + error.message + ').');
    }
    this.dialog.dataset.loaded = 'true';
  };

  Timeline.prototype.render = function (now) {
    const day = this.day;
    const figures = [
      ['Handled', String(day.handled ?? 0)],
      ['Missed', String(day.missed ?? 0)],
      ['Talk', span(day.talkTimeMs ?? 0)],
      ['Hold', span(day.holdTimeMs ?? 0)],
      ['Wrap-up', span(day.wrapUpTimeMs ?? 0)],
      ['Avg. handle', day.averageHandleTimeMs === null || day.averageHandleTimeMs === undefined ? '–' : span(day.averageHandleTimeMs)],
      ['Occupancy', percent(day.occupancy)],
      ['Available on queue', span(day.availableOnQueueMs ?? 0)],
    ];
    this.dialog.querySelector('#timeline-figures').replaceChildren(...figures.flatMap(([name, value]) => {
      const dd = el('dd', '', value);
      dd.dataset.figure = name;
      return [el('dt', '', name), dd];
    }));
    const spans = day.timeline || [];
    const rows = spans.map((s) => {
      const l = look(s.state, s.onQueue);
      const row = el('tr', l.css);
      row.append(el('td', 'state', l.label), el('td', '', timeOfDay(Date.parse(s.start), true)),
        el('td', 'to', s.end ? timeOfDay(Date.parse(s.end), true) : 'now'), el('td', 'time', ''));
      return row;
    });
    this.dialog.querySelector('#timeline-spans').replaceChildren(...rows.reverse()); // newest first
    const bar = this.dialog.querySelector('#timeline-bar');
    bar.replaceChildren(...spans.map((s) => {
      const l = look(s.state, s.onQueue);
      const seg = el('span', 'segment ' + l.css);
      seg.setAttribute('role', 'listitem');
      seg.dataset.state = s.state;
      seg.dataset.onQueue = s.onQueue === null || s.onQueue === undefined ? '' : String(s.onQueue);
      seg.dataset.start = s.start;
      seg.dataset.end = s.end || '';
      return seg;
    }));
    if (spans.length === 0) this.message('No state today yet.');
    this.tick(now);
  };

  /** Lays the bar out again up to `now`: the running span grows, the others shrink in proportion. */
  const REREAD_MS = 5000;

  Timeline.prototype.tick = function (now) {
    if (!this.dialog.open || this.id === null) return;
    if (Date.now() - this.readAt >= REREAD_MS) this.reload();
    if (this.day === null) return;
    const spans = this.day.timeline || [];
    if (spans.length === 0) return;
    const from = Date.parse(spans[0].start);
    const endOf = (s) => (s.end ? Date.parse(s.end) : Math.max(now, Date.parse(s.start)));
    const to = Math.max(from + 1000, ...spans.map(endOf));
    const width = to - from;
    const totals = new Map();
    const segments = this.dialog.querySelectorAll('#timeline-bar .segment');
    const times = [...this.dialog.querySelectorAll('#timeline-spans .time')].reverse();
    spans.forEach((s, i) => {
      const start = Date.parse(s.start);
      const ms = endOf(s) - start;
      const l = look(s.state, s.onQueue);
      totals.set(l, (totals.get(l) || 0) + ms);
      const seg = segments[i];
      seg.style.left = ((start - from) / width) * 100 + '%';
      seg.style.width = (ms / width) * 100 + '%';
      const text = l.label + ', ' + timeOfDay(start, true) + ' to ' + (s.end ? timeOfDay(endOf(s), true) : 'now') + ' (' + span(ms) + ')';
      seg.title = text;
      seg.setAttribute('aria-label', text);
      if (times[i]) times[i].textContent = span(ms);
    });
    const legend = [...totals.entries()].sort((a, b) => a[0].rank - b[0].rank).map(([l, ms]) => {
      const item = el('li', l.css, l.label + ' ' + span(ms));
      item.dataset.ms = String(ms);
      return item;
    });
    this.dialog.querySelector('#timeline-legend').replaceChildren(...legend);
    this.dialog.querySelector('#timeline-axis').replaceChildren(...axis(from, to, spans[spans.length - 1].end === null));
  };

  // The bar's time axis: its start, round times between (every 1, 5, 15 or 30 minutes, or 1, 2 or 3 hours:
  // the first step giving at most 8 marks) and its end ("now" while the day goes on).
  const STEPS = [60e3, 300e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3];
  function axis(from, to, running) {
    const width = to - from;
    const step = STEPS.find((s) => width / s <= 8) || STEPS[STEPS.length - 1];
    const marks = [];
    const offset = new Date(from).getTimezoneOffset() * 60e3; // round times of the local clock
    for (let t = Math.ceil((from - offset) / step) * step + offset; t < to; t += step) {
      const at = ((t - from) / width) * 100;
      if (at < 6 || at > 94) continue; // no mark on top of the ends' labels
      const mark = el('span', 'tick', timeOfDay(t));
      mark.style.left = at + '%';
      marks.push(mark);
    }
    return [el('span', 'from', timeOfDay(from)), ...marks, el('span', 'to', running ? 'now' : timeOfDay(to))];
  }

  return { look, LOOKS, GROUPS, thresholds, QueueStrip, Alerts, Timeline, clock, span, percent };
})();
