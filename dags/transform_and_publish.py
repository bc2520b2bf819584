"""dbt build on the warehouse, then publish the marts; runs whenever an ingest run loaded a new
extract (its raw asset's event). Events that queued runs while a build ran are usually in that
build already: a run whose warehouse is already built from every accepted load skips dbt
(pipeline.dbt_build_is_current), and publishes only if the last build is not published yet.
The pipeline is imported inside the tasks: the DAG processor parses this file often and needs
none of it."""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import AssetAny, TriggerRule, dag, task
from airflow.sdk.exceptions import AirflowSkipException

from roma_monitor.contracts.registry import SOURCES
from roma_monitor.orchestration import (
    PUBLISHED_INDICATORS,
    WAREHOUSE_POOL,
    RunFailureNotifier,
    raw_asset,
    task_defaults,
)


@dag(
    dag_id="transform_and_publish",
    description="dbt build (models, seeds, tests), then publish a new indicators snapshot",
    schedule=AssetAny(*(raw_asset(source) for source in SOURCES)),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["dbt", "publish"],
    default_args=task_defaults(retries=1),
    on_failure_callback=RunFailureNotifier(),
)
def transform_and_publish():
    @task(pool=WAREHOUSE_POOL)
    def dbt_build() -> None:
        from roma_monitor import pipeline

        if pipeline.dbt_build_is_current():
            raise AirflowSkipException(
                "the warehouse is already built from every accepted extract: dbt does not run"
            )
        pipeline.dbt_build()

    @task(pool=WAREHOUSE_POOL, outlets=[PUBLISHED_INDICATORS], trigger_rule=TriggerRule.NONE_FAILED)
    def publish_indicators() -> str:
        from roma_monitor import pipeline

        if pipeline.published_is_current():
            raise AirflowSkipException("the last build is already published")
        return pipeline.publish_indicators()

    dbt_build() >> publish_indicators()


transform_and_publish()
