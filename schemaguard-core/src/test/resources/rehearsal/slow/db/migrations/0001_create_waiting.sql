CREATE TABLE waiting (id int);
