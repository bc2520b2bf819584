import csv
import hashlib

from roma_monitor.reference import reference_codes
from roma_monitor.sample import write_sif_extracts


def _rows(directory):
    for path in sorted(directory.glob("*.csv")):
        data = path.read_bytes()
        text = (
            data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("cp1257")
        )
        yield from csv.DictReader(text.splitlines(), delimiter=";")


def test_same_seed_same_bytes_other_seed_other_data(tmp_path, sif_sample_dir):
    from tests.conftest import SAMPLE_SEED

    again = write_sif_extracts(tmp_path / "again", SAMPLE_SEED)
    other = write_sif_extracts(tmp_path / "other", SAMPLE_SEED + 1)
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert [digest(p) for p in again] == [digest(p) for p in sorted(sif_sample_dir.glob("*.csv"))]
    assert digest(other[30]) != digest(again[30])


def test_monthly_files_2017_07_to_2022_12_in_both_encodings(sif_sample_dir):
    files = sorted(p.name for p in sif_sample_dir.glob("*.csv"))
    assert files[0] == "SIF_9144_201707.csv" and files[-1] == "SIF_9144_202212.csv"
    assert len(files) == 66
    boms = [p.read_bytes().startswith(b"\xef\xbb\xbf") for p in sif_sample_dir.glob("*.csv")]
    assert any(boms) and not all(boms)


def test_codes_follow_the_atvk_vintage_in_force(sif_sample_dir):
    old, new = set(reference_codes("atvk_2009")), set(reference_codes("atvk_2021"))
    for row in _rows(sif_sample_dir):
        vintage = old if row["reporting_month"] < "2021-07" else new
        assert row["municipality_atvk"] in vintage


def test_volumes_are_plausible_for_the_target(sif_sample_dir):
    rows = list(_rows(sif_sample_dir))
    people = {r["participant_key"] for r in rows}
    assert 3000 < len(people) < 4000  # the report's target: more than 3 000 over 5.5 years
    assert all(len(k) == 64 for k in people)
    roma = {r["participant_key"] for r in rows if r["ethnicity"] == "romu"}
    assert 0.03 < len(roma) / len(people) < 0.2
    assert {r["ethnicity"] for r in rows} == {"romu", "cita", "nav norādīta"}
