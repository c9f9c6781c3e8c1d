-- migrations/sqlite/021_inbox_order.sql — the inbox page in its own order, from an index.
-- The inbox lists an officer's applications by due moment, then id (domain/proses/
-- inbox.c).  permohonan_inbox_idx (006) has the due moment but then the unit and the
-- step, so each page sorted every application due at the same moment; this index holds
-- the page's order itself, and a page of one role is a range of 25 entries however many
-- applications are open.  Parallel to migrations/pg/021_inbox_order.sql.
CREATE INDEX permohonan_inbox_order_idx ON permohonan(instansi_id, current_role_key, current_due_at, id)
    WHERE status IN ('diajukan', 'diproses');
