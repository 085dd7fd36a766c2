-- ${reader} is given in application.properties; ${flyway:defaultSchema} is Flyway's own
comment on table ${flyway:defaultSchema}.PERSON is 'Read by ${reader}';
