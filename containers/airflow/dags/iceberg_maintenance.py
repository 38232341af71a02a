"""Nightly Iceberg table maintenance through Trino.

For every table listed in the Airflow Variable ``iceberg_maintenance_tables`` (a JSON list of
``"schema.table"`` names in the ``lakehouse`` catalog), compact small files, expire old snapshots
and remove orphan files. Uses the ``trino_default`` connection (AIRFLOW_CONN_TRINO_DEFAULT).
"""

from __future__ import annotations

import json
import re

import pendulum

from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator
from airflow.sdk import DAG, Variable, task

TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$")
RETENTION = "7d"

with DAG(
    dag_id="iceberg_maintenance",
    description="Compact files and expire snapshots of lakehouse Iceberg tables",
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["lakehouse", "iceberg", "maintenance"],
) as dag:

    @task
    def tables() -> list[str]:
        names = json.loads(Variable.get("iceberg_maintenance_tables", default="[]"))
        bad = [name for name in names if not TABLE_NAME.match(name)]
        if bad:
            raise ValueError(f"not schema.table names: {bad}")
        return names

    def statements(name: str) -> list[str]:
        table = f"lakehouse.{name}"
        return [
            f"ALTER TABLE {table} EXECUTE optimize(file_size_threshold => '128MB')",
            f"ALTER TABLE {table} EXECUTE expire_snapshots(retention_threshold => '{RETENTION}')",
            f"ALTER TABLE {table} EXECUTE remove_orphan_files(retention_threshold => '{RETENTION}')",
        ]

    SQLExecuteQueryOperator.partial(
        task_id="maintain",
        conn_id="trino_default",
        split_statements=False,
    ).expand(sql=tables().map(statements))
