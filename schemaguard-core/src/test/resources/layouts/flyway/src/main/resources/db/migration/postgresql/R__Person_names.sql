create or replace view PERSON_NAMES as select NAME from PERSON;
