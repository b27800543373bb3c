CREATE TABLE "helpline_calls" (
	"city_id" integer NOT NULL,
	"help_request_id" uuid NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"psychologist_id" uuid,
	"assigned_at" timestamp with time zone,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "helpline_calls_city_id_help_request_id_pk" PRIMARY KEY("city_id","help_request_id")
);
--> statement-breakpoint
CREATE TABLE "helpline_notes" (
	"city_id" integer NOT NULL,
	"help_request_id" uuid NOT NULL,
	"note_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "helpline_notes_note_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "helpline_notes_city_id_help_request_id_note_id_pk" PRIMARY KEY("city_id","help_request_id","note_id")
);
--> statement-breakpoint
CREATE TABLE "helpline_shifts" (
	"city_id" integer NOT NULL,
	"shift_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "helpline_shifts_city_id_shift_id_pk" PRIMARY KEY("city_id","shift_id")
);
--> statement-breakpoint
CREATE TABLE "matching_batches" (
	"city_id" integer NOT NULL,
	"batch_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"zone_code" text NOT NULL,
	"strategy" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposal" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "matching_batches_city_id_batch_id_pk" PRIMARY KEY("city_id","batch_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_availability" (
	"city_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	CONSTRAINT "volunteer_availability_city_id_user_id_weekday_start_minute_pk" PRIMARY KEY("city_id","user_id","weekday","start_minute")
);
--> statement-breakpoint
CREATE TABLE "volunteer_neighbourhoods" (
	"city_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"neighbourhood_code" text NOT NULL,
	CONSTRAINT "volunteer_neighbourhoods_city_id_user_id_neighbourhood_code_pk" PRIMARY KEY("city_id","user_id","neighbourhood_code")
);
--> statement-breakpoint
CREATE TABLE "volunteer_tasks" (
	"city_id" integer NOT NULL,
	"task_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"help_request_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"brief" text NOT NULL,
	"offered_by" uuid NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"distance_km" numeric(6, 3),
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	"done_at" timestamp with time zone,
	"done_note" text,
	"hours" numeric(5, 2),
	"batch_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_tasks_city_id_task_id_pk" PRIMARY KEY("city_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"city_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"phone" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"psychologist_registration" text,
	"lat" double precision,
	"lon" double precision,
	"max_distance_km" numeric(5, 1) DEFAULT '5' NOT NULL,
	"max_tasks" smallint DEFAULT 2 NOT NULL,
	"cleared_at" timestamp with time zone,
	"cleared_by" uuid,
	"clearance_note" text,
	"community_point_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"status_reason" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_city_id_user_id_pk" PRIMARY KEY("city_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "helpline_calls" ADD CONSTRAINT "helpline_calls_city_id_help_request_id_help_requests_city_id_help_request_id_fk" FOREIGN KEY ("city_id","help_request_id") REFERENCES "public"."help_requests"("city_id","help_request_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_calls" ADD CONSTRAINT "helpline_calls_city_id_psychologist_id_volunteers_city_id_user_id_fk" FOREIGN KEY ("city_id","psychologist_id") REFERENCES "public"."volunteers"("city_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_notes" ADD CONSTRAINT "helpline_notes_city_id_help_request_id_helpline_calls_city_id_help_request_id_fk" FOREIGN KEY ("city_id","help_request_id") REFERENCES "public"."helpline_calls"("city_id","help_request_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpline_shifts" ADD CONSTRAINT "helpline_shifts_city_id_user_id_volunteers_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."volunteers"("city_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_availability" ADD CONSTRAINT "volunteer_availability_city_id_user_id_volunteers_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."volunteers"("city_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_neighbourhoods" ADD CONSTRAINT "volunteer_neighbourhoods_city_id_user_id_volunteers_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."volunteers"("city_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_tasks" ADD CONSTRAINT "volunteer_tasks_city_id_help_request_id_help_requests_city_id_help_request_id_fk" FOREIGN KEY ("city_id","help_request_id") REFERENCES "public"."help_requests"("city_id","help_request_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_tasks" ADD CONSTRAINT "volunteer_tasks_city_id_user_id_volunteers_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."volunteers"("city_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_city_id_user_id_users_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."users"("city_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "helpline_calls_queue_idx" ON "helpline_calls" USING btree ("city_id","status","created_at");--> statement-breakpoint
CREATE INDEX "helpline_shifts_day_idx" ON "helpline_shifts" USING btree ("city_id","weekday","start_minute");--> statement-breakpoint
CREATE INDEX "volunteer_neighbourhoods_code_idx" ON "volunteer_neighbourhoods" USING btree ("city_id","neighbourhood_code");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_tasks_accepted_idx" ON "volunteer_tasks" USING btree ("city_id","help_request_id") WHERE "volunteer_tasks"."status" = 'accepted';--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_tasks_offer_idx" ON "volunteer_tasks" USING btree ("city_id","help_request_id","user_id") WHERE "volunteer_tasks"."status" = 'offered';--> statement-breakpoint
CREATE INDEX "volunteer_tasks_user_idx" ON "volunteer_tasks" USING btree ("city_id","user_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_tasks_done_idx" ON "volunteer_tasks" USING btree ("city_id","done_at") WHERE "volunteer_tasks"."status" = 'done';--> statement-breakpoint
CREATE INDEX "volunteers_status_idx" ON "volunteers" USING btree ("city_id","status");--> statement-breakpoint
CREATE INDEX "volunteers_skills_idx" ON "volunteers" USING gin ("skills");--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_status_check" CHECK ("status" IN ('applied','active','paused','left'));--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_max_tasks_check" CHECK ("max_tasks" BETWEEN 1 AND 20);--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_distance_check" CHECK ("max_distance_km" > 0 AND "max_distance_km" <= 50);--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_psychologist_check" CHECK (NOT ('psychologist' = ANY ("skills")) OR "psychologist_registration" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_point_check" CHECK (("lat" IS NULL) = ("lon" IS NULL));--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_community_point_fk" FOREIGN KEY ("city_id","community_point_id") REFERENCES "community_points"("city_id","community_point_id");--> statement-breakpoint
ALTER TABLE "volunteer_availability" ADD CONSTRAINT "volunteer_availability_slot_check" CHECK ("weekday" BETWEEN 1 AND 7 AND "start_minute" >= 0 AND "start_minute" < "end_minute" AND "end_minute" <= 1440);--> statement-breakpoint
ALTER TABLE "helpline_shifts" ADD CONSTRAINT "helpline_shifts_slot_check" CHECK ("weekday" BETWEEN 1 AND 7 AND "start_minute" >= 0 AND "start_minute" < "end_minute" AND "end_minute" <= 1440);--> statement-breakpoint
ALTER TABLE "volunteer_tasks" ADD CONSTRAINT "volunteer_tasks_status_check" CHECK ("status" IN ('offered','accepted','declined','done','cancelled'));--> statement-breakpoint
ALTER TABLE "volunteer_tasks" ADD CONSTRAINT "volunteer_tasks_declined_check" CHECK ("status" <> 'declined' OR "decline_reason" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "volunteer_tasks" ADD CONSTRAINT "volunteer_tasks_hours_check" CHECK ("hours" IS NULL OR ("hours" > 0 AND "hours" <= 24));--> statement-breakpoint
ALTER TABLE "volunteer_tasks" ADD CONSTRAINT "volunteer_tasks_batch_fk" FOREIGN KEY ("city_id","batch_id") REFERENCES "matching_batches"("city_id","batch_id");--> statement-breakpoint
ALTER TABLE "matching_batches" ADD CONSTRAINT "matching_batches_status_check" CHECK ("status" IN ('proposed','applied','discarded'));--> statement-breakpoint
ALTER TABLE "matching_batches" ADD CONSTRAINT "matching_batches_city_fk" FOREIGN KEY ("city_id") REFERENCES "cities"("city_id") ON DELETE cascade;--> statement-breakpoint
ALTER TABLE "helpline_calls" ADD CONSTRAINT "helpline_calls_status_check" CHECK ("status" IN ('waiting','assigned','called','closed') AND ("status" = 'waiting' OR "psychologist_id" IS NOT NULL));
