CREATE TABLE "community_events" (
	"city_id" integer NOT NULL,
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"series_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"place" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"neighbourhood_code" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"registered_count" integer DEFAULT 0 NOT NULL,
	"waiting_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"organiser_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_events_city_id_event_id_pk" PRIMARY KEY("city_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"city_id" integer NOT NULL,
	"event_id" uuid NOT NULL,
	"registration_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"seats" smallint DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"position" bigint GENERATED ALWAYS AS IDENTITY (sequence name "event_registrations_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"attended_at" timestamp with time zone,
	"attendance_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_registrations_city_id_event_id_registration_id_pk" PRIMARY KEY("city_id","event_id","registration_id")
);
--> statement-breakpoint
CREATE TABLE "idea_calls" (
	"city_id" integer NOT NULL,
	"call_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"eligible" text[] DEFAULT '{citizen,group,organisation}'::text[] NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"table_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "idea_calls_city_id_call_id_pk" PRIMARY KEY("city_id","call_id")
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"city_id" integer NOT NULL,
	"initiative_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"neighbourhood_code" text NOT NULL,
	"community_point_id" uuid,
	"partners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"programme_part" text NOT NULL,
	"proposal_id" uuid,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiatives_city_id_initiative_id_pk" PRIMARY KEY("city_id","initiative_id")
);
--> statement-breakpoint
CREATE TABLE "network_messages" (
	"city_id" integer NOT NULL,
	"thread_id" uuid NOT NULL,
	"message_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "network_messages_message_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"community_point_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_messages_city_id_thread_id_message_id_pk" PRIMARY KEY("city_id","thread_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "network_participants" (
	"city_id" integer NOT NULL,
	"thread_id" uuid NOT NULL,
	"community_point_id" uuid NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "network_participants_city_id_thread_id_community_point_id_pk" PRIMARY KEY("city_id","thread_id","community_point_id")
);
--> statement-breakpoint
CREATE TABLE "network_threads" (
	"city_id" integer NOT NULL,
	"thread_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"created_by" uuid NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_threads_city_id_thread_id_pk" PRIMARY KEY("city_id","thread_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_events" (
	"city_id" integer NOT NULL,
	"proposal_id" uuid NOT NULL,
	"event_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "proposal_events_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"public" boolean DEFAULT true NOT NULL,
	"text" text,
	CONSTRAINT "proposal_events_city_id_proposal_id_event_id_pk" PRIMARY KEY("city_id","proposal_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_files" (
	"city_id" integer NOT NULL,
	"proposal_id" uuid NOT NULL,
	"file_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"document_code" text,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_files_city_id_proposal_id_file_id_pk" PRIMARY KEY("city_id","proposal_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_reviews" (
	"city_id" integer NOT NULL,
	"proposal_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_reviews_city_id_proposal_id_reviewer_id_pk" PRIMARY KEY("city_id","proposal_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"city_id" integer NOT NULL,
	"proposal_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"proposer_id" uuid NOT NULL,
	"proposer_kind" text NOT NULL,
	"proposer_name" text,
	"organization_id" uuid,
	"title" text NOT NULL,
	"what" text NOT NULL,
	"where_text" text NOT NULL,
	"neighbourhood_code" text,
	"for_whom" text NOT NULL,
	"partners" text DEFAULT '' NOT NULL,
	"ask" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"reasons" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"initiative_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_city_id_proposal_id_pk" PRIMARY KEY("city_id","proposal_id")
);
--> statement-breakpoint
CREATE TABLE "thematic_table_members" (
	"city_id" integer NOT NULL,
	"table_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "thematic_table_members_city_id_table_id_user_id_pk" PRIMARY KEY("city_id","table_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "thematic_tables" (
	"city_id" integer NOT NULL,
	"table_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "thematic_tables_city_id_table_id_pk" PRIMARY KEY("city_id","table_id")
);
--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_city_id_initiative_id_initiatives_city_id_initiative_id_fk" FOREIGN KEY ("city_id","initiative_id") REFERENCES "public"."initiatives"("city_id","initiative_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_city_id_event_id_community_events_city_id_event_id_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."community_events"("city_id","event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_calls" ADD CONSTRAINT "idea_calls_city_id_table_id_thematic_tables_city_id_table_id_fk" FOREIGN KEY ("city_id","table_id") REFERENCES "public"."thematic_tables"("city_id","table_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_city_id_community_point_id_community_points_city_id_community_point_id_fk" FOREIGN KEY ("city_id","community_point_id") REFERENCES "public"."community_points"("city_id","community_point_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_city_id_proposal_id_proposals_city_id_proposal_id_fk" FOREIGN KEY ("city_id","proposal_id") REFERENCES "public"."proposals"("city_id","proposal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_messages" ADD CONSTRAINT "network_messages_city_id_thread_id_network_threads_city_id_thread_id_fk" FOREIGN KEY ("city_id","thread_id") REFERENCES "public"."network_threads"("city_id","thread_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_participants" ADD CONSTRAINT "network_participants_city_id_thread_id_network_threads_city_id_thread_id_fk" FOREIGN KEY ("city_id","thread_id") REFERENCES "public"."network_threads"("city_id","thread_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_participants" ADD CONSTRAINT "network_participants_city_id_community_point_id_community_points_city_id_community_point_id_fk" FOREIGN KEY ("city_id","community_point_id") REFERENCES "public"."community_points"("city_id","community_point_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_threads" ADD CONSTRAINT "network_threads_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_city_id_proposal_id_proposals_city_id_proposal_id_fk" FOREIGN KEY ("city_id","proposal_id") REFERENCES "public"."proposals"("city_id","proposal_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_files" ADD CONSTRAINT "proposal_files_city_id_proposal_id_proposals_city_id_proposal_id_fk" FOREIGN KEY ("city_id","proposal_id") REFERENCES "public"."proposals"("city_id","proposal_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_city_id_proposal_id_proposals_city_id_proposal_id_fk" FOREIGN KEY ("city_id","proposal_id") REFERENCES "public"."proposals"("city_id","proposal_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_city_id_call_id_idea_calls_city_id_call_id_fk" FOREIGN KEY ("city_id","call_id") REFERENCES "public"."idea_calls"("city_id","call_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_city_id_proposer_id_users_city_id_user_id_fk" FOREIGN KEY ("city_id","proposer_id") REFERENCES "public"."users"("city_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thematic_table_members" ADD CONSTRAINT "thematic_table_members_city_id_table_id_thematic_tables_city_id_table_id_fk" FOREIGN KEY ("city_id","table_id") REFERENCES "public"."thematic_tables"("city_id","table_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thematic_table_members" ADD CONSTRAINT "thematic_table_members_city_id_user_id_users_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."users"("city_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thematic_tables" ADD CONSTRAINT "thematic_tables_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_events_when_idx" ON "community_events" USING btree ("city_id","starts_at");--> statement-breakpoint
CREATE INDEX "community_events_neighbourhood_idx" ON "community_events" USING btree ("city_id","neighbourhood_code","starts_at");--> statement-breakpoint
CREATE INDEX "community_events_initiative_idx" ON "community_events" USING btree ("city_id","initiative_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_person_idx" ON "event_registrations" USING btree ("city_id","event_id","user_id") WHERE "event_registrations"."user_id" IS NOT NULL AND "event_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "event_registrations_line_idx" ON "event_registrations" USING btree ("city_id","event_id","status","position");--> statement-breakpoint
CREATE INDEX "event_registrations_user_idx" ON "event_registrations" USING btree ("city_id","user_id") WHERE "event_registrations"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "idea_calls_slug_idx" ON "idea_calls" USING btree ("city_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "initiatives_slug_idx" ON "initiatives" USING btree ("city_id","slug");--> statement-breakpoint
CREATE INDEX "initiatives_point_idx" ON "initiatives" USING btree ("city_id","community_point_id","starts_on");--> statement-breakpoint
CREATE INDEX "initiatives_neighbourhood_idx" ON "initiatives" USING btree ("city_id","neighbourhood_code","starts_on");--> statement-breakpoint
CREATE INDEX "network_participants_point_idx" ON "network_participants" USING btree ("city_id","community_point_id");--> statement-breakpoint
CREATE INDEX "network_threads_recent_idx" ON "network_threads" USING btree ("city_id","last_message_at");--> statement-breakpoint
CREATE INDEX "proposals_call_idx" ON "proposals" USING btree ("city_id","call_id","status");--> statement-breakpoint
CREATE INDEX "proposals_proposer_idx" ON "proposals" USING btree ("city_id","proposer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "thematic_tables_slug_idx" ON "thematic_tables" USING btree ("city_id","slug");--> statement-breakpoint
ALTER TABLE "idea_calls" ADD CONSTRAINT "idea_calls_status_check" CHECK ("status" IN ('open','closed'));--> statement-breakpoint
ALTER TABLE "idea_calls" ADD CONSTRAINT "idea_calls_eligible_check" CHECK ("eligible" <@ ARRAY['citizen','group','organisation']::text[] AND cardinality("eligible") > 0);--> statement-breakpoint
ALTER TABLE "idea_calls" ADD CONSTRAINT "idea_calls_documents_check" CHECK (jsonb_typeof("documents") = 'array');--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_status_check" CHECK ("status" IN ('received','under_review','changes_requested','accepted','not_accepted','withdrawn'));--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_kind_check" CHECK ("proposer_kind" IN ('citizen','group','organisation') AND ("proposer_kind" = 'citizen' OR "proposer_name" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_decided_check" CHECK ("status" NOT IN ('accepted','not_accepted','changes_requested') OR "reasons" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_initiative_fk" FOREIGN KEY ("city_id","initiative_id") REFERENCES "initiatives"("city_id","initiative_id") DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "proposal_files" ADD CONSTRAINT "proposal_files_bytes_check" CHECK ("bytes" > 0 AND "bytes" = octet_length("content"));--> statement-breakpoint
ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_scores_check" CHECK (jsonb_typeof("scores") = 'object');--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_status_check" CHECK ("status" IN ('planned','running','completed','cancelled'));--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_dates_check" CHECK ("ends_on" IS NULL OR "ends_on" >= "starts_on");--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_partners_check" CHECK (jsonb_typeof("partners") = 'array');--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_status_check" CHECK ("status" IN ('scheduled','cancelled'));--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_time_check" CHECK ("ends_at" > "starts_at");--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_capacity_check" CHECK (("capacity" IS NULL OR "capacity" > 0) AND "registered_count" >= 0 AND "waiting_count" >= 0 AND ("capacity" IS NULL OR "registered_count" <= "capacity"));--> statement-breakpoint
ALTER TABLE "community_events" ADD CONSTRAINT "community_events_point_check" CHECK (("lat" IS NULL) = ("lon" IS NULL));--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_status_check" CHECK ("status" IN ('registered','waiting','cancelled'));--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_seats_check" CHECK ("seats" BETWEEN 1 AND 10);--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_attended_check" CHECK ("attended_at" IS NULL OR "status" = 'registered');--> statement-breakpoint
ALTER TABLE "network_threads" ADD CONSTRAINT "network_threads_kind_check" CHECK ("kind" IN ('announcement','conversation'));
