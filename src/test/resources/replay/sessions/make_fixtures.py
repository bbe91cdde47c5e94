#!/usr/bin/env python3
"""Writes the JSON-lines fixtures of `replay --emit sessions` (ReplaySessionsGoldenTest, ReplaySessionsTest,
CallControlSdkConformanceIT) from the recorded samples in ../../telephony-session-samples (provenance in
the PROVENANCE.md there; what each fixture is made of in PROVENANCE.md here).

    cd src/test/resources/replay/sessions && python3 make_fixtures.py

Envelopes taken from a sample are written unchanged (one compact JSON document per line), except where a
comment below says what was changed and why. The files are committed; rerunning the script rewrites them
byte for byte the same.
"""
import copy
import json
import os

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "telephony-session-samples")
HERE = os.path.dirname(os.path.abspath(__file__))


def sample(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return json.load(f)


def dump(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def write(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write((line if isinstance(line, str) else dump(line)) + "\n")


pstn_to_rc = sample("csn-data_PSTN-RingCentral-DataStreams.CONVERTED.json")
rc_to_rc = sample("csn-data_RingCentral-RingCentral.CONVERTED.json")
rc_to_pstn = sample("csn-data_RingCentral-PSTN.CONVERTED.json")
by_seq = {e["body"]["sequence"]: e for e in rc_to_rc}
gone_frame = sample("COMPOSED_ws_frame_gone_attended_transfer.json")
sdk_setup = sample("call-control-js_telephonySessionOutboundSetupMessage.json")
sdk_proceeding = sample("call-control-js_telephonySessionInboundProceedingMessage.json")
sdk_disconnected = sample("call-control-js_telephonySessionOutboundDisconnectedMessage.json")
apidocs = sample("apidocs_telephony-session-event.json")

# One account subscription's stream (owner 809646016) on 2020-06-23, its three recorded calls in the order
# they happened: PSTN -> IVR -> 809646016 (01:05), 979428016 -> 809646016 (01:17), 809646016 -> PSTN (01:19).
write("account-809646016.jsonl", pstn_to_rc + rc_to_rc + rc_to_pstn)

# The reference SDK's own three test messages, in their timestamps' order.
write("call-control-js.jsonl", [sdk_setup, sdk_proceeding, sdk_disconnected])

# The 979428016 -> 809646016 call as an unreliable transport delivers it: the callee's Proceeding (5) after
# its Answered (6), the caller's Hold (7) twice, and the callee's Disconnected (10) again after the end.
write("sequence-faults.jsonl", [by_seq[s] for s in (2, 3, 4, 6, 5, 7, 7, 8, 9, 10, 10)])

# The same call, with the callee's party leaving by attended transfer (the COMPOSED Gone frame, whose ids are
# this call's) after it answered; the frame's timestamp and eventTime are moved to 01:17:28 of the call's
# day (the sample is dated 2023) so that input time does not jump three years. The callee's Disconnected (10)
# then comes after its Gone (14): stale.
transfer = copy.deepcopy(gone_frame)
transfer[1]["timestamp"] = "2020-06-23T01:17:28.532Z"
transfer[1]["body"]["eventTime"] = "2020-06-23T01:17:28.487+0000"
write("transfer.jsonl", [by_seq[s] for s in (2, 3, 4, 5, 6)] + [transfer] + [by_seq[s] for s in (7, 8, 9, 10)])

# Sessions first seen when every party has already left: the SDK's Disconnected message alone, then the
# Gone frame alone (unchanged).
write("ghost.jsonl", [sdk_disconnected, gone_frame])


def ringout_leg(uuid, tsid, session_id, party_id, direction, frm, to, code, seq, time):
    """A leg of a RingOut for extension 170848004, shaped as the SDK's outbound Setup message."""
    e = copy.deepcopy(sdk_setup)
    e["uuid"] = uuid
    e["timestamp"] = time
    b = e["body"]
    b.update(sequence=seq, sessionId=session_id, telephonySessionId=tsid, eventTime=time,
             origin={"type": "RingOut"})
    p = b["parties"][0]
    p.update(id=party_id, direction=direction, status={"code": code, "rcc": False})
    p["from"] = {"phoneNumber": frm, "extensionId": "170848004"} if direction == "Outbound" else {"phoneNumber": frm}
    p["to"] = {"phoneNumber": to}
    return e


# Two RingOut calls of extension 170848004 (COMPOSED from the SDK's outbound Setup message: origin RingOut,
# and a second session whose sessionId is 1000 above, numbers crossed, direction Inbound, as the SDK's
# ringOutInboundLegCheck describes). First call: the outbound leg first, so the inbound leg is dropped from
# its first notification on. Second call: the inbound leg first, so it is tracked until the outbound leg
# comes and takes its place, and dropped afterwards.
ME, THEM = "+16504257106", "+16579991394"
write("ringout.jsonl", [
    ringout_leg("ro-1", "s-ro1-out", "21529130004", "p-ro1-out-1", "Outbound", ME, THEM, "Setup", 2, "2019-09-05T08:00:00.000Z"),
    ringout_leg("ro-2", "s-ro1-in", "21529131004", "p-ro1-in-1", "Inbound", THEM, ME, "Proceeding", 2, "2019-09-05T08:00:01.000Z"),
    ringout_leg("ro-3", "s-ro1-out", "21529130004", "p-ro1-out-1", "Outbound", ME, THEM, "Proceeding", 3, "2019-09-05T08:00:02.000Z"),
    ringout_leg("ro-4", "s-ro1-in", "21529131004", "p-ro1-in-1", "Inbound", THEM, ME, "Answered", 3, "2019-09-05T08:00:05.000Z"),
    ringout_leg("ro-5", "s-ro1-out", "21529130004", "p-ro1-out-1", "Outbound", ME, THEM, "Answered", 4, "2019-09-05T08:00:06.000Z"),
    ringout_leg("ro-6", "s-ro1-out", "21529130004", "p-ro1-out-1", "Outbound", ME, THEM, "Disconnected", 5, "2019-09-05T08:00:46.000Z"),
    ringout_leg("ro-7", "s-ro1-in", "21529131004", "p-ro1-in-1", "Inbound", THEM, ME, "Disconnected", 4, "2019-09-05T08:00:46.500Z"),
    ringout_leg("ro-8", "s-ro2-in", "21529141004", "p-ro2-in-1", "Inbound", THEM, ME, "Proceeding", 2, "2019-09-05T08:10:00.000Z"),
    ringout_leg("ro-9", "s-ro2-out", "21529140004", "p-ro2-out-1", "Outbound", ME, THEM, "Setup", 2, "2019-09-05T08:10:01.000Z"),
    ringout_leg("ro-10", "s-ro2-in", "21529141004", "p-ro2-in-1", "Inbound", THEM, ME, "Answered", 3, "2019-09-05T08:10:04.000Z"),
    ringout_leg("ro-11", "s-ro2-out", "21529140004", "p-ro2-out-1", "Outbound", ME, THEM, "Disconnected", 3, "2019-09-05T08:10:40.000Z"),
])


def device_leg(uuid, party_id, code, seq, time, reason=None):
    """The api-docs' inbound Setup for 809646016, for one of its devices (party) and status."""
    e = copy.deepcopy(apidocs)
    e["uuid"] = uuid
    e["timestamp"] = time
    b = e["body"]
    b.update(sequence=seq, eventTime=time)
    p = b["parties"][0]
    p["id"] = "p-a6abd24ca6774373a8120a3390d3cbe8-" + party_id
    p["status"] = {"code": code, "rcc": False}
    if reason:
        p["status"]["reason"] = reason
    return e


# One inbound call ringing two devices of 809646016 (COMPOSED from the api-docs event: the same session,
# a second party of the same extension). Party -3 is reported first, -2 second, so the report order and the
# order by id disagree: the owner's party is -3 while both ring, -2 once -3 left because the call was
# picked up on the other device, and -2 (the last reported) when both have left.
write("two-devices.jsonl", [
    device_leg("d-1", "3", "Proceeding", 3, "2020-06-14T19:27:18.340Z"),
    device_leg("d-2", "2", "Proceeding", 4, "2020-06-14T19:27:18.400Z"),
    device_leg("d-3", "3", "Disconnected", 5, "2020-06-14T19:27:21.000Z", reason="Pickup"),
    device_leg("d-4", "2", "Answered", 6, "2020-06-14T19:27:21.100Z"),
    device_leg("d-5", "2", "Disconnected", 7, "2020-06-14T19:28:00.000Z"),
])

# What a notification may leave out (COMPOSED, minimal bodies the decoder accepts): a party with only id and
# status, an absent sessionId and origin; then the owner's own party with some fields; an account-level
# notification without extensionId for the session 101 tracks, and one for a session nobody tracks.
ACCOUNT = "/restapi/v1.0/account/1001/telephony/sessions"
EXT_101 = "/restapi/v1.0/account/1001/extension/101/telephony/sessions"
write("sparse.jsonl", [
    {"uuid": "sp-1", "event": EXT_101, "timestamp": "2026-11-26T10:00:00.000Z",
     "body": {"sequence": 1, "telephonySessionId": "s-sparse-1",
              "parties": [{"id": "p-sparse-1", "status": {"code": "Setup"}}]}},
    {"uuid": "sp-2", "event": EXT_101, "timestamp": "2026-11-26T10:00:01.000Z",
     "body": {"sequence": 2, "telephonySessionId": "s-sparse-1",
              "parties": [{"id": "p-sparse-2", "extensionId": "101", "direction": "Inbound",
                           "from": {"phoneNumber": "+16505550100"}, "status": {"code": "Proceeding"}}]}},
    {"uuid": "sp-3", "event": ACCOUNT, "timestamp": "2026-11-26T10:00:02.000Z",
     "body": {"sequence": 3, "sessionId": "118139140021", "telephonySessionId": "s-sparse-1",
              "parties": [{"id": "p-sparse-1", "direction": "Outbound", "status": {"code": "Answered"},
                           "missedCall": False}]}},
    {"uuid": "sp-4", "event": ACCOUNT, "timestamp": "2026-11-26T10:00:03.000Z",
     "body": {"sequence": 1, "telephonySessionId": "s-sparse-2",
              "parties": [{"id": "p-sparse-9", "status": {"code": "Setup"}}]}},
    {"uuid": "sp-5", "event": EXT_101, "timestamp": "2026-11-26T10:00:04.000Z",
     "body": {"sequence": 4, "telephonySessionId": "s-sparse-1",
              "parties": [{"id": "p-sparse-2", "extensionId": "101", "status": {"code": "Answered"},
                           "muted": True}]}},
])

# Lines that do not decode between two that do (COMPOSED around the api-docs event, which is line 1 as is):
# text cut short, a presence notification, a telephony-session body without telephonySessionId, a blank
# line, then the api-docs session's next notification.
bad_body = copy.deepcopy(apidocs)
del bad_body["body"]["telephonySessionId"]
bad_body["uuid"] = "bad-3"
presence = {"uuid": "bad-2", "event": "/restapi/v1.0/account/809646016/extension/809646016/presence",
            "timestamp": "2020-06-14T19:27:18.500Z",
            "body": {"extensionId": "809646016", "sequence": 9, "telephonyStatus": "Ringing",
                     "activeCalls": []}}
write("bad-lines.jsonl", [
    apidocs,
    '{"uuid": "cut short", "body": {',
    presence,
    bad_body,
    "",
    device_leg("bad-6", "2", "Proceeding", 4, "2020-06-14T19:27:19.000Z"),
])
