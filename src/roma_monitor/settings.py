"""Where things live. Every path can be overridden from the environment (ROMA_*)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# The repository checkout the package runs from (editable install), or ROMA_PROJECT_ROOT. An
# installed wheel has none: only what `validate` needs ships with it (package data, below).
PROJECT_ROOT = Path(os.environ.get("ROMA_PROJECT_ROOT") or Path(__file__).resolve().parents[2])
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
# The wheel ships the seeds and the suites as package data under roma_monitor/data/
# ([tool.hatch.build.targets.wheel.force-include] in pyproject.toml); a checkout keeps them in
# the one place they live, the dbt project and expectations/.
PACKAGE_DATA = resources.files("roma_monitor") / "data"


def _shipped(name: str, in_checkout: Path) -> Path:
    packaged = PACKAGE_DATA / name
    return Path(str(packaged)) if packaged.is_dir() else in_checkout


SEEDS_DIR = _shipped("seeds", DBT_PROJECT_DIR / "seeds")
EXPECTATIONS_DIR = _shipped("expectations", PROJECT_ROOT / "expectations")
# The published marts' dbt contracts: readers check a snapshot's contract version against them.
MARTS_DIR = _shipped("marts", DBT_PROJECT_DIR / "models" / "marts")


class ProjectNotFound(RuntimeError):
    """A command needs the repository (dbt project, DAGs), and the package runs without it."""


def in_checkout() -> bool:
    return (DBT_PROJECT_DIR / "dbt_project.yml").is_file()


def require_project(what: str) -> Path:
    """The repository's root, or ProjectNotFound saying that `what` needs it."""
    if not in_checkout():
        where = os.environ.get("ROMA_PROJECT_ROOT") or "this installed package"
        raise ProjectNotFound(
            f"{what} needs the Roma Platform Monitor repository (its dbt project and DAGs), "
            f"and {where} has none: run it from a checkout, or set ROMA_PROJECT_ROOT to one. "
            "The package alone checks files: roma-monitor validate FILE --source SOURCE"
        )
    return PROJECT_ROOT


def _default_home() -> Path:
    """./var of the checkout; without one (an installed wheel), ./var of the current folder."""
    return PROJECT_ROOT / "var" if in_checkout() else Path.cwd() / "var"


@dataclass(frozen=True)
class Paths:
    """The data directories of one deployment (the demo uses ./var)."""

    home: Path

    @property
    def landing(self) -> Path:
        """Agencies drop extracts here, one folder per source."""
        return self.home / "landing"

    @property
    def archive(self) -> Path:
        """Immutable copies of accepted extracts, named by content hash."""
        return self.home / "archive"

    @property
    def quarantine(self) -> Path:
        """Rejected extracts beside their validation reports."""
        return self.home / "quarantine"

    @property
    def warehouse(self) -> Path:
        """The DuckDB warehouse: written only by the pipeline."""
        return self.home / "warehouse" / "roma_monitor.duckdb"

    @property
    def published(self) -> Path:
        """Read-only snapshots for the dashboard and the CLI."""
        return self.home / "published"

    @property
    def audit(self) -> Path:
        """The dashboard's access audit (append-only JSON lines, one file per month)."""
        return self.home / "audit"

    def landing_for(self, source: str) -> Path:
        return self.landing / source

    def ensure(self) -> Paths:
        for path in (
            self.landing,
            self.archive,
            self.quarantine,
            self.warehouse.parent,
            self.published,
        ):
            path.mkdir(parents=True, exist_ok=True)
        return self


def get_paths() -> Paths:
    return Paths(Path(os.environ.get("ROMA_HOME") or _default_home()).resolve())


def suppression_threshold() -> int:
    """A Roma count is withheld when fewer than this many people counted with it are not Roma."""
    return int(os.environ.get("ROMA_SUPPRESSION_THRESHOLD", "5"))


def rounding_base() -> int:
    """Published Roma counts are rounded to the nearest multiple of this (docs/privacy.md)."""
    return int(os.environ.get("ROMA_ROUNDING_BASE", "5"))


# --- dashboard access (docs/access.md) -------------------------------------------------------

AUTH_PUBLIC = "public"  # no sign-in: everyone sees what the council sees
AUTH_OIDC = "oidc"  # sign-in through an OpenID Connect provider, role from a claim
AUTH_MODES = (AUTH_PUBLIC, AUTH_OIDC)
ROLES = ("ministry", "engineer", "council")  # most to least privileged
MIN_AUDIT_KEY_BYTES = 16

# Streamlit's [auth] secrets, each from one environment variable (never from the repository).
OIDC_SECRET_VARIABLES = {
    "client_id": "ROMA_OIDC_CLIENT_ID",
    "client_secret": "ROMA_OIDC_CLIENT_SECRET",
    "server_metadata_url": "ROMA_OIDC_METADATA_URL",
    "redirect_uri": "ROMA_OIDC_REDIRECT_URI",
    "cookie_secret": "ROMA_OIDC_COOKIE_SECRET",
}


@dataclass(frozen=True)
class AuthSettings:
    """How the dashboard decides who may see what (environment, see docs/access.md).

    ``mode`` is ``ROMA_AUTH`` (``public`` when unset; anything else unknown is kept as given so
    the dashboard can refuse it). ``role_values`` maps each role to the values of the
    ``roles_claim`` claim that grant it (``ROMA_OIDC_ROLE_<ROLE>``, comma-separated; the role's
    own name by default). ``audit_key`` keys the pseudonyms of the access audit."""

    mode: str
    roles_claim: str
    role_values: dict[str, frozenset[str]]
    audit_dir: Path
    audit_key: bytes | None


def _csv_set(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _audit_key(environ: Mapping[str, str]) -> bytes | None:
    """``ROMA_AUDIT_KEY``, else the content of the file ``ROMA_AUDIT_KEY_FILE`` (a container
    secret); None when neither is set or the key is shorter than 16 bytes."""
    key = environ.get("ROMA_AUDIT_KEY", "")
    path = environ.get("ROMA_AUDIT_KEY_FILE", "")
    if not key and path:
        try:
            key = Path(path).read_text(encoding="utf-8").strip()
        except OSError:
            return None
    encoded = key.encode("utf-8")
    return encoded if len(encoded) >= MIN_AUDIT_KEY_BYTES else None


def auth_settings(environ: Mapping[str, str] | None = None) -> AuthSettings:
    environ = os.environ if environ is None else environ
    audit_dir = environ.get("ROMA_AUDIT_DIR")
    home = Path(environ.get("ROMA_HOME") or _default_home())
    return AuthSettings(
        mode=(environ.get("ROMA_AUTH") or AUTH_PUBLIC).strip().lower(),
        roles_claim=environ.get("ROMA_OIDC_ROLES_CLAIM") or "roles",
        role_values={
            role: _csv_set(environ.get(f"ROMA_OIDC_ROLE_{role.upper()}") or role) for role in ROLES
        },
        audit_dir=Path(audit_dir or home / "audit").resolve(),
        audit_key=_audit_key(environ),
    )


def streamlit_auth_secrets(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Streamlit's ``[auth]`` section from the ``ROMA_OIDC_*`` variables; KeyError names the
    missing ones."""
    environ = os.environ if environ is None else environ
    missing = [var for var in OIDC_SECRET_VARIABLES.values() if not environ.get(var)]
    if missing:
        raise KeyError(f"set {', '.join(missing)} for sign-in (docs/access.md)")
    return {key: environ[var] for key, var in OIDC_SECRET_VARIABLES.items()}


def write_streamlit_auth_secrets(path: Path, environ: Mapping[str, str] | None = None) -> Path:
    """Write the ``[auth]`` section to ``path`` (owner-only), for ``streamlit run
    --secrets.files PATH``. Keep ``path`` outside the repository; it is rewritten each start."""
    lines = ["[auth]"]
    lines += [
        f"{key} = {json.dumps(value)}" for key, value in streamlit_auth_secrets(environ).items()
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # also when the file was there before
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    return path
