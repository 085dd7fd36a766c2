CREATE TABLE stock (id int PRIMARY KEY, qty int NOT NULL CHECK (qty > 0 AND qty < 0));
