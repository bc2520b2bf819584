#!/usr/bin/env bash
# The demo: sample extracts → ingest DAG → transform_and_publish DAG → dashboard + Airflow UI.
# Runs inside the project environment (make demo). Safe to run again: loaded files are archived
# and identical content is never loaded twice.
set -euo pipefail
serve=true
[[ "${1:-}" == "--no-serve" ]] && serve=false

eval "$(roma-monitor airflow-env)"
mkdir -p "$ROMA_HOME" "$AIRFLOW_HOME"

echo "== Airflow metadata (SQLite) in $AIRFLOW_HOME"
airflow db migrate >/dev/null
airflow pools set roma_warehouse 1 "DuckDB warehouse: one writing task at a time" >/dev/null
airflow dags reserialize >/dev/null 2>&1

if [[ -z "$(ls -A "$ROMA_HOME/archive" 2>/dev/null)" && -z "$(find "$ROMA_HOME/landing" -type f 2>/dev/null)" ]]; then
  echo "== Sample extracts into $ROMA_HOME/landing"
  roma-monitor sample --out "$ROMA_HOME/landing" --seed 2017
fi

status=0
sources=$(python -c "from roma_monitor.contracts.registry import SOURCES; print(' '.join(SOURCES))")
for source in $sources; do
  if [[ -n "$(ls -A "$ROMA_HOME/landing/$source" 2>/dev/null)" ]]; then
    echo "== DAG ingest_$source"
    airflow dags test "ingest_$source" >"$ROMA_HOME/ingest_$source.log" 2>&1 || {
      status=1; echo "   ingest_$source failed: rejected extracts are in $ROMA_HOME/quarantine (log: $ROMA_HOME/ingest_$source.log)"; }
  fi
done
echo "== DAG transform_and_publish (dbt build, publish)"
airflow dags test transform_and_publish >"$ROMA_HOME/transform_and_publish.log" 2>&1 || {
  echo "   transform_and_publish failed (log: $ROMA_HOME/transform_and_publish.log)"; exit 1; }
roma-monitor kpis --geo-level country --latest

$serve || exit $status

echo "== Serving: dashboard http://localhost:8501  ·  Airflow http://localhost:8080  (Ctrl-C stops both)"
for source in $sources; do airflow dags unpause "ingest_$source" >/dev/null 2>&1 || true; done
airflow dags unpause transform_and_publish >/dev/null 2>&1 || true
airflow standalone >"$ROMA_HOME/airflow_standalone.log" 2>&1 &
airflow_pid=$!
streamlit run dashboard/streamlit_app.py --server.port 8501 --server.headless true &
dashboard_pid=$!
trap 'kill $dashboard_pid $airflow_pid 2>/dev/null; wait 2>/dev/null; exit 0' INT TERM
wait
