"""The SIF 9.1.4.4 sample: monthly files, with plausible volumes for the report's target."""

from tests.extracts import extract_rows


def test_monthly_files_2017_07_to_2022_12(sif_sample_dir):
    files = sorted(p.name for p in sif_sample_dir.glob("*.csv"))
    assert files[0] == "SIF_9144_201707.csv" and files[-1] == "SIF_9144_202212.csv"
    assert len(files) == 66


def test_volumes_are_plausible_for_the_target(sif_sample_dir):
    rows = extract_rows(sorted(sif_sample_dir.glob("*.csv")))
    people = {r["participant_key"] for r in rows}
    assert 3000 < len(people) < 4000  # the report's target: more than 3 000 over 5.5 years
    assert all(len(k) == 64 for k in people)
    roma = {r["participant_key"] for r in rows if r["ethnicity"] == "romu"}
    assert 0.03 < len(roma) / len(people) < 0.2
    assert {r["ethnicity"] for r in rows} == {"romu", "cita", "nav norādīta"}
