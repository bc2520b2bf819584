"""The IKVD 8.3.4 sample: quarterly files of entities, pupils and spending, with plausible volumes
for the targets."""

from collections import defaultdict

import pytest

from roma_monitor.reference import reference_codes
from roma_monitor.sample.ikvd import write_ikvd_extracts
from tests.extracts import extract_rows

SEED = 11


@pytest.fixture(scope="module")
def ikvd_sample_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "ikvd"
    write_ikvd_extracts(out, SEED)
    return out


def _rows(directory, pattern):
    return extract_rows(sorted(directory.glob(pattern)))


def _euros(text):
    return float(text.replace(",", "."))


def test_quarterly_files_for_the_three_datasets(ikvd_sample_dir):
    files = sorted(p.name for p in ikvd_sample_dir.glob("*.csv"))
    entities = [f for f in files if f.startswith("IKVD_834_VIEN_")]
    pupils = [f for f in files if f.startswith("IKVD_834_SKOL_")]
    spending = [f for f in files if f.startswith("IKVD_834_IZD_")]
    assert len(entities) == 24 and entities[0] == "IKVD_834_VIEN_2017Q1.csv"
    assert len(spending) == 24 and spending[-1] == "IKVD_834_IZD_2022Q4.csv"
    # individual support to pupils starts with the 2017/2018 school year
    assert len(pupils) == 22 and pupils[0] == "IKVD_834_SKOL_2017Q3.csv"
    assert pupils[-1] == "IKVD_834_SKOL_2022Q4.csv"
    assert len(files) == 70


def test_both_vintages_occur_in_the_last_snapshot_for_every_kind_of_entity(ikvd_sample_dir):
    # (that each code follows the vintage of the joined date: test_sample.py, for every source)
    new = set(reference_codes("atvk_2021"))
    rows = _rows(ikvd_sample_dir, "IKVD_834_VIEN_2022Q4.csv")
    kinds = {(r["entity_type"], r["municipality_atvk"] in new) for r in rows}
    assert kinds == {(k, v) for k in ("iestāde", "pašvaldība", "projekts") for v in (True, False)}


def test_snapshots_are_cumulative(ikvd_sample_dir):
    previous: set[str] = set()
    for path in sorted(ikvd_sample_dir.glob("IKVD_834_VIEN_*.csv")):
        ids = {r["entity_id"] for r in _rows(ikvd_sample_dir, path.name)}
        assert previous <= ids
        previous = ids


def test_entity_volumes_are_plausible_for_the_targets(ikvd_sample_dir):
    rows = list(_rows(ikvd_sample_dir, "IKVD_834_VIEN_2022Q4.csv"))
    by_type = defaultdict(list)
    for row in rows:
        by_type[row["entity_type"]].append(row)
    assert 600 <= len(by_type["iestāde"]) <= 760  # target 665
    assert 600 <= len(by_type["projekts"]) <= 800  # target 700
    old = set(reference_codes("atvk_2009"))
    agreements = by_type["pašvaldība"]
    old_agreements = [r for r in agreements if r["municipality_atvk"] in old]
    assert 85 <= len(old_agreements) <= 100  # before the reform (target 95, of 119)
    assert 3 <= len(agreements) - len(old_agreements) <= 10  # a few after the reform
    # re-signed agreements: the old one ends on the eve of the reform
    assert any(r["ended_date"] == "30.06.2021" for r in old_agreements)
    # the register starts with the first municipality agreements in March 2017
    first = list(_rows(ikvd_sample_dir, "IKVD_834_VIEN_2017Q1.csv"))
    assert first and "pašvaldība" in {r["entity_type"] for r in first}


def test_pupil_volumes_ethnicity_and_programmes(ikvd_sample_dir):
    rows = list(_rows(ikvd_sample_dir, "IKVD_834_SKOL_*.csv"))
    pupils = {r["pupil_key"] for r in rows}
    assert 3000 <= len(pupils) <= 5000
    assert all(len(k) == 64 for k in pupils)
    assert {r["ethnicity"] for r in rows} == {"romu", "cita", "nav norādīta"}
    ethnicity = {}
    for row in rows:
        ethnicity.setdefault(row["pupil_key"], row["ethnicity"])
    roma = {k for k, e in ethnicity.items() if e == "romu"}
    assert 0.03 < len(roma) / len(pupils) < 0.08
    # Roma pupils are far more often in special education programmes
    special = {r["pupil_key"] for r in rows if r["education_programme"] == "speciālā"}
    roma_special = len(roma & special) / len(roma)
    other_special = len(special - roma) / len(pupils - roma)
    assert roma_special > 2 * other_special
    # no support in the summer months
    assert not {r["reporting_month"][5:] for r in rows} & {"06", "07", "08"}
    # some pupils change school to another municipality within a plan (plans never span the
    # summer, so never the reform); some come back for a new plan
    municipalities = defaultdict(set)
    plans = defaultdict(set)
    for row in rows:
        municipalities[row["pupil_key"]].add(row["municipality_atvk"])
        plans[row["pupil_key"]].add(row["plan_start_date"])
    movers = {k for k, codes in municipalities.items() if len(codes) > 1 and len(plans[k]) == 1}
    assert movers
    assert sum(len(p) > 1 for p in plans.values()) > 0.05 * len(pupils)
    # clothing, shoes and hygiene goods only for needy families
    assert all(r["needy_family"] == "jā" for r in rows if "APG" in r["support_types"])
    assert all(r["support_types"] or r["specialists"] for r in rows)


def test_spending_sums_to_about_the_planned_funding(ikvd_sample_dir):
    rows = list(_rows(ikvd_sample_dir, "IKVD_834_IZD_*.csv"))
    total = sum(_euros(r["total_eur"]) for r in rows)
    esf = sum(_euros(r["esf_eur"]) for r in rows)
    assert 36_000_000 < total < 41_000_000  # planned 39,81 M EUR
    assert esf / total == pytest.approx(0.85, abs=0.001)  # planned ESF 33,84 M EUR
    assert all(_euros(r["esf_eur"]) <= _euros(r["total_eur"]) for r in rows)
