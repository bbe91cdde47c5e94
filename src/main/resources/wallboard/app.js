// presence-stream wallboard: plain JavaScript, no build step, no external resources.
//
// Data: the directory (/api/extensions) for names and numbers, the current state (/api/state) as the
// starting point, then live events from /events (Server-Sent Events). EventSource reconnects by itself
// and resumes with Last-Event-ID; when the server reports a `gap` (events this page missed) or the
// connection had to be rebuilt, the page re-reads /api/state rather than trust a partial history.
// A bearer token, when the daemon needs one, comes from this page's own URL: /?access_token=…
//
// With the telephony-session feed on, calls carry the fused `party` (recording, muted, voicemail, how the
// party left) and session events arrive too: `party.updated` changes a live call's party without a call
// event, and `session.ended` says how each extension's last call ended (result, reason, where it went).
// Without the feed neither appears, and the page shows what presence alone tells.
//
// The view (normal or compact), the filter and the sort live in the URL too (?view=compact&q=…&status=…
// &sort=…), so a supervisor can bookmark a view; the view is also remembered in localStorage.
//
// With the daemon's contact-centre view on (/api/agents answers; contact-centre.js draws its parts), the
// tiles take the agent's state (On call, Wrap-up, Off queue, …) rather than the presence status, a strip of
// the call queues and the open alerts sits above the board, and a click on a tile opens the agent's day.
// Its events (agent.state, queue.stats, alert.raised, alert.cleared) come on the same stream. When the
// endpoints answer 404 (contact centre disabled) the page is the presence wallboard it always was.
'use strict';

(function () {
  const MAX_CALLS_SHOWN = 3;
  const EVENT_KINDS = ['presence', 'call.new', 'call.ringing', 'call.updated', 'call.ended',
    'session.started', 'party.updated', 'session.ended', 'agent.state', 'queue.stats', 'alert.raised', 'alert.cleared'];
  const CC_KINDS = new Set(['agent.state', 'queue.stats', 'alert.raised', 'alert.cleared']);
  const CC = window.ContactCentre;
  const PRESENCE = {
    Available: { css: 'available', label: 'Available' },
    Busy: { css: 'busy', label: 'Busy' },
    DoNotDisturb: { css: 'dnd', label: 'Do not disturb' },
    Invisible: { css: 'invisible', label: 'Invisible' },
  };
  const CALL_STATUS = {
    Ringing: 'Ringing', CallConnected: 'Connected', OnHold: 'On hold', ParkedCall: 'Parked', NoCall: 'Ended',
  };
  // How a session ended for the extension (session.ended's `result`), as the last call's line says it.
  // `merged` (a RingOut's own-phone leg folded into its other leg) and `evicted` are no calls of their own.
  const RESULTS = {
    answered: 'answered', missed: 'missed', voicemail: 'to voicemail', transferred: 'transferred',
    answered_elsewhere: 'answered elsewhere', abandoned: 'abandoned', no_answer: 'no answer', rejected: 'rejected',
    busy: 'busy', failed: 'failed', unknown: 'ended',
  };
  // RingCentral's reasons that hand the call to a named colleague: the line names who took it.
  const HANDED_TO = { Pickup: 'picked up by', AgentAnswered: 'answered by', TakeOver: 'taken over by' };

  const token = new URLSearchParams(window.location.search).get('access_token');
  const directory = new Map(); // extensionId -> {number, name}
  // extensionId -> {presence, calls: Map(callKey -> call), since: ms when what the tile shows last changed,
  //                 lastCall: how its last session ended, from session.ended, or null}
  const extensions = new Map();
  // telephonySessionId -> extension ids that had a call in it, in order: who took a transferred or picked-up
  // call, also once that call is over (an extension's session view lists the parties of its own
  // extension and of outside numbers, not its colleagues'). The oldest sessions are forgotten beyond this.
  const MAX_SESSIONS_REMEMBERED = 1000;
  const sessionMembers = new Map();
  let eventCount = 0;
  let source = null;
  let reopenDelay = 1000;
  let resyncing = null; // a Promise while /api/state is being re-read
  let queued = []; // events that arrived during a re-read, applied on top of it
  // The contact-centre view: on while the daemon answers /api/agents. extensionId -> AGENT, as last read
  // or received; the queue strip, the open alerts and the timeline dialog are contact-centre.js's.
  let cc = false;
  const agents = new Map();
  const thresholds = CC.thresholds(window.location.search);
  let strip = null;
  let alerts = null;
  let timeline = null;

  const $ = (id) => document.getElementById(id);

  // ?account=<id>: the board of one account of a daemon that serves several (sources:), passed on to the
  // directory, the state and the stream; without it every account's extensions are shown together.
  const account = new URLSearchParams(window.location.search).get('account');
  function forAccount(path) {
    if (!account) return path;
    return path + (path.includes('?') ? '&' : '?') + 'account=' + encodeURIComponent(account);
  }

  function withToken(path) {
    if (!token) return path;
    return path + (path.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token);
  }

  async function getJson(path) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const response = await fetch(path, { headers, cache: 'no-store' });
    if (!response.ok) {
      const error = new Error(path + ': HTTP ' + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  // The API may answer with a list or with an object keyed by id (or wrapping the list): accept each.
  function asList(json, key) {
    if (Array.isArray(json)) return json;
    if (json && Array.isArray(json[key])) return json[key];
    if (json && typeof json === 'object') return Object.values(json);
    return [];
  }

  // The engine tells calls apart by session id and direction (a call to yourself has both legs).
  function callKey(call) {
    return String(call.sessionId || call.id) + '/' + (call.direction || '');
  }

  function entry(extensionId) {
    let ext = extensions.get(extensionId);
    if (!ext) {
      ext = { presence: null, calls: new Map(), since: null, lastCall: null };
      extensions.set(extensionId, ext);
      // an extension the directory has not named yet (e.g. first seen in an event): read it again soon
      if (!directory.has(extensionId)) scheduleDirectoryReload();
    }
    return ext;
  }

  // "The state" whose time the board shows and sorts by: what the tile's colour says (the presence
  // status, and whether the extension is on a call), not every change of a call or presence field.
  function stateKey(ext) {
    return (ext.presence ? ext.presence.status : '') + '|' + (ext.calls.size > 0);
  }

  function timeOf(text) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? Date.now() : ms;
  }

  async function loadDirectory() {
    const list = asList(await getJson(forAccount('/api/extensions')), 'extensions');
    for (const info of list) {
      const id = String(info.extensionId ?? info.id);
      directory.set(id, { number: info.extensionNumber ?? info.number ?? '', name: info.name ?? '' });
      entry(id);
    }
  }

  async function loadState() {
    const list = asList(await getJson(forAccount('/api/state')), 'extensions');
    const seen = new Set();
    for (const state of list) {
      const id = String(state.extensionId);
      seen.add(id);
      const ext = entry(id);
      const before = stateKey(ext);
      ext.presence = state.presence || null;
      ext.calls = new Map((state.calls || []).map((call) => [callKey(call), call]));
      ext.calls.forEach((call) => remember(call, id));
      // The state carries no "since": its last update is the best bound there is (a call put on hold
      // later makes it look younger than it is). A state this page already followed keeps its time.
      if (ext.since === null || stateKey(ext) !== before) ext.since = timeOf(state.updatedAt);
    }
    for (const [id, ext] of extensions) {
      if (!seen.has(id) && ext.calls.size > 0) {
        ext.calls.clear();
        ext.since = Date.now();
      }
    }
  }

  // The contact-centre view's starting point: the agents, the queues and the open alerts. A 404 means the
  // daemon has no contact-centre view (disabled, or an older daemon): the page is the presence wallboard.
  async function loadContactCentre() {
    let list;
    try {
      list = asList(await getJson('/api/agents'), 'agents');
    } catch (error) {
      if (error.status !== 404) throw error;
      agents.clear();
      setMode(false);
      return;
    }
    const queues = await optional('/api/queues', 'queues');
    const open = await optional('/api/alerts', 'alerts');
    agents.clear();
    for (const agent of list) {
      const id = String(agent.extensionId);
      agents.set(id, agent);
      entry(id);
    }
    setMode(true);
    strip.replace(queues || []);
    refreshQueueOptions();
    alerts.replace(open || []);
    showStrip();
  }

  // The strip shows while there is a queue or an open alert to show (a directory without call queues has none).
  function showStrip() {
    $('queue-strip').hidden = !cc || (strip.queues.size === 0 && alerts.open.size === 0);
  }

  async function reloadQueues() {
    const queues = await optional('/api/queues', 'queues');
    strip.replace(queues || []);
    refreshQueueOptions();
    showStrip();
  }

  // A list the daemon may not have (404): null then.
  async function optional(path, key) {
    try {
      return asList(await getJson(path), key);
    } catch (error) {
      if (error.status === 404) return null;
      throw error;
    }
  }

  // The daemon reads the directory in the background: while it is incomplete (an extension without a
  // name), read it again a little later; and now and then anyway, as names change. A read already due
  // sooner is never put off, or a steady flow of resyncs and new extensions would keep it away.
  let directoryTimer = null;
  let directoryDue = Infinity;
  function scheduleDirectoryReload() {
    const incomplete = directory.size === 0 || [...extensions.keys()].some((id) => !directory.has(id));
    const due = Date.now() + (incomplete ? 3000 : 600000);
    if (directoryTimer !== null && directoryDue <= due) return;
    clearTimeout(directoryTimer);
    directoryDue = due;
    directoryTimer = setTimeout(async () => {
      directoryTimer = null;
      directoryDue = Infinity;
      try {
        await loadDirectory();
        if (cc) await reloadQueues(); // a queue the directory drops sends no event: its card goes here
        render();
      } catch (error) {
        console.warn('wallboard: reading the directory failed', error);
      }
      scheduleDirectoryReload();
    }, incomplete ? 3000 : 600000);
  }

  // Re-reads the state (and the directory too when asked: after a reconnect the daemon may be another
  // one, with other names); events arriving meanwhile are applied after it, so none is lost.
  function resync(withDirectory = false) {
    if (resyncing) return resyncing;
    queued = [];
    resyncing = (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          if (directory.size === 0 || withDirectory) await loadDirectory();
          await loadState();
          await loadContactCentre();
          scheduleDirectoryReload();
          break;
        } catch (error) {
          console.warn('wallboard: reading state failed, retrying', error);
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 15000)));
        }
      }
      const pending = queued;
      queued = [];
      resyncing = null;
      pending.forEach(apply);
      render();
    })();
    return resyncing;
  }

  function apply(event) {
    if (CC_KINDS.has(event.kind)) {
      applyContactCentre(event);
      return;
    }
    if (event.kind === 'session.started' || event.kind === 'party.updated' || event.kind === 'session.ended') {
      applySession(event);
      return;
    }
    const ext = entry(String(event.extensionId));
    const before = stateKey(ext);
    switch (event.kind) {
      case 'presence':
        ext.presence = event.presence;
        break;
      case 'call.new':
      case 'call.ringing':
      case 'call.updated':
        ext.calls.set(callKey(event.call), event.call);
        remember(event.call, String(event.extensionId));
        break;
      case 'call.ended':
        ext.calls.delete(callKey(event.call));
        break;
      default:
        break;
    }
    if (stateKey(ext) !== before) ext.since = timeOf(event.at);
  }

  // --- the contact-centre view's events ---

  // An agent's new state re-renders its tile only (and its open timeline); a queue's figures its card only.
  function applyContactCentre(event) {
    if (!cc) {
      // the daemon has the view but the page did not know (it was turned on behind a reconnect): read it
      resync();
      return;
    }
    const id = String(event.extensionId);
    switch (event.kind) {
      case 'agent.state': {
        const agent = event.agent;
        const current = agents.get(id);
        // an event older than what the page already has (read while it was queued): states only move on
        if (!agent || (current && Date.parse(agent.since) < Date.parse(current.since))) return;
        agents.set(id, agent);
        entry(id);
        if (timeline.isOpenFor(id)) {
          timeline.showState(agent);
          timeline.reload();
        }
        break;
      }
      case 'queue.stats': {
        const known = strip.queues.has(String(event.queue.queueId));
        strip.update(event.queue);
        if (!known) refreshQueueOptions();
        break;
      }
      case 'alert.raised':
        alerts.raised(event.alert);
        break;
      case 'alert.cleared':
        alerts.cleared(event.alert);
        break;
      default:
        break;
    }
    showStrip();
  }

  // --- telephony sessions, fused into the calls as the engine fuses them ---

  function remember(call, extensionId) {
    const session = call.telephonySessionId;
    if (!session) return;
    const members = sessionMembers.get(session);
    if (members) {
      if (!members.includes(extensionId)) members.push(extensionId);
      return;
    }
    sessionMembers.set(session, [extensionId]);
    if (sessionMembers.size > MAX_SESSIONS_REMEMBERED) sessionMembers.delete(sessionMembers.keys().next().value);
  }

  // The engine's rule for "the extension's party" of a session: its first party still connected, else its last.
  function ownParty(parties, extensionId) {
    let last = null;
    for (const party of parties || []) {
      if (party.extensionId !== extensionId) continue;
      if (party.status && party.status.code !== 'Disconnected') return party;
      last = party;
    }
    return last;
  }

  // A session's party as a call's `party` (CALLPARTY): status, reason, peer, recording active, muted.
  function callParty(party) {
    const status = party.status || {};
    const recordings = party.recordings;
    return {
      status: status.code, reason: status.reason ?? null, peer: status.peerId ?? null,
      recording: recordings == null ? null : recordings.some((r) => r.active === true), muted: party.muted ?? null,
    };
  }

  // Session events change the party of the extension's calls in that session (by partyId, else its own
  // party), without a call event; session.ended also keeps how the call ended as the tile's last call.
  // The account-level feed reports extensions that have no presence (a call queue's own party): an
  // extension the board does not show is left alone rather than given a tile.
  function applySession(event) {
    const id = String(event.extensionId);
    const ext = extensions.get(id);
    const session = event.session;
    if (!ext || !session) return;
    for (const [key, call] of ext.calls) {
      if (call.telephonySessionId !== session.telephonySessionId) continue;
      const party = (session.parties || []).find((p) => p.id === call.partyId) || ownParty(session.parties, id);
      if (party) ext.calls.set(key, { ...call, party: callParty(party) });
    }
    if (event.kind === 'session.ended' && RESULTS[event.result]) {
      ext.lastCall = lastCallOf(event, id);
    } else if (event.kind === 'party.updated' && event.party && event.party.extensionId === id
        && event.party.status && event.party.status.code === 'VoiceMail') {
      // the phone stopped ringing (presence dropped the call) and the caller is leaving a message
      ext.lastCall = { ...lastCallOf({ ...event, result: 'voicemail', peer: null }, id), ongoing: true };
    }
  }

  function lastCallOf(event, extensionId) {
    const own = ownParty(event.session.parties, extensionId);
    const status = own && own.status ? own.status : {};
    return {
      result: event.result,
      reason: status.reason || null,
      at: timeOf(event.at),
      other: otherSide(own, extensionId),
      to: handedTo(event, own, extensionId),
    };
  }

  // Who was on the other end: the caller of an inbound call, the callee of an outbound one.
  function otherSide(own, extensionId) {
    if (!own) return '';
    const end = own.direction === 'Inbound' ? own.from : own.to;
    if (!end) return '';
    if (end.extensionId && end.extensionId !== extensionId && directory.has(end.extensionId)) {
      return directory.get(end.extensionId).name;
    }
    return end.name || end.phoneNumber || '';
  }

  // Where the call went, for a transfer, a pickup or another agent's answer: the colleague whose call is
  // the party it went to (an attended transfer's `peer`); else a colleague with a live call in the same
  // session (a blind transfer's target, which agent answered: presence reports their call before the
  // session feed ends this one's); else the last colleague who had a call in it (who picked it up: that
  // session ends only after a grace, when their call may be over); else a colleague's party in the
  // session's view. Nobody found: the line says only what happened.
  function handedTo(event, own, extensionId) {
    const result = event.result;
    const reason = own && own.status ? own.status.reason : null;
    if (result !== 'transferred' && !HANDED_TO[reason]) return '';
    const peer = event.peer || (own && own.status ? own.status.peerId : null);
    const session = event.session.telephonySessionId;
    for (const wanted of peer ? [peer, null] : [null]) {
      for (const [id, ext] of extensions) {
        if (id === extensionId) continue;
        for (const call of ext.calls.values()) {
          if (wanted ? call.telephonySessionId === wanted.telephonySessionId && call.partyId === wanted.partyId
            : call.telephonySessionId === session) return nameOf(id);
        }
      }
    }
    const members = (sessionMembers.get(session) || []).filter((id) => id !== extensionId && directory.has(id));
    if (members.length > 0) return nameOf(members[members.length - 1]);
    const parties = (event.session.parties || [])
      .filter((p) => p.extensionId && p.extensionId !== extensionId && directory.has(p.extensionId));
    const code = (p) => (p.status ? p.status.code : null);
    const on = parties.filter((p) => code(p) !== 'Disconnected' && code(p) !== 'Gone');
    const taker = on.length > 0 ? on[on.length - 1] : parties[parties.length - 1];
    return taker ? nameOf(taker.extensionId) : '';
  }

  // "BlindTransfer" → "blind transfer": RingCentral's reason, readable.
  function words(reason) {
    return String(reason).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }

  function onEvent(message) {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch (error) {
      console.warn('wallboard: unreadable event', message.data);
      return;
    }
    eventCount++;
    $('event-count').textContent = String(eventCount);
    $('last-event').textContent = 'last: ' + event.kind + ' at ' + new Date().toLocaleTimeString();
    if (resyncing) {
      queued.push(event);
      return;
    }
    apply(event);
    renderExtension(String(event.extensionId));
    renderSummary();
    scheduleArrange();
  }

  function setConnection(state) {
    const el = $('connection');
    el.className = 'connection ' + state;
    el.dataset.state = state;
    el.textContent = state;
    streamDown = state === 'reconnecting' || state === 'disconnected';
    if (streamDown) markStale(Date.now());
    else refreshStale();
  }

  // --- is what the board shows current? ---
  // The daemon's /health/ready has an `upstream` check: whether it is connected to RingCentral. While it
  // is not, or while this page has lost its stream, the board may be stale: a banner says since when,
  // and call timers stop at that moment instead of counting on as if the calls were known to go on.
  const UPSTREAM_POLL_MS = 5000;
  let staleSince = null; // ms since the epoch, or null while the data is current
  let upstreamDown = false;
  let streamDown = false;
  let upstreamDetail = '';
  let lastUpstreamUp = Date.now();

  function now() {
    return staleSince === null ? Date.now() : staleSince;
  }

  function markStale(since) {
    if (staleSince === null) staleSince = since;
    renderStale();
  }

  function refreshStale() {
    if (!upstreamDown && !streamDown && staleSince !== null) {
      staleSince = null;
      renderStale();
    }
  }

  function renderStale() {
    const banner = $('stale-banner');
    document.body.classList.toggle('stale', staleSince !== null);
    banner.hidden = staleSince === null;
    if (staleSince === null) return;
    const since = new Date(staleSince).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const why = upstreamDown
      ? 'RingCentral connection ' + (upstreamDetail || 'down')
      : 'Connection to presence-stream lost';
    banner.dataset.since = String(staleSince);
    banner.textContent = why + ': data may be stale since ' + since + '. Call timers are stopped.';
    tick();
  }

  function setUpstream(up, detail) {
    const el = $('upstream');
    el.dataset.state = up ? 'up' : 'down';
    el.className = 'upstream ' + (up ? 'up' : 'down');
    el.textContent = 'RingCentral ' + (up ? 'connected' : detail || 'down');
    upstreamDetail = detail || '';
    if (up) {
      lastUpstreamUp = Date.now();
      if (upstreamDown) {
        upstreamDown = false;
        refreshStale();
        resync(); // what changed while the daemon was cut off arrives as events, but re-reading is cheap
      }
    } else {
      upstreamDown = true;
      markStale(lastUpstreamUp);
    }
  }

  async function pollUpstream() {
    try {
      const headers = { Accept: 'application/json' };
      if (token) headers.Authorization = 'Bearer ' + token;
      const response = await fetch('/health/ready', { headers, cache: 'no-store' });
      const body = await response.json(); // a 503 carries the checks too
      const upstream = body && body.checks ? body.checks.upstream : null;
      // no upstream check (a Kafka processor has no source of its own): nothing to tell
      setUpstream(!upstream || upstream.status === 'UP', upstream ? upstream.detail : '');
    } catch (error) {
      // the daemon is unreachable: the stream's own state says so
    }
    setTimeout(pollUpstream, UPSTREAM_POLL_MS);
  }

  function connect() {
    let hadError = false;
    source = new EventSource(withToken(forAccount('/events')));
    source.addEventListener('open', () => {
      setConnection('connected');
      reopenDelay = 1000;
      if (hadError) resync(true); // the browser resumed with Last-Event-ID; re-reading state is cheap insurance
      hadError = false;
    });
    source.addEventListener('error', () => {
      hadError = true;
      if (source.readyState === EventSource.CLOSED) {
        // The server answered with an error (e.g. 401, 503): EventSource gives up, so we retry ourselves.
        setConnection('disconnected');
        source.close();
        setTimeout(connect, reopenDelay);
        reopenDelay = Math.min(reopenDelay * 2, 30000);
      } else {
        setConnection('reconnecting');
      }
    });
    EVENT_KINDS.forEach((kind) => source.addEventListener(kind, onEvent));
    source.addEventListener('message', onEvent); // events sent without an `event:` line
    source.addEventListener('gap', () => resync());
  }

  // --- rendering ---

  function lookOf(ext) {
    const status = ext.presence ? ext.presence.status : null;
    return PRESENCE[status] || { css: 'invisible', label: status ? status : 'Unknown' };
  }

  // What a tile's colour and label say: the agent's state in the contact-centre view, else the presence.
  function tileLook(id) {
    if (!cc) return lookOf(extensions.get(id));
    const agent = agents.get(id);
    return agent ? CC.look(agent.state, agent.onQueue) : CC.look(null, null);
  }

  // When the tile's state began (ms), or null: the agent's `since`, else what the page saw of the presence.
  function sinceOf(id) {
    if (cc) {
      const agent = agents.get(id);
      const since = agent ? Date.parse(agent.since) : NaN;
      return Number.isNaN(since) ? null : since;
    }
    return extensions.get(id).since;
  }

  function render() {
    for (const id of extensions.keys()) {
      renderExtension(id);
    }
    arrange();
    renderSummary();
  }

  function tileFor(id) {
    let tile = document.querySelector('.tile[data-extension-id="' + CSS.escape(id) + '"]');
    if (!tile) {
      tile = document.createElement('section');
      tile.className = 'tile';
      tile.dataset.extensionId = id;
      tile.innerHTML =
        '<div class="tile-head"><span class="alert-mark" hidden></span><div class="name"></div><span class="since"></span></div>' +
        '<div class="tile-sub"><span class="presence"><span class="label"></span><span class="message"></span></span>' +
        '<span class="number"></span></div>' +
        '<ul class="calls"></ul>' +
        '<div class="last-call" hidden></div>';
      // in the contact-centre view a tile opens the agent's day: by click, or Enter / Space when focused
      tile.addEventListener('click', () => openTimeline(id));
      tile.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        openTimeline(id);
      });
      $('board').appendChild(tile);
    }
    return tile;
  }

  function openTimeline(id) {
    if (!cc) return;
    const info = directory.get(id) || {};
    const agent = agents.get(id) || null;
    const name = info.name || (agent && agent.name) || 'Extension ' + id;
    const number = info.number || (agent && agent.extensionNumber);
    timeline.open(id, name + (number ? ' · ext. ' + number : '') + ': today', agent);
  }

  function renderExtension(id) {
    const ext = extensions.get(id);
    if (!ext) return;
    const agent = cc ? agents.get(id) || null : null;
    const info = directory.get(id) || { number: agent ? agent.extensionNumber || '' : '', name: agent ? agent.name || '' : '' };
    const tile = tileFor(id);
    const status = ext.presence ? ext.presence.status : null;
    const look = tileLook(id);
    const calls = [...ext.calls.values()].sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
    // the glow of a ringing tile: a ringing call, or in the contact-centre view the agent's state
    const ringing = cc ? Boolean(agent && agent.state === 'Ringing') : calls.some((call) => call.telephonyStatus === 'Ringing');

    tile.className = 'tile ' + look.css + (calls.length ? ' on-call' : '') + (ringing ? ' ringing' : '');
    tile.dataset.presence = status || '';
    tile.dataset.state = agent ? agent.state : '';
    tile.dataset.onQueue = agent && agent.onQueue !== null && agent.onQueue !== undefined ? String(agent.onQueue) : '';
    tile.dataset.queues = agent ? (agent.queues || []).join(',') : '';
    // every live call (also those beyond the ones shown), for tools and tests reading the page
    tile.dataset.calls = calls.map((call) => callKey(call) + '=' + call.telephonyStatus).sort().join(',');
    const since = sinceOf(id);
    tile.dataset.since = since === null ? '' : String(since);
    const name = info.name || 'Extension ' + id;
    const number = info.number ? 'ext. ' + info.number : '';
    // the presence's own message; in the contact-centre view, with whom a call is (compact view shows no calls)
    const message = cc ? (agent && agent.state !== 'Available' && calls.length ? callPeer(calls) : '')
      : ext.presence && ext.presence.message ? ext.presence.message : '';
    renderAlertMark(tile, id);
    if (cc) {
      tile.tabIndex = 0;
      tile.setAttribute('role', 'button');
      tile.setAttribute('aria-haspopup', 'dialog');
      tile.setAttribute('aria-label', name + (number ? ', ' + number : '') + ': ' + look.label
        + (since === null ? '' : ' since ' + new Date(since).toLocaleTimeString())
        + (tile.dataset.alerts ? ', ' + tile.dataset.alerts + ' open alert' + (tile.dataset.alerts === '1' ? '' : 's') : '')
        + '. Opens today’s timeline.');
    } else if (tile.hasAttribute('role')) {
      tile.removeAttribute('tabindex');
      tile.removeAttribute('role');
      tile.removeAttribute('aria-haspopup');
      tile.removeAttribute('aria-label');
    }
    tile.querySelector('.name').textContent = name;
    // the full name and number, also where the tile is too narrow to show them
    tile.querySelector('.name').title = number ? name + ' · ' + number : name;
    // "ext." goes in compact view, where the width is the name's
    const numberEl = tile.querySelector('.number');
    numberEl.replaceChildren();
    if (info.number) {
      const prefix = document.createElement('span');
      prefix.className = 'ext';
      prefix.textContent = 'ext. ';
      numberEl.append(prefix, String(info.number));
    }
    tile.querySelector('.presence').title = message ? look.label + ': ' + message : look.label;
    tile.querySelector('.presence .label').textContent = look.label;
    tile.querySelector('.presence .message').textContent = message;
    renderSince(tile);

    // A wall has room for a few calls per person: ringing ones first, the rest counted.
    const shown = [...calls].sort((a, b) => (b.telephonyStatus === 'Ringing') - (a.telephonyStatus === 'Ringing'))
      .slice(0, MAX_CALLS_SHOWN);
    const items = shown.map(callItem);
    if (calls.length > shown.length) {
      const more = document.createElement('li');
      more.className = 'more';
      more.textContent = '+' + (calls.length - shown.length) + ' more';
      items.push(more);
    }
    tile.querySelector('.calls').replaceChildren(...items);
    renderLastCall(tile, ext.lastCall);
  }

  // The other party of the call the agent's state is about: a ringing call first, else the newest.
  function callPeer(calls) {
    const call = calls.find((c) => c.telephonyStatus === 'Ringing') || calls[0];
    const inbound = call.direction === 'Inbound';
    return (inbound ? call.fromName || call.from : call.toName || call.to) || '';
  }

  // A mark before the name while alerts about the extension are open: its text says how many, its
  // tooltip what they say (the strip lists them too).
  function renderAlertMark(tile, id) {
    const mark = tile.querySelector('.alert-mark');
    const open = cc ? alerts.about(id) : [];
    mark.hidden = open.length === 0;
    tile.dataset.alerts = open.length === 0 ? '' : String(open.length);
    tile.dataset.alertSeverity = open.length === 0 ? '' : open[0].severity;
    mark.textContent = open.length === 0 ? '' : '⚠' + (open.length > 1 ? open.length : '');
    mark.title = open.map((a) => a.severity + ': ' + (a.message || a.name)).join('\n');
  }

  // "Last call transferred to Grace Hopper · blind transfer · 10:42", from the extension's last session.ended:
  // the result (and who took the call), RingCentral's reason and when; with whom is in its tooltip.
  function renderLastCall(tile, last) {
    const el = tile.querySelector('.last-call');
    el.hidden = last === null;
    tile.dataset.lastCall = last === null ? '' : last.result + (last.ongoing ? ' ongoing' : '');
    if (last === null) return;
    el.dataset.result = last.result;
    el.dataset.reason = last.reason || '';
    const handedBy = last.result !== 'transferred' ? HANDED_TO[last.reason] : undefined;
    let what = last.ongoing ? 'caller leaving voicemail' : RESULTS[last.result] || last.result;
    if (last.to) what = handedBy ? handedBy + ' ' + last.to : what + ' to ' + last.to;
    // RingCentral's reason, unless the words already say it ("no answer", "picked up by …")
    const reason = last.reason && !(handedBy && last.to) && !what.includes(words(last.reason)) ? words(last.reason) : '';
    const at = new Date(last.at).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = 'Last call';
    const result = document.createElement('span');
    result.className = 'result';
    result.textContent = what;
    const parts = [label, ' ', result];
    for (const text of [reason, at]) {
      if (!text) continue;
      const span = document.createElement('span');
      span.className = 'detail';
      span.textContent = text;
      parts.push(' · ', span);
    }
    el.replaceChildren(...parts);
    el.title = 'Last call' + (last.other ? ' with ' + last.other : '') + ': ' + what
      + (last.reason ? ' (RingCentral: ' + last.reason + ')' : '') + ', ended ' + new Date(last.at).toLocaleTimeString();
  }

  function callItem(call) {
    const item = document.createElement('li');
    item.className = 'call';
    item.dataset.callId = callKey(call);
    item.dataset.status = call.telephonyStatus || 'Unknown';
    item.dataset.start = String(Date.parse(call.startTime) + (call.clockOffsetMs || 0));
    const party = call.party || null; // from the telephony-session feed, when it is on
    item.dataset.party = party ? party.status || '' : '';
    item.dataset.recording = party && party.recording === true ? 'true' : '';
    const inbound = call.direction === 'Inbound';
    const other = inbound ? call.fromName || call.from : call.toName || call.to;
    item.innerHTML =
      '<span class="direction"></span><span class="party"></span><span class="badges"></span><span class="duration"></span>' +
      '<span class="status"></span>';
    const direction = item.querySelector('.direction');
    direction.textContent = inbound ? '↙' : call.direction === 'Outbound' ? '↗' : '•';
    direction.title = call.direction || 'Unknown';
    item.querySelector('.party').textContent = other || 'unknown';
    item.querySelector('.status').textContent = callStatus(call, party);
    if (party && party.recording === true) {
      const rec = document.createElement('span');
      rec.className = 'rec';
      rec.title = 'being recorded';
      rec.textContent = 'REC';
      item.querySelector('.badges').append(rec);
    }
    item.classList.toggle('badged', Boolean(party && (party.recording === true || party.muted === true)));
    if (party && party.muted === true) {
      const muted = document.createElement('span');
      muted.className = 'muted';
      muted.title = 'muted';
      muted.textContent = 'MUTED';
      item.querySelector('.badges').append(muted);
    }
    item.title = inbound ? 'from ' + (call.from || 'unknown') : 'to ' + (call.to || 'unknown');
    item.querySelector('.duration').textContent = formatDuration(now() - Number(item.dataset.start));
    return item;
  }

  // Presence's status of the call, unless the party says more: the caller is with voicemail, or the
  // extension's party has left (transferred, picked up elsewhere) while presence still lists the call.
  function callStatus(call, party) {
    let text = CALL_STATUS[call.telephonyStatus] || call.telephonyStatus || 'Unknown';
    if (party && party.status === 'VoiceMail') text = 'Voicemail';
    else if (party && (party.status === 'Gone' || party.status === 'Disconnected') && party.reason) {
      text = words(party.reason);
    }
    return text + (call.queueCall ? ' · queue' : '');
  }

  function formatDuration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
    return (h > 0 ? h + ':' : '') + mm + ':' + String(s).padStart(2, '0');
  }

  function renderSummary() {
    if (cc) {
      const counts = { available: 0, ringing: 0, oncall: 0, wrapup: 0, notready: 0 };
      for (const id of extensions.keys()) {
        const group = tileLook(id).group;
        if (group in counts) counts[group]++;
      }
      for (const [group, count] of Object.entries(counts)) $('count-cc-' + group).textContent = count;
      $('count-cc-waiting').textContent = strip.totalWaiting();
      return;
    }
    let available = 0, busy = 0, dnd = 0, calls = 0, ringing = 0;
    for (const ext of extensions.values()) {
      const status = ext.presence && ext.presence.status;
      if (status === 'Available') available++;
      else if (status === 'Busy') busy++;
      else if (status === 'DoNotDisturb') dnd++;
      calls += ext.calls.size;
      for (const call of ext.calls.values()) if (call.telephonyStatus === 'Ringing') ringing++;
    }
    $('count-available').textContent = available;
    $('count-busy').textContent = busy;
    $('count-dnd').textContent = dnd;
    $('count-calls').textContent = calls;
    $('count-ringing').textContent = ringing;
  }

  // Time in the current state: minutes are enough on a wall, seconds only in the first minute.
  function formatSince(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    if (total < 60) return total + 's';
    const minutes = Math.floor(total / 60);
    if (minutes < 60) return minutes + 'm';
    return Math.floor(minutes / 60) + 'h ' + String(minutes % 60).padStart(2, '0') + 'm';
  }

  // Called for every tile each second: it touches the DOM only where the text changes (mostly the first
  // minute's seconds), and formats the tooltip's time only when the state's start changed.
  function renderSince(tile, until = now()) {
    const el = tile.querySelector('.since');
    const since = tile.dataset.since;
    const text = since ? formatSince(until - Number(since)) : '';
    if (el.textContent !== text) el.textContent = text;
    if (el.dataset.for !== since) {
      el.dataset.for = since;
      el.title = since ? 'in this state since ' + new Date(Number(since)).toLocaleTimeString() : '';
    }
  }

  function tick() {
    const until = now();
    document.querySelectorAll('.call .duration').forEach((el) => {
      el.textContent = formatDuration(until - Number(el.parentElement.dataset.start));
    });
    document.querySelectorAll('.tile').forEach((tile) => renderSince(tile, until));
    if (cc) {
      strip.tick(until);
      timeline.tick(until);
    }
    $('clock').textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  // --- what the board shows: view, filter and sort ---
  // All three are in the URL, so a bookmark brings the same view back; the compact toggle is also
  // remembered in localStorage, for a wall screen that is simply opened at /. The URL's view wins.
  const VIEW_KEY = 'presence-stream.wallboard.view';
  const PRESENCE_FILTERS = ['available', 'busy', 'dnd', 'invisible', 'oncall'];
  // the status buttons of the view in use: the presence's, or the agent states' groups
  const statusFilters = () => (cc ? CC.GROUPS : PRESENCE_FILTERS);
  const SORTS = ['number', 'name', 'status', 'time'];
  const STATUS_RANK = { available: 0, busy: 1, dnd: 2, invisible: 3 };
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const settings = readSettings();

  function storedView() {
    try {
      return localStorage.getItem(VIEW_KEY);
    } catch (error) {
      return null; // storage disabled: the URL alone decides
    }
  }

  function readSettings() {
    const params = new URLSearchParams(window.location.search);
    const sort = params.get('sort');
    const statuses = (params.get('status') || '').split(',').map((s) => s.trim().toLowerCase());
    // which view the statuses are for is known once the daemon has answered: setMode keeps those it has
    return {
      compact: (params.get('view') || storedView()) === 'compact',
      query: params.get('q') || '',
      statuses: new Set(statuses.filter((s) => PRESENCE_FILTERS.includes(s) || CC.GROUPS.includes(s))),
      sort: SORTS.includes(sort) ? sort : 'number',
      queue: params.get('queue') || '',
    };
  }

  // Encoded with encodeURIComponent, not URLSearchParams' '+' for spaces, so a token keeps its exact form
  // (commas stay readable: status=busy,oncall).
  function writeUrl() {
    const params = new URLSearchParams(window.location.search);
    const put = (key, value) => (value ? params.set(key, value) : params.delete(key));
    put('view', settings.compact ? 'compact' : 'normal');
    put('q', settings.query.trim());
    put('status', statusFilters().filter((s) => settings.statuses.has(s)).join(','));
    put('sort', settings.sort === 'number' ? '' : settings.sort);
    put('queue', cc ? settings.queue : '');
    const encode = (text) => encodeURIComponent(text).replace(/%2C/gi, ',');
    const search = [...params].map(([k, v]) => encode(k) + '=' + encode(v)).join('&');
    history.replaceState(history.state, '', window.location.pathname + (search ? '?' + search : '') + window.location.hash);
  }

  function fold(text) {
    return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  // The directory's name and number; the agent's when the directory has not named the extension yet.
  function nameOf(id) {
    const agent = agents.get(id);
    return (directory.get(id) || {}).name || (agent && agent.name) || 'Extension ' + id;
  }

  function numberOf(id) {
    const agent = agents.get(id);
    return String((directory.get(id) || {}).number || (agent && agent.extensionNumber) || id);
  }

  // Text matches a part of the name (any case, any accent) or of the extension number, and in the
  // contact-centre view of the department; several statuses are alternatives (Busy and On a call: busy,
  // or on a call); a queue keeps its members.
  function matches(id) {
    const ext = extensions.get(id);
    const query = fold(settings.query.trim());
    const agent = cc ? agents.get(id) : null;
    if (query && !fold(nameOf(id)).includes(query) && !numberOf(id).includes(query)
        && !(agent && agent.department && fold(agent.department).includes(query))) return false;
    if (cc && settings.queue && !inQueue(agent, settings.queue)) return false;
    if (settings.statuses.size === 0) return true;
    if (cc) return settings.statuses.has(tileLook(id).group);
    return settings.statuses.has(lookOf(ext).css) || (settings.statuses.has('oncall') && ext.calls.size > 0);
  }

  // A queue's member; for '*', a member of any queue (an agent, as docs/contact-centre.md says).
  function inQueue(agent, queue) {
    const queues = agent ? (agent.queues || []).map(String) : [];
    return queue === '*' ? queues.length > 0 : queues.includes(queue);
  }

  function comparator(sort) {
    const byNumber = (a, b) => collator.compare(numberOf(a), numberOf(b)) || (a < b ? -1 : a > b ? 1 : 0);
    const byName = (a, b) => collator.compare(nameOf(a), nameOf(b)) || byNumber(a, b);
    // status: the legend's order, those on a call first within each colour
    // (the contact-centre view: the agent states' legend order)
    const rank = (id) => {
      if (cc) return tileLook(id).rank;
      const ext = extensions.get(id);
      return STATUS_RANK[lookOf(ext).css] * 2 + (ext.calls.size > 0 ? 0 : 1);
    };
    // time in state: longest first; a state of unknown age last
    const since = (id) => sinceOf(id) ?? Number.MAX_SAFE_INTEGER;
    switch (sort) {
      case 'name': return byName;
      case 'status': return (a, b) => rank(a) - rank(b) || byName(a, b);
      case 'time': return (a, b) => since(a) - since(b) || byName(a, b);
      default: return byNumber;
    }
  }

  // Filters and orders the tiles, moving only those out of place (a wall of 200 re-sorts on every event).
  function arrange() {
    const ids = [...extensions.keys()].sort(comparator(settings.sort));
    let shown = 0;
    let previous = $('empty');
    for (const id of ids) {
      const tile = tileFor(id);
      tile.hidden = !matches(id);
      if (!tile.hidden) shown++;
      if (previous.nextElementSibling !== tile) previous.after(tile);
      previous = tile;
    }
    $('empty').hidden = shown > 0;
    $('empty').textContent = ids.length === 0 ? 'No extensions yet.' : 'No extension matches the filter.';
    $('extension-count').textContent =
      (shown === ids.length ? '' : shown + ' of ') + ids.length + ' extensions';
  }

  let arrangeQueued = false;
  function scheduleArrange() {
    if (arrangeQueued) return;
    arrangeQueued = true;
    requestAnimationFrame(() => {
      arrangeQueued = false;
      arrange();
    });
  }

  function applyView() {
    document.documentElement.classList.toggle('compact', settings.compact);
    document.documentElement.dataset.view = settings.compact ? 'compact' : 'normal';
    $('view-toggle').setAttribute('aria-pressed', String(settings.compact));
  }

  function changed() {
    writeUrl();
    arrange();
  }

  function bindControls() {
    const text = $('filter-text');
    text.value = settings.query;
    text.addEventListener('input', () => {
      settings.query = text.value;
      changed();
    });
    // one listener for the status buttons, whichever set (presence or agent states) is in place
    const filter = document.querySelector('.status-filter');
    pressStatusButtons();
    filter.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-status]');
      if (!button) return;
      const status = button.dataset.status;
      if (!settings.statuses.delete(status)) settings.statuses.add(status);
      button.setAttribute('aria-pressed', String(settings.statuses.has(status)));
      changed();
    });
    const queue = $('queue-filter');
    queue.addEventListener('change', () => {
      settings.queue = queue.value;
      changed();
    });
    const sort = $('sort');
    sort.value = settings.sort;
    sort.addEventListener('change', () => {
      settings.sort = sort.value;
      changed();
    });
    $('view-toggle').addEventListener('click', () => {
      settings.compact = !settings.compact;
      try {
        localStorage.setItem(VIEW_KEY, settings.compact ? 'compact' : 'normal');
      } catch (error) {
        // storage disabled: the URL still carries the view
      }
      applyView();
      writeUrl();
    });
    $('controls').addEventListener('submit', (event) => event.preventDefault());
    applyView();
  }

  function pressStatusButtons() {
    document.querySelectorAll('.status-filter button').forEach((button) => {
      button.setAttribute('aria-pressed', String(settings.statuses.has(button.dataset.status)));
    });
  }

  // The queue filter's choices: every queue, by name; a queue in the URL that is not (yet) known stays chosen.
  function refreshQueueOptions() {
    const select = $('queue-filter');
    const options = [new Option('all', ''), new Option('any queue', '*')];
    for (const queue of strip.sorted()) options.push(new Option(strip.name(queue), String(queue.queueId)));
    if (settings.queue && settings.queue !== '*' && !strip.queues.has(settings.queue)) options.push(new Option('queue ' + settings.queue, settings.queue));
    select.replaceChildren(...options);
    select.value = settings.queue;
  }

  // The presence parts of the header and the footer, kept to be put back when the contact-centre view goes.
  const presenceParts = {
    summary: [...document.querySelector('.summary').childNodes],
    filter: [...document.querySelector('.status-filter').childNodes],
    legend: [...document.querySelector('footer .legend').childNodes],
  };

  function ccParts(template) {
    return [...$(template).content.cloneNode(true).childNodes];
  }

  // Switches between the presence wallboard and the contact-centre view: the summary, the status filter and
  // the legend change with it, statuses the other view has not are dropped, and every tile is drawn again.
  function setMode(on) {
    if (cc === on) {
      // the first answer also settles which statuses of a bookmarked URL this view has
      if (dropForeignStatuses()) {
        pressStatusButtons();
        writeUrl();
        arrange();
      }
      return;
    }
    cc = on;
    document.body.classList.toggle('cc', on);
    document.documentElement.dataset.mode = on ? 'contact-centre' : 'presence';
    document.querySelector('.summary').replaceChildren(...(on ? ccParts('cc-summary') : presenceParts.summary));
    document.querySelector('.summary').setAttribute('aria-label', on ? 'agents' : 'summary');
    document.querySelector('.status-filter').replaceChildren(...(on ? ccParts('cc-status-filter') : presenceParts.filter));
    document.querySelector('.status-filter').setAttribute('aria-label', on ? 'filter by agent state' : 'filter by status');
    document.querySelector('footer .legend').replaceChildren(...(on ? ccParts('cc-legend') : presenceParts.legend));
    document.querySelector('footer .legend').setAttribute('aria-label', on ? 'colours of the agent states' : 'colours');
    document.querySelector('.queue-filter').hidden = !on;
    if (!on) {
      $('queue-strip').hidden = true;
      if (timeline) timeline.close();
    }
    dropForeignStatuses();
    pressStatusButtons();
    writeUrl();
    render();
  }

  // Statuses of the other view (a URL bookmarked on it) would filter out every tile: they go.
  function dropForeignStatuses() {
    const foreign = [...settings.statuses].filter((status) => !statusFilters().includes(status));
    foreign.forEach((status) => settings.statuses.delete(status));
    return foreign.length > 0;
  }

  // Start listening first, so no event between the state read and the subscription is lost:
  // events received while /api/state is read are queued and applied on top of it.
  strip = new CC.QueueStrip($('queues'), thresholds, () => now());
  alerts = new CC.Alerts($('alerts'), $('alert-list'), 4);
  timeline = new CC.Timeline($('timeline'), getJson, () => now());
  document.documentElement.dataset.mode = 'presence';
  bindControls();
  connect();
  resync();
  pollUpstream();
  tick();
  setInterval(tick, 1000);
})();
