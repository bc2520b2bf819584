#!/usr/bin/env bash
# The demo: sample extracts → ingest DAGs → transform_and_publish DAG → dashboard + Airflow UI.
# Runs inside the project environment (make demo). Safe to run again, and quick when nothing is
# new: Airflow's set-up is redone only after an upgrade or a change of the DAGs, the samples are
# written only into an empty data home, an ingest DAG runs only for files waiting, and dbt only
# when an ingest loaded a new extract (or nothing was ever published).
set -euo pipefail
serve=true
[[ "${1:-}" == "--no-serve" ]] && serve=false

eval "$(roma-monitor airflow-env)"
mkdir -p "$ROMA_HOME" "$AIRFLOW_HOME"
demo_started=$SECONDS
step_started=$SECONDS
step() { step_started=$SECONDS; echo "== $*"; }
took() { echo "   ${1:-done} in $((SECONDS - step_started)) s"; }

# Airflow's metadata, its pool and the DAGs' serialization, once per Airflow version and DAG files.
setup_stamp="$AIRFLOW_HOME/.demo-setup"
setup_key="airflow $(python -c 'from importlib.metadata import version; print(version("apache-airflow"))')"
if [[ ! -f "$setup_stamp" || "$(cat "$setup_stamp")" != "$setup_key" \
      || -n "$(find "$AIRFLOW__CORE__DAGS_FOLDER" -name '*.py' -newer "$setup_stamp")" ]]; then
  step "Airflow metadata (SQLite) in $AIRFLOW_HOME, pool, DAGs"
  airflow db migrate >/dev/null
  airflow pools set roma_warehouse 1 "DuckDB warehouse: one writing task at a time" >/dev/null
  airflow dags reserialize >/dev/null 2>&1
  echo "$setup_key" >"$setup_stamp"
  took
else
  echo "== Airflow metadata in $AIRFLOW_HOME: set up already"
fi

if [[ -z "$(ls -A "$ROMA_HOME/archive" 2>/dev/null)" && -z "$(find "$ROMA_HOME/landing" -type f 2>/dev/null)" ]]; then
  step "Sample extracts into $ROMA_HOME/landing"
  roma-monitor sample --out "$ROMA_HOME/landing" --seed 2017
  took
fi

status=0
loaded=false
sources=$(python -c "from roma_monitor.contracts.registry import SOURCES; print(' '.join(SOURCES))")
for source in $sources; do
  waiting=$(find "$ROMA_HOME/landing/$source" -maxdepth 1 -type f 2>/dev/null | wc -l)
  if ((waiting == 0)); then
    echo "== DAG ingest_$source: no file waiting, not run"
    continue
  fi
  log="$ROMA_HOME/ingest_$source.log"
  step "DAG ingest_$source: $waiting file(s) waiting, in batches of at most 20 (log: $log)"
  if airflow dags test "ingest_$source" >"$log" 2>&1; then took; else
    status=1; took "failed"
    echo "   rejected extracts are in $ROMA_HOME/quarantine (reasons in the log)"
  fi
  # The DAG's own sentence: whether this run loaded a new extract (then dbt runs).
  grep -o "\(No new\|[0-9][0-9]* new\) $source extract[^:]*" "$log" | head -1 | sed 's/^/   /' || true
  grep -q "[0-9] new $source extract(s) loaded" "$log" && loaded=true
done

if $loaded || [[ ! -e "$ROMA_HOME/published/indicators/current" ]]; then
  log="$ROMA_HOME/transform_and_publish.log"
  step "DAG transform_and_publish: dbt build, publish (log: $log)"
  airflow dags test transform_and_publish >"$log" 2>&1 || {
    took "failed"; exit 1; }
  took
else
  echo "== DAG transform_and_publish: no new extract was loaded, the published snapshot is current: not run"
fi
roma-monitor kpis --geo-level country --latest
echo "== Pipeline done in $((SECONDS - demo_started)) s"

$serve || exit $status

random_secret() { python -c 'import secrets; print(secrets.token_hex(32))'; }

# Dashboard sign-in (docs/access.md). ROMA_AUTH=public make demo serves the council's view
# without sign-in. Otherwise the [auth] secrets are written from the environment into a file
# outside the repository, removed on exit; with no ROMA_OIDC_METADATA_URL a local identity
# provider (oidc-provider-mock) runs with one demo user per role.
export ROMA_AUTH=${ROMA_AUTH:-oidc}
run_dir=$(mktemp -d)
idp_pid=""
auth_args=()
if [[ "$ROMA_AUTH" == oidc ]]; then
  export ROMA_AUDIT_KEY=${ROMA_AUDIT_KEY:-$(random_secret)}
  if [[ -z "${ROMA_OIDC_METADATA_URL:-}" ]]; then
    idp_port=${ROMA_DEMO_IDP_PORT:-9400}
    python -m oidc_provider_mock --port "$idp_port" \
      --user-claims '{"sub": "ministrija-demo", "roles": ["ministry"]}' \
      --user-claims '{"sub": "padome-demo", "roles": ["council"]}' \
      --user-claims '{"sub": "inzenieris-demo", "roles": ["engineer"]}' \
      --user-claims '{"sub": "bez-lomas-demo", "roles": []}' \
      >"$ROMA_HOME/identity_provider.log" 2>&1 &
    idp_pid=$!
    export ROMA_OIDC_METADATA_URL="http://localhost:$idp_port/.well-known/openid-configuration"
    export ROMA_OIDC_CLIENT_ID=${ROMA_OIDC_CLIENT_ID:-roma-dashboard-demo}
    export ROMA_OIDC_CLIENT_SECRET=${ROMA_OIDC_CLIENT_SECRET:-$(random_secret)}
    echo "== Local identity provider http://localhost:$idp_port: sign in as ministrija-demo," \
      "padome-demo, inzenieris-demo or bez-lomas-demo (no role)"
  fi
  export ROMA_OIDC_REDIRECT_URI=${ROMA_OIDC_REDIRECT_URI:-http://localhost:8501/oauth2callback}
  export ROMA_OIDC_COOKIE_SECRET=${ROMA_OIDC_COOKIE_SECRET:-$(random_secret)}
  python -c 'import sys, pathlib, roma_monitor.settings as s; s.write_streamlit_auth_secrets(pathlib.Path(sys.argv[1]))' \
    "$run_dir/secrets.toml"
  auth_args=(--secrets.files "$run_dir/secrets.toml")
fi

echo "== Serving: dashboard http://localhost:8501  ·  Airflow http://localhost:8080  (Ctrl-C stops both)"
airflow dags unpause --treat-dag-id-as-regex --yes '^(ingest_.*|transform_and_publish)$' >/dev/null 2>&1 || true
airflow standalone >"$ROMA_HOME/airflow_standalone.log" 2>&1 &
airflow_pid=$!
streamlit run dashboard/streamlit_app.py --server.port 8501 --server.headless true "${auth_args[@]}" &
dashboard_pid=$!
trap 'kill $dashboard_pid $airflow_pid $idp_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$run_dir"; exit 0' INT TERM
wait
