"""Superset configuration for the lakehouse image: everything comes from the environment."""

import os

SECRET_KEY = os.environ.get("SUPERSET_SECRET_KEY", "")
if not SECRET_KEY:
    raise RuntimeError("SUPERSET_SECRET_KEY must be set (a long random string, kept in a secret)")

SQLALCHEMY_DATABASE_URI = os.environ.get(
    "SUPERSET_DATABASE_URI", "postgresql+psycopg2://superset@postgres:5432/superset"
)

# Behind the platform's ingress: trust its forwarded headers.
ENABLE_PROXY_FIX = True

# Results and thumbnails are small in this deployment; a cache server is optional.
CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
DATA_CACHE_CONFIG = CACHE_CONFIG

FEATURE_FLAGS = {
    "DASHBOARD_RBAC": True,
    "ENABLE_TEMPLATE_PROCESSING": False,
}

# SQL Lab: the lakehouse is read through Trino; keep long queries off the web workers.
SQLLAB_TIMEOUT = 300
SUPERSET_WEBSERVER_TIMEOUT = 300
ROW_LIMIT = 50000
