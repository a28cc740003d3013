-- Every column of a record but `envelope` and `hash` comes from the envelope — the bytes the chain hashes —
-- parsed once per row. Whatever else an INSERT supplies is discarded.
CREATE OR REPLACE FUNCTION audit_records_derive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  env text := NEW.envelope;
  h text := NEW.hash;
  e jsonb := NEW.envelope::jsonb;
BEGIN
  NEW := jsonb_populate_record(NULL::audit_records, e - 'envelope' - 'hash' - 'input_tokens' - 'output_tokens');
  NEW.envelope := env;
  NEW.hash := h;
  NEW.input_tokens := (e -> 'usage' ->> 'input_tokens')::int;
  NEW.output_tokens := (e -> 'usage' ->> 'output_tokens')::int;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_records_derive BEFORE INSERT ON audit_records
  FOR EACH ROW EXECUTE FUNCTION audit_records_derive();
--> statement-breakpoint
-- The audit chain is append-only. These triggers refuse, for every role that does not disable triggers, any
-- change to a record and any change to content other than erasing it.
CREATE OR REPLACE FUNCTION audit_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_records_no_update_delete BEFORE UPDATE OR DELETE ON audit_records
  FOR EACH ROW EXECUTE FUNCTION audit_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
  FOR EACH STATEMENT EXECUTE FUNCTION audit_records_refuse_change();
--> statement-breakpoint
-- Content may only be erased: the text (and its search tokens) set to NULL once, with the time and the reason.
CREATE OR REPLACE FUNCTION audit_contents_only_erase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_contents can only be erased: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.seq IS DISTINCT FROM OLD.seq
     OR OLD.erased_at IS NOT NULL
     OR NEW.erased_at IS NULL
     OR NEW.erased_reason IS NULL
     OR NEW.prompt IS NOT NULL
     OR NEW.output IS NOT NULL
     OR NEW.search IS NOT NULL THEN
    RAISE EXCEPTION 'audit_contents can only be erased (text set to NULL with erased_at and erased_reason)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_contents_only_erase BEFORE UPDATE OR DELETE ON audit_contents
  FOR EACH ROW EXECUTE FUNCTION audit_contents_only_erase();
--> statement-breakpoint
CREATE TRIGGER audit_contents_no_truncate BEFORE TRUNCATE ON audit_contents
  FOR EACH STATEMENT EXECUTE FUNCTION audit_contents_only_erase();
--> statement-breakpoint
-- The genesis head: seq 0 and an all-zero hash, which the first record names as its prev_hash.
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
