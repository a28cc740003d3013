-- Persona versions are the record of what a persona was when it spoke: the database itself refuses to change or
-- remove them, whatever the application code does.
CREATE OR REPLACE FUNCTION persona_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'persona_versions are immutable: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER persona_versions_no_update_delete
  BEFORE UPDATE OR DELETE ON persona_versions
  FOR EACH ROW EXECUTE FUNCTION persona_versions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER persona_versions_no_truncate
  BEFORE TRUNCATE ON persona_versions
  FOR EACH STATEMENT EXECUTE FUNCTION persona_versions_refuse_change();
