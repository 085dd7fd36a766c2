ALTER TABLE invoices ADD COLUMN notes text;
CREATE INDEX invoices_notes_idx ON invoices (notes);
