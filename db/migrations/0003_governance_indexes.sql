DROP INDEX "audit_list_actor_idx";--> statement-breakpoint
CREATE INDEX "audit_contents_live_idx" ON "audit_contents" USING btree ("seq") WHERE erased_at is null;--> statement-breakpoint
CREATE INDEX "audit_records_actor_idx" ON "audit_records" USING btree ("actor_id","seq");