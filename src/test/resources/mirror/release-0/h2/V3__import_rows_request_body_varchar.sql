-- request_body as CHARACTER VARYING instead of CLOB, as raw_json in V1: H2's LOB store made writing the plan and
-- reading pending rows several times slower, and a contact's request body is far below the 1,000,000 characters
-- a CHARACTER VARYING holds.
ALTER TABLE import_rows ALTER COLUMN request_body SET DATA TYPE CHARACTER VARYING;
