-- Subscribers' opt-outs per kind of message (only kinds that may be refused: low credit, leak alerts).
CREATE TABLE notification_opt_outs (
  subscriber_id bigint NOT NULL REFERENCES subscribers(id),
  kind text NOT NULL,
  at_ms bigint NOT NULL,
  PRIMARY KEY (subscriber_id, kind)
);
