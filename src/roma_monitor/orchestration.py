"""What the DAGs share: assets, the warehouse pool, retries and failure notifications."""

from __future__ import annotations

import os
from datetime import timedelta

from airflow.sdk import Asset, AssetOrTimeSchedule, AssetWatcher, BaseNotifier, CronTriggerTimetable

from roma_monitor import notify

# Every task that writes the DuckDB warehouse runs in this pool of size 1 (one writer per file).
WAREHOUSE_POOL = "roma_warehouse"
HOURLY = "0 * * * *"
PUBLISHED_INDICATORS = Asset(name="roma_published_indicators", uri="roma://published/indicators")


def raw_asset(source: str) -> Asset:
    """Updated whenever an extract of `source` is loaded into the warehouse."""
    return Asset(name=f"roma_raw_{source}", uri=f"roma://warehouse/raw/{source}")


def landing_asset(source: str) -> Asset:
    """Files waiting in `landing/<source>/`: the triggerer watches the folder (LandingTrigger)
    and each new file is an event of this asset, which starts the source's ingest run."""
    from roma_monitor.ingest.landing_watch import LandingTrigger

    return Asset(
        name=f"roma_landing_{source}",
        uri=f"roma://landing/{source}",
        watchers=[AssetWatcher(name=f"roma_landing_{source}", trigger=LandingTrigger(source))],
    )


def ingest_schedule(source: str) -> AssetOrTimeSchedule:
    """A file dropped into `landing/<source>/` starts the source's ingest within seconds; the
    hourly run is the safety net should an event be lost (a triggerer down, say)."""
    return AssetOrTimeSchedule(
        timetable=CronTriggerTimetable(HOURLY, timezone="UTC"), assets=landing_asset(source)
    )


def retry_delay() -> timedelta:
    """The wait before a failed task is tried again (ROMA_RETRY_DELAY_S, default 30 s)."""
    return timedelta(seconds=float(os.environ.get("ROMA_RETRY_DELAY_S", "30")))


def task_defaults(retries: int) -> dict:
    """default_args of every DAG: transient errors (e.g. the warehouse lock held a while by
    another process) are retried; a task's final failure is noted for the run's notification."""
    return {
        "retries": retries,
        "retry_delay": retry_delay(),
        "on_failure_callback": record_task_failure,
    }


def record_task_failure(context) -> None:
    """Task on_failure_callback (after the last try): note why, for RunFailureNotifier."""
    ti = context["ti"]
    error = context.get("exception")
    reason = f"{type(error).__name__}: {error}" if error else "no error was recorded; see its log"
    notify.record_failure(
        ti.dag_id,
        ti.run_id,
        notify.TaskFailure(ti.task_id, reason, ti.map_index, ti.try_number),
    )


class RunFailureNotifier(BaseNotifier):
    """DAG on_failure_callback: one notification per failed run, naming the DAG, the run and
    every failed task with its error, through the notifiers ROMA_NOTIFIER configures."""

    def render_template_fields(self, context, jinja_env=None) -> None:
        # Nothing to template; and under `airflow dags test` the context's DAG is a
        # SerializedDAG, which BaseNotifier cannot template with (apache/airflow#64649).
        if self.template_fields:
            super().render_template_fields(context, jinja_env)

    def notify(self, context) -> None:
        notify.send(run_failure_notification(context))


def run_failure_notification(context) -> notify.Notification:
    dag_id, run_id = context["dag"].dag_id, context["run_id"]
    failures = notify.take_failures(dag_id, run_id)
    ti = context.get("ti")
    if not failures and ti is not None:
        # Killed or timed out before its callback ran: at least name the task.
        failures = [notify.TaskFailure(ti.task_id, "no error was recorded; see its log")]
    return notify.Notification(
        dag_id=dag_id,
        run_id=run_id,
        reason=str(context.get("reason") or "failed"),
        failures=failures,
    )
