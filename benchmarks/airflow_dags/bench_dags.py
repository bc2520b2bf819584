"""Synthetic DAGs for measuring Airflow's own cost (benchmarks.airflow_cost).

Not the project's DAGs: trivial tasks, so a run's wall time is Airflow's overhead alone. Nothing
heavy is imported at module level, because every `airflow dags test` parses this whole folder.
"""

from __future__ import annotations

import importlib
from datetime import datetime

from airflow.sdk import dag, task

SIZES = (1, 4, 16)
# Module a task imports, by DAG: the import cost a real task of ours pays.
IMPORTS = {
    "bench_import_pipeline": "roma_monitor.pipeline",
    "bench_import_gx": "great_expectations",
}
DAG_ARGS = {"schedule": None, "start_date": datetime(2026, 1, 1), "catchup": False}


@task
def noop(i: int = 0) -> None:
    """A task that does nothing: its run time is the task's Airflow overhead."""


@task
def items(n: int) -> list[int]:
    """What the mapped task expands over, like wait_for_extracts' list of files."""
    return list(range(n))


@task
def import_module(name: str) -> None:
    """Import `name` inside the task, as our tasks import what they use."""
    importlib.import_module(name)


def chain_dag(n: int):
    """n trivial tasks one after another."""

    @dag(dag_id=f"bench_chain_{n}", tags=["bench"], **DAG_ARGS)
    def chained():
        previous = None
        for i in range(n):
            current = noop.override(task_id=f"noop_{i}")(i)
            if previous is not None:
                previous >> current
            previous = current

    return chained()


def mapped_dag(n: int):
    """One task listing n items, then one mapped task instance per item (n + 1 in all)."""

    @dag(dag_id=f"bench_mapped_{n}", tags=["bench"], **DAG_ARGS)
    def mapped():
        noop.expand(i=items(n))

    return mapped()


def import_dag(dag_id: str, module: str):
    """One task that imports `module`."""

    @dag(dag_id=dag_id, tags=["bench"], **DAG_ARGS)
    def importing():
        import_module(module)

    return importing()


for _n in SIZES:
    globals()[f"bench_chain_{_n}"] = chain_dag(_n)
    globals()[f"bench_mapped_{_n}"] = mapped_dag(_n)
for _dag_id, _module in IMPORTS.items():
    globals()[_dag_id] = import_dag(_dag_id, _module)
