import duckdb
import pytest

from roma_monitor.publish import snapshot
from roma_monitor.publish.snapshot import connect_published, current_snapshot, publish_tables


def _warehouse(paths, value):
    with duckdb.connect(str(paths.warehouse)) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS marts")
        con.execute("CREATE OR REPLACE TABLE marts.t AS SELECT ? AS v", [value])


def _publish(paths):
    return publish_tables("indicators", paths.warehouse, {"t": "SELECT * FROM src.marts.t"}, paths)


def test_nothing_published_yet(paths):
    assert current_snapshot("indicators", paths) is None
    with pytest.raises(FileNotFoundError):
        connect_published("indicators", paths)


def test_new_snapshot_becomes_current_while_open_readers_keep_theirs(paths):
    _warehouse(paths, 1)
    _publish(paths)
    reader = connect_published("indicators", paths)
    _warehouse(paths, 2)  # the warehouse changes after publishing: readers don't see it
    assert reader.execute("SELECT v FROM t").fetchone() == (1,)
    _publish(paths)
    assert reader.execute("SELECT v FROM t").fetchone() == (1,), "an open snapshot never changes"
    with connect_published("indicators", paths) as fresh:
        assert fresh.execute("SELECT v FROM t").fetchone() == (2,)
        assert dict(fresh.execute("SELECT * FROM publication").fetchall())["kind"] == "indicators"
    reader.close()


def test_failed_publish_keeps_the_last_good_snapshot(paths):
    _warehouse(paths, 1)
    good = _publish(paths)
    with pytest.raises(duckdb.Error):
        publish_tables(
            "indicators", paths.warehouse, {"t": "SELECT * FROM src.marts.missing"}, paths
        )
    assert current_snapshot("indicators", paths) == good
    assert not list(good.parent.glob("*.partial"))
    _warehouse(paths, "Rīga")  # the stand-in warehouse keeps no code (tests/zz_privacy_sweep)


def test_old_snapshots_are_pruned_but_current_is_kept(paths):
    _warehouse(paths, 1)
    for _ in range(snapshot.KEEP_VERSIONS + 3):
        last = _publish(paths)
    files = sorted(last.parent.glob("*.duckdb"))
    assert len(files) == snapshot.KEEP_VERSIONS
    assert current_snapshot("indicators", paths) == last


@pytest.mark.parametrize(
    "note", ["pk 010203 45678", "Rīga 010203\u201345678", "328765-43210", "0102\u200b03-45678"]
)
def test_a_value_shaped_like_a_personal_code_is_never_published(paths, note):
    """The last line of defence: whatever reached the marts, a code is not published."""
    _warehouse(paths, "Rīga")
    good = _publish(paths)
    _warehouse(paths, note)
    with pytest.raises(snapshot.PersonalCodeInSnapshot) as refused:
        _publish(paths)
    assert "t.v" in str(refused.value) and "45678" not in str(refused.value)
    assert current_snapshot("indicators", paths) == good
    assert not list(good.parent.glob("*.partial"))
    _warehouse(paths, "Rīga")  # the stand-in warehouse keeps no code (tests/zz_privacy_sweep)


def test_a_pseudonymous_key_and_dates_are_published(paths):
    key = "ab01020345678" + "c" * 51
    _warehouse(paths, f"{key} 16.05.2017 2021-09 1 031,50")
    published = _publish(paths)
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT v FROM t").fetchone()[0].startswith(key)
