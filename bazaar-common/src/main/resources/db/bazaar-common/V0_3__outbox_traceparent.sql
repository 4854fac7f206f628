-- The W3C traceparent of the span that wrote the event (null when tracing is off): OutboxRelay sends it as the
-- record's traceparent header, so a consumer's span continues the trace of the request that caused the event.
ALTER TABLE outbox_event ADD COLUMN traceparent text;
