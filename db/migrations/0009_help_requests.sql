CREATE TABLE "idempotency_keys" (
	"city_id" integer NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_city_id_scope_key_pk" PRIMARY KEY("city_id","scope","key")
);
--> statement-breakpoint
CREATE TABLE "community_point_neighbourhoods" (
	"city_id" integer NOT NULL,
	"community_point_id" uuid NOT NULL,
	"neighbourhood_code" text NOT NULL,
	CONSTRAINT "community_point_neighbourhoods_city_id_community_point_id_neighbourhood_code_pk" PRIMARY KEY("city_id","community_point_id","neighbourhood_code")
);
--> statement-breakpoint
CREATE TABLE "community_points" (
	"city_id" integer NOT NULL,
	"community_point_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"host_name" text NOT NULL,
	"host_organization_id" uuid,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"neighbourhood_code" text NOT NULL,
	"zone_code" text NOT NULL,
	"phone" text,
	"email" text,
	"hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_points_city_id_community_point_id_pk" PRIMARY KEY("city_id","community_point_id")
);
--> statement-breakpoint
CREATE TABLE "help_request_events" (
	"city_id" integer NOT NULL,
	"help_request_id" uuid NOT NULL,
	"event_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "help_request_events_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "help_request_events_city_id_help_request_id_event_id_pk" PRIMARY KEY("city_id","help_request_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "help_request_notes" (
	"city_id" integer NOT NULL,
	"help_request_id" uuid NOT NULL,
	"note_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_request_notes_city_id_help_request_id_note_id_pk" PRIMARY KEY("city_id","help_request_id","note_id")
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"city_id" integer NOT NULL,
	"help_request_id" uuid NOT NULL,
	"tracking_code" text NOT NULL,
	"category" text NOT NULL,
	"suggested_category" text,
	"description" text NOT NULL,
	"circumstances" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"urgency" text NOT NULL,
	"urgency_confirmed_at" timestamp with time zone,
	"urgency_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"outcome" text,
	"address" text,
	"lat" double precision,
	"lon" double precision,
	"neighbourhood_code" text NOT NULL,
	"zone_code" text NOT NULL,
	"queue" text NOT NULL,
	"community_point_id" uuid,
	"assignee_id" uuid,
	"escalated_at" timestamp with time zone,
	"contact_name" text NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"lang" text DEFAULT 'it' NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"taken_by" uuid,
	"citizen_id" uuid,
	"first_contact_at" timestamp with time zone,
	"sla_due_at" timestamp with time zone NOT NULL,
	"sla_breached_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "help_requests_city_id_help_request_id_pk" PRIMARY KEY("city_id","help_request_id")
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_point_neighbourhoods" ADD CONSTRAINT "community_point_neighbourhoods_city_id_community_point_id_community_points_city_id_community_point_id_fk" FOREIGN KEY ("city_id","community_point_id") REFERENCES "public"."community_points"("city_id","community_point_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_points" ADD CONSTRAINT "community_points_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_request_events" ADD CONSTRAINT "help_request_events_city_id_help_request_id_help_requests_city_id_help_request_id_fk" FOREIGN KEY ("city_id","help_request_id") REFERENCES "public"."help_requests"("city_id","help_request_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_request_notes" ADD CONSTRAINT "help_request_notes_city_id_help_request_id_help_requests_city_id_help_request_id_fk" FOREIGN KEY ("city_id","help_request_id") REFERENCES "public"."help_requests"("city_id","help_request_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_point_neighbourhoods_code_idx" ON "community_point_neighbourhoods" USING btree ("city_id","neighbourhood_code");--> statement-breakpoint
CREATE UNIQUE INDEX "community_points_slug_idx" ON "community_points" USING btree ("city_id","slug");--> statement-breakpoint
CREATE INDEX "community_points_zone_idx" ON "community_points" USING btree ("city_id","zone_code");--> statement-breakpoint
CREATE UNIQUE INDEX "help_requests_tracking_idx" ON "help_requests" USING btree ("city_id","tracking_code");--> statement-breakpoint
CREATE INDEX "help_requests_point_idx" ON "help_requests" USING btree ("city_id","community_point_id","created_at");--> statement-breakpoint
CREATE INDEX "help_requests_zone_idx" ON "help_requests" USING btree ("city_id","zone_code","created_at");--> statement-breakpoint
CREATE INDEX "help_requests_citizen_idx" ON "help_requests" USING btree ("city_id","citizen_id") WHERE "help_requests"."citizen_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "help_requests_sla_idx" ON "help_requests" USING btree ("city_id","sla_due_at") WHERE "help_requests"."first_contact_at" IS NULL AND "help_requests"."sla_breached_at" IS NULL;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_status_check" CHECK ("status" IN ('new','triaged','assigned','in_progress','resolved','closed','withdrawn'));--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_urgency_check" CHECK ("urgency" IN ('low','normal','high','critical'));--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_queue_check" CHECK ("queue" IN ('community_point','zone_office','helpline') AND ("queue" <> 'community_point' OR "community_point_id" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_channel_check" CHECK ("channel" IN ('web','phone','desk'));--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_closed_outcome_check" CHECK ("status" <> 'closed' OR "outcome" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_community_point_fk" FOREIGN KEY ("city_id","community_point_id") REFERENCES "community_points"("city_id","community_point_id");--> statement-breakpoint
ALTER TABLE "community_points" ADD CONSTRAINT "community_points_hours_check" CHECK (jsonb_typeof("hours") = 'array');
