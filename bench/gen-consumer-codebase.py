#!/usr/bin/env python3
"""Generate a large consumer codebase for `schemaguard consumers` (bench/consumer-bench.sh).

Writes, deterministically (the output depends only on --seed and --lines):

  DIR/schemaguard.yml            plain-SQL migrations + six declared consumers
  DIR/db/migrations/NNNN_*.sql   40 tables of a shop/billing product; the last migration drops
                                 customers.fax_number, which code in every language still reads
  DIR/services/<service>/...     TypeScript (.ts, .tsx), JavaScript (.js, .mjs), Python, Java,
                                 Kotlin and Go services plus sqlc-style .sql query files, ~--lines
                                 lines in all (default 400,000)
  DIR/.expected.json             the ground truth: every query (file, line, references), every
                                 member read of a star select's rows, the consumers' own tables

Most lines are ordinary code: imports, types, functions, validation, logging, UI copy (including
sentences that start with SQL words: "Select a team to continue", "Update your billing details"),
comments (some quoting SQL, which is not a query), docstrings, JPQL. The SQL is embedded the ways
real code does it: tagged templates and template literals with ${...}, plain strings with $1,
concatenations (literal + variable + literal), Python f-strings, triple quotes, %s and %(name)s,
adjacent literals, Java text blocks and JDBC ?, JPA native queries, Kotlin raw strings with
${...} and trimIndent/trimMargin, Go raw strings and fmt.Sprintf, sqlc-style .sql files. Star
selects (SELECT c.* / SELECT *) are followed by member reads of the rows (row.email,
row["status"], rs.getString("email"), const { email } = row).

    bench/gen-consumer-codebase.py                           # bench/out/consumer-codebase
    bench/gen-consumer-codebase.py --lines 50000 --out /tmp/cc --seed 3
    bench/gen-consumer-codebase.py --verify REPORT.json       # compare a `consumers --format json`
                                                              # report with the ground truth

Standard library only. A directory it made before (marker .schemaguard-bench) is replaced; any
other non-empty directory is refused unless --force is given.
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import sys

MARKER = ".schemaguard-bench"

# ------------------------------------------------------------------------------------------ schema
# (table, singular, columns); a column is (name, type). Foreign keys are the *_id columns whose
# prefix names a table below (FKS). Columns in ADDED are added by a later migration.
TABLES = [
    ("organizations", "organization", [("id", "bigint"), ("name", "text"), ("slug", "text"), ("plan_code", "text"),
        ("billing_email", "text"), ("country_code", "char(2)"), ("created_at", "timestamptz"), ("updated_at", "timestamptz")]),
    ("users", "user", [("id", "bigint"), ("organization_id", "bigint"), ("email", "text"), ("display_name", "text"),
        ("password_hash", "text"), ("role", "text"), ("last_login_at", "timestamptz"), ("locale", "text"),
        ("time_zone", "text"), ("is_active", "boolean"), ("created_at", "timestamptz"), ("updated_at", "timestamptz")]),
    ("customers", "customer", [("id", "bigint"), ("organization_id", "bigint"), ("email", "text"), ("full_name", "text"),
        ("phone_number", "text"), ("fax_number", "text"), ("company_name", "text"), ("vat_number", "text"),
        ("status", "text"), ("marketing_opt_in", "boolean"), ("created_at", "timestamptz"), ("updated_at", "timestamptz")]),
    ("addresses", "address", [("id", "bigint"), ("customer_id", "bigint"), ("line1", "text"), ("line2", "text"),
        ("city", "text"), ("region", "text"), ("postal_code", "text"), ("country_code", "char(2)"),
        ("is_default", "boolean"), ("created_at", "timestamptz")]),
    ("products", "product", [("id", "bigint"), ("organization_id", "bigint"), ("sku", "text"), ("title", "text"),
        ("description", "text"), ("price_cents", "bigint"), ("currency", "char(3)"), ("is_archived", "boolean"),
        ("created_at", "timestamptz"), ("updated_at", "timestamptz")]),
    ("product_variants", "variant", [("id", "bigint"), ("product_id", "bigint"), ("sku", "text"),
        ("option_name", "text"), ("option_value", "text"), ("price_cents", "bigint"), ("weight_grams", "integer"),
        ("created_at", "timestamptz")]),
    ("categories", "category", [("id", "bigint"), ("parent_id", "bigint"), ("name", "text"), ("slug", "text"),
        ("position", "integer")]),
    ("product_categories", "product_category", [("product_id", "bigint"), ("category_id", "bigint"),
        ("position", "integer")]),
    ("warehouses", "warehouse", [("id", "bigint"), ("code", "text"), ("name", "text"), ("city", "text"),
        ("country_code", "char(2)"), ("is_active", "boolean")]),
    ("inventory_levels", "inventory_level", [("id", "bigint"), ("variant_id", "bigint"), ("warehouse_id", "bigint"),
        ("on_hand", "integer"), ("reserved", "integer"), ("updated_at", "timestamptz")]),
    ("suppliers", "supplier", [("id", "bigint"), ("name", "text"), ("contact_email", "text"),
        ("lead_time_days", "integer"), ("country_code", "char(2)"), ("created_at", "timestamptz")]),
    ("purchase_orders", "purchase_order", [("id", "bigint"), ("supplier_id", "bigint"), ("warehouse_id", "bigint"),
        ("status", "text"), ("expected_at", "timestamptz"), ("total_cents", "bigint"), ("created_at", "timestamptz")]),
    ("purchase_order_lines", "purchase_order_line", [("id", "bigint"), ("purchase_order_id", "bigint"),
        ("variant_id", "bigint"), ("quantity", "integer"), ("unit_cost_cents", "bigint")]),
    ("carts", "cart", [("id", "bigint"), ("customer_id", "bigint"), ("session_token", "text"), ("currency", "char(3)"),
        ("expires_at", "timestamptz"), ("created_at", "timestamptz"), ("updated_at", "timestamptz")]),
    ("cart_items", "cart_item", [("id", "bigint"), ("cart_id", "bigint"), ("variant_id", "bigint"),
        ("quantity", "integer"), ("unit_price_cents", "bigint"), ("added_at", "timestamptz")]),
    ("orders", "order", [("id", "bigint"), ("customer_id", "bigint"), ("cart_id", "bigint"), ("status", "text"),
        ("currency", "char(3)"), ("subtotal_cents", "bigint"), ("tax_cents", "bigint"), ("shipping_cents", "bigint"),
        ("total_cents", "bigint"), ("placed_at", "timestamptz"), ("cancelled_at", "timestamptz"),
        ("created_at", "timestamptz"), ("updated_at", "timestamptz")]),
    ("order_items", "order_item", [("id", "bigint"), ("order_id", "bigint"), ("variant_id", "bigint"),
        ("quantity", "integer"), ("unit_price_cents", "bigint"), ("discount_cents", "bigint")]),
    ("payments", "payment", [("id", "bigint"), ("order_id", "bigint"), ("provider", "text"), ("provider_ref", "text"),
        ("amount_cents", "bigint"), ("currency", "char(3)"), ("status", "text"), ("captured_at", "timestamptz"),
        ("failure_code", "text"), ("created_at", "timestamptz")]),
    ("refunds", "refund", [("id", "bigint"), ("payment_id", "bigint"), ("amount_cents", "bigint"), ("reason", "text"),
        ("status", "text"), ("processed_at", "timestamptz"), ("created_at", "timestamptz")]),
    ("shipments", "shipment", [("id", "bigint"), ("order_id", "bigint"), ("warehouse_id", "bigint"),
        ("carrier", "text"), ("tracking_number", "text"), ("status", "text"), ("shipped_at", "timestamptz"),
        ("delivered_at", "timestamptz")]),
    ("shipment_events", "shipment_event", [("id", "bigint"), ("shipment_id", "bigint"), ("event_type", "text"),
        ("location", "text"), ("occurred_at", "timestamptz"), ("payload", "jsonb")]),
    ("coupons", "coupon", [("id", "bigint"), ("code", "text"), ("percent_off", "integer"),
        ("amount_off_cents", "bigint"), ("max_redemptions", "integer"), ("redeemed_count", "integer"),
        ("valid_from", "timestamptz"), ("valid_until", "timestamptz")]),
    ("coupon_redemptions", "coupon_redemption", [("id", "bigint"), ("coupon_id", "bigint"), ("order_id", "bigint"),
        ("customer_id", "bigint"), ("redeemed_at", "timestamptz")]),
    ("reviews", "review", [("id", "bigint"), ("product_id", "bigint"), ("customer_id", "bigint"), ("rating", "integer"),
        ("title", "text"), ("body", "text"), ("is_published", "boolean"), ("created_at", "timestamptz")]),
    ("plans", "plan", [("id", "bigint"), ("code", "text"), ("name", "text"), ("monthly_price_cents", "bigint"),
        ("annual_price_cents", "bigint"), ("seat_limit", "integer"), ("is_public", "boolean")]),
    ("subscriptions", "subscription", [("id", "bigint"), ("organization_id", "bigint"), ("plan_id", "bigint"),
        ("status", "text"), ("seats", "integer"), ("current_period_start", "timestamptz"),
        ("current_period_end", "timestamptz"), ("cancel_at", "timestamptz"), ("trial_ends_at", "timestamptz"),
        ("created_at", "timestamptz")]),
    ("invoices", "invoice", [("id", "bigint"), ("organization_id", "bigint"), ("subscription_id", "bigint"),
        ("number", "text"), ("status", "text"), ("currency", "char(3)"), ("amount_due_cents", "bigint"),
        ("amount_paid_cents", "bigint"), ("due_at", "timestamptz"), ("issued_at", "timestamptz"),
        ("paid_at", "timestamptz")]),
    ("tax_rates", "tax_rate", [("id", "bigint"), ("country_code", "char(2)"), ("region", "text"),
        ("rate_bps", "integer"), ("label", "text"), ("valid_from", "date")]),
    ("invoice_lines", "invoice_line", [("id", "bigint"), ("invoice_id", "bigint"), ("description", "text"),
        ("quantity", "integer"), ("unit_amount_cents", "bigint"), ("tax_rate_id", "bigint")]),
    ("sessions", "session", [("id", "bigint"), ("user_id", "bigint"), ("token_hash", "text"), ("ip_address", "inet"),
        ("user_agent", "text"), ("expires_at", "timestamptz"), ("created_at", "timestamptz")]),
    ("api_keys", "api_key", [("id", "bigint"), ("organization_id", "bigint"), ("name", "text"), ("prefix", "text"),
        ("key_hash", "text"), ("scopes", "text[]"), ("last_used_at", "timestamptz"), ("revoked_at", "timestamptz"),
        ("created_at", "timestamptz")]),
    ("webhooks", "webhook", [("id", "bigint"), ("organization_id", "bigint"), ("url", "text"), ("secret", "text"),
        ("event_types", "text[]"), ("is_enabled", "boolean"), ("created_at", "timestamptz")]),
    ("webhook_deliveries", "webhook_delivery", [("id", "bigint"), ("webhook_id", "bigint"), ("event_id", "uuid"),
        ("status_code", "integer"), ("attempt", "integer"), ("response_ms", "integer"),
        ("delivered_at", "timestamptz")]),
    ("audit_events", "audit_event", [("id", "bigint"), ("organization_id", "bigint"), ("actor_id", "bigint"),
        ("action", "text"), ("target_type", "text"), ("target_id", "bigint"), ("metadata", "jsonb"),
        ("occurred_at", "timestamptz")]),
    ("notifications", "notification", [("id", "bigint"), ("user_id", "bigint"), ("kind", "text"), ("title", "text"),
        ("body", "text"), ("read_at", "timestamptz"), ("created_at", "timestamptz")]),
    ("support_tickets", "ticket", [("id", "bigint"), ("customer_id", "bigint"), ("assignee_id", "bigint"),
        ("subject", "text"), ("priority", "text"), ("status", "text"), ("opened_at", "timestamptz"),
        ("closed_at", "timestamptz")]),
    ("ticket_messages", "ticket_message", [("id", "bigint"), ("ticket_id", "bigint"), ("author_id", "bigint"),
        ("body", "text"), ("is_internal", "boolean"), ("created_at", "timestamptz")]),
    ("feature_flags", "feature_flag", [("id", "bigint"), ("key", "text"), ("description", "text"),
        ("is_enabled", "boolean"), ("rollout_percent", "integer"), ("updated_at", "timestamptz")]),
    ("exchange_rates", "exchange_rate", [("id", "bigint"), ("base_currency", "char(3)"), ("quote_currency", "char(3)"),
        ("rate", "numeric(18,8)"), ("observed_at", "timestamptz")]),
    ("loyalty_accounts", "loyalty_account", [("id", "bigint"), ("customer_id", "bigint"), ("points_balance", "integer"),
        ("tier", "text"), ("updated_at", "timestamptz")]),
]
TABLE = {t: cols for t, _, cols in TABLES}
SINGULAR = {t: s for t, s, _ in TABLES}
FKS = {"organization_id": "organizations", "user_id": "users", "customer_id": "customers",
       "product_id": "products", "variant_id": "product_variants", "category_id": "categories",
       "parent_id": "categories", "warehouse_id": "warehouses", "supplier_id": "suppliers",
       "purchase_order_id": "purchase_orders", "cart_id": "carts", "order_id": "orders",
       "payment_id": "payments", "shipment_id": "shipments", "coupon_id": "coupons", "plan_id": "plans",
       "subscription_id": "subscriptions", "invoice_id": "invoices", "tax_rate_id": "tax_rates",
       "webhook_id": "webhooks", "ticket_id": "support_tickets", "assignee_id": "users", "author_id": "users",
       "actor_id": "users"}
ADDED = {("customers", "marketing_opt_in"), ("users", "time_zone"), ("orders", "cancelled_at"),
         ("payments", "failure_code"), ("products", "is_archived"), ("subscriptions", "trial_ends_at")}
DROPPED = ("customers", "fax_number")
# Tables that belong to a consumer alone: no migration creates them.
OWN_TABLES = ["job_runs", "idempotency_keys", "report_snapshots", "etl_checkpoints", "search_documents",
              "local_settings"]

# ------------------------------------------------------------------------------------ services
SERVICES = [
    # name, language, weight (share of the lines), tables it mostly uses, include globs
    ("storefront-web", "ts", 0.25, ["products", "product_variants", "carts", "cart_items", "orders", "order_items",
        "customers", "addresses", "reviews", "categories", "coupons"], ["src/**/*.ts", "src/**/*.tsx", "db/**/*.sql"]),
    ("admin-console", "js", 0.14, ["users", "organizations", "customers", "support_tickets", "ticket_messages",
        "feature_flags", "audit_events", "api_keys", "webhooks"], None),
    ("reporting", "py", 0.20, ["orders", "order_items", "payments", "refunds", "invoices", "customers",
        "exchange_rates", "subscriptions", "loyalty_accounts"], ["**/*.py"]),
    ("billing-service", "java", 0.16, ["invoices", "invoice_lines", "subscriptions", "plans", "payments",
        "tax_rates", "organizations", "customers"], ["src/main/java/**/*.java"]),
    ("fulfilment", "kt", 0.13, ["shipments", "shipment_events", "warehouses", "inventory_levels",
        "purchase_orders", "purchase_order_lines", "suppliers", "orders", "customers"], None),
    ("ingest-worker", "go", 0.12, ["webhook_deliveries", "webhooks", "notifications", "sessions", "audit_events",
        "customers", "exchange_rates", "products"], None),
]

# Copy that starts with SQL's words, as UI strings and log messages do. None of it is a query.
UI_COPY = [
    "Select a team to continue", "Select the invoices you want to export", "Select all", "Select from the list below",
    "Update your billing details", "Update available: reload to get the latest version", "Update payment method",
    "Delete this address?", "Delete selected items", "Delete your account and all of its data",
    "Create a new project", "Create your first product", "Insert a coupon code at checkout",
    "With love from the team", "Values must be positive", "Drop files here to upload", "Call us at +1 555 0100",
    "Copy the link below and share it", "Table settings", "Explain why you are requesting a refund",
    "Lock screen", "Refresh the page and try again", "Truncate long descriptions", "Do not disturb",
    "Merge duplicate customers", "Show order history", "No orders yet", "Your cart is empty",
    "Something went wrong. Please try again.", "Saved!", "Are you sure you want to cancel this order?",
    "Update failed. Check your connection and retry.", "Select a shipping method", "Create invoice",
    "Delete", "Update", "Select", "Order summary", "Drop shipping is not available in your region",
    "Update the quantity to at least 1", "Select one or more products", "Values from last year are archived",
]
LOG_COPY = [
    "update skipped: nothing changed for %s", "select timed out after %d ms", "insert failed for order %s",
    "deleted %d expired sessions", "created refund %s", "retrying webhook delivery %s (attempt %d)",
    "Update of %s finished", "cache miss for %s", "payment captured for order %s", "syncing %d products",
    "could not parse payload from %s", "starting export for organization %s", "finished in %d ms",
]
WORDS = ["cache", "retry", "batch", "export", "import", "sync", "render", "format", "parse", "validate", "notify",
         "schedule", "queue", "flush", "merge", "compute", "resolve", "dispatch", "hydrate", "normalize"]
ADJ = ["pending", "active", "archived", "draft", "failed", "paid", "open", "closed", "recent", "overdue"]

PARAM = "\x01"   # marks a parameter in a query template: PARAM + name + PARAM


def p(name):
    return PARAM + name + PARAM


def camel(name, upper=False):
    parts = name.split("_")
    s = parts[0] + "".join(w.capitalize() for w in parts[1:])
    return s[0].upper() + s[1:] if upper else s


# ------------------------------------------------------------------------------------- queries
class Query:
    """An SQL query as a list of lines with parameter marks, and the references it should resolve to."""

    def __init__(self, lines, refs, kind, star=None, own=None):
        self.lines = lines          # SQL lines; PARAM marks parameters
        self.refs = refs            # set of (table, column or None, "read"/"write", star)
        self.kind = kind
        self.star = star            # table read by a star select, whose rows the code reads members of
        self.own = own              # a table no migration manages

    def params(self):
        out = []
        for line in self.lines:
            parts = line.split(PARAM)
            out += parts[1::2]
        return out


def R(t, c=None, star=False):
    return (t, c, "read", star)


def W(t, c=None):
    return (t, c, "write", False)


class QueryMaker:
    def __init__(self, rng, live_columns):
        self.rng = rng
        self.live = live_columns    # table -> column names at head (what a new query would use)

    def cols(self, t, lo=2, hi=6, must=("id",)):
        live = [c for c in self.live[t]]
        pick = [c for c in must if c in live]
        rest = [c for c in live if c not in pick]
        self.rng.shuffle(rest)
        n = self.rng.randint(lo, min(hi, len(live)))
        pick += rest[:max(0, n - len(pick))]
        order = {c: i for i, c in enumerate(self.live[t])}
        return sorted(pick, key=order.get)

    def filter_col(self, t):
        live = self.live[t]
        for c in ("status", "organization_id", "customer_id", "order_id"):
            if c in live and self.rng.random() < 0.5:
                return c
        fks = [c for c in live if c in FKS]
        if fks and self.rng.random() < 0.6:
            return self.rng.choice(fks)
        return "id" if "id" in live else live[0]

    def time_col(self, t):
        for c in ("created_at", "updated_at", "occurred_at", "placed_at", "issued_at", "observed_at", "opened_at"):
            if c in self.live[t]:
                return c
        return None

    def make(self, t, fax=False):
        q = self._make(t, fax)
        q.table = q.own or q.star or ("customers" if fax else t)
        if self.rng.random() < 0.12:
            # Plenty of code writes its SQL in lower case (the parameters' names keep their case).
            q.lines = [PARAM.join(part if i % 2 else part.lower() for i, part in enumerate(line.split(PARAM)))
                       for line in q.lines]
        return q

    # (weight, maker): plain selects, joins and writes dominate, as in real data-access code.
    def _make(self, t, fax):
        if fax:
            return self.select_fax()
        makers = [(26, self.select), (9, self.join), (9, self.insert), (9, self.update), (4, self.delete),
                  (12, self.star), (4, self.count), (4, self.cte), (4, self.subquery), (3, self.upsert),
                  (2, self.expressions), (2, self.any_array), (2, self.skip_locked), (2, self.left_join_having),
                  (2, self.exists), (1, self.update_from), (1, self.delete_using), (1, self.window),
                  (1, self.distinct_on), (1, self.returning_star), (3, self.own_table)]
        r = self.rng.random() * sum(w for w, _ in makers)
        for w, maker in makers:
            r -= w
            if r < 0:
                return maker(t) if maker != self.own_table else maker()
        return self.select(t)

    def fk_of(self, t):
        fks = [c for c in self.live[t] if c in FKS and FKS[c] in self.live and FKS[c] != t]
        return self.rng.choice(fks) if fks else None

    def expressions(self, t):
        texts = [c for c, ty in TABLE[t] if ty == "text" and c in self.live[t]]
        if len(texts) < 2 or "id" not in self.live[t]:
            return self.select(t)
        a, b = self.rng.sample(texts, 2)
        refs = {R(t), R(t, "id"), R(t, a), R(t, b)}
        lines = ["SELECT id, COALESCE(" + a + ", " + b + ") AS label,",
                 "       CASE WHEN " + b + " IS NULL THEN 'none' ELSE upper(" + b + "::text) END AS " + b + "_label",
                 "  FROM " + t,
                 " WHERE " + a + " ILIKE " + p("pattern")]
        return Query(lines, refs, "expressions")

    def any_array(self, t):
        if "id" not in self.live[t]:
            return self.select(t)
        cols = self.cols(t, 2, 4)
        return Query(["SELECT " + ", ".join(cols), "  FROM " + t, " WHERE id = ANY(" + p("ids") + "::bigint[])"],
                     {R(t), R(t, "id")} | {R(t, c) for c in cols}, "any-array")

    def skip_locked(self, t):
        tc = self.time_col(t)
        if "status" not in self.live[t] or not tc or "id" not in self.live[t]:
            return self.select(t)
        return Query(["SELECT id", "  FROM " + t, " WHERE status = 'pending'", " ORDER BY " + tc,
                      " LIMIT " + p("batchSize"), "   FOR UPDATE SKIP LOCKED"],
                     {R(t), R(t, "id"), R(t, "status"), R(t, tc)}, "skip-locked")

    def left_join_having(self, t):
        fk = self.fk_of(t)
        if not fk or "id" not in self.live[t]:
            return self.select(t)
        u = FKS[fk]
        cu = self.cols(u, 1, 2, must=("id",))
        refs = {R(t), R(u), R(t, "id"), R(t, fk), R(u, "id")} | {R(u, c) for c in cu}
        lines = ["SELECT " + ", ".join("a." + c for c in cu) + ", count(b.id) AS n",
                 "  FROM " + u + " a",
                 "  LEFT JOIN " + t + " b ON b." + fk + " = a.id",
                 " GROUP BY " + ", ".join("a." + c for c in cu),
                 "HAVING count(b.id) > " + p("minimum")]
        return Query(lines, refs, "left-join-having")

    def exists(self, t):
        fk = self.fk_of(t)
        tc = self.time_col(t)
        if not fk or not tc:
            return self.select(t)
        u = FKS[fk]
        cu = self.cols(u, 1, 3, must=("id",))
        refs = {R(t), R(u), R(t, fk), R(t, tc), R(u, "id")} | {R(u, c) for c in cu}
        lines = ["SELECT " + ", ".join("x." + c for c in cu),
                 "  FROM " + u + " x",
                 " WHERE EXISTS (SELECT 1 FROM " + t + " y",
                 "                WHERE y." + fk + " = x.id",
                 "                  AND y." + tc + " > now() - interval '1 day')"]
        return Query(lines, refs, "exists")

    def update_from(self, t):
        fk = self.fk_of(t)
        if not fk or "id" not in self.live[t]:
            return self.update(t)
        u = FKS[fk]
        settable = [c for c in self.live[t] if c not in ("id", "created_at", fk)]
        other = [c for c in self.live[u] if c not in ("id",)]
        if not settable or not other:
            return self.update(t)
        sc, uc = self.rng.choice(settable), self.rng.choice(other)
        refs = {W(t), W(t, sc), R(u), R(u, "id"), R(u, uc), R(t, fk), R(t, "id")}
        lines = ["UPDATE " + t + " AS t", "   SET " + sc + " = " + p(camel(sc)), "  FROM " + u + " AS s",
                 " WHERE s.id = t." + fk, "   AND s." + uc + " = " + p(camel(uc)), "   AND t.id = " + p("id")]
        return Query(lines, refs, "update-from")

    def delete_using(self, t):
        fk = self.fk_of(t)
        if not fk:
            return self.delete(t)
        u = FKS[fk]
        other = [c for c in self.live[u] if c != "id"]
        uc = self.rng.choice(other)
        refs = {W(t), R(t, fk), R(u), R(u, "id"), R(u, uc)}
        return Query(["DELETE FROM " + t, " USING " + u, " WHERE " + u + ".id = " + t + "." + fk,
                      "   AND " + u + "." + uc + " = " + p(camel(uc))], refs, "delete-using")

    def window(self, t):
        fk = self.fk_of(t)
        tc = self.time_col(t)
        if not fk or not tc or "id" not in self.live[t]:
            return self.select(t)
        refs = {R(t), R(t, "id"), R(t, fk), R(t, tc)}
        lines = ["SELECT id, " + fk + ",",
                 "       row_number() OVER (PARTITION BY " + fk + " ORDER BY " + tc + " DESC) AS rn",
                 "  FROM " + t]
        return Query(lines, refs, "window")

    def distinct_on(self, t):
        fk = self.fk_of(t)
        tc = self.time_col(t)
        if not fk or not tc or "id" not in self.live[t]:
            return self.select(t)
        refs = {R(t), R(t, "id"), R(t, fk), R(t, tc)}
        lines = ["SELECT DISTINCT ON (" + fk + ") " + fk + ", id, " + tc, "  FROM " + t,
                 " ORDER BY " + fk + ", " + tc + " DESC"]
        return Query(lines, refs, "distinct-on")

    def returning_star(self, t):
        if "id" not in self.live[t]:
            return self.update(t)
        settable = [c for c in self.live[t] if c not in ("id", "created_at")]
        sc = self.rng.choice(settable)
        # The rows come back whole, and the code reads their members like a star select's.
        refs = {W(t), W(t, sc), R(t, "id"), R(t, None, True)}
        return Query(["UPDATE " + t, "   SET " + sc + " = " + p(camel(sc)), " WHERE id = " + p("id"), "RETURNING *"],
                     refs, "returning-star", star=t)

    def select(self, t):
        cols = self.cols(t)
        f = self.filter_col(t)
        refs = {R(t)} | {R(t, c) for c in cols} | {R(t, f)}
        lines = ["SELECT " + ", ".join(cols), "  FROM " + t, " WHERE " + f + " = " + p(camel(f))]
        tc = self.time_col(t)
        if tc and self.rng.random() < 0.6:
            lines.append(" ORDER BY " + tc + " DESC")
            refs.add(R(t, tc))
            if self.rng.random() < 0.5:
                lines.append(" LIMIT " + p("limit"))
        return Query(lines, refs, "select")

    def select_fax(self):
        t = "customers"
        cols = ["id", "email", "full_name", "fax_number"]
        refs = {R(t)} | {R(t, c) for c in cols} | {R(t, "id")}
        return Query(["SELECT " + ", ".join(cols), "  FROM customers", " WHERE id = " + p("customerId")], refs,
                     "select-dropped-column")

    def join(self, t):
        fks = [c for c in self.live[t] if c in FKS and FKS[c] in self.live]
        if not fks:
            return self.select(t)
        fk = self.rng.choice(fks)
        u = FKS[fk]
        a, b = t[0] if t[0] != u[0] else "t1", u[0] + "2" if t[0] == u[0] else u[0]
        ca = self.cols(t, 2, 4)
        cb = self.cols(u, 1, 3, must=())
        refs = {R(t), R(u), R(t, fk), R(u, "id")} | {R(t, c) for c in ca} | {R(u, c) for c in cb}
        sel = ", ".join([a + "." + c for c in ca] + [b + "." + c for c in cb])
        lines = ["SELECT " + sel, "  FROM " + t + " " + a, "  JOIN " + u + " " + b + " ON " + b + ".id = " + a + "." + fk]
        if "status" in self.live[t]:
            lines.append(" WHERE " + a + ".status = " + p("status"))
            refs.add(R(t, "status"))
        else:
            key = "id" if "id" in self.live[t] else fk
            lines.append(" WHERE " + a + "." + key + " = " + p(camel(key)))
            refs.add(R(t, key))
        tc = self.time_col(t)
        if tc:
            lines.append(" ORDER BY " + a + "." + tc + " DESC")
            refs.add(R(t, tc))
        return Query(lines, refs, "join")

    def insert(self, t):
        cols = [c for c in self.cols(t, 2, 6, must=()) if c != "id"] or [c for c in self.live[t] if c != "id"][:2]
        refs = {W(t)} | {W(t, c) for c in cols}
        lines = ["INSERT INTO " + t + " (" + ", ".join(cols) + ")",
                 "VALUES (" + ", ".join("now()" if c.endswith("_at") and self.rng.random() < 0.5 else p(camel(c))
                                        for c in cols) + ")"]
        if "id" in self.live[t]:
            lines.append("RETURNING id")
            refs.add(R(t, "id"))
        return Query(lines, refs, "insert")

    def update(self, t):
        settable = [c for c in self.live[t] if c not in ("id", "created_at", "updated_at")]
        sets = self.rng.sample(settable, min(len(settable), self.rng.randint(1, 3)))
        key = "id" if "id" in self.live[t] else self.live[t][0]
        refs = {W(t)} | {W(t, c) for c in sets} | {R(t, key)}
        assigns = [c + " = " + p(camel(c)) for c in sets]
        if "updated_at" in self.live[t]:
            assigns.append("updated_at = now()")
            refs.add(W(t, "updated_at"))
        lines = ["UPDATE " + t, "   SET " + ", ".join(assigns), " WHERE " + key + " = " + p(camel(key))]
        if "status" in self.live[t] and "status" not in sets and self.rng.random() < 0.5:
            lines.append("   AND status <> 'archived'")
            refs.add(R(t, "status"))
        return Query(lines, refs, "update")

    def delete(self, t):
        tc = self.time_col(t)
        if tc:
            lines = ["DELETE FROM " + t, " WHERE " + tc + " < now() - interval '30 days'"]
            refs = {W(t), R(t, tc)}
        else:
            f = self.filter_col(t)
            lines = ["DELETE FROM " + t, " WHERE " + f + " = " + p(camel(f))]
            refs = {W(t), R(t, f)}
        return Query(lines, refs, "delete")

    def star(self, t):
        key = "id" if "id" in self.live[t] else self.filter_col(t)
        if self.rng.random() < 0.5:
            a = t[0]
            lines = ["SELECT " + a + ".*", "  FROM " + t + " " + a, " WHERE " + a + "." + key + " = " + p(camel(key))]
        else:
            lines = ["SELECT *", "  FROM " + t, " WHERE " + key + " = " + p(camel(key))]
        return Query(lines, {R(t, None, True), R(t), R(t, key)}, "star", star=t)

    def count(self, t):
        f = self.filter_col(t)
        return Query(["SELECT count(*) AS total", "  FROM " + t, " WHERE " + f + " = " + p(camel(f))],
                     {R(t), R(t, f)}, "count")

    def cte(self, t):
        fks = [c for c in self.live[t] if c in FKS and FKS[c] in self.live]
        tc = self.time_col(t)
        if not fks or not tc:
            return self.select(t)
        fk = self.rng.choice(fks)
        u = FKS[fk]
        cb = self.cols(u, 1, 3, must=("id",))
        refs = {R(t), R(u), R(t, fk), R(t, tc), R(u, "id")} | {R(u, c) for c in cb}
        lines = ["WITH recent AS (",
                 "  SELECT " + fk + ", max(" + tc + ") AS last_seen, count(*) AS n",
                 "    FROM " + t,
                 "   WHERE " + tc + " > now() - interval '7 days'",
                 "   GROUP BY " + fk,
                 ")",
                 "SELECT " + ", ".join("u." + c for c in cb) + ", r.last_seen, r.n",
                 "  FROM " + u + " u",
                 "  JOIN recent r ON r." + fk + " = u.id",
                 " ORDER BY r.n DESC"]
        return Query(lines, refs, "cte")

    def subquery(self, t):
        fks = [c for c in self.live[t] if c in FKS and FKS[c] in self.live]
        if not fks:
            return self.count(t)
        fk = self.rng.choice(fks)
        u = FKS[fk]
        cu = self.cols(u, 1, 3)
        refs = {R(u), R(t), R(u, "id"), R(t, fk)} | {R(u, c) for c in cu}
        lines = ["SELECT " + ", ".join(cu), "  FROM " + u, " WHERE id IN (SELECT " + fk + " FROM " + t]
        f = "status" if "status" in self.live[t] else None
        if f:
            lines.append("                WHERE status = " + p("status") + ")")
            refs.add(R(t, "status"))
        else:
            lines[-1] += ")"
        return Query(lines, refs, "subquery")

    def upsert(self, t):
        uniq = [c for c in ("code", "sku", "slug", "email", "key", "number") if c in self.live[t]]
        if not uniq:
            return self.insert(t)
        k = uniq[0]
        others = [c for c in self.cols(t, 1, 3, must=()) if c not in ("id", k)] or \
                 [c for c in self.live[t] if c not in ("id", k)][:1]
        cols = [k] + others
        refs = {W(t)} | {W(t, c) for c in cols} | {R(t, k)} | {R(t, c) for c in others}
        lines = ["INSERT INTO " + t + " (" + ", ".join(cols) + ")",
                 "VALUES (" + ", ".join(p(camel(c)) for c in cols) + ")",
                 "ON CONFLICT (" + k + ") DO UPDATE",
                 "   SET " + ", ".join(c + " = EXCLUDED." + c for c in others)]
        return Query(lines, refs, "upsert")

    def own_table(self):
        t = self.rng.choice(OWN_TABLES)
        r = self.rng.random()
        if r < 0.5:
            return Query(["SELECT id, state, payload", "  FROM " + t, " WHERE id = " + p("id")], set(), "own", own=t)
        return Query(["UPDATE " + t, "   SET state = " + p("state") + ", touched_at = now()", " WHERE id = " + p("id")],
                     set(), "own", own=t)


# ------------------------------------------------------------------------------------ the file
class File:
    """Lines of one source file, with the queries and star-row member reads placed in it."""

    def __init__(self, path, lang):
        self.path = path
        self.lang = lang
        self.lines = []
        self.queries = []        # (line, Query)
        self.star_reads = []     # (line, table, column)

    def add(self, *lines):
        for line in lines:
            self.lines.extend(line.split("\n"))

    def here(self):
        return len(self.lines) + 1

    def query(self, offset, q):
        """Records q as starting `offset` lines below the next line to be added."""
        self.queries.append((self.here() + offset, q))

    def read(self, offset, table, column):
        self.star_reads.append((self.here() + offset, table, column))


def render(q, style, indent=""):
    """The query's text with its parameters in a placeholder style, as lines (the first not indented)."""
    n = [0]

    def sub(line):
        parts = line.split(PARAM)
        out = parts[0]
        for i in range(1, len(parts), 2):
            n[0] += 1
            name = parts[i]
            out += {"dollar": "$%d" % n[0], "qmark": "?", "pyformat": "%s", "pynamed": "%(" + name + ")s",
                    "colon": ":" + name, "js": "${" + name + "}", "fstring": "{" + name + "}",
                    "kt": "${" + name + "}", "ktsimple": "$" + name, "gofmt": "%d"}[style] + parts[i + 1]
        return out

    lines = [sub(line) for line in q.lines]
    return [lines[0]] + [indent + line for line in lines[1:]]


def one_line(q, style):
    return " ".join(l.strip() for l in render(q, style))


# ------------------------------------------------------------------------------------- ordinary code
class Code:
    """Generators of ordinary code, shared helpers."""

    def __init__(self, rng):
        self.rng = rng

    def word(self):
        return self.rng.choice(WORDS)

    def entity(self, tables):
        return SINGULAR[self.rng.choice(tables)]

    def copy(self):
        return self.rng.choice(UI_COPY)

    def log(self):
        return self.rng.choice(LOG_COPY)

    def sentence(self):
        a = ["Keeps", "Returns", "Builds", "Loads", "Checks", "Formats", "Normalizes", "Retries", "Schedules"]
        b = ["the current page", "a summary for the dashboard", "the totals shown in the sidebar",
             "what the API expects", "the cached copy when it is fresh", "one batch at a time",
             "the values the form submits", "the rows the export needs", "the next attempt with backoff"]
        return self.rng.choice(a) + " " + self.rng.choice(b) + "."

    def sql_comment(self, tables):
        t = self.rng.choice(tables)
        return self.rng.choice([
            "SELECT * FROM %s is too slow here: the index on created_at is not used" % t,
            "was: UPDATE %s SET status = 'x' WHERE id = ?, moved to the job" % t,
            "keep in sync with the DELETE FROM %s in the nightly cleanup" % t,
        ])


# --- TypeScript / JavaScript --------------------------------------------------------------------
def js_string(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def js_query(f, c, q, ts):
    """Embeds q in a TypeScript/JavaScript function in one of the forms node code uses."""
    fn = camel(c.rng.choice(["find", "load", "list", "save", "touch", "sync"]) + "_" + q.table)
    args = ", ".join(dict.fromkeys(q.params())) or ""
    typ = (lambda a: ": " + ("number" if a.endswith("Id") or a in ("id", "limit") else "string")) if ts else (lambda a: "")
    sig = ", ".join(a + typ(a) for a in dict.fromkeys(q.params()))
    ret = ": Promise<any>" if ts else ""
    form = c.rng.random()
    dynamic = ts and q.kind in ("select", "count") and c.rng.random() < 0.15 and "status" in TABLE_LIVE[q.table]
    if dynamic:
        sig += (", " if sig else "") + "onlyOpen = false"
    f.add("export async function %s(%s)%s {" % (fn, sig, ret))
    if c.rng.random() < 0.5:
        f.add("  logger.debug(%s, { %s });" % (js_string(fn + ": " + c.word()), args))
    if dynamic:
        # postgres.js fragments: an optional filter spliced in as ${filter} (a parameter to the analysis)
        f.add("  const filter = onlyOpen ? sql`AND status = 'open'` : sql``;")
        f.add("  const rows = await sql`")
        f.query(0, q)
        lines = render(q, "js", "")
        lines[-1] += " ${filter}"
        f.add("\n".join("    " + l for l in lines))
        f.add("  `;")
        var = "rows[0]"
    elif form < 0.35:
        # tagged template, multi-line
        f.add("  const rows = await sql`")
        f.query(0, q)
        f.add("\n".join("    " + l for l in render(q, "js", "")))
        f.add("  `;")
        var = "rows[0]"
    elif form < 0.55:
        # template literal passed to pool.query, with ${} interpolation
        lines = render(q, "js", "    ")
        f.query(0, q)
        if len(lines) == 1:
            f.add("  const { rows } = await pool.query(`" + lines[0] + "`);")
        else:
            f.add("  const { rows } = await pool.query(`" + lines[0], *lines[1:-1])
            f.add(lines[-1] + "`);")
        var = "rows[0]"
    elif form < 0.85:
        # plain string, $1 placeholders, parameters in an array
        sql = one_line(q, "dollar")
        quote = js_string(sql) if "'" not in sql else '"' + sql + '"'
        f.add("  const { rows } = await pool.query(")
        f.query(0, q)
        f.add("    %s," % quote, "    [%s]," % args, "  );")
        var = "rows[0]"
    else:
        # concatenation across lines: literal + literal, parameters $n
        lines = render(q, "dollar")
        f.add("  const query =")
        f.query(0, q)
        for i, l in enumerate(lines):
            lit = '"' + l.strip() + (" " if i < len(lines) - 1 else "") + '"'
            f.add("    " + lit + (" +" if i < len(lines) - 1 else ";"))
        f.add("  const { rows } = await pool.query(query, [%s]);" % args)
        var = "rows[0]"
    if q.star:
        cols = c.rng.sample(TABLE_LIVE[q.star], min(3, len(TABLE_LIVE[q.star])))
        if q.star == DROPPED[0] and c.rng.random() < 0.5:
            cols = cols[:2] + [DROPPED[1]]
        ent = camel(SINGULAR[q.star])
        f.add("  const %s = %s;" % (ent, var))
        f.add("  if (!%s) {" % ent, "    throw new NotFoundError(%s);" % js_string(SINGULAR[q.star] + " not found"), "  }")
        if c.rng.random() < 0.4:
            f.read(0, q.star, cols[0])
            f.read(0, q.star, cols[1]) if len(cols) > 1 else None
            f.add("  const { %s } = %s;" % (", ".join(cols[:2]), ent))
            rest = cols[2:]
        else:
            rest = cols
        f.add("  return {")
        for col in rest:
            f.read(0, q.star, col)
            f.add("    %s: %s.%s," % (camel(col), ent, col))
        f.add("    fetchedAt: new Date().toISOString(),", "  };", "}", "")
    else:
        f.add("  return rows;", "}", "")


def js_ordinary(f, c, tables, ts):
    r = c.rng.random()
    e = c.entity(tables)
    E = camel(e, True)
    if r < 0.2 and ts:
        f.add("export interface %s%s {" % (E, c.rng.choice(["Summary", "View", "Props", "Filters"])))
        for col in c.rng.sample(TABLE_LIVE[tables[0]], min(5, len(TABLE_LIVE[tables[0]]))):
            f.add("  %s%s: %s;" % (camel(col), c.rng.choice(["", "?"]), c.rng.choice(["string", "number", "boolean", "Date | null"])))
        f.add("}", "")
    elif r < 0.45:
        f.add("/**", " * " + c.sentence(), " * " + c.sentence(), " */")
        fn = camel(c.word() + "_" + e)
        f.add("export function %s(input%s, options = {}) {" % (fn, ": %s" % E if ts else ""))
        f.add("  if (!input) {", "    throw new ValidationError(%s);" % js_string(c.copy()), "  }")
        f.add("  const started = Date.now();")
        f.add("  const items = (input.items ?? []).filter((item) => item.%s !== %s);" % (camel(c.rng.choice(["state", "kind", "mode"])), js_string(c.rng.choice(ADJ))))
        f.add("  for (const item of items) {", "    item.total = (item.quantity ?? 1) * (item.unitPrice ?? 0);",
              "    if (item.total > (options.limit ?? 100000)) {",
              "      logger.warn(%s, item.id);" % js_string(c.log()), "      continue;", "    }", "  }")
        f.add("  // " + c.sentence())
        if c.rng.random() < 0.15:
            f.add("  // " + c.sql_comment(tables))
        f.add("  const label = `${items.length} ${items.length === 1 ? %s : %s}`;" % (js_string(e), js_string(e + "s")))
        f.add("  logger.info(%s, { label, ms: Date.now() - started });" % js_string(c.log()))
        f.add("  return { items, label, pattern: /^[a-z0-9_-]+$/i.test(input.slug ?? '') };", "}", "")
    elif r < 0.65:
        f.add("export const %sMessages = {" % camel(e))
        for k in ("title", "empty", "confirm", "cta", "error", "help"):
            f.add("  %s: %s," % (k, js_string(c.copy())))
        f.add("  count: (n%s) => `${n} ${n === 1 ? %s : %s} selected`," % (": number" if ts else "", js_string(e), js_string(e + "s")))
        f.add("};", "")
    elif r < 0.85:
        E2 = E + c.rng.choice(["Controller", "Presenter", "Store", "Client"])
        f.add("export class %s {" % E2)
        f.add("  %sconstructor(%s) {}" % ("" if not ts else "", "private readonly http: HttpClient, private readonly cache = new Map<string, unknown>()" if ts else ""))
        if not ts:
            f.lines[-1] = "  constructor(http, cache = new Map()) {"
            f.add("    this.http = http;", "    this.cache = cache;", "  }")
        f.add("")
        for m in range(c.rng.randint(2, 4)):
            name = camel(c.word() + "_" + c.rng.choice(["items", "page", "details", "totals"]))
            f.add("  async %s(id%s) {" % (name, ": number" if ts else ""))
            f.add("    const key = `%s:${id}`;" % name, "    if (this.cache.has(key)) {", "      return this.cache.get(key);", "    }")
            f.add("    const response = await this.http.get(`/api/%ss/${id}/%s`);" % (e, c.word()))
            f.add("    if (response.status >= 400) {", "      toast.error(%s);" % js_string(c.copy()), "      return null;", "    }")
            f.add("    this.cache.set(key, response.data);", "    return response.data;", "  }", "")
        f.add("}", "")
    else:
        f.add("export function %s(value%s) {" % (camel("format_" + c.rng.choice(["money", "date", "percent", "count"])), ": number" if ts else ""))
        f.add("  if (Number.isNaN(value)) {", "    return '-';", "  }")
        f.add("  const formatter = new Intl.NumberFormat('en-US', { maximumFractionDigits: %d });" % c.rng.randint(0, 4))
        f.add("  return formatter.format(value / %d);" % c.rng.choice([1, 100, 1000]), "}", "")


def tsx_component(f, c, tables):
    e = c.entity(tables)
    E = camel(e, True)
    f.add("export default function %sPanel({ %s }: { %s: %s[] }) {" % (E, camel(e) + "s", camel(e) + "s", E))
    f.add("  const [selected, setSelected] = useState<number | null>(null);")
    f.add("  if (%ss.length === 0) {" % camel(e), "    return <EmptyState title=%s />;" % js_string(c.copy()).replace("'", '"'), "  }")
    f.add("  return (", "    <section className=\"panel\">", "      <h2>%s</h2>" % c.copy(),
          "      <p>We couldn't find what you're looking for? %s</p>" % c.copy(),
          "      <ul>", "        {%ss.map((item) => (" % camel(e),
          "          <li key={item.id} onClick={() => setSelected(item.id)}>",
          "            {item.%s} <Badge tone=\"%s\">{item.%s}</Badge>" % (camel(c.rng.choice(["name", "title", "label"])), c.rng.choice(ADJ), camel(c.rng.choice(["state", "kind"]))),
          "          </li>", "        ))}", "      </ul>",
          "      <Button onClick={() => onSave(selected)}>%s</Button>" % c.copy(), "    </section>", "  );", "}", "")


# --- Python -------------------------------------------------------------------------------------
def py_query(f, c, q):
    e = SINGULAR.get(q.table, "row")
    fn = c.rng.choice(["fetch", "load", "list", "update", "record", "sync"]) + "_" + q.table
    args = list(dict.fromkeys(q.params()))
    snake = {a: "".join("_" + ch.lower() if ch.isupper() else ch for ch in a) for a in args}
    f.add("def %s(conn%s):" % (fn, "".join(", " + snake[a] for a in args)))
    if c.rng.random() < 0.5:
        f.add('    """%s"""' % c.sentence())
    form = c.rng.random()
    f.add("    with conn.cursor() as cur:")
    if form < 0.3:
        lines = render(q, "pyformat", "            ")
        f.add('        cur.execute(')
        f.add('            """')
        f.query(0, q)
        f.add("            " + lines[0])
        f.add("\n".join(lines[1:]))
        f.add('            """,', "            (%s)," % "".join(snake[a] + ", " for a in q.params()).rstrip(" "), "        )")
    elif form < 0.5:
        f.query(0, q)
        f.add('        cur.execute("%s", {%s})' % (one_line(q, "pynamed"), ", ".join('"%s": %s' % (a, snake[a]) for a in args)))
    elif form < 0.75:
        # f-string with the parameters as fields (a common, unsafe, real form)
        lines = render(q, "fstring")
        sql = " ".join(l.strip() for l in lines)
        for a in args:
            sql = sql.replace("{" + a + "}", "{" + snake[a] + "}")
        f.query(0, q)
        f.add('        cur.execute(f"%s")' % sql)
    else:
        # adjacent literals in parentheses
        lines = render(q, "pyformat")
        f.add("        query = (")
        f.query(0, q)
        for i, l in enumerate(lines):
            f.add('            "%s%s"' % (l.strip(), " " if i < len(lines) - 1 else ""))
        f.add("        )", "        cur.execute(query, (%s))" % "".join(snake[a] + ", " for a in q.params()).rstrip(" "))
    if q.star:
        cols = c.rng.sample(TABLE_LIVE[q.star], min(3, len(TABLE_LIVE[q.star])))
        if q.star == DROPPED[0] and c.rng.random() < 0.5:
            cols = cols[:2] + [DROPPED[1]]
        f.add("        row = cur.fetchone()", "    if row is None:",
              '        raise LookupError("%s not found")' % e)
        forms = ['row["%s"]', 'row.get("%s")', "row.%s", 'getattr(row, "%s", None)']
        f.add("    return {")
        for col in cols:
            f.read(0, q.star, col)
            f.add('        "%s": %s,' % (col, c.rng.choice(forms) % col))
        f.add("    }", "", "")
    else:
        f.add("        return cur.fetchall()" if q.lines[0].startswith(("SELECT", "WITH")) else "        return cur.rowcount",
              "", "")


def py_ordinary(f, c, tables):
    r = c.rng.random()
    e = c.entity(tables)
    if r < 0.3:
        f.add("class %s%s:" % (camel(e, True), c.rng.choice(["Report", "Exporter", "Summary", "Job"])))
        f.add('    """%s' % c.sentence(), "", "    %s" % c.sentence(), '    """', "")
        f.add("    def __init__(self, settings, clock=None):", "        self.settings = settings",
              "        self.clock = clock or datetime.utcnow", "        self._cache = {}", "")
        for _ in range(c.rng.randint(2, 4)):
            m = c.word() + "_" + c.rng.choice(["rows", "totals", "page", "window"])
            f.add("    def %s(self, items, limit=%d):" % (m, c.rng.choice([50, 100, 500])))
            f.add('        """%s"""' % c.sentence())
            f.add("        started = self.clock()", "        out = []", "        for item in items[:limit]:",
                  '            if item.get("state") == "%s":' % c.rng.choice(ADJ), "                continue",
                  '            out.append({"id": item["id"], "label": item.get("label", "").title()})')
            if c.rng.random() < 0.2:
                f.add("        # " + c.sql_comment(tables))
            f.add('        logger.info("%s", len(out))' % c.log(),
                  '        self._cache[(%s, started)] = out' % repr(m), "        return out", "")
    elif r < 0.5:
        f.add("%s_MESSAGES = {" % e.upper())
        for k in ("title", "empty", "confirm", "error"):
            f.add('    "%s": "%s",' % (k, c.copy()))
        f.add("}", "")
    elif r < 0.8:
        fn = c.word() + "_" + e
        f.add("def %s(values, *, currency=\"EUR\", precision=2):" % fn, '    """%s"""' % c.sentence())
        f.add("    if not values:", '        raise ValueError("%s")' % c.copy(), "    total = Decimal(0)",
              "    for value in values:", "        total += Decimal(str(value)).quantize(Decimal(10) ** -precision)",
              '    logger.debug("%s", total)' % c.log(), '    return f"{total:,.{precision}f} {currency}"', "")
    else:
        f.add("@dataclass(frozen=True)", "class %s:" % camel(e + "_" + c.rng.choice(["view", "row", "filter"]), True))
        for col in TABLE_LIVE[tables[0]][:c.rng.randint(3, 6)]:
            f.add("    %s: %s" % (col, c.rng.choice(["int", "str", "Optional[str]", "datetime", "bool"])))
        f.add("")


# --- Java ----------------------------------------------------------------------------------------
def java_query(f, c, q):
    fn = camel(c.rng.choice(["find", "load", "update", "insert", "count", "sync"]) + "_" + q.table)
    args = list(dict.fromkeys(q.params()))
    sig = ", ".join("long " + a if a.endswith("Id") or a in ("id", "limit") else "String " + a for a in args)
    form = c.rng.random()
    const = re.sub("([a-z0-9])([A-Z])", r"\1_\2", fn).upper() + "_SQL"
    if form < 0.45:
        lines = render(q, "qmark", "            ")
        f.add('    private static final String %s = """' % const[:-4])
        f.query(0, q)
        f.add("            " + lines[0])
        f.add("\n".join(lines[1:]))
        f.add('            """;', "")
        sqlref = const[:-4]
    elif form < 0.75:
        lines = render(q, "qmark")
        f.add("    private static final String %s =" % const)
        f.query(0, q)
        for i, l in enumerate(lines):
            f.add('            "%s"%s' % (l.strip() + (" " if i < len(lines) - 1 else ""), " +" if i < len(lines) - 1 else ";"))
        f.add("")
        sqlref = const
    else:
        sqlref = None
    f.add("    public %s %s(%s) {" % ("Optional<Map<String, Object>>" if q.star else "int", fn, sig))
    f.add('        log.debug("%s {}", %s);' % (fn, args[0] if args else "\"-\""))
    if sqlref is None:
        # literal + variable + literal, the parameters concatenated in
        parts = []
        for l in render(q, "js"):
            parts.append(l.strip())
        sql = " ".join(parts)
        java = '"' + sql.replace("${", '" + ').replace("}", ' + "') + '"'
        java = java.replace(' + ""', "")
        f.add("        String sql = %s;" % java.replace("\n", " "))
        f.query(-1, q)
        sqlref = "sql"
        call_args = ""
    else:
        call_args = "".join(", " + a for a in q.params())
    f.add("        try (Connection conn = dataSource.getConnection();",
          "             PreparedStatement ps = conn.prepareStatement(%s)) {" % sqlref)
    for i, a in enumerate(q.params() if call_args else []):
        f.add("            ps.set%s(%d, %s);" % ("Long" if a.endswith("Id") or a in ("id", "limit") else "String", i + 1, a))
    if q.star:
        cols = c.rng.sample(TABLE_LIVE[q.star], min(3, len(TABLE_LIVE[q.star])))
        if q.star == DROPPED[0] and c.rng.random() < 0.5:
            cols = cols[:2] + [DROPPED[1]]
        f.add("            try (ResultSet rs = ps.executeQuery()) {", "                if (!rs.next()) {",
              "                    return Optional.empty();", "                }",
              "                Map<String, Object> row = new HashMap<>();")
        for col in cols:
            f.read(0, q.star, col)
            f.add('                row.put("%s", rs.getString("%s"));' % (camel(col), col))
        f.add("                return Optional.of(row);", "            }")
    else:
        f.add("            return ps.executeUpdate();")
    f.add("        } catch (SQLException e) {",
          '            throw new DataAccessException("%s failed", e);' % fn, "        }", "    }", "")


def java_ordinary(f, c, tables):
    r = c.rng.random()
    e = c.entity(tables)
    E = camel(e, True)
    if r < 0.4:
        m = camel(c.word() + "_" + e)
        f.add("    /**", "     * " + c.sentence(), "     *", "     * @param request what the caller sent", "     */")
        f.add("    public %sResponse %s(%sRequest request) {" % (E, m, E))
        f.add("        Objects.requireNonNull(request, \"request\");", "        if (request.items().isEmpty()) {",
              '            throw new IllegalArgumentException("%s");' % c.copy(), "        }")
        f.add("        long total = 0;", "        for (LineItem item : request.items()) {",
              "            if (item.quantity() <= 0) {", '                log.warn("%s", item.id());' % c.log().replace("%s", "{}").replace("%d", "{}"),
              "                continue;", "            }", "            total += item.quantity() * item.unitAmountCents();", "        }")
        if c.rng.random() < 0.15:
            f.add("        // " + c.sql_comment(tables))
        f.add('        log.info("%s", total);' % c.log().replace("%s", "{}").replace("%d", "{}"),
              "        return new %sResponse(request.id(), total, Instant.now(clock));" % E, "    }", "")
    elif r < 0.6:
        f.add("    private static final Map<String, String> %s_MESSAGES = Map.of(" % e.upper())
        ks = ("title", "empty", "confirm")
        for i, k in enumerate(ks):
            f.add('            "%s", "%s"%s' % (k, c.copy(), "," if i < len(ks) - 1 else ");"))
        f.add("")
    elif r < 0.8:
        f.add("    public record %s%s(%s) {" % (E, c.rng.choice(["View", "Summary", "Line"]),
              ", ".join("%s %s" % (c.rng.choice(["long", "String", "Instant", "boolean"]), camel(col)) for col in TABLE_LIVE[tables[0]][:4])))
        f.add("    }", "")
    else:
        f.add("    private static String format%s(long cents, String currency) {" % E,
              "        BigDecimal amount = BigDecimal.valueOf(cents, 2);",
              "        return NumberFormat.getCurrencyInstance(Locale.US).format(amount) + \" \" + currency;", "    }", "")


def java_jpql(f, c, tables):
    e = camel(c.entity(tables), True)
    f.add('    @Query("SELECT x FROM %s x WHERE x.status = :status ORDER BY x.createdAt DESC")' % e,
          "    List<%s> findByStatus(@Param(\"status\") String status);" % e, "")


# --- Kotlin --------------------------------------------------------------------------------------
def kt_query(f, c, q):
    fn = camel(c.rng.choice(["find", "load", "update", "insert", "count", "sync"]) + "_" + q.table)
    args = list(dict.fromkeys(q.params()))
    sig = ", ".join("%s: %s" % (a, "Long" if a.endswith("Id") or a in ("id", "limit") else "String") for a in args)
    form = c.rng.random()
    f.add("    fun %s(%s): %s {" % (fn, sig, "Map<String, Any?>?" if q.star else "Int"))
    if form < 0.4:
        lines = render(q, "kt", "            ")
        f.add('        val sql = """')
        f.query(0, q)
        f.add("            " + lines[0], "\n".join(lines[1:]), '        """.trimIndent()')
        binds = ""
    elif form < 0.6:
        lines = render(q, "qmark", "            |")
        f.add('        val sql = """')
        f.query(0, q)
        f.add("            |" + lines[0], "\n".join(lines[1:]), '        """.trimMargin()')
        binds = "".join(", " + a for a in q.params())
    elif form < 0.8:
        f.query(0, q)
        f.add('        val sql = "%s"' % one_line(q, "qmark"))
        binds = "".join(", " + a for a in q.params())
    else:
        f.query(0, q)
        f.add('        val sql = "%s"' % one_line(q, "colon"))
        binds = "".join(", \"%s\" to %s" % (a, a) for a in args)
    if q.star:
        cols = c.rng.sample(TABLE_LIVE[q.star], min(3, len(TABLE_LIVE[q.star])))
        if q.star == DROPPED[0] and c.rng.random() < 0.5:
            cols = cols[:2] + [DROPPED[1]]
        f.add("        return jdbc.queryOne(sql%s) { rs ->" % binds, "            mapOf(")
        for col in cols:
            f.read(0, q.star, col)
            f.add('                "%s" to rs.getString("%s"),' % (camel(col), col))
        f.add("            )", "        }", "    }", "")
    else:
        f.add("        logger.debug { \"%s: ${%s}\" }" % (fn, args[0] if args else "0"),
              "        return jdbc.update(sql%s)" % binds, "    }", "")


def kt_ordinary(f, c, tables):
    r = c.rng.random()
    e = c.entity(tables)
    E = camel(e, True)
    if r < 0.4:
        f.add("    /** %s */" % c.sentence(), "    fun %s(items: List<%sLine>, limit: Int = %d): %sPlan {" % (camel(c.word() + "_" + e), E, c.rng.choice([10, 50, 200]), E))
        f.add("        require(items.isNotEmpty()) { \"%s\" }" % c.copy(),
              "        val selected = items.filter { it.quantity > 0 && it.state != \"%s\" }.take(limit)" % c.rng.choice(ADJ),
              "        val weight = selected.sumOf { it.weightGrams * it.quantity }",
              "        if (weight > MAX_PARCEL_GRAMS) {", "            logger.warn { \"%s\" }" % c.log().replace("%s", "${weight}").replace("%d", "${weight}"),
              "        }")
        if c.rng.random() < 0.15:
            f.add("        // " + c.sql_comment(tables))
        f.add("        return %sPlan(selected, weight, clock.instant())" % E, "    }", "")
    elif r < 0.6:
        f.add("    data class %s%s(" % (E, c.rng.choice(["View", "Event", "Line"])))
        for col in TABLE_LIVE[tables[0]][:c.rng.randint(3, 6)]:
            f.add("        val %s: %s," % (camel(col), c.rng.choice(["Long", "String", "String?", "Instant", "Boolean"])))
        f.add("    )", "")
    elif r < 0.8:
        f.add("    private val %sMessages = mapOf(" % camel(e))
        for k in ("title", "empty", "confirm"):
            f.add("        \"%s\" to \"%s\"," % (k, c.copy()))
        f.add("    )", "")
    else:
        f.add("    private fun label(count: Int) = when (count) {", "        0 -> \"%s\"" % c.copy(),
              "        1 -> \"one %s\"" % e, "        else -> \"$count %ss\"" % e, "    }", "")


# --- Go ------------------------------------------------------------------------------------------
def go_query(f, c, q):
    fn = camel(c.rng.choice(["find", "load", "update", "insert", "count", "sync"]) + "_" + q.table, True)
    args = list(dict.fromkeys(q.params()))
    form = c.rng.random()
    if form < 0.15:
        # fmt.Sprintf with the values formatted in (its verbs become parameters)
        f.add("func (s *Store) %s(ctx context.Context%s) error {" % (fn, "".join(", %s int64" % a for a in args)))
        f.query(0, q)
        f.add('\tquery := fmt.Sprintf("%s"%s)' % (one_line(q, "gofmt"), "".join(", " + a for a in q.params())))
        sqlref = "query"
        args = []
    elif form < 0.5:
        const = camel(fn + "_query")
        lines = render(q, "dollar", "\t")
        f.add("const %s = `" % const)
        f.query(0, q)
        f.add(lines[0], "\n".join(lines[1:]) + "`", "")
        sqlref = const
        f.add("func (s *Store) %s(ctx context.Context%s) error {" % (fn, "".join(", %s int64" % a for a in args)))
    else:
        f.add("func (s *Store) %s(ctx context.Context%s) error {" % (fn, "".join(", %s int64" % a for a in args)))
        lines = render(q, "dollar")
        f.add("\tquery := ")
        f.query(-1, q)
        f.lines[-1] += '"' + lines[0].strip() + (" " if len(lines) > 1 else "") + '"' + (" +" if len(lines) > 1 else "")
        for i, l in enumerate(lines[1:]):
            last = i == len(lines) - 2
            f.add('\t\t"%s%s"%s' % (l.strip(), "" if last else " ", "" if last else " +"))
        sqlref = "query"
    f.add("\trows, err := s.db.QueryContext(ctx, %s%s)" % (sqlref, "".join(", " + a for a in q.params()) if args else ""),
          "\tif err != nil {", '\t\treturn fmt.Errorf("%s: %%w", err)' % camel(fn), "\t}", "\tdefer rows.Close()",
          "\tfor rows.Next() {", "\t\tvar id int64", "\t\tif err := rows.Scan(&id); err != nil {", "\t\t\treturn err",
          "\t\t}", "\t\ts.seen[id] = struct{}{}", "\t}", "\treturn rows.Err()", "}", "")


def go_ordinary(f, c, tables):
    r = c.rng.random()
    e = c.entity(tables)
    E = camel(e, True)
    if r < 0.4:
        f.add("// %s%s %s" % (E, c.rng.choice(["Handler", "Batch", "Event"]), c.sentence().lower()))
        f.add("type %s%s struct {" % (E, c.rng.choice(["Handler", "Batch", "Event"])))
        for col in TABLE_LIVE[tables[0]][:c.rng.randint(3, 6)]:
            f.add("\t%s %s `json:\"%s\"`" % (camel(col, True), c.rng.choice(["int64", "string", "time.Time", "bool", "*string"]), col))
        f.add("}", "")
    elif r < 0.8:
        fn = camel(c.word() + "_" + e, True)
        f.add("// %s %s" % (fn, c.sentence().lower()))
        f.add("func %s(ctx context.Context, in []byte) (int, error) {" % fn,
              "\tvar payload map[string]any", "\tif err := json.Unmarshal(in, &payload); err != nil {",
              '\t\treturn 0, fmt.Errorf("decode %s: %%w", err)' % e, "\t}",
              "\tcount := 0", "\tfor key, value := range payload {", '\t\tif strings.HasPrefix(key, "%s") {' % c.rng.choice(ADJ),
              "\t\t\tcontinue", "\t\t}", '\t\tlog.Printf("%s", key, value)' % "field %s = %v", "\t\tcount++", "\t}")
        if c.rng.random() < 0.15:
            f.add("\t// " + c.sql_comment(tables))
        f.add("\treturn count, nil", "}", "")
    else:
        f.add("var %sMessages = map[string]string{" % camel(e))
        for k in ("title", "empty", "confirm"):
            f.add('\t"%s": "%s",' % (k, c.copy()))
        f.add("}", "")


# --- SQL files -----------------------------------------------------------------------------------
def sql_file_query(f, c, q, i):
    f.add("-- name: %s :%s" % (camel(q.kind + "_" + str(i), True), "many" if q.lines[0].startswith(("SELECT", "WITH")) else "exec"))
    f.query(0, q)
    lines = render(q, "dollar")
    f.add("\n".join(lines[:-1] + [lines[-1] + ";"]), "")


# ------------------------------------------------------------------------------------ file headers
HEADERS = {
    "ts": ["import { sql, pool } from '../db';", "import { logger } from '../logger';",
           "import { NotFoundError, ValidationError } from '../errors';", "import type { HttpClient } from '../http';", ""],
    "tsx": ["import { useState } from 'react';", "import { Badge, Button, EmptyState } from '../ui';",
            "import { sql } from '../../db';", ""],
    "js": ["import { pool, sql } from '../db.js';", "import { logger } from '../logger.js';",
           "import { NotFoundError, ValidationError } from '../errors.js';", ""],
    "py": ['"""%s"""', "from dataclasses import dataclass", "from datetime import datetime", "from decimal import Decimal",
           "from typing import Optional", "import logging", "", "logger = logging.getLogger(__name__)", "", ""],
    "java": ["package com.example.billing.%s;", "", "import java.math.BigDecimal;", "import java.sql.Connection;",
             "import java.sql.PreparedStatement;", "import java.sql.ResultSet;", "import java.sql.SQLException;",
             "import java.text.NumberFormat;", "import java.time.Clock;", "import java.time.Instant;",
             "import java.util.*;", "import javax.sql.DataSource;", "import org.slf4j.Logger;",
             "import org.slf4j.LoggerFactory;", ""],
    "kt": ["package com.example.fulfilment.%s", "", "import java.sql.ResultSet", "import java.time.Clock",
           "import java.time.Instant", "import mu.KotlinLogging", "", "private val logger = KotlinLogging.logger {}", ""],
    "go": ["package %s", "", "import (", '\t"context"', '\t"encoding/json"', '\t"fmt"', '\t"log"', '\t"strings"', ")", ""],
}

TABLE_LIVE = {}


def generate_service(rng, name, lang, tables, budget, qm, code):
    """Writes the files of one service until about `budget` lines; returns the list of File."""
    files = []
    used = 0
    index = 0
    packages = ["api", "store", "jobs", "web", "domain", "export", "sync", "admin", "checkout", "reports"]
    fax_left = 2     # every service still reads customers.fax_number somewhere
    while used < budget:
        index += 1
        pkg = packages[index % len(packages)]
        kind = rng.random()
        repo = kind < 0.45   # data-access files hold most queries; the rest hold a few or none
        ent = SINGULAR[rng.choice(tables)]
        target = rng.randint(120, 520)
        if lang == "ts":
            tsx = kind > 0.8
            ext = "tsx" if tsx else "ts"
            base = ("components/%s/%sPanel%d" % (pkg, camel(ent, True), index)) if tsx else \
                   ("%s/%s%s%d" % (pkg, camel(ent), "Repository" if repo else "Service", index))
            f = File("services/%s/src/%s.%s" % (name, base, ext), "tsx" if tsx else "ts")
            f.add(*HEADERS[f.lang])
        elif lang == "js":
            ext = "mjs" if index % 7 == 0 else "js"
            f = File("services/%s/%s/%s-%s-%d.%s" % (name, pkg, ent.replace("_", "-"), "queries" if repo else "handlers", index, ext), "js")
            f.add(*HEADERS["js"])
        elif lang == "py":
            f = File("services/%s/reporting/%s/%s_%s_%d.py" % (name, pkg, ent, "queries" if repo else "views", index), "py")
            h = list(HEADERS["py"])
            h[0] = h[0] % code.sentence()
            f.add(*h)
        elif lang == "java":
            cls = camel(ent, True) + ("Dao" if repo else "Service") + str(index)
            f = File("services/%s/src/main/java/com/example/billing/%s/%s.java" % (name, pkg, cls), "java")
            h = list(HEADERS["java"])
            h[0] = h[0] % pkg
            jpa = not repo and rng.random() < 0.2
            if jpa:
                h.insert(2, "import jakarta.persistence.*;")
                h.insert(3, "import org.springframework.data.jpa.repository.Query;")
            f.add(*h)
            f.add("/** %s */" % code.sentence(), "public class %s {" % cls, "",
                  "    private static final Logger log = LoggerFactory.getLogger(%s.class);" % cls, "",
                  "    private final DataSource dataSource;", "    private final Clock clock;", "",
                  "    public %s(DataSource dataSource, Clock clock) {" % cls, "        this.dataSource = dataSource;",
                  "        this.clock = clock;", "    }", "")
        elif lang == "kt":
            cls = camel(ent, True) + ("Repository" if repo else "Planner") + str(index)
            f = File("services/%s/src/main/kotlin/com/example/fulfilment/%s/%s.kt" % (name, pkg, cls), "kt")
            h = list(HEADERS["kt"])
            h[0] = h[0] % pkg
            f.add(*h)
            f.add("/** %s */" % code.sentence(), "class %s(private val jdbc: Jdbc, private val clock: Clock) {" % cls, "")
        else:
            f = File("services/%s/internal/%s/%s_%d.go" % (name, pkg, ent, index), "go")
            h = list(HEADERS["go"])
            h[0] = h[0] % pkg
            f.add(*h)
        n_queries = 0
        while len(f.lines) < target:
            r = rng.random()
            want_query = r < (0.5 if repo else 0.06)
            if want_query and not (lang == "ts" and f.lang == "tsx" and rng.random() < 0.7):
                t = rng.choice(tables) if rng.random() < 0.8 else rng.choice(list(TABLE))
                fax = fax_left > 0 and rng.random() < 0.05
                if fax:
                    fax_left -= 1
                q = qm.make(t, fax=fax)
                n_queries += 1
                if lang in ("ts", "js"):
                    js_query(f, code, q, lang == "ts")
                elif lang == "py":
                    py_query(f, code, q)
                elif lang == "java":
                    java_query(f, code, q)
                elif lang == "kt":
                    kt_query(f, code, q)
                else:
                    go_query(f, code, q)
            else:
                if lang == "ts" and f.lang == "tsx" and rng.random() < 0.5:
                    tsx_component(f, code, tables)
                elif lang in ("ts", "js"):
                    js_ordinary(f, code, tables, lang == "ts")
                elif lang == "py":
                    py_ordinary(f, code, tables)
                elif lang == "java":
                    if jpa and rng.random() < 0.3:
                        java_jpql(f, code, tables)
                    else:
                        java_ordinary(f, code, tables)
                elif lang == "kt":
                    kt_ordinary(f, code, tables)
                else:
                    go_ordinary(f, code, tables)
        if lang in ("java", "kt"):
            f.add("}")
        files.append(f)
        used += len(f.lines)
    # sqlc-style query files (storefront and ingest-worker)
    if lang in ("ts", "go"):
        for k in range(max(1, budget // 20000)):
            path = ("services/%s/db/queries/%s.sql" if lang == "ts" else "services/%s/queries/%s.sql") % (
                name, rng.choice(tables) + "_" + str(k))
            f = File(path, "sql")
            f.add("-- Queries for sqlc; regenerate the code with `sqlc generate`.", "")
            for i in range(rng.randint(15, 40)):
                sql_file_query(f, code, qm.make(rng.choice(tables)), i)
            files.append(f)
    return files


# ------------------------------------------------------------------------------------- migrations
def migrations():
    """[(file name, text)] in apply order."""
    out = []
    n = 0
    groups = [TABLES[i:i + 3] for i in range(0, len(TABLES), 3)]
    for g in groups:
        n += 1
        body = []
        for t, _, cols in g:
            defs = []
            for c, ty in cols:
                if (t, c) in ADDED:
                    continue
                d = "    %s %s" % (c, ty)
                if c == "id":
                    d = "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
                elif c in FKS and FKS[c] in TABLE and FKS[c] != t:
                    d += " REFERENCES %s (id)" % FKS[c]
                elif c in ("created_at", "updated_at"):
                    d += " NOT NULL DEFAULT now()"
                elif c in ("email", "code", "sku", "slug", "key", "number"):
                    d += " NOT NULL"
                defs.append(d)
            body.append("CREATE TABLE %s (\n%s\n);\n" % (t, ",\n".join(defs)))
        out.append(("%04d_create_%s.sql" % (n, "_".join(t for t, _, _ in g)), "\n".join(body)))
    for t, c in sorted(ADDED):
        n += 1
        ty = dict(TABLE[t])[c]
        out.append(("%04d_add_%s_%s.sql" % (n, t, c), "ALTER TABLE %s ADD COLUMN %s %s;\n" % (t, c, ty)))
    for t, c in [("orders", "customer_id"), ("order_items", "order_id"), ("payments", "order_id"),
                 ("invoices", "organization_id"), ("sessions", "user_id")]:
        n += 1
        out.append(("%04d_index_%s_%s.sql" % (n, t, c),
                    "CREATE INDEX CONCURRENTLY IF NOT EXISTS %s_%s_idx ON %s (%s);\n" % (t, c, t, c)))
    n += 1
    out.append(("%04d_drop_%s_%s.sql" % (n, DROPPED[0], DROPPED[1]),
                "-- Nobody sends faxes any more.\nALTER TABLE %s DROP COLUMN %s;\n" % DROPPED))
    return out


def config():
    lines = ["# SchemaGuard configuration for the shop database (generated by bench/gen-consumer-codebase.py).",
             "migrations:", "  path: db/migrations", "  format: sql", "consumers:"]
    for name, _, _, _, include in SERVICES:
        lines += ["  - name: " + name, "    path: services/" + name]
        if include:
            lines.append("    include: [" + ", ".join('"%s"' % g for g in include) + "]")
    return "\n".join(lines) + "\n"


def column_names():
    """Every column any migration gives a managed table (the names the registry can cover)."""
    return sorted({c for t, _, cols in TABLES for c, _ in cols})


# ------------------------------------------------------------------------------------- writing
def generate(out, lines, seed, force):
    if os.path.exists(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, MARKER)) and not force:
            sys.exit("gen-consumer-codebase: %s is not empty and was not made by this script (use --force)" % out)
        shutil.rmtree(out)
    os.makedirs(out)
    rng = random.Random(seed)
    for t, _, cols in TABLES:
        TABLE_LIVE[t] = [c for c, _ in cols if (t, c) != DROPPED]
    qm = QueryMaker(rng, TABLE_LIVE)
    code = Code(rng)
    files = []
    for name, lang, weight, tables, _ in SERVICES:
        files += generate_service(rng, name, lang, tables, int(lines * weight), qm, code)
    with open(os.path.join(out, MARKER), "w") as fh:
        fh.write("generated by bench/gen-consumer-codebase.py --lines %d --seed %d\n" % (lines, seed))
    mig = os.path.join(out, "db", "migrations")
    os.makedirs(mig)
    for name, text in migrations():
        with open(os.path.join(mig, name), "w") as fh:
            fh.write(text)
    with open(os.path.join(out, "schemaguard.yml"), "w") as fh:
        fh.write(config())
    expected = {"columns": column_names(), "dropped": list(DROPPED), "files": []}
    total_lines = total_bytes = 0
    by_lang = collections.Counter()
    for f in files:
        path = os.path.join(out, f.path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = "\n".join(f.lines).rstrip("\n") + "\n"
        with open(path, "w") as fh:
            fh.write(text)
        total_lines += text.count("\n")
        total_bytes += len(text.encode())
        by_lang[f.lang] += text.count("\n")
        consumer = f.path.split("/")[1]
        expected["files"].append({
            "consumer": consumer, "file": f.path.split("/", 2)[2], "lang": f.lang,
            "queries": [{"line": line, "kind": q.kind, "own": q.own, "star": q.star,
                         "refs": sorted([list(r) for r in q.refs], key=lambda r: (r[0], r[1] or "", r[2], r[3]))}
                        for line, q in f.queries],
            "star_reads": [[line, t, c] for line, t, c in f.star_reads]})
    expected["summary"] = {"files": len(files), "lines": total_lines, "bytes": total_bytes,
                           "lines_by_language": dict(sorted(by_lang.items())),
                           "queries": sum(len(f.queries) for f in files)}
    with open(os.path.join(out, ".expected.json"), "w") as fh:
        json.dump(expected, fh, indent=0)
    s = expected["summary"]
    print("gen-consumer-codebase: %d files, %d lines, %.1f MB, %d queries in %s/services (%s)" % (
        s["files"], s["lines"], s["bytes"] / 1e6, s["queries"], out if os.path.relpath(out).startswith("..") else os.path.relpath(out),
        ", ".join("%s %d" % kv for kv in s["lines_by_language"].items())))


# ------------------------------------------------------------------------------------- verifying
def verify(project, report_path, details_path):
    """Compares a `consumers --format json` report with the ground truth; prints a summary."""
    exp = json.load(open(os.path.join(project, ".expected.json")))
    rep = json.load(open(report_path))
    want = {}
    reads = set()
    own = set()
    kinds = {}
    for f in exp["files"]:
        for q in f["queries"]:
            key = (f["consumer"], f["file"], q["line"])
            want[key] = {tuple(r) for r in q["refs"]}
            kinds[key] = (q["kind"], f["lang"])
            if q["own"]:
                own.add((f["consumer"], q["own"]))
        for line, t, c in f["star_reads"]:
            reads.add((f["consumer"], f["file"], line, t, c))
    got = {}
    sqls = {}
    for q in rep["queries"]:
        key = (q["consumer"], q["file"], q["line"])
        got.setdefault(key, set()).update((r["table"], r["column"], r["access"], r["star"]) for r in q["references"])
        sqls[key] = q["sql"]
    false_q = sorted(set(got) - set(want))
    missed = sorted(set(want) - set(got))
    wrong = []
    for key in sorted(set(want) & set(got)):
        if want[key] != got[key]:
            wrong.append((key, sorted(want[key] - got[key], key=str), sorted(got[key] - want[key], key=str)))
    star_uses = {(u["consumer"], u["file"], u["line"], u["table"], u["column"]) for u in rep["uses"] if u["via_star"]}
    missed_reads = sorted(reads - star_uses)
    extra_reads = sorted(star_uses - reads)
    got_own = {(t["consumer"], t["table"]) for t in rep["own_tables"]}
    fax_uses = {(u["consumer"], u["file"], u["line"]) for u in rep["uses"] if (u["table"], u["column"]) == tuple(exp["dropped"])}
    findings = [f for f in rep["findings"] if f["rule"] == "consumer-breaking-change"]
    wrong_kinds = collections.Counter(kinds[k][0] + "/" + kinds[k][1] for k, _, _ in wrong)
    missed_kinds = collections.Counter(kinds[k][0] + "/" + kinds[k][1] for k in missed)
    print("verify: %d expected queries, %d reported; %d false, %d missed, %d with other references%s" % (
        len(want), len(got), len(false_q), len(missed), len(wrong),
        (" (" + ", ".join("%s %d" % kv for kv in wrong_kinds.most_common()) + ")") if wrong else ""))
    if missed:
        print("verify: missed by kind: " + ", ".join("%s %d" % kv for kv in missed_kinds.most_common()))
    print("verify: star-row member reads: %d expected, %d found, %d missed; %d more attributed (any member read "
          "in the file named like a column of the star table counts)" % (
              len(reads), len(reads) - len(missed_reads), len(missed_reads), len(extra_reads)))
    print("verify: own tables %s; problems %d; consumer-breaking-change findings %d with %d pieces of evidence "
          "(%d uses of %s.%s)" % ("as expected" if got_own == own else "DIFFER: %s" % sorted(got_own ^ own),
                                  len(rep["problems"]), len(findings), sum(len(f["evidence"]) for f in findings),
                                  len(fax_uses), exp["dropped"][0], exp["dropped"][1]))
    if details_path:
        with open(details_path, "w") as fh:
            for key in false_q:
                fh.write("FALSE %s:%s:%d  %s\n" % (key[0], key[1], key[2], sqls[key].replace("\n", " ")[:200]))
            for key in missed:
                fh.write("MISSED %s:%s:%d  (%s)\n" % (key[0], key[1], key[2], "/".join(kinds[key])))
            for key, lost, extra in wrong:
                fh.write("REFS %s:%s:%d  %s\n   sql: %s\n   expected, not reported: %s\n   reported, not expected: %s\n" % (
                    key[0], key[1], key[2], "/".join(kinds[key]), sqls[key].replace("\n", " ")[:300], lost, extra))
            for r in missed_reads:
                fh.write("MISSED-READ %s:%s:%d %s.%s\n" % r)
            for p_ in rep["problems"]:
                fh.write("PROBLEM %s:%s:%d %s\n" % (p_["consumer"], p_["file"], p_["line"], p_["message"]))
        print("verify: details in %s" % details_path)
    return 0 if not (false_q or missed or wrong or missed_reads) else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "consumer-codebase"))
    ap.add_argument("--lines", type=int, default=400_000, help="lines of consumer code, about (default 400,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="replace a non-empty directory this script did not make")
    ap.add_argument("--columns", action="store_true", help="print the column names of the managed tables, one a line")
    ap.add_argument("--verify", metavar="REPORT", help="compare a `consumers --format json` report of --out")
    ap.add_argument("--details", metavar="FILE", help="with --verify: write every difference to FILE")
    a = ap.parse_args()
    if a.columns:
        print("\n".join(column_names()))
        return 0
    if a.verify:
        return verify(a.out, a.verify, a.details)
    generate(a.out, a.lines, a.seed, a.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
