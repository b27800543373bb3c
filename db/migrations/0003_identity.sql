CREATE TABLE "mail_outbox" (
	"city_id" integer NOT NULL,
	"mail_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "mail_outbox_mail_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "mail_outbox_city_id_mail_id_pk" PRIMARY KEY("city_id","mail_id")
);
--> statement-breakpoint
CREATE TABLE "auth_tokens" (
	"city_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_tokens_city_id_token_hash_pk" PRIMARY KEY("city_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"city_id" integer NOT NULL,
	"failure_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "login_failures_failure_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_failures_city_id_failure_id_pk" PRIMARY KEY("city_id","failure_id")
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"city_id" integer NOT NULL,
	"assignment_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "role_assignments_assignment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"scope_kind" text NOT NULL,
	"scope_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_assignments_city_id_assignment_id_pk" PRIMARY KEY("city_id","assignment_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"city_id" integer NOT NULL,
	"session_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"method" text DEFAULT 'password' NOT NULL,
	CONSTRAINT "sessions_city_id_session_id_pk" PRIMARY KEY("city_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"city_id" integer NOT NULL,
	"user_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"fiscal_code" text,
	"password_hash" text,
	"email_verified_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"locale" text DEFAULT 'it' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "users_city_id_user_id_pk" PRIMARY KEY("city_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_city_id_user_id_users_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."users"("city_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_failures" ADD CONSTRAINT "login_failures_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_city_id_user_id_users_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."users"("city_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_city_id_user_id_users_city_id_user_id_fk" FOREIGN KEY ("city_id","user_id") REFERENCES "public"."users"("city_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_city_id_cities_city_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("city_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE sent_at IS NULL;--> statement-breakpoint
CREATE INDEX "login_failures_key_idx" ON "login_failures" USING btree ("city_id","key","at");--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignments_unique_idx" ON "role_assignments" USING btree ("city_id","user_id","role","scope_kind",coalesce("scope_ref", ''));--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("city_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("city_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_fiscal_code_idx" ON "users" USING btree ("city_id","fiscal_code") WHERE "users"."fiscal_code" IS NOT NULL;