#!/usr/bin/env node
// The reference for `replay`: RingCentral's own JavaScript logic for detailed presence, from
// @ringcentral-integration/commons 0.16.0 (installed from npm, pinned by package-lock.json), run per
// notification over the extension's call list, as its Presence module does when a notification arrives.
//
//   node replay-reference.js --input corpus.jsonl [--emit none|state]
//
// Per line (a notification envelope or a WebSocket frame [header, envelope], like `replay`'s input):
// JSON.parse, the event filter, the sequence check, then Presence._processRawActiveCalls
// (removeIntermediateCall, normalizeFromTo, normalizeStartTime, merged with the extension's previous
// calls by session id) and the `calls` getter (removeInboundRingOutLegs, then drop isEnded). The module
// itself cannot be built outside its dependency-injection container (store, auth, subscription
// modules), so its two methods are transcribed below line for line from
// modules/Presence/Presence.js; every helper they call is the package's own function.
// The one deliberate difference: the receive time is the envelope's `timestamp` (the previous line's
// when absent), where the module reads Date.now() — the same rule `replay` follows, so both are
// deterministic.
//
// --emit none (default): the derived calls are counted and a checksum printed on stderr, nothing on
// stdout: the logic alone, the cheapest thing the reference can be charged with.
// --emit state: one JSON line per notification with the extension's state after it (sequence, presence
// fields, calls), like `replay --emit state`.
'use strict';

const fs = require('fs');
const { StringDecoder } = require('string_decoder');
const {
  normalizeStartTime,
  normalizeFromTo,
  removeInboundRingOutLegs,
  isEnded,
} = require('@ringcentral-integration/commons/lib/callLogHelpers');
const { removeIntermediateCall } = require('@ringcentral-integration/commons/modules/Presence/removeIntermediateCall');

// modules/Presence/Presence.js: the event filter of a detailed presence subscription
const detailedPresenceRegExp = /.*\/presence\?detailedTelephonyState=true&sipData=true/;

function args() {
  const a = process.argv.slice(2);
  const options = { input: null, emit: 'none' };
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--input') options.input = a[++i];
    else if (a[i] === '--emit') options.emit = a[++i];
    else throw new Error('unknown argument ' + a[i]);
  }
  if (!options.input || !['none', 'state'].includes(options.emit)) {
    throw new Error('usage: replay-reference.js --input FILE [--emit none|state]');
  }
  return options;
}

/** One extension's Presence module state: what `this.data` holds in the module. */
function newExtension() {
  return { data: null };
}

function activeCallsOf(ext) {
  return (ext.data && ext.data.activeCalls) || [];
}

// Presence._processRawActiveCalls, transcribed
function processRawActiveCalls(ext, activeCalls = [], totalActiveCalls = 0, timestamp) {
  if (activeCalls.length < totalActiveCalls) {
    return activeCallsOf(ext);
  }
  const previous = activeCallsOf(ext);
  return removeIntermediateCall([], activeCalls).map((activeCall) => {
    const existingCall = previous.find((call) => call.sessionId === activeCall.sessionId);
    if (!existingCall) {
      const normalizedCall = normalizeStartTime(normalizeFromTo(activeCall));
      const startTime = Number(normalizedCall.startTime || timestamp);
      const offset = Math.min(timestamp - startTime, 0);
      return { ...normalizedCall, startTime, offset };
    }
    return { ...existingCall, ...normalizeStartTime(normalizeFromTo(activeCall)) };
  });
}

// Presence._handleSubscription, transcribed (ready/tab checks and the debounced REST fetch left out:
// there is no server to fetch from); returns false when the notification is ignored
function handleSubscription(ext, message, timestamp) {
  if (!(message && message.event && detailedPresenceRegExp.test(message.event) && message.body)) {
    return false;
  }
  const body = message.body;
  const sequenceNow = (ext.data && ext.data.sequence) || 0;
  if (body.sequence && body.sequence < sequenceNow) {
    return false;
  }
  const current = ext.data || {};
  const {
    sequence = sequenceNow,
    dndStatus = current.dndStatus,
    meetingStatus = current.meetingStatus,
    presenceStatus = current.presenceStatus,
    telephonyStatus = current.telephonyStatus,
    userStatus = current.userStatus,
  } = body;
  const activeCalls = processRawActiveCalls(ext, body.activeCalls, body.totalActiveCalls, timestamp);
  ext.data = { sequence, activeCalls, dndStatus, meetingStatus, presenceStatus, telephonyStatus, userStatus };
  return true;
}

// Presence.calls, the getter the UI reads
function calls(ext) {
  return removeInboundRingOutLegs(activeCallsOf(ext)).filter((call) => !isEnded(call));
}

function main() {
  const options = args();
  const fd = fs.openSync(options.input, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const decoder = new StringDecoder('utf8');
  const extensions = new Map();
  const out = [];
  let outLength = 0;
  let carry = '';
  let index = -1;
  let lastTimestamp = 0;
  let applied = 0;
  let skipped = 0;
  let checksum = 0;

  const flush = () => {
    if (out.length) {
      fs.writeSync(1, out.join(''));
      out.length = 0;
      outLength = 0;
    }
  };

  const line = (text) => {
    index++;
    if (text.length === 0 || text.trim().length === 0) return;
    let message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      skipped++;
      return;
    }
    if (Array.isArray(message)) message = message[1];
    if (!message || !message.body) {
      skipped++;
      return;
    }
    const parsed = message.timestamp ? Date.parse(message.timestamp) : NaN;
    const timestamp = Number.isNaN(parsed) ? lastTimestamp : parsed;
    lastTimestamp = timestamp;
    const id = String(message.body.extensionId);
    let ext = extensions.get(id);
    if (!ext) {
      ext = newExtension();
      extensions.set(id, ext);
    }
    const wasApplied = handleSubscription(ext, message, timestamp);
    if (wasApplied) applied++;
    const derived = calls(ext);
    checksum = (checksum + derived.length * 31 + (wasApplied ? 1 : 0)) | 0;
    if (options.emit === 'state') {
      const d = ext.data || {};
      const s = JSON.stringify({
        index, extensionId: id, applied: wasApplied, sequence: d.sequence,
        presence: { presenceStatus: d.presenceStatus, userStatus: d.userStatus, dndStatus: d.dndStatus,
          telephonyStatus: d.telephonyStatus, meetingStatus: d.meetingStatus },
        calls: derived, updatedAt: timestamp,
      });
      out.push(s, '\n');
      outLength += s.length + 1;
      if (outLength > (1 << 16)) flush();
    }
  };

  for (;;) {
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    const text = carry + decoder.write(chunk.subarray(0, n));
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      line(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.end();
  if (carry.length) line(carry);
  flush();
  fs.closeSync(fd);
  process.stderr.write(`replay-reference: ${index + 1} lines, ${applied} applied, ${skipped} skipped, `
    + `${extensions.size} extensions, checksum ${checksum}\n`);
}

main();
