alter table PERSON add column EMAIL varchar(255);
