"""The environment Airflow runs in for the demo and the tests: SQLite metadata under ROMA_HOME,
this repository's DAGs, no examples, no telemetry."""

from __future__ import annotations

import shlex

from roma_monitor.settings import PROJECT_ROOT, Paths, get_paths


def airflow_environment(paths: Paths | None = None) -> dict[str, str]:
    paths = paths or get_paths()
    airflow_home = paths.home / "airflow"
    return {
        "ROMA_HOME": str(paths.home),
        "AIRFLOW_HOME": str(airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{airflow_home / 'airflow.db'}",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
        "AIRFLOW__API__PORT": "8080",
        "GX_ANALYTICS_ENABLED": "False",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }


def as_shell_exports(env: dict[str, str]) -> str:
    return "\n".join(f"export {key}={shlex.quote(value)}" for key, value in env.items())
