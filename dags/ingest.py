"""One ingest DAG per source contract, started when a file lands (and hourly): find the extracts
→ gate and load them in batches → publish the load status → announce new raw data (which starts
transform_and_publish). Generated from the contract registry: a new source needs no DAG file. The
tasks pass references to landing entries, never file names that may hold a personal code (Airflow
stores them; roma_monitor.ingest.landing). The pipeline is imported inside the tasks: the DAG
processor parses this file often. Why batches: docs/orchestration.md."""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import TriggerRule, dag, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

from roma_monitor.contracts.registry import SOURCES
from roma_monitor.orchestration import (
    WAREHOUSE_POOL,
    RunFailureNotifier,
    ingest_schedule,
    raw_asset,
    task_defaults,
)


def build_ingest_dag(source: str):
    @dag(
        dag_id=f"ingest_{source}",
        description=f"Validate and load new {source.upper()} extracts",
        schedule=ingest_schedule(source),
        start_date=datetime(2026, 1, 1),
        catchup=False,
        max_active_runs=1,
        tags=["ingest", source],
        default_args=task_defaults(retries=2),
        on_failure_callback=RunFailureNotifier(),
    )
    def ingest():
        @task
        def find_extracts() -> list[dict]:
            from roma_monitor import pipeline

            batches = pipeline.batches_of(pipeline.find_new_extracts(source))
            if not batches:
                raise AirflowSkipException(f"nothing waits in landing/{source}/")
            return batches

        # The grid names each batch by its files (redacted), not 0, 1, …
        @task(pool=WAREHOUSE_POOL, map_index_template="{{ task.op_kwargs['batch']['label'] }}")
        def process_batch(batch: dict) -> dict:
            from roma_monitor import pipeline

            try:
                return pipeline.process_batch(batch["references"], source)
            except pipeline.ExtractRejected as rejected:  # no retry: the next run sees the rest
                raise AirflowFailException(str(rejected)) from rejected

        @task(pool=WAREHOUSE_POOL, trigger_rule=TriggerRule.ALL_DONE)
        def publish_load_status() -> str | None:
            from roma_monitor import pipeline

            return pipeline.publish_operations()

        # Its event (naming what was loaded) starts transform_and_publish; a skip emits none
        @task(pool=WAREHOUSE_POOL, trigger_rule=TriggerRule.ALL_DONE, outlets=[raw_asset(source)])
        def announce_new_data(dag_run=None, outlet_events=None) -> dict:
            from roma_monitor import pipeline

            counts = pipeline.announce_loads(source, dag_run.start_date)  # logs what it found
            if not counts.get("loaded"):
                raise AirflowSkipException("no new extract: no raw-data event, no dbt")
            extra = pipeline.raw_event_extra(source, dag_run.start_date)
            outlet_events[raw_asset(source)].extra = extra
            return counts

        @task(trigger_rule=TriggerRule.ONE_FAILED, retries=0)
        def fail_run_if_any_extract_failed() -> None:
            # publish_load_status always succeeds; without this leaf the run would look green.
            raise AirflowFailException("an extract was rejected or failed to load; see the tasks")

        processed = process_batch.expand(batch=find_extracts())
        processed >> publish_load_status() >> announce_new_data()
        processed >> fail_run_if_any_extract_failed()

    return ingest()


for _source in SOURCES:
    globals()[f"ingest_{_source}"] = build_ingest_dag(_source)
