"""One ingest DAG per source contract: wait for extracts → validate (GX gate) → load.

Generated from the contract registry, so a new source needs no new DAG file. The tasks pass
references to landing entries, never file names that may hold a personal code (Airflow stores
them; roma_monitor.ingest.landing). The pipeline is imported inside the tasks: the DAG processor
parses this file often and needs none of it.
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import PokeReturnValue, TriggerRule, dag, task, task_group
from airflow.sdk.exceptions import AirflowFailException

from roma_monitor.contracts.registry import SOURCES
from roma_monitor.orchestration import (
    WAREHOUSE_POOL,
    RunFailureNotifier,
    raw_asset,
    task_defaults,
)


def build_ingest_dag(source: str):
    @dag(
        dag_id=f"ingest_{source}",
        description=f"Validate and load new {source.upper()} extracts",
        schedule="@hourly",
        start_date=datetime(2026, 1, 1),
        catchup=False,
        max_active_runs=1,
        tags=["ingest", source],
        default_args=task_defaults(retries=2),
        on_failure_callback=RunFailureNotifier(),
    )
    def ingest():
        @task.sensor(poke_interval=300, timeout=3000, mode="reschedule", soft_fail=True)
        def wait_for_extracts() -> PokeReturnValue:
            from roma_monitor import pipeline

            references = pipeline.find_new_extracts(source)
            return PokeReturnValue(is_done=bool(references), xcom_value=references)

        @task(pool=WAREHOUSE_POOL)
        def validate(reference: str) -> dict:
            from roma_monitor import pipeline

            try:
                return pipeline.validate_extract(reference, source)
            except pipeline.ExtractRejected as rejected:
                raise AirflowFailException(str(rejected)) from rejected

        @task(pool=WAREHOUSE_POOL, outlets=[raw_asset(source)])
        def load(validated: dict) -> dict:
            from roma_monitor import pipeline

            return pipeline.load_validated(validated, source)

        @task_group
        def process_extract(reference: str):
            load(validate(reference))

        @task(pool=WAREHOUSE_POOL, trigger_rule=TriggerRule.ALL_DONE)
        def publish_load_status() -> str | None:
            from roma_monitor import pipeline

            return pipeline.publish_operations()

        @task(trigger_rule=TriggerRule.ONE_FAILED, retries=0)
        def fail_run_if_any_extract_failed() -> None:
            # publish_load_status always succeeds; without this leaf the run would look green.
            raise AirflowFailException(
                "an extract was rejected or failed to load; see the "
                "quarantine report and the task logs"
            )

        processed = process_extract.expand(reference=wait_for_extracts())
        processed >> publish_load_status()
        processed >> fail_run_if_any_extract_failed()

    return ingest()


for _source in SOURCES:
    globals()[f"ingest_{_source}"] = build_ingest_dag(_source)
