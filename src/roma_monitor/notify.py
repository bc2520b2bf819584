"""Failure notifications: what failed, where and why, sent through pluggable notifiers.

A notifier is any class with ``send(notification)``, constructed without arguments. Which ones
run is configuration: ``ROMA_NOTIFIER`` names one or more classes (``module:Class``, comma
separated); the default, ``FileNotifier``, logs the failure and appends it as a JSON line to
``<ROMA_HOME>/notifications/notifications.jsonl``. ``WebhookNotifier`` posts it as JSON to the
URL of an Airflow connection. Airflow calls in through ``roma_monitor.orchestration``.

Messages never carry anything shaped like a Latvian personal code: every text is redacted.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import re
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from roma_monitor.privacy import personal_codes
from roma_monitor.settings import Paths, get_paths

log = logging.getLogger(__name__)

DEFAULT_NOTIFIER = "roma_monitor.notify:FileNotifier"
WEBHOOK_CONN_ID = "roma_notify_webhook"
# A failed ingest batch names each of its up to 20 rejected files (≈ 300 characters each).
MAX_ERROR_CHARS = 8000


def redact(text: str) -> str:
    """`text` with every value shaped like a personal code replaced (the one redaction)."""
    return personal_codes.redact(text)


def _redacted(value):
    """Every string in a JSON-like structure redacted, at any depth."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact(str(k)): _redacted(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(v) for v in value]
    return value


@dataclass(frozen=True)
class TaskFailure:
    task_id: str
    error: str
    map_index: int = -1
    try_number: int | None = None

    def describe(self) -> str:
        where = self.task_id if self.map_index < 0 else f"{self.task_id}[{self.map_index}]"
        attempt = f" (try {self.try_number})" if self.try_number else ""
        return f"{where}{attempt}: {self.error}"


@dataclass(frozen=True)
class Notification:
    """A failed DAG run: which DAG, which run, which tasks failed and why."""

    dag_id: str
    run_id: str
    reason: str
    failures: list[TaskFailure] = field(default_factory=list)
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    @property
    def subject(self) -> str:
        return f"Roma monitor: DAG {self.dag_id} failed (run {self.run_id})"

    @property
    def text(self) -> str:
        lines = [self.subject, f"Reason: {self.reason}"]
        lines += [f"- {failure.describe()}" for failure in self.failures]
        return redact("\n".join(lines))

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(event="dag_run_failed", subject=self.subject, text=self.text)
        return _redacted(data)


class Notifier(Protocol):
    def send(self, notification: Notification) -> None: ...


class LogNotifier:
    """Writes the notification to the log (the Airflow task or callback log)."""

    def send(self, notification: Notification) -> None:
        log.error("%s", notification.text)


class FileNotifier(LogNotifier):
    """Logs, and appends the notification as one JSON line under the data home."""

    def __init__(self, paths: Paths | None = None) -> None:
        self.paths = paths or get_paths()

    @property
    def path(self) -> Path:
        return notifications_file(self.paths)

    def send(self, notification: Notification) -> None:
        super().send(notification)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(notification.as_dict(), ensure_ascii=False) + "\n")


class WebhookNotifier:
    """POSTs the notification as JSON (with a ``text`` field, as chat webhooks expect) to the
    URL of the Airflow connection ``roma_notify_webhook`` (``ROMA_NOTIFY_WEBHOOK_CONN_ID``),
    e.g. ``AIRFLOW_CONN_ROMA_NOTIFY_WEBHOOK='https://hooks.example.org/roma'``; the connection's
    password, if any, is sent as a bearer token."""

    timeout_s = 10.0

    def __init__(self, conn_id: str | None = None) -> None:
        self.conn_id = conn_id or os.environ.get("ROMA_NOTIFY_WEBHOOK_CONN_ID", WEBHOOK_CONN_ID)

    def send(self, notification: Notification) -> None:
        url, token = self._endpoint()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = json.dumps(notification.as_dict(), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
            response.read()

    def _endpoint(self) -> tuple[str, str | None]:
        from airflow.sdk import Connection

        conn = Connection.get(self.conn_id)
        return webhook_url(conn.conn_type, conn.host, conn.port, conn.schema), conn.password


def webhook_url(conn_type: str | None, host: str | None, port: int | None, path: str | None) -> str:
    """The URL an Airflow connection describes (its host may already be a whole URL)."""
    if not host:
        raise ValueError("the webhook connection has no host")
    if "://" in host:
        base = host.rstrip("/")
    else:
        scheme = conn_type if conn_type in ("http", "https") else "https"
        base = f"{scheme}://{host}" + (f":{port}" if port else "")
    return f"{base}/{path.lstrip('/')}" if path else base


def notifications_file(paths: Paths | None = None) -> Path:
    return (paths or get_paths()).home / "notifications" / "notifications.jsonl"


def configured_notifiers(spec: str | None = None) -> list[Notifier]:
    """The notifiers ``ROMA_NOTIFIER`` names (``module:Class``, comma separated)."""
    spec = spec if spec is not None else os.environ.get("ROMA_NOTIFIER") or DEFAULT_NOTIFIER
    return [_load_class(name.strip())() for name in spec.split(",") if name.strip()]


def _load_class(name: str) -> type:
    module_name, _, class_name = name.partition(":")
    if not class_name:
        raise ValueError(f"ROMA_NOTIFIER entry {name!r} is not of the form module:Class")
    return getattr(importlib.import_module(module_name), class_name)


def send(notification: Notification, notifiers: list[Notifier] | None = None) -> None:
    """Send through every notifier; one failing does not stop the others (it is raised after)."""
    errors = []
    for notifier in notifiers if notifiers is not None else configured_notifiers():
        try:
            notifier.send(notification)
        except Exception as error:  # noqa: BLE001 - reported below, after the others ran
            log.exception("notifier %s failed", type(notifier).__name__)
            errors.append(f"{type(notifier).__name__}: {error}")
    if errors:
        raise RuntimeError("some notifiers failed: " + "; ".join(errors))


# Why a run failed is known where a task fails (its exception), while the run's failure is
# announced later and elsewhere (Airflow's DAG callback, in the DAG processor): failing tasks
# note their reason here, under the shared data home, and the run's notification collects them.


def _pending_file(dag_id: str, run_id: str, paths: Paths | None = None) -> Path:
    safe_run = re.sub(r"[^A-Za-z0-9_.-]", "_", run_id)
    return (paths or get_paths()).home / "notifications" / "pending" / dag_id / f"{safe_run}.jsonl"


def record_failure(
    dag_id: str, run_id: str, failure: TaskFailure, paths: Paths | None = None
) -> None:
    """Note why a task of a run failed (redacted, shortened), for the run's notification."""
    error = redact(failure.error)
    if len(error) > MAX_ERROR_CHARS:
        error = error[:MAX_ERROR_CHARS] + "…"
    path = _pending_file(dag_id, run_id, paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(asdict(failure) | {"error": error}, ensure_ascii=False) + "\n")


def take_failures(dag_id: str, run_id: str, paths: Paths | None = None) -> list[TaskFailure]:
    """The failures noted for a run, in the order they happened; the note is removed."""
    path = _pending_file(dag_id, run_id, paths)
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    path.unlink()
    return [TaskFailure(**json.loads(line)) for line in lines if line.strip()]
