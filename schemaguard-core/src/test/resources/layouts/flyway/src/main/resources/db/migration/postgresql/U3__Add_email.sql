alter table PERSON drop column EMAIL;
