#!/usr/bin/env python3
"""Builds corpus.jsonl.gz, the fixed input of ReplayGoldenOutputTest, from simulator traffic.

The base is 3,000 WebSocket frames of the simulator's office (40 extensions, seed 11), written by the
benchmarks' SimulatorCorpus:

    java -cp benchmarks/target/classes:... io.presencestream.simulator.SimulatorCorpus base.jsonl 3000 40 11
    python3 make_corpus.py base.jsonl corpus.jsonl.gz

Into it go the lines a recording can hold besides notifications, so that their handling is pinned too:
a byte order mark, blank lines, CRLF, text that is not JSON, JSON that is not presence, bytes that are not
UTF-8, a bare envelope, an envelope without timestamp, non-ASCII names and a lone surrogate escape, a line
over the 4 MiB limit, and a last line without a line break. The file is committed; it never changes
unless this script and the golden digests are regenerated together.
"""
import gzip
import json
import sys

base, target = sys.argv[1], sys.argv[2]
with open(base, "rb") as f:
    lines = f.read().split(b"\n")
if lines[-1] == b"":
    lines.pop()


def envelope(frame_line):
    return json.loads(frame_line)[1]


def dump(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# in-place edits first (indexes refer to the base lines)
lines[50] = dump(envelope(lines[50]))                      # a bare envelope, no frame
env = envelope(lines[60]); del env["timestamp"]            # no timestamp: takes the previous line's
lines[60] = dump(env)
for i in range(70, len(lines)):                            # non-ASCII names, a lone surrogate escape
    if b'"fromName"' in lines[i]:
        frame = json.loads(lines[i])
        call = frame[1]["body"]["activeCalls"][0]
        call["fromName"] = "Zo\u00eb \u00c5ngstr\u00f6m \U0001F600"
        text = dump(frame)
        text = text.replace(b'"toName":"', b'"toName":"\\ud800 ', 1) if b'"toName":"' in text else text
        lines[i] = text
        break
lines[20] = lines[20] + b"\r"                              # CRLF

inserts = [
    (10, b""),
    (10, b"   "),
    (30, b"not json at all"),
    (31, b'{"uuid":"x","event":"/restapi/v1.0/account/~/extension/1/message-store","body":{"changes":[]}}'),
    (40, b"\xff\xfe{\"x\":1}"),
    (80, b"x" * (4 * 1024 * 1024 + 10)),
    (2000, b"[1,2"),
]
for at, line in sorted(inserts, key=lambda p: -p[0]):
    lines.insert(at, line)
lines[0] = b"\xef\xbb\xbf" + lines[0]                      # a UTF-8 byte order mark

with gzip.GzipFile(target, "wb", mtime=0) as out:
    out.write(b"\n".join(lines))                           # the last line has no line break
