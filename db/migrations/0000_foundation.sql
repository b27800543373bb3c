CREATE TABLE "cities" (
	"city_id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cities_city_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"istat_code" text NOT NULL,
	"province" text,
	"region" text,
	"timezone" text DEFAULT 'Europe/Rome' NOT NULL,
	"center_lat" double precision NOT NULL,
	"center_lon" double precision NOT NULL,
	"boundary" jsonb NOT NULL,
	"boundary_source" text,
	"hosts" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "neighbourhoods" (
	"city_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"zone_code" text NOT NULL,
	"istat_code" text,
	"also_called" text,
	"point_lat" double precision NOT NULL,
	"point_lon" double precision NOT NULL,
	"point_source" text NOT NULL,
	"boundary" jsonb NOT NULL,
	"boundary_approximate" boolean DEFAULT true NOT NULL,
	"boundary_source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "neighbourhoods_city_id_code_pk" PRIMARY KEY("city_id","code")
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"city_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"office_address" text,
	"office_phone" text,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "zones_city_id_code_pk" PRIMARY KEY("city_id","code")
);
--> statement-breakpoint
ALTER TABLE "neighbourhoods" ADD CONSTRAINT "neighbourhoods_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbourhoods" ADD CONSTRAINT "neighbourhoods_city_id_zone_code_zones_city_id_code_fk" FOREIGN KEY ("city_id","zone_code") REFERENCES "public"."zones"("city_id","code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE cascade ON UPDATE no action;