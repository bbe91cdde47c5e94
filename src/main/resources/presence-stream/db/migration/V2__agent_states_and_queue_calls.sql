-- presence-stream history, version 2: the contact-centre view's agent state spans and queue calls.
-- Written for both databases the store supports: PostgreSQL, and H2 in its PostgreSQL mode.

-- One row per closed span of an agent's state: written from the agent.state event that ends it (the next
-- state of the same extension). The running span is not a row: the agent's last agent.state event (in events)
-- tells it. span_id is the id of that closing event (its hash), so a replay stores a span once. A span is
-- stored whole, across midnight: the day queries cut it at the day's bounds.
CREATE TABLE agent_states (
  span_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
  extension_id VARCHAR(64)  NOT NULL,
  state        VARCHAR(32)  NOT NULL,
  on_queue     BOOLEAN,
  from_time    TIMESTAMP WITH TIME ZONE NOT NULL,
  to_time      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_states_extension_to ON agent_states (extension_id, to_time);
CREATE INDEX agent_states_to ON agent_states (to_time);

-- One row per queue call when it leaves its queue (the queue.call.ended event): answered, abandoned or
-- overflowed. The figures of any interval are computed from these rows by SQL (offered by entered_at,
-- answered by answered_at, abandoned and overflowed by ended_at, as the live figures count them), rather
-- than stored pre-aggregated per interval. call_key is the call's telephonySessionId (its sessionId when that
-- is missing), which is how the calls table's rows are matched to their queue.
CREATE TABLE queue_calls (
  call_key                   VARCHAR(256) NOT NULL,
  queue_id                   VARCHAR(64)  NOT NULL,
  entered_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
  answered_at                TIMESTAMP WITH TIME ZONE,
  ended_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
  result                     VARCHAR(16)  NOT NULL,
  wait_ms                    BIGINT       NOT NULL,
  answered_by                VARCHAR(64),
  service_level_threshold_ms BIGINT       NOT NULL,
  within_service_level       BOOLEAN      NOT NULL,
  PRIMARY KEY (call_key, queue_id)
);
CREATE INDEX queue_calls_queue_entered ON queue_calls (queue_id, entered_at);
CREATE INDEX queue_calls_queue_ended ON queue_calls (queue_id, ended_at);
CREATE INDEX queue_calls_ended ON queue_calls (ended_at);
