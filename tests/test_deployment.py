"""What can be checked of the set-up without a Docker engine: the compose file parses, its
services are Airflow 3's components plus the dashboard, the files it builds from exist, and the
commands agree with the README and the Makefile."""

from __future__ import annotations

import re

import yaml

from roma_monitor.settings import PROJECT_ROOT

COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
README = (PROJECT_ROOT / "README.md").read_text()
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text()


def _command(service: str) -> list[str]:
    return COMPOSE["services"][service]["command"]


def test_compose_has_airflow3_components_postgres_and_dashboard():
    services = COMPOSE["services"]
    assert {
        "postgres",
        "airflow-init",
        "airflow-api-server",
        "airflow-scheduler",
        "airflow-dag-processor",
        "airflow-triggerer",
        "dashboard",
    } <= set(services)
    for service, subcommand in [
        ("airflow-api-server", "api-server"),
        ("airflow-scheduler", "scheduler"),
        ("airflow-dag-processor", "dag-processor"),
        ("airflow-triggerer", "triggerer"),
    ]:
        assert _command(service)[:2] == ["airflow", subcommand]
    assert "webserver" not in (PROJECT_ROOT / "docker-compose.yml").read_text()
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://")
    assert "airflow db migrate" in " ".join(_command("airflow-init"))


def test_dashboard_reads_the_shared_volume_read_only_with_the_readme_command():
    dashboard = COMPOSE["services"]["dashboard"]
    assert "roma-data:/data:ro" in dashboard["volumes"]
    assert dashboard["command"][:3] == ["streamlit", "run", "dashboard/streamlit_app.py"]
    assert "8501" in dashboard["command"] and "8501:8501" in dashboard["ports"]
    demo = (PROJECT_ROOT / "scripts" / "demo.sh").read_text()
    assert "streamlit run dashboard/streamlit_app.py --server.port 8501" in demo


def test_image_builds_from_files_that_exist():
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, flags=re.M):
        for name in source.split():
            assert (PROJECT_ROOT / name).exists(), name
    assert "uv sync --frozen" in dockerfile


def test_no_secret_in_the_compose_file():
    text = (PROJECT_ROOT / "docker-compose.yml").read_text()
    assert "${POSTGRES_PASSWORD:?" in text and "${AIRFLOW_JWT_SECRET:?" in text
    assert not re.search(r"PASSWORD:\s*[A-Za-z0-9]+\s*$", text, flags=re.M)


def test_readme_gives_exactly_two_setup_commands_that_the_makefile_and_ci_run():
    block = re.search(r"## Two commands.*?```bash\n(.*?)```", README, flags=re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    assert re.search(r"^demo: setup", MAKEFILE, flags=re.M)
    assert re.search(r"^test: setup", MAKEFILE, flags=re.M)
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text()


def test_dashboard_signs_in_with_secrets_from_the_environment():
    """OIDC sign-in (docs/access.md): Streamlit's [auth] section is a secrets directory whose
    files come from environment variables, the access audit has a writable volume of its own
    (the data stays read-only), and no secret value is written in the compose file."""
    from roma_monitor.settings import OIDC_SECRET_VARIABLES

    dashboard = COMPOSE["services"]["dashboard"]
    command = dashboard["command"]
    secrets_dir = command[command.index("--secrets.files") + 1]
    env = dashboard["environment"]
    assert env["ROMA_AUTH"] == "oidc" and env["ROMA_HOME"] == "/data"
    mounted = {}
    for secret in dashboard["secrets"]:
        source = secret["source"] if isinstance(secret, dict) else secret
        mounted[source] = secret.get("target") if isinstance(secret, dict) else None
        assert set(COMPOSE["secrets"][source]) == {"environment"}, source
    by_key = {
        target.rsplit("/", 1)[1]: COMPOSE["secrets"][source]["environment"]
        for source, target in mounted.items()
        if target and target.startswith(f"{secrets_dir}/auth/")
    }
    assert by_key == OIDC_SECRET_VARIABLES
    assert env["ROMA_AUDIT_KEY_FILE"] == "/run/secrets/roma_audit_key"
    assert COMPOSE["secrets"]["roma_audit_key"]["environment"] == "ROMA_AUDIT_KEY"
    audit_volume = next(v for v in dashboard["volumes"] if v.endswith(f":{env['ROMA_AUDIT_DIR']}"))
    assert not audit_volume.startswith("roma-data:")
    assert "roma-data:/data:ro" in dashboard["volumes"]
