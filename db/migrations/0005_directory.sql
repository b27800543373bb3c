CREATE TABLE "dir_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name_it" text NOT NULL,
	"name_en" text NOT NULL,
	"description_it" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dir_lexicon" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dir_locations" (
	"city_id" integer NOT NULL,
	"location_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"address_1" text NOT NULL,
	"postal_code" text DEFAULT '' NOT NULL,
	"locality" text NOT NULL,
	"province" text DEFAULT '' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"neighbourhood_code" text,
	"zone_code" text,
	"transportation" text DEFAULT '' NOT NULL,
	"accessibility" text DEFAULT '' NOT NULL,
	"wheelchair_accessible" boolean,
	"phone" text,
	CONSTRAINT "dir_locations_city_id_location_id_pk" PRIMARY KEY("city_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "dir_organizations" (
	"city_id" integer NOT NULL,
	"organization_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"website" text,
	"phone" text,
	"tax_id" text,
	"legal_status" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"last_verified_at" timestamp with time zone,
	"last_verified_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dir_organizations_city_id_organization_id_pk" PRIMARY KEY("city_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "dir_schedules" (
	"city_id" integer NOT NULL,
	"schedule_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_at_location_id" uuid NOT NULL,
	"weekday" integer,
	"opens_at" time,
	"closes_at" time,
	"valid_from" date,
	"valid_to" date,
	"closed" boolean DEFAULT false NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "dir_schedules_city_id_schedule_id_pk" PRIMARY KEY("city_id","schedule_id")
);
--> statement-breakpoint
CREATE TABLE "dir_search" (
	"city_id" integer NOT NULL,
	"service_at_location_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"document" "tsvector" NOT NULL,
	"categories" text[] NOT NULL,
	"zone_code" text,
	"neighbourhood_code" text,
	"minimum_age" integer,
	"maximum_age" integer,
	"languages" text[] NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"active" boolean NOT NULL,
	CONSTRAINT "dir_search_city_id_service_at_location_id_pk" PRIMARY KEY("city_id","service_at_location_id")
);
--> statement-breakpoint
CREATE TABLE "dir_service_at_location" (
	"city_id" integer NOT NULL,
	"service_at_location_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "dir_service_at_location_city_id_service_at_location_id_pk" PRIMARY KEY("city_id","service_at_location_id")
);
--> statement-breakpoint
CREATE TABLE "dir_service_categories" (
	"city_id" integer NOT NULL,
	"service_id" uuid NOT NULL,
	"category_code" text NOT NULL,
	CONSTRAINT "dir_service_categories_city_id_service_id_category_code_pk" PRIMARY KEY("city_id","service_id","category_code")
);
--> statement-breakpoint
CREATE TABLE "dir_services" (
	"city_id" integer NOT NULL,
	"service_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"url" text,
	"email" text,
	"phone" text,
	"status" text DEFAULT 'active' NOT NULL,
	"application_process" text DEFAULT '' NOT NULL,
	"eligibility_description" text DEFAULT '' NOT NULL,
	"minimum_age" integer,
	"maximum_age" integer,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"free" boolean DEFAULT true NOT NULL,
	"fees_description" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{it}'::text[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"last_verified_at" timestamp with time zone,
	"last_verified_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dir_services_city_id_service_id_pk" PRIMARY KEY("city_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "dir_locations" ADD CONSTRAINT "dir_locations_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_locations" ADD CONSTRAINT "dir_locations_city_id_organization_id_dir_organizations_city_id_organization_id_fk" FOREIGN KEY ("city_id","organization_id") REFERENCES "public"."dir_organizations"("city_id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_organizations" ADD CONSTRAINT "dir_organizations_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_schedules" ADD CONSTRAINT "dir_schedules_city_id_service_at_location_id_dir_service_at_location_city_id_service_at_location_id_fk" FOREIGN KEY ("city_id","service_at_location_id") REFERENCES "public"."dir_service_at_location"("city_id","service_at_location_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_search" ADD CONSTRAINT "dir_search_city_id_service_at_location_id_dir_service_at_location_city_id_service_at_location_id_fk" FOREIGN KEY ("city_id","service_at_location_id") REFERENCES "public"."dir_service_at_location"("city_id","service_at_location_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_service_at_location" ADD CONSTRAINT "dir_service_at_location_city_id_service_id_dir_services_city_id_service_id_fk" FOREIGN KEY ("city_id","service_id") REFERENCES "public"."dir_services"("city_id","service_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_service_at_location" ADD CONSTRAINT "dir_service_at_location_city_id_location_id_dir_locations_city_id_location_id_fk" FOREIGN KEY ("city_id","location_id") REFERENCES "public"."dir_locations"("city_id","location_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_service_categories" ADD CONSTRAINT "dir_service_categories_category_code_dir_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."dir_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_service_categories" ADD CONSTRAINT "dir_service_categories_city_id_service_id_dir_services_city_id_service_id_fk" FOREIGN KEY ("city_id","service_id") REFERENCES "public"."dir_services"("city_id","service_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_services" ADD CONSTRAINT "dir_services_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_services" ADD CONSTRAINT "dir_services_city_id_organization_id_dir_organizations_city_id_organization_id_fk" FOREIGN KEY ("city_id","organization_id") REFERENCES "public"."dir_organizations"("city_id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dir_locations_org_idx" ON "dir_locations" USING btree ("city_id","organization_id");--> statement-breakpoint
CREATE INDEX "dir_organizations_name_idx" ON "dir_organizations" USING btree ("city_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "dir_organizations_tax_id_idx" ON "dir_organizations" USING btree ("city_id","tax_id") WHERE "dir_organizations"."tax_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dir_schedules_sal_idx" ON "dir_schedules" USING btree ("city_id","service_at_location_id");--> statement-breakpoint
CREATE INDEX "dir_search_service_idx" ON "dir_search" USING btree ("city_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dir_sal_service_location_idx" ON "dir_service_at_location" USING btree ("city_id","service_id","location_id");--> statement-breakpoint
CREATE INDEX "dir_sal_location_idx" ON "dir_service_at_location" USING btree ("city_id","location_id");--> statement-breakpoint
CREATE INDEX "dir_services_org_idx" ON "dir_services" USING btree ("city_id","organization_id");--> statement-breakpoint
CREATE INDEX "dir_services_verified_idx" ON "dir_services" USING btree ("city_id","last_verified_at");