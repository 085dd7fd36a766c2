-- events get a clearer name
ALTER TABLE outbox RENAME TO outbox_events;
