CREATE TABLE "audit_contents" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"prompt" text,
	"output" text,
	"search" "tsvector",
	"erased_at" timestamp with time zone,
	"erased_reason" text
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"time" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_pending" (
	"start_id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_records" (
	"envelope" text NOT NULL,
	"hash" text NOT NULL,
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"persona_id" uuid,
	"persona_version" integer,
	"owner_id" uuid,
	"chat_id" uuid,
	"message_id" uuid,
	"model_provider" text,
	"model_id" text,
	"input_tokens" integer,
	"output_tokens" integer,
	"cost" numeric(18, 8),
	"ttft_ms" integer,
	"total_ms" integer,
	"finish" text,
	"verdict" text,
	"policy_version" text,
	"request_id" text,
	"completes_seq" bigint,
	"content_hash" text,
	"prev_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"ok" boolean NOT NULL,
	"checked" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"content_erased" bigint NOT NULL,
	"break_seq" bigint,
	"reason" text,
	"detail" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_seq" bigint NOT NULL,
	"raised_by" uuid,
	"reason" text NOT NULL,
	"assignee_id" uuid,
	"persona_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution_note" text,
	"fix_version" integer,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_contents" ADD CONSTRAINT "audit_contents_seq_audit_records_seq_fk" FOREIGN KEY ("seq") REFERENCES "public"."audit_records"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_audit_seq_audit_records_seq_fk" FOREIGN KEY ("audit_seq") REFERENCES "public"."audit_records"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_contents_search_idx" ON "audit_contents" USING gin ("search");--> statement-breakpoint
CREATE INDEX "audit_contents_live_idx" ON "audit_contents" USING btree ("seq") WHERE erased_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_records_id_key" ON "audit_records" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_records_completes_key" ON "audit_records" USING btree ("completes_seq");--> statement-breakpoint
CREATE INDEX "audit_records_kind_idx" ON "audit_records" USING btree ("kind","seq");--> statement-breakpoint
CREATE INDEX "audit_list_seq_idx" ON "audit_records" USING btree ("seq") WHERE kind = 'generation.end';--> statement-breakpoint
CREATE INDEX "audit_list_persona_idx" ON "audit_records" USING btree ("persona_id","persona_version","seq") WHERE kind = 'generation.end';--> statement-breakpoint
CREATE INDEX "audit_list_owner_idx" ON "audit_records" USING btree ("owner_id","seq") WHERE kind = 'generation.end';--> statement-breakpoint
CREATE INDEX "audit_records_actor_idx" ON "audit_records" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "audit_list_model_idx" ON "audit_records" USING btree ("model_id","seq") WHERE kind = 'generation.end';--> statement-breakpoint
CREATE INDEX "audit_list_verdict_idx" ON "audit_records" USING btree ("verdict","seq") WHERE kind = 'generation.end' and verdict <> 'allow';--> statement-breakpoint
CREATE INDEX "audit_list_time_idx" ON "audit_records" USING btree ("time","seq") WHERE kind = 'generation.end';--> statement-breakpoint
CREATE INDEX "audit_records_chat_idx" ON "audit_records" USING btree ("chat_id","seq");--> statement-breakpoint
CREATE INDEX "audit_verifications_finished_idx" ON "audit_verifications" USING btree ("finished_at");--> statement-breakpoint
CREATE INDEX "incidents_assignee_idx" ON "incidents" USING btree ("assignee_id","status","created_at");--> statement-breakpoint
CREATE INDEX "incidents_audit_seq_idx" ON "incidents" USING btree ("audit_seq");