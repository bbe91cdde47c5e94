-- presence-stream history, version 1: every event, and a record of every call when it ends.
-- Written for both databases the store supports: PostgreSQL, and H2 in its PostgreSQL mode.
-- Agent state intervals and queue statistics come in later migrations (V2__…), beside these tables.

-- Every event, as the JSON the other sinks write. event_id is a hash of that JSON, so writing an event
-- again (a spill file replayed after a crash, a feed loaded twice) stores it once. A new kind of event
-- needs no change here: kind is free text and body holds whatever the event carries.
CREATE TABLE events (
  event_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
  kind         VARCHAR(64)  NOT NULL,
  extension_id VARCHAR(64)  NOT NULL,
  at           TIMESTAMP WITH TIME ZONE NOT NULL,
  call_id      VARCHAR(256),
  body         VARCHAR      NOT NULL
);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_extension_at ON events (extension_id, at);

-- One row per call and extension, written when the call ends. Durations the feed cannot tell are NULL
-- (presence shows ringing, answer and hold only for calls it watched from their start; the telephony-
-- session feed will fill them for every call). queue_id is NULL until a feed names the queue.
CREATE TABLE calls (
  extension_id         VARCHAR(64)  NOT NULL,
  call_id              VARCHAR(256) NOT NULL,
  session_id           VARCHAR(256),
  telephony_session_id VARCHAR(256),
  direction            VARCHAR(16)  NOT NULL,
  from_number          VARCHAR(256),
  from_name            VARCHAR(512),
  to_number            VARCHAR(256),
  to_name              VARCHAR(512),
  queue_call           BOOLEAN      NOT NULL,
  queue_id             VARCHAR(64),
  start_time           TIMESTAMP WITH TIME ZONE NOT NULL,
  answer_time          TIMESTAMP WITH TIME ZONE,
  end_time             TIMESTAMP WITH TIME ZONE NOT NULL,
  duration_ms          BIGINT       NOT NULL,
  ring_ms              BIGINT,
  talk_ms              BIGINT,
  hold_ms              BIGINT,
  result               VARCHAR(32)  NOT NULL,
  end_reason           VARCHAR(16),
  merged_into          VARCHAR(256),
  PRIMARY KEY (extension_id, call_id)
);
CREATE INDEX calls_start ON calls (start_time);
CREATE INDEX calls_extension_start ON calls (extension_id, start_time);
CREATE INDEX calls_end ON calls (end_time);
