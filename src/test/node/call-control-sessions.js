// Runs RingCentral's Call Control SDK (ringcentral-call-control, pinned in package-lock.json) over JSON-lines
// files of telephony-session notifications, the way an application of one extension feeds it: one
// RingCentralCallControl per extension, each given that extension's notifications through its own
// onNotificationEvent (lib/index.js), with no REST calls (extensionInfo given, nothing preloaded).
// CallControlSdkConformanceIT compares what it prints with `replay --emit sessions`.
//
//   node call-control-sessions.js FILE...
//
// For every line that is not blank it prints one JSON line {"file", "index", "ownerId", "session"}:
//   - ownerId: the body's extensionId, else the extension of an extension-level event path
//     (…/extension/{id}/telephony/sessions), else null; a line with an owner goes to that extension's SDK
//     instance. A line without one (an account-level event path) goes, as presence-stream routes it, to the
//     instances of the extensions with a party in it and of those holding its session; its session is null.
//   - session: the owner's SDK session after the line, in replay's SESSION form (parties sorted by id); when
//     the line made the SDK drop a session it held (its party disconnected), that session's last data; null
//     when the SDK holds none. Lines the SDK cannot take (not JSON, not an envelope or frame, no body, not a
//     telephony-session event, no telephonySessionId) print {"file", "index", "ownerId": null,
//     "session": null, "skipped": why}.
'use strict';

const fs = require('fs');
const path = require('path');
const { RingCentralCallControl } = require('ringcentral-call-control');

// Never called on this path: onNotificationEvent makes no request. Anything else would throw here.
const noSdk = new Proxy({}, { get: (_, name) => { throw new Error(`the SDK was asked for ${String(name)}`); } });

const orNull = (v) => (v === undefined ? null : v);

function party(p) {
  if (!p) {
    return null;
  }
  const status = p.status || {};
  return {
    id: p.id,
    extensionId: p.extensionId === undefined || p.extensionId === null ? null : String(p.extensionId),
    direction: orNull(p.direction),
    status: orNull(status.code),
    reason: orNull(status.reason),
    from: p.from ? orNull(p.from.phoneNumber) : null,
    to: p.to ? orNull(p.to.phoneNumber) : null,
    missedCall: orNull(p.missedCall),
    standAlone: orNull(p.standAlone),
    muted: orNull(p.muted),
    peerTelephonySessionId: status.peerId ? orNull(status.peerId.telephonySessionId) : null,
  };
}

function session(s) {
  if (!s) {
    return null;
  }
  const parties = s.parties.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    telephonySessionId: s.id,
    sessionId: s.sessionId === undefined || s.sessionId === null ? null : String(s.sessionId),
    origin: s.origin ? orNull(s.origin.type) : null,
    party: party(s.party),
    parties: parties.map(party),
  };
}

const pathExtension = (event) => {
  const m = /\/extension\/([^/?]+)\/telephony\/sessions/.exec(event || '');
  return m ? m[1] : null;
};
const pathAccount = (event) => {
  const m = /\/account\/([^/?]+)\//.exec(event || '');
  return m ? m[1] : null;
};

function run(file) {
  const instances = new Map();
  const instance = (extensionId, accountId) => {
    if (!instances.has(extensionId)) {
      instances.set(extensionId, new RingCentralCallControl({
        sdk: noSdk,
        preloadSessions: false,
        preloadDevices: false,
        extensionInfo: { id: extensionId, account: { id: accountId } },
      }));
    }
    return instances.get(extensionId);
  };
  const name = path.basename(file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    const out = { file: name, index, ownerId: null, session: null };
    let message;
    try {
      message = JSON.parse(line);
    } catch (e) {
      console.log(JSON.stringify({ ...out, skipped: 'not json' }));
      return;
    }
    if (Array.isArray(message)) {
      message = message[1];
    }
    if (!message || typeof message !== 'object' || !message.body || typeof message.event !== 'string') {
      console.log(JSON.stringify({ ...out, skipped: 'not an envelope' }));
      return;
    }
    if (message.event.indexOf('/telephony/sessions') === -1) { // the SDK's own first check
      console.log(JSON.stringify({ ...out, skipped: 'not a telephony-session event' }));
      return;
    }
    if (!message.body.telephonySessionId) { // its second
      console.log(JSON.stringify({ ...out, skipped: 'no telephonySessionId' }));
      return;
    }
    const body = message.body;
    const owner = body.extensionId !== undefined ? String(body.extensionId) : pathExtension(message.event);
    const accountId = body.accountId !== undefined ? String(body.accountId) : pathAccount(message.event);
    const id = body.telephonySessionId;
    let targets;
    if (owner !== null) {
      targets = [owner];
    } else {
      targets = [];
      for (const p of body.parties || []) {
        const ext = p.owner && p.owner.extensionId !== undefined ? p.owner.extensionId : p.extensionId;
        if (ext !== undefined && ext !== null && !targets.includes(String(ext))) {
          targets.push(String(ext));
        }
      }
      for (const [ext, control] of instances) {
        if (control.sessionsMap.get(id) && !targets.includes(ext)) {
          targets.push(ext);
        }
      }
    }
    for (const ext of targets) {
      const control = instance(ext, accountId);
      const held = control.sessionsMap.get(id);
      control.onNotificationEvent(JSON.parse(JSON.stringify(message)));
      if (ext === owner) {
        out.ownerId = owner;
        out.session = session(control.sessionsMap.get(id) || held);
      }
    }
    console.log(JSON.stringify(out));
  });
}

try {
  process.argv.slice(2).forEach(run);
} catch (e) {
  console.error(`FAILED ${e && e.stack ? e.stack : e}`);
  process.exit(1);
}
