CREATE TABLE invoices (id bigint PRIMARY KEY);

CREATE TABLE invoice_lines (id bigint PRIMARY KEY);
