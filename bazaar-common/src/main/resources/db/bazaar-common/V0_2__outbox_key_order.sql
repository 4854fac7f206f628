-- The relay sends an event only when no earlier event of the same topic and key is still waiting (postponed after a
-- failed send, or claimed by another relay): this index answers that check.
CREATE INDEX outbox_event_key_order_idx ON outbox_event (topic, event_key, created_at, id);
