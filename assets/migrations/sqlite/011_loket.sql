-- migrations/sqlite/011_loket.sql — the counter service (SPEC 5.6): which Front Office
-- officer registered a walk-in applicant, and which one entered an application for them
-- (NULL: the applicant did it online).  Parallel to migrations/pg/011_loket.sql.

ALTER TABLE account ADD COLUMN registered_by INTEGER REFERENCES account(id);
ALTER TABLE permohonan ADD COLUMN entered_by INTEGER REFERENCES account(id);

-- The counter refuses a second account for the same identity document.
CREATE INDEX pemohon_profile_identitas_idx ON pemohon_profile(tipe_identitas, no_identitas);
