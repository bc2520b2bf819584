"""Who may see what, and the access audit (dashboard/app_auth.py, app_data.py,
roma_monitor.serve.access_audit, the auth settings).

The app runs headless with AppTest; a signed-in user is simulated with ``AppTest.user`` (what
``st.user`` returns after a real OIDC sign-in: the ID token's claims plus ``is_logged_in``).
The real sign-in through an identity provider is tested in tests/browser/test_login.py.
"""

from __future__ import annotations

import multiprocessing
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from roma_monitor.privacy.personal_codes import contains_personal_code
from roma_monitor.publish import snapshot
from roma_monitor.serve import access_audit as audit
from roma_monitor.serve.formatting import NBSP
from roma_monitor.serve.i18n import t
from roma_monitor.settings import (
    OIDC_SECRET_VARIABLES,
    Paths,
    auth_settings,
    write_streamlit_auth_secrets,
)
from tests.conftest_snapshot import build_warehouse, progress_rows, publish_fixture_warehouse
from tests.pdf_text import flat, pdf_pages_text

APP_FILE = Path(__file__).resolve().parents[2] / "dashboard" / "streamlit_app.py"
DASHBOARD = APP_FILE.parent
QUALITY = "app_pages/quality.py"
COUNCIL_PAGES = ["overview", "measure", "regions", "platform", "methodology"]
INTERNAL = "indicators_internal"
AUDIT_KEY = "k" * 32
ISSUER = "https://idp.example.lv"


def assert_public_council_pdf(data: bytes) -> None:
    """The council's PDF as a reader sees it: built from the public hand-made snapshot, never
    from the internal one (whose headline is 4 321)."""
    pages = pdf_pages_text(data)
    # title page, targets, regions + breakdowns, data quality
    assert len(pages) == 4
    assert pages[0].startswith("Romu platformas stāvoklis")
    assert "Periods: 2022. gada novembris" in pages[0]
    text = flat("\n".join(pages))
    # the SIF row of 2022-11: 1 234 participants against > 3 000; 1 234 / 3 000 = 41,1 %
    assert "1 234 > 3 000 41,1 %" in text
    assert "4 321" not in text


def user(sub: str = "user-1", **claims) -> dict:
    """``st.user`` of a signed-in user: the ID token's claims."""
    return {"is_logged_in": True, "iss": ISSUER, "sub": sub, **claims}


@pytest.fixture
def audit_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "audit"
    monkeypatch.setenv("ROMA_AUDIT_DIR", str(directory))
    monkeypatch.setenv("ROMA_AUDIT_KEY", AUDIT_KEY)
    for name in ("ROMA_AUTH", "ROMA_OIDC_ROLES_CLAIM", "ROMA_AUDIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    for role in ("MINISTRY", "ENGINEER", "COUNCIL"):
        monkeypatch.delenv(f"ROMA_OIDC_ROLE_{role}", raising=False)
    return directory


@pytest.fixture
def oidc(audit_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ROMA_AUTH", "oidc")
    return audit_dir


def run(
    signed_in: dict | None = None,
    lang: str | None = None,
    secrets: dict | None = None,
) -> AppTest:
    at = AppTest.from_file(str(APP_FILE), default_timeout=60)
    if signed_in is not None:
        at.user = signed_in
    if lang is not None:
        at.query_params["lang"] = lang
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    return at.run()


def records(directory: Path) -> list[dict]:
    frame = audit.read_access_audit(directory)
    return frame.to_dict("records")


def overview_value(at: AppTest) -> str:
    """The first row's value in the overview table (the hand-made snapshot's headline)."""
    table = at.table[0].value
    return str(table.iloc[0]["Vērtība"]).replace("\\", "")


def sees_quality(at: AppTest) -> bool:
    try:
        at.switch_page(QUALITY).run()
    except ValueError:  # the page is not registered for this role
        return False
    assert not at.exception
    return at.title[0].value == t("quality.title", "lv")


def internal_banner(at: AppTest) -> bool:
    return t("auth.internal_banner", "lv") in [w.value for w in at.warning]


def no_data_shown(at: AppTest) -> bool:
    return not (at.table or at.dataframe or at.metric or at.get("vega_lite_chart"))


# --- modes ---------------------------------------------------------------------------------------


def test_public_default_shows_what_the_council_sees(published_home, audit_dir) -> None:
    at = run()
    assert not at.exception
    assert t("auth.public_view", "lv") in [c.value for c in at.sidebar.caption]
    assert overview_value(at) == f"1{NBSP}234"
    assert not sees_quality(at)
    [view] = records(audit_dir)
    assert (view["event"], view["who"], view["role"], view["mode"]) == (
        "view",
        audit.ANONYMOUS,
        "council",
        "public",
    )
    assert (view["page"], view["snapshot"], view["lang"]) == ("overview", "indicators", "lv")


def test_an_unknown_mode_shows_no_data(published_home, audit_dir, monkeypatch) -> None:
    monkeypatch.setenv("ROMA_AUTH", "dev")
    at = run(signed_in=user(roles=["ministry"]))
    assert not at.exception
    assert t("auth.unknown_mode", "lv", mode="dev", modes="public, oidc") in at.error[0].value
    assert no_data_shown(at) and not at.sidebar.selectbox
    assert not audit_dir.exists()


def test_oidc_asks_to_sign_in_and_shows_nothing_else(published_home, oidc) -> None:
    auth = {key: "x" for key in OIDC_SECRET_VARIABLES}
    at = run(lang="en", secrets={"auth": auth})
    assert not at.exception
    assert at.title[0].value == t("auth.sign_in_title", "en")
    assert [b.label for b in at.button] == [t("auth.sign_in", "en")]
    assert no_data_shown(at) and not at.sidebar.selectbox


def test_oidc_without_its_secrets_or_audit_key_shows_an_error(
    published_home, oidc, monkeypatch
) -> None:
    at = run()
    assert at.error[0].value == t("auth.not_configured", "lv")
    assert not at.button and no_data_shown(at)
    monkeypatch.delenv("ROMA_AUDIT_KEY")
    at = run(secrets={"auth": {key: "x" for key in OIDC_SECRET_VARIABLES}})
    assert at.error[0].value == t("auth.not_configured", "lv") and not at.button
    at = run(signed_in=user(roles=["council"]))
    assert at.error[0].value == t("auth.not_configured", "lv")
    assert no_data_shown(at)


# --- roles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "quality", "label"),
    [("council", False, "Konsultatīvā padome"), ("engineer", True, "Datu inženieris")],
)
def test_pages_by_role(published_home, oidc, role, quality, label) -> None:
    at = run(signed_in=user(roles=[role]))
    assert not at.exception
    assert t("auth.signed_in_as", "lv", role=label) in [c.value for c in at.sidebar.caption]
    assert [b.label for b in at.sidebar.button] == [t("auth.sign_out", "lv")]
    assert overview_value(at) == f"1{NBSP}234"  # the public figures
    assert not internal_banner(at)
    for page in COUNCIL_PAGES[1:]:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, page
    assert sees_quality(at) is quality


def test_a_user_without_a_role_gets_a_polite_no_access_page(published_home, oidc) -> None:
    at = run(signed_in=user(sub="visitor", roles=["guest"], name="Jānis Bērziņš"), lang="en")
    assert not at.exception
    assert at.title[0].value == t("auth.no_access_title", "en")
    assert at.info[0].value == t("auth.no_access", "en")
    assert [b.label for b in at.button] == [t("auth.sign_out", "en")]
    assert no_data_shown(at) and not at.sidebar.selectbox
    [denied] = records(oidc)
    assert denied["event"] == "denied" and denied["role"] is None
    assert denied["who"] == audit.pseudonym(AUDIT_KEY.encode(), ISSUER, "visitor")


def test_the_roles_claim_and_its_values_are_configured(published_home, oidc, monkeypatch) -> None:
    monkeypatch.setenv("ROMA_OIDC_ROLES_CLAIM", "groups")
    monkeypatch.setenv("ROMA_OIDC_ROLE_ENGINEER", "KM-Roma-Datu-Inzenieri, KM-IT")
    at = run(signed_in=user(groups=["Darbinieki", "KM-IT"]))
    assert sees_quality(at)
    # the default value "engineer" no longer grants the role, nor does another claim
    at = run(signed_in=user(groups="engineer", roles=["KM-IT"]))
    assert at.title[0].value == t("auth.no_access_title", "lv")


def test_the_most_privileged_role_wins(published_home, oidc) -> None:
    at = run(signed_in=user(roles=["council", "engineer"]))
    assert sees_quality(at)


# --- the ministry's internal data ----------------------------------------------------------------


@pytest.fixture
def internal_published(published_home: Paths, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """An internal snapshot beside the public one: the headline is 4 321 instead of 1 234 and
    its publication says 2022-10, so either is recognisable wherever it shows."""
    if INTERNAL not in snapshot.KINDS:  # until the publisher knows the kind
        monkeypatch.setattr(snapshot, "KINDS", (*snapshot.KINDS, INTERNAL))
    warehouse = build_warehouse(
        published_home.home / "internal_src.duckdb",
        progress=progress_rows(4321, internal=True),
        internal=True,
    )
    publish_fixture_warehouse(
        INTERNAL,
        warehouse,
        published_home,
        metadata={"latest_period": "2022-10-01", "internal": "true"},
    )
    return published_home


def test_the_ministry_reads_the_internal_snapshot_under_a_banner(
    internal_published, oidc, deferred_downloads
) -> None:
    at = run(signed_in=user(roles=["ministry"]))
    assert not at.exception
    assert internal_banner(at)
    assert overview_value(at) == f"4{NBSP}321"
    assert sees_quality(at)
    views = records(oidc)
    assert {v["snapshot"] for v in views} == {INTERNAL}
    # The council's PDF comes from the public snapshot even when the ministry asks for it.
    [pdf] = [name for name in deferred_downloads if name.endswith(".pdf")]
    assert pdf == "romu_platformas_stavoklis_2022-11.pdf"
    assert_public_council_pdf(deferred_downloads[pdf]())


def test_everyone_else_reads_the_public_snapshot(internal_published, oidc) -> None:
    for role in ("council", "engineer"):
        at = run(signed_in=user(roles=[role]))
        assert overview_value(at) == f"1{NBSP}234", role
        assert not internal_banner(at)
    assert {v["snapshot"] for v in records(oidc)} == {"indicators"}


def test_the_ministry_sees_public_figures_until_the_internal_ones_are_published(
    published_home, oidc
) -> None:
    at = run(signed_in=user(roles=["ministry"]), lang="en")
    assert at.info[0].value == t("auth.internal_missing", "en")
    assert t("auth.internal_banner", "en") not in [w.value for w in at.warning]
    table = at.table[0].value
    assert str(table.iloc[0]["Value"]) == "1,234"


# --- the access audit ----------------------------------------------------------------------------

PERSONAL_CODE = "010190-12345"  # shaped like a personal code (a Latvija.lv subject is one)


def test_views_are_recorded_by_pseudonym_never_by_name(published_home, oidc) -> None:
    person = user(sub=PERSONAL_CODE, name="Anna Ozola", email="anna.ozola@km.gov.lv")
    at = run(signed_in={**person, "roles": ["council"]})
    at.sidebar.selectbox(key="region").set_value("LATGALE").run()
    at.run()  # a rerun that changes nothing is not a new view
    at.switch_page("app_pages/regions.py").run()
    views = records(oidc)
    assert [(v["page"], v["region"]) for v in views] == [
        ("overview", None),
        ("overview", "LATGALE"),
        ("regions", "LATGALE"),
    ]
    who = audit.pseudonym(AUDIT_KEY.encode(), ISSUER, PERSONAL_CODE)
    assert {v["who"] for v in views} == {who} and len({v["session"] for v in views}) == 1
    assert {(v["role"], v["mode"], v["period"]) for v in views} == {("council", "oidc", "2022-11")}
    raw = "".join(p.read_text(encoding="utf-8") for p in oidc.iterdir())
    for personal in (PERSONAL_CODE, "Anna", "Ozola", "anna.ozola", "km.gov.lv"):
        assert personal not in raw
    assert not contains_personal_code(raw)
    assert oidc.stat().st_mode & 0o777 == 0o750


def test_a_download_is_recorded_when_it_is_served(published_home, oidc, deferred_downloads):
    """``app_auth.audited`` wraps a download: pressing it appends who, role, page, filters,
    export kind and file; the record is written before the file is handed out."""

    def page(dashboard: str) -> None:
        import sys

        sys.path.insert(0, dashboard)
        import app_auth
        import streamlit as st

        access = app_auth.require_access("en")
        app_auth.record_view("regions", "en", None, "indicators")
        st.download_button(
            "CSV",
            data=app_auth.audited(lambda: b"a;b\n", "csv", "regions.csv"),
            file_name="regions.csv",
            on_click="ignore",
        )
        st.write(access.role)

    at = AppTest.from_function(page, default_timeout=60, kwargs={"dashboard": str(DASHBOARD)})
    at.user = user(roles=["engineer"])
    at.run()
    assert not at.exception
    assert [r["event"] for r in records(oidc)] == ["view"]
    assert deferred_downloads["regions.csv"]() == b"a;b\n"
    download = records(oidc)[-1]
    assert (download["event"], download["export"], download["file"]) == (
        "download",
        "csv",
        "regions.csv",
    )
    assert (download["page"], download["role"], download["lang"]) == ("regions", "engineer", "en")
    assert download["who"] == records(oidc)[0]["who"]


def test_every_download_button_is_audited(internal_published, oidc, deferred_downloads) -> None:
    """Pressing the PDF, XLSX or CSV button records the download (who, role, page, filters,
    export kind, file, the snapshot it was built from) before the file is served."""
    at = run(signed_in=user(roles=["ministry"]))
    at.switch_page("app_pages/regions.py").run()
    assert not at.exception
    pdf = next(name for name in deferred_downloads if name.endswith(".pdf"))
    xlsx = [name for name in deferred_downloads if name.endswith(".xlsx")][-1]  # the regions'

    assert_public_council_pdf(deferred_downloads[pdf]())
    assert deferred_downloads[xlsx]()[:2] == b"PK"
    downloads = [r for r in records(oidc) if r["event"] == "download"]
    assert [(d["export"], d["file"]) for d in downloads] == [("pdf", pdf), ("xlsx", xlsx)]
    assert {(d["role"], d["page"]) for d in downloads} == {("ministry", "regions")}
    assert [d["snapshot"] for d in downloads] == ["indicators", INTERNAL]


def test_no_data_when_the_audit_cannot_be_written(published_home, oidc, monkeypatch) -> None:
    blocked = oidc.parent / "not_a_directory"
    blocked.write_text("")
    monkeypatch.setenv("ROMA_AUDIT_DIR", str(blocked))
    at = run(signed_in=user(roles=["council"]))
    assert at.error[0].value == t("auth.audit_failed", "lv")
    assert no_data_shown(at)


def test_pseudonyms_are_keyed_and_look_like_nothing_personal() -> None:
    key = b"a-secret-of-the-ministry"
    one = audit.pseudonym(key, ISSUER, "12345678901")
    assert one == audit.pseudonym(key, ISSUER, "12345678901")
    assert one != audit.pseudonym(b"another-secret-key-here", ISSUER, "12345678901")
    assert one != audit.pseudonym(key, "https://other.idp", "12345678901")
    many = [audit.pseudonym(key, ISSUER, str(n)) for n in range(2000)]
    assert len(set(many)) == len(many)
    assert all(p[2:].isalpha() and p.startswith("u-") for p in many)  # never a digit run
    with pytest.raises(ValueError):
        audit.pseudonym(b"", ISSUER, "x")


def test_values_shaped_like_a_personal_code_are_never_written(tmp_path) -> None:
    event = audit.AccessEvent(
        event="download",
        who="u-abc",
        session="s-abc",
        role="engineer",
        mode="oidc",
        page="quality",
        filters={"report": "01019012345", "lang": "lv"},
        file="export_010190-12345.csv",
    )
    path = audit.append(tmp_path, event, datetime(2026, 3, 31, 23, 59, tzinfo=UTC))
    assert path.name == "access-2026-03.jsonl"
    text = path.read_text(encoding="utf-8")
    assert "12345" not in text and text.count(audit.REDACTED) == 2


def _append_many(directory: str, worker: int, count: int) -> None:
    for n in range(count):
        event = audit.AccessEvent("view", f"u-{worker}", "s", "council", "public", page=str(n))
        audit.append(Path(directory), event)


def test_concurrent_writers_append_whole_lines(tmp_path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_append_many, args=(str(tmp_path), w, 300)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(30)
    assert [p.exitcode for p in workers] == [0, 0, 0, 0]
    frame = audit.read_access_audit(tmp_path)
    assert len(frame) == 1200
    assert frame.groupby("who")["page"].nunique().to_dict() == {f"u-{w}": 300 for w in range(4)}


def test_reading_the_audit_skips_a_torn_line_and_filters_by_date(tmp_path) -> None:
    def add(at: datetime, page: str) -> None:
        audit.append(tmp_path, audit.AccessEvent("view", "u-a", "s-a", "council", "oidc", page), at)

    add(datetime(2026, 1, 31, 22, 0, tzinfo=UTC), "overview")
    add(datetime(2026, 2, 1, 8, 0, tzinfo=UTC), "regions")
    with (tmp_path / "access-2026-02.jsonl").open("a", encoding="utf-8") as out:
        out.write('{"at": "2026-02-01T09:00:00+00:00", "event": "vi')  # crash mid-write
    add(datetime(2026, 2, 2, 8, 0, tzinfo=UTC), "measure")
    frame = audit.read_access_audit(tmp_path)
    assert list(frame["page"]) == ["overview", "regions", "measure"]
    assert list(frame.columns) == [
        *("at", "event", "who", "session", "role", "mode", "page"),
        *("lang", "measure", "region", "period", "export", "file", "snapshot"),
    ]
    assert str(frame["at"].dt.tz) == "UTC"
    assert list(audit.read_access_audit(tmp_path, since=date(2026, 2, 1))["page"]) == [
        "regions",
        "measure",
    ]
    assert audit.read_access_audit(tmp_path / "nothing").empty


def test_the_access_summary_counts_by_riga_day_and_role(tmp_path) -> None:
    """A hand-written audit: 22:30 UTC on 31 January is 1 February in Riga; a torn line and a
    line that is not an object count for nothing; no role is "anonymous"."""

    def line(at: str, event: str, who: str, role: str | None, page: str, file: str = "") -> str:
        download = f', "export": "csv", "file": "{file}", "snapshot": "indicators"' if file else ""
        role_json = "null" if role is None else f'"{role}"'
        return (
            f'{{"at": "{at}", "event": "{event}", "who": "{who}", "session": "s-a", '
            f'"role": {role_json}, "mode": "oidc", "page": "{page}", '
            f'"filters": {{"lang": "lv", "report": "x"}}{download}}}\n'
        )

    (tmp_path / "access-2026-01.jsonl").write_text(
        line("2026-01-30T12:00:00+00:00", "view", "u-a", "council", "overview")
        + line("2026-01-31T22:30:00+00:00", "view", "u-a", "council", "regions")
        + '{"at": "2026-01-31T23:00:00+00:00", "event": "vi\n'
        + "[1, 2]\n",
        encoding="utf-8",
    )
    (tmp_path / "access-2026-02.jsonl").write_text(
        line("2026-02-01T08:00:00+00:00", "view", "u-a", "council", "measure")
        + line("2026-02-01T09:00:00+00:00", "view", "u-b", "council", "overview")
        + line("2026-02-01T09:30:00+00:00", "download", "u-b", "council", "overview", "a.csv")
        + line("2026-02-01T10:00:00+00:00", "denied", "u-c", None, "overview")
        + line("2026-02-02T07:00:00+00:00", "download", "u-d", "ministry", "regions", "b.xlsx"),
        encoding="utf-8",
    )
    daily, downloads = audit.access_summary(tmp_path)
    assert [
        (f"{r.day:%Y-%m-%d}", r.role, r.views, r.downloads, r.denied, r.people)
        for r in daily.itertuples()
    ] == [
        ("2026-02-02", "ministry", 0, 1, 0, 1),
        ("2026-02-01", "anonymous", 0, 0, 1, 1),
        ("2026-02-01", "council", 3, 1, 0, 2),
        ("2026-01-30", "council", 1, 0, 0, 1),
    ]
    assert list(downloads["file"]) == ["b.xlsx", "a.csv"]
    assert list(downloads.columns) == ["at", "role", "page", "export", "file", "snapshot"]
    assert str(downloads["at"].iloc[0]) == "2026-02-02 07:00:00+00:00"

    daily, downloads = audit.access_summary(tmp_path, since=date(2026, 2, 1))
    assert [(f"{r.day:%Y-%m-%d}", r.role, r.views) for r in daily.itertuples()] == [
        ("2026-02-02", "ministry", 0),
        ("2026-02-01", "anonymous", 0),
        ("2026-02-01", "council", 2),
    ]
    daily, downloads = audit.access_summary(tmp_path / "nothing")
    assert daily.empty and downloads.empty
    assert list(daily.columns) == ["day", "role", "views", "downloads", "denied", "people"]


# --- settings ------------------------------------------------------------------------------------


def test_streamlit_auth_secrets_come_from_the_environment(tmp_path) -> None:
    environ = {var: f"value of {key}" for key, var in OIDC_SECRET_VARIABLES.items()}
    environ["ROMA_OIDC_CLIENT_SECRET"] = 'with "quotes" \\ and ūnicode'
    path = write_streamlit_auth_secrets(tmp_path / "run" / "secrets.toml", environ)
    assert path.stat().st_mode & 0o777 == 0o600
    section = tomllib.loads(path.read_text(encoding="utf-8"))["auth"]
    assert section["client_secret"] == 'with "quotes" \\ and ūnicode'
    assert set(section) == set(OIDC_SECRET_VARIABLES)
    del environ["ROMA_OIDC_COOKIE_SECRET"]
    with pytest.raises(KeyError, match="ROMA_OIDC_COOKIE_SECRET"):
        write_streamlit_auth_secrets(path, environ)


def test_auth_settings_defaults_and_the_audit_key_file(tmp_path) -> None:
    settings = auth_settings({"ROMA_HOME": str(tmp_path)})
    assert settings.mode == "public" and settings.roles_claim == "roles"
    assert settings.role_values["council"] == {"council"}
    assert settings.audit_key is None
    key_file = tmp_path / "audit_key"
    key_file.write_text("a-long-enough-secret-key\n")
    assert auth_settings({"ROMA_AUDIT_KEY_FILE": str(key_file)}).audit_key == (
        b"a-long-enough-secret-key"
    )
    assert auth_settings({"ROMA_AUDIT_KEY": "short"}).audit_key is None
    assert auth_settings({"ROMA_AUTH": " OIDC "}).mode == "oidc"


def test_the_audit_lives_under_the_home_unless_configured(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ROMA_HOME", str(tmp_path))
    monkeypatch.delenv("ROMA_AUDIT_DIR", raising=False)
    assert auth_settings().audit_dir == Paths(tmp_path.resolve()).audit
    monkeypatch.setenv("ROMA_AUDIT_DIR", str(tmp_path / "elsewhere"))
    assert auth_settings().audit_dir == tmp_path.resolve() / "elsewhere"


def test_the_ministrys_csv_and_xlsx_are_marked_internal_in_name_and_content(
    internal_published, oidc, deferred_downloads
) -> None:
    """Defect 8: the unsuppressed CSV carried the public file's name and no marking."""
    at = run(signed_in=user(roles=["ministry"]))
    at.switch_page("app_pages/regions.py").run()
    assert not at.exception
    tables = {n: f for n, f in deferred_downloads.items() if n.startswith("regions_")}
    assert sorted(n.rsplit(".", 1)[1] for n in tables) == ["csv", "xlsx"]
    assert all(n.rsplit(".", 1)[0].endswith("_IEKSEJAI_LIETOSANAI") for n in tables)
    [csv_name] = [n for n in tables if n.endswith(".csv")]
    lines = tables[csv_name]().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Klasifikācija;")
    assert len(lines) > 1
    assert all(line.startswith("IEKŠĒJAI LIETOŠANAI — nepublicēt;") for line in lines[1:])


def test_the_public_csv_has_no_internal_marking(internal_published, oidc, deferred_downloads):
    at = run(signed_in=user(roles=["engineer"]))
    at.switch_page("app_pages/regions.py").run()
    assert not at.exception
    [csv_name] = [n for n in deferred_downloads if n.startswith("regions_") and n.endswith("csv")]
    assert "IEKSEJAI" not in csv_name
    assert "IEKŠĒJAI" not in deferred_downloads[csv_name]().decode("utf-8-sig")
