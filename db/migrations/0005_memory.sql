CREATE TYPE "public"."memory_actor" AS ENUM('extractor', 'user');--> statement-breakpoint
CREATE TYPE "public"."memory_change_op" AS ENUM('add', 'update', 'delete', 'pin', 'unpin');--> statement-breakpoint
CREATE TYPE "public"."memory_kind" AS ENUM('user_fact', 'relationship', 'event');--> statement-breakpoint
CREATE TABLE "memories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"persona_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "memory_kind" DEFAULT 'user_fact' NOT NULL,
	"text" text NOT NULL,
	"importance" smallint DEFAULT 3 NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"source_message_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"search_tokens" "tsvector" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "memories_text_length" CHECK (char_length("memories"."text") <= 500
      and ("memories"."deleted_at" is not null or char_length("memories"."text") > 0)),
	CONSTRAINT "memories_importance_range" CHECK ("memories"."importance" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "memory_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"memory_id" uuid NOT NULL,
	"op" "memory_change_op" NOT NULL,
	"before_text" text,
	"after_text" text,
	"actor" "memory_actor" NOT NULL,
	"actor_user_id" uuid,
	"source_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memory_changes_actor" CHECK (("memory_changes"."actor" = 'extractor' and "memory_changes"."source_message_id" is not null) or "memory_changes"."actor" = 'user')
);
--> statement-breakpoint
CREATE TABLE "memory_extraction_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chat_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"persona_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_text" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"last_error" text NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memory_terms" (
	"persona_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"term" text NOT NULL,
	"df" integer NOT NULL,
	CONSTRAINT "memory_terms_persona_id_user_id_term_pk" PRIMARY KEY("persona_id","user_id","term")
);
--> statement-breakpoint
CREATE TABLE "rolling_summaries" (
	"chat_id" uuid PRIMARY KEY NOT NULL,
	"summary" text NOT NULL,
	"through_message_id" uuid NOT NULL,
	"covered_count" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memories" ADD CONSTRAINT "memories_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memories" ADD CONSTRAINT "memories_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_changes" ADD CONSTRAINT "memory_changes_memory_id_memories_id_fk" FOREIGN KEY ("memory_id") REFERENCES "public"."memories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_changes" ADD CONSTRAINT "memory_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_extraction_jobs" ADD CONSTRAINT "memory_extraction_jobs_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_extraction_jobs" ADD CONSTRAINT "memory_extraction_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memories_search_idx" ON "memories" USING gin ("search_tokens") WITH (fastupdate=false) WHERE "memories"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "memories_pair_list_idx" ON "memories" USING btree ("persona_id","user_id","pinned","updated_at","id") WHERE "memories"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "memories_pair_importance_idx" ON "memories" USING btree ("persona_id","user_id","pinned","importance","updated_at") WHERE "memories"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "memories_user_persona_idx" ON "memories" USING btree ("user_id","persona_id");--> statement-breakpoint
CREATE INDEX "memory_changes_memory_idx" ON "memory_changes" USING btree ("memory_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "memory_extraction_jobs_message_key" ON "memory_extraction_jobs" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "memory_extraction_jobs_due_idx" ON "memory_extraction_jobs" USING btree ("next_attempt_at") WHERE "memory_extraction_jobs"."next_attempt_at" is not null;--> statement-breakpoint
CREATE INDEX "memory_extraction_jobs_user_idx" ON "memory_extraction_jobs" USING btree ("user_id","persona_id");