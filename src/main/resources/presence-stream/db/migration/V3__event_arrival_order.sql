-- presence-stream history, version 3: the order events arrived in, so that a restart can apply the stored
-- events again in the order the contact-centre view saw them (README "History", "What survives a restart").
--
-- Neither column of version 1 keeps that order: event_id is a hash, and `at` is the event's own time, which
-- is not monotonic in arrival order (the telephony-session feed's events carry the platform's eventTime,
-- which may lag the presence events received around them) and ties within a notification (a call's end and
-- the next call's start share one receive time). seq is the instant the sink accepted the event, in
-- microseconds since the epoch, raised to one more than the previous seq whenever the clock has not moved
-- on, and started above every stored seq: strictly increasing per writer, and comparable between runs.
--
-- Rows stored before this version get their `at` in microseconds: the best order that can still be
-- recovered (ties, within one microsecond, fall back to event_id, the order a reader uses after seq).
ALTER TABLE events ADD COLUMN seq BIGINT;
UPDATE events SET seq = CAST(EXTRACT(EPOCH FROM at) * 1000000 AS BIGINT);
ALTER TABLE events ALTER COLUMN seq SET NOT NULL;
CREATE INDEX events_seq ON events (seq);
