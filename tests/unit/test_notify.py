"""Failure notifications: the message, the configured notifiers, the webhook on a real server."""

from __future__ import annotations

import json
import logging
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from airflow.sdk import DAG

from roma_monitor import notify
from roma_monitor.orchestration import RunFailureNotifier, record_task_failure
from roma_monitor.privacy import personal_codes

PERSONAL_CODES = ("150384-12345", "15038412345", "32123456789")


@pytest.fixture
def home(paths, monkeypatch):
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    monkeypatch.delenv("ROMA_NOTIFIER", raising=False)
    return paths


@pytest.fixture
def webhook(monkeypatch):
    """A local HTTP server standing in for the chat or ticket system; yields what it received."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"path": self.path, "headers": dict(self.headers), "body": body})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/hooks/roma"
    monkeypatch.setenv("AIRFLOW_CONN_ROMA_NOTIFY_WEBHOOK", url)
    yield received
    server.shutdown()
    server.server_close()


def _notification(error: str = "REJECTED SIF_9144_202212.csv: 1 rule(s) failed: sex.allowed"):
    return notify.Notification(
        dag_id="ingest_sif",
        run_id="manual__2026-01-05T10:00:00+00:00",
        reason="task_failure",
        failures=[notify.TaskFailure("process_extract.validate", error, map_index=3, try_number=1)],
    )


def test_the_message_names_dag_run_task_and_why():
    text = _notification().text
    assert "DAG ingest_sif failed" in text and "manual__2026-01-05T10:00:00+00:00" in text
    assert "process_extract.validate[3] (try 1)" in text
    assert "SIF_9144_202212.csv: 1 rule(s) failed: sex.allowed" in text


@pytest.mark.parametrize("code", PERSONAL_CODES)
def test_nothing_shaped_like_a_personal_code_is_ever_sent(code):
    message = _notification(error=f"could not convert '{code}' in row 2")
    assert code not in message.text and personal_codes.REDACTED in message.text
    assert code not in json.dumps(message.as_dict())
    # Hashes, timestamps and counts stay readable.
    assert notify.redact("sha 9f2c1234567890ab, 2026-01-05T10:00:00, 714 nodes") == (
        "sha 9f2c1234567890ab, 2026-01-05T10:00:00, 714 nodes"
    )


def test_the_default_notifier_logs_and_appends_a_json_line(home, caplog):
    assert [type(n) for n in notify.configured_notifiers()] == [notify.FileNotifier]
    with caplog.at_level(logging.ERROR, logger="roma_monitor.notify"):
        notify.send(_notification())
        notify.send(_notification())
    lines = notify.notifications_file(home).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    sent = json.loads(lines[0])
    assert sent["event"] == "dag_run_failed" and sent["dag_id"] == "ingest_sif"
    assert sent["failures"][0]["task_id"] == "process_extract.validate"
    assert "DAG ingest_sif failed" in caplog.text


def test_the_notifiers_are_chosen_by_configuration(home, monkeypatch):
    monkeypatch.setenv(
        "ROMA_NOTIFIER", "roma_monitor.notify:LogNotifier, roma_monitor.notify:WebhookNotifier"
    )
    assert [type(n) for n in notify.configured_notifiers()] == [
        notify.LogNotifier,
        notify.WebhookNotifier,
    ]
    with pytest.raises(ValueError, match="module:Class"):
        notify.configured_notifiers("roma_monitor.notify.FileNotifier")


def test_the_webhook_posts_the_notification_to_the_connection_url(home, webhook, monkeypatch):
    monkeypatch.setenv("ROMA_NOTIFIER", "roma_monitor.notify:WebhookNotifier")
    notify.send(_notification())
    assert len(webhook) == 1
    assert webhook[0]["path"] == "/hooks/roma"
    assert webhook[0]["headers"]["Content-Type"].startswith("application/json")
    posted = json.loads(webhook[0]["body"])
    assert posted["dag_id"] == "ingest_sif" and "sex.allowed" in posted["text"]
    assert not notify.notifications_file(home).exists(), "only the configured notifier ran"


def test_the_webhook_sends_the_connection_password_as_a_bearer_token(webhook, monkeypatch):
    url = os.environ["AIRFLOW_CONN_ROMA_NOTIFY_WEBHOOK"]  # the same server, as a JSON connection
    host, port = url.split("/")[2].split(":")
    conn = {"conn_type": "http", "host": host, "port": int(port), "schema": "hooks/roma"}
    monkeypatch.setenv("AIRFLOW_CONN_ROMA_NOTIFY_WEBHOOK", json.dumps(conn | {"password": "s3cr"}))
    notify.WebhookNotifier().send(_notification())
    assert webhook[0]["path"] == "/hooks/roma"
    assert webhook[0]["headers"]["Authorization"] == "Bearer s3cr"


def test_one_failing_notifier_does_not_silence_the_others(home, monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_ROMA_NOTIFY_WEBHOOK", "http://127.0.0.1:9/unreachable")
    notifiers = [notify.WebhookNotifier(), notify.FileNotifier()]
    with pytest.raises(RuntimeError, match="WebhookNotifier"):
        notify.send(_notification(), notifiers)
    assert notify.notifications_file(home).exists()


def test_failures_noted_by_tasks_end_up_in_the_runs_notification(home):
    dag = DAG(dag_id="transform_and_publish", schedule=None)
    run_id = "scheduled__2026-01-05T10:00:00+00:00"
    for task_id, error in (
        ("dbt_build", RuntimeError("dbt build failed (exit 1) on row 150384-12345")),
        ("publish_indicators", None),
    ):
        ti = _TaskInstance(dag.dag_id, task_id, run_id)
        record_task_failure({"ti": ti, "exception": error})
    RunFailureNotifier()({"dag": dag, "run_id": run_id, "reason": "task_failure"})
    sent = json.loads(notify.notifications_file(home).read_text(encoding="utf-8"))
    assert [f["task_id"] for f in sent["failures"]] == ["dbt_build", "publish_indicators"]
    assert sent["failures"][0]["error"].startswith("RuntimeError: dbt build failed (exit 1)")
    assert "150384-12345" not in json.dumps(sent)
    assert notify.take_failures(dag.dag_id, run_id) == [], "the notes are consumed"


def test_a_run_without_noted_failures_still_names_the_failed_task(home):
    dag = DAG(dag_id="ingest_nva", schedule=None)
    ti = _TaskInstance(dag.dag_id, "process_extract.load", "manual__x")
    RunFailureNotifier()({"dag": dag, "run_id": "manual__x", "reason": "task_failure", "ti": ti})
    sent = json.loads(notify.notifications_file(home).read_text(encoding="utf-8"))
    assert sent["failures"][0]["task_id"] == "process_extract.load"


class _TaskInstance:
    """The few task-instance fields a callback reads (a real one needs a running scheduler)."""

    def __init__(self, dag_id: str, task_id: str, run_id: str) -> None:
        self.dag_id, self.task_id, self.run_id = dag_id, task_id, run_id
        self.map_index, self.try_number = -1, 2
